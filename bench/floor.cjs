#!/usr/bin/env node
// The "floor" of issue 8: one Node process reading every file of a directory
// and running yaml's parseDocument with a LineCounter plus toJS(), nothing else.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { LineCounter, parseDocument } = require('yaml');

const dir = process.argv[2];
let documents = 0;
for (const name of readdirSync(dir).sort()) {
  if (!/\.ya?ml$/.test(name)) continue;
  const lineCounter = new LineCounter();
  parseDocument(readFileSync(path.join(dir, name), 'utf8'), { lineCounter }).toJS();
  documents++;
}
process.stderr.write(`${documents} documents\n`);
