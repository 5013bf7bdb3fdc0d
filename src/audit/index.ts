/**
 * `saasgov audit okta` (SPEC §9.2) as a library: the inventory as `lint`
 * finds and judges it, the org as the Okta client reads it, the org rules
 * over both, and their findings as lint results — located at the manifest's
 * field, or, for an app no manifest declares, a result of its own whose
 * `filePath` is the app's Admin Console URL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter } from 'yaml';
import { ConfigResolver } from '../config/resolve';
import { lintProject, type LintRunOptions } from '../engine/lint';
import { fingerprint } from '../engine/lint-file';
import { compareMessages, countMessages, type LintMessage, type LintResult } from '../engine/results';
import { renderMessage, type AnyRule, type DeclaredApp, type OrgReport, type OrgRule } from '../engine/rule';
import { claimsOfText } from '../import';
import { parseManifestText } from '../manifest/parse';
import { formatPath } from '../manifest/path';
import type { OktaReader } from '../okta-api/client';
import { readOrg, type OrgApp, type OrgSnapshot, type ReadProgress } from '../okta-api/org';

/** The inventory as `lint` reads it (`paths`, config, rules, as-of), and the org's reading. */
export interface AuditOptions extends Pick<LintRunOptions, 'cwd' | 'config' | 'rules' | 'asOf' | 'paths'> {
  /** Days of System Log to read (`--since`). */
  readonly sinceDays: number;
  /** `--deployer`: System Log actors that are the pipeline, on top of the rule's `deployers` option. */
  readonly deployers: readonly string[];
  readonly now?: Date;
  readonly progress?: ReadProgress;
}

const orgRules = (rules: ReadonlyMap<string, AnyRule>) => [...rules.values()].filter((r): r is OrgRule => r.kind === 'org');

/** The manifests that matched the schema, with whether each passes. */
function declaredApps(results: readonly LintResult[]): DeclaredApp[] {
  return results.flatMap((r) =>
    r.documents.filter((d) => d.manifest !== undefined).map((d) => ({ manifest: d.manifest!, filePath: r.filePath, index: d.index, passing: d.errorCount === 0 })),
  );
}

/** What a file of the inventory claims (`claimsOfText`); nothing when it cannot be read. */
function claimsOf(filePath: string, readText: (filePath: string) => string): ReturnType<typeof claimsOfText> {
  try {
    return claimsOfText(readText(filePath));
  } catch {
    return { appIds: [], names: [] };
  }
}

