// A district's state as the hub holds it: the fold of its events. Each entity also keeps the
// events that make up its compacted history (§2 snapshot), so a snapshot or a log reset is a walk
// over the maps, and the same history persisted in SQLite rebuilds the state on start.
import { afterEvent, type EventDraft } from '../common/domain/lifecycle';
import type { Actor, Category, Contractor, Crew, CrewStatus, District, NewRequest, RequestStatus } from '../common/protocol/hub-protocol';

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  at: string;
  actor: Actor;
  commandId?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- data differs by event type; each fold reads its type's fields
  data: Record<string, any>;
}

export interface RequestRec {
  request: NewRequest; // as created, with later request.updated changes merged
  status: RequestStatus;
  crewId: string | null;
  history: StoredEvent[];
}

export interface CrewRec {
  crew: Crew;
  status: CrewStatus;
  /** Open request the crew is working on (hub-internal; never sent as such). */
  requestId: string | null;
  upserted: StoredEvent;
  statusEvent: StoredEvent | null;
}

export interface DistrictState {
  configured: StoredEvent | null;
  district: District | null;
  categories: Map<string, Category>;
  contractors: Map<string, { contractor: Contractor; event: StoredEvent }>;
  crews: Map<string, CrewRec>;
  requests: Map<string, RequestRec>;
}

export function emptyState(): DistrictState {
  return { configured: null, district: null, categories: new Map(), contractors: new Map(), crews: new Map(), requests: new Map() };
}

/** How an event changes the persisted compacted history (see store.ts). */
export type HistoryOp =
  | { op: 'set'; entity: string; key: string; group: number } // replace the rows of `key` with the event
  | { op: 'append'; entity: string; key: string; group: number }
  | { op: 'delete'; entity: string }
  | null;

// Snapshot order: district, contractors, crews, requests (§2).
export const GROUP = { district: 0, contractor: 1, crew: 2, request: 3 } as const;

const WORKING: ReadonlySet<CrewStatus> = new Set(['assigned', 'en_route', 'on_site']);
export const isWorking = (s: CrewStatus) => WORKING.has(s);
/** A request's crew works on it from its assignment until the request is resolved, closed or released. */
const CREW_AT_WORK: ReadonlySet<RequestStatus> = new Set(['assigned', 'en_route', 'on_site']);

/**
 * Apply one (already decided or stored) event. Unknown types and events about unknown entities
 * change nothing: the hub only stores what it produced itself or what tests inject raw.
 */
export function applyEvent(s: DistrictState, e: StoredEvent): HistoryOp {
  const d = e.data;
  switch (e.type) {
    case 'district.configured':
      s.configured = e;
      s.district = d.district;
      s.categories = new Map((d.categories as Category[]).map((c) => [c.code, c]));
      return { op: 'set', entity: 'district', key: 'district', group: GROUP.district };
    case 'contractor.upserted':
      s.contractors.set(d.contractor.id, { contractor: d.contractor, event: e });
      return { op: 'set', entity: `c:${d.contractor.id}`, key: `c:${d.contractor.id}`, group: GROUP.contractor };
    case 'crew.upserted': {
      const prev = s.crews.get(d.crew.id);
      if (prev) {
        prev.crew = d.crew;
        prev.upserted = e;
      } else {
        s.crews.set(d.crew.id, { crew: d.crew, status: 'off_duty', requestId: null, upserted: e, statusEvent: null });
      }
      return { op: 'set', entity: `w:${d.crew.id}`, key: `w:${d.crew.id}:0`, group: GROUP.crew };
    }
    case 'crew.removed':
      if (!s.crews.delete(d.crewId)) return null;
      return { op: 'delete', entity: `w:${d.crewId}` };
    case 'crew.status_changed': {
      const c = s.crews.get(d.crewId);
      if (!c) return null;
      c.status = d.status;
      c.statusEvent = e;
      if (!isWorking(d.status)) c.requestId = null;
      return { op: 'set', entity: `w:${d.crewId}`, key: `w:${d.crewId}:1`, group: GROUP.crew };
    }
    case 'request.created': {
      if (s.requests.has(d.request.id)) return null;
      s.requests.set(d.request.id, { request: d.request, status: 'new', crewId: null, history: [e] });
      return { op: 'append', entity: `r:${d.request.id}`, key: `r:${d.request.id}`, group: GROUP.request };
    }
  }
  if (!e.type.startsWith('request.')) return null;
  const r = s.requests.get(d.id);
  if (!r) return null;
  r.history.push(e);
  if (e.type === 'request.updated') r.request = { ...r.request, ...d.changes };
  // Status and crew follow the one lifecycle; which crew is busy with which request is the hub's own.
  const next = afterEvent(r, e as unknown as EventDraft);
  releaseCrew(s, r, d.id);
  r.status = next.status;
  r.crewId = next.crewId;
  if (r.crewId && CREW_AT_WORK.has(r.status)) linkCrew(s, r.crewId, d.id);
  return { op: 'append', entity: `r:${d.id}`, key: `r:${d.id}`, group: GROUP.request };
}

function linkCrew(s: DistrictState, crewId: string, requestId: string) {
  const c = s.crews.get(crewId);
  if (c) c.requestId = requestId;
}
function releaseCrew(s: DistrictState, r: RequestRec, requestId: string) {
  const c = r.crewId ? s.crews.get(r.crewId) : undefined;
  if (c && c.requestId === requestId) c.requestId = null;
}

/** The compacted history in snapshot order; applied to an empty state it yields this state. */
export function compactedHistory(s: DistrictState): StoredEvent[] {
  const out: StoredEvent[] = [];
  if (s.configured) out.push(s.configured);
  for (const c of s.contractors.values()) out.push(c.event);
  for (const c of s.crews.values()) {
    out.push(c.upserted);
    // Every crew gets an explicit status in a snapshot, even one never changed (off_duty).
    out.push(c.statusEvent ?? { ...c.upserted, type: 'crew.status_changed', data: { crewId: c.crew.id, status: c.status } });
  }
  for (const r of s.requests.values()) out.push(...r.history);
  return out;
}

export interface StateSummary {
  requests: Array<{ id: string; status: RequestStatus; priority: string; category: string; crewId: string | null }>;
  crews: Array<{ id: string; status: CrewStatus }>;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function summarise(s: DistrictState): StateSummary {
  return {
    requests: [...s.requests.values()]
      .map((r) => ({ id: r.request.id, status: r.status, priority: r.request.priority, category: r.request.category, crewId: r.crewId }))
      .sort(byId),
    crews: [...s.crews.values()].map((c) => ({ id: c.crew.id, status: c.status })).sort(byId),
  };
}
