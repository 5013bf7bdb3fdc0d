/**
 * The pack runs as the Pulumi CLI runs it — from the repository
 * (`pulumi preview --policy-pack src/policy-pack`) and as the publishable
 * bundle (`npm run build:policy-pack`, what `pulumi policy publish` uploads) —
 * in its own Node process, through @pulumi/pulumi's policy-pack runner, and
 * answers the analyzer protocol: its policies and levels, configuration
 * (enforcement level overrides, productionStacks), resource and stack
 * analysis, unknown values. No Pulumi CLI, no engine, no Okta.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as analyzerproto from '@pulumi/pulumi/proto/analyzer_pb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { PACK_NAME, POLICIES } from '../../src/policy-pack/policies';
import { STACK, UNKNOWN_VALUE, type WireResource } from './harness';
import { PACK_DIR, servePack, type ServedPack } from './serve';

const SAML = 'okta:app/saml:Saml';
const sha1App: WireResource = {
  type: SAML,
  name: 'legacy',
  urn: `urn:pulumi:${STACK}::shop::${SAML}::legacy`,
  properties: { label: 'Legacy', ssoUrl: 'https://legacy.example.com/acs', audience: 'https://legacy.example.com', signatureAlgorithm: 'RSA_SHA1', assertionSigned: true },
};

/** What every served pack must do. */
function behavesAsThePack(serve: () => Promise<ServedPack>, version: () => string) {
  let pack: ServedPack;
  beforeAll(async () => {
    pack = await serve();
  }, 90_000);
  afterAll(async () => {
    await pack?.stop();
  });

  it('tells the engine its name, version and policies with their enforcement levels', async () => {
    const info = await pack.info();
    expect(info.getName()).toBe(PACK_NAME);
    expect(info.getVersion()).toBe(version());
    expect(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()])).toEqual(
      POLICIES.map((p) => [p.name, p.enforcementLevel === 'mandatory' ? analyzerproto.EnforcementLevel.MANDATORY : analyzerproto.EnforcementLevel.ADVISORY]),
    );
    const stackPolicy = info.getPoliciesList().find((p) => p.getName() === 'okta-production-apps-retained')!;
    expect(stackPolicy.getConfigschema()!.getProperties()!.toJavaScript()).toEqual({
      productionStacks: { type: 'array', items: { type: 'string' }, default: [], description: expect.any(String) },
    });
  });

  it('reports a SHA-1 SAML app as mandatory, and stays silent on values unknown during preview', async () => {
    const [d, ...rest] = await pack.analyze(sha1App);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ policyName: 'okta-saml-hardening', enforcementLevel: 'mandatory', message: expect.stringContaining('`signatureAlgorithm` is `RSA_SHA1`') });
    expect(await pack.analyze({ ...sha1App, properties: { ...sha1App.properties, signatureAlgorithm: UNKNOWN_VALUE.string } })).toEqual([]);
  });

  it('takes the policy config the CLI sends: an enforcement level override and productionStacks', async () => {
    await pack.configure({
      'okta-saml-hardening': { enforcementLevel: analyzerproto.EnforcementLevel.ADVISORY },
      'okta-oidc-hardening': { enforcementLevel: analyzerproto.EnforcementLevel.MANDATORY },
      'okta-production-apps-retained': { enforcementLevel: analyzerproto.EnforcementLevel.MANDATORY, properties: { productionStacks: [STACK] } },
    });
    expect((await pack.analyze(sha1App)).map((d) => [d.policyName, d.enforcementLevel])).toEqual([['okta-saml-hardening', 'advisory']]);
    const stack = await pack.analyzeStack([sha1App]);
    expect(stack.map((d) => [d.policyName, d.enforcementLevel, d.urn])).toEqual([['okta-production-apps-retained', 'mandatory', sha1App.urn]]);
    expect(await pack.analyzeStack([{ ...sha1App, protect: true }])).toEqual([]);
  });
}

describe('from the repository: pulumi preview --policy-pack src/policy-pack', () => {
  behavesAsThePack(
    () => servePack(PACK_DIR),
    () => (JSON.parse(readFileSync(path.join(PACK_DIR, 'package.json'), 'utf8')) as { version: string }).version,
  );
});

describe('the publishable bundle (npm run build:policy-pack)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'saasgov-policy-pack-'));
    const result = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts', 'bundle-policy-pack.mjs'), path.join(dir, 'pack')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is self-contained: one file that requires only the @pulumi packages its package.json installs', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'pack', 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
    const root = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.main).toBe('index.js');
    expect(manifest.dependencies).toEqual({ '@pulumi/okta': root.dependencies['@pulumi/okta'], '@pulumi/policy': root.dependencies['@pulumi/policy'], '@pulumi/pulumi': root.dependencies['@pulumi/pulumi'] });
    const code = readFileSync(path.join(dir, 'pack', 'index.js'), 'utf8');
    const required = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].filter((m) => !m.startsWith('node:')).sort();
    expect(required.every((m) => Object.keys(manifest.dependencies).some((d) => m === d || m.startsWith(`${d}/`)))).toBe(true);
    expect(readFileSync(path.join(dir, 'pack', 'PulumiPolicy.yaml'), 'utf8')).toBe(readFileSync(path.join(PACK_DIR, 'PulumiPolicy.yaml'), 'utf8'));
  });

  // The repository's node_modules stand in for the `npm install` the Pulumi service runs in the unpacked pack.
  behavesAsThePack(
    () => servePack(path.join(dir, 'pack'), { NODE_PATH: path.join(PACKAGE_ROOT, 'node_modules') }),
    () => (JSON.parse(readFileSync(path.join(PACK_DIR, 'package.json'), 'utf8')) as { version: string }).version,
  );
});
