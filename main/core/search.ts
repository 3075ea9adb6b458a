// The `search` query's work, apart from who is asking: the typed text read by the shared rule
// (common/domain/search-query), the index asked (db/search.ts), the hits shown as the operator
// sees the requests (optimistic state of pending commands included). The handler and the search
// benchmark both run this.
import type { SearchResult } from '../../common/api/contract';
import { matchedFields, parseSearchQuery } from '../../common/domain/search-query';
import type { Store } from './db/store';
import type { Views } from './views';

/** Hits a search returns when the caller names no limit: more than a screen's rows, few enough to read at once. */
export const SEARCH_LIMIT = 50;

/** `withPhone`: the caller may see phones, so they are searched too (they are never returned). */
export function searchRequests(store: Store, views: Views, text: string, withPhone: boolean, limit = SEARCH_LIMIT): SearchResult {
  const q = parseSearchQuery(text);
  if (!q) return { hits: [] };
  const found = store.search.search(q, withPhone, limit);
  const byId = new Map(views.requestsByIds(found.map((h) => h.requestId)).views.map((v) => [v.id, v]));
  return {
    hits: found.flatMap((h) => {
      const request = byId.get(h.requestId);
      return request ? [{ request, matched: matchedFields(h.doc, q, withPhone) }] : [];
    }),
  };
}
