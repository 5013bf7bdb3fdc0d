/**
 * Project (cross-file) rules over a stream of file outcomes in path order:
 * each file's result is final as soon as it is added, so a run can print or
 * write it at once and forget it.
 */
import type { ConfigResolver } from '../config/resolve';
import { formatPath } from '../manifest/path';
import { fingerprint, type FileOutcome } from './lint-file';
import { renderMessage, type AnyRule, type ProjectDocument, type ProjectReport, type ProjectRule } from './rule';
import { compareMessages, countMessages, type LintMessage, type LintResult } from './results';

/** No findings (shared: never added to). */
const NONE: LintMessage[] = [];

export class ProjectChecker {
  private readonly visitors: { rule: ProjectRule; visit: (document: ProjectDocument) => void }[] = [];
  /** Findings in the file being visited (NONE, shared, until there is one). */
  private pending: LintMessage[] = NONE;
  /** The file being visited. */
  private filePath = '';

  constructor(
    rules: ReadonlyMap<string, AnyRule>,
    private readonly resolver: ConfigResolver,
  ) {
    for (const rule of rules.values()) {
      if (rule.kind !== 'project') continue;
      const visit = rule.start(undefined, (r) => this.report(rule, r));
      this.visitors.push({ rule, visit });
    }
  }

  /** Adds the next file (in path order) and returns its final result. */
  add(outcome: FileOutcome): LintResult {
    return merge(outcome.result, this.visit(outcome.result.filePath, outcome.projectDocuments));
  }

  /**
   * Visits the next file (in path order), with its documents' claims, and
   * returns the findings project rules make in it. The claims are all that is
   * read, so a cached file needs no more to be visited.
   */
  visit(filePath: string, claims: readonly ProjectDocument[]): readonly LintMessage[] {
    this.filePath = filePath;
    this.pending = NONE;
    // Indexed loops: this runs once per file, on 10,000 cached files before the JIT has warmed up.
    for (let d = 0; d < claims.length; d++) for (let v = 0; v < this.visitors.length; v++) this.visitors[v]!.visit(claims[d]!);
    return this.pending;
  }

  private report(rule: ProjectRule, r: ProjectReport): void {
    if (this.pending === NONE) this.pending = [];
    const setting = this.resolver.settingsFor(this.filePath).get(rule.id);
    if (!setting || setting.severity === 'off') return;
    const claim = r.document.claims[r.claim]!;
    const app = r.document.app;
    const p = formatPath(claim.path);
    this.pending.push({
      ruleId: rule.id,
      severity: setting.severity === 'error' ? 2 : 1,
      message: renderMessage((rule.messages as Record<string, string>)[r.messageId]!, r.data),
      messageId: r.messageId,
      line: claim.line,
      column: claim.column,
      endLine: claim.endLine,
      endColumn: claim.endColumn,
      path: p,
      app,
      fingerprint: fingerprint([rule.id, app ?? '', p, r.messageId, JSON.stringify(claim.name)]),
      document: r.document.index,
    });
  }
}

/** `result` with the findings of project rules added. */
export function merge(result: LintResult, added: readonly LintMessage[]): LintResult {
  if (added.length === 0) return result;
  const messages = [...result.messages, ...added].sort(compareMessages);
  const documents = result.documents.map((d) => {
    const mine = added.filter((m) => m.document === d.index);
    if (mine.length === 0) return d;
    const errors = mine.filter((m) => m.severity === 2);
    return {
      ...d,
      errorCount: d.errorCount + errors.length,
      warningCount: d.warningCount + mine.length - errors.length,
      failedRules: [...new Set([...d.failedRules, ...errors.map((m) => m.ruleId)])].sort(),
    };
  });
  return { ...result, messages, ...countMessages(messages), documents };
}
