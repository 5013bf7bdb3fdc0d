/** Ordering without the locale (HAZARDS.md: `localeCompare` depends on it): plain `<` on UTF-16 code units. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
