/** Okta resource types the policies look at, as Pulumi type tokens taken from the provider SDK's own classes. */
import * as okta from '@pulumi/okta';

/**
 * The Pulumi type token of a provider resource class: generated SDKs set a
 * static `__pulumiType` (what `@pulumi/policy` matches on too), left out of
 * their type declarations.
 */
export function typeToken(resourceClass: object): string {
  const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== 'string' || token === '') throw new Error('internal: a provider resource class without a Pulumi type token');
  return token;
}

/**
 * Every Okta application resource: what users sign in to, and what deleting
 * would take away from them. Assignments, policies, redirect URIs and other
 * settings of an app are not apps.
 */
export const OKTA_APP_TYPES: ReadonlySet<string> = new Set(
  [okta.app.Saml, okta.app.OAuth, okta.app.Swa, okta.app.AutoLogin, okta.app.BasicAuth, okta.app.Bookmark, okta.app.SecurePasswordStore, okta.app.ThreeField].map(typeToken),
);

/**
 * What an app's users lose access by when it is deleted, besides the app: its
 * group assignments (every user of the groups is unassigned) and its sign-on
 * policy (the app falls back to the org's default policy, which may ask for
 * one factor). Guarded like the app itself when the app is production.
 */
export const OKTA_APP_ACCESS_TYPES: ReadonlySet<string> = new Set([okta.AppGroupAssignments, okta.app.GroupAssignment, okta.AppSignonPolicy].map(typeToken));
