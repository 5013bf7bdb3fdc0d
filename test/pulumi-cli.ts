/**
 * Runs a Pulumi project's Node.js program as `pulumi up` runs it, under
 * Pulumi's runtime mocks instead of an engine (no Pulumi CLI, no Okta), and
 * returns its stack outputs. The CLI's part is reproduced from pulumi/pulumi:
 *
 * - `main` in Pulumi.yaml names the program: a file's directory becomes the
 *   program directory and the file its entry point, a directory is the program
 *   directory, none is the project directory (`getPwdMain`,
 *   pkg/engine/project.go);
 * - the Node.js language host finds `@pulumi/pulumi/cmd/run` with
 *   `require.resolve` run in the program directory (`locateModule`), and starts
 *   `node <it> --monitor … --project … --root-directory … --stack … --pwd
 *   <program directory> <entry point>` there, with the stack config in
 *   PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS and the runtime options
 *   `typescript` (default true) and `tsconfig` in PULUMI_NODEJS_TYPESCRIPT and
 *   PULUMI_NODEJS_TSCONFIG_PATH (`constructArguments`, `execRuntime`,
 *   `parseOptions`, sdk/nodejs/cmd/pulumi-language-nodejs/main.go).
 *
 * From there on everything is the SDK's own code (cmd/run: change to the
 * program directory, ts-node or not, package.json, require or import), with
 * test/pulumi-mocks.cjs preloaded in place of the engine. (The preload's
 * `--require` in `process.execArgv` only stops run.js from choosing ts-node's
 * ESM mode, for TypeScript in a `"type": "module"` package: not a case here.)
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** What the program did: exit status, its output, and the stack outputs it registered (null when it failed first). */
export interface PulumiRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The working directory the program ran in, relative to the project directory. */
  readonly cwd: string;
  /** The TypeScript loader run.js registered (null for a JavaScript program). */
  readonly typescript: { tsnode: string; transpileOnly: boolean } | null;
  /** The `@pulumi/pulumi` that ran the program, relative to the project directory. */
  readonly sdk: string;
  readonly outputs: Record<string, unknown> | null;
}

interface ProjectFile {
  name: string;
  main?: string;
  runtime: string | { name: string; options?: { typescript?: boolean; tsconfig?: string } };
}

/** Runs the program of the Pulumi project in `root` for `stack` with the stack config `config` (keys in `secretKeys` are secrets). */
export function runLikePulumiCli(root: string, config: Record<string, string>, options: { stack?: string; secretKeys?: string[] } = {}): Promise<PulumiRun> {
  const stack = options.stack ?? 'dev';
  const project = parse(readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8')) as ProjectFile;
  const runtime = typeof project.runtime === 'string' ? { name: project.runtime } : project.runtime;
  if (runtime.name !== 'nodejs') throw new Error(`${root}/Pulumi.yaml: runtime ${runtime.name}, not nodejs`);
  let pwd = root;
  let entry = '.';
  if (project.main !== undefined) {
    const main = path.resolve(root, project.main);
    if (statSync(main).isDirectory()) pwd = main;
    else [pwd, entry] = [path.dirname(main), path.basename(main)];
  }
  const runPath = execFileSync(process.execPath, ['-e', "console.log(require.resolve('@pulumi/pulumi/cmd/run'))"], { cwd: pwd, encoding: 'utf8' }).trim();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys ?? []),
    ...(runtime.options?.typescript !== false ? { PULUMI_NODEJS_TYPESCRIPT: 'true' } : {}),
    ...(runtime.options?.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: runtime.options.tsconfig } : {}),
    // cmd/run/index.js copies its arguments into these before it runs the program; the mocks, preloaded, need them first.
    PULUMI_NODEJS_PROJECT: project.name,
    PULUMI_NODEJS_STACK: stack,
    PULUMI_NODEJS_ROOT_DIRECTORY: root,
    PULUMI_NODEJS_ORGANIZATION: 'organization',
  };
  const args = ['--require', path.join(__dirname, 'pulumi-mocks.cjs'), runPath];
  args.push('--monitor', 'mock', '--organization', 'organization', '--project', project.name, '--root-directory', root, '--stack', stack, '--pwd', pwd, entry);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: pwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const streams = { stdout: '', stderr: '', result: '' };
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (streams.stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (streams.stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => (streams.result += d));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('error', reject).on('close', (code) => {
      clearTimeout(timer);
      const result = streams.result ? (JSON.parse(streams.result) as { cwd: string; typescript: PulumiRun['typescript']; outputs: PulumiRun['outputs'] }) : undefined;
      resolve({
        status: code ?? 1,
        stdout: streams.stdout,
        stderr: streams.stderr,
        cwd: result ? path.relative(root, result.cwd) : '',
        typescript: result?.typescript ?? null,
        sdk: path.relative(root, path.dirname(path.dirname(path.dirname(runPath)))),
        outputs: result?.outputs ?? null,
      });
    });
  });
}
