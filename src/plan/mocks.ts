/**
 * Pulumi runtime mocks for the Okta program: what `saasgov plan` runs under,
 * and what the tests run under. No Okta, no Pulumi CLI, no network.
 *
 * In preview mode (`saasgov plan`) a new resource's id and computed outputs
 * stay unknown, as in `pulumi preview`; its inputs are echoed. A resource the
 * stack already holds (`saasgov plan --state`) keeps its id and outputs, as
 * in a preview, unless a change replaces it; an adopted one gets the id it is
 * imported by. Otherwise (tests) resources get deterministic ids and
 * plausible outputs — an OIDC app even a client secret, so tests can prove
 * it never leaks.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The invoke the program makes: look an Okta group up by name. */
export const GET_GROUP = 'okta:group/getGroup:getGroup';

/** The type of the stack reference the program reads its own previous outputs through. */
export const STACK_REFERENCE = 'pulumi:pulumi:StackReference';

/** The id the mocks give the Okta group named `name`. */
export const mockGroupId = (name: string): string => `okta-group:${name}`;

/** The client secret the mocks give an OIDC app (tests search outputs for it). */
export const mockClientSecret = (resourceName: string): string => `mock-client-secret-${resourceName}-do-not-print`;

/** A group as Okta's search returns it. */
export interface MockGroup {
  readonly id: string;
  readonly name: string;
}

/** A resource the stack already holds, as the mocks answer for it. */
export interface KnownResource {
  readonly id?: string;
  readonly outputs: Record<string, unknown>;
}

/** Outputs Okta computes, per resource type (deployment mode only). */
function computedOutputs(type: string, name: string, id: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'okta:app/saml:Saml':
      return { signOnMode: 'SAML_2_0', metadataUrl: `https://example.okta.com/app/${id}/sso/saml/metadata`, name: inputs.preconfiguredApp ?? 'custom_saml_app' };
    case 'okta:app/oAuth:OAuth':
      return { signOnMode: 'OPENID_CONNECT', clientId: `${name}-client-id`, clientSecret: mockClientSecret(name), name: inputs.preconfiguredApp ?? 'oidc_client' };
    case 'okta:app/swa:Swa':
      // The provider creates an OIN SWA app as AUTO_LOGIN (terraform-provider-okta `buildAppSwa`), a custom one as BROWSER_PLUGIN.
      return inputs.preconfiguredApp !== undefined ? { signOnMode: 'AUTO_LOGIN', name: inputs.preconfiguredApp } : { signOnMode: 'BROWSER_PLUGIN', name: 'template_swa' };
    default:
      return {};
  }
}

/** What the mocks know beyond the program's own registrations. */
export interface MockOptions {
  /** As for `pulumi.runtime.setMocks`: unknown ids and outputs for new resources. */
  readonly preview: boolean;
  /**
   * Okta's group search by name, as the provider's data source answers it
   * (`undefined`: no group). Default: a group of exactly that name.
   */
  readonly groups?: (name: string) => MockGroup | undefined;
  /** The stack's previous outputs, as the program's stack reference to itself reads them. */
  readonly stackOutputs?: Record<string, unknown>;
  /** A resource the stack holds, by type and name, and whether the program's inputs replace it. */
  readonly known?: (type: string, name: string, inputs: Record<string, unknown>) => KnownResource | undefined;
}

/** Mocks for the Okta program. */
export function oktaMocks(options: MockOptions): pulumi.runtime.Mocks {
  return {
    newResource(args) {
      if (args.type === STACK_REFERENCE) return { id: args.id ?? args.name, state: { name: args.inputs.name, outputs: options.stackOutputs ?? {}, secretOutputNames: [] } };
      if (!args.custom) return { id: undefined, state: {} };
      const known = options.known?.(args.type, args.name, args.inputs as Record<string, unknown>);
      if (known !== undefined) return { id: known.id, state: { ...known.outputs } };
      if (options.preview) return { id: args.id || undefined, state: args.inputs };
      const id = args.id || `${args.name}-id`;
      return { id, state: { ...args.inputs, ...computedOutputs(args.type, args.name, id, args.inputs as Record<string, unknown>) } };
    },
    call(args) {
      if (args.token === GET_GROUP) {
        const name = String(args.inputs.name);
        const group = options.groups ? options.groups(name) : { id: mockGroupId(name), name };
        if (group === undefined) throw new Error(`group with name "${name}" does not exist`);
        return { id: group.id, name: group.name, description: '', type: 'OKTA_GROUP', users: [] };
      }
      throw new Error(`saasgov: no mock for the invoke ${args.token}`);
    },
  };
}
