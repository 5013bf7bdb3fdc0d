/**
 * The manifest format `saasgov.dev/v1` (SPEC §1) as a zod schema: the single
 * source of the TypeScript types, of `manifest/schema` validation and of the
 * JSON Schema printed by `saasgov schema`.
 */
import { z } from 'zod';
import { isRegionCode } from '../regions/regions';

// zod's generated validators take ~10 ms to compile at the first parse and are
// no faster than its interpreter on manifests (measured: 2,000 parses in 64 ms
// jitless, 70 ms compiled): a one-file lint starts faster without them.
z.config({ jitless: true });

/** `YYYY-MM-DD` that is a real calendar date. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A pragmatic e-mail check, length-capped before any regex runs. */
export function isEmail(s: string): boolean {
  return s.length <= 254 && /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(s);
}

/** An absolute `https://` URL with a host. */
export function isHttpsUrl(s: string): boolean {
  if (s.length > 2048 || !s.startsWith('https://')) return false;
  try {
    return new URL(s).hostname !== '';
  } catch {
    return false;
  }
}

/** Custom issue kinds, rendered to messages by `validate.ts`. */
export type CustomIssueKind = 'date' | 'email' | 'httpsUrl' | 'region' | 'nameFormat' | 'oktaAppId' | 'onlyWithProtocol';

const custom = (kind: CustomIssueKind) => ({ error: kind });

const date = (description: string) =>
  z.string().refine(isCalendarDate, custom('date')).meta({ description: `${description} (YYYY-MM-DD)`, format: 'date' });
const email = (description: string) =>
  z.string().refine(isEmail, custom('email')).meta({ description, format: 'email' });
const region = z
  .string()
  .refine(isRegionCode, custom('region'))
  .meta({ description: 'A region code: an ISO 3166-1 alpha-2 country in lower case (uk and el accepted), or eu, eea, adequate, us, apac, global' });
const nonEmpty = (description: string) => z.string().min(1).meta({ description });

/** An Okta app id: 20 characters, the first three `0oa` (Okta's object ids for apps). */
export const OKTA_APP_ID = /^0oa[A-Za-z0-9]{17}$/;

/** `metadata.name` and `formerNames` entries. */
export const APP_NAME = /^[a-z][a-z0-9-]{1,62}$/;
const appName = (description: string) =>
  z.string().refine((s) => APP_NAME.test(s), custom('nameFormat')).meta({ description, pattern: APP_NAME.source });

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const DATA_CATEGORIES = ['pii', 'financial', 'health', 'customer', 'employee', 'source-code', 'credentials'] as const;
export const PROTOCOLS = ['saml', 'oidc', 'swa', 'none'] as const;
export const LIFECYCLES = ['poc', 'production', 'deprecated'] as const;
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password'] as const;
export const SCIM_FEATURES = ['create', 'update', 'deactivate', 'push-groups', 'import', 'sync-password'] as const;
export const CERTIFICATIONS = ['soc2-type1', 'soc2-type2', 'iso27001', 'iso27701', 'pci-dss', 'hipaa'] as const;

const samlSchema = z
  .strictObject({
    acsUrl: z.string().optional().meta({ description: 'Assertion Consumer Service URL of the vendor (https)' }),
    audience: z.string().optional().meta({ description: 'SAML audience (SP entity id)' }),
    nameIdFormat: z.enum(['email', 'persistent', 'transient', 'unspecified']).default('email').meta({ description: 'NameID format' }),
    signatureAlgorithm: z.enum(['RSA_SHA256', 'RSA_SHA1']).default('RSA_SHA256').meta({ description: 'Signature algorithm; RSA_SHA1 is refused by sso/saml-hardening' }),
    responseSigned: z.boolean().default(true).meta({ description: 'Sign the SAML response' }),
    assertionSigned: z.boolean().default(true).meta({ description: 'Sign the SAML assertion' }),
    attributes: z
      .array(z.strictObject({ name: nonEmpty('Attribute name'), value: nonEmpty('Okta expression, e.g. user.email') }))
      .optional()
      .meta({ description: 'Attribute statements sent to the vendor' }),
  })
  .meta({ description: 'Custom SAML settings (only with protocol saml)' });

