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
 *   `saasgov:lifecycle=production`: one app in a mixed stack.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import { APP_INTEGRATION_TYPE, PRODUCTION_NOTE } from '../okta/integration-record';
import { OKTA_APP_TYPES } from './okta-types';
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

/** Reports every production Okta app that is neither protected nor (by its saasgov component's record) retained on delete. */
export function validateProductionApps(args: Pick<StackValidationArgs, 'resources' | 'stackTags' | 'getConfig'>, reportViolation: ReportViolation): void {
  const config = productionConfig(args.getConfig<object>());
  const tag = args.stackTags.get(LIFECYCLE_TAG);
  for (const r of args.resources) {
    if (!OKTA_APP_TYPES.has(r.type)) continue;
    const stack = stackOfUrn(r.urn);
    const stackReason =
      tag !== undefined && tag.trim().toLowerCase() === PRODUCTION
        ? `the stack is tagged ${LIFECYCLE_TAG}=${PRODUCTION}`
        : config.productionStacks.includes(stack)
          ? `stack ${stack} is listed in productionStacks`
          : null;
    const integration = r.parent?.type === APP_INTEGRATION_TYPE ? r.parent : undefined;
    const reason = productionReason(r, integration, stackReason);
    if (reason === null || r.opts.protect) continue;
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
        `${r.name} (${r.type}) is a production Okta app (${reason}) but neither retained on delete nor protected — ${why}. ` +
          'Otherwise removing the manifest deletes the Okta app its users sign in with.',
        r.urn,
      );
      continue;
    }
    reportViolation(
      `${r.name} (${r.type}) is a production Okta app (${reason}) but is not protected: removing it from the program, or a change that replaces it, ` +
        'would delete the Okta app its users sign in with. Set the resource option `protect: true`. (retainOnDelete also keeps the app, but ' +
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
    'or adminNote containing saasgov:lifecycle=production) are protected, or retained on delete by their saasgov component.',
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
