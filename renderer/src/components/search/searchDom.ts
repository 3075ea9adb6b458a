// What the search box and its results share: their element ids, and opening a hit.
import { useConsole } from '../../state/store';

export const SEARCH_BOX_ID = 'request-search';
export const SEARCH_RESULTS_ID = 'request-search-results';
export const searchHitId = (i: number) => `request-search-hit-${i}`;

/**
 * Selects hit `index` — also a closed request the store does not hold (selectRequest keeps the
 * search's view of it) — and moves focus to its details, as Enter does in the queue. False when
 * there is no such hit.
 */
export function openSearchHit(index: number): boolean {
  const s = useConsole.getState();
  const hit = s.search.hits[index];
  if (!hit) return false;
  s.setSearchActive(index);
  s.selectRequest(hit.request.id, hit.request);
  document.querySelector<HTMLElement>('[data-testid="request-detail"]')?.focus();
  return true;
}
