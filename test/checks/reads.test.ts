/**
 * The reads tables (`SAML_READS`, `OIDC_READS`) are what the policy pack
 * trusts during `pulumi preview` to drop the problems it cannot decide: each
 * problem must depend on the fields it lists and on nothing else. Held here
 * as properties: changing a field (or one list item) never changes the
 * problems that do not read it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOidc, OIDC_MESSAGES, OIDC_READS, type OidcField, type OidcSettings } from '../../src/checks/oidc';
import { decidedProblems, type CheckProblem, type ProblemReads } from '../../src/checks/problem';
import { checkSaml, SAML_MESSAGES, SAML_READS, type SamlField, type SamlSettings } from '../../src/checks/saml';
import { renderMessage } from '../../src/engine/rule';

const URIS = ['https://app.example.com/cb', 'http://localhost:8080/cb', 'http://app.example.com/cb', 'https://*.example.com/cb', 'com.example:/cb', '', 'garbage'];
const uri = fc.constantFrom(...URIS);
const grant = fc.constantFrom('authorization_code', 'refresh_token', 'client_credentials', 'implicit', 'password');

const oidcFields = {
  type: fc.constantFrom('web', 'native', 'browser', 'service', 'other'),
  redirectUris: fc.option(fc.array(uri, { maxLength: 4 }), { nil: undefined }),
  grantTypes: fc.array(grant, { maxLength: 4 }),
  pkce: fc.boolean(),
  wildcardRedirect: fc.option(fc.constantFrom('DISABLED', 'disabled', 'SUBDOMAIN', '', 'ANY VALUE?'), { nil: undefined }),
};
const oidcSettings: fc.Arbitrary<OidcSettings> = fc.record(oidcFields, { requiredKeys: ['type', 'grantTypes', 'pkce'] });

const samlFields = {
  acsUrl: fc.option(uri, { nil: undefined }),
  audience: fc.option(fc.constantFrom('https://sp.example.com', '', ' '), { nil: undefined }),
  signatureAlgorithm: fc.option(fc.constantFrom('RSA_SHA256', 'RSA_SHA1', 'rsa_sha1'), { nil: undefined }),
  responseSigned: fc.boolean(),
  assertionSigned: fc.boolean(),
};
const samlSettings: fc.Arbitrary<SamlSettings> = fc.record(samlFields, { requiredKeys: ['responseSigned', 'assertionSigned'] });

/** A problem as users see it: id, place and rendered message. */
const shown = (messages: Record<string, string>) => (p: CheckProblem<string, string>) => `${p.messageId} ${p.field}[${p.index}] ${renderMessage(messages[p.messageId]!, p.data)}`;

/** Whether problem `p` reads `field` (item `index` of it, when given), by the reads table. */
function reads<M extends string, F extends string>(table: ProblemReads<M, F>, p: CheckProblem<M, F>, field: F, index?: number): boolean {
  if (!table[p.messageId].includes(field)) return false;
  // A problem at another item of the same list reads only its own item.
  return !(index !== undefined && p.field === field && p.index !== undefined && p.index !== index);
}

describe('OIDC_READS', () => {
  it('lists every field a problem depends on: changing any other field leaves it as it was', () => {
    const field = fc.constantFrom(...(Object.keys(oidcFields) as (keyof typeof oidcFields)[]));
    fc.assert(
      fc.property(oidcSettings, oidcSettings, field, (a, b, f) => {
        const changed: OidcSettings = { ...a, [f]: b[f] };
        const keep = (s: OidcSettings) => checkOidc(s).filter((p) => !reads(OIDC_READS, p, f)).map(shown(OIDC_MESSAGES));
        expect(keep(changed)).toEqual(keep(a));
      }),
      { numRuns: 2000 },
    );
  });

  it('lets a problem at a list item read only that item: changing another item leaves it as it was', () => {
    fc.assert(
      fc.property(oidcSettings, fc.constantFrom<OidcField>('redirectUris', 'grantTypes'), fc.nat(3), uri, grant, (a, f, index, newUri, newGrant) => {
        const list = f === 'redirectUris' ? a.redirectUris : a.grantTypes;
        fc.pre(list !== undefined && index < list.length);
        const items = [...list!];
        items[index] = f === 'redirectUris' ? newUri : newGrant;
        const keep = (s: OidcSettings) => checkOidc(s).filter((p) => !reads(OIDC_READS, p, f, index)).map(shown(OIDC_MESSAGES));
        expect(keep({ ...a, [f]: items })).toEqual(keep(a));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('SAML_READS', () => {
  it('lists every field a problem depends on: changing any other field leaves it as it was', () => {
    const field = fc.constantFrom(...(Object.keys(samlFields) as SamlField[]).filter((f): f is keyof typeof samlFields => f in samlFields));
    fc.assert(
      fc.property(samlSettings, samlSettings, field, (a, b, f) => {
        const keep = (s: SamlSettings) =>
          checkSaml({ preconfigured: false, settings: s })
            .filter((p) => !reads(SAML_READS, p, f))
            .map(shown(SAML_MESSAGES));
        expect(keep({ ...a, [f]: b[f] })).toEqual(keep(a));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decidedProblems', () => {
  const settings: OidcSettings = {
    type: 'browser',
    redirectUris: ['http://app.example.com/cb', 'https://ok.example.com/cb', 'http://localhost/cb'],
    grantTypes: ['implicit', 'authorization_code'],
    pkce: false,
  };
  const ids = (problems: readonly CheckProblem<string, string>[]) => problems.map((p) => `${p.messageId}@${p.field}${p.index ?? ''}`);

  it('keeps every problem when nothing is unknown', () => {
    expect(ids(decidedProblems(checkOidc(settings), OIDC_READS, () => false))).toEqual([
      'redirectNotHttps@redirectUris0',
      'redirectHttpNotNative@redirectUris2',
      'implicitGrant@grantTypes0',
      'pkceDisabled@pkce',
    ]);
  });

  it('drops the problems at an unknown item, and keeps those at known items', () => {
    const unknown = (field: OidcField, index?: number) => field === 'redirectUris' && (index === undefined || index === 0);
    expect(ids(decidedProblems(checkOidc(settings), OIDC_READS, unknown))).toEqual(['redirectHttpNotNative@redirectUris2', 'implicitGrant@grantTypes0', 'pkceDisabled@pkce']);
  });

  it('drops what depends on an unknown app type, and keeps what does not', () => {
    const unknown = (field: OidcField) => field === 'type';
    expect(ids(decidedProblems(checkOidc(settings), OIDC_READS, unknown))).toEqual(['redirectNotHttps@redirectUris0', 'implicitGrant@grantTypes0']);
  });
});
