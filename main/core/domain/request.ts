// A request as the console shows it: one event in, the new state out. Its status and crew follow
// the shared lifecycle (common/domain/lifecycle, §3's table); the rest is the event's own fields.
// Pure; the sync layer persists the result.
import { afterEvent, type RequestEvent } from '../../../common/domain/lifecycle';
import type { Channel, KnownEvent, NewRequest, Priority, RequestStatus, Resolution } from '../../../common/protocol/hub-protocol';

export type { RequestEvent };

export interface RequestState {
  id: string;
  category: string;
  priority: Priority;
  status: RequestStatus;
  description: string;
  address: string;
  lon: number;
  lat: number;
  channel: Channel;
  receivedAt: string;
  ackDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  crewId: string | null;
  closedAt: string | null;
  resolution: Resolution | null;
  rating: number | null;
  updatedAt: string;
  citizenName: string | null;
  citizenPhone: string | null;
}

export function isRequestEvent(e: KnownEvent): e is RequestEvent {
  return e.type.startsWith('request.');
}

/** The request an event is about. */
export function requestIdOf(e: RequestEvent): string {
  return e.type === 'request.created' ? e.data.request.id : e.data.id;
}

export function newRequestState(r: NewRequest, at: string): RequestState {
  return {
    id: r.id,
    category: r.category,
    priority: r.priority,
    status: 'new',
    description: r.description,
    address: r.address,
    lon: r.location.lon,
    lat: r.location.lat,
    channel: r.channel,
    receivedAt: r.receivedAt,
    ackDueAt: r.ackDueAt,
    resolveDueAt: r.resolveDueAt,
    acknowledgedAt: null,
    crewId: null,
    closedAt: null,
    resolution: null,
    rating: null,
    updatedAt: at,
    citizenName: r.citizen.name ?? null,
    citizenPhone: r.citizen.phone ?? null,
  };
}

/**
 * Apply one request event. `request.created` always (re)states the request; any other event for
 * a request we do not hold returns null (nothing to change). The hub is authoritative: an event
 * is applied even if it does not "fit" the current status.
 */
export function reduceRequest(s: RequestState | null, e: RequestEvent): RequestState | null {
  if (e.type === 'request.created') return newRequestState(e.data.request, e.at);
  if (!s) return null;
  const at = e.at;
  const next: RequestState = { ...s, ...afterEvent(s, e), updatedAt: at };
  switch (e.type) {
    case 'request.updated': {
      const c = e.data.changes;
      if (c.priority !== undefined) next.priority = c.priority;
      if (c.description !== undefined) next.description = c.description;
      if (c.address !== undefined) next.address = c.address;
      if (c.category !== undefined) next.category = c.category;
      if (c.location !== undefined) {
        next.lon = c.location.lon;
        next.lat = c.location.lat;
      }
      break;
    }
    case 'request.acknowledged':
    case 'request.assigned': // assigned straight from `new` counts as acknowledged at that time
      next.acknowledgedAt = s.acknowledgedAt ?? at;
      break;
    case 'request.closed':
      next.closedAt = at;
      next.resolution = e.data.resolution;
      break;
    case 'request.reopened':
      next.closedAt = null;
      next.resolution = null;
      break;
    case 'request.feedback':
      next.rating = e.data.rating;
      break;
  }
  return next;
}
