/**
 * A held app (SPEC §7.1 "a failing manifest never takes away what is
 * deployed"): an app the stack holds whose manifest now fails lint — or no
 * longer parses — registered exactly as last deployed: the same component,
 * the same children with the same inputs and options, so Pulumi sees no
 * change, no delete and no replacement. What to register comes from
 * `deployed.ts` (the stack's record, or a `pulumi stack export`).
 */
import * as pulumi from '@pulumi/pulumi';
import * as okta from '@pulumi/okta';
import { getVersion } from '@pulumi/okta/utilities';
import { UNREADABLE_SECRET, type DeployedApp, type DeployedResource } from './deployed';
import { heldOptions } from './app-integration';
import { APP_INTEGRATION_TYPE } from './integration-record';

type ResourceClass = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * The provider classes of the types the program registers: held resources go
 * through them, so they carry the provider version and the secret outputs
 * the generated classes declare, exactly as when they were created.
 */
const CLASSES: ReadonlyMap<string, ResourceClass> = new Map<string, ResourceClass>([
  ['okta:app/saml:Saml', okta.app.Saml as unknown as ResourceClass],
  ['okta:app/oAuth:OAuth', okta.app.OAuth as unknown as ResourceClass],
  ['okta:app/swa:Swa', okta.app.Swa as unknown as ResourceClass],
  ['okta:app/accessPolicyAssignment:AccessPolicyAssignment', okta.app.AccessPolicyAssignment as unknown as ResourceClass],
  ['okta:app/connection:Connection', okta.app.Connection as unknown as ResourceClass],
  ['okta:app/features:Features', okta.app.Features as unknown as ResourceClass],
  ['okta:index/appGroupAssignments:AppGroupAssignments', okta.AppGroupAssignments as unknown as ResourceClass],
  ['okta:index/appSignonPolicy:AppSignonPolicy', okta.AppSignonPolicy as unknown as ResourceClass],
  ['okta:index/appSignonPolicyRule:AppSignonPolicyRule', okta.AppSignonPolicyRule as unknown as ResourceClass],
  ['okta:index/pushGroup:PushGroup', okta.PushGroup as unknown as ResourceClass],
]);

/** A deployed resource's inputs as program inputs: secrets wrapped as secrets again, the provider's own `__defaults` left to it. */
export function heldInputs(resource: DeployedResource): Record<string, pulumi.Input<unknown>> {
  const inputs: Record<string, unknown> = structuredClone(resource.inputs);
  delete inputs.__defaults;
  for (const path of resource.secretPaths) {
    const keys = path.split('.');
    let parent: Record<string, unknown> | undefined = inputs;
    for (const key of keys.slice(0, -1)) parent = typeof parent?.[key] === 'object' && parent[key] !== null ? (parent[key] as Record<string, unknown>) : undefined;
    const last = keys.at(-1)!;
    if (parent !== undefined && Object.hasOwn(parent, last)) parent[last] = pulumi.secret(parent[last] ?? UNREADABLE_SECRET);
  }
  return inputs as Record<string, pulumi.Input<unknown>>;
}

/** The component of a held app: its children re-registered as last deployed. */
export class HeldIntegration extends pulumi.ComponentResource {
  constructor(deployed: DeployedApp) {
    super(APP_INTEGRATION_TYPE, deployed.app, {}, {});
    for (const resource of deployed.resources) {
      const opts = heldOptions(resource, this);
      const inputs = heldInputs(resource);
      const cls = CLASSES.get(resource.type);
      if (cls !== undefined) new cls(resource.name, inputs as never, opts);
      else {
        // A type this version does not register any more: the generic class, with the provider version the generated ones use.
        const Generic = pulumi.CustomResource as unknown as new (t: string, n: string, i: pulumi.Inputs, o: pulumi.CustomResourceOptions) => pulumi.CustomResource;
        new Generic(resource.type, resource.name, inputs, { ...opts, version: getVersion() });
      }
    }
    this.registerOutputs(deployed.outputs);
  }
}
