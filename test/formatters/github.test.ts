import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty, inert } from '../../src/formatters/escape';
import { github } from '../../src/formatters/github';
import type { FormatContext } from '../../src/formatters/types';
import { VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, edit, lintFiles, lintText, VALID } from '../helpers';
import { HOSTILE, HOSTILE_FILE, hostileResults } from './hostile';
import { parseGithubCommands as parseOutput } from './parsers';

const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };

describe('github formatter', () => {
  const results = hostileResults();
  const output = github(results, context);
  const commands = parseOutput(output);

  it('prints one error or warning command per finding and nothing for waived findings', () => {
    const messages = results.flatMap((r) => r.messages);
    expect(commands).toHaveLength(messages.length);
    expect(commands.map((c) => c.name)).toEqual(messages.map((m) => (m.severity === 2 ? 'error' : 'warning')));
    expect(commands.some((c) => c.name === 'warning')).toBe(true);
    expect(output).not.toContain('Approved exception');
  });

  it('gives file, line, col, endLine, endColumn and the rule as title, and the message as data', () => {
    const messages = results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice('/repo/'.length), m })));
    commands.forEach((c, i) => {
      const { file, m } = messages[i]!;
      expect(c.properties).toEqual({
        file: inert(file),
        line: String(m.line),
        col: String(m.column),
        endLine: String(m.endLine),
        endColumn: String(m.endColumn),
        title: m.ruleId,
      });
      expect(c.message).toBe(inert(m.message));
    });
  });

  it('cannot be made to forge a command by manifest text or file names', () => {
    // Every hostile key came through as text inside a single command.
    expect(commands.filter((c) => c.properties.file === inert(HOSTILE_FILE))).toHaveLength(HOSTILE.length);
    expect(commands.find((c) => c.message.includes('k%0A::error ::injected%2C'))).toBeDefined();
    expect(commands.find((c) => c.message.includes('k\\u000D\\u000A::warning file=forged.yaml,line=1::forged'))).toBeDefined();
    expect(commands.find((c) => c.message.includes('k##\u200D[set-output'))).toBeDefined();
    expect(output).not.toContain('##[');
    expect(commands.some((c) => c.properties.file === 'forged.yaml')).toBe(false);
  });

  it('drops columns for a range over several lines, as GitHub requires', () => {
    const text = VALID.replace('  labels:\n    department: sales\n', '  labels:\n    - a\n    - b\n');
    const result = lintText(text);
    const [command] = parseOutput(github([result], context));
    expect(result.messages[0]!.endLine).toBeGreaterThan(result.messages[0]!.line);
    expect(Object.keys(command!.properties)).toEqual(['file', 'line', 'endLine', 'title']);
  });

  it('prints nothing for a clean run, and the same bytes for the same findings', () => {
    expect(github(lintFiles({ 'apps/a.yaml': VALID }), context)).toBe('');
    expect(github(hostileResults(), context)).toBe(output);
    const owners = lintFiles({ 'apps/a.yaml': edit(VALID, { remove: ['metadata.owner.business'] }) });
    expect(github(owners, context)).toMatch(/^::error file=apps\/a\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ownership\/owners::`metadata\.owner\.business` is missing/);
  });
});

describe('workflow command escaping (actions/toolkit command.ts)', () => {
  it('escapes data: % first, then CR and LF', () => {
    expect(escapeCommandData('100%\r\n%0A')).toBe('100%25%0D%0A%250A');
  });
  it('escapes properties: also : and ,', () => {
    expect(escapeCommandProperty('a:b,c%d\n')).toBe('a%3Ab%2Cc%25d%0A');
  });
});
