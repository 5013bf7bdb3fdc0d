/**
 * Entry point of the Pulumi program (`main` in Pulumi.yaml). The Pulumi CLI
 * calls the exported function and awaits it (a module that exports a function
 * is run as the program: @pulumi/pulumi `cmd/run/run.js`); the object it
 * returns holds the stack outputs of SPEC §7 and §7.1. CommonJS only (the
 * Pulumi CLI loads it through its own ts-node): no top-level await, no
 * `import.meta`.
 */
import { runStack } from './program';

export = async () => {
  const result = await runStack();
  return {
    /** Per app name: Okta app id, label, sign-on mode, and SAML metadata URL or OIDC client id. */
    apps: result.apps,
    /** Failing manifests the stack does not hold, not provisioned: `{app, filePath, rules}`. */
    skipped: result.skipped,
    /** Apps the stack holds whose manifests fail, kept exactly as last deployed: `{app, filePath, rules}`. */
    held: result.held,
    /** What an Okta admin must do by hand, per app, with the reason it is not automated. */
    manualSteps: result.manualSteps,
    /** What this update deployed, read back by the next one (secret when it holds a SCIM token). */
    deployed: result.deployed,
  };
};