const oidcSchema = z
  .strictObject({
    type: z.enum(['web', 'native', 'browser', 'service']).meta({ description: 'OIDC application type' }),
    redirectUris: z.array(z.string()).optional().meta({ description: 'Sign-in redirect URIs (https)' }),
    postLogoutRedirectUris: z.array(z.string()).optional().meta({ description: 'Sign-out redirect URIs' }),
    grantTypes: z.array(z.enum(GRANT_TYPES)).default(['authorization_code']).meta({ description: 'OAuth grant types; implicit and password are refused' }),
    pkce: z.boolean().default(true).meta({ description: 'Require PKCE' }),
  })
  .meta({ description: 'OIDC settings (only with protocol oidc)' });

/** The manifest schema. Unknown keys are rejected (after `x-` keys are set aside). */
export const manifestSchema = z
  .strictObject({
    apiVersion: z.literal('saasgov.dev/v1').meta({ description: 'Manifest format version' }),
    kind: z.literal('SaaSApp').meta({ description: 'Manifest kind' }),
    metadata: z
      .strictObject({
        name: appName('Unique app id: lower case letters, digits and dashes, 2–63 characters'),
        displayName: z.string().optional().meta({ description: 'Okta app label (default: name)' }),
        description: z.string().optional().meta({ description: 'What the app is used for' }),
        owner: z
          .strictObject({
            team: z.string().optional().meta({ description: 'Owning team' }),
            business: email('Business owner e-mail (accountable for the app and its data)').optional(),
            technical: email('Technical owner e-mail (administers the app)').optional(),
          })
          .meta({ description: 'Who owns the app' }),
        costCenter: z.string().optional().meta({ description: 'Cost center that pays for the app' }),
        formerNames: z.array(appName('An earlier metadata.name')).optional().meta({ description: 'Earlier metadata.name values; keeps the Okta app across renames' }),
        labels: z.record(z.string(), z.string()).optional().meta({ description: 'Free-form string labels' }),
      })
      .meta({ description: 'Identity and ownership of the app' }),
    spec: z
      .strictObject({
        vendor: nonEmpty('Vendor name'),
        url: z.string().refine(isHttpsUrl, custom('httpsUrl')).meta({ description: 'App URL (absolute https)', format: 'uri' }),
        plan: z.string().optional().meta({ description: 'Vendor plan or tier bought' }),
        lifecycle: z.enum(LIFECYCLES).meta({ description: 'poc, production or deprecated' }),
        pocEnds: date('End date of a proof of concept').optional(),
        seats: z.int().min(0).optional().meta({ description: 'Number of licensed seats' }),
        data: z
          .strictObject({
            classification: z.enum(CLASSIFICATIONS).meta({ description: 'Most sensitive data the app holds' }),
            categories: z.array(z.enum(DATA_CATEGORIES)).optional().meta({ description: 'Kinds of data held' }),
            source: z.enum(['production', 'copy', 'synthetic', 'none']).optional().meta({ description: 'Where the data comes from' }),
            subjects: z.array(region).optional().meta({ description: 'Where the people in the data live' }),
          })
          .meta({ description: 'The data the app holds' }),
        sso: z
          .strictObject({
            protocol: z.enum(PROTOCOLS).meta({ description: 'saml, oidc, swa (password vaulting) or none' }),
            availableOnPlan: z.boolean().optional().meta({ description: 'false: the vendor sells SSO only on a higher plan' }),
            enforced: z.boolean().default(false).meta({ description: 'Local password login disabled' }),
            mfa: z.enum(['required', 'optional']).default('optional').meta({ description: 'Multi-factor authentication' }),
            okta: z
              .strictObject({
                preconfiguredApp: z.string().optional().meta({ description: 'Okta Integration Network app key' }),
                appId: z
                  .string()
                  .refine((s) => OKTA_APP_ID.test(s), custom('oktaAppId'))
                  .optional()
                  .meta({ description: 'Id of the app already in Okta (e.g. 0oa1b2c3d4E5f6G7h8i9): the Pulumi program adopts it instead of creating a new one', pattern: OKTA_APP_ID.source }),
                settings: z
                  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
                  .optional()
                  .meta({ description: "The OIN app's instance settings (Okta's settings.app, the provider's appSettingsJson), e.g. {instanceType: PRODUCTION}" }),
                allowReplacement: z
                  .boolean()
                  .optional()
                  .meta({
                    description:
                      'true: this change may replace the production Okta app (new app id and credentials) when it changes the protocol, the OIN key or the OIDC type; remove it after the update',
                  }),
              })
              .optional()
              .meta({ description: 'Okta settings' }),
            saml: samlSchema.optional(),
            oidc: oidcSchema.optional(),
          })
          .superRefine((sso, ctx) => {
            for (const block of ['saml', 'oidc'] as const) {
              if (sso[block] !== undefined && sso.protocol !== block) {
                ctx.addIssue({ code: 'custom', path: [block], message: 'onlyWithProtocol', params: { block, protocol: sso.protocol } });
              }
            }
          })
          .meta({ description: 'Single sign-on' }),
        provisioning: z
          .strictObject({
            scim: z
              .strictObject({
                enabled: z.boolean().default(false).meta({ description: 'SCIM provisioning on' }),
                availableOnPlan: z.boolean().optional().meta({ description: 'false: the vendor sells SCIM only on a higher plan' }),
                features: z.array(z.enum(SCIM_FEATURES)).optional().meta({ description: 'SCIM features switched on' }),
              })
              .optional()
              .meta({ description: 'SCIM provisioning from Okta' }),
            deprovisioning: z
              .strictObject({
                method: z.enum(['automatic', 'manual']).meta({ description: 'How leavers lose access' }),
                slaHours: z.int().min(1).optional().meta({ description: 'Hours within which a manual deprovisioning is done' }),
              })
              .optional()
              .meta({ description: 'How access is removed when someone leaves' }),
          })
          .optional()
          .meta({ description: 'User provisioning and deprovisioning' }),
        access: z
          .strictObject({ groups: z.array(nonEmpty('Okta group name')).optional().meta({ description: 'Okta groups assigned to the app' }) })
          .optional()
          .meta({ description: 'Who gets the app' }),
        backup: z
          .strictObject({
            strategy: z.enum(['vendor-native', 'third-party', 'none']).meta({ description: 'How the data is backed up' }),
            provider: z.string().optional().meta({ description: 'Backup provider' }),
            frequency: z.enum(['hourly', 'daily', 'weekly', 'monthly']).optional().meta({ description: 'Backup frequency' }),
            retentionDays: z.int().min(0).optional().meta({ description: 'Days backups are kept' }),
            lastRestoreTest: date('Date of the last successful restore test').optional(),
          })
          .optional()
          .meta({ description: 'Backup and restore' }),
        residency: z
          .strictObject({
            regions: z.array(region).optional().meta({ description: 'Everywhere the data is stored or processed, backups included' }),
            transferMechanism: z.enum(['scc', 'bcr', 'dpf']).optional().meta({ description: 'Legal basis for transfers outside the EEA' }),
          })
          .optional()
          .meta({ description: 'Data residency' }),
        vendorAssurance: z
          .strictObject({
            dpaSigned: z.boolean().optional().meta({ description: 'A data processing agreement is signed' }),
            certifications: z.array(z.enum(CERTIFICATIONS)).optional().meta({ description: 'Vendor certifications on file' }),
          })
          .optional()
          .meta({ description: 'Vendor assurance' }),
        waivers: z
          .array(
            z.strictObject({
              rule: nonEmpty('Id of the rule waived, e.g. provisioning/scim'),
              reason: z.string().min(20).meta({ description: 'Why, and the compensating control (at least 20 characters)' }),
              approvedBy: email('Who approved the exception (not an owner of the app)'),
              ticket: nonEmpty('Ticket that records the approval'),
              expires: date('When the exception ends'),
            }),
          )
          .optional()
          .meta({ description: 'Governed exceptions to rules' }),
      })
      .meta({ description: 'What the app is and how it is governed' }),
  })
  .meta({ title: 'saasgov SaaS app manifest (saasgov.dev/v1)' });

/** A manifest that matched the schema, with the secure defaults of §1 filled in. */
export type Manifest = z.output<typeof manifestSchema>;
/** A manifest as written. */
export type ManifestInput = z.input<typeof manifestSchema>;
