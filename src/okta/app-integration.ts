/**
 * `saasgov:okta:AppIntegration`: one SaaS app's Okta integration (SPEC §7,
 * §7.1) — the app (SAML, OIDC or SWA), its group assignments, its two-factor
 * sign-on policy and, for OIN apps whose connection the stack configures, its
 * SCIM provisioning and group push. The arguments come from the pure
 * functions of `mapping.ts`; this class wires resources together, sets the
 * safety options, and records what it registered (the stack output
 * `deployed`, read back by the next update: `deployed.ts`).
 */
import * as pulumi from '@pulumi/pulumi';
import * as okta from '@pulumi/okta';
import type { Manifest } from '../manifest/schema';
import { deployedResource, type DeployedApp, type DeployedResource } from './deployed';
import { APP_INTEGRATION_TYPE, type IntegrationRecord } from './integration-record';
import {
  appArgs,
  appManualSteps,
  groupAssignments,
  groupNames,
  needsSignonPolicy,
  provisioningFeaturesArgs,
  pushGroupArgs,
  REPLACING_INPUTS,
  scimPlan,
  signonPolicyArgs,
  signonPolicyRuleArgs,
  type ManualStep,
} from './mapping';

/** An OIN app's SCIM connection, from the stack secret `saasgov:scim`. */
export interface ScimConnection {
  /** The vendor's SCIM base URL. */
  readonly baseUrl: string;
  /** The SCIM bearer token; the component marks it secret whatever it is given. */
  readonly token: pulumi.Input<string>;
}

/** Arguments of an {@link AppIntegration}. */
export interface AppIntegrationArgs {
  /**
   * The app's manifest: one that `saasgov lint` passes (no error finding after
   * waivers), with the secure defaults of SPEC §1 filled in by the schema, and
   * that the provider takes (`provisioningProblems` is empty).
   * `sso.protocol` must not be `none` (nothing would be provisioned).
   * `metadata.formerNames` become aliases of the component (its children
   * follow through parent aliasing, their names being `${name}-…`), and
   * `spec.lifecycle: production` sets `retainOnDelete` on every resource, so
   * deleting the manifest never deletes an Okta app its users depend on.
   */
  readonly manifest: Manifest;
  /** The manifest's file, relative to the project (the app's admin note names it). */
  readonly filePath: string;
  /**
   * Okta group ids by exact group name, for `access.groups` (looked up by the
   * program before any resource is registered, so a missing group stops the
   * update before any change).
   */
  readonly groupIds?: ReadonlyMap<string, pulumi.Input<string>>;
  /**
   * The SCIM connection for an OIN app whose connection the stack configures.
   * Without it the SCIM settings become {@link AppIntegration.manualSteps}.
   */
  readonly scim?: ScimConnection;
  /**
   * The app as last deployed, when the stack records it: what the manifest
   * stopped declaring (groups, SCIM) is then switched off rather than left
   * behind.
   */
  readonly previous?: DeployedApp;
  /**
   * Adopt the app named by `okta.appId` (the stack does not hold it yet):
   * import it as it is in Okta, and leave its children to the next update.
   */
  readonly adopt?: boolean;
  /** A digest of what the manifest asks of Okta, recorded for `saasgov:strict` (`provisioningIntent`). */
  readonly intent?: string;
}

/** A child as recorded for the next update: what it was registered with. */
interface Tracked {
  readonly resource: pulumi.CustomResource;
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, pulumi.Input<unknown>>;
  readonly secretPaths: readonly string[];
  readonly opts: pulumi.CustomResourceOptions;
}

/** Group names as resource-name suffixes: URN-safe, unique per app. */
function pushGroupSuffixes(groups: readonly string[]): string[] {
  const seen = new Set<string>();
  return groups.map((g) => {
    const base = g.replace(/[^\w.-]+/g, '-');
    let suffix = base;
    for (let i = 2; seen.has(suffix); i++) suffix = `${base}-${i}`;
    seen.add(suffix);
    return suffix;
  });
}

