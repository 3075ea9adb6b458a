// What the operator's typing finds. In the category box, in either language and however it is
// spelled (common/domain/normalise): names that start with it first, then those with a word that
// does, then any that contain it; the hub's order within each rank. In the address search, the
// core's search hits, one per address.
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
 * The search's hits (best first) that matched by their address, one per address (normalised
 * alike): where a caller's place may already be known.
 */
export function distinctAddresses(hits: ReadonlyArray<{ request: RequestView; matched: readonly string[] }>, limit: number): RequestView[] {
  const byAddress = new Map<string, RequestView>();
  for (const { request, matched } of hits) {
    const key = normaliseText(request.address);
    if (matched.includes('address') && key && !byAddress.has(key)) byAddress.set(key, request);
  }
  return [...byAddress.values()].slice(0, limit);
}
