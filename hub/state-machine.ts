// Pure command rules of protocol §5: given the district state and a validated change, either the
// events it produces or the refusal code. Used for operators' commands and, with other actors,
// for the simulator's and tests' changes, so every change in the log obeys the same rules.
//
// Choices the protocol leaves to the hub (documented in hub/README.md):
// - assigning a crew whose categories do not include the request's category is allowed (the
//   operator's call; contractors lend crews across trades);
// - assigning a crew that is `off_duty`, or already working on another open request, is
//   `forbidden` (`conflict` is reserved for the request-state cases §5 lists);
// - `request.close` with resolution `transferred` is `invalid` (that is what request.transfer is
//   for); `duplicateOf` is required with, and only allowed with, resolution `duplicate`;
// - `request.set_status` moves forward only (assigned → en_route → on_site → resolved, skipping
//   allowed); the same or an earlier status is "out of order" → `conflict`.
import { z } from 'zod';
import {
  CommandData, Id, LongText, ShortText, NewRequest, summarise,
  type CommandErrorCode, type CrewStatus, type OperatorCommand, type RequestStatus,
} from '../common/protocol/hub-protocol';
import { deadlinesFor } from '../common/domain/deadlines';
import { type DistrictState, type RequestRec } from './state';

/** Changes only the hub's other actors make (citizens, the hub itself). */
export const ActorChangeData = {
  'request.reopen': z.object({ id: Id, reason: ShortText }),
  'request.feedback': z.object({
    id: Id,
    rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    comment: LongText.optional(),
  }),
  'request.update': z.object({
    id: Id,
    changes: NewRequest.pick({ priority: true, description: true, address: true, location: true, category: true }).partial(),
  }),
} as const;
export type ActorChange = {
  [K in keyof typeof ActorChangeData]: { type: K; data: z.infer<(typeof ActorChangeData)[K]> };
}[keyof typeof ActorChangeData];

export type Change = OperatorCommand | ActorChange;
export const CHANGE_DATA = { ...CommandData, ...ActorChangeData } as const;
export type ChangeType = keyof typeof CHANGE_DATA;

export interface Draft {
  type: string;
  data: Record<string, unknown>;
}
export type Decision = { ok: true; events: Draft[] } | { ok: false; code: CommandErrorCode; message: string };

export interface DecideContext {
  districtId: string;
  /** Stored as operatorId / author in event data. */
  actorId: string;
  nextRequestId(): string;
}

const refuse = (code: CommandErrorCode, message: string): Decision => ({ ok: false, code, message });
const FIELD_RANK: Partial<Record<RequestStatus, number>> = { assigned: 0, en_route: 1, on_site: 2, resolved: 3 };

