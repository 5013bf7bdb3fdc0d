#!/usr/bin/env node
// Regenerates the rule table in docs/rules.md from the rule metadata
// (`saasgov rules --format markdown` with no config), between the markers.
// The table's links are relative to the repository root; docs/ is one level down.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const doc = path.join(root, 'docs/rules.md');
const table = execFileSync(process.execPath, [path.join(root, 'bin/saasgov.js'), 'rules', '--format', 'markdown'], { cwd: '/', encoding: 'utf8' }).replaceAll('](rules/', '](../rules/');
const text = readFileSync(doc, 'utf8');
const updated = text.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table}$2`);
if (updated === text && !text.includes(table)) throw new Error('docs/rules.md has no <!-- rules:start --> ... <!-- rules:end --> markers');
writeFileSync(doc, updated);
