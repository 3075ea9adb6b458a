// What each crew is doing, from the open requests (the renderer holds them all): its load — the
// open requests assigned to it whose work is not done (a resolved request's crew is free) — and
// its current request, the one furthest along in the field (then the latest touched).
import type { RequestStatus } from '../protocol/hub-protocol';
import { FIELD_STATUSES, isUnresolved } from './lifecycle';

export interface CrewWork {
  load: number;
  /** The id (tracking code) of the request it is on, or null when it has none. */
  current: string | null;
}

interface WorkRequest {
  id: string;
  status: RequestStatus;
  crewId: string | null;
  updatedAt: string;
}

const progress = (s: RequestStatus) => FIELD_STATUSES.indexOf(s as (typeof FIELD_STATUSES)[number]);

export function crewWork(requests: Iterable<WorkRequest>): Map<string, CrewWork> {
  const out = new Map<string, CrewWork & { at: WorkRequest }>();
  for (const r of requests) {
    if (!r.crewId || !isUnresolved(r.status)) continue;
    const w = out.get(r.crewId);
    if (!w) {
      out.set(r.crewId, { load: 1, current: r.id, at: r });
      continue;
    }
    w.load++;
    if (progress(r.status) > progress(w.at.status) || (progress(r.status) === progress(w.at.status) && r.updatedAt > w.at.updatedAt)) {
      w.current = r.id;
      w.at = r;
    }
  }
  return new Map([...out].map(([id, { load, current }]) => [id, { load, current }]));
}

/** Each crew's load alone, as rankCrews takes it. */
export function crewLoads(work: ReadonlyMap<string, CrewWork>): Map<string, number> {
  return new Map([...work].map(([id, w]) => [id, w.load]));
}
