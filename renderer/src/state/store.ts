// The renderer's one store, composed from slices (./slices): who is signed in, the district's data
// kept current by live batches, the link to the core, the operator's selection and language, and
// the notices.
// Readable outside React (getState / subscribe), so the map can follow it without re-rendering.
import { useMemo, type DependencyList } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CrewTrail, RequestDetail, RequestView } from '../../../common/api/contract';
import type { ApiClient } from '../../../common/api/rpc';
import { createConnectionSlice, type ConnectionSlice, type LiveBatchListener } from './slices/connection';
import { createDataSlice, type DataSlice } from './slices/data';
import { createNoticesSlice, type NoticesSlice } from './slices/notices';
import { createSearchSlice, type SearchSlice } from './slices/search';
import { createSessionSlice, type SessionSlice } from './slices/session';
import { createUiSlice, type UiSlice } from './slices/ui';

export type { Locale } from '../i18n/format';
export { applyLiveBatch } from './slices/connection';
export type { BatchChanges } from './slices/data';
export type { Toast } from './slices/notices';
export type { SearchHit } from './slices/search';
export { selectedRequest, type MapBounds, type View } from './slices/ui';

export type ConsoleState = SessionSlice & DataSlice & ConnectionSlice & UiSlice & NoticesSlice & SearchSlice;

export const useConsole: UseBoundStore<StoreApi<ConsoleState>> = create<ConsoleState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createDataSlice(...a),
  ...createConnectionSlice(...a),
  ...createUiSlice(...a),
  ...createNoticesSlice(...a),
  ...createSearchSlice(...a),
}));

/** Follow the session; while it may read the district, bootstrap, follow `live`, re-bootstrap whenever a batch says `reset`. */
export const connectStore = (c: ApiClient): Promise<void> => useConsole.getState().connect(c);
export const disconnectStore = (): void => useConsole.getState().disconnect();
/** See `ConnectionSlice.onLiveBatch`; what a batch changed is in `lastBatch` when it is called. */
export const onLiveBatch = (listener: LiveBatchListener): (() => void) => useConsole.getState().onLiveBatch(listener);

export const fetchRequestDetail = (id: string): Promise<RequestDetail> => useConsole.getState().query('requestDetail', { id });
export const fetchCrewTrail = (crewId: string): Promise<CrewTrail> => useConsole.getState().query('crewTrail', { crewId });

/**
 * Something derived from all requests (a queue, counts), recomputed when they change or `deps` do.
 * Selecting `s.requests` itself would not re-render: batches update it in place.
 */
export function useRequestsDerived<T>(derive: (requests: Readonly<Record<string, RequestView>>) => T, deps: DependencyList): T {
  const requests = useConsole((s) => s.requests);
  const rev = useConsole((s) => s.requestsRev);
  // `derive` is written inline: a new function every render, so not a dependency; the callers'
  // `deps` are checked where they are written (eslint's additionalHooks).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => derive(requests), [requests, rev, ...deps]);
}
