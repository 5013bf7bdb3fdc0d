/**
 * What an `AppIntegration` component states in its registered outputs for
 * readers that cannot see resource options — the CrossGuard policy pack
 * (`src/policy-pack/`). Pulumi's analyzer protocol carries `protect` but not
 * `retainOnDelete` (@pulumi/pulumi 3.248.0, @pulumi/policy 1.21.0), so the
 * component records the manifest's lifecycle and whether it set
 * `retainOnDelete` on its children. Free of Pulumi and manifest types: the
 * policy pack imports it without the program.
 */

/** The component's Pulumi type token. */
export const APP_INTEGRATION_TYPE = 'saasgov:okta:AppIntegration';

/** The component outputs the policy pack reads (besides the app's id, label, sign-on mode…). */
export interface IntegrationRecord {
  /** The manifest's `spec.lifecycle`: `poc`, `production` or `deprecated`. */
  readonly lifecycle: string;
  /** Whether every child resource was registered with `retainOnDelete: true`. */
  readonly retainOnDelete: boolean;
  /** The manifest file the app was provisioned from (a held app whose manifest cannot be read is found by it). */
  readonly filePath?: string;
  /** What the manifest asked of Okta, as a digest (`provisioningIntent` in `program.ts`). */
  readonly intent?: string;
}

/**
 * The text in an Okta app's admin note that marks it production: the program
 * writes it into the note of every production app it manages, and the policy
 * pack reads it on any Okta app (`src/policy-pack/production-policy.ts`).
 */
export const PRODUCTION_NOTE = 'saasgov:lifecycle=production';
