import { describe, expect, it } from 'vitest';
import { AMBER_SHARE, RED_SHARE, compareUrgency, deadlineWindow, isOverdue, urgencyOf, type UrgencyFields } from '../../common/domain/urgency';

const T0 = Date.parse('2025-06-01T08:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** New, received at T0, acknowledge within 20 min, resolve within 120 min. */
function request(over: Partial<UrgencyFields> = {}): UrgencyFields {
  return {
    id: 'r1', priority: 'normal', status: 'new', receivedAt: iso(T0), acknowledgedAt: null,
    ackDueAt: iso(T0 + 20 * MIN), resolveDueAt: iso(T0 + 120 * MIN), ...over,
  };
}
const level = (r: UrgencyFields, at: number) => urgencyOf(r, at).level;

describe('urgency: the window a request races', () => {
  it('is receipt → acknowledge deadline while not acknowledged', () => {
    expect(deadlineWindow(request())).toEqual({ kind: 'ack', start: T0, end: T0 + 20 * MIN });
  });

  it('is acknowledgement → resolve deadline once acknowledged', () => {
    const r = request({ status: 'en_route', acknowledgedAt: iso(T0 + 40 * MIN) });
    expect(deadlineWindow(r)).toEqual({ kind: 'resolve', start: T0 + 40 * MIN, end: T0 + 120 * MIN });
  });

  it('is none once resolved or closed', () => {
    const acked = { acknowledgedAt: iso(T0 + MIN) };
    expect(deadlineWindow(request({ ...acked, status: 'resolved' }))).toBeNull();
    expect(deadlineWindow(request({ ...acked, status: 'closed' }))).toBeNull();
    expect(urgencyOf(request({ ...acked, status: 'closed' }), T0 + 999 * MIN)).toEqual({ level: 'none', window: null, left: null });
  });
});

describe('urgency: colour by the share of the window left', () => {
  // The ack window is 20 min: 50 % left at 10 min, 15 % left at 17 min, passed after 20 min.
  it('is calm above half, amber at and below 50 %, red at and below 15 %', () => {
    expect(AMBER_SHARE).toBe(0.5);
    expect(RED_SHARE).toBe(0.15);
    const r = request();
    expect(level(r, T0 + 10 * MIN - 1)).toBe('calm');
    expect(level(r, T0 + 10 * MIN)).toBe('amber');
    expect(level(r, T0 + 17 * MIN - 1)).toBe('amber');
    expect(level(r, T0 + 17 * MIN)).toBe('red');
  });

  it('is red up to the deadline itself and overdue after it, saying how late', () => {
    const r = request();
    expect(level(r, T0 + 20 * MIN)).toBe('red');
    expect(isOverdue(r, T0 + 20 * MIN)).toBe(false);
    expect(urgencyOf(r, T0 + 23 * MIN)).toMatchObject({ level: 'overdue', left: -3 * MIN });
    expect(isOverdue(r, T0 + 20 * MIN + 1)).toBe(true);
  });

  it('measures an acknowledged request from its acknowledgement, not from receipt', () => {
    // Acknowledged at 40 min: an 80-min window; half left at 80 min, 15 % (12 min) left at 108 min.
    const r = request({ status: 'acknowledged', acknowledgedAt: iso(T0 + 40 * MIN) });
    expect(level(r, T0 + 30 * MIN)).toBe('calm'); // the ack deadline is past, but that race is over
    expect(isOverdue(r, T0 + 30 * MIN)).toBe(false);
    expect(level(r, T0 + 80 * MIN - 1)).toBe('calm');
    expect(level(r, T0 + 80 * MIN)).toBe('amber');
    expect(level(r, T0 + 108 * MIN)).toBe('red');
    expect(level(r, T0 + 121 * MIN)).toBe('overdue');
  });

  it('treats a window of no length (acknowledged after the resolve deadline was set to) as red, then overdue', () => {
    const r = request({ status: 'acknowledged', acknowledgedAt: iso(T0 + 120 * MIN) });
    expect(level(r, T0 + 120 * MIN)).toBe('red');
    expect(level(r, T0 + 121 * MIN)).toBe('overdue');
  });
});

describe('urgency: the queue order', () => {
  const order = (list: UrgencyFields[]) => [...list].sort(compareUrgency).map((r) => r.id);

  it('puts the most overdue first, then the least time left, then resolved, then closed', () => {
    expect(
      order([
        request({ id: 'closed', status: 'closed', acknowledgedAt: iso(T0) }),
        request({ id: 'resolved', status: 'resolved', acknowledgedAt: iso(T0) }),
        request({ id: 'later', status: 'acknowledged', acknowledgedAt: iso(T0), resolveDueAt: iso(T0 + 300 * MIN) }),
        request({ id: 'soon' }),
        request({ id: 'overdue-a-little', ackDueAt: iso(T0 - 5 * MIN) }),
        request({ id: 'overdue-a-lot', ackDueAt: iso(T0 - 50 * MIN) }),
      ]),
    ).toEqual(['overdue-a-lot', 'overdue-a-little', 'soon', 'later', 'resolved', 'closed']);
  });

  it('races a new request on its acknowledge deadline and an acknowledged one on its resolve deadline', () => {
    // The new one's ack deadline (20 min) comes before the acknowledged one's resolve deadline (60 min),
    // though the new one's own resolve deadline is later.
    const acked = request({ id: 'acked', status: 'acknowledged', acknowledgedAt: iso(T0), resolveDueAt: iso(T0 + 60 * MIN) });
    const fresh = request({ id: 'new', resolveDueAt: iso(T0 + 240 * MIN) });
    expect(order([acked, fresh])).toEqual(['new', 'acked']);
  });

  it('breaks a tie on the deadline by priority, then by age, then by id', () => {
    expect(
      order([
        request({ id: 'low', priority: 'low' }),
        request({ id: 'urgent', priority: 'urgent' }),
        request({ id: 'high-b', priority: 'high' }),
        request({ id: 'high-a', priority: 'high' }),
        request({ id: 'high-older', priority: 'high', receivedAt: iso(T0 - MIN) }),
      ]),
    ).toEqual(['urgent', 'high-older', 'high-a', 'high-b', 'low']);
  });
});
