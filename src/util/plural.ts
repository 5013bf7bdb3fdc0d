/** English plurals of counted nouns ("1 error", "2 errors"), for every text saasgov prints. */

/** `word`, or `word` + "s" unless `n` is 1: "error" / "errors". */
export const pluralWord = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

/** The count and its noun: "1 error", "2 errors". */
export const plural = (n: number, word: string): string => `${n} ${pluralWord(n, word)}`;
