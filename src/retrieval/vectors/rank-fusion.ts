/** The constant of reciprocal rank fusion (as Open WebUI's ensemble retriever and most others use). */
const RRF_C = 60;

/**
 * Weighted reciprocal rank fusion of a full-text ranking and a vector ranking (each best first): an
 * item scores `w / (60 + its full-text rank) + (1 - w) / (60 + its vector rank)`, w = HYBRID_BM25_WEIGHT,
 * nothing for a list it is not in. Scores are scaled so first in both lists is 1. Best first; ties keep
 * full-text order, then vector order.
 */
export function fuseRankings<T extends { id: number }>(
  fullText: T[],
  vector: T[],
  bm25Weight: number,
): { item: T; score: number }[] {
  const fused = new Map<number, { item: T; score: number; order: number }>();
  const add = (list: T[], weight: number) =>
    list.forEach((item, rank) => {
      const entry = fused.get(item.id) ?? { item, score: 0, order: fused.size };
      entry.score += weight / (RRF_C + rank + 1);
      fused.set(item.id, entry);
    });
  add(fullText, bm25Weight);
  add(vector, 1 - bm25Weight);
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score }) => ({ item, score: score * (RRF_C + 1) }));
}
