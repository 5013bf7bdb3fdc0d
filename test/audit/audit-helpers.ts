/** Audits in-memory manifests against an org snapshot, as `saasgov audit okta` would (no server, no files). */
import { auditResults } from '../../src/audit';
import type { LintResult } from '../../src/engine/results';
import type { OrgSnapshot } from '../../src/okta-api/org';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, configFromText, lintFiles } from '../helpers';

export function audit(files: Record<string, string>, org: OrgSnapshot, options: { config?: string; deployers?: string[] } = {}): LintResult[] {
  const inventory = lintFiles(files, options.config ? { config: options.config } : {});
  return auditResults(inventory, org, { config: configFromText(options.config ?? '{}'), rules: RULES_BY_ID, asOf: AS_OF, deployers: options.deployers ?? [] }, (f) => files[f.slice('/repo/'.length)]!);
}

/** `{rule, messageId, where}` of every finding of `ruleId`: `file:line:column`, or the org app's id. */
export function found(results: readonly LintResult[], ruleId: string) {
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === ruleId).map((m) => ({ messageId: m.messageId, where: r.location ? r.location.id : `${r.filePath.slice('/repo/'.length)}:${m.line}:${m.column}`, path: m.path })));
}

/** A manifest that passes every rule, declaring the OIN app `appId`, with `extra` lines under `spec`. */
export function passing(name: string, appId: string, extra = ''): string {
  return `apiVersion: saasgov.dev/v1
kind: SaaSApp
metadata:
  name: ${name}
  owner:
    business: owner@example.com
    technical: it-apps@example.com
spec:
  vendor: Vendor
  url: https://${name}.example.com
  lifecycle: production
  data:
    classification: public
  sso:
    protocol: saml
    mfa: required
    okta:
      preconfiguredApp: ${name}
      appId: ${appId}
  provisioning:
    deprovisioning: {method: automatic}
${extra}`;
}
