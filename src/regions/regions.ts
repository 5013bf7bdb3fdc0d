/**
 * Region codes and their containment (SPEC §3): ISO 3166-1 alpha-2 countries
 * plus the named sets `eu`, `eea`, `adequate`, `us`, `apac` and `global`.
 * The data lives in `region-data.json` with the date it was last checked. (Not
 * `regions.json`: under the Pulumi CLI's ts-node, `require('./regions')` would
 * load a `.json` twin of this module before the `.ts` file.)
 */
import data from './region-data.json';

/** The date the region data was last checked against its sources. */
export const REGIONS_LAST_CHECKED: string = data.lastChecked;

/** A named set of countries, or `global` (anywhere). */
export type RegionSetName = keyof typeof data.sets | 'global';

const COUNTRIES: ReadonlySet<string> = new Set(data.countries);
const ALIASES: Readonly<Record<string, string>> = data.aliases;
const SETS = new Map<string, ReadonlySet<string>>(
  Object.entries(data.sets).map(([name, members]) => [name, new Set(members)]),
);
const GLOBAL = 'global';

/** Every code a manifest may use, sorted: countries, aliases and set names. */
export const REGION_CODES: readonly string[] = [
  ...new Set([...COUNTRIES, ...Object.keys(ALIASES), ...SETS.keys(), GLOBAL]),
].sort();

/** The canonical form of a code: `uk` → `gb`, `el` → `gr`; others unchanged. */
export function canonicalRegion(code: string): string {
  return Object.hasOwn(ALIASES, code) ? (ALIASES[code] as string) : code;
}

/** Whether `code` is a known region code (lower case, as SPEC §3 requires). */
export function isRegionCode(code: string): boolean {
  const c = canonicalRegion(code);
  return c === GLOBAL || COUNTRIES.has(c) || SETS.has(c);
}

/** The countries a code stands for; `null` means `global` (every country). */
export function countriesOf(code: string): ReadonlySet<string> | null {
  const c = canonicalRegion(code);
  if (c === GLOBAL) return null;
  const set = SETS.get(c);
  if (set) return set;
  if (COUNTRIES.has(c)) return new Set([c]);
  throw new RangeError(`unknown region code: ${code}`);
}

/**
 * "A is inside B": every country of A is in B, where B may be several codes
 * (their union). `global` is inside nothing but `global`, and everything is
 * inside `global`.
 */
export function isInside(inner: string, outer: string | readonly string[]): boolean {
  const union = new Set<string>();
  for (const code of typeof outer === 'string' ? [outer] : outer) {
    const members = countriesOf(code);
    if (members === null) return true;
    for (const country of members) union.add(country);
  }
  const a = countriesOf(inner);
  if (a === null) return false;
  for (const country of a) if (!union.has(country)) return false;
  return true;
}

/**
 * Whether a transfer to `code` is covered by the EU–US Data Privacy Framework:
 * every country of it is a DPF country (today only `us`; SPEC §3 puts `us` in
 * `adequate` only through `dpf`).
 */
export function isDpfCovered(code: string): boolean {
  return isInside(code, data.dpfCountries);
}
