/**
 * Credential detection shared by `secrets/no-inline-secrets` and by every
 * message that could otherwise echo manifest text. Patterns are ported by hand
 * from gitleaks and trufflehog (HAZARDS.md); they run on bounded tokens, so no
 * input can make them backtrack for long.
 */

/** A kind of credential, as named in messages. */
export type SecretKind =
  | 'private key block'
  | 'AWS access key id'
  | 'GitHub token'
  | 'Slack token'
  | 'Okta API token'
  | 'JSON Web Token';

/** A credential found in a text, by UTF-16 offsets. */
export interface SecretMatch {
  readonly kind: SecretKind;
  readonly start: number;
  readonly end: number;
}

// Each pattern is anchored and tested against one token: a maximal run of
// token characters, so matching is linear in the text.
const TOKEN = /[A-Za-z0-9_.-]+/g;
const MAX_TOKEN = 4096;
const TOKEN_PATTERNS: readonly { kind: SecretKind; re: RegExp; okta?: true }[] = [
  { kind: 'AWS access key id', re: /^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/ },
  { kind: 'GitHub token', re: /^(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}$/ },
  { kind: 'GitHub token', re: /^github_pat_\w{82}$/ },
  { kind: 'Slack token', re: /^xox[baprs]-(?:[0-9]{10,13}-){1,2}[A-Za-z0-9-]{16,}$/ },
  { kind: 'Slack token', re: /^xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}$/ },
  { kind: 'Slack token', re: /^xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+$/i },
  { kind: 'JSON Web Token', re: /^ey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/ },
  { kind: 'Okta API token', re: /^00[A-Za-z0-9_-]{40}$/, okta: true },
];
const PRIVATE_KEY = /-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY(?: BLOCK)?-----/g;
/**
 * A necessary condition of every pattern above, as one bounded regex: most
 * texts hold no credential, and this one native scan proves it.
 */
const ANY_CANDIDATE = /-----BEGIN|(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_|xox[a-z]-|[xX][aA][pP][pP]-|\.ey[A-Za-z0-9_-]{10}|00[A-Za-z0-9_-]{40}/;
const OKTA_NEARBY = /okta/i;
/** How far around an Okta-looking token the word "okta" is looked for (as trufflehog does). */
const OKTA_WINDOW = 200;

/**
 * Finds credentials in `text`. Offsets are relative to `text`. `context` (a
 * key name, say) counts as nearby text for tokens that need a keyword.
 */
export function findSecrets(text: string, context = ''): SecretMatch[] {
  return scan(text, context, true);
}

/**
 * `needKeyword: false` is for redaction: a message or report that quotes
 * manifest text knows too little of the text around a token to tell, so it
 * hides an Okta-shaped token whether or not "okta" is nearby. Redaction must
 * over-approximate detection, or a flagged value leaks through a message.
 */
function scan(text: string, context: string, needKeyword: boolean): SecretMatch[] {
  if (!ANY_CANDIDATE.test(text)) return [];
  const found: SecretMatch[] = [];
  PRIVATE_KEY.lastIndex = 0;
  for (let m = PRIVATE_KEY.exec(text); m; m = PRIVATE_KEY.exec(text)) {
    found.push({ kind: 'private key block', start: m.index, end: m.index + m[0].length });
  }
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let token = m[0];
    let start = m.index;
    // Trim sentence punctuation a token may be glued to.
    while (token.length > 0 && (token[0] === '.' || token[0] === '-')) {
      token = token.slice(1);
      start++;
    }
    while (token.length > 0 && (token.at(-1) === '.' || token.at(-1) === '-')) token = token.slice(0, -1);
    if (token.length < 20 || token.length > MAX_TOKEN) continue;
    for (const p of TOKEN_PATTERNS) {
      if (!p.re.test(token)) continue;
      if (p.okta && needKeyword && !OKTA_NEARBY.test(context) && !OKTA_NEARBY.test(text.slice(Math.max(0, start - OKTA_WINDOW), start + token.length + OKTA_WINDOW))) continue;
      found.push({ kind: p.kind, start, end: start + token.length });
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Whether a key names a credential: it contains, case-insensitively, `secret`,
 * `password`, `token`, `apikey`/`api_key`/`api-key` or `privatekey`
 * (`private_key`, `private-key`).
 */
export function isCredentialKey(key: string): boolean {
  const k = key.toLowerCase();
  if (k.includes('secret') || k.includes('password') || k.includes('token')) return true;
  const squashed = k.replace(/[-_]/g, '');
  return squashed.includes('apikey') || squashed.includes('privatekey');
}

/** A reference to a secret kept elsewhere: `${…}`, `vault:…`, `secret:…`. */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return /^\$\{[^}]+\}$/.test(v) || v.startsWith('vault:') || v.startsWith('secret:');
}

/**
 * Whether a text contains anything that looks like a credential, keyword or
 * not (for deciding whether a message may quote it: see `scan`).
 */
export function looksLikeSecret(text: string): boolean {
  return scan(text, '', false).length > 0;
}

/**
 * `text` with anything that looks like a credential (keyword or not) replaced
 * by its kind and length, for messages and reports that print manifest text.
 */
export function redactSecrets(text: string): string {
  let out = '';
  let at = 0;
  for (const s of scan(text, '', false)) {
    if (s.start < at) continue;
    out += `${text.slice(at, s.start)}[${s.kind}, ${s.end - s.start} characters, not shown]`;
    at = s.end;
  }
  return out + text.slice(at);
}

/** A key as messages may show it: `[redacted]` when it looks like a credential. */
export function safeKey(key: string): string {
  return looksLikeSecret(key) ? '[redacted]' : key;
}