export function decide(s: DistrictState, change: Change, ctx: DecideContext): Decision {
  switch (change.type) {
    case 'request.create': {
      const req = change.data.request;
      const cat = s.categories.get(req.category);
      if (!cat) return refuse('invalid', `unknown category ${req.category}`);
      const receivedAt = new Date(Date.parse(req.receivedAt)).toISOString();
      const request = { ...req, id: ctx.nextRequestId(), receivedAt, ...deadlinesFor(cat, receivedAt) };
      return { ok: true, events: [{ type: 'request.created', data: { request } }] };
    }
    case 'crew.set_status': {
      const crew = s.crews.get(change.data.crewId);
      if (!crew) return refuse('not_found', `no crew ${change.data.crewId}`);
      return { ok: true, events: [crewStatus(change.data.crewId, change.data.status)] };
    }
  }

  const r = s.requests.get(change.data.id);
  if (!r) return refuse('not_found', `no request ${change.data.id}`);
  const id = r.request.id;
  if (change.type === 'request.note') {
    return { ok: true, events: [{ type: 'request.noted', data: { id, note: change.data.note, author: ctx.actorId } }] };
  }
  if (change.type === 'request.feedback') {
    if (r.status !== 'closed') return refuse('conflict', 'feedback is given on closed requests');
    return { ok: true, events: [{ type: 'request.feedback', data: change.data }] };
  }
  if (change.type === 'request.reopen') {
    if (r.status !== 'closed' && r.status !== 'resolved') return refuse('conflict', `request is ${r.status}, not resolved or closed`);
    return { ok: true, events: [{ type: 'request.reopened', data: change.data }, ...releaseCrew(s, r)] };
  }
  if (r.status === 'closed') return refuse('conflict', 'request is closed');

  switch (change.type) {
    case 'request.acknowledge':
      if (r.status !== 'new') return refuse('conflict', `request is already ${r.status}`);
      return { ok: true, events: [{ type: 'request.acknowledged', data: { id, operatorId: ctx.actorId } }] };

    case 'request.assign': {
      const { crewId, replace } = change.data;
      const crew = s.crews.get(crewId);
      if (!crew) return refuse('not_found', `no crew ${crewId}`);
      if (r.crewId === crewId) return refuse('conflict', `crew ${crewId} is already assigned`);
      if (r.crewId && !replace) return refuse('conflict', `request already has crew ${r.crewId}`);
      if (crew.status === 'off_duty') return refuse('forbidden', `crew ${crewId} is off duty`);
      if (crew.requestId && crew.requestId !== id) return refuse('forbidden', `crew ${crewId} is working on ${crew.requestId}`);
      return {
        ok: true,
        events: [
          { type: 'request.assigned', data: { id, crewId, operatorId: ctx.actorId } },
          ...releaseCrew(s, r),
          crewStatus(crewId, 'assigned'),
        ],
      };
    }

    case 'request.unassign':
      if (!r.crewId) return refuse('conflict', 'request has no crew');
      return {
        ok: true,
        events: [
          { type: 'request.unassigned', data: { id, operatorId: ctx.actorId, ...(change.data.reason !== undefined && { reason: change.data.reason }) } },
          ...releaseCrew(s, r),
        ],
      };

    case 'request.set_status': {
      const { status, note } = change.data;
      if (!r.crewId) return refuse('conflict', 'request has no crew');
      if ((FIELD_RANK[status] ?? -1) <= (FIELD_RANK[r.status] ?? -1)) return refuse('conflict', `request is ${r.status}, cannot go to ${status}`);
      const crew = s.crews.get(r.crewId);
      const crewEvents =
        status === 'resolved' ? releaseCrew(s, r) : crew && crew.status !== status ? [crewStatus(r.crewId, status)] : [];
      return { ok: true, events: [{ type: 'request.status_changed', data: { id, status, ...(note !== undefined && { note }) } }, ...crewEvents] };
    }

    case 'request.close': {
      const { resolution, note, duplicateOf } = change.data;
      if (resolution === 'transferred') return refuse('invalid', 'use request.transfer to transfer a request');
      if ((resolution === 'duplicate') !== (duplicateOf !== undefined)) {
        return refuse('invalid', 'duplicateOf is required with, and only with, resolution duplicate');
      }
      if (duplicateOf !== undefined) {
        if (duplicateOf === id) return refuse('invalid', 'a request cannot duplicate itself');
        if (!s.requests.has(duplicateOf)) return refuse('not_found', `no request ${duplicateOf}`);
      }
      const data = { id, resolution, ...(note !== undefined && { note }), ...(duplicateOf !== undefined && { duplicateOf }) };
      return { ok: true, events: [{ type: 'request.closed', data }, ...releaseCrew(s, r)] };
    }

    case 'request.transfer': {
      const { toDistrictId, reason } = change.data;
      if (toDistrictId === ctx.districtId) return refuse('forbidden', 'cannot transfer a request to its own district');
      return {
        ok: true,
        events: [{ type: 'request.closed', data: { id, resolution: 'transferred', toDistrictId, note: reason } }, ...releaseCrew(s, r)],
      };
    }

    case 'request.update': {
      const cat = change.data.changes.category;
      if (cat !== undefined && !s.categories.has(cat)) return refuse('invalid', `unknown category ${cat}`);
      return { ok: true, events: [{ type: 'request.updated', data: change.data }] };
    }
  }
}

function crewStatus(crewId: string, status: CrewStatus): Draft {
  return { type: 'crew.status_changed', data: { crewId, status } };
}

/** The crew working on this request (if any) becomes available when the request lets it go. */
function releaseCrew(s: DistrictState, r: RequestRec): Draft[] {
  const crew = r.crewId ? s.crews.get(r.crewId) : undefined;
  return crew && crew.requestId === r.request.id ? [crewStatus(crew.crew.id, 'available')] : [];
}

/**
 * Validate a change's data with the protocol's schemas. Operators' commands pass `CommandData`
 * as `allowed`, so the hub-only changes stay out of their reach.
 */
export function parseChange(
  type: string,
  data: unknown,
  allowed: Partial<typeof CHANGE_DATA> = CHANGE_DATA,
): { ok: true; change: Change } | { ok: false; message: string } {
  const schema = Object.prototype.hasOwnProperty.call(allowed, type) ? allowed[type as ChangeType] : undefined;
  if (!schema) return { ok: false, message: `unknown command type ${type}` };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, message: summarise(parsed.error) };
  return { ok: true, change: { type, data: parsed.data } as Change };
}
