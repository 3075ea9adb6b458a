// What the district holds, as the core's bootstrap gave it and live batches keep it: requests,
// crews and their fixes, the district, its categories and contractors, the basemap's address; and
// what the last batch changed, for whoever reacts to news rather than to state.
import type { StateCreator } from 'zustand';
import type { Bootstrap, CategoryView, ContractorView, CrewView, DistrictView, LiveBatch, RequestView } from '../../../../common/api/contract';
import { isOpen } from '../../../../common/domain/lifecycle';
import type { ConsoleState } from '../store';

/**
 * What one applied live batch changed. A request or crew the batch named without changing it (a
 * view older than the one held, a removal of something not held, an older fix) is in no list.
 */
export interface BatchChanges {
  /** True after a (re-)bootstrap: everything was replaced, re-read the store; the lists are empty. */
  reset: boolean;
  /** Requests the store did not hold before the batch. */
  newRequestIds: string[];
  /** Held requests the batch replaced with a newer view, reopened ones included. */
  changedRequestIds: string[];
  /** Of the changed ones, those that were closed and are open again. */
  reopenedRequestIds: string[];
  removedRequestIds: string[];
  /** Crews the batch added or replaced. */
  changedCrewIds: string[];
  /** Crews a newer fix moved. */
  movedCrewIds: string[];
  removedCrewIds: string[];
}

export function batchChanges(reset: boolean): BatchChanges {
  return {
    reset,
    newRequestIds: [],
    changedRequestIds: [],
    reopenedRequestIds: [],
    removedRequestIds: [],
    changedCrewIds: [],
    movedCrewIds: [],
    removedCrewIds: [],
  };
}

export interface DataSlice {
  district: DistrictView | null;
  categories: Record<string, CategoryView>;
  contractors: Record<string, ContractorView>;
  /**
   * Every request the district holds, by id. A live batch updates this record in place (copying
   * thousands of entries per batch cost more than everything else the batch does), so its identity
   * says nothing, and a `subscribe` listener's `prev.requests` is the current record: select one
   * request by id and compare with what you kept (a changed request is always a new object), or
   * derive from them all with `useRequestsDerived`, which follows `requestsRev`.
   */
  requests: Record<string, RequestView>;
  /** Bumped whenever `requests` changes (a batch that touches it, a bootstrap). */
  requestsRev: number;
  /** crews[id].fix is updated by live fixes. */
  crews: Record<string, CrewView>;
  basemap: { url: string } | null;
  /** What the last applied batch changed (a new object per batch); null before the first bootstrap. */
  lastBatch: BatchChanges | null;
}

/** Nothing held (fresh records: `requests` is updated in place); `lastBatch` says the rest was replaced. */
export function emptyData(s?: DataSlice): DataSlice {
  return {
    district: null,
    categories: {},
    contractors: {},
    requests: {},
    requestsRev: (s?.requestsRev ?? -1) + 1,
    crews: {},
    basemap: null,
    lastBatch: s ? batchChanges(true) : null,
  };
}

export const createDataSlice: StateCreator<ConsoleState, [], [], DataSlice> = () => emptyData();

const byKey = <T>(items: T[], key: (t: T) => string): Record<string, T> =>
  Object.fromEntries(items.map((t) => [key(t), t]));

export function dataFromBootstrap(b: Bootstrap, s: DataSlice): Partial<DataSlice> {
  return {
    district: b.district,
    categories: byKey(b.categories, (c) => c.code),
    contractors: byKey(b.contractors, (c) => c.id),
    requests: byKey(b.requests, (r) => r.id),
    requestsRev: s.requestsRev + 1,
    crews: byKey(b.crews, (c) => c.id),
    basemap: b.basemap,
    lastBatch: batchChanges(true),
  };
}

const laterThan = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/**
 * The data's change for one batch: `s.requests` is updated in place (see `requests`), everything
 * else comes back as a patch, `lastBatch` always. `guardStale` is for batches that queued up while
 * a bootstrap ran: they may predate it, so a request view older than the one held is skipped.
 */
export function applyBatch(s: DataSlice, b: LiveBatch, guardStale: boolean): Partial<DataSlice> {
  const changes = batchChanges(false);
  const patch: Partial<DataSlice> = { lastBatch: changes };
  if (b.requests.length || b.removedRequestIds.length) {
    const requests = s.requests;
    for (const r of b.requests) {
      const held = requests[r.id];
      if (guardStale && held && laterThan(held.updatedAt, r.updatedAt)) continue;
      requests[r.id] = r;
      if (!held) changes.newRequestIds.push(r.id);
      else {
        changes.changedRequestIds.push(r.id);
        if (!isOpen(held) && isOpen(r)) changes.reopenedRequestIds.push(r.id);
      }
    }
    for (const id of b.removedRequestIds) {
      if (!(id in requests)) continue;
      delete requests[id];
      changes.removedRequestIds.push(id);
    }
    patch.requestsRev = s.requestsRev + 1;
  }
  if (b.crews.length || b.removedCrewIds.length || b.fixes.length) {
    const crews = { ...s.crews };
    for (const c of b.crews) {
      crews[c.id] = c;
      changes.changedCrewIds.push(c.id);
    }
    for (const id of b.removedCrewIds) {
      if (!(id in crews)) continue;
      delete crews[id];
      changes.removedCrewIds.push(id);
    }
    const moved = new Set<string>();
    for (const f of b.fixes) {
      const crew = crews[f.crewId];
      if (!crew || (crew.fix && laterThan(crew.fix.at, f.at))) continue;
      crews[f.crewId] = { ...crew, fix: f };
      moved.add(f.crewId);
    }
    changes.movedCrewIds = [...moved];
    patch.crews = crews;
  }
  if (b.district) patch.district = b.district;
  if (b.categories) patch.categories = byKey(b.categories, (c) => c.code);
  if (b.contractors) patch.contractors = byKey(b.contractors, (c) => c.id);
  return patch;
}
