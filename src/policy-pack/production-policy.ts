/**
 * `okta-production-apps-retained` (stack policy): an Okta app labelled
 * production must survive its removal from the program — `protect` (any
 * deletion or replacement fails) or `retainOnDelete` (Pulumi forgets the app
 * but leaves it in Okta), as the saasgov program does for production
 * manifests (SPEC §7, §8).
 *
 * What a policy can see (@pulumi/policy 1.21.0 with @pulumi/pulumi 3.248.0):
 * the analyzer protocol's resource options carry `protect` but not
 * `retainOnDelete`. So:
 * - an app whose parent is a saasgov `AppIntegration` component counts as
 *   retained when the component's outputs state `retainOnDelete: true` (it
 *   records the option it set on its children: `src/okta/integration-record.ts`),
 *   or when it is protected;
 * - any other app counts as retained only when it is protected.
 *
 * "Labelled production" is any of:
 * - the parent `AppIntegration` records `lifecycle: production` (the manifest's);
 * - the stack carries the tag `saasgov:lifecycle` = `production`
 *   (`pulumi stack tag set saasgov:lifecycle production`): every Okta app in it;
 * - the stack's name is in the policy's `productionStacks` config;
 * - the app's `adminNote` (Okta's note for admins) contains
 *   `saasgov:lifecycle=production`: one app in a mixed stack (the saasgov
 *   program writes it into the note of every production app it manages).
 *
 * A production app's group assignments (`okta.AppGroupAssignments`,
 * `okta.app.GroupAssignment`) and sign-on policy (`okta.AppSignonPolicy`) are
 * guarded the same way: deleting them takes the users' access (or their
 * second factor) away as surely as deleting the app. They count as production
 * by their saasgov component, by the stack, or by the app their `appId` (the
 * app's `authenticationPolicy`, an access policy assignment) comes from.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import { APP_INTEGRATION_TYPE, PRODUCTION_NOTE } from '../okta/integration-record';
import { OKTA_APP_ACCESS_TYPES, OKTA_APP_TYPES } from './okta-types';
import { readBoolean, readString, UNKNOWN } from './preview-values';

/** The stack tag that makes every Okta app of a stack production. */
export const LIFECYCLE_TAG = 'saasgov:lifecycle';
/** The text in an app's `adminNote` that makes that app production. */
export const ADMIN_NOTE_LABEL = PRODUCTION_NOTE;
const PRODUCTION = 'production';

/** The policy's configuration (`--policy-pack-config`). */
export interface ProductionConfig {
  /** Stack names whose Okta apps all count as production (default none). */
  readonly productionStacks: readonly string[];
}

/**
 * The configuration in effect: the analyzer passes only what was configured
 * (the CLI validates it against `configSchema`), so defaults are applied here
 * and anything malformed is ignored rather than trusted.
 */
export function productionConfig(raw: unknown): ProductionConfig {
  const stacks = typeof raw === 'object' && raw !== null ? (raw as { productionStacks?: unknown }).productionStacks : undefined;
  return { productionStacks: Array.isArray(stacks) ? stacks.filter((s): s is string => typeof s === 'string') : [] };
}

/** The stack name in a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`), `''` when it is not one. */
export function stackOfUrn(urn: string): string {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match ? match[1]! : '';
}

/** Why an app counts as production, or `null` when it does not (or cannot be told during preview). */
function productionReason(r: PolicyResource, integration: PolicyResource | undefined, stackReason: string | null): string | null {
  if (integration !== undefined && readString(integration.props, 'lifecycle') === PRODUCTION) {
    return `its saasgov manifest's lifecycle is production (component ${integration.name})`;
  }
  if (stackReason !== null) return stackReason;
  const note = readString(r.props, 'adminNote');
  if (note !== UNKNOWN && note !== undefined && note.toLowerCase().includes(ADMIN_NOTE_LABEL)) return `its adminNote says ${ADMIN_NOTE_LABEL}`;
  return null;
}

/** The resources a property of `r` depends on (what the program passed it, e.g. an app's id). */
const dependsOn = (r: PolicyResource, property: string): readonly PolicyResource[] => r.propertyDependencies[property] ?? [];

/** For a group assignment or sign-on policy: the production app it belongs to, and that app's reason. */
function accessOf(r: PolicyResource, apps: ReadonlyMap<string, string>, all: readonly PolicyResource[]): { app: string; reason: string } | null {
  const linked = (candidates: readonly PolicyResource[]) => {
    for (const app of candidates) {
      const reason = apps.get(app.urn);
      if (reason !== undefined) return { app: app.name, reason };
    }
    return null;
  };
  if (OKTA_APP_TYPES.has(r.type)) return null;
  if (r.type !== 'okta:index/appSignonPolicy:AppSignonPolicy') return linked(dependsOn(r, 'appId'));
  // A policy belongs to the apps whose authenticationPolicy is it, or that an access policy assignment gives it.
  const users = all.filter(
    (a) =>
      dependsOn(a, 'authenticationPolicy').some((p) => p.urn === r.urn) ||
      (a.type === 'okta:app/accessPolicyAssignment:AccessPolicyAssignment' && dependsOn(a, 'policyId').some((p) => p.urn === r.urn)),
  );
  return linked(users.flatMap((u) => (OKTA_APP_TYPES.has(u.type) ? [u] : dependsOn(u, 'appId'))));
}

