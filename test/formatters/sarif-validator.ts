/**
 * Microsoft's SARIF validator (`@microsoft/sarif-multitool`), run on a SARIF
 * text with the SARIF rules and the GitHub ingestion rules (`--rule-kind
 * Sarif;Gh`), and the SARIF 2.1.0 JSON Schema it ships, checked with ajv.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { PACKAGE_ROOT } from '../../src/util/package';

const TOOL_DIR = path.join(PACKAGE_ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');
const BINARY = path.join(TOOL_DIR, 'Sarif.Multitool');

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

export interface ValidatorFinding {
  readonly ruleId: string;
  readonly level: string;
  readonly text: string;
}

/** Runs `Sarif.Multitool validate`; returns its findings with their effective level. */
export function multitoolValidate(sarifText: string): ValidatorFinding[] {
  try {
    accessSync(BINARY, constants.X_OK);
  } catch {
    chmodSync(BINARY, 0o755); // npm ci can leave the self-contained .NET binary without its exec bit
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-sarif-'));
  try {
    const input = path.join(dir, 'input.sarif');
    const output = path.join(dir, 'validation.sarif');
    writeFileSync(input, sarifText);
    const run = spawnSync(BINARY, ['validate', input, '--output', output, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note', '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      timeout: 120_000,
    });
    let log: Sarif.Log;
    try {
      log = readJson(output) as Sarif.Log;
    } catch {
      throw new Error(`Sarif.Multitool wrote no result (status ${run.status}): ${run.stdout}${run.stderr}`);
    }
    const r = log.runs[0]!;
    const rules = r.tool.driver.rules ?? [];
    return (r.results ?? []).map((x) => ({
      ruleId: x.ruleId ?? '',
      level: x.level ?? rules[x.ruleIndex ?? -1]?.defaultConfiguration?.level ?? 'warning',
      text: `${x.ruleId}: ${JSON.stringify(x.message.arguments ?? x.message.text)}`,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let schemaValidator: ReturnType<Ajv2020['compile']> | undefined;

/** Errors of `log` against the SARIF 2.1.0 schema shipped with the multitool (empty when valid). */
export function schemaErrors(log: unknown): string[] {
  if (!schemaValidator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    schemaValidator = ajv.compile(readJson(path.join(TOOL_DIR, 'sarif-2.1.0.json')) as object);
  }
  return schemaValidator(log) ? [] : (schemaValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
