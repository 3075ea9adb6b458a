// What the operator types in the category box finds, in either language and however it is spelled
// (common/domain/normalise): names that start with it first, then those with a word that does,
// then any that contain it; the hub's order within each rank.
import type { RequestView } from '../../../../common/api/contract';
import type { Category } from '../../../../common/protocol/hub-protocol';
import { normaliseText } from '../../../../common/domain/normalise';

function rank(name: string, q: string): number | null {
  const n = normaliseText(name);
  if (n.startsWith(q)) return 0;
  if (n.split(/[\s/()-]+/).some((w) => w.startsWith(q))) return 1;
  return n.includes(q) ? 2 : null;
}

export function matchCategories(categories: readonly Category[], query: string): Category[] {
  const q = normaliseText(query);
  if (!q) return [...categories];
  const ranked: Array<{ c: Category; r: number; i: number }> = [];
  categories.forEach((c, i) => {
    const rs = [rank(c.nameFa, q), rank(c.nameEn, q), rank(c.code, q)].filter((r): r is number => r !== null);
    if (rs.length) ranked.push({ c, r: Math.min(...rs), i });
  });
  return ranked.sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.c);
}

/**
 * Requests the district holds whose address contains what was typed (normalised alike), one per
 * address, the newest first: where a caller's place may already be known.
 */
export function matchAddresses(requests: Iterable<RequestView>, query: string, limit: number): RequestView[] {
  const q = normaliseText(query);
  if (!q) return [];
  const byAddress = new Map<string, RequestView>();
  for (const r of requests) {
    const key = normaliseText(r.address);
    if (!key.includes(q)) continue;
    const seen = byAddress.get(key);
    if (!seen || seen.receivedAt < r.receivedAt) byAddress.set(key, r);
  }
  return [...byAddress.values()].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1)).slice(0, limit);
}
