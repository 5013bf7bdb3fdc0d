/**
 * Lints one file: read → documents with positions → schema → rules → located,
 * waived findings. Pure per file (no cross-file state), so files can be linted
 * in any order, in worker threads, or taken from a cache; project rules run
 * afterwards on the claims each file returns.
 */
import { LineCounter } from 'yaml';
import { parseManifestDocuments } from '../manifest/parse';
import { formatPath, valueAt } from '../manifest/path';
import { readManifestFile, type ReadResult } from '../manifest/read';
import { APP_NAME, type Manifest } from '../manifest/schema';
import type { LoadProblem, ParsedDocument, Path, TextRange } from '../manifest/types';
import { validateManifest } from '../manifest/validate';
import { looksLikeSecret } from '../secrets/detect';
import { digest } from '../util/hash';
import {
  renderMessage,
  type AnyRule,
  type MessageData,
  type ProjectDocument,
  type RawReport,
  type Report,
  type RuleEnvironment,
  type RuleSettings,
} from './rule';
import { compareMessages, countMessages, type DocumentResult, type LintMessage, type LintResult, type Suppression } from './results';
import { validWaivers, type WaiverValidOptions } from './waivers';

export interface LintFileOptions {
  readonly env: RuleEnvironment;
  /** Severities and options in effect for this file. */
  readonly settings: RuleSettings;
  /** Path shown in messages and used in fingerprints of nameless documents (relative, `/`). */
  readonly displayPath: string;
  readonly maxFileBytes?: number;
  /** Keep typed manifests in `documents` (for the report and the Pulumi program). */
  readonly keepManifests?: boolean;
}

/** A file's result, and what project rules need from it. */
export interface FileOutcome {
  readonly result: LintResult;
  readonly projectDocuments: ProjectDocument[];
}

/** A finding before it is located. */
interface Pending {
  readonly ruleId: string;
  readonly messageId: string;
  readonly data?: MessageData;
  readonly path?: Path;
  readonly at?: 'key' | 'value';
  readonly range?: TextRange;
  readonly position?: { readonly line: number; readonly column: number };
}

/** Lints the file at `filePath` (absolute, `/` separators). Never throws for any file content. */
export function lintFile(filePath: string, options: LintFileOptions): FileOutcome {
  return lintSource(filePath, readManifestFile(filePath, options.maxFileBytes), options);
}

/** Lints already-read file content. */
export function lintSource(filePath: string, read: ReadResult, options: LintFileOptions): FileOutcome {
  const messages: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const documents: DocumentResult[] = [];
  const projectDocuments: ProjectDocument[] = [];
  const lineCounter = new LineCounter();
  const text = read.text;

  if (text === null) {
    messages.push(...locateAll(options, null, lineCounter, null, [read.problem], 0, null, null));
  } else {
    // One document at a time: each is linted and let go before the next is composed.
    for (const doc of parseManifestDocuments(text, lineCounter)) {
      const outcome = lintDocument(filePath, text, lineCounter, doc, options);
      messages.push(...outcome.messages);
      suppressed.push(...outcome.suppressed);
      documents.push(outcome.document);
      if (outcome.project) projectDocuments.push(outcome.project);
    }
    if (documents.length === 0) {
      const problem: LoadProblem = { ruleId: 'manifest/schema', messageId: 'noDocument', data: {}, range: { start: 0, end: 0 } };
      messages.push(...locateAll(options, text, lineCounter, null, [problem], 0, null, null));
    }
  }
  messages.sort(compareMessages);
  suppressed.sort(compareMessages);
  return {
    result: { filePath, messages, suppressedMessages: suppressed, ...countMessages(messages), fixableErrorCount: 0, fixableWarningCount: 0, documents },
    projectDocuments,
  };
}

function enabled(options: LintFileOptions, rule: AnyRule): boolean {
  return (options.settings.get(rule.id)?.severity ?? 'off') !== 'off';
}

