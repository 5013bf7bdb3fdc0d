/**
 * The `saasgov` command line (SPEC §5). Commands are thin: they parse options,
 * call the library, print, and set the exit status — 0 clean, 1 findings,
 * 2 usage/configuration error or internal failure.
 */
import { Command, CommanderError } from 'commander';
import { SaasgovError } from '../util/errors';
import { VERSION } from '../util/package';
import { registerAudit } from './audit';
import { registerImport } from './import';
import { registerExplain, registerRules, registerSchema } from './info';
import { registerInit } from './init';
import { registerLint } from './lint';
import { registerNew } from './new';
import { registerPlan } from './plan';
import { registerReport } from './report';
import { EXIT, type CliIO } from './common';

/** Builds the program; `io` is where output goes (tests pass their own). */
export function buildProgram(io: CliIO): Command {
  const program = new Command('saasgov')
    .description('Governance for SaaS apps as code: lint app manifests for SSO, SCIM, backup, residency and ownership gaps, and provision Okta with Pulumi.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true);
  registerLint(program, io);
  registerRules(program, io);
  registerExplain(program, io);
  registerSchema(program, io);
  registerPlan(program, io);
  registerReport(program, io);
  registerNew(program, io);
  registerInit(program, io);
  registerImport(program, io);
  registerAudit(program, io);
  configureAll(program, io);
  return program;
}

/**
 * Every command, however deep (`import okta`), writes through `io`, throws
 * instead of exiting, and reports a parsing error as saasgov reports any user
 * error: one line `saasgov: <what to fix>; run <command> --help` (commander
 * writes `error: …`, with a suggestion on a second line).
 */
function configureAll(command: Command, io: CliIO): void {
  const usage = commandPath(command);
  command.exitOverride().configureOutput({
    writeOut: (s) => io.stdout(s),
    writeErr: (s) => io.stderr(s),
    outputError: (text) => io.stderr(`saasgov: ${oneLine(text.replace(/^error: /, ''))}; run ${usage} --help\n`),
  });
  for (const sub of command.commands) configureAll(sub, io);
}

/** `saasgov import okta`. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const oneLine = (text: string) => text.trim().replace(/\s*\n\s*/g, ' ');

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit status. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return EXIT.error;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof SaasgovError) {
      io.stderr(`saasgov: ${error.message}\n`);
      return EXIT.error;
    }
    const detail = io.env.SAASGOV_DEBUG ? `\n${(error as Error).stack}` : ' (set SAASGOV_DEBUG=1 for details)';
    io.stderr(`saasgov: internal error: ${(error as Error).message}${detail}\n`);
    return EXIT.error;
  }
}

/** Entry point of `bin/saasgov.js`. */
export function main(argv: readonly string[]): void {
  // The reader went away (`saasgov lint | head`): nobody gets the rest of the
  // output, so stop quietly instead of dying on an unhandled 'error' event.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT.error);
  });
  const io: CliIO = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    exitCode: EXIT.ok,
  };
  run(argv, io).then(
    (code) => {
      process.exitCode = code;
      // Done: exit now, unless output is still queued (an asynchronous pipe). Otherwise Node would
      // first let V8 finish garbage collection work it has started (tens of ms after 10,000 files).
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
    },
    (error: unknown) => {
      process.stderr.write(`saasgov: internal error: ${String(error)}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
