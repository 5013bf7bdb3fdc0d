/**
 * `sarif`: SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`)
 * and other SARIF viewers. One run; `tool.driver` lists every rule that fired
 * (reported or waived) with its descriptions, help, documentation link,
 * default level and tags (category + compliance controls); each finding is a
 * result with a `%SRCROOT%`-relative, percent-encoded URI, a full region
 * (columns in UTF-16 code units, as the YAML parser counts them), and the
 * finding's fingerprint as `partialFingerprints` so re-uploads update alerts
 * instead of duplicating them. Waived findings carry `suppressions` (kind
 * `external`, the waiver's reason as justification).
 *
 * GitHub rejects a whole upload over 25,000 results per run: past that, the
 * results kept are errors first, then warnings, then waived findings (each in
 * file and line order), and a tool notification says how many were left out.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { categoryOf, type AnyRule } from '../engine/rule';
import type { LintMessage, LintResult } from '../engine/results';
import { REPOSITORY_URL, ruleDocUrl } from '../util/package';
import { inert, redactSecrets } from './escape';
import { repoPath } from './shared';
import type { Formatter } from './types';

/** GitHub code scanning: results per run (and rules per run, and tags per rule). */
export const SARIF_MAX_RESULTS = 25_000;
const MAX_TAGS = 20;
/** The key of our fingerprints in `partialFingerprints`; bump the version if fingerprints ever change meaning. */
export const FINGERPRINT_KEY = 'saasgov/v1';
const SRCROOT = '%SRCROOT%';

const level = (severity: 1 | 2 | 'error' | 'warn'): Sarif.ReportingConfiguration.level =>
  severity === 2 || severity === 'error' ? 'error' : 'warning';

/** `sso/no-password-vaulting` → `SsoNoPasswordVaulting`: SARIF wants an identifier-like name. */
const ruleName = (id: string) =>
  id
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function descriptor(id: string, rule: AnyRule | undefined, docs: string | undefined): Sarif.ReportingDescriptor {
  const url = ruleDocUrl(id, docs);
  const description = rule?.description ?? id;
  const controls = rule ? [...rule.controls] : [];
  const tags = [...new Set([categoryOf(id), ...controls])].slice(0, MAX_TAGS);
  const controlText = controls.length > 0 ? controls.join('; ') : 'none';
  const waivable = rule?.waivable ? 'can be waived with an approved exception in spec.waivers' : 'cannot be waived';
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: description },
    fullDescription: { text: `${description}. Compliance controls: ${controlText}. This rule ${waivable}.` },
    help: {
      text: `${description}.\n\nControls: ${controlText}.\nThis rule ${waivable}.\nDocumentation: ${url}`,
      markdown: `${description}.\n\n**Controls:** ${controlText}.  \nThis rule ${waivable}.\n\n[Documentation of ${id}](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: level(rule?.severity ?? 'error') },
    properties: { tags },
  };
}

/** A path relative to the repository root as a URI reference: each segment percent-encoded. */
const encodeRelative = (relative: string) => relative.split('/').map(encodeURIComponent).join('/');

/** A directory as a `file://` URI ending in `/`, as `originalUriBaseIds` requires. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export const sarif: Formatter = (results, context) => {
  const root = context.srcRoot ?? context.cwd;
  const all: { file: string; message: LintMessage; suppressed: boolean; order: number; location: LintResult['location'] }[] = [];
  for (const r of results) {
    for (const message of r.messages) all.push({ file: r.filePath, message, suppressed: false, order: all.length, location: r.location });
    for (const message of r.suppressedMessages) all.push({ file: r.filePath, message, suppressed: true, order: all.length, location: r.location });
  }
  const ruleIds = [...new Set(all.map((x) => x.message.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  // Over GitHub's limit: keep errors, then warnings, then waived findings; emit the kept ones in file order.
  const rank = (x: (typeof all)[number]) => (x.suppressed ? 2 : x.message.severity === 2 ? 0 : 1);
  const kept =
    all.length <= SARIF_MAX_RESULTS ? all : [...all].sort((a, b) => rank(a) - rank(b) || a.order - b.order).slice(0, SARIF_MAX_RESULTS).sort((a, b) => a.order - b.order);

  const sarifResults: Sarif.Result[] = kept.map(({ file, message: m, suppressed, location }) => {
    if (location) {
      // An Okta app no manifest declares (audit okta): a logical location only, no file.
      return {
        ruleId: m.ruleId,
        ruleIndex: ruleIndex.get(m.ruleId)!,
        level: level(m.severity),
        message: { text: inert(`${m.message} ${location.adminUrl}`) },
        locations: [{ logicalLocations: [{ name: inert(location.label), fullyQualifiedName: `okta/apps/${location.id}`, kind: 'resource' }] }],
        partialFingerprints: { [FINGERPRINT_KEY]: m.fingerprint },
      };
    }
    const relative = repoPath(context, file);
    const inside = !path.isAbsolute(relative);
    const artifactLocation: Sarif.ArtifactLocation = inside ? { uri: encodeRelative(relative), uriBaseId: SRCROOT } : { uri: pathToFileURL(file).href };
    const result: Sarif.Result = {
      ruleId: m.ruleId,
      ruleIndex: ruleIndex.get(m.ruleId)!,
      level: level(m.severity),
      message: { text: inert(m.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: m.fingerprint },
    };
    if (suppressed) {
      result.suppressions = (m.suppressions ?? []).map((s) => ({
        kind: 'external',
        justification: inert(redactSecrets(s.justification)),
        properties: { approvedBy: inert(redactSecrets(s.approvedBy)), ticket: inert(redactSecrets(s.ticket)), expires: inert(s.expires) },
      }));
    }
    return result;
  });

  const invocation: Sarif.Invocation = { executionSuccessful: true };
  if (kept.length < all.length) {
    invocation.toolExecutionNotifications = [
      {
        level: 'warning',
        message: {
          text: `saasgov found ${all.length} results; GitHub code scanning accepts at most ${SARIF_MAX_RESULTS} per run, so ${all.length - kept.length} (warnings and waived findings first) are left out of this file. Run saasgov lint for all of them.`,
        },
      },
    ];
  }

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'saasgov',
            version: context.version,
            semanticVersion: context.version,
            informationUri: REPOSITORY_URL,
            rules: ruleIds.map((id) => descriptor(id, context.rules.get(id), context.ruleDocsUrl)),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(root) } },
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
