// Request lifecycle as the console shows it (protocol §3, "Request status as the console shows
// it"): one event in, the new state out. Pure; the sync layer persists the result.
import type { Channel, KnownEvent, NewRequest, Priority, RequestStatus, Resolution } from '../../../common/protocol/hub-protocol';

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

export type RequestEvent = Extract<KnownEvent, { type: `request.${string}` }>;

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
  switch (e.type) {
    case 'request.updated': {
      const c = e.data.changes;
      return {
        ...s,
        ...(c.priority !== undefined && { priority: c.priority }),
        ...(c.description !== undefined && { description: c.description }),
        ...(c.address !== undefined && { address: c.address }),
        ...(c.category !== undefined && { category: c.category }),
        ...(c.location !== undefined && { lon: c.location.lon, lat: c.location.lat }),
        updatedAt: at,
      };
    }
    case 'request.acknowledged':
      return { ...s, status: 'acknowledged', acknowledgedAt: s.acknowledgedAt ?? at, updatedAt: at };
    case 'request.assigned':
      // Assigned straight from `new` counts as acknowledged at that time.
      return { ...s, status: 'assigned', crewId: e.data.crewId, acknowledgedAt: s.acknowledgedAt ?? at, updatedAt: at };
    case 'request.unassigned':
      return { ...s, status: 'acknowledged', crewId: null, updatedAt: at };
    case 'request.status_changed':
      return { ...s, status: e.data.status, updatedAt: at };
    case 'request.closed':
      // The crew is kept: it records who did the work.
      return { ...s, status: 'closed', closedAt: at, resolution: e.data.resolution, updatedAt: at };
    case 'request.reopened':
      return { ...s, status: 'acknowledged', crewId: null, closedAt: null, resolution: null, updatedAt: at };
    case 'request.feedback':
      return { ...s, rating: e.data.rating, updatedAt: at };
    case 'request.noted':
      return { ...s, updatedAt: at };
  }
}
