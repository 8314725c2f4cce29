/**
 * Trigrams as PostgreSQL's pg_trgm makes them, so that similarity here matches `similarity()`
 * there: lower-cased words (runs of letters and digits — Chinese characters are letters),
 * each padded with two spaces before and one after, cut into every run of three characters.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function trigramsOf(text: string): string[] {
  const grams = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const chars = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 3 <= chars.length; i++) {
      grams.add(chars[i] + chars[i + 1] + chars[i + 2]);
    }
  }
  return [...grams];
}

/** Shared trigrams over all distinct trigrams of both, as pg_trgm's similarity(). */
export function trigramSimilarity(a: string, b: string): number {
  const left = new Set(trigramsOf(a));
  const right = trigramsOf(b);
  const shared = right.filter((gram) => left.has(gram)).length;
  const union = left.size + right.length - shared;
  return union === 0 ? 0 : shared / union;
}
