/** Runs the CLI in-process with captured output, for tests. */
import { run } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/common';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: readonly string[], options: { cwd: string; isTTY?: boolean; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const text = (s: string | Uint8Array) => (typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
  const io: CliIO = {
    stdout: (s) => {
      stdout += text(s);
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd,
    exitCode: 0,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