function lintDocument(
  filePath: string,
  text: string,
  lineCounter: LineCounter,
  parsed: ParsedDocument,
  options: LintFileOptions,
): { messages: LintMessage[]; suppressed: LintMessage[]; document: DocumentResult; project?: ProjectDocument } {
  const { env, settings } = options;
  const pending: Pending[] = [...parsed.problems];
  const syntaxOk = !parsed.problems.some((p) => p.ruleId === 'manifest/syntax');
  const structureOk = parsed.problems.length === 0;
  let manifest: Manifest | undefined;
  if (syntaxOk && parsed.value !== undefined) {
    const validation = validateManifest(parsed.value, parsed.locator, parsed.extensions ?? true);
    pending.push(...validation.problems);
    if (structureOk) manifest = validation.manifest;
  }

  // One report function for all rules (checks are synchronous); the rule is `current`.
  let current = '';
  const report = (r: RawReport | Report) => {
    pending.push({ ruleId: current, ...r });
  };

  // Document rules (secrets) need no schema: they run on every document.
  const documentContext = { asOf: env.asOf, rules: env.rules, value: parsed.value, text, range: parsed.range, options: undefined as unknown, report };
  for (const rule of env.rules.values()) {
    if (rule.kind !== 'document' || !enabled(options, rule)) continue;
    current = rule.id;
    documentContext.options = settings.get(rule.id)?.options;
    rule.check(documentContext);
  }

  let valid: number[] = [];
  if (manifest) {
    valid = validWaivers(manifest, env, settings.get('waiver/valid')?.options as WaiverValidOptions);
    // One context object for every rule, its options swapped in: cheaper than a fresh object per rule.
    const context = { asOf: env.asOf, rules: env.rules, manifest, validWaivers: valid, options: undefined as unknown, report };
    for (const rule of env.rules.values()) {
      if (rule.kind !== 'manifest' || !enabled(options, rule)) continue;
      current = rule.id;
      context.options = settings.get(rule.id)?.options;
      rule.check(context);
    }
  }

  const app = shownName(manifest?.metadata.name ?? rawName(parsed.value));
  const located = locateAll(options, text, lineCounter, parsed, pending, parsed.index, app, parsed.value);

  // Waivers (SPEC §2.3): a valid waiver suppresses every finding of its waivable rule.
  const messages: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const used = new Set<number>();
  const waivers = manifest?.spec.waivers ?? [];
  for (const message of located) {
    const rule = env.rules.get(message.ruleId);
    const by = rule?.waivable ? valid.filter((i) => waivers[i]!.rule === message.ruleId) : [];
    if (by.length === 0) {
      messages.push(message);
      continue;
    }
    by.forEach((i) => used.add(i));
    const suppressions: Suppression[] = by.map((i) => {
      const w = waivers[i]!;
      return { kind: 'external', justification: w.reason, approvedBy: w.approvedBy, ticket: w.ticket, expires: w.expires };
    });
    suppressed.push({ ...message, suppressions });
  }
  const unusedRule = env.rules.get('waiver/unused');
  if (manifest && unusedRule && enabled(options, unusedRule)) {
    const unused: Pending[] = valid
      .filter((i) => !used.has(i) && (settings.get(waivers[i]!.rule)?.severity ?? 'off') !== 'off')
      .map((i) => ({ ruleId: 'waiver/unused', messageId: 'unused', path: ['spec', 'waivers', i, 'rule'], data: { rule: waivers[i]!.rule } }));
    messages.push(...locateAll(options, text, lineCounter, parsed, unused, parsed.index, app, parsed.value));
  }

  let project: ProjectDocument | undefined;
  if (manifest) {
    const claims: ProjectDocument['claims'][number][] = [];
    for (const rule of env.rules.values()) {
      if (rule.kind !== 'project' || !enabled(options, rule)) continue;
      for (const claim of rule.claims(manifest)) {
        const pos = toLineColumn(text, lineCounter, parsed.locator!.locate(claim.path));
        claims.push({ ...claim, ...pos });
      }
    }
    if (claims.length > 0) project = { filePath: options.displayPath, index: parsed.index, app, claims };
  }

  const failedRules = [...new Set(messages.filter((m) => m.severity === 2).map((m) => m.ruleId))].sort();
  const counts = countMessages(messages);
  return {
    messages,
    suppressed,
    project,
    document: {
      index: parsed.index,
      line: lineCounter.linePos(firstContent(text, parsed.range)).line,
      app,
      ...(options.keepManifests && manifest ? { manifest } : {}),
      errorCount: counts.errorCount,
      warningCount: counts.warningCount,
      failedRules,
    },
  };
}

