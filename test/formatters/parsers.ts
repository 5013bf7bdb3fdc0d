/**
 * How the consumers of saasgov's outputs read them, for tests: the GitHub
 * runner's workflow-command parser, an XML 1.0 parser with the checks
 * fast-xml-parser leaves out, and what a terminal, a CI log or a Markdown
 * renderer would act on in text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

export interface Command {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/**
 * The runner's reading of one log line (actions/runner ActionCommandManager):
 * `::name key=value,key=value::message` after optional spaces, or the legacy
 * `##[name …]` anywhere. Returns every command the line would start.
 */
export function parseCommandLine(line: string): Command[] {
  const commands: Command[] = [];
  if (line.includes('##[')) commands.push({ name: 'legacy', properties: {}, message: line });
  const m = /^\s*::([A-Za-z-]+)(?: ([^]*?))?::([^]*)$/.exec(line);
  if (m) {
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ name: m[1]!, properties, message: unescapeData(m[3]!) });
  }
  return commands;
}

/** `github` output: every line exactly one command; the .NET runner also ends lines at CR. */
export function parseGithubCommands(text: string): Command[] {
  expect(text).not.toContain('\r');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  const lines = text.split('\n').slice(0, -1);
  return lines.map((line) => {
    const commands = parseCommandLine(line);
    expect(commands, line).toHaveLength(1);
    // Properties never hold a raw `:` or `,` (they would end the property list or the value).
    expect(line.slice(2, line.indexOf('::', 2))).not.toMatch(/[:]/);
    return commands[0]!;
  });
}

/**
 * Lines of any text output (stylish, markdown, JUnit…) printed in a CI log
 * that the runner would take for a workflow command. A CR ends a line for
 * the runner too.
 */
export function workflowCommandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => parseCommandLine(line).length > 0);
}

/**
 * Characters a terminal would act on or that would hide or reorder text:
 * C0 controls but tab and newline, DEL, C1, zero-width and direction marks,
 * line and paragraph separators, bidi embeddings and isolates, the BOM.
 */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * The unsafe characters of `text`, as `U+XXXX` — except the zero-width
 * joiner saasgov itself puts into `##[` and a line-start `::` to break
 * workflow commands (escape.ts), which does nothing in a terminal.
 */
export function terminalUnsafe(text: string): string[] {
  const own = text.replace(/##\u200D\[/g, '##[').replace(/^(\s*):\u200D:/gm, '$1::');
  return [...own.matchAll(TERMINAL_UNSAFE)].map((m) => `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/** What XML 1.0 forbids and fast-xml-parser does not check: characters outside `Char`, references to them, CDATA. */
export function xml10Problems(xml: string): string[] {
  const problems: string[] = [];
  for (const ch of xml) if (!isXmlChar(ch.codePointAt(0)!)) problems.push(`character U+${ch.codePointAt(0)!.toString(16)}`);
  for (const m of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const cp = m[1]!.startsWith('x') ? parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (!isXmlChar(cp)) problems.push(`reference ${m[0]}`);
  }
  if (xml.includes('<![CDATA[')) problems.push('CDATA section');
  return problems;
}

export interface JunitTestCase {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_type': string; '@_message': string; '#text': string };
  'system-out'?: string;
}
export interface JunitTestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: JunitTestCase[];
}

/** A JUnit report, checked to be well-formed XML 1.0. */
export function parseJunit(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml10Problems(xml)).toEqual([]);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, trimValues: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml) as { testsuites: { '@_tests': string; '@_failures': string; testsuite: JunitTestSuite[] } };
}

/** The HTML the markdown formatter writes itself; anything else that looks like a tag came from manifest text. */
const OWN_TAGS = /<\/?(?:details|summary|ul|li|sub)>|<br>/g;

/**
 * What manifest text must never do in a Markdown comment: open a tag or a
 * comment, mention someone, link an issue.
 */
export function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  const stray = text.replace(OWN_TAGS, '').match(/</g);
  if (stray) problems.push(`${stray.length} raw <`);
  for (const m of text.matchAll(/@(?!&#8203;)/g)) problems.push(`mention at ${m.index}`);
  for (const m of text.matchAll(/(?<!&)#(?!&#8203;)\d/g)) problems.push(`issue reference at ${m.index}`);
  return problems;
}
