/**
 * Finds and reads `saasgov.config.yaml` (SPEC §4). Every mistake — unknown
 * key, unknown rule id, bad severity, bad option, bad glob, bad date — is a
 * `CONFIG` error naming the file, line and column, with a "did you mean".
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { LineCounter } from 'yaml';
import { z } from 'zod';
import type { AnyRule, Severity } from '../engine/rule';
import { displayPath } from '../engine/files';
import type { Locator } from '../manifest/locate';
import { parseManifestText } from '../manifest/parse';
import { formatPath, valueAt } from '../manifest/path';
import { readManifestFile } from '../manifest/read';
import { isCalendarDate } from '../manifest/schema';
import type { Path } from '../manifest/types';
import { SaasgovError } from '../util/errors';
import { didYouMeanSuffix } from '../util/suggest';

export const CONFIG_FILE = 'saasgov.config.yaml';
export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

/** One rule entry after validation: options are complete (defaults filled in). */
export interface RuleEntry {
  readonly severity: Severity;
  /** Dated rollout: from this date on the rule is an error. */
  readonly errorFrom?: string;
  /** Present only when the entry set options. */
  readonly options?: unknown;
}

/** A layer of rule entries: the top-level `rules`, then each override in order. */
export interface RuleLayer {
  /** Matches a file path relative to the config's directory; absent for the top level. */
  readonly files?: (relativePath: string) => boolean;
  readonly rules: ReadonlyMap<string, RuleEntry>;
}

export interface Config {
  /** The config file, or `null` when none was found (defaults apply). */
  readonly filePath: string | null;
  /** Globs in the config are relative to this directory. */
  readonly baseDir: string;
  readonly preset: Preset;
  readonly manifests?: readonly string[];
  readonly ignores: readonly string[];
  readonly layers: readonly RuleLayer[];
  /** Where rule documentation links point (`{rule}`, `{version}` filled in); absent: saasgov's repository. */
  readonly ruleDocsUrl?: string;
}

/** The configuration when there is no file: `recommended`, no overrides. */
export function defaultConfig(baseDir: string): Config {
  return { filePath: null, baseDir, preset: 'recommended', ignores: [], layers: [] };
}

/** The nearest `saasgov.config.yaml` in `dir` or a parent, or `null`. */
export function findConfigFile(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return null;
  }
}

/** Loads the config named by `--config`, else the nearest one from `cwd`, else the defaults. */
export function loadConfig(options: { cwd: string; configFile?: string; rules: ReadonlyMap<string, AnyRule> }): Config {
  const file = options.configFile ? path.resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  if (file === null) return defaultConfig(options.cwd);
  if (!existsSync(file)) throw new SaasgovError('CONFIG', `Config file not found: ${options.configFile}`);
  return parseConfigFile(file, options.rules, options.cwd);
}

