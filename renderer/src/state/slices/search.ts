// The search box's state: what is typed, the core's answer to it (docs/search.md) and which hit
// the arrow keys are on. The query goes out once typing pauses (SEARCH_DEBOUNCE_MS); an answer to
// text that has since changed is dropped.
import type { StateCreator } from 'zustand';
import type { SearchResult } from '../../../../common/api/contract';
import { ApiError } from '../../../../common/api/rpc';
import { parseSearchQuery } from '../../../../common/domain/search-query';
import type { ConsoleState } from '../store';

export type SearchHit = SearchResult['hits'][number];

/** A pause in typing this long sends the query: a word typed at speed costs one query, not five. */
export const SEARCH_DEBOUNCE_MS = 200;
/** Hits asked for: the core's default page. */
export const SEARCH_LIMIT = 50;

export interface SearchState {
  text: string;
  /** idle: no text; short: too short to search; loading: asked; done: `hits` answer `text`; failed: `error` says why. */
  phase: 'idle' | 'short' | 'loading' | 'done' | 'failed';
  hits: SearchHit[];
  /** The hit the arrow keys are on (-1: none). */
  active: number;
  error: string | null;
}

export interface SearchSlice {
  search: SearchState;
  setSearchText(text: string): void;
  /** Moves the active hit by `delta`, kept within the hits. */
  moveSearchActive(delta: number): void;
  setSearchActive(index: number): void;
  clearSearch(): void;
}

const IDLE: SearchState = { text: '', phase: 'idle', hits: [], active: -1, error: null };

export const createSearchSlice: StateCreator<ConsoleState, [], [], SearchSlice> = (set, get) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const patch = (p: Partial<SearchState>) => set({ search: { ...get().search, ...p } });

  async function run(text: string): Promise<void> {
    try {
      const { hits } = await get().query('search', { text, limit: SEARCH_LIMIT });
      if (get().search.text === text) patch({ phase: 'done', hits, active: hits.length ? 0 : -1, error: null });
    } catch (err) {
      if (get().search.text !== text) return;
      patch({ phase: 'failed', hits: [], active: -1, error: err instanceof ApiError || err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    search: IDLE,
    setSearchText(text) {
      if (timer) clearTimeout(timer);
      timer = null;
      if (text.trim() === '') return set({ search: IDLE });
      if (!parseSearchQuery(text)) return set({ search: { ...IDLE, text, phase: 'short' } });
      // The previous hits stay on screen while the next answer is on its way.
      patch({ text, phase: 'loading' });
      timer = setTimeout(() => {
        timer = null;
        void run(text);
      }, SEARCH_DEBOUNCE_MS);
    },
    moveSearchActive(delta) {
      const { hits, active } = get().search;
      if (hits.length) patch({ active: Math.max(0, Math.min(hits.length - 1, active + delta)) });
    },
    setSearchActive: (index) => patch({ active: index }),
    clearSearch() {
      if (timer) clearTimeout(timer);
      timer = null;
      set({ search: IDLE });
    },
  };
};
