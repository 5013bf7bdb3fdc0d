/**
 * A whole lint run: expand paths, lint every file, then run project rules
 * (cross-file) over the claims of all files, and return results in path order.
 */
import type { Config } from '../config/load';
import { ConfigResolver } from '../config/resolve';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { formatPath } from '../manifest/path';
import { displayPath, expandPaths } from './files';
import { fingerprint, lintFile, type FileOutcome } from './lint-file';
import { renderMessage, type AnyRule, type ProjectDocument, type RuleEnvironment } from './rule';
import { compareMessages, countMessages, type LintMessage, type LintResult } from './results';

export interface LintRunOptions {
  readonly cwd: string;
  readonly config: Config;
  readonly rules: ReadonlyMap<string, AnyRule>;
  /** Evaluation date `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Files, directories and globs; empty: the config's `manifests`, else the working directory. */
  readonly paths: readonly string[];
  readonly maxFileBytes?: number;
  readonly keepManifests?: boolean;
}

/** The files a run lints (absolute, `/`, sorted). Throws `NO_FILES` for a path that matches nothing. */
export function resolveFiles(options: LintRunOptions, resolver: ConfigResolver): string[] {
  const { config, cwd } = options;
  const fromConfig = options.paths.length === 0 && config.manifests !== undefined;
  return expandPaths(fromConfig ? config.manifests! : options.paths.length > 0 ? options.paths : ['.'], {
    cwd: fromConfig ? config.baseDir : cwd,
    isIgnored: (f) => resolver.isIgnored(f),
  });
}

/** Lints the run's files; results are in path order, findings sorted. */
export function lintProject(options: LintRunOptions): LintResult[] {
  const resolver = new ConfigResolver(options.config, options.rules, options.asOf);
  const env: RuleEnvironment = { asOf: options.asOf, rules: options.rules };
  const outcomes = resolveFiles(options, resolver).map((file) =>
    lintFile(file, {
      env,
      settings: resolver.settingsFor(file),
      displayPath: displayPath(options.cwd, file),
      maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      keepManifests: options.keepManifests ?? false,
    }),
  );
  return applyProjectRules(outcomes, resolver, options.rules);
}

/**
 * Runs project rules over the claims of every file and merges their findings
 * into the files' results. `outcomes` must be in path order.
 */
export function applyProjectRules(outcomes: readonly FileOutcome[], resolver: ConfigResolver, rules: ReadonlyMap<string, AnyRule>): LintResult[] {
  const documents: ProjectDocument[] = outcomes.flatMap((o) => o.projectDocuments);
  const byDocument = new Map<ProjectDocument, number>();
  outcomes.forEach((o, i) => o.projectDocuments.forEach((d) => byDocument.set(d, i)));
  const extra = new Map<number, LintMessage[]>();
  for (const rule of rules.values()) {
    if (rule.kind !== 'project') continue;
    rule.check(documents, undefined, (r) => {
      const fileIndex = byDocument.get(r.document)!;
      const outcome = outcomes[fileIndex]!;
      const setting = resolver.settingsFor(outcome.result.filePath).get(rule.id);
      if (!setting || setting.severity === 'off') return;
      const claim = r.document.claims[r.claim]!;
      const app = outcome.result.documents.find((d) => d.index === r.document.index)?.app ?? null;
      const p = formatPath(claim.path);
      const message: LintMessage = {
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
      };
      extra.set(fileIndex, [...(extra.get(fileIndex) ?? []), message]);
    });
  }
  return outcomes.map((o, i) => {
    const added = extra.get(i);
    if (!added) return o.result;
    const messages = [...o.result.messages, ...added].sort(compareMessages);
    const documents = o.result.documents.map((d) => {
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
    return { ...o.result, messages, ...countMessages(messages), documents };
  });
}