/** An app name as results show it: none when it looks like a credential (a Slack token is a valid name). */
function shownName(name: string | null): string | null {
  return name !== null && looksLikeSecret(name) ? null : name;
}

/** `metadata.name` of a document that did not match the schema, if it is a plausible name. */
function rawName(value: unknown): string | null {
  const meta = (value as { metadata?: unknown } | null | undefined)?.metadata;
  const name = typeof meta === 'object' && meta !== null ? (meta as { name?: unknown }).name : undefined;
  return typeof name === 'string' && APP_NAME.test(name) ? name : null;
}

function firstContent(text: string, range: TextRange): number {
  const m = /[^\s-]|$/.exec(text.slice(range.start, Math.min(range.end, range.start + 4096)));
  return range.start + (m?.index ?? 0);
}

/** Line/column of a text range, without trailing whitespace. 1-based; end column exclusive. */
function toLineColumn(text: string | null, lineCounter: LineCounter, range: TextRange) {
  let end = range.end;
  if (text !== null) while (end > range.start && /\s/.test(text[end - 1]!)) end--;
  const s = lineCounter.linePos(range.start);
  const e = lineCounter.linePos(end);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

function locateAll(
  options: LintFileOptions,
  text: string | null,
  lineCounter: LineCounter,
  parsed: ParsedDocument | null,
  pending: readonly Pending[],
  documentIndex: number,
  app: string | null,
  value: unknown,
): LintMessage[] {
  const { env, settings } = options;
  const out: LintMessage[] = [];
  const seen = new Map<string, number>();
  for (const p of pending) {
    const rule = env.rules.get(p.ruleId);
    if (!rule) throw new Error(`internal: finding of unregistered rule ${p.ruleId}`);
    const severity = settings.get(p.ruleId)?.severity ?? 'off';
    if (severity === 'off') continue;
    const template = (rule.messages as Record<string, string>)[p.messageId];
    if (template === undefined) throw new Error(`internal: rule ${p.ruleId} has no message ${p.messageId}`);
    let where: { line: number; column: number; endLine: number; endColumn: number };
    if (p.position) {
      where = { line: p.position.line, column: p.position.column, endLine: p.position.line, endColumn: p.position.column };
    } else if (p.range) {
      where = toLineColumn(text, lineCounter, p.range);
    } else if (p.path && parsed?.locator) {
      where = toLineColumn(text, lineCounter, parsed.locator.locate(p.path, p.at));
    } else {
      where = toLineColumn(text, lineCounter, parsed?.range ?? { start: 0, end: 0 });
    }
    const path = p.path ? formatPath(p.path) : null;
    const offending = rule.fingerprintValue === false || !p.path ? '' : JSON.stringify(valueAt(value, p.path) ?? null);
    const base = fingerprint([p.ruleId, app ?? `${options.displayPath}#${documentIndex}`, path ?? '', p.messageId, offending]);
    // Two findings that would share a fingerprint get an ordinal, so each stays distinct.
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({
      ruleId: p.ruleId,
      severity: severity === 'error' ? 2 : 1,
      message: renderMessage(template, p.data),
      messageId: p.messageId,
      ...where,
      path,
      app,
      fingerprint: n === 0 ? base : fingerprint([base, String(n)]),
      document: documentIndex,
      ...(p.ruleId === 'manifest/syntax' ? { fatal: true as const } : {}),
    });
  }
  return out;
}

/** A finding's fingerprint: a hash of its identifying parts. */
export function fingerprint(parts: readonly string[]): string {
  return digest('sha256', parts.join('\u0000')).slice(0, 32);
}
