/**
 * The stack setting `saasgov:scim`: per app (`metadata.name`), the vendor's
 * SCIM base URL and bearer token, so the program can switch provisioning on
 * for Okta Integration Network apps (`okta.app.Connection` +
 * `okta.app.Features`). It must be a stack secret:
 *
 *   pulumi config set --path 'saasgov:scim["crm-salesforce"].baseUrl' https://…
 *   pulumi config set --secret --path 'saasgov:scim["crm-salesforce"].token'
 *
 * Validation messages name keys and paths, never values.
 */
import { z } from 'zod';
import { APP_NAME, isHttpsUrl } from '../manifest/schema';

/** One app's SCIM connection as the stack holds it. */
export interface ScimSetting {
  readonly baseUrl: string;
  readonly token: string;
}

const entry = z.strictObject({
  baseUrl: z.string().refine(isHttpsUrl, 'must be an absolute https URL'),
  token: z.string().min(1, 'must not be empty'),
});

/** Parses the decoded value of `saasgov:scim`. Throws an `Error` that names the offending path (never a value). */
export function parseScimSetting(value: unknown): Map<string, ScimSetting> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('saasgov:scim must be an object keyed by app name: {"<app>": {"baseUrl": "https://…", "token": "…"}}');
  }
  const out = new Map<string, ScimSetting>();
  for (const app of Object.keys(value).sort()) {
    if (!APP_NAME.test(app)) throw new Error(`saasgov:scim: key "${app.slice(0, 64)}" is not an app name (${APP_NAME.source})`);
    const parsed = entry.safeParse((value as Record<string, unknown>)[app]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
      const what = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}; expected baseUrl and token` : issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
      throw new Error(`saasgov:scim["${app}"]${where}: ${what}`);
    }
    out.set(app, parsed.data);
  }
  return out;
}
