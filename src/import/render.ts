/**
 * One imported manifest's text (SPEC §9.1): what Okta knows about the app,
 * then `--defaults`, then a `"<…>"` placeholder (or an empty value) that
 * fails the schema, with a comment saying what to put there — the convention
 * of `saasgov new`. Deterministic: the same app, defaults and date give the
 * same bytes.
 */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { OrgApp } from '../okta-api/org';
import { GRANT_TYPES } from '../manifest/schema';

/** A partial manifest merged under every import (`--defaults FILE`), as plain data. */
export type Defaults = Readonly<Record<string, unknown>>;

export interface RenderInput {
  readonly app: OrgApp;
  /** `metadata.name`, already unique. */
  readonly name: string;
  readonly orgUrl: string;
  /** `YYYY-MM-DD` written in the header. */
  readonly date: string;
  readonly defaults: Defaults;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `base` with `over` on top, object by object (arrays and scalars replace). Own keys only. */
export function mergeOver(base: unknown, over: unknown): unknown {
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Obj = {};
  for (const key of [...Object.keys(base), ...Object.keys(over).filter((k) => !Object.hasOwn(base, k))]) {
    const v = Object.hasOwn(over, key) ? mergeOver(base[key], over[key]) : base[key];
    if (v !== undefined) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** What a person must fill in, with the comment that says what. */
const PLACEHOLDERS: readonly { path: string[]; value: unknown; comment: string }[] = [
  { path: ['metadata', 'owner', 'business'], value: '<e-mail of the business owner>', comment: 'ownership/owners: accountable for the app, its cost and its data' },
  { path: ['metadata', 'owner', 'technical'], value: '<e-mail of the technical owner>', comment: 'administers the app and its SSO' },
  { path: ['spec', 'vendor'], value: '<vendor name>', comment: 'who sells the app (Okta does not know it)' },
  { path: ['spec', 'url'], value: '<https://your-tenant.vendor.example>', comment: 'the app\'s address (Okta has none for this app)' },
  { path: ['spec', 'lifecycle'], value: '<poc, production or deprecated>', comment: 'poc needs pocEnds: YYYY-MM-DD' },
  { path: ['spec', 'data', 'classification'], value: '<public, internal, confidential or restricted>', comment: 'the most sensitive data the app holds' },
  { path: ['spec', 'backup', 'strategy'], value: '<vendor-native, third-party or none>', comment: 'backup/required: how the app\'s data is backed up' },
  { path: ['spec', 'residency', 'regions'], value: ['<region code: eu, us, de, ...>'], comment: 'residency/declared: everywhere the data is stored or processed, backups included' },
];

const SIGN_ON_MODE_PROTOCOL_NOTE: Readonly<Record<string, string>> = {
  AUTO_LOGIN: 'password vaulting (Okta sign-on mode AUTO_LOGIN)',
  BROWSER_PLUGIN: 'password vaulting by the browser plugin (BROWSER_PLUGIN)',
  SECURE_PASSWORD_STORE: 'password vaulting (SECURE_PASSWORD_STORE)',
  BASIC_AUTH: 'password vaulting of HTTP basic authentication (BASIC_AUTH)',
  BOOKMARK: 'a bookmark on the Okta dashboard (BOOKMARK): no sign-in through Okta',
};

/** The `sso` block from the org's facts. */
function ssoOf(app: OrgApp): Obj {
  const sso: Obj = { protocol: app.protocol };
  if (app.mfa !== null && !(app.oidc?.type === 'service')) sso.mfa = app.mfa;
  const okta: Obj = {};
  if (app.oinKey !== null) okta.preconfiguredApp = app.oinKey;
  okta.appId = app.id;
  if (app.settings !== null) okta.settings = { ...app.settings };
  sso.okta = okta;
  if (app.saml) {
    const s = app.saml;
    sso.saml = {
      ...(s.acsUrl !== undefined ? { acsUrl: s.acsUrl } : {}),
      ...(s.audience !== undefined ? { audience: s.audience } : {}),
      ...(s.nameIdFormat !== undefined ? { nameIdFormat: s.nameIdFormat } : {}),
      ...(s.signatureAlgorithm !== undefined ? { signatureAlgorithm: s.signatureAlgorithm } : {}),
      ...(s.responseSigned !== undefined ? { responseSigned: s.responseSigned } : {}),
      ...(s.assertionSigned !== undefined ? { assertionSigned: s.assertionSigned } : {}),
      ...(s.attributes.length > 0 ? { attributes: s.attributes.map((a) => ({ name: a.name, value: a.value })) } : {}),
    };
  }
  if (app.oidc) {
    const o = app.oidc;
    sso.oidc = {
      type: o.type ?? '<web, native, browser or service>',
      ...(o.redirectUris.length > 0 ? { redirectUris: [...o.redirectUris] } : {}),
      ...(o.postLogoutRedirectUris.length > 0 ? { postLogoutRedirectUris: [...o.postLogoutRedirectUris] } : {}),
      grantTypes: o.grantTypes.filter((g) => (GRANT_TYPES as readonly string[]).includes(g)),
      ...(o.pkce !== undefined ? { pkce: o.pkce } : {}),
    };
  }
  return sso;
}

/** What Okta knows, as a partial manifest. */
function orgFacts(input: RenderInput): Obj {
  const { app } = input;
  const spec: Obj = {};
  if (app.url !== null) spec.url = app.url;
  spec.sso = ssoOf(app);
  if (app.scimFeatures.length > 0) spec.provisioning = { scim: { enabled: true, features: [...app.scimFeatures] } };
  if (app.groups !== null) spec.access = { groups: [...app.groups] };
  return { metadata: { name: input.name, displayName: app.label }, spec };
}

/** Placeholders as a partial manifest (only those the defaults leave open). */
function placeholders(merged: Obj, app: OrgApp): { data: Obj; comments: Map<string, string> } {
  const data: Obj = {};
  const comments = new Map<string, string>();
  for (const p of PLACEHOLDERS) {
    if (p.path[1] === 'url' && app.url !== null) continue;
    let have: unknown = merged;
    for (const k of p.path) have = isObj(have) ? have[k] : undefined;
    if (have !== undefined) continue;
    let at = data;
    p.path.slice(0, -1).forEach((k) => (at = (at[k] ??= {}) as Obj));
    at[p.path.at(-1)!] = p.value;
    comments.set(p.path.join('.'), p.comment);
  }
  return { data, comments };
}

/** Key order of a manifest, as `saasgov new` writes it; other keys keep their order after these. */
const ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'name', 'displayName', 'description', 'owner', 'team', 'business', 'technical', 'costCenter', 'labels', 'vendor', 'url', 'plan', 'lifecycle', 'pocEnds', 'seats', 'data', 'sso', 'provisioning', 'access', 'backup', 'residency', 'vendorAssurance', 'waivers', 'protocol', 'enforced', 'mfa', 'okta', 'saml', 'oidc', 'preconfiguredApp', 'appId', 'settings'];

function ordered(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, depth + 1));
  if (!isObj(value)) return value;
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  // Instance settings keep Okta's order: they are the OIN app's, not ours.
  const keys = depth > 0 && Object.keys(value).every((k) => !ORDER.includes(k)) ? Object.keys(value) : Object.keys(value).sort((a, b) => rank(a) - rank(b));
  const out: Obj = {};
  for (const k of keys) out[k] = ordered(value[k], depth + 1);
  return out;
}