const globList = z.union([z.string(), z.array(z.string())]);
const configSchema = z.strictObject({
  extends: z.enum(PRESETS).optional(),
  manifests: globList.optional(),
  ignores: globList.optional(),
  ruleDocsUrl: z.string().optional(),
  rules: z.record(z.string(), z.unknown()).optional(),
  overrides: z
    .array(z.strictObject({ files: globList, ignores: globList.optional(), rules: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});
const TOP_KEYS = Object.keys(configSchema.shape);

/** Parses and validates a config file. */
export function parseConfigFile(file: string, rules: ReadonlyMap<string, AnyRule>, cwd = process.cwd()): Config {
  const display = displayPath(cwd, file);
  const read = readManifestFile(file);
  if (read.text === null) throw new SaasgovError('CONFIG', `${display}: cannot be read as UTF-8 YAML (${read.problem.messageId})`);
  const lineCounter = new LineCounter();
  const docs = parseManifestText(read.text, lineCounter);
  const at = (p: { line: number; col: number }) => `${display}:${p.line}:${p.col}`;
  const fail = (doc: Locator | null, where: Path | number, message: string, key = false): never => {
    const offset = typeof where === 'number' ? where : doc ? doc.locate(where, key ? 'key' : 'value').start : 0;
    throw new SaasgovError('CONFIG', `${at(lineCounter.linePos(offset))}: ${message}`);
  };
  if (docs.length > 1) fail(null, docs[1]!.range.start, 'a config file holds one YAML document');
  const parsed = docs[0];
  if (!parsed) return { ...defaultConfig(path.dirname(file)), filePath: file };
  const first = parsed.problems[0];
  if (first) fail(parsed.locator, first.range?.start ?? 0, `invalid YAML: ${first.data.detail ?? first.messageId}`);
  const doc = parsed.locator;
  const value = parsed.value ?? {};

  const result = configSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const p = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      const allowed = p.length === 0 ? TOP_KEYS : ['files', 'ignores', 'rules'];
      fail(doc, [...p, key], `unknown key "${key}"${didYouMeanSuffix(key, allowed)}`, true);
    }
    fail(doc, p, `${formatPath(p) || 'the config'}: ${issue.message}`);
  }
  const data = result.data!;
  const list = (v: string | string[] | undefined) => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);

  const checkGlobs = (globs: readonly string[] | undefined, where: Path) => {
    globs?.forEach((g, i) => {
      try {
        picomatch(g, { strictBrackets: true });
      } catch (error) {
        fail(doc, [...where, ...(Array.isArray(valueAt(value, where)) ? [i] : [])], `bad glob "${g}": ${(error as Error).message}`);
      }
    });
  };
  const manifests = list(data.manifests);
  const ignores = list(data.ignores) ?? [];
  checkGlobs(manifests, ['manifests']);
  checkGlobs(ignores, ['ignores']);
  if (data.ruleDocsUrl !== undefined && !isDocsTemplate(data.ruleDocsUrl)) {
    fail(doc, ['ruleDocsUrl'], 'ruleDocsUrl must be an http(s) URL with {rule} where the rule id goes, e.g. https://git.example.com/saasgov/blob/v{version}/rules/{rule}.md');
  }

  const layers: RuleLayer[] = [{ rules: parseRules(data.rules ?? {}, ['rules']) }];
  (data.overrides ?? []).forEach((o, i) => {
    const files = list(o.files)!;
    const oIgnores = list(o.ignores) ?? [];
    checkGlobs(files, ['overrides', i, 'files']);
    checkGlobs(oIgnores, ['overrides', i, 'ignores']);
    const include = picomatch(files, { dot: true });
    const exclude = oIgnores.length > 0 ? picomatch(oIgnores, { dot: true }) : () => false;
    layers.push({ files: (rel) => include(rel) && !exclude(rel), rules: parseRules(o.rules ?? {}, ['overrides', i, 'rules']) });
  });

  return {
    filePath: file,
    baseDir: path.dirname(file),
    preset: data.extends ?? 'recommended',
    ...(manifests ? { manifests } : {}),
    ignores,
    layers,
    ...(data.ruleDocsUrl !== undefined ? { ruleDocsUrl: data.ruleDocsUrl } : {}),
  };

  function parseRules(entries: Record<string, unknown>, where: Path): Map<string, RuleEntry> {
    const out = new Map<string, RuleEntry>();
    for (const id of Object.keys(entries)) {
      const rule = rules.get(id);
      if (!rule) fail(doc, [...where, id], `unknown rule "${id}"${didYouMeanSuffix(id, rules.keys())}`, true);
      out.set(id, parseEntry(rule!, entries[id], [...where, id]));
    }
    return out;
  }

  function parseEntry(rule: AnyRule, raw: unknown, where: Path): RuleEntry {
    let severity: unknown;
    let options: unknown;
    let optionsAt: Path = where;
    let errorFrom: unknown;
    if (Array.isArray(raw)) {
      if (raw.length < 1 || raw.length > 2) fail(doc, where, `rule ${rule.id}: use a severity, [severity] or [severity, {options}]`);
      severity = raw[0];
      options = raw[1];
      optionsAt = [...where, 1];
    } else if (typeof raw === 'object' && raw !== null) {
      const long = raw as Record<string, unknown>;
      for (const k of Object.keys(long)) {
        if (!['severity', 'errorFrom', 'options'].includes(k)) {
          fail(doc, [...where, k], `unknown key "${k}" in rule ${rule.id}${didYouMeanSuffix(k, ['severity', 'errorFrom', 'options'])}`, true);
        }
      }
      severity = long.severity ?? (long.errorFrom !== undefined ? 'warn' : undefined);
      options = long.options;
      optionsAt = [...where, 'options'];
      errorFrom = long.errorFrom;
      if (severity === undefined) fail(doc, where, `rule ${rule.id}: the long form needs "severity"`);
    } else {
      severity = raw;
    }
    const sev = toSeverity(severity);
    if (sev === undefined) fail(doc, Array.isArray(raw) ? [...where, 0] : where, `rule ${rule.id}: severity must be off, warn or error (or 0, 1, 2), not ${JSON.stringify(severity)}`);
    if (errorFrom !== undefined && (typeof errorFrom !== 'string' || !isCalendarDate(errorFrom))) {
      fail(doc, [...where, 'errorFrom'], `rule ${rule.id}: errorFrom must be a date YYYY-MM-DD`);
    }
    const entry: { severity: Severity; errorFrom?: string; options?: unknown } = { severity: sev! };
    if (typeof errorFrom === 'string') entry.errorFrom = errorFrom;
    if (options !== undefined) {
      const parsedOptions = rule.options.safeParse(options);
      if (!parsedOptions.success) {
        const issue = parsedOptions.error.issues[0]!;
        const p = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
        if (issue.code === 'unrecognized_keys') {
          const key = issue.keys[0]!;
          fail(doc, [...optionsAt, ...p, key], `rule ${rule.id}: unknown option "${key}"${didYouMeanSuffix(key, optionKeys(rule))}`, true);
        }
        fail(doc, [...optionsAt, ...p], `rule ${rule.id}: invalid option ${formatPath(p) || 'value'}: ${issue.message}`);
      }
      entry.options = parsedOptions.data;
    }
    return entry;
  }
}

/** A link template: `{rule}` in it, and an absolute http(s) URL once the placeholders are filled. */
function isDocsTemplate(template: string): boolean {
  if (!template.includes('{rule}')) return false;
  try {
    const url = new URL(template.replaceAll('{rule}', 'sso/required').replaceAll('{version}', '1.0.0'));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function optionKeys(rule: AnyRule): string[] {
  const shape = (rule.options as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function toSeverity(v: unknown): Severity | undefined {
  if (v === 'off' || v === 0) return 'off';
  if (v === 'warn' || v === 1) return 'warn';
  if (v === 'error' || v === 2) return 'error';
  return undefined;
}
