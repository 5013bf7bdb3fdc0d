import { describe, expect, it } from 'vitest';
import { decodeManifest } from '../../../src/manifest/read';
import { at, findings, lintText, rangeOf, VALID } from '../../helpers';

const RULE = 'manifest/syntax';
const only = (text: string) => findings(lintText(text), RULE);

describe(RULE, () => {
  it('passes valid YAML', () => {
    expect(only(VALID)).toEqual([]);
  });

  it('reports a YAML syntax error at its position', () => {
    const text = 'apiVersion: saasgov.dev/v1\nkind: SaaSApp: x\n';
    expect(only(text)).toEqual([expect.objectContaining({ ruleId: RULE, messageId: 'yamlError', line: 2, column: 7 })]);
    expect(lintText(text).messages[0]!.message).toMatch(/^YAML syntax error: /);
  });

  it('reports tabs used as indentation', () => {
    const text = 'metadata:\n\tname: x\n';
    expect(only(text)).toContainEqual(expect.objectContaining({ messageId: 'yamlError', line: 2, column: 1 }));
  });

  it('reports a duplicate key at the second key, also for 1 and "1"', () => {
    const text = 'apiVersion: saasgov.dev/v1\nkind: SaaSApp\nkind: SaaSApp\nmetadata:\n  1: a\n  "1": b\n';
    expect(only(text)).toEqual([at(RULE, 'duplicateKey', text, 'kind', 1), at(RULE, 'duplicateKey', text, '"1"')]);
    expect(lintText(text).messages[0]!.message).toBe('Duplicate key `kind` (first on line 2); each key may appear once.');
  });

  it('reports an alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const f = only(`${levels.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(f).toHaveLength(1);
    expect(f[0]!.messageId).toMatch(/^alias(Count|Nodes)$/);
  });

  it('reports aliases that expand to too many values', () => {
    const big = `[${Array.from({ length: 2000 }, (_, i) => i).join(',')}]`;
    const text = `a: &a ${big}\nb: [${Array(6).fill('*a').join(', ')}]\n`;
    expect(only(text)).toEqual([at(RULE, 'aliasNodes', text, '*a', 4)]);
  });

  it('reports an alias that refers to itself', () => {
    const text = 'a: &a [1, *a]\n';
    expect(only(text)).toEqual([at(RULE, 'aliasCycle', text, '*a')]);
  });

  it('reports an alias to an anchor that is not defined before it (yaml alone would read null)', () => {
    const text = 'a: *nope\nb: *later\nc: &later 1\n';
    expect(only(text)).toEqual([at(RULE, 'unknownAlias', text, '*nope'), at(RULE, 'unknownAlias', text, '*later')]);
    expect(lintText(text).messages.find((m) => m.messageId === 'unknownAlias')!.message).toBe(
      'The alias *nope refers to no anchor: define `&nope` before it, or write the value.',
    );
  });

  it('reports explicit tags and directives', () => {
    const text = '%YAML 1.1\n---\napiVersion: !!str saasgov.dev/v1\nkind: !!python/object:os.system SaaSApp\n';
    expect(only(text)).toEqual([
      at(RULE, 'directive', text, '%YAML 1.1'),
      at(RULE, 'tag', text, '!!str'),
      at(RULE, 'tag', text, '!!python/object:os.system'),
    ]);
  });

  it('reports nesting deeper than 64 levels at the 65th level (the root mapping is the first), and survives a second deep document', () => {
    const deep = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const text = `${deep}---\n${deep}`;
    const f = only(text);
    expect(f.map((x) => x.messageId)).toEqual(['tooDeep', 'tooDeep']);
    expect(f[0]).toMatchObject({ line: 1, column: 4 + 63 });
    expect(f[1]).toMatchObject({ line: 3, column: 4 + 63 });
  });

  it('survives deep block nesting closed by a later token (the parser closes it recursively), and lints the documents after it', () => {
    const deepSeq = `${'- '.repeat(10_000)}x\n`;
    const deepThenDedent = `a:\n  ${'- '.repeat(10_000)}x\nb: 1\n`;
    const text = `${deepSeq}---\n${deepThenDedent}---\n${VALID}`;
    const result = lintText(text);
    expect(findings(result)).toEqual([
      { ruleId: RULE, messageId: 'tooDeep', line: 1, column: 1 + 2 * 64, endLine: 1, endColumn: 2 + 2 * 64 },
      { ruleId: RULE, messageId: 'tooDeep', line: 4, column: 3 + 2 * 63, endLine: 4, endColumn: 4 + 2 * 63 },
    ]);
    expect(result.documents.map((d) => d.app)).toEqual([null, null, 'crm-salesforce']);
  });

  it('reports block nesting too', () => {
    const text = `x:\n${Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i + 1)}k:`).join('\n')}\n`;
    expect(only(text)).toEqual([expect.objectContaining({ messageId: 'tooDeep', line: 65 })]);
  });

  it('reports a lone carriage return and non-printable characters at their position', () => {
    expect(only('apiVersion: saasgov.dev/v1\rkind: SaaSApp\n')).toContainEqual(expect.objectContaining({ messageId: 'loneCr', line: 1, column: 27 }));
    expect(only('a: b\nc: d\u001b[31m\n')).toEqual([{ ruleId: RULE, messageId: 'nonPrintable', line: 2, column: 5, endLine: 2, endColumn: 6 }]);
  });

  it('keeps positions right with CRLF line endings and a BOM', () => {
    const text = '\uFEFFapiVersion: saasgov.dev/v1\r\nkind: SaaSApp\r\nkind: SaaSApp\r\n';
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([{ ruleId: RULE, messageId: 'duplicateKey', line: 3, column: 1, endLine: 3, endColumn: 5 }]);
  });

  it('reports files that are not UTF-8 text', () => {
    const utf16 = decodeManifest(Buffer.from('\uFEFFapiVersion: x\n', 'utf16le'));
    expect(utf16.problem?.messageId).toBe('utf16');
    const latin1 = decodeManifest(Buffer.from('a: b\nname: Jos\xe9\n', 'latin1'));
    expect(latin1.problem).toMatchObject({ messageId: 'notUtf8', position: { line: 2, column: 10 }, data: { byte: '0xE9' } });
    const binary = decodeManifest(Buffer.from([0x61, 0x3a, 0x20, 0x0a, 0x62, 0x00, 0x01]));
    expect(binary.problem).toMatchObject({ messageId: 'binary', position: { line: 2, column: 2 } });
  });

  it('is fatal and not waivable', () => {
    const text = 'a: 1\na: 2\n';
    const [m] = lintText(text).messages;
    expect(m).toMatchObject({ ruleId: RULE, fatal: true, severity: 2 });
    expect(lintText(text).fatalErrorCount).toBe(1);
  });

  it('gives a document with a syntax error no other finding than secrets', () => {
    const text = `${VALID.replace('kind: SaaSApp', 'kind: SaaSApp\nkind: SaaSApp')}  x-note: key AKIAIOSFODNN7EXAMPLE\n`;
    const rules = new Set(lintText(text).messages.map((m) => m.ruleId));
    expect([...rules].sort()).toEqual([RULE, 'secrets/no-inline-secrets']);
    expect(rangeOf(text, 'kind', 1).line).toBe(3);
  });

  describe('reads YAML as yaml 2.9.1 reads it (issue 16; the official test suite: test/manifest/yaml-suite.test.ts)', () => {
    const messages = (text: string) => lintText(text).messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column, message: m.message }));

    it('gives a document with syntax errors no schema finding, not even for the key those errors make complex', () => {
      const text = `${VALID}  x-test:\n    key:\n       - a\n      - b\n`;
      const rules = new Set(lintText(text).messages.map((m) => m.ruleId));
      expect([...rules]).toEqual([RULE]);
      expect(only(text).map((f) => f.messageId)).toEqual(['yamlError', 'yamlError', 'yamlError']);
    });

    it('reads a document yaml only warns about (an anchor ending in `:`) without a finding', () => {
      expect(lintText(`${VALID}  x-test: &a: b\n`).messages).toEqual([]);
    });

    it("reports yaml's own errors for directives, beside the directive finding", () => {
      expect(messages('%YAML 1.2\n...\n')).toEqual([
        { ruleId: RULE, messageId: 'directive', line: 1, column: 1, message: expect.any(String) },
        { ruleId: RULE, messageId: 'yamlError', line: 2, column: 1, message: 'YAML syntax error: Missing directives-end/doc-start indicator line' },
      ]);
      expect(messages(`%YAML 1.1#x\n---\n${VALID}`)).toEqual([
        { ruleId: RULE, messageId: 'directive', line: 1, column: 1, message: expect.any(String) },
        { ruleId: RULE, messageId: 'yamlError', line: 1, column: 7, message: 'YAML syntax error: Unsupported YAML version 1.1#x' },
      ]);
    });

    it('resolves a %TAG handle as yaml does: the tag is refused by policy, never as unresolvable', () => {
      const text = '%TAG !e! tag:example.com,2000:app/\n--- !e!foo bar\n';
      expect(only(text)).toEqual([at(RULE, 'directive', text, '%TAG !e! tag:example.com,2000:app/'), at(RULE, 'tag', text, '!e!foo')]);
      // A handle lasts for the documents after it too, as in yaml's stream.
      const later = '%TAG !e! tag:example.com,2000:app/\n%YAML 1.1\n--- !e!foo bar\n--- !e!foo baz\n';
      expect(only(later).map((f) => f.messageId)).toEqual(['directive', 'directive', 'tag', 'tag']);
    });

    it('reads an alias of a scalar used as a key as that scalar', () => {
      const text = VALID.replace('    department: sales\n', '    &a a: &b b\n    *b : *a\n');
      const result = lintText(text);
      expect(result.messages).toEqual([]);
      expect(result.documents[0]!.manifest!.metadata.labels).toEqual({ a: 'b', b: 'a' });
    });

    it('names a null key as yaml does (the empty text), and finds it again', () => {
      const text = `${VALID}  x-test:\n    ~: a\n    "": b\n`;
      expect(only(text)).toEqual([at(RULE, 'duplicateKey', text, '""')]);
    });

    it('reports a duplicate empty key at its `:`, where yaml does', () => {
      const text = `${VALID}  x-test:\n    : a\n    : b\n`;
      expect(only(text)).toEqual([{ ruleId: RULE, messageId: 'duplicateKey', ...rangeOf(text, ': b'), endColumn: rangeOf(text, ': b').column + 1 }]);
    });

    it('keeps two different errors at one position', () => {
      expect(messages('- !!str, xxx\n').filter((m) => m.messageId === 'yamlError')).toEqual([
        { ruleId: RULE, messageId: 'yamlError', line: 1, column: 8, message: 'YAML syntax error: Plain value cannot start with flow indicator character ,' },
        { ruleId: RULE, messageId: 'yamlError', line: 1, column: 8, message: 'YAML syntax error: Tags and anchors must be separated from the next token by white space' },
      ]);
    });
  });
});
