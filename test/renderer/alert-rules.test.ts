// The alert rules: which changes make an alert and with which sound, none for a bootstrap or the
// hub's backlog, deadlines passing between two clock ticks, refusals, when an alert is handled,
// when an urgent one sounds again, the one sound for several, the list's cap and the jump key.
import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../common/api/contract';
import {
  alertState, batchAlerts, deadlineAlerts, jumpTarget, loudest, MAX_ALERTS, refusalAlerts, repeatsDue, REPEAT_MS, withAdded,
  type Alert, type AlertEvent,
} from '../../renderer/src/alerts/rules';
import type { BatchChanges, Toast } from '../../renderer/src/state/store';
import { batchChanges } from '../../renderer/src/state/slices/data';

const T0 = Date.parse('2026-06-01T08:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function request(over: Partial<RequestView> = {}): RequestView {
  return {
    id: 'r1', category: 'fallen_tree', priority: 'normal', status: 'new', description: '', address: '',
    lon: 52.5, lat: 29.65, channel: 'phone', receivedAt: iso(T0), ackDueAt: iso(T0 + 10 * MIN),
    resolveDueAt: iso(T0 + 180 * MIN), acknowledgedAt: null, crewId: null, closedAt: null, resolution: null,
    rating: null, updatedAt: iso(T0), pendingCommands: 0, duplicates: 0, ...over,
  };
}
const byId = (...rs: RequestView[]) => Object.fromEntries(rs.map((r) => [r.id, r]));
const changes = (over: Partial<BatchChanges>): BatchChanges => ({ ...batchChanges(false), ...over });
let ids = 0;
const alert = (e: AlertEvent, at = T0): Alert => ({ ...e, id: ++ids, at, soundedAt: at, sounded: 1 });
const newAlert = (requestId: string, at = T0) => alert({ reason: 'new', requestId, sound: 'urgent' }, at);

describe('alerts from a live batch', () => {
  const urgent = request({ id: 'u', priority: 'urgent' });
  const low = request({ id: 'l', priority: 'low' });

  it('sounds a new request by its priority, and a reopened one', () => {
    const reopened = request({ id: 'o', status: 'acknowledged', acknowledgedAt: iso(T0) });
    expect(batchAlerts(changes({ newRequestIds: ['u', 'l'], changedRequestIds: ['o'], reopenedRequestIds: ['o'] }), byId(urgent, low, reopened), false)).toEqual([
      { reason: 'new', requestId: 'u', sound: 'urgent' },
      { reason: 'new', requestId: 'l', sound: 'low' },
      { reason: 'reopened', requestId: 'o', sound: 'reopened' },
    ]);
  });

  it('says nothing for a bootstrap, nor for the backlog the link replays', () => {
    expect(batchAlerts(batchChanges(true), byId(urgent), false)).toEqual([]);
    expect(batchAlerts(changes({ newRequestIds: ['u'] }), byId(urgent), true)).toEqual([]);
  });

  it('says nothing for a request new to this console that is already being handled (or one merely changed)', () => {
    const assigned = request({ id: 'a', status: 'assigned', acknowledgedAt: iso(T0), crewId: 'c' });
    expect(batchAlerts(changes({ newRequestIds: ['a'], changedRequestIds: ['u'] }), byId(assigned, urgent), false)).toEqual([]);
  });
});

describe('deadlines passing', () => {
  const r = request({ id: 'r', ackDueAt: iso(T0 + 10 * MIN) });
  const due = T0 + 10 * MIN;

  it('alerts once, in the tick where the request becomes overdue', () => {
    expect(deadlineAlerts([r], due - 2000, due - 1000)).toEqual([]);
    expect(deadlineAlerts([r], due - 1000, due)).toEqual([]); // at the deadline itself it is not late yet
    expect(deadlineAlerts([r], due, due + 1000)).toEqual([{ reason: 'deadline', requestId: 'r', deadline: 'ack', sound: 'deadline' }]);
    expect(deadlineAlerts([r], due + 1000, due + 2000)).toEqual([]);
  });

  it('counts only the deadline the request is racing', () => {
    const acked = request({ id: 'a', status: 'acknowledged', acknowledgedAt: iso(T0 + 20 * MIN) });
    expect(deadlineAlerts([acked], due, due + 1000)).toEqual([]); // acknowledged late: that race is over
    const resolveDue = T0 + 180 * MIN;
    expect(deadlineAlerts([acked], resolveDue, resolveDue + 1000)).toEqual([{ reason: 'deadline', requestId: 'a', deadline: 'resolve', sound: 'deadline' }]);
    expect(deadlineAlerts([{ ...acked, status: 'resolved' }], resolveDue, resolveDue + 1000)).toEqual([]);
    expect(deadlineAlerts([{ ...r, status: 'closed' }], due, due + 1000)).toEqual([]);
  });
});

describe('refused commands', () => {
  const toasts: Toast[] = [
    { key: 1, kind: 'command_failed', type: 'request.assign', targetId: 'r', code: 'conflict', message: 'm', cause: null },
    { key: 2, kind: 'call_failed', type: 'request.assign', targetId: 'r', code: 'unavailable', message: 'm' },
    { key: 3, kind: 'command_failed', type: 'crew.set_status', targetId: 'crew-1', code: 'invalid', message: 'm', cause: null },
  ];

  it('alerts for each refusal added since the last one seen, naming the request when it is one', () => {
    expect(refusalAlerts(toasts, 0, byId(request({ id: 'r' })))).toEqual([
      { reason: 'refused', requestId: 'r', command: 'request.assign', code: 'conflict', sound: 'refused' },
      { reason: 'refused', requestId: null, command: 'crew.set_status', code: 'invalid', sound: 'refused' },
    ]);
    expect(refusalAlerts(toasts, 3, byId(request({ id: 'r' })))).toEqual([]);
  });
});

