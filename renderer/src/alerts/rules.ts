// Which live changes make an alert, which sound it makes, when it is handled and when it sounds
// again. Pure: the feed (./feed) hands in what the store holds; docs/alerts.md states each rule.
import type { RequestView } from '../../../common/api/contract';
import { nextDeadline } from '../../../common/domain/deadlines';
import type { CommandErrorCode, Priority } from '../../../common/protocol/hub-protocol';
import type { BatchChanges, Toast } from '../state/store';
import type { SoundKind } from './tones';

export type AlertReason = 'new' | 'deadline' | 'reopened' | 'refused';

/** Something the operator must hear about, before it is kept in the list. */
export type AlertEvent =
  | { reason: 'new'; requestId: string; sound: Priority }
  | { reason: 'reopened'; requestId: string; sound: 'reopened' }
  | { reason: 'deadline'; requestId: string; deadline: 'ack' | 'resolve'; sound: 'deadline' }
  | { reason: 'refused'; requestId: string | null; command: string; code: CommandErrorCode; sound: 'refused' };

export type Alert = AlertEvent & {
  /** Unique in this window, increasing. */
  id: number;
  at: number;
  /** When it last sounded (or would have, when muted), and how many times. */
  soundedAt: number;
  sounded: number;
};

/** What the list shows beside an alert: still waiting for the operator, done, or only something to know. */
export type AlertState = 'open' | 'handled' | 'notice';

/** An urgent request's alert sounds again this long after it last did, until it is handled. */
export const REPEAT_MS = 30_000;
/** The alert list keeps the newest this many. */
export const MAX_ALERTS = 50;

const isNew = (r: RequestView | undefined): r is RequestView => r !== undefined && r.status === 'new';

/**
 * Alerts for one applied batch: requests new to the store that wait for acknowledgement, and
 * requests reopened. None for a (re-)bootstrap (its changes list nothing: the store says `reset`)
 * nor while the link replays the hub's backlog: those are what happened while the console was not
 * listening, already in the queue, not news.
 */
export function batchAlerts(changes: BatchChanges, requests: Readonly<Record<string, RequestView>>, replaying: boolean): AlertEvent[] {
  if (replaying) return [];
  const out: AlertEvent[] = [];
  for (const id of changes.newRequestIds) {
    const r = requests[id];
    if (isNew(r)) out.push({ reason: 'new', requestId: id, sound: r.priority });
  }
  for (const id of changes.reopenedRequestIds) if (requests[id]) out.push({ reason: 'reopened', requestId: id, sound: 'reopened' });
  return out;
}

/**
 * Deadlines that passed between two ticks of the clock: a request is overdue from the first
 * instant after its deadline (common/domain/deadlines), so a deadline at `d` passes in the tick
 * where `from <= d < to`. Only the deadline the request is racing counts (acknowledgement while
 * unacknowledged, then resolution).
 */
export function deadlineAlerts(requests: Iterable<RequestView>, from: number, to: number): AlertEvent[] {
  const out: AlertEvent[] = [];
  for (const r of requests) {
    const d = nextDeadline(r);
    if (d && from <= d.at && d.at < to) out.push({ reason: 'deadline', requestId: r.id, deadline: d.kind, sound: 'deadline' });
  }
  return out;
}

/** Refused commands among the toasts added after `afterKey` (toast keys only grow). */
export function refusalAlerts(toasts: readonly Toast[], afterKey: number, requests: Readonly<Record<string, RequestView>>): AlertEvent[] {
  return toasts.flatMap((t): AlertEvent[] =>
    t.key > afterKey && t.kind === 'command_failed'
      ? [{ reason: 'refused', requestId: t.targetId && t.targetId in requests ? t.targetId : null, command: t.type, code: t.code, sound: 'refused' }]
      : [],
  );
}

/**
 * Whether the operator has dealt with what the alert was about: a new request once acknowledged
 * or assigned, a reopened one once a crew is on it again, a passed acknowledgement deadline once
 * acknowledged, a passed resolution deadline once resolved; any of them once the request is closed
 * or gone. A refusal is a notice: there is nothing in the request to wait for.
 */
export function alertState(a: Alert, r: RequestView | undefined): AlertState {
  if (a.reason === 'refused') return 'notice';
  if (!r || r.status === 'closed') return 'handled';
  switch (a.reason) {
    case 'new':
      return r.status === 'new' ? 'open' : 'handled';
    case 'reopened':
      return r.crewId === null ? 'open' : 'handled';
    case 'deadline':
      return (a.deadline === 'ack' ? r.acknowledgedAt === null : r.status !== 'resolved') ? 'open' : 'handled';
  }
}

/** Alerts of new requests, urgent now, still open and silent for REPEAT_MS: they sound again. */
export function repeatsDue(alerts: readonly Alert[], requests: Readonly<Record<string, RequestView>>, now: number): Alert[] {
  return alerts.filter((a) => {
    if (a.reason !== 'new' || now - a.soundedAt < REPEAT_MS) return false;
    const r = requests[a.requestId];
    return r?.priority === 'urgent' && alertState(a, r) === 'open';
  });
}

/** Most pressing first: when several alerts arrive together, one sound plays, the first of these. */
const SOUND_ORDER: readonly SoundKind[] = ['urgent', 'deadline', 'reopened', 'high', 'refused', 'normal', 'low'];

export function loudest(sounds: Iterable<SoundKind>): SoundKind | null {
  let best: SoundKind | null = null;
  for (const s of sounds) if (best === null || SOUND_ORDER.indexOf(s) < SOUND_ORDER.indexOf(best)) best = s;
  return best;
}

/** The list after new alerts: newest first, at most MAX_ALERTS. */
export function withAdded(list: readonly Alert[], added: readonly Alert[]): Alert[] {
  return [...[...added].reverse(), ...list].slice(0, MAX_ALERTS);
}

/** The request the "jump to the newest alert" key selects: the newest open alert's, else the newest alert's, that the store still holds. */
export function jumpTarget(alerts: readonly Alert[], requests: Readonly<Record<string, RequestView>>): string | null {
  const held = alerts.filter((a) => a.requestId !== null && a.requestId in requests);
  const pick = held.find((a) => alertState(a, requests[a.requestId!]) === 'open') ?? held[0];
  return pick?.requestId ?? null;
}