/** The Okta resources of one SaaS app. Resource names: `${name}-app`, `${name}-groups`, `${name}-mfa-policy`, … */
export class AppIntegration extends pulumi.ComponentResource {
  /** The component's Pulumi type token. */
  static readonly TYPE = APP_INTEGRATION_TYPE;

  /** The Okta app. */
  readonly app: okta.app.Saml | okta.app.OAuth | okta.app.Swa;
  /** The Okta app id. */
  readonly appId: pulumi.Output<string>;
  /** The app label shown to users. */
  readonly label: pulumi.Output<string>;
  /** Okta's sign-on mode: `SAML_2_0`, `OPENID_CONNECT`, or for SWA `AUTO_LOGIN` (OIN apps) or `BROWSER_PLUGIN` (custom apps). */
  readonly signOnMode: pulumi.Output<string>;
  /** SAML apps: the IdP metadata URL to give the vendor. */
  readonly metadataUrl?: pulumi.Output<string>;
  /** OIDC apps: the client id. The client secret is a secret output of {@link app} and is never exported. */
  readonly clientId?: pulumi.Output<string>;
  /** What an Okta admin must still do by hand (plain data, known before deployment). */
  readonly manualSteps: readonly ManualStep[];
  /** Whether the app is adopted (`okta.appId`, not yet in the stack): imported as it is in Okta, its children left for the next update. */
  readonly adopted: boolean;
  /** What this component registered, for the stack output `deployed`. */
  readonly record: pulumi.Output<Omit<DeployedApp, 'app'>>;

