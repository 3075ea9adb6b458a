// The coalescing of the live subscription and the bookkeeping of snapshot parts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveBatch, RequestView, Role } from '../../common/api/contract';
import { LiveFeed, MAX_REQUESTS_PER_BATCH } from '../../main/core/live';
import { SnapshotCollector } from '../../main/core/sync/snapshot';
import type { Views } from '../../main/core/views';
import { callerFor } from '../support/callers';

const link = { state: 'live', since: 'x', hubId: null, lastSeq: 0, headSeq: null, lastEventAt: null, replay: null, error: null, nextRetryAt: null, outboxPending: 0, rejectedEvents: 0 } as const;
const views = {
  requestsByIds: (ids: Iterable<string>) => {
    const all = [...ids];
    return { views: all.filter((id) => !id.startsWith('gone')).map((id) => ({ id }) as RequestView), gone: all.filter((id) => id.startsWith('gone')) };
  },
  crew: (id: string) => (id === 'c-gone' ? null : { id }),
} as unknown as Views;
const sources = { views, district: () => null, categories: () => [], contractors: () => [], link: () => link };
/** The role each session acts as, as the core's sessions would say (default: an operator signed in). */
const roles = new Map<string, Role>();

describe('live feed', () => {
  afterEach(() => {
    vi.useRealTimers();
    roles.clear();
  });

  it('flushes many changes as one batch, and large sets over several bounded batches', () => {
    vi.useFakeTimers();
    const feed = new LiveFeed({ ...sources, roleOf: (c) => roles.get(c.session) ?? 'operator' }, 150);
    const got: LiveBatch[] = [];
    feed.subscribe((b) => got.push(b), callerFor());
    const ids = Array.from({ length: MAX_REQUESTS_PER_BATCH * 2 + 10 }, (_, i) => `r${i}`);
    for (const id of ids) feed.touchRequests([id]);
    feed.touchRequests(['gone-1']);
    feed.touchCrews(['c1', 'c-gone']);
    feed.notice({ kind: 'command_applied', commandId: 'k', type: 'request.note', targetId: 'r1' }, null);
    expect(got).toHaveLength(0);
    vi.advanceTimersByTime(150);
    expect(got).toHaveLength(1);
    expect(got[0].requests).toHaveLength(MAX_REQUESTS_PER_BATCH);
    expect(got[0]).toMatchObject({ reset: false, crews: [{ id: 'c1' }], removedCrewIds: ['c-gone'], notices: [{ commandId: 'k' }], link: null });
    vi.advanceTimersByTime(300);
    expect(got).toHaveLength(3);
    const all = got.flatMap((b) => b.requests.map((r) => r.id));
    expect(new Set(all)).toEqual(new Set(ids));
    expect(got.flatMap((b) => b.removedRequestIds)).toEqual(['gone-1']);
    expect(got[1].notices).toEqual([]);
  });

  it('a reset drops item deltas and carries the link state', () => {
    vi.useFakeTimers();
    const feed = new LiveFeed({ ...sources, roleOf: (c) => roles.get(c.session) ?? 'operator' }, 150);
    const got: LiveBatch[] = [];
    feed.subscribe((b) => got.push(b), callerFor());
    feed.touchRequests(['r1']);
    feed.resetAll();
    vi.advanceTimersByTime(150);
    expect(got).toEqual([expect.objectContaining({ reset: true, requests: [], link })]);
  });

  it('tells a command’s notice to the session that sent it only; one no session here sent, to every operator', () => {
    vi.useFakeTimers();
    const feed = new LiveFeed({ ...sources, roleOf: (c) => roles.get(c.session) ?? 'operator' }, 150);
    const got = new Map<string, LiveBatch[]>();
    const subscribe = (role: 'operator' | 'wall', session: string) => {
      got.set(session, []);
      roles.set(session, role);
      return feed.subscribe((b) => got.get(session)!.push(b), callerFor(role === 'wall' ? 'wall' : 'workstation', session));
    };
    subscribe('operator', 'ws:1');
    const closeSecond = subscribe('operator', 'ws:2');
    subscribe('wall', 'ws:3');
    const failed = (commandId: string) =>
      ({ kind: 'command_failed', commandId, type: 'request.assign', targetId: 'r1', code: 'conflict', message: 'm', cause: null }) as const;
    const told = () => Object.fromEntries([...got].map(([s, bs]) => [s, bs.flatMap((b) => b.notices.map((n) => n.commandId))]));
    feed.touchRequests(['r1']);
    feed.notice(failed('from-1'), 'ws:1');
    feed.notice(failed('from-2'), 'ws:2');
    feed.notice(failed('from-cli'), null);
    vi.advanceTimersByTime(150);
    expect(told()).toEqual({ 'ws:1': ['from-1', 'from-cli'], 'ws:2': ['from-2', 'from-cli'], 'ws:3': [] });
    // every subscriber still gets the batch's data
    expect([...got.values()].map((bs) => bs[0].requests.map((r) => r.id))).toEqual([['r1'], ['r1'], ['r1']]);
    // the second window closed before its command was answered: its notice is no one's, so everyone's
    closeSecond();
    feed.notice(failed('from-closed'), 'ws:2');
    vi.advanceTimersByTime(150);
    expect(told()).toEqual({ 'ws:1': ['from-1', 'from-cli', 'from-closed'], 'ws:2': ['from-2', 'from-cli'], 'ws:3': [] });
  });

  it('sends nothing to a session while its screen is locked or signed out, and again once someone signs in', () => {
    vi.useFakeTimers();
    const feed = new LiveFeed({ ...sources, roleOf: (c) => roles.get(c.session) ?? 'operator' }, 150);
    const got: LiveBatch[] = [];
    feed.subscribe((b) => got.push(b), callerFor('workstation', 'ws:9'));
    roles.set('ws:9', 'signed_out');
    feed.touchRequests(['r1']);
    feed.notice({ kind: 'command_applied', commandId: 'c1', type: 'request.acknowledge', targetId: 'r1' }, 'ws:9');
    vi.advanceTimersByTime(150);
    expect(got).toEqual([]);
    roles.set('ws:9', 'operator');
    feed.touchRequests(['r2']);
    vi.advanceTimersByTime(150);
    expect(got.map((b) => [b.requests.map((r) => r.id), b.notices])).toEqual([[['r2'], []]]);
  });
});

describe('snapshot parts', () => {
  const build = { staging: null as never, rejected: [], commandIds: [], ids: new Set<string>(), lastEventAt: null };
  it('takes parts of its own seq and count in order, ignores others and spots a missing part', () => {
    const c = new SnapshotCollector(40, 3, build);
    const part = (p: number, seq = 40, parts = 3) => ({ seq, part: p, parts, events: [] });
    expect(c.accept(part(1, 39))).toBe('ignored');
    expect(c.accept(part(1, 40, 2))).toBe('ignored');
    expect(c.accept(part(1))).toBe('accepted');
    expect(c.accept(part(1))).toBe('ignored');
    expect(c.accept(part(3))).toBe('missing_part');
    expect(c.accept(part(2))).toBe('accepted');
    expect(c.complete).toBe(false);
    expect(c.accept(part(3))).toBe('accepted');
    expect(c.complete).toBe(true);
  });
});