/** Reports every production Okta app — and every group assignment and sign-on policy of one — that is neither protected nor (by its saasgov component's record) retained on delete. */
export function validateProductionApps(args: Pick<StackValidationArgs, 'resources' | 'stackTags' | 'getConfig'>, reportViolation: ReportViolation): void {
  const config = productionConfig(args.getConfig<object>());
  const tag = args.stackTags.get(LIFECYCLE_TAG);
  const stackReasonOf = (r: PolicyResource) => {
    const stack = stackOfUrn(r.urn);
    return tag !== undefined && tag.trim().toLowerCase() === PRODUCTION
      ? `the stack is tagged ${LIFECYCLE_TAG}=${PRODUCTION}`
      : config.productionStacks.includes(stack)
        ? `stack ${stack} is listed in productionStacks`
        : null;
  };
  const productionApps = new Map<string, string>();
  for (const r of args.resources) {
    if (!OKTA_APP_TYPES.has(r.type)) continue;
    const integration = r.parent?.type === APP_INTEGRATION_TYPE ? r.parent : undefined;
    const reason = productionReason(r, integration, stackReasonOf(r));
    if (reason !== null) productionApps.set(r.urn, reason);
  }
  for (const r of args.resources) {
    const isApp = OKTA_APP_TYPES.has(r.type);
    if (!isApp && !OKTA_APP_ACCESS_TYPES.has(r.type)) continue;
    const integration = r.parent?.type === APP_INTEGRATION_TYPE ? r.parent : undefined;
    const access = isApp ? null : accessOf(r, productionApps, args.resources);
    const reason = isApp
      ? (productionApps.get(r.urn) ?? null)
      : integration !== undefined
        ? productionReason(r, integration, stackReasonOf(r))
        : (stackReasonOf(r) ?? (access ? `it belongs to the production Okta app ${access.app} (${access.reason})` : null));
    if (reason === null || r.opts.protect) continue;
    const what = isApp
      ? 'a production Okta app'
      : r.type === 'okta:index/appSignonPolicy:AppSignonPolicy'
        ? "the sign-on policy of a production Okta app: removing it puts the app on the org's default policy"
        : 'the group assignments of a production Okta app: removing it unassigns every user of those groups';
    const loss = isApp ? 'deletes the Okta app its users sign in with' : 'takes that protection or access away';
    if (integration !== undefined) {
      const retained = readBoolean(integration.props, 'retainOnDelete');
      if (retained === true || retained === UNKNOWN) continue;
      const lifecycle = readString(integration.props, 'lifecycle');
      const why =
        lifecycle === PRODUCTION || lifecycle === UNKNOWN
          ? 'its saasgov component did not record retainOnDelete'
          : lifecycle === undefined
            ? 'its saasgov component records no lifecycle (built before the policy pack existed): run pulumi up with this saasgov version'
            : `its manifest's lifecycle is not production, so saasgov does not retain it: set spec.lifecycle to production`;
      reportViolation(
        `${r.name} (${r.type}) is ${what} (${reason}) but neither retained on delete nor protected — ${why}. ` +
          `Otherwise removing it from the program ${loss}.`,
        r.urn,
      );
      continue;
    }
    reportViolation(
      `${r.name} (${r.type}) is ${what} (${reason}) but is not protected: removing it from the program, or a change that replaces it, ` +
        `${loss}. Set the resource option \`protect: true\`. (retainOnDelete also keeps it, but ` +
        'policies cannot see it: @pulumi/policy passes protect only.)',
      r.urn,
    );
  }
}

/** The policy. No lint rule has this severity (it is SPEC §7's safety property), so it is mandatory by default. */
export const oktaProductionAppsRetained: StackValidationPolicy = {
  name: 'okta-production-apps-retained',
  displayName: 'Production Okta apps survive their removal from the program',
  description:
    'Okta apps labelled production (saasgov manifest lifecycle, stack tag saasgov:lifecycle=production, a stack listed in productionStacks, ' +
    'or adminNote containing saasgov:lifecycle=production), and their group assignments and sign-on policies, are protected, or retained on delete by their saasgov component.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  tags: ['okta', 'lifecycle'],
  configSchema: {
    properties: {
      productionStacks: {
        type: 'array',
        items: { type: 'string' },
        default: [],
        description: 'Stack names whose Okta apps all count as production.',
      },
    },
  },
  validateStack: validateProductionApps,
};
