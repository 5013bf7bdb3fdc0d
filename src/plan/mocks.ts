/**
 * Pulumi runtime mocks for the Okta program: what `saasgov plan` runs under,
 * and what the tests run under. No Okta, no Pulumi CLI, no network.
 *
 * In preview mode (`saasgov plan`) a new resource's id and computed outputs
 * stay unknown, as in `pulumi preview`; its inputs are echoed. Otherwise
 * (tests) resources get deterministic ids and plausible outputs — an OIDC
 * app even a client secret, so tests can prove it never leaks.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The invoke the program makes: look an Okta group up by name. */
export const GET_GROUP = 'okta:group/getGroup:getGroup';

/** The id the mocks give the Okta group named `name`. */
export const mockGroupId = (name: string): string => `okta-group:${name}`;

/** The client secret the mocks give an OIDC app (tests search outputs for it). */
export const mockClientSecret = (resourceName: string): string => `mock-client-secret-${resourceName}-do-not-print`;

/** Outputs Okta computes, per resource type (deployment mode only). */
function computedOutputs(type: string, name: string, id: string): Record<string, unknown> {
  switch (type) {
    case 'okta:app/saml:Saml':
      return { signOnMode: 'SAML_2_0', metadataUrl: `https://example.okta.com/app/${id}/sso/saml/metadata`, name: 'custom_saml_app' };
    case 'okta:app/oAuth:OAuth':
      return { signOnMode: 'OPENID_CONNECT', clientId: `${name}-client-id`, clientSecret: mockClientSecret(name), name: 'oidc_client' };
    case 'okta:app/swa:Swa':
      return { signOnMode: 'BROWSER_PLUGIN', name: 'template_swa' };
    default:
      return {};
  }
}

/** Mocks for the Okta program; `preview` as for `pulumi.runtime.setMocks`. */
export function oktaMocks(options: { readonly preview: boolean }): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      if (!args.custom) return { id: undefined, state: {} };
      if (options.preview) return { id: undefined, state: args.inputs };
      const id = `${args.name}-id`;
      return { id, state: { ...args.inputs, ...computedOutputs(args.type, args.name, id) } };
    },
    call(args) {
      if (args.token === GET_GROUP) {
        const name = String(args.inputs.name);
        return { id: mockGroupId(name), name, description: '', type: 'OKTA_GROUP', users: [] };
      }
      throw new Error(`saasgov: no mock for the invoke ${args.token}`);
    },
  };
}
