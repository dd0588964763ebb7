/**
 * Lexical relevance for memories until there are embeddings: the cosine of the two texts' word
 * sets, where a word also matches a longer one it starts (so "name" finds "named", "dog" finds
 * "dogs"). Cheap enough for every memory of a user on each request.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by do does did for from has have how i if in into is it its me my of on or our ' +
    'so that the their them then there these they this to was we were what when where which who why will ' +
    'with you your'
  ).split(' '),
);
const MIN_PREFIX = 3;

export function words(text: string): string[] {
  const found = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(found.filter((word) => !STOP_WORDS.has(word)))];
}

const related = (a: string, b: string) =>
  a === b || (Math.min(a.length, b.length) >= MIN_PREFIX && (a.startsWith(b) || b.startsWith(a)));

/** 0 (nothing shared) to 1 (same words). */
export function similarity(query: string[], text: string[]): number {
  if (query.length === 0 || text.length === 0) return 0;
  const matched = query.filter((word) => text.some((other) => related(word, other))).length;
  return matched / Math.sqrt(query.length * text.length);
}

/** The `k` most relevant items, best first; ties (including no match at all) go to the newest. */
export function rank<T extends { content: string; updated_at: number }>(query: string, items: T[], k: number) {
  const queryWords = words(query);
  return items
    .map((item) => ({ item, score: similarity(queryWords, words(item.content)) }))
    .sort((a, b) => b.score - a.score || b.item.updated_at - a.item.updated_at)
    .slice(0, k);
}
