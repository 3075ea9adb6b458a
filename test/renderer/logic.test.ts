import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../common/api/contract';
import { allowedActions } from '../../renderer/src/state/allowedActions';
import { compareUrgency, isOverdue, nextDeadline, urgencyOf } from '../../renderer/src/state/deadlines';

const T0 = Date.parse('2025-06-01T08:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function request(over: Partial<RequestView> = {}): RequestView {
  return {
    id: 'r1', category: 'pothole', priority: 'normal', status: 'new', description: '', address: '',
    lon: 52.53, lat: 29.62, channel: 'phone', receivedAt: iso(T0), ackDueAt: iso(T0 + 20 * MIN),
    resolveDueAt: iso(T0 + 120 * MIN), acknowledgedAt: null, crewId: null, closedAt: null, resolution: null,
    rating: null, updatedAt: iso(T0), pendingCommands: 0, ...over,
  };
}

describe('deadlines', () => {
  it('races a new request against its acknowledge deadline', () => {
    const r = request();
    expect(nextDeadline(r)?.kind).toBe('ack');
    expect(urgencyOf(r, T0 + 5 * MIN)).toBe('ok');
    expect(urgencyOf(r, T0 + 16 * MIN)).toBe('soon');
    expect(urgencyOf(r, T0 + 21 * MIN)).toBe('overdue');
  });

  it('races an acknowledged request against its resolve deadline, measured from acknowledgement', () => {
    const r = request({ status: 'en_route', acknowledgedAt: iso(T0 + 40 * MIN), crewId: 'c1' });
    expect(nextDeadline(r)).toEqual({ kind: 'resolve', at: T0 + 120 * MIN });
    expect(isOverdue(r, T0 + 30 * MIN)).toBe(false); // past the ack deadline, but that race is over
    expect(urgencyOf(r, T0 + 101 * MIN)).toBe('soon');
    expect(isOverdue(r, T0 + 121 * MIN)).toBe(true);
  });

  it('stops racing once resolved or closed', () => {
    const acked = { acknowledgedAt: iso(T0 + MIN), crewId: 'c1' };
    expect(urgencyOf(request({ ...acked, status: 'resolved' }), T0 + 999 * MIN)).toBe('none');
    expect(urgencyOf(request({ ...acked, status: 'closed' }), T0 + 999 * MIN)).toBe('none');
  });

  it('orders by nearest deadline, then resolved, then closed; priority breaks ties', () => {
    const list = [
      request({ id: 'closed', status: 'closed', acknowledgedAt: iso(T0) }),
      request({ id: 'resolved', status: 'resolved', acknowledgedAt: iso(T0) }),
      request({ id: 'later', status: 'acknowledged', acknowledgedAt: iso(T0), resolveDueAt: iso(T0 + 300 * MIN) }),
      request({ id: 'tie-low', priority: 'low' }),
      request({ id: 'tie-urgent', priority: 'urgent' }),
      request({ id: 'overdue', ackDueAt: iso(T0 - 5 * MIN) }),
    ];
    expect(list.sort(compareUrgency).map((r) => r.id)).toEqual(['overdue', 'tie-urgent', 'tie-low', 'later', 'resolved', 'closed']);
  });
});

describe('allowed actions', () => {
  const sorted = (r: RequestView) => [...allowedActions(r)].sort();

  it('offers acknowledge only while new, field statuses only forward and only with a crew', () => {
    expect(sorted(request())).toEqual(['acknowledge', 'assign', 'close', 'note', 'transfer']);
    expect(sorted(request({ status: 'acknowledged', acknowledgedAt: iso(T0) }))).toEqual(['assign', 'close', 'note', 'transfer']);
    expect(sorted(request({ status: 'en_route', acknowledgedAt: iso(T0), crewId: 'c1' }))).toEqual([
      'assign', 'close', 'note', 'on_site', 'resolved', 'transfer', 'unassign',
    ]);
    expect(sorted(request({ status: 'resolved', acknowledgedAt: iso(T0), crewId: 'c1' }))).toEqual(['close', 'note', 'transfer']);
  });

  it('leaves only a note on a closed request', () => {
    expect(sorted(request({ status: 'closed', acknowledgedAt: iso(T0), crewId: 'c1' }))).toEqual(['note']);
  });
});
