/**
 * The README and docs/ stay true: every relative link reaches a file (and a
 * heading, for `#anchors`), every YAML example parses (and a whole manifest
 * matches the format), and every `saasgov` command shown uses a real command
 * and real options.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main';
import type { CliIO } from '../src/cli/common';
import { findings, lintText } from './helpers';

const ROOT = path.resolve(__dirname, '..');
const PAGES = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  lang: string;
  body: string;
  line: number;
}

/** The page's text outside fenced code blocks, and its fenced blocks. */
function split(text: string): { prose: string; blocks: Block[] } {
  const prose: string[] = [];
  const blocks: Block[] = [];
  let open: Block | null = null;
  text.split('\n').forEach((line, i) => {
    const fence = /^```(\S*)/.exec(line);
    if (fence && open === null) open = { lang: fence[1]!, body: '', line: i + 1 };
    else if (fence && open !== null) {
      blocks.push(open);
      open = null;
    } else if (open !== null) open.body += `${line}\n`;
    else prose.push(line);
  });
  return { prose: prose.join('\n'), blocks };
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of split(text).prose.split('\n')) {
    const m = /^#{1,6} (.+)$/.exec(line);
    if (!m) continue;
    const slug = m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

const read = (page: string) => readFileSync(path.join(ROOT, page), 'utf8');

describe.each(PAGES)('%s', (page) => {
  const text = read(page);
  const { prose, blocks } = split(text);

  it('links only to files and headings that exist', () => {
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
      const [file, anchor] = target!.split('#') as [string, string | undefined];
      const resolved = file === '' ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), file);
      expect(existsSync(resolved), `${page}: ${target}`).toBe(true);
      if (anchor !== undefined && resolved.endsWith('.md')) expect(anchors(readFileSync(resolved, 'utf8')), `${page}: ${target}`).toContain(anchor);
    }
  });

  it('shows YAML that parses, and manifests that match the format', () => {
    for (const block of blocks.filter((b) => b.lang === 'yaml')) {
      const where = `${page}:${block.line}`;
      for (const doc of parseAllDocuments(block.body)) expect(doc.errors.map((e) => e.message), where).toEqual([]);
      if (/^apiVersion: saasgov\.dev\/v1\nkind: SaaSApp\n/m.test(block.body) && /^spec:/m.test(block.body)) {
        const result = lintText(block.body);
        expect([...findings(result, 'manifest/syntax'), ...findings(result, 'manifest/schema')], where).toEqual([]);
      }
    }
  });

  it('runs saasgov only with commands and options that exist', () => {
    const io: CliIO = { stdout: () => undefined, stderr: () => undefined, isTTY: false, env: {}, cwd: ROOT, exitCode: 0 };
    const program = buildProgram(io);
    for (const block of blocks.filter((b) => ['sh', 'console', 'yaml'].includes(b.lang))) {
      for (const line of block.body.split('\n')) {
        const m = /(?:^\$ |^\s*(?:run: )?|npx |&& |node bin\/)saasgov(?:\.js)? ([a-z].*)$/.exec(line);
        if (!m) continue;
        const words = m[1]!.split('#')[0]!.trim().split(/\s+/);
        let command: Command | undefined = program;
        while (command && words[0] !== undefined && command.commands.length > 0 && !words[0].startsWith('-')) {
          const name = words.shift()!;
          command = command.commands.find((c) => c.name() === name);
          expect(command, `${page}:${block.line}: ${line}`).toBeDefined();
        }
        const flags = new Set(command!.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
        for (const word of words) {
          if (word === '--') break;
          if (word.startsWith('-') && !/^-\d/.test(word)) expect(flags, `${page}:${block.line}: ${line}`).toContain(word.split('=')[0]);
        }
      }
    }
  });
});
