/**
 * Properties of linting any manifest: a valid manifest, written in any style
 * `yaml` can write, lints without an exception and without a `manifest/*`
 * finding; and a failing manifest never passes after random mutations
 * (dropped fields, changed types, control characters, duplicated keys,
 * reordered keys) — either its rule still fires or the mutation itself is
 * reported as a `manifest/*` finding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers';
import { fuzzOptions, mutate, mutation, PROPERTY_TIMEOUT, readsBackAs, toYaml, validManifest, yamlStyle } from './arbitraries';

const isManifestRule = (ruleId: string) => ruleId.startsWith('manifest/');

describe('a valid manifest, generated from the schema', () => {
  it(
    'lints without an exception and without manifest/* findings, in any YAML style',
    () => {
      fc.assert(
        fc.property(validManifest(), yamlStyle, (manifest, style) => {
          const text = toYaml(manifest, style);
          fc.pre(readsBackAs(text, manifest));
          const result = lintText(text);
          expect(result.messages.filter((m) => isManifestRule(m.ruleId)), text).toEqual([]);
          expect(result.documents.map((d) => d.app)).toEqual([manifest.metadata.name]);
          expect(result.documents[0]!.manifest, text).toBeDefined();
        }),
        fuzzOptions(150),
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('a failing manifest under mutation', () => {
  /** Internal (or more sensitive) data without SSO, and no waiver: `sso/required` must fire. */
  const failing = fc.tuple(validManifest(), fc.constantFrom('internal', 'confidential', 'restricted' as const)).map(([m, classification]) => ({
    ...m,
    spec: { ...m.spec, data: { ...m.spec.data, classification }, sso: { protocol: 'none' as const }, waivers: undefined },
  }));

  it(
    'never throws, and either still fails sso/required or reports the mutation as manifest/*',
    () => {
      fc.assert(
        fc.property(failing, yamlStyle, fc.array(mutation, { minLength: 1, maxLength: 3 }), (manifest, style, mutations) => {
          let text = toYaml(JSON.parse(JSON.stringify(manifest)), style);
          fc.pre(readsBackAs(text, manifest));
          expect(lintText(text).messages.map((m) => m.ruleId), text).toContain('sso/required');
          for (const m of mutations) {
            text = mutate(text, m).text;
            const result = lintText(text);
            const rules = new Set(result.messages.filter((x) => x.severity === 2).map((x) => x.ruleId));
            expect(result.errorCount, text).toBeGreaterThan(0);
            expect(rules.has('sso/required') || [...rules].some(isManifestRule), `${JSON.stringify(m)}\n${text}`).toBe(true);
          }
        }),
        fuzzOptions(150),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
