#!/usr/bin/env node
// Regenerates the generated tables of docs/ between their markers: the rule
// table of docs/rules.md (`saasgov rules --format markdown`, no config) and
// the field table of docs/manifest.md (`saasgov schema --format markdown`).
// The rule table's links are relative to the repository root; docs/ is one level down.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const saasgov = (...args) => execFileSync(process.execPath, [path.join(root, 'bin/saasgov.js'), ...args], { cwd: '/', encoding: 'utf8' });

function replaceBetween(file, marker, table) {
  const doc = path.join(root, file);
  const text = readFileSync(doc, 'utf8');
  const pattern = new RegExp(`(<!-- ${marker}:start -->\\n)[\\s\\S]*?(<!-- ${marker}:end -->)`);
  if (!pattern.test(text)) throw new Error(`${file} has no <!-- ${marker}:start --> ... <!-- ${marker}:end --> markers`);
  writeFileSync(doc, text.replace(pattern, (_, start, end) => `${start}${table}${end}`));
}

replaceBetween('docs/rules.md', 'rules', saasgov('rules', '--format', 'markdown').replaceAll('](rules/', '](../rules/'));
replaceBetween('docs/manifest.md', 'fields', saasgov('schema', '--format', 'markdown'));