describe('handled alerts', () => {
  const a = newAlert('r');
  it('handles a new request once acknowledged, assigned, closed or gone', () => {
    expect(alertState(a, request())).toBe('open');
    expect(alertState(a, request({ status: 'acknowledged', acknowledgedAt: iso(T0) }))).toBe('handled');
    expect(alertState(a, request({ status: 'assigned', acknowledgedAt: iso(T0), crewId: 'c' }))).toBe('handled');
    expect(alertState(a, request({ status: 'closed', closedAt: iso(T0) }))).toBe('handled');
    expect(alertState(a, undefined)).toBe('handled');
  });

  it('handles a reopened request once a crew is on it, a passed deadline once met', () => {
    const reopened = alert({ reason: 'reopened', requestId: 'r', sound: 'reopened' });
    expect(alertState(reopened, request({ status: 'acknowledged', acknowledgedAt: iso(T0) }))).toBe('open');
    expect(alertState(reopened, request({ status: 'assigned', acknowledgedAt: iso(T0), crewId: 'c' }))).toBe('handled');
    const ack = alert({ reason: 'deadline', requestId: 'r', deadline: 'ack', sound: 'deadline' });
    expect(alertState(ack, request())).toBe('open');
    expect(alertState(ack, request({ status: 'acknowledged', acknowledgedAt: iso(T0) }))).toBe('handled');
    const resolve = alert({ reason: 'deadline', requestId: 'r', deadline: 'resolve', sound: 'deadline' });
    expect(alertState(resolve, request({ status: 'on_site', acknowledgedAt: iso(T0), crewId: 'c' }))).toBe('open');
    expect(alertState(resolve, request({ status: 'resolved', acknowledgedAt: iso(T0), crewId: 'c' }))).toBe('handled');
  });

  it('keeps a refusal as a notice', () => {
    expect(alertState(alert({ reason: 'refused', requestId: 'r', command: 'request.assign', code: 'conflict', sound: 'refused' }), request())).toBe('notice');
  });
});

describe('repeats', () => {
  it('sounds an open urgent request again every 30 s, counted from when it last sounded', () => {
    const a = newAlert('u');
    const rs = byId(request({ id: 'u', priority: 'urgent' }));
    expect(REPEAT_MS).toBe(30_000);
    expect(repeatsDue([a], rs, T0 + REPEAT_MS - 1)).toEqual([]);
    expect(repeatsDue([a], rs, T0 + REPEAT_MS)).toEqual([a]);
    expect(repeatsDue([{ ...a, soundedAt: T0 + REPEAT_MS }], rs, T0 + REPEAT_MS + 1000)).toEqual([]);
  });

  it('stops once the request is acknowledged or assigned, and never repeats other priorities or reasons', () => {
    const a = newAlert('u');
    const later = T0 + 5 * REPEAT_MS;
    expect(repeatsDue([a], byId(request({ id: 'u', priority: 'urgent', status: 'acknowledged', acknowledgedAt: iso(T0) })), later)).toEqual([]);
    expect(repeatsDue([a], byId(request({ id: 'u', priority: 'urgent', status: 'assigned', acknowledgedAt: iso(T0), crewId: 'c' })), later)).toEqual([]);
    expect(repeatsDue([a], byId(request({ id: 'u', priority: 'high' })), later)).toEqual([]); // downgraded since
    const deadline = alert({ reason: 'deadline', requestId: 'u', deadline: 'ack', sound: 'deadline' });
    expect(repeatsDue([deadline], byId(request({ id: 'u', priority: 'urgent' })), later)).toEqual([]);
  });
});

describe('one sound, the list, the jump', () => {
  it('plays the most pressing of sounds that come together', () => {
    expect(loudest(['low', 'refused', 'urgent', 'deadline'])).toBe('urgent');
    expect(loudest(['normal', 'reopened', 'high'])).toBe('reopened');
    expect(loudest(['low', 'normal'])).toBe('normal');
    expect(loudest([])).toBeNull();
  });

  it('keeps the newest 50, newest first', () => {
    let list: Alert[] = [];
    for (let i = 0; i < 60; i++) list = withAdded(list, [newAlert(`a${i}`), newAlert(`b${i}`)]);
    expect(list).toHaveLength(MAX_ALERTS);
    expect(list.slice(0, 3).map((a) => a.requestId)).toEqual(['b59', 'a59', 'b58']);
  });

  it('jumps to the newest open alert’s request, else the newest one held', () => {
    const older = newAlert('open');
    const newer = newAlert('done');
    const list = withAdded([], [older, newer]);
    const open = request({ id: 'open' });
    const done = request({ id: 'done', status: 'acknowledged', acknowledgedAt: iso(T0) });
    expect(jumpTarget(list, byId(open, done))).toBe('open');
    expect(jumpTarget(list, byId(done))).toBe('done');
    expect(jumpTarget(list, {})).toBeNull();
  });
});
