/**
 * Which manifests the Pulumi program provisions: exactly those the linter
 * passes. A document passes when it matched the schema (it has a typed
 * manifest) and has no error finding after waivers; everything else is
 * skipped, with the rules it fails. Pure: it reads lint results only, so the
 * decision follows the rule set as it grows.
 */
import { displayPath } from '../engine/files';
import type { LintResult } from '../engine/results';
import type { Manifest } from '../manifest/schema';

/** A manifest the program provisions. */
export interface PassingManifest {
  readonly manifest: Manifest;
  /** Relative to the working directory, `/`-separated. */
  readonly filePath: string;
}

/** A manifest (or an unreadable file) the program does not provision (SPEC §7 stack output `skipped`). */
export interface SkippedManifest {
  /** `metadata.name`, when known. */
  readonly app: string | null;
  /** Relative to the working directory, `/`-separated. */
  readonly filePath: string;
  /** The rules with error findings, sorted. */
  readonly rules: readonly string[];
  /** The typed manifest, when the document matched the schema (a held app's manifest is compared with what was deployed). */
  readonly manifest?: Manifest;
}

export interface Selection {
  readonly passing: readonly PassingManifest[];
  readonly skipped: readonly SkippedManifest[];
}

/** Splits lint results (run with `keepManifests: true`) into passing and skipped manifests, in path and document order. */
export function selectManifests(results: readonly LintResult[], cwd: string): Selection {
  const passing: PassingManifest[] = [];
  const skipped: SkippedManifest[] = [];
  for (const result of results) {
    const filePath = displayPath(cwd, result.filePath);
    if (result.documents.length === 0) {
      // Unreadable, too large, not UTF-8, or no document at all: the file's own findings say why.
      if (result.errorCount > 0) skipped.push({ app: null, filePath, rules: errorRules(result) });
      continue;
    }
    for (const doc of result.documents) {
      if (doc.manifest !== undefined && doc.errorCount === 0) {
        passing.push({ manifest: doc.manifest, filePath });
      } else {
        // A document without a typed manifest cannot be provisioned even when its
        // schema findings are switched off: it does not match the schema.
        const rules = doc.failedRules.length > 0 ? doc.failedRules : ['manifest/schema'];
        skipped.push({ app: doc.app, filePath, rules: [...rules], ...(doc.manifest !== undefined ? { manifest: doc.manifest } : {}) });
      }
    }
  }
  return { passing, skipped };
}

function errorRules(result: LintResult): string[] {
  return [...new Set(result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId))].sort();
}

/** The warning the program logs for a skipped manifest: file, app and failing rules (never manifest values). */
export function skipWarning(skipped: SkippedManifest): string {
  const app = skipped.app === null ? '' : ` (${skipped.app})`;
  return `saasgov: not provisioning ${skipped.filePath}${app}: it fails ${skipped.rules.join(', ')}; run saasgov lint ${skipped.filePath} for the findings`;
}
