import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { LintMessage, LintResult } from '../../src/engine/results';
import { FINGERPRINT_KEY, SARIF_MAX_RESULTS, sarif } from '../../src/formatters/sarif';
import type { FormatContext } from '../../src/formatters/types';
import { ruleDocUrl, VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, edit, lintFiles, VALID } from '../helpers';
import { HOSTILE_FILE, hostileResults } from './hostile';
import { multitoolValidate, schemaErrors } from './sarif-validator';

const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };
const parse = (text: string) => JSON.parse(text) as Sarif.Log;

describe('sarif formatter', () => {
  const results = hostileResults();
  const text = sarif(results, context);
  const log = parse(text);
  const run = log.runs[0]!;

  it('is SARIF 2.1.0 that the official validator accepts with its SARIF and GitHub rules', () => {
    expect(schemaErrors(log)).toEqual([]);
    const findings = multitoolValidate(text);
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(findings.filter((f) => f.level === 'warning')).toEqual([]);
  });

  it('has one run whose driver lists each rule that fired or was waived, once, with its metadata', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'saasgov', version: VERSION, informationUri: expect.stringMatching(/^https:\/\//) });
    const fired = [...new Set(results.flatMap((r) => [...r.messages, ...r.suppressedMessages].map((m) => m.ruleId)))].sort();
    expect(driver.rules!.map((r) => r.id)).toEqual(fired);
    expect(fired).toEqual(['manifest/schema', 'ownership/owners', 'waiver/expiring', 'waiver/unused']);
    for (const rule of driver.rules!) {
      const meta = RULES_BY_ID.get(rule.id)!;
      expect(rule.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.shortDescription!.text).toBe(meta.description);
      expect(rule.fullDescription!.text).toContain(meta.controls[0]);
      expect(rule.help!.text).toContain(ruleDocUrl(rule.id));
      expect(rule.help!.markdown).toContain(`](${ruleDocUrl(rule.id)})`);
      expect(rule.helpUri).toBe(ruleDocUrl(rule.id));
      expect(rule.defaultConfiguration!.level).toBe(meta.severity === 'error' ? 'error' : 'warning');
      const tags = rule.properties!.tags as string[];
      expect(tags).toEqual([rule.id.split('/')[0], ...meta.controls]);
      expect(tags.length).toBeLessThanOrEqual(20);
    }
  });

  it('gives every result its rule index, level, %SRCROOT%-relative percent-encoded URI, full region and fingerprint', () => {
    const messages = results.flatMap((r) => [...r.messages, ...r.suppressedMessages]);
    expect(run.results).toHaveLength(messages.length);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    const first = run.results![0]!;
    const m = results[0]!.messages[0]!;
    expect(first.ruleId).toBe(m.ruleId);
    expect(run.tool.driver.rules![first.ruleIndex!]!.id).toBe(m.ruleId);
    expect(first.level).toBe('error');
    const location = first.locations![0]!.physicalLocation!;
    expect(location.artifactLocation).toEqual({ uri: expect.any(String), uriBaseId: '%SRCROOT%' });
    // The URI is a relative reference that decodes back to the file's path, and holds nothing raw that a URI may not.
    expect(location.artifactLocation!.uri!.split('/').map(decodeURIComponent).join('/')).toBe(HOSTILE_FILE);
    expect(location.artifactLocation!.uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=@%/]+$/);
    expect(location.region).toEqual({ startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn });
    expect(first.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: m.fingerprint });
    const warning = run.results!.find((r) => r.ruleId === 'waiver/unused')!;
    expect(warning.level).toBe('warning');
  });

  it('reports a waived finding with an external suppression whose justification is the waiver reason', () => {
    const waived = run.results!.filter((r) => r.suppressions);
    expect(waived).toHaveLength(1);
    expect(waived[0]!.ruleId).toBe('ownership/owners');
    expect(waived[0]!.suppressions).toEqual([
      { kind: 'external', justification: expect.stringMatching(/^Approved exception /), properties: { approvedBy: 'ciso@example.com', ticket: expect.any(String), expires: '2027-01-15' } },
    ]);
    // Control characters and lone surrogates in the reason are shown, not emitted raw.
    expect(waived[0]!.suppressions![0]!.justification).not.toMatch(/[\u0000-\u001f\u202e\ufffe\ud800-\udfff]/);
    expect(waived[0]!.suppressions![0]!.justification).not.toContain('##[');
  });

  it('is deterministic', () => {
    expect(sarif(hostileResults(), context)).toBe(text);
  });

  it('points at a file outside the repository with an absolute file URI', () => {
    const outside = lintFiles({ 'apps/a.yaml': edit(VALID, { remove: ['metadata.owner.business'] }) });
    const out = parse(sarif(outside, { ...context, srcRoot: '/elsewhere' }));
    expect(out.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///repo/apps/a.yaml' });
  });

  it(`keeps at most ${SARIF_MAX_RESULTS} results, errors first, and says how many it left out`, () => {
    const base = lintFiles({ 'apps/a.yaml': edit(VALID, { remove: ['metadata.owner.business'] }) })[0]!;
    const finding = base.messages[0]!;
    const many = (n: number, severity: 1 | 2, from: number): LintMessage[] =>
      Array.from({ length: n }, (_, i) => ({ ...finding, severity, line: from + i, endLine: from + i, fingerprint: `${severity}-${from + i}` }));
    // Warnings come first in the file, errors after: truncation must still keep every error.
    const messages = [...many(10, 1, 1), ...many(SARIF_MAX_RESULTS, 2, 100)];
    const big: LintResult = { ...base, messages, errorCount: SARIF_MAX_RESULTS, warningCount: 10 };
    const out = sarif([big], context);
    const bigRun = parse(out).runs[0]!;
    expect(bigRun.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(bigRun.results!.every((r) => r.level === 'error')).toBe(true);
    expect(bigRun.invocations![0]!.toolExecutionNotifications![0]!.message.text).toContain('10 (warnings and waived findings first) are left out');
    expect(out).toBe(sarif([big], context));
    expect(multitoolValidate(out).filter((f) => f.level === 'error')).toEqual([]);
  });
});
