import { describe, expect, it } from 'vitest';
import {
  canonicalRegion,
  countriesOf,
  isDpfCovered,
  isInside,
  isRegionCode,
  REGION_CODES,
  REGIONS_LAST_CHECKED,
} from '../../src/regions/regions';

const EU27 = ['at', 'be', 'bg', 'cy', 'cz', 'de', 'dk', 'ee', 'es', 'fi', 'fr', 'gr', 'hr', 'hu', 'ie', 'it', 'lt', 'lu', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'se', 'si', 'sk'];
const ADEQUATE = ['ad', 'ar', 'br', 'ca', 'ch', 'fo', 'gb', 'gg', 'il', 'im', 'je', 'jp', 'kr', 'nz', 'uy'];
const APAC = ['au', 'cn', 'hk', 'id', 'in', 'jp', 'kr', 'my', 'nz', 'ph', 'sg', 'th', 'tw', 'vn'];
const sorted = (s: ReadonlySet<string> | null) => (s === null ? null : [...s].sort());

describe('region data', () => {
  it('records when it was last checked', () => {
    expect(REGIONS_LAST_CHECKED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('holds the sets of SPEC §3', () => {
    expect(sorted(countriesOf('eu'))).toEqual(EU27);
    expect(sorted(countriesOf('eea'))).toEqual([...EU27, 'is', 'li', 'no'].sort());
    expect(sorted(countriesOf('adequate'))).toEqual(ADEQUATE);
    expect(sorted(countriesOf('apac'))).toEqual(APAC);
    expect(sorted(countriesOf('us'))).toEqual(['us']);
    expect(countriesOf('global')).toBeNull();
  });

  it('lists every accepted code, sorted and unique', () => {
    expect(REGION_CODES).toEqual([...new Set(REGION_CODES)].sort());
    for (const code of ['de', 'us', 'gb', 'uk', 'el', 'gr', 'eu', 'eea', 'adequate', 'apac', 'global']) expect(REGION_CODES).toContain(code);
  });
});

describe('region codes', () => {
  it('accepts lower-case ISO 3166-1 alpha-2 countries, the aliases and the named sets', () => {
    for (const code of ['de', 'fr', 'us', 'jp', 'ch', 'gb', 'uk', 'el', 'eu', 'eea', 'adequate', 'apac', 'global']) {
      expect(isRegionCode(code), code).toBe(true);
    }
  });

  it('rejects unknown codes, upper case and alpha-3', () => {
    for (const code of ['xx', 'DE', 'Eu', 'deu', 'europe', '', 'emea']) expect(isRegionCode(code), code).toBe(false);
    expect(() => countriesOf('xx')).toThrow(RangeError);
  });

  it('maps uk to gb and el to gr, and leaves others unchanged', () => {
    expect(canonicalRegion('uk')).toBe('gb');
    expect(canonicalRegion('el')).toBe('gr');
    expect(canonicalRegion('gb')).toBe('gb');
    expect(canonicalRegion('eu')).toBe('eu');
    expect(sorted(countriesOf('uk'))).toEqual(['gb']);
    expect(sorted(countriesOf('el'))).toEqual(['gr']);
  });
});

describe('isInside', () => {
  it('puts EU member states inside eu and eea, and EEA-only states inside eea only', () => {
    expect(isInside('de', 'eu')).toBe(true);
    expect(isInside('el', 'eu')).toBe(true);
    expect(isInside('no', 'eu')).toBe(false);
    expect(isInside('no', 'eea')).toBe(true);
    expect(isInside('is', 'eea')).toBe(true);
    expect(isInside('li', 'eea')).toBe(true);
    expect(isInside('ch', 'eea')).toBe(false);
  });

  it('compares sets by their countries', () => {
    expect(isInside('eu', 'eea')).toBe(true);
    expect(isInside('eea', 'eu')).toBe(false);
    expect(isInside('eu', 'eu')).toBe(true);
    expect(isInside('apac', 'adequate')).toBe(false);
    expect(isInside('apac', 'apac')).toBe(true);
    expect(isInside('jp', 'apac')).toBe(true);
    expect(isInside('jp', 'adequate')).toBe(true);
    expect(isInside('sg', 'adequate')).toBe(false);
  });

  it('keeps us out of adequate (it is adequate only through the DPF)', () => {
    expect(isInside('us', 'adequate')).toBe(false);
    expect(isInside('us', 'us')).toBe(true);
    expect(isDpfCovered('us')).toBe(true);
    expect(isDpfCovered('in')).toBe(false);
    expect(isDpfCovered('global')).toBe(false);
  });

  it('accepts uk for gb and el for gr on either side', () => {
    expect(isInside('uk', 'adequate')).toBe(true);
    expect(isInside('gb', 'uk')).toBe(true);
    expect(isInside('uk', 'gb')).toBe(true);
    expect(isInside('uk', 'eu')).toBe(false);
    expect(isInside('gr', 'el')).toBe(true);
  });

  it('treats several outer codes as their union', () => {
    expect(isInside('ch', ['eea', 'adequate'])).toBe(true);
    expect(isInside('no', ['eu', 'adequate'])).toBe(false);
    expect(isInside('eea', ['eu', 'is', 'li', 'no'])).toBe(true);
    expect(isInside('eea', ['eu', 'is', 'no'])).toBe(false);
    expect(isInside('us', ['eea', 'adequate'])).toBe(false);
    expect(isInside('us', ['eea', 'us'])).toBe(true);
    expect(isInside('apac', [...APAC.slice(1), 'eu'])).toBe(false);
    expect(isInside('apac', APAC)).toBe(true);
    expect(isInside('de', [])).toBe(false);
  });

  it('puts global inside nothing but global, and everything inside global', () => {
    expect(isInside('global', 'eu')).toBe(false);
    expect(isInside('global', ['eea', 'adequate', 'us', 'apac'])).toBe(false);
    expect(isInside('global', 'global')).toBe(true);
    expect(isInside('global', ['eu', 'global'])).toBe(true);
    expect(isInside('de', 'global')).toBe(true);
    expect(isInside('apac', 'global')).toBe(true);
  });
});
