#!/usr/bin/env node
// Regenerates the rule table in README.md from the rule metadata
// (`saasgov rules --format markdown` with no config), between the markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const table = execFileSync(process.execPath, [path.join(root, 'bin/saasgov.js'), 'rules', '--format', 'markdown'], { cwd: '/', encoding: 'utf8' });
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const updated = readme.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table}$2`);
if (updated === readme && !readme.includes(table)) throw new Error('README.md has no <!-- rules:start --> ... <!-- rules:end --> markers');
writeFileSync(path.join(root, 'README.md'), updated);
