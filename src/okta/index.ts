/**
 * Entry point of the Pulumi program (`main` in Pulumi.yaml): `pulumi preview`
 * and `pulumi up` load this module; its exports are the stack outputs of
 * SPEC §7. CommonJS only (the Pulumi CLI loads it through its own ts-node):
 * no top-level await, no `import.meta`.
 */
import { readStackSettings, runProgram } from './program';

const result = runProgram(readStackSettings());

/** Per app name: Okta app id, label, sign-on mode, and SAML metadata URL or OIDC client id. */
export const apps = result.apps;
/** Manifests that fail lint and were not provisioned: `{app, filePath, rules}`. */
export const skipped = result.skipped;
/** What an Okta admin must still do by hand, per app, with the reason it is not automated. */
export const manualSteps = result.manualSteps;
