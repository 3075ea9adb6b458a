// The operator's side of the store: which screen, what is selected and hovered, the language, and
// a clock for ages and countdowns.
import type { StateCreator } from 'zustand';
import type { Locale } from '../../i18n/format';
import { applyLocaleToDocument, loadLocale, saveLocale } from '../../i18n/locale';
import type { ConsoleState } from '../store';
import type { Bootstrap, RequestView } from '../../../../common/api/contract';
import type { DataSlice } from './data';

export type View = 'operator' | 'wall';

/** What the map shows, in degrees: the queue's "only what the map shows". */
export interface MapBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface UiSlice {
  /** What this screen shows: the wall display when the role says so or the URL asks `?view=wall`. */
  view: View;
  selectedRequestId: string | null;
  /**
   * A request selected from outside `requests` (which holds the open ones and today's closed):
   * an older closed one a search found, as the search returned it. Null otherwise.
   */
  foundRequest: RequestView | null;
  selectedCrewId: string | null;
  hoveredRequestId: string | null;
  locale: Locale;
  /** Ticks every second while connected, for ages, countdowns and overdue marks. */
  now: number;
  /** The map's visible area after its last move; null while no map is shown. */
  mapBounds: MapBounds | null;

  /** Selects a request the store holds, or `found` (a search hit) when it holds none by that id. */
  selectRequest(id: string | null, found?: RequestView): void;
  selectCrew(id: string | null): void;
  hoverRequest(id: string | null): void;
  setLocale(l: Locale): void;
  setMapBounds(b: MapBounds | null): void;
}

function wallRequested(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('view') === 'wall';
}

/** The screen a session opens on: its role's (the mayor reads the wall's), unless the URL asks for the wall. */
export function viewFor(role: Bootstrap['role']): View {
  return role === 'wall' || role === 'mayor' || wallRequested() ? 'wall' : 'operator';
}

/** Nothing selected, hovered or found: a new session starts from here. */
export const NO_SELECTION = {
  selectedRequestId: null,
  foundRequest: null,
  selectedCrewId: null,
  hoveredRequestId: null,
  mapBounds: null,
} as const satisfies Partial<UiSlice>;

/** Drops a selection or hover whose request or crew the data no longer holds. */
export function keptSelection(s: UiSlice & Pick<DataSlice, 'requests' | 'crews'>): Partial<UiSlice> {
  const patch: Partial<UiSlice> = {};
  if (s.selectedRequestId && !(s.selectedRequestId in s.requests) && s.foundRequest?.id !== s.selectedRequestId) patch.selectedRequestId = null;
  if (s.hoveredRequestId && !(s.hoveredRequestId in s.requests)) patch.hoveredRequestId = null;
  if (s.selectedCrewId && !(s.selectedCrewId in s.crews)) patch.selectedCrewId = null;
  return patch;
}

/** The selected request, whether the store holds it or a search found it; undefined when none. */
export function selectedRequest(s: UiSlice & Pick<DataSlice, 'requests'>): RequestView | undefined {
  const id = s.selectedRequestId;
  if (!id) return undefined;
  return s.requests[id] ?? (s.foundRequest?.id === id ? s.foundRequest : undefined);
}

export const createUiSlice: StateCreator<ConsoleState, [], [], UiSlice> = (set, get) => {
  const locale = loadLocale();
  applyLocaleToDocument(locale);
  return {
    view: viewFor('operator'),
    ...NO_SELECTION,
    locale,
    now: Date.now(),

    selectRequest: (id, found) => {
      if (id && !(id in get().requests) && found?.id === id) set({ selectedRequestId: id, foundRequest: found });
      else set({ selectedRequestId: id && id in get().requests ? id : null, foundRequest: null });
    },
    selectCrew: (id) => set({ selectedCrewId: id && id in get().crews ? id : null }),
    hoverRequest: (id) => set({ hoveredRequestId: id }),
    setLocale(l) {
      saveLocale(l);
      applyLocaleToDocument(l);
      set({ locale: l });
    },
    setMapBounds: (mapBounds) => set({ mapBounds }),
  };
};
