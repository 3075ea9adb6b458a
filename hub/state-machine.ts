// Pure command rules of protocol §5: given the district state and a validated change, either the
// events it produces or the refusal code. Which request commands fit which request state, and the
// request event each records, are the shared lifecycle's (common/domain/lifecycle); the hub adds
// its lookups, its own choices below and the crews' status events. Used for operators' commands and, with other actors,
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
//   allowed); the same or an earlier status is "out of order" → `conflict` (the lifecycle's rule).
import { z } from 'zod';
import {
  CommandData, Id, LongText, ShortText, NewRequest, summarise,
  type CommandErrorCode, type CrewStatus, type OperatorCommand,
} from '../common/protocol/hub-protocol';
import { deadlinesFor } from '../common/domain/deadlines';
import { commandEvent, dataConflict, stateConflict } from '../common/domain/lifecycle';
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
  switch (change.type) {
    case 'request.feedback':
      if (r.status !== 'closed') return refuse('conflict', 'feedback is given on closed requests');
      return { ok: true, events: [{ type: 'request.feedback', data: change.data }] };
    case 'request.reopen':
      if (r.status !== 'closed' && r.status !== 'resolved') return refuse('conflict', `request is ${r.status}, not resolved or closed`);
      return { ok: true, events: [{ type: 'request.reopened', data: change.data }, ...releaseCrew(s, r)] };
    case 'request.update': {
      if (r.status === 'closed') return refuse('conflict', 'request is closed');
      const cat = change.data.changes.category;
      if (cat !== undefined && !s.categories.has(cat)) return refuse('invalid', `unknown category ${cat}`);
      return { ok: true, events: [{ type: 'request.updated', data: change.data }] };
    }
  }

  // Operators' request commands: the shared lifecycle says which fit and the event each records.
  const conflict = stateConflict(r, change.type);
  if (conflict) return refuse('conflict', conflict);
  const event = commandEvent(change, ctx.actorId);
  switch (change.type) {
    case 'request.acknowledge':
    case 'request.note':
      return { ok: true, events: [event] };

    case 'request.assign': {
      const { crewId } = change.data;
      const crew = s.crews.get(crewId);
      if (!crew) return refuse('not_found', `no crew ${crewId}`);
      const taken = dataConflict(r, change);
      if (taken) return refuse('conflict', taken);
      if (crew.status === 'off_duty') return refuse('forbidden', `crew ${crewId} is off duty`);
      if (crew.requestId && crew.requestId !== id) return refuse('forbidden', `crew ${crewId} is working on ${crew.requestId}`);
      return { ok: true, events: [event, ...releaseCrew(s, r), crewStatus(crewId, 'assigned')] };
    }

    case 'request.unassign':
      return { ok: true, events: [event, ...releaseCrew(s, r)] };

    case 'request.set_status': {
      const outOfOrder = dataConflict(r, change);
      if (outOfOrder) return refuse('conflict', outOfOrder);
      const { status } = change.data;
      const crewId = r.crewId!; // the lifecycle lets set_status through only with a crew
      const crew = s.crews.get(crewId);
      const crewEvents = status === 'resolved' ? releaseCrew(s, r) : crew && crew.status !== status ? [crewStatus(crewId, status)] : [];
      return { ok: true, events: [event, ...crewEvents] };
    }

    case 'request.close': {
      const { resolution, duplicateOf } = change.data;
      if (resolution === 'transferred') return refuse('invalid', 'use request.transfer to transfer a request');
      if ((resolution === 'duplicate') !== (duplicateOf !== undefined)) {
        return refuse('invalid', 'duplicateOf is required with, and only with, resolution duplicate');
      }
      if (duplicateOf !== undefined) {
        if (duplicateOf === id) return refuse('invalid', 'a request cannot duplicate itself');
        if (!s.requests.has(duplicateOf)) return refuse('not_found', `no request ${duplicateOf}`);
      }
      return { ok: true, events: [event, ...releaseCrew(s, r)] };
    }

    case 'request.transfer':
      if (change.data.toDistrictId === ctx.districtId) return refuse('forbidden', 'cannot transfer a request to its own district');
      return { ok: true, events: [event, ...releaseCrew(s, r)] };
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
