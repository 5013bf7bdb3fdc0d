import { describe, expect, it } from 'vitest';
import { inert, xmlChars } from '../../src/formatters/escape';
import { junit } from '../../src/formatters/junit';
import type { FormatContext } from '../../src/formatters/types';
import { VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, lintFiles, VALID } from '../helpers';
import { HOSTILE_FILE, hostileResults } from './hostile';
import { parseJunit as parse, xml10Problems } from './parsers';

const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };

describe('the XML 1.0 check of these tests', () => {
  it('catches forbidden characters, references to them and CDATA', () => {
    expect(xml10Problems('<a>\u0000&#1;&#x1F;<![CDATA[x]]>\uFFFE</a>')).toEqual(['character U+0', 'character U+fffe', 'reference &#1;', 'reference &#x1F;', 'CDATA section']);
  });
});

describe('junit formatter', () => {
  const results = hostileResults();
  const xml = junit(results, context);
  const doc = parse(xml);
  const suites = doc.testsuites.testsuite;

  it('is well-formed XML 1.0 with one testsuite per file and one testcase per app', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(suites.map((s) => s['@_name'])).toEqual([xmlChars(inert(HOSTILE_FILE)), 'apps/clean.yaml', 'apps/waived.yaml', 'apps/warned.yaml']);
    expect(suites.map((s) => s.testcase.map((t) => t['@_name']))).toEqual([['crm-salesforce'], ['clean-app'], ['waived-app'], ['warned-app']]);
    expect(doc.testsuites['@_tests']).toBe('4');
    expect(doc.testsuites['@_failures']).toBe('2');
    expect(suites.map((s) => s['@_failures'])).toEqual(['1', '0', '0', '1']);
  });

  it('fails an app with one failure listing every finding, typed by the worst severity', () => {
    const broken = suites[0]!.testcase[0]!.failure!;
    expect(broken['@_type']).toBe('error');
    expect(broken['@_message']).toBe(`${results[0]!.messages.length} errors: manifest/schema`);
    const lines = broken['#text'].split('\n');
    expect(lines).toHaveLength(results[0]!.messages.length);
    results[0]!.messages.forEach((m, i) => expect(lines[i]).toContain(`:${m.line}:${m.column} error manifest/schema: ${xmlChars(inert(m.message))}`));
    const warned = suites[3]!.testcase[0]!.failure!;
    expect(warned['@_type']).toBe('warning');
    expect(warned['@_message']).toBe('2 warnings: waiver/unused, waiver/expiring');
    expect(suites[1]!.testcase[0]!.failure).toBeUndefined();
  });

  it('keeps hostile text as text: no element, no CDATA end, no forbidden character', () => {
    const text = suites[0]!.testcase[0]!.failure!['#text'];
    expect(text).toContain('k]]><x/>');
    expect(text).toContain('k<script>alert(1)</script>');
    expect(text).toContain('k\\u0000nul');
    expect(text).toContain('k\\u001B[31mred');
    expect(text).toContain('k\\uFFFEnon-char');
    expect(text).toContain('k\\uD800lone');
    expect(xml).not.toContain('##[');
  });

  it('lists waived findings with their waiver in system-out, not as failures', () => {
    const waived = suites[2]!.testcase[0]!;
    expect(waived.failure).toBeUndefined();
    expect(waived['system-out']).toMatch(/^waived apps\/waived\.yaml:\d+:\d+ ownership\/owners: .* - waiver: Approved exception /);
    expect(waived['system-out']).toContain('\\u000D\\u000A::warning');
  });

  it('gives a file without any document its own failing test case', () => {
    const empty = parse(junit(lintFiles({ 'apps/empty.yaml': '# nothing here\n', 'apps/ok.yaml': VALID }), context));
    const [emptySuite] = empty.testsuites.testsuite;
    expect(emptySuite!.testcase.map((t) => t['@_name'])).toEqual(['document 1']);
    expect(emptySuite!.testcase[0]!.failure!['#text']).toContain('manifest/schema');
  });

  it('is deterministic: no timestamps, no durations', () => {
    expect(junit(hostileResults(), context)).toBe(xml);
    expect(xml).not.toMatch(/timestamp|time=|hostname/);
  });
});
