/** Reading a `pulumi stack export` (deployment version 3) into what each app deployed. */
import { describe, expect, it } from 'vitest';
import { UNREADABLE_SECRET } from '../../src/okta/deployed';
import { heldInputs } from '../../src/okta/held-integration';
import { parseStackExport, parseUrn } from '../../src/plan/state';

const SECRET_SIG = { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270' };
const STACK = 'urn:pulumi:prod::saasgov::pulumi:pulumi:Stack::saasgov-prod';
const COMPONENT = 'urn:pulumi:prod::saasgov::saasgov:okta:AppIntegration::zia';
const child = (type: string, name: string) => `urn:pulumi:prod::saasgov::saasgov:okta:AppIntegration$${type}::${name}`;

/** An export as `pulumi stack export` writes one: a root stack, a provider, a component and its children. */
function exportOf(connectionProfile: unknown, version = 3): string {
  return JSON.stringify({
    version,
    deployment: {
      manifest: { time: '2026-12-01T00:00:00Z', magic: 'x', version: 'v3.248.0' },
      secrets_providers: { type: 'passphrase', state: { salt: 'v1:…' } },
      resources: [
        { urn: STACK, custom: false, type: 'pulumi:pulumi:Stack', outputs: { apps: {} } },
        { urn: 'urn:pulumi:prod::saasgov::pulumi:providers:okta::default_7_0_0', custom: true, id: 'p1', type: 'pulumi:providers:okta', inputs: { version: '7.0.0' } },
        { urn: COMPONENT, custom: false, type: 'saasgov:okta:AppIntegration', parent: STACK, outputs: { filePath: 'apps/zia.yaml', lifecycle: 'production', intent: 'abc', appId: '0oaZIA' } },
        {
          urn: child('okta:app/saml:Saml', 'zia-app'),
          custom: true,
          id: '0oaZIA',
          type: 'okta:app/saml:Saml',
          parent: COMPONENT,
          inputs: { __defaults: ['status'], label: 'ZIA', preconfiguredApp: 'zscalerbyz', status: 'ACTIVE' },
          outputs: { id: '0oaZIA' },
          retainOnDelete: true,
        },
        {
          urn: child('okta:app/connection:Connection', 'zia-scim-connection'),
          custom: true,
          id: '0oaZIA',
          type: 'okta:app/connection:Connection',
          parent: COMPONENT,
          inputs: { __defaults: [], action: 'activate', baseUrl: 'https://scim.example.com', idProperty: '0oaZIA', profile: connectionProfile },
          additionalSecretOutputs: ['profile'],
          ignoreChanges: ['baseUrl'],
        },
      ],
    },
  });
}

describe('parseStackExport', () => {
  it('rebuilds each app from its component and children: outputs, inputs, ids and options', () => {
    const state = parseStackExport(exportOf({ authScheme: 'TOKEN', token: { ...SECRET_SIG, ciphertext: 'v1:AAAA' } }), 's.json', 'saasgov');
    expect(state.stack).toBe('prod');
    expect(state.resources.size).toBe(5);
    const zia = state.deployed.apps.get('zia')!;
    expect(zia).toMatchObject({ app: 'zia', filePath: 'apps/zia.yaml', lifecycle: 'production', intent: 'abc' });
    expect(zia.resources.map((r) => [r.name, r.id, r.retainOnDelete])).toEqual([
      ['zia-app', '0oaZIA', true],
      ['zia-scim-connection', '0oaZIA', false],
    ]);
    const connection = zia.resources[1]!;
    expect(connection).toMatchObject({ additionalSecretOutputs: ['profile'], ignoreChanges: ['baseUrl'], secretPaths: ['profile.token'] });
    // An encrypted secret cannot be read: it is held as a secret placeholder, never as its ciphertext.
    expect(connection.inputs.profile).toEqual({ authScheme: 'TOKEN', token: UNREADABLE_SECRET });
  });

  it('reads a secret exported with --show-secrets, and holds it as a secret again (without the provider\'s __defaults)', async () => {
    const state = parseStackExport(exportOf({ ...SECRET_SIG, plaintext: JSON.stringify({ authScheme: 'TOKEN', token: 't0ken' }) }), 's.json', 'saasgov');
    const connection = state.deployed.apps.get('zia')!.resources[1]!;
    expect(connection.secretPaths).toEqual(['profile']);
    expect(connection.inputs.profile).toEqual({ authScheme: 'TOKEN', token: 't0ken' });
    const inputs = heldInputs(connection);
    expect(Object.keys(inputs).sort()).toEqual(['action', 'baseUrl', 'idProperty', 'profile']);
    expect(inputs.profile).not.toEqual({ authScheme: 'TOKEN', token: 't0ken' }); // an Output marked secret
  });

  it('accepts deployment version 4 (the same schema with features), a BOM, and an empty stack', () => {
    expect(parseStackExport(`\uFEFF${exportOf({}, 4)}`, 's.json', 'saasgov').deployed.apps.size).toBe(1);
    const empty = parseStackExport('{"version": 3, "deployment": {"manifest": {}}}', 'e.json', 'saasgov');
    expect([empty.stack, empty.resources.size, empty.deployed.apps.size]).toEqual(['', 0, 0]);
  });

  it.each([
    ['not JSON', '{', /it is not JSON/],
    ['no deployment', '{"version": 3}', /it has no "deployment" object/],
    ['another version', '{"version": 1, "deployment": {}}', /its deployment version is 1, not one of 3, 4/],
    ['resources not a list', '{"version": 3, "deployment": {"resources": {}}}', /"deployment.resources" is not a list/],
    ['a resource without urn', '{"version": 3, "deployment": {"resources": [{"type": "x"}]}}', /resource 0 has no urn or type/],
    ['a bad urn', '{"version": 3, "deployment": {"resources": [{"urn": "arn:aws:x", "type": "x"}]}}', /resource 0 has no valid urn/],
    [
      'two stacks',
      JSON.stringify({ version: 3, deployment: { resources: [{ urn: STACK, type: 'pulumi:pulumi:Stack' }, { urn: STACK.replace('prod', 'dev').replace('saasgov-prod', 'saasgov-dev'), type: 'pulumi:pulumi:Stack' }] } }),
      /its resources name two stacks \(prod and dev\)/,
    ],
    ['another project', JSON.stringify({ version: 3, deployment: { resources: [{ urn: 'urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod', type: 'pulumi:pulumi:Stack' }] } }), /the state of Pulumi project "shop", not "saasgov"/],
  ])('refuses %s with a one-line error', (_what, text, message) => {
    expect(() => parseStackExport(text, 'bad.json', 'saasgov')).toThrow(message);
  });

  it('splits URNs, nested types included', () => {
    expect(parseUrn(child('okta:app/saml:Saml', 'zia-app'))).toEqual({ stack: 'prod', project: 'saasgov', typePath: 'saasgov:okta:AppIntegration$okta:app/saml:Saml', name: 'zia-app' });
    expect(parseUrn('not a urn')).toBeNull();
  });
});
