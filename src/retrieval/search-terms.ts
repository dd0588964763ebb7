const MAX_TERMS = 32;

/**
 * The words of a query for full-text search: letters and digits only (so nothing the query syntax
 * of FTS5 or to_tsquery would read as an operator), lower-case, distinct, at most 32.
 */
export function textSearchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}
