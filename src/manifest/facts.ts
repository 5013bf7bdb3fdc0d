/** Domain facts about a manifest that several rules share (SPEC §2 definitions). */
import { CLASSIFICATIONS, type Classification, type Manifest } from './schema';

/** public < internal < confidential < restricted */
export function classificationRank(c: Classification): number {
  return CLASSIFICATIONS.indexOf(c);
}

/** Whether the app's classification is at least `min`. */
export function classifiedAtLeast(m: Manifest, min: Classification): boolean {
  return classificationRank(m.spec.data.classification) >= classificationRank(min);
}

/** "Sensitive": classification `confidential` or `restricted`. */
export function isSensitive(m: Manifest): boolean {
  return classifiedAtLeast(m, 'confidential');
}

const PERSONAL = new Set(['pii', 'health', 'employee', 'customer']);

/** "Personal data": `data.categories` contains pii, health, employee or customer. */
export function hasPersonalData(m: Manifest): boolean {
  return (m.spec.data.categories ?? []).some((c) => PERSONAL.has(c));
}
