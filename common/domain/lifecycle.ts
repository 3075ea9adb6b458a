// A request's lifecycle, written once: which operator command fits which request state (protocol
// §5; a command that does not fit is a `conflict`), the event the hub records for it (§5
// "produces"), and the status and crew each request event leaves (§3's table). The reference hub
// validates commands and words their events with it; the core folds hub events with it and shows a
// pending command as the event it predicts, through that same fold; the UI offers what it allows.
import type { FieldStatus, KnownEvent, OperatorCommand, RequestStatus } from '../protocol/hub-protocol';

export type RequestEvent = Extract<KnownEvent, { type: `request.${string}` }>;
/** An event's type and data: what a command produces, before the hub stamps it (seq, id, at…). */
export type EventDraft<E extends KnownEvent = RequestEvent> = E extends KnownEvent ? { type: E['type']; data: E['data'] } : never;

/** The commands on an existing request: all but request.create and crew.set_status. */
export type RequestCommand = Extract<OperatorCommand, { data: { id: string } }>;
export type RequestCommandType = RequestCommand['type'];

/** What of a request its lifecycle reads. */
export interface Lifecycle {
  status: RequestStatus;
  crewId: string | null;
}

/** Field statuses in the order a crew reports them; §5 lets them go forward only (skipping allowed). */
export const FIELD_STATUSES = ['en_route', 'on_site', 'resolved'] as const satisfies readonly FieldStatus[];
const FIELD_ORDER: readonly RequestStatus[] = ['assigned', ...FIELD_STATUSES];

const OPEN: readonly RequestStatus[] = ['new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved'];
/** Open, with the work not yet done: a resolved request's crew has finished (the hub has freed it). */
const UNRESOLVED: readonly RequestStatus[] = ['new', 'acknowledged', 'assigned', 'en_route', 'on_site'];
export const isUnresolved = (status: RequestStatus): boolean => UNRESOLVED.includes(status);

interface CommandRule {
  /** The statuses it fits; from any other the hub answers `conflict`. */
  from: readonly RequestStatus[];
  /** It needs the request to have a crew. */
  needsCrew: boolean;
  /** Where the console offers it, when narrower than `from`. */
  offered?: readonly RequestStatus[];
}

export const COMMAND_RULES: Record<RequestCommandType, CommandRule> = {
  'request.acknowledge': { from: ['new'], needsCrew: false }, // → request.acknowledged
  // → request.assigned; the crew is the command's (dataConflict). The console offers to close a
  // resolved request, not to change its crew.
  'request.assign': { from: OPEN, needsCrew: false, offered: UNRESOLVED },
  'request.unassign': { from: OPEN, needsCrew: true, offered: UNRESOLVED }, // → request.unassigned
  'request.set_status': { from: ['assigned', 'en_route', 'on_site'], needsCrew: true }, // → request.status_changed, forward only
  'request.note': { from: [...OPEN, 'closed'], needsCrew: false }, // → request.noted, even once closed
  'request.close': { from: OPEN, needsCrew: false }, // → request.closed
  'request.transfer': { from: OPEN, needsCrew: false }, // → request.closed, resolution transferred
};

/** Not closed: in the queue, on the map, counted as open. */
export function isOpen(r: { status: RequestStatus }): boolean {
  return r.status !== 'closed';
}

/** Whether a field status comes after the request's status (§5: the same or an earlier one is out of order). */
export function isForward(from: RequestStatus, to: FieldStatus): boolean {
  return FIELD_ORDER.indexOf(to) > FIELD_ORDER.indexOf(from);
}

/** Why a command of this type does not fit the request's state, or null when it does. */
export function stateConflict(r: Lifecycle, type: RequestCommandType): string | null {
  const rule = COMMAND_RULES[type];
  const fits = rule.from.includes(r.status);
  if (!fits && r.status === 'closed') return 'request is closed';
  if (rule.needsCrew && !r.crewId) return 'request has no crew';
  return fits ? null : `request is already ${r.status}`;
}

/** Why the command's own data does not fit the request (its crew, its field status), or null. */
export function dataConflict(r: Lifecycle, cmd: RequestCommand): string | null {
  switch (cmd.type) {
    case 'request.assign':
      if (r.crewId === cmd.data.crewId) return `crew ${cmd.data.crewId} is already assigned`;
      return r.crewId && !cmd.data.replace ? `request already has crew ${r.crewId}` : null;
    case 'request.set_status':
      return isForward(r.status, cmd.data.status) ? null : `request is ${r.status}, cannot go to ${cmd.data.status}`;
    default:
      return null;
  }
}

/** Why the command does not fit the request (a `conflict`), or null when it does. */
export function conflictOf(r: Lifecycle, cmd: RequestCommand): string | null {
  return stateConflict(r, cmd.type) ?? dataConflict(r, cmd);
}

/** Whether the console offers a command of this type for the request. */
export function offers(r: Lifecycle, type: RequestCommandType): boolean {
  const rule = COMMAND_RULES[type];
  return stateConflict(r, type) === null && (rule.offered ?? rule.from).includes(r.status);
}

/**
 * The request event the hub records for a command that fits; `actorId` (who issued it) becomes its
 * operatorId or author. The crew status events a command also causes are the hub's to add.
 */
export function commandEvent(cmd: RequestCommand, actorId: string): EventDraft {
  const id = cmd.data.id;
  switch (cmd.type) {
    case 'request.acknowledge':
      return { type: 'request.acknowledged', data: { id, operatorId: actorId } };
    case 'request.assign':
      return { type: 'request.assigned', data: { id, crewId: cmd.data.crewId, operatorId: actorId } };
    case 'request.unassign': {
      const { reason } = cmd.data;
      return { type: 'request.unassigned', data: { id, operatorId: actorId, ...(reason !== undefined && { reason }) } };
    }
    case 'request.set_status': {
      const { status, note } = cmd.data;
      return { type: 'request.status_changed', data: { id, status, ...(note !== undefined && { note }) } };
    }
    case 'request.note':
      return { type: 'request.noted', data: { id, note: cmd.data.note, author: actorId } };
    case 'request.close': {
      const { resolution, note, duplicateOf } = cmd.data;
      const data = { id, resolution, ...(note !== undefined && { note }), ...(duplicateOf !== undefined && { duplicateOf }) };
      return { type: 'request.closed', data };
    }
    case 'request.transfer':
      return { type: 'request.closed', data: { id, resolution: 'transferred', toDistrictId: cmd.data.toDistrictId, note: cmd.data.reason } };
  }
}

/** §3's table: the status and crew a request event leaves, whether or not it fits (the hub is authoritative). */
export function afterEvent(r: Lifecycle, e: EventDraft): Lifecycle {
  switch (e.type) {
    case 'request.created':
      return { status: 'new', crewId: null };
    case 'request.acknowledged':
      return { status: 'acknowledged', crewId: r.crewId };
    case 'request.assigned': // also from `new`; a re-assignment replaces the crew
      return { status: 'assigned', crewId: e.data.crewId };
    case 'request.unassigned':
    case 'request.reopened':
      return { status: 'acknowledged', crewId: null };
    case 'request.status_changed':
      return { status: e.data.status, crewId: r.crewId };
    case 'request.closed': // the crew is kept: it records who did the work
      return { status: 'closed', crewId: r.crewId };
    default: // updated, noted, feedback
      return { status: r.status, crewId: r.crewId };
  }
}
