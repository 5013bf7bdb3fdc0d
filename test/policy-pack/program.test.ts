/**
 * The saasgov Pulumi program's own output passes its own policy pack: the
 * program runs on the Okta fixtures under Pulumi's runtime mocks (as
 * `saasgov plan` does), every registration is recorded, and the recorded
 * resources go through @pulumi/policy's own analyzer handlers as the engine
 * would send them — each custom resource to `analyze` (its inputs), the
 * whole stack to `analyzeStack` (components with their registered outputs).
 * Negative controls prove the same path reports what it should.
 */
import { describe, expect, it } from 'vitest';
import { runProgram, type ProgramSettings } from '../../src/okta/program';
import type { Recording } from '../../src/plan/record';
import { runWithMocks } from '../../src/plan/run';
import { POLICIES } from '../../src/policy-pack/policies';
import type { ResourceValidationPolicy } from '@pulumi/policy';
import { AS_OF } from '../helpers';
import { FIXTURES } from '../okta/manifests';
import { analyzeOnWire, analyzeStackOnWire, STACK, UNKNOWN_VALUE, type Diagnostic, type WireResource } from './harness';

const settings: ProgramSettings = { cwd: FIXTURES, paths: [], strict: false, asOf: AS_OF, scim: new Map() };

async function recordProgram(preview: boolean): Promise<Recording> {
  const { recording } = await runWithMocks(() => runProgram(settings, { warn: () => undefined }), { preview, stack: STACK });
  expect(recording.errors).toEqual([]);
  return recording;
}

/**
 * What the engine would send: a custom resource's inputs (for a resource
 * being created the engine's outputs are these plus computed values), a
 * component's registered outputs.
 */
function wireResources(recording: Recording): WireResource[] {
  return recording.resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    protect: r.protect,
    ...(r.parent !== '' ? { parent: r.parent } : {}),
    properties: r.custom ? r.inputs : (recording.outputs.get(r.urn) ?? {}),
  }));
}

async function analyzeAll(resources: readonly WireResource[]): Promise<Diagnostic[]> {
  const perResource = await Promise.all(resources.filter((r) => !r.type.startsWith('saasgov:')).map((r) => analyzeOnWire(POLICIES, r)));
  return [...perResource.flat(), ...(await analyzeStackOnWire(POLICIES, resources))];
}

const named = (resources: readonly WireResource[], name: string) => resources.find((r) => r.name === name)!;

describe.each([
  ['pulumi up (every value known)', false],
  ['pulumi preview (ids and dependent inputs unknown)', true],
] as const)('the saasgov program on the Okta fixtures, %s', (_mode, preview) => {
  it('passes every policy of its own pack', async () => {
    const resources = wireResources(await recordProgram(preview));
    // The fixtures hold what the policies look at: custom SAML, every OAuth type, production apps with their component.
    expect(resources.filter((r) => r.type === 'okta:app/saml:Saml').map((r) => r.name).sort()).toEqual(['crm-salesforce-app', 'payroll-app']);
    expect(resources.filter((r) => r.type === 'okta:app/oAuth:OAuth').map((r) => `${r.name}:${String(r.properties.type)}`).sort()).toEqual([
      'dashboard-spa-app:browser',
      'expenses-app:web',
      'field-app-app:native',
      'reporting-service-app:service',
    ]);
    expect(named(resources, 'payroll').properties).toMatchObject({ lifecycle: 'production', retainOnDelete: true });
    expect(named(resources, 'field-app').properties).toMatchObject({ lifecycle: 'poc', retainOnDelete: false });

    expect(await analyzeAll(resources)).toEqual([]);
  });

  it('is reported through the same path when it breaks the rules (negative control)', async () => {
    const resources = wireResources(await recordProgram(preview)).map((r) =>
      r.name === 'payroll-app'
        ? { ...r, properties: { ...r.properties, signatureAlgorithm: 'RSA_SHA1' } }
        : r.name === 'expenses'
          ? { ...r, properties: { ...r.properties, retainOnDelete: false } }
          : r.name === 'dashboard-spa-app'
            ? { ...r, properties: { ...r.properties, pkceRequired: false } }
            : r,
    );
    const found = (await analyzeAll(resources)).sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
    expect(found.map((d) => [d.policyName, d.enforcementLevel, d.urn.split('::').at(-1)])).toEqual([
      ['okta-oidc-hardening', 'mandatory', ''],
      ['okta-production-apps-retained', 'mandatory', 'expenses-app'],
      // Its group assignment too: deleting it would unassign every user of the production app.
      ['okta-production-apps-retained', 'mandatory', 'expenses-groups'],
      ['okta-saml-hardening', 'mandatory', ''],
    ]);
    // Resource diagnostics carry no URN (the engine attaches the resource); messages are the checks' own, after the policy description.
    expect(found[0]!.message).toContain('`pkceRequired` is false for a `browser` app');
    expect(found[3]!.message).toContain('`signatureAlgorithm` is `RSA_SHA1`');
  });
});

describe('unknown values on the wire', () => {
  const spa: WireResource = {
    type: 'okta:app/oAuth:OAuth',
    name: 'spa',
    urn: `urn:pulumi:${STACK}::shop::okta:app/oAuth:OAuth::spa`,
    properties: { label: 'SPA', type: 'browser', grantTypes: ['authorization_code'], pkceRequired: true, redirectUris: UNKNOWN_VALUE.array },
  };

  it('gives no diagnostic at all — where a policy that reads the unknown value gets the analyzer\'s advisory "can\'t run policy"', async () => {
    expect(await analyzeOnWire(POLICIES, spa)).toEqual([]);
    const naive: ResourceValidationPolicy = {
      name: 'naive',
      description: 'reads redirectUris directly',
      enforcementLevel: 'mandatory',
      validateResource: (args, report) => {
        if ((args.props.redirectUris as string[]).length === 0) report('no redirect URIs');
      },
    };
    expect(await analyzeOnWire([naive], spa)).toEqual([
      expect.objectContaining({ policyName: 'naive', enforcementLevel: 'advisory', message: expect.stringContaining("can't run policy 'naive'") }),
    ]);
  });

  it('still reports the known problems of a resource with unknown values', async () => {
    const found = await analyzeOnWire(POLICIES, { ...spa, properties: { ...spa.properties, grantTypes: ['implicit', 'authorization_code'] } });
    expect(found.map((d) => [d.policyName, d.enforcementLevel])).toEqual([['okta-oidc-hardening', 'mandatory']]);
    expect(found[0]!.message).toContain('`grantTypes[0]` is `implicit`');
  });
});
