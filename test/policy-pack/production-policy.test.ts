/**
 * okta-production-apps-retained: production Okta apps (by the saasgov
 * component's record, a stack tag, the productionStacks config or an
 * adminNote label) must be protected — or retained on delete by their saasgov
 * component, since policies cannot see retainOnDelete itself.
 */
import { describe, expect, it } from 'vitest';
import { APP_INTEGRATION_TYPE } from '../../src/okta/integration-record';
import { oktaProductionAppsRetained, productionConfig, stackOfUrn } from '../../src/policy-pack/policies';
import { STACK, UNKNOWN_VALUE, stackResource, urnOf, validateStack } from './harness';

const SAML = 'okta:app/saml:Saml';
const OAUTH = 'okta:app/oAuth:OAuth';
const GROUPS = 'okta:index/appGroupAssignments:AppGroupAssignments';
const POLICY = 'okta:index/appSignonPolicy:AppSignonPolicy';

const handWritten = (props: Record<string, unknown> = {}, protect = false) => stackResource(SAML, 'payroll-saml', { label: 'Payroll', ...props }, { protect });
const check = (resources: Parameters<typeof validateStack>[1], options?: Parameters<typeof validateStack>[2]) => validateStack(oktaProductionAppsRetained, resources, options);

describe('okta-production-apps-retained', () => {
  it('is a mandatory stack policy with a productionStacks option (no lint rule sets its level)', () => {
    expect(oktaProductionAppsRetained.enforcementLevel).toBe('mandatory');
    expect(Object.keys(oktaProductionAppsRetained.configSchema!.properties)).toEqual(['productionStacks']);
  });

  describe('hand-written apps', () => {
    it('reports a production app that is not protected, at its URN', async () => {
      const violations = await check([handWritten()], { tags: { 'saasgov:lifecycle': 'production' } });
      expect(violations).toEqual([{ urn: urnOf(SAML, 'payroll-saml'), message: expect.stringContaining('payroll-saml (okta:app/saml:Saml) is a production Okta app (the stack is tagged saasgov:lifecycle=production) but is not protected') }]);
      expect(violations[0]!.message).toContain('Set the resource option `protect: true`');
    });

    it('passes it when protected', async () => {
      expect(await check([handWritten({}, true)], { tags: { 'saasgov:lifecycle': 'Production' } })).toEqual([]);
    });

    it('ignores apps not labelled production', async () => {
      expect(await check([handWritten()])).toEqual([]);
      expect(await check([handWritten()], { tags: { 'saasgov:lifecycle': 'poc' } })).toEqual([]);
    });

    it('labels apps production by the productionStacks config (stack name from the URN)', async () => {
      expect(stackOfUrn(urnOf(SAML, 'x'))).toBe(STACK);
      expect(await check([handWritten()], { config: { productionStacks: [STACK] } })).toEqual([
        expect.objectContaining({ message: expect.stringContaining(`(stack ${STACK} is listed in productionStacks)`) }),
      ]);
      expect(await check([handWritten()], { config: { productionStacks: ['other'] } })).toEqual([]);
    });

    it('labels one app production by its adminNote', async () => {
      const labelled = stackResource(OAUTH, 'crm-oidc', { type: 'web', adminNote: 'Owner: sales-ops. saasgov:lifecycle=production' });
      const other = stackResource(OAUTH, 'wiki-oidc', { type: 'web', adminNote: 'Owner: it' });
      expect(await check([labelled, other])).toEqual([
        { urn: urnOf(OAUTH, 'crm-oidc'), message: expect.stringContaining('(its adminNote says saasgov:lifecycle=production)') },
      ]);
    });

    it('does not guess from an adminNote unknown during preview', async () => {
      expect(await check([handWritten({ adminNote: UNKNOWN_VALUE.string })])).toEqual([]);
    });

    it('guards the group assignments and the sign-on policy of a production app too: deleting them takes access away', async () => {
      const app = stackResource(OAUTH, 'crm-oidc', { type: 'web', adminNote: 'saasgov:lifecycle=production' }, { protect: true });
      const policy = stackResource(POLICY, 'crm-policy', { name: 'Two factors' });
      const withPolicy = { ...app, propertyDependencies: { authenticationPolicy: [policy] } };
      const groups = stackResource(GROUPS, 'crm-groups', { appId: 'x' }, { propertyDependencies: { appId: [withPolicy] } });
      const violations = await check([withPolicy, policy, groups]);
      expect(violations.map((v) => v.urn)).toEqual([urnOf(POLICY, 'crm-policy'), urnOf(GROUPS, 'crm-groups')]);
      expect(violations[0]!.message).toContain("is the sign-on policy of a production Okta app: removing it puts the app on the org's default policy (it belongs to the production Okta app crm-oidc");
      expect(violations[1]!.message).toContain('is the group assignments of a production Okta app: removing it unassigns every user of those groups');
      // Protected, they pass; belonging to an app that is not production, they are not guarded.
      expect(await check([withPolicy, { ...policy, opts: { ...policy.opts, protect: true } }, { ...groups, opts: { ...groups.opts, protect: true } }])).toEqual([]);
      const other = stackResource(OAUTH, 'wiki-oidc', { type: 'web' });
      expect(await check([other, stackResource(GROUPS, 'wiki-groups', { appId: 'y' }, { propertyDependencies: { appId: [other] } })])).toEqual([]);
    });

    it('finds a policy given to a production app by an access policy assignment', async () => {
      const app = stackResource('okta:app/swa:Swa', 'lunch', { label: 'Lunch' }, { protect: true });
      const policy = stackResource(POLICY, 'lunch-policy', {});
      const assignment = stackResource('okta:app/accessPolicyAssignment:AccessPolicyAssignment', 'lunch-assignment', {}, { propertyDependencies: { appId: [app], policyId: [policy] } });
      expect((await check([app, policy, assignment], { tags: { 'saasgov:lifecycle': 'production' } })).map((v) => v.urn)).toEqual([urnOf(POLICY, 'lunch-policy')]);
      expect((await check([app, policy, assignment], { config: { productionStacks: ['other'] } })).map((v) => v.urn)).toEqual([]);
    });
  });

  describe('apps of a saasgov AppIntegration component (what the saasgov program creates)', () => {
    const component = (outputs: Record<string, unknown>) => stackResource(APP_INTEGRATION_TYPE, 'payroll', { appId: UNKNOWN_VALUE.string, ...outputs });
    const appOf = (parent: ReturnType<typeof component>, protect = false) => stackResource(SAML, 'payroll-app', { label: 'Payroll' }, { parent, protect });

    it('passes a production app its component retained on delete', async () => {
      const parent = component({ lifecycle: 'production', retainOnDelete: true });
      expect(await check([parent, appOf(parent)])).toEqual([]);
    });

    it('reports the group assignment and policy of a production component that did not retain them', async () => {
      const parent = component({ lifecycle: 'production', retainOnDelete: false });
      const groups = stackResource(GROUPS, 'payroll-groups', { appId: 'x' }, { parent });
      const policy = stackResource(POLICY, 'payroll-mfa-policy', {}, { parent });
      expect((await check([parent, appOf(parent), groups, policy])).map((v) => v.urn!.split('::').at(-1))).toEqual(['payroll-app', 'payroll-groups', 'payroll-mfa-policy']);
      const retained = component({ lifecycle: 'production', retainOnDelete: true });
      expect(await check([retained, stackResource(GROUPS, 'payroll-groups', {}, { parent: retained })])).toEqual([]);
    });

    it('ignores an app whose manifest is not production', async () => {
      const parent = component({ lifecycle: 'poc', retainOnDelete: false });
      expect(await check([parent, appOf(parent)])).toEqual([]);
    });

    it('reports a production app its component did not retain, unless protected', async () => {
      const parent = component({ lifecycle: 'production', retainOnDelete: false });
      expect(await check([parent, appOf(parent)])).toEqual([
        {
          urn: urnOf(SAML, 'payroll-app', APP_INTEGRATION_TYPE),
          message: expect.stringContaining("(its saasgov manifest's lifecycle is production (component payroll)) but neither retained on delete nor protected"),
        },
      ]);
      expect(await check([parent, appOf(parent, true)])).toEqual([]);
    });

    it('explains a non-production manifest in a production-tagged stack', async () => {
      const parent = component({ lifecycle: 'poc', retainOnDelete: false });
      const [violation] = await check([parent, appOf(parent)], { tags: { 'saasgov:lifecycle': 'production' } });
      expect(violation!.message).toContain("its manifest's lifecycle is not production, so saasgov does not retain it");
    });

    it('explains a component that records nothing (created before the policy pack)', async () => {
      const parent = component({});
      const [violation] = await check([parent, appOf(parent)], { tags: { 'saasgov:lifecycle': 'production' } });
      expect(violation!.message).toContain('records no lifecycle');
    });

    it('does not report while the record is unknown', async () => {
      const parent = component({ lifecycle: 'production', retainOnDelete: UNKNOWN_VALUE.boolean });
      expect(await check([parent, appOf(parent)])).toEqual([]);
      const unknownLifecycle = component({ lifecycle: UNKNOWN_VALUE.string, retainOnDelete: false });
      expect(await check([unknownLifecycle, appOf(unknownLifecycle)])).toEqual([]);
    });
  });

  it('applies the config\'s defaults and ignores malformed values (the analyzer passes only what was configured)', () => {
    expect(productionConfig({})).toEqual({ productionStacks: [] });
    expect(productionConfig(undefined)).toEqual({ productionStacks: [] });
    expect(productionConfig({ productionStacks: 'prod' })).toEqual({ productionStacks: [] });
    expect(productionConfig({ productionStacks: ['prod', 3, null] })).toEqual({ productionStacks: ['prod'] });
  });
});
