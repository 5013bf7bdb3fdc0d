/** What every command shares: its I/O, exit statuses, and the options for config, date and output. */
import { InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from '../config/load';
import type { AnyRule } from '../engine/rule';
import type { FormatContext } from '../formatters/types';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { isCalendarDate } from '../manifest/schema';
import { SaasgovError } from '../util/errors';
import { VERSION } from '../util/package';
import { todayUtc } from '../util/dates';
import { writeFileAtomic } from '../util/write';
import path from 'node:path';
import { RULES_BY_ID } from '../../rules';

/** Exit statuses (SPEC §5). */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Where the CLI writes, and how it ends. */
export interface CliIO {
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
  /** Whether standard output is a terminal. */
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  exitCode: number;
}

/** `--as-of DATE`. */
export const asOfOption = () => new Option('--as-of <date>', 'evaluation date for date rules, YYYY-MM-DD (default: today, UTC)');
/** `-c, --config FILE`. */
export const configOption = () => new Option('-c, --config <file>', 'use this config file instead of the nearest saasgov.config.yaml');
/** `--max-file-size SIZE`, in bytes. */
export const maxFileSizeOption = () =>
  new Option('--max-file-size <size>', 'largest manifest file read, e.g. 5MB or 512KB').argParser(parseSize).default(DEFAULT_MAX_FILE_BYTES, '5MB');

/** The evaluation date: `--as-of`, else today (UTC). */
export function resolveAsOf(value: string | undefined): string {
  if (value === undefined) return todayUtc();
  if (!isCalendarDate(value)) throw new SaasgovError('USAGE', `--as-of must be a date YYYY-MM-DD, not "${value}"`);
  return value;
}

/** The config for a command: `--config`, else the nearest file, else defaults. */
export function resolveConfig(io: CliIO, configFile: string | undefined, rules: ReadonlyMap<string, AnyRule>): Config {
  return loadConfig({ cwd: io.cwd, ...(configFile ? { configFile } : {}), rules });
}

/** A non-negative integer option value. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0');
  return Number(value);
}

/** `5MB`, `512KB`, `1048576`: a size in bytes. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 5MB, 512KB or 1048576');
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

/** Colour: only on a terminal, never with NO_COLOR or --no-color (SPEC §5). */
export function useColor(io: CliIO, flag: boolean, toFile: boolean): boolean {
  if (!flag || toFile || !io.isTTY) return false;
  const noColor = io.env.NO_COLOR;
  return noColor === undefined || noColor === '';
}

/** What the lint formats need to render a run's results (`lint`, `audit okta`). */
export function formatContext(io: CliIO, config: Config, options: { readonly color: boolean; readonly outputFile?: string | undefined }, asOf: string, srcRoot: string): FormatContext {
  return {
    cwd: io.cwd,
    color: useColor(io, options.color, options.outputFile !== undefined),
    version: VERSION,
    asOf,
    rules: RULES_BY_ID,
    srcRoot,
    ...(config.ruleDocsUrl !== undefined ? { ruleDocsUrl: config.ruleDocsUrl } : {}),
  };
}

/** Prints `text`, or writes it atomically to `outputFile` (relative to the working directory), creating its directory as ESLint does. */
export function emit(io: CliIO, text: string, outputFile: string | undefined): void {
  if (outputFile === undefined) {
    io.stdout(text);
    return;
  }
  writeFileAtomic(path.resolve(io.cwd, outputFile), text, outputFile);
}