/** The org rules' findings over an inventory (lint results kept with manifests) and an org, as results. */
export function auditResults(
  inventory: readonly LintResult[],
  org: OrgSnapshot,
  options: Omit<AuditOptions, 'progress' | 'now' | 'paths' | 'sinceDays' | 'cwd'>,
  readText: (filePath: string) => string = (f) => readFileSync(f, 'utf8'),
): LintResult[] {
  const resolver = new ConfigResolver(options.config, options.rules, options.asOf);
  const top = resolver.settingsFor(path.join(options.config.baseDir, '__top-level__'));
  const declared = declaredApps(inventory);
  const claimedAppIds = new Set(inventory.filter((r) => r.documents.length > 0).flatMap((r) => claimsOf(r.filePath, readText).appIds));
  const reports: { rule: OrgRule; report: OrgReport }[] = [];
  for (const rule of orgRules(options.rules)) {
    const setting = top.get(rule.id);
    let ruleOptions = setting?.options;
    if (rule.id === 'okta/changed-outside') {
      const own = (ruleOptions as { deployers: string[] }).deployers;
      ruleOptions = { ...(ruleOptions as object), deployers: [...own, ...options.deployers] };
    }
    rule.check({ asOf: options.asOf, rules: options.rules, org, declared, claimedAppIds, options: ruleOptions, report: (report) => reports.push({ rule, report }) });
  }

  const byFile = new Map<string, { rule: OrgRule; report: Extract<OrgReport, { declared: DeclaredApp }> }[]>();
  const byApp = new Map<string, { app: OrgApp; items: { rule: OrgRule; report: Extract<OrgReport, { app: OrgApp }> }[] }>();
  for (const item of reports) {
    if ('declared' in item.report) {
      const list = byFile.get(item.report.declared.filePath) ?? [];
      list.push({ rule: item.rule, report: item.report });
      byFile.set(item.report.declared.filePath, list);
    } else {
      const entry = byApp.get(item.report.app.id) ?? { app: item.report.app, items: [] };
      entry.items.push({ rule: item.rule, report: item.report });
      byApp.set(item.report.app.id, entry);
    }
  }

  const results: LintResult[] = inventory.map((r) => {
    const settings = resolver.settingsFor(r.filePath);
    const items = byFile.get(r.filePath) ?? [];
    const messages: LintMessage[] = [];
    if (items.length > 0) {
      const lineCounter = new LineCounter();
      const text = readText(r.filePath);
      const documents = parseManifestText(text, lineCounter);
      const seen = new Map<string, number>();
      for (const { rule, report } of items) {
        const severity = settings.get(rule.id)?.severity ?? 'off';
        const doc = documents.find((d) => d.index === report.declared.index);
        if (severity === 'off' || !doc?.locator) continue;
        const range = doc.locator.locate(report.path);
        const start = lineCounter.linePos(range.start);
        const end = lineCounter.linePos(range.end);
        const dotted = formatPath(report.path);
        const base = fingerprint([rule.id, report.declared.manifest.metadata.name, dotted, report.messageId]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        messages.push({
          ruleId: rule.id,
          severity: severity === 'error' ? 2 : 1,
          message: renderMessage(rule.messages[report.messageId]!, report.data),
          messageId: report.messageId,
          line: start.line,
          column: start.col,
          endLine: end.line,
          endColumn: end.col,
          path: dotted,
          app: report.declared.manifest.metadata.name,
          fingerprint: n === 0 ? base : fingerprint([base, String(n)]),
          document: report.declared.index,
        });
      }
    }
    messages.sort(compareMessages);
    return { filePath: r.filePath, messages, suppressedMessages: [], ...countMessages(messages), fixableErrorCount: 0, fixableWarningCount: 0, documents: r.documents.map((d) => ({ ...d, manifest: undefined })) };
  });

  for (const { app, items } of [...byApp.values()].sort((a, b) => (a.app.id < b.app.id ? -1 : 1))) {
    const messages: LintMessage[] = [];
    for (const { rule, report } of items) {
      const severity = top.get(rule.id)?.severity ?? 'off';
      if (severity === 'off') continue;
      messages.push({
        ruleId: rule.id,
        severity: severity === 'error' ? 2 : 1,
        message: renderMessage(rule.messages[report.messageId]!, report.data),
        messageId: report.messageId,
        line: 0,
        column: 0,
        endLine: 0,
        endColumn: 0,
        path: null,
        app: null,
        fingerprint: fingerprint([rule.id, `okta-app:${app.id}`, report.messageId, String(messages.length)]),
        document: 0,
      });
    }
    if (messages.length === 0) continue;
    messages.sort(compareMessages);
    results.push({
      filePath: app.adminUrl,
      location: { kind: 'okta-app', id: app.id, label: app.label, adminUrl: app.adminUrl },
      messages,
      suppressedMessages: [],
      ...countMessages(messages),
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      documents: [],
    });
  }
  return results;
}

/** Lints the inventory, reads the org (details only for declared apps; the System Log of the last `sinceDays`), and audits. */
export async function auditOkta(reader: OktaReader, options: AuditOptions): Promise<{ results: LintResult[]; org: OrgSnapshot }> {
  const inventory = lintProject({ cwd: options.cwd, config: options.config, rules: options.rules, asOf: options.asOf, paths: options.paths, keepManifests: true });
  const claimed = new Set(declaredApps(inventory).map((d) => d.manifest.spec.sso.okta?.appId).filter((id): id is string => id !== undefined));
  const now = options.now ?? new Date();
  const org = await readOrg(reader, {
    details: (app) => claimed.has(app.id),
    log: { since: new Date(now.getTime() - options.sinceDays * 86_400_000), until: now },
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { results: auditResults(inventory, org, options), org };
}
