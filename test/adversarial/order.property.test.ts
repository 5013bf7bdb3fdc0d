/**
 * Property: the findings about an app do not depend on the order, names or
 * directories of the files that hold the manifests, nor on worker threads.
 * Only `manifest/unique-name` looks across files, and it reports each
 * duplicate exactly once whichever file comes first.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run';
import { AS_OF } from '../helpers';
import { tempTree } from '../run-cli';
import { fuzzOptions, PROPERTY_TIMEOUT, toYaml, validManifest } from './arbitraries';

interface JsonMessage {
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
  path: string | null;
  message: string;
  app: string | null;
}

/** Lints `files` (written in the order given) and returns the findings per app, and the unique-name count per app. */
async function findingsPerApp(files: [string, string][], concurrency: string) {
  const dir = tempTree(Object.fromEntries(files), 'saasgov-order-');
  try {
    const r = await cli(['lint', '.', '-f', 'json', '--as-of', AS_OF, '--concurrency', concurrency], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    const messages = (JSON.parse(r.stdout) as { messages: JsonMessage[] }[]).flatMap((x) => x.messages);
    const perApp: Record<string, string[]> = {};
    const duplicates: Record<string, number> = {};
    for (const m of messages) {
      const app = m.app ?? '(none)';
      if (m.ruleId === 'manifest/unique-name') {
        duplicates[app] = (duplicates[app] ?? 0) + 1; // its message names the first file: that one depends on order
        continue;
      }
      (perApp[app] ??= []).push(JSON.stringify([m.ruleId, m.messageId, m.line, m.column, m.path, m.message]));
    }
    for (const list of Object.values(perApp)) list.sort();
    return { perApp, duplicates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NAMES = ['app-a', 'app-b', 'app-c', 'app-d'];

describe('the findings about each app', () => {
  it(
    'are the same whatever the order, names and directories of the files, with or without worker threads',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(validManifest({ formerNames: false, name: fc.constantFrom(...NAMES) }), { minLength: 2, maxLength: 6 }),
          fc.infiniteStream(fc.stringMatching(/^[a-z0-9_-]{1,10}$/)),
          fc.infiniteStream(fc.constantFrom('', 'sub/', 'deep/er/', 'Z/')),
          fc.nat(),
          fc.constantFrom('off', 'off', 'off', '2'),
          async (manifests, names, dirs, seed, concurrency) => {
            const texts = manifests.map((m) => toYaml(m, { flow: false }));
            const reference = await findingsPerApp(texts.map((t, i) => [`m-${i}.yaml`, t]), 'off');

            // Other names (unique), other directories, and another order of writing.
            const used = new Set<string>();
            const renamed = texts.map((t): [string, string] => {
              let name = `${names.next().value}.yaml`;
              while (used.has(name)) name = `${names.next().value}.yaml`;
              used.add(name);
              return [`${dirs.next().value}${name}`, t];
            });
            const order = renamed.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
            const shuffled = await findingsPerApp(order.map((i) => renamed[i]!), concurrency);

            expect(shuffled.perApp).toEqual(reference.perApp);
            expect(shuffled.duplicates).toEqual(reference.duplicates);
            const occurrences = manifests.reduce<Record<string, number>>((n, m) => ({ ...n, [m.metadata.name]: (n[m.metadata.name] ?? 0) + 1 }), {});
            const expected = Object.fromEntries(Object.entries(occurrences).filter(([, n]) => n > 1).map(([app, n]) => [app, n - 1]));
            expect(reference.duplicates).toEqual(expected);
          },
        ),
        fuzzOptions(12),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