  constructor(name: string, args: AppIntegrationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const { manifest, previous } = args;
    const formerNames = manifest.metadata.formerNames ?? [];
    super(AppIntegration.TYPE, name, {}, { ...opts, aliases: [...(opts.aliases ?? []), ...formerNames.map((n) => ({ name: n }))] });

    const mapped = appArgs(manifest, args.filePath);
    if (mapped === null) throw new Error(`${manifest.metadata.name}: sso.protocol is none; there is no Okta app to create`);
    // retainOnDelete is set on every child, not left to inheritance: each
    // resource's registration then says it, and a review of the plan shows it.
    const child: pulumi.CustomResourceOptions = { parent: this, ...(manifest.spec.lifecycle === 'production' ? { retainOnDelete: true } : {}) };
    const tracked: Tracked[] = [];
    const track = <R extends pulumi.CustomResource>(resource: R, type: string, resourceName: string, inputs: object, options: pulumi.CustomResourceOptions, secretPaths: string[] = []): R => {
      // An imported resource holds what Okta has, not the program's inputs (they were ignored for the import):
      // its record reads each input (and each that would replace it) back from the resource's own outputs, so a
      // held or compared app is what the stack holds.
      const keys = [...new Set([...Object.keys(inputs), ...(REPLACING_INPUTS[type] ?? [])])];
      const recorded = options.import !== undefined ? Object.fromEntries(keys.map((k) => [k, (resource as unknown as Record<string, unknown>)[k]])) : inputs;
      tracked.push({ resource, type, name: resourceName, inputs: recorded as Tracked['inputs'], secretPaths, opts: options });
      return resource;
    };

    // Adoption (SPEC §7.1): an app named by okta.appId that the stack does not
    // hold is imported as it is in Okta — every input the program sets is
    // ignored for the import, so no CLI version fails it or changes the app —
    // and converged to the manifest by the next update. Its children wait for
    // that update too: adopting changes nothing in Okta.
    const appId = manifest.spec.sso.okta?.appId;
    this.adopted = args.adopt === true && appId !== undefined;
    const adoption: pulumi.CustomResourceOptions = this.adopted ? { import: appId, ignoreChanges: Object.keys(mapped.args).sort() } : {};

    let policy: okta.AppSignonPolicy | undefined;
    let rule: okta.AppSignonPolicyRule | undefined;
    if (!this.adopted && needsSignonPolicy(manifest)) {
      const policyArgs = signonPolicyArgs(manifest);
      policy = track(new okta.AppSignonPolicy(`${name}-mfa-policy`, policyArgs, child), 'okta:index/appSignonPolicy:AppSignonPolicy', `${name}-mfa-policy`, policyArgs, child);
      const ruleArgs = { ...signonPolicyRuleArgs(), policyId: policy.id };
      rule = track(new okta.AppSignonPolicyRule(`${name}-mfa-rule`, ruleArgs, child), 'okta:index/appSignonPolicyRule:AppSignonPolicyRule', `${name}-mfa-rule`, ruleArgs, child);
    }
    // The app is attached to its policy only once the two-factor rule exists.
    const appOpts: pulumi.CustomResourceOptions = { ...child, ...adoption, ...(rule ? { dependsOn: [rule] } : {}) };
    const authenticationPolicy = policy ? { authenticationPolicy: policy.id } : {};
    const appName = `${name}-app`;

    switch (mapped.protocol) {
      case 'saml': {
        const samlArgs = { ...mapped.args, ...authenticationPolicy };
        const app = track(new okta.app.Saml(appName, samlArgs, appOpts), 'okta:app/saml:Saml', appName, samlArgs, appOpts);
        this.metadataUrl = app.metadataUrl;
        this.app = app;
        break;
      }
      case 'oidc': {
        const oauthArgs = { ...mapped.args, ...authenticationPolicy };
        const oauthOpts = { ...appOpts, additionalSecretOutputs: ['clientSecret'] };
        const app = track(new okta.app.OAuth(appName, oauthArgs, oauthOpts), 'okta:app/oAuth:OAuth', appName, oauthArgs, oauthOpts);
        this.clientId = app.clientId;
        this.app = app;
        break;
      }
      case 'swa': {
        // okta.app.Swa has no authenticationPolicy input: the policy is assigned by its own resource.
        const app = track(new okta.app.Swa(appName, mapped.args, appOpts), 'okta:app/swa:Swa', appName, mapped.args, appOpts);
        if (policy && rule) {
          const assignmentArgs = { appId: app.id, policyId: policy.id };
          const assignmentOpts = { ...child, dependsOn: [rule] };
          track(new okta.app.AccessPolicyAssignment(`${name}-mfa-assignment`, assignmentArgs, assignmentOpts), 'okta:app/accessPolicyAssignment:AccessPolicyAssignment', `${name}-mfa-assignment`, assignmentArgs, assignmentOpts);
        }
        this.app = app;
        break;
      }
    }
    this.appId = this.app.id;
    this.label = this.app.label;
    this.signOnMode = this.app.signOnMode;

    const groups = groupNames(manifest);
    const groupId = (group: string): pulumi.Input<string> => {
      const id = args.groupIds?.get(group);
      if (id === undefined) throw new Error(`internal: no group id for "${group}" of ${manifest.metadata.name}`);
      return id;
    };
    // One AppGroupAssignments per app, never several: it owns the app's whole
    // group list. It exists whenever the manifest declares access.groups (even
    // empty) or the stack holds one: removing a group — or the whole list —
    // then removes the assignment in Okta instead of leaving it behind.
    if (!this.adopted && (manifest.spec.access?.groups !== undefined || deployedResource(previous, '-groups') !== undefined)) {
      const groupArgs = { appId: this.appId, groups: pulumi.all(groups.map(groupId)).apply(groupAssignments) };
      track(new okta.AppGroupAssignments(`${name}-groups`, groupArgs, child), 'okta:index/appGroupAssignments:AppGroupAssignments', `${name}-groups`, groupArgs, child);
    }

    const deployedConnection = deployedResource(previous, '-scim-connection');
    const scim = scimPlan(manifest, { connection: args.scim !== undefined, deployed: deployedConnection !== undefined });
    if (!this.adopted && scim.connection !== undefined) {
      // Switching off without the token in the stack: the connection as last deployed, deactivated.
      const profile = args.scim ? { authScheme: 'TOKEN', token: pulumi.secret(args.scim.token) } : pulumi.secret(deployedConnection!.inputs.profile);
      const baseUrl = args.scim ? args.scim.baseUrl : String(deployedConnection!.inputs.baseUrl);
      const connectionArgs = { idProperty: this.appId, baseUrl, action: scim.connection, profile };
      const connectionOpts = { ...child, additionalSecretOutputs: ['profile'] };
      const connection = track(
        new okta.app.Connection(`${name}-scim-connection`, connectionArgs, connectionOpts),
        'okta:app/connection:Connection',
        `${name}-scim-connection`,
        connectionArgs,
        connectionOpts,
        ['profile'],
      );
      const featuresArgs = { appId: this.appId, ...provisioningFeaturesArgs(manifest) };
      const featuresOpts = { ...child, dependsOn: [connection] };
      track(new okta.app.Features(`${name}-scim-features`, featuresArgs, featuresOpts), 'okta:app/features:Features', `${name}-scim-features`, featuresArgs, featuresOpts);
      // Okta pushes groups only once provisioning is on in the app (Management API, Group Push Mappings).
      const suffixes = pushGroupSuffixes(scim.pushGroups);
      scim.pushGroups.forEach((group, i) => {
        const pushName = `${name}-push-${suffixes[i]}`;
        const pushArgs = { appId: this.appId, sourceGroupId: groupId(group), ...pushGroupArgs() };
        const pushOpts = { ...child, dependsOn: [connection] };
        track(new okta.PushGroup(pushName, pushArgs, pushOpts), 'okta:index/pushGroup:PushGroup', pushName, pushArgs, pushOpts);
      });
    }
    this.manualSteps = this.adopted ? [] : [...appManualSteps(manifest), ...(scim.manual ? [scim.manual] : [])];

    // Stated for the policy pack, which sees protect but not retainOnDelete (integration-record.ts).
    const record: IntegrationRecord = {
      lifecycle: manifest.spec.lifecycle,
      retainOnDelete: child.retainOnDelete === true,
      filePath: args.filePath,
      ...(args.intent !== undefined ? { intent: args.intent } : {}),
    };
    const outputs = {
      ...record,
      appId: this.appId,
      label: this.label,
      signOnMode: this.signOnMode,
      ...(this.metadataUrl ? { metadataUrl: this.metadataUrl } : {}),
      ...(this.clientId ? { clientId: this.clientId } : {}),
    };
    this.record = pulumi.output({
      filePath: args.filePath,
      lifecycle: manifest.spec.lifecycle,
      ...(args.intent !== undefined ? { intent: args.intent } : {}),
      outputs,
      resources: tracked
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((t) => ({
          type: t.type,
          name: t.name,
          id: t.resource.id,
          inputs: t.inputs,
          secretPaths: [...t.secretPaths],
          retainOnDelete: t.opts.retainOnDelete === true,
          protect: t.opts.protect === true,
          additionalSecretOutputs: [...(t.opts.additionalSecretOutputs ?? [])],
          ignoreChanges: [...(t.opts.ignoreChanges ?? [])],
        })),
    }) as unknown as pulumi.Output<Omit<DeployedApp, 'app'>>;
    this.registerOutputs(outputs);
  }
}

/** Options a held resource is registered with: exactly those it was deployed with. */
export function heldOptions(resource: DeployedResource, parent: pulumi.Resource): pulumi.CustomResourceOptions {
  return {
    parent,
    ...(resource.retainOnDelete ? { retainOnDelete: true } : {}),
    ...(resource.protect ? { protect: true } : {}),
    ...(resource.additionalSecretOutputs.length > 0 ? { additionalSecretOutputs: [...resource.additionalSecretOutputs] } : {}),
    ...(resource.ignoreChanges.length > 0 ? { ignoreChanges: [...resource.ignoreChanges] } : {}),
  };
}
