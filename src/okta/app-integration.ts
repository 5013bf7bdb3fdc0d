/**
 * `saasgov:okta:AppIntegration`: one SaaS app's Okta integration (SPEC §7) —
 * the app (SAML, OIDC or SWA), its group assignments, its two-factor sign-on
 * policy and, for OIN apps whose token the stack holds, its SCIM
 * provisioning. The arguments come from the pure functions of `mapping.ts`;
 * this class only wires resources together and sets the safety options.
 */
import * as pulumi from '@pulumi/pulumi';
import * as okta from '@pulumi/okta';
import type { Manifest } from '../manifest/schema';
import { APP_INTEGRATION_TYPE, type IntegrationRecord } from './integration-record';
import {
  appArgs,
  appManualSteps,
  groupAssignments,
  groupNames,
  provisioningFeaturesArgs,
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
   * waivers), with the secure defaults of SPEC §1 filled in by the schema.
   * `sso.protocol` must not be `none` (nothing would be provisioned).
   * `metadata.formerNames` become aliases of the component (its children
   * follow through parent aliasing, their names being `${name}-…`), and
   * `spec.lifecycle: production` sets `retainOnDelete` on every resource, so
   * deleting the manifest never deletes an Okta app its users depend on.
   */
  readonly manifest: Manifest;
  /**
   * The SCIM connection for an Okta Integration Network app that enables
   * SCIM. Without it (or for a custom app, which the provider cannot switch
   * provisioning on for) the SCIM settings become {@link AppIntegration.manualSteps}.
   */
  readonly scim?: ScimConnection;
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
  /** Okta's sign-on mode: `SAML_2_0`, `OPENID_CONNECT` or `BROWSER_PLUGIN`. */
  readonly signOnMode: pulumi.Output<string>;
  /** SAML apps: the IdP metadata URL to give the vendor. */
  readonly metadataUrl?: pulumi.Output<string>;
  /** OIDC apps: the client id. The client secret is a secret output of {@link app} and is never exported. */
  readonly clientId?: pulumi.Output<string>;
  /** What an Okta admin must still do by hand (plain data, known before deployment). */
  readonly manualSteps: readonly ManualStep[];

  constructor(name: string, args: AppIntegrationArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const { manifest } = args;
    const formerNames = manifest.metadata.formerNames ?? [];
    super(AppIntegration.TYPE, name, {}, { ...opts, aliases: [...(opts.aliases ?? []), ...formerNames.map((n) => ({ name: n }))] });

    const mapped = appArgs(manifest);
    if (mapped === null) throw new Error(`${manifest.metadata.name}: sso.protocol is none; there is no Okta app to create`);
    // retainOnDelete is set on every child, not left to inheritance: each
    // resource's registration then says it, and a review of the plan shows it.
    const child: pulumi.CustomResourceOptions = { parent: this, ...(manifest.spec.lifecycle === 'production' ? { retainOnDelete: true } : {}) };

    let policy: okta.AppSignonPolicy | undefined;
    let rule: okta.AppSignonPolicyRule | undefined;
    if (manifest.spec.sso.mfa === 'required') {
      policy = new okta.AppSignonPolicy(`${name}-mfa-policy`, signonPolicyArgs(manifest), child);
      rule = new okta.AppSignonPolicyRule(`${name}-mfa-rule`, { ...signonPolicyRuleArgs(), policyId: policy.id }, child);
    }
    // The app is attached to its policy only once the two-factor rule exists.
    const appOpts: pulumi.CustomResourceOptions = { ...child, ...(rule ? { dependsOn: [rule] } : {}) };
    const authenticationPolicy = policy ? { authenticationPolicy: policy.id } : {};

    switch (mapped.protocol) {
      case 'saml': {
        const app = new okta.app.Saml(`${name}-app`, { ...mapped.args, ...authenticationPolicy }, appOpts);
        this.metadataUrl = app.metadataUrl;
        this.app = app;
        break;
      }
      case 'oidc': {
        const app = new okta.app.OAuth(`${name}-app`, { ...mapped.args, ...authenticationPolicy }, { ...appOpts, additionalSecretOutputs: ['clientSecret'] });
        this.clientId = app.clientId;
        this.app = app;
        break;
      }
      case 'swa': {
        // okta.app.Swa has no authenticationPolicy input: the policy is assigned by its own resource.
        const app = new okta.app.Swa(`${name}-app`, mapped.args, appOpts);
        if (policy && rule) {
          new okta.app.AccessPolicyAssignment(`${name}-mfa-assignment`, { appId: app.id, policyId: policy.id }, { ...child, dependsOn: [rule] });
        }
        this.app = app;
        break;
      }
    }
    this.appId = this.app.id;
    this.label = this.app.label;
    this.signOnMode = this.app.signOnMode;

    const groups = groupNames(manifest);
    if (groups.length > 0) {
      // One AppGroupAssignments per app, never several: it owns the app's whole group list.
      const ids = groups.map((groupName) => okta.group.getGroupOutput({ name: groupName }, { parent: this }).id);
      new okta.AppGroupAssignments(`${name}-groups`, { appId: this.appId, groups: pulumi.all(ids).apply(groupAssignments) }, child);
    }

    const scim = scimPlan(manifest, { connection: args.scim !== undefined });
    if (scim.automated && args.scim) {
      const connection = new okta.app.Connection(
        `${name}-scim-connection`,
        { idProperty: this.appId, baseUrl: args.scim.baseUrl, action: 'activate', profile: { authScheme: 'TOKEN', token: pulumi.secret(args.scim.token) } },
        { ...child, additionalSecretOutputs: ['profile'] },
      );
      new okta.app.Features(`${name}-scim-features`, { appId: this.appId, ...provisioningFeaturesArgs(manifest) }, { ...child, dependsOn: [connection] });
    }
    this.manualSteps = [...appManualSteps(manifest), ...(scim.manual ? [scim.manual] : [])];

    // Stated for the policy pack, which sees protect but not retainOnDelete (integration-record.ts).
    const record: IntegrationRecord = { lifecycle: manifest.spec.lifecycle, retainOnDelete: child.retainOnDelete === true };
    this.registerOutputs({
      ...record,
      appId: this.appId,
      label: this.label,
      signOnMode: this.signOnMode,
      ...(this.metadataUrl ? { metadataUrl: this.metadataUrl } : {}),
      ...(this.clientId ? { clientId: this.clientId } : {}),
    });
  }
}
