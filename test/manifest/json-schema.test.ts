/**
 * `saasgov schema` for editors: yaml-language-server reads draft-07 JSON
 * Schema and offers completion from `enum`s, hover text from `description`s,
 * and flags unknown keys. Checked here with ajv, a JSON Schema validator, on
 * real manifests.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestJsonSchema } from '../../src/manifest/json-schema';
import { starterManifest } from '../../src/manifest/starter';
import { edit, VALID } from '../helpers';
import { cli } from '../cli/run';
import { tempTree } from '../run-cli';

type Node = { [key: string]: unknown };
const schema = manifestJsonSchema();
const ajv = new Ajv({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const errors = (yaml: string) => (validate(parse(yaml)) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

/** The schema node of a property, by dot path. */
function at(dotPath: string): Node {
  let node = schema as Node;
  for (const key of dotPath.split('.')) {
    const next = key === '[]' ? node.items : (node.properties as Record<string, Node> | undefined)?.[key];
    if (!next) throw new Error(`no schema for ${dotPath} (at ${key})`);
    node = next as Node;
  }
  return node;
}

describe('manifest JSON Schema', () => {
  it('is draft-07 with an $id', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(/^https:\/\//);
  });

  it('accepts real manifests: the reference manifest, a starter with its placeholders filled, x- extension keys anywhere', () => {
    expect(errors(VALID)).toEqual([]);
    const starter = starterManifest({ name: 'acme-crm', classification: 'confidential', protocol: 'oidc' })
      .replace(/"<e-mail of the (\w+) owner>"/g, '$1@example.com')
      .replace('"<https://your-tenant.vendor.example>"', 'https://acme.example.com')
      .replace('"<vendor-native or third-party>"', 'vendor-native')
      .replace(/"<days backups are kept: at least \d+>"/, '365')
      .replace('"<YYYY-MM-DD of the last successful restore test>"', '2026-11-01')
      .replace('"<region code: eu, us, de, ...>"', 'eu')
      .replace('"<true once the data processing agreement is signed>"', 'true')
      .replace('"<soc2-type2 or iso27001>"', 'soc2-type2');
    expect(errors(starter)).toEqual([]);
    expect(errors(edit(VALID, { set: { 'x-cmdb': 'CI-1', 'spec.sso.x-note': 'via OIN', 'metadata.labels.x-anything': 'ok' } }))).toEqual([]);
  });

  it('rejects what the linter rejects: unknown keys, values outside an enum, bad dates, bad regions, wrong types', () => {
    expect(errors(edit(VALID, { set: { 'spec.sso.protocl': 'saml' } }))).toContain('/spec/sso must NOT have additional properties');
    expect(errors(edit(VALID, { set: { 'spec.sso.protocol': 'kerberos' } }))).toContain('/spec/sso/protocol must be equal to one of the allowed values');
    expect(errors(edit(VALID, { set: { 'spec.backup.lastRestoreTest': '2026-02-30' } }))).toContain('/spec/backup/lastRestoreTest must match format "date"');
    expect(errors(edit(VALID, { set: { 'spec.residency.regions': ['atlantis'] } }))).toContain('/spec/residency/regions/0 must be equal to one of the allowed values');
    expect(errors(edit(VALID, { set: { 'spec.seats': 'many' } }))).toContain('/spec/seats must be integer');
    expect(errors(edit(VALID, { remove: ['spec.data.classification'] }))).toContain("/spec/data must have required property 'classification'");
  });

  it('gives completion lists for the fixed vocabularies', () => {
    expect(at('spec.sso.protocol').enum).toEqual(['saml', 'oidc', 'swa', 'none']);
    expect(at('spec.data.classification').enum).toEqual(['public', 'internal', 'confidential', 'restricted']);
    expect(at('spec.lifecycle').enum).toEqual(['poc', 'production', 'deprecated']);
    expect(at('spec.sso.mfa').enum).toEqual(['required', 'optional']);
    expect(at('spec.provisioning.scim.features.[]').enum).toContain('deactivate');
    expect(at('spec.vendorAssurance.certifications.[]').enum).toContain('soc2-type2');
    expect(at('spec.residency.regions.[]').enum).toEqual(expect.arrayContaining(['eu', 'eea', 'adequate', 'de', 'us', 'global']));
    expect(at('spec.data.subjects.[]').enum).toEqual(at('spec.residency.regions.[]').enum);
    expect(at('apiVersion').const).toBe('saasgov.dev/v1');
  });

  it('describes every property, for hover help', () => {
    const missing: string[] = [];
    const walk = (node: Node, where: string) => {
      for (const [key, child] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) {
        if (typeof child.description !== 'string' || child.description === '') missing.push(`${where}${key}`);
        walk(child, `${where}${key}.`);
      }
      if (node.items) walk(node.items as Node, `${where}[].`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('allows x- keys on every object that rejects unknown keys, and free keys under labels', () => {
    const closed: string[] = [];
    const walk = (node: Node, where: string) => {
      if (node.type === 'object' && node.additionalProperties === false) {
        closed.push(where);
        expect(node.patternProperties, where).toEqual({ '^x-': {} });
      }
      for (const [key, child] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) walk(child, `${where}.${key}`);
      if (node.items) walk(node.items as Node, `${where}[]`);
    };
    walk(schema, '');
    expect(closed).toEqual(expect.arrayContaining(['', '.metadata', '.spec.sso', '.spec.waivers[]']));
    expect(at('metadata.labels').additionalProperties).toEqual({ type: 'string' });
  });

  it('is what `saasgov schema` prints and writes', async () => {
    const dir = tempTree();
    try {
      const printed = await cli(['schema'], { cwd: dir });
      expect(printed.code).toBe(0);
      expect(JSON.parse(printed.stdout)).toEqual(schema);
      expect((await cli(['schema', '-o', 'saasgov.schema.json'], { cwd: dir })).code).toBe(0);
      expect(readFileSync(path.join(dir, 'saasgov.schema.json'), 'utf8')).toBe(printed.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