function nodeAt(doc: Document, path: string[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const k of path) {
    if (!isMap(node)) return undefined;
    node = node.get(k, true);
  }
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

/** A comment after a value; a list is written on one line (`[…]`) so the comment stays beside it. */
function commentOn(node: Node | undefined, comment: string): void {
  if (!node) return;
  if (isSeq(node)) node.flow = true;
  node.comment = ` ${comment}`;
}

/** The manifest text for one app. */
export function renderManifest(input: RenderInput): string {
  const { app } = input;
  const facts = orgFacts(input);
  const merged = mergeOver(mergeOver({}, input.defaults), facts) as Obj;
  const { data: holes, comments } = placeholders(merged, app);
  const manifest = ordered(mergeOver({ apiVersion: 'saasgov.dev/v1', kind: 'SaaSApp' }, mergeOver(holes, merged)));
  const doc = new Document(manifest);
  for (const [path, comment] of comments) commentOn(nodeAt(doc, path.split('.')), comment);
  const protocolNode = nodeAt(doc, ['spec', 'sso', 'protocol']);
  const note = SIGN_ON_MODE_PROTOCOL_NOTE[app.signOnMode];
  if (note || app.protocol === 'none') commentOn(protocolNode, note ?? `Okta sign-on mode ${app.signOnMode}, which saasgov does not model`);
  if (app.groups?.length === 0) commentOn(nodeAt(doc, ['spec', 'access', 'groups']), 'no group is assigned to this app in Okta');
  const header = [
    `# Imported from the Okta org ${input.orgUrl} on ${input.date} by \`saasgov import okta\`: app id ${app.id}`,
    `# (${app.signOnMode}${app.oinKey !== null ? `, OIN app ${app.oinKey}` : ', custom app'}, ${app.status.toLowerCase()}).`,
    '# Okta\'s facts are filled in; replace every "<…>" placeholder and empty value (they fail lint until then),',
    '# then run: saasgov lint <this file>. Re-running the import never overwrites this file.',
  ];
  return `${header.join('\n')}\n${doc.toString({ lineWidth: 0 })}`;
}
