// The store against the real contract client and dispatcher (common/api/rpc.ts), fed by the
// test-only fake core: bootstrap, live batches, fixes, resets, notices and invalid batches, and
// the session: signing in, locking, the next person.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveBatch } from '../../common/api/contract';
import { connectStore, disconnectStore, onLiveBatch, useConsole, type ConsoleState } from '../../renderer/src/state/store';
import { ACTIVITY_EVERY_MS, activityEveryMs } from '../../renderer/src/state/slices/session';
import { createFakeCore, FAKE_ACCOUNTS, FAKE_PASSWORD } from './harness/fakeCore';

afterEach(() => disconnectStore());

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('store', () => {
  it('loads the bootstrap and tells live listeners to rebuild', async () => {
    const core = createFakeCore({ requests: 50, crews: 5 });
    const seen: LiveBatch[] = [];
    const off = onLiveBatch((b) => seen.push(b));
    await connectStore(core.client);
    off();
    const s = useConsole.getState();
    expect(s.ready).toBe(true);
    expect(Object.keys(s.requests)).toHaveLength(50);
    expect(Object.keys(s.crews)).toHaveLength(5);
    expect(s.categories.pothole.nameEn).toBe('Pothole');
    expect(s.view).toBe('operator');
    expect(seen.map((b) => b.reset)).toEqual([true]);
  });

  it('applies live requests, removals and newer fixes, ignoring older fixes', async () => {
    const core = createFakeCore({ requests: 3, crews: 2 });
    await connectStore(core.client);
    const [a, b] = core.state.requests;
    useConsole.getState().selectRequest(b.id);
    const crew = core.state.crews[0];
    const later = new Date(Date.now() + 5000).toISOString();
    const earlier = new Date(Date.now() - 3600_000).toISOString();
    const batches: LiveBatch[] = [];
    const off = onLiveBatch((x) => batches.push(x));
    core.push({
      requests: [{ ...a, status: 'acknowledged' }],
      removedRequestIds: [b.id],
      fixes: [{ crewId: crew.id, lon: 52.5, lat: 29.6, heading: 90, speedKmh: 30, at: later }],
    });
    core.push({ fixes: [{ crewId: crew.id, lon: 1, lat: 1, heading: null, speedKmh: null, at: earlier }] });
    await settle();
    off();
    const s = useConsole.getState();
    expect(s.requests[a.id].status).toBe('acknowledged');
    expect(s.requests[b.id]).toBeUndefined();
    expect(s.selectedRequestId).toBeNull();
    expect(s.crews[crew.id].fix).toMatchObject({ lon: 52.5, lat: 29.6, heading: 90 });
    expect(batches).toHaveLength(2);
  });

  it('lets subscribers see every changed request: a new object per change, and a new revision', async () => {
    const core = createFakeCore({ requests: 4, crews: 1 });
    await connectStore(core.client);
    const [a, b] = core.state.requests;
    const heldA = useConsole.getState().requests[a.id];
    // As zustand's selector hooks do: keep what the selector picked, compare after each change.
    const picks = (s: ConsoleState) => ({ a: s.requests[a.id], b: s.requests[b.id], rev: s.requestsRev });
    let last = picks(useConsole.getState());
    const changes: string[] = [];
    const off = useConsole.subscribe((s) => {
      const now = picks(s);
      for (const k of ['a', 'b', 'rev'] as const) if (now[k] !== last[k]) changes.push(k);
      last = now;
    });
    core.push({ requests: [{ ...a, address: 'خیابان تازه' }] });
    core.push({ removedRequestIds: [b.id] });
    core.push({ fixes: [] });
    await settle();
    off();
    expect(changes).toEqual(['a', 'rev', 'b', 'rev']);
    expect(last.a.address).toBe('خیابان تازه');
    // The view held before is untouched: whoever kept it can still tell old from new.
    expect(heldA.address).toBe(a.address);
  });

  it('says what each live batch changed: new, changed, reopened and removed requests, crews', async () => {
    const core = createFakeCore({ requests: 4, crews: 2 });
    const [open, closed, gone, untouched] = core.state.requests;
    open.status = 'new';
    Object.assign(closed, { status: 'closed', closedAt: new Date().toISOString(), resolution: 'resolved' });
    await connectStore(core.client);
    expect(useConsole.getState().lastBatch).toMatchObject({ reset: true, newRequestIds: [], changedRequestIds: [] });
    const [crew, other] = core.state.crews;
    const later = (ms: number) => new Date(Date.now() + ms).toISOString();
    const fresh = { ...untouched, id: 'r-new-1' };
    const seen: Array<ConsoleState['lastBatch']> = [];
    // A listener of raw batches finds what the batch changed already in the store.
    const off = onLiveBatch(() => seen.push(useConsole.getState().lastBatch));
    core.push({
      requests: [fresh, { ...open, status: 'acknowledged' }, { ...closed, status: 'new', closedAt: null, resolution: null }],
      removedRequestIds: [gone.id, 'never-held'],
      crews: [{ ...other, status: 'break' }],
      fixes: [
        { crewId: crew.id, lon: 52.5, lat: 29.6, heading: null, speedKmh: null, at: later(1000) },
        { crewId: crew.id, lon: 52.6, lat: 29.6, heading: null, speedKmh: null, at: later(2000) },
      ],
    });
    core.push({ requests: [{ ...fresh, address: 'نشانی دیگر' }] });
    await settle();
    off();
    expect(seen).toEqual([
      {
        reset: false,
        newRequestIds: ['r-new-1'],
        changedRequestIds: [open.id, closed.id],
        reopenedRequestIds: [closed.id],
        removedRequestIds: [gone.id],
        changedCrewIds: [other.id],
        movedCrewIds: [crew.id],
        removedCrewIds: [],
      },
      {
        reset: false,
        newRequestIds: [],
        changedRequestIds: ['r-new-1'],
        reopenedRequestIds: [],
        removedRequestIds: [],
        changedCrewIds: [],
        movedCrewIds: [],
        removedCrewIds: [],
      },
    ]);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('re-runs bootstrap on reset', async () => {
    const core = createFakeCore({ requests: 3, crews: 1 });
    await connectStore(core.client);
    core.state.requests = core.state.requests.slice(0, 1);
    const resets: boolean[] = [];
    const off = onLiveBatch((x) => resets.push(x.reset));
    core.push({ reset: true });
    await vi.waitFor(() => expect(resets).toEqual([true]));
    off();
    expect(core.bootstraps).toBe(2);
    expect(Object.keys(useConsole.getState().requests)).toHaveLength(1);
  });

  it('turns a refused command into a toast and an invalid batch into a toast and a resync', async () => {
    const core = createFakeCore({ requests: 3, crews: 1, ackDelayMs: 0 });
    await connectStore(core.client);
    const target = core.state.requests[0];
    target.status = 'closed';
    const id = await useConsole.getState().submit({ type: 'request.acknowledge', data: { id: target.id } });
    expect(id).toBe('cmd-1');
    await vi.waitFor(() => expect(useConsole.getState().toasts.some((t) => t.kind === 'command_failed')).toBe(true));
    expect(useConsole.getState().toasts.at(-1)).toMatchObject({ kind: 'command_failed', code: 'conflict', targetId: target.id });

    core.pushRaw({ reset: false, requests: 'garbage' });
    await vi.waitFor(() => expect(core.bootstraps).toBe(2));
    expect(useConsole.getState().toasts.at(-1)?.kind).toBe('live_invalid');
  });

  it('reports a command the core refuses to take', async () => {
    const core = createFakeCore({ requests: 1, crews: 1 });
    await connectStore(core.client);
    const id = await useConsole.getState().submit({ type: 'request.note', data: { id: 'x', note: 'n'.repeat(2001) } });
    expect(id).toBeNull();
    expect(useConsole.getState().toasts.at(-1)).toMatchObject({ kind: 'call_failed', code: 'invalid_input', type: 'request.note' });
  });
});

// The session slice against the fake core behind the real policy (docs/sign-in.md).
describe('store: the session', () => {
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(ok()).toBe(true);
  };

  it('reads nothing of the district while signed out, and bootstraps once someone signs in', async () => {
    const core = createFakeCore({ requests: 20, crews: 2, as: 'signed_out' });
    await connectStore(core.client);
    let s = useConsole.getState();
    expect(s.session?.role).toBe('signed_out');
    expect([s.ready, core.bootstraps, Object.keys(s.requests).length]).toEqual([false, 0, 0]);

    const refused = await s.signIn('op-7', 'not the password');
    expect(refused).toEqual({ ok: false, reason: 'bad_credentials', retryAfterMs: null });
    expect(useConsole.getState().session?.role).toBe('signed_out');

    expect((await s.signIn('op-7', FAKE_PASSWORD)).ok).toBe(true);
    await until(() => useConsole.getState().ready);
    s = useConsole.getState();
    expect([s.session?.account?.username, s.operatorId, s.view, s.permissions.personalData]).toEqual(['op-7', 'op-7', 'operator', true]);
    expect(Object.keys(s.requests)).toHaveLength(20);
  });

  it('drops everything of the last session when the screen locks, and re-bootstraps for the next person', async () => {
    const core = createFakeCore({ requests: 20, crews: 2 });
    await connectStore(core.client);
    const id = core.state.requests[0].id;
    const st = useConsole.getState();
    st.selectRequest(id);
    st.notify({ kind: 'live_invalid', message: 'x' });
    await st.submit({ type: 'request.note', data: { id, note: 'n' } });
    expect(useConsole.getState().actedOn.has(id)).toBe(true);

    core.lockIdle(); // the core's idle timer
    await until(() => useConsole.getState().session?.locked === true);
    let s = useConsole.getState();
    expect(s.session?.role).toBe('signed_out');
    expect(s.session?.account?.displayName).toBe(FAKE_ACCOUNTS['op-7'].displayName);
    expect({
      ready: s.ready,
      requests: Object.keys(s.requests).length,
      crews: Object.keys(s.crews).length,
      district: s.district,
      selected: s.selectedRequestId,
      toasts: s.toasts.length,
      actedOn: s.actedOn.size,
      search: s.search.phase,
      commands: s.permissions.commands,
    }).toEqual({ ready: false, requests: 0, crews: 0, district: null, selected: null, toasts: 0, actedOn: 0, search: 'idle', commands: false });
    core.push({ requests: [core.state.requests[1]] }); // nothing reaches a locked screen
    await settle();
    expect(Object.keys(useConsole.getState().requests)).toHaveLength(0);

    const before = core.bootstraps;
    expect((await s.signIn('op-8', FAKE_PASSWORD)).ok).toBe(true); // shift change over the locked screen
    await until(() => useConsole.getState().ready);
    s = useConsole.getState();
    expect([core.bootstraps, s.operatorId, s.session?.account?.username, Object.keys(s.requests).length]).toEqual([before + 1, 'op-8', 'op-8', 20]);
  });

  it('opens the wall view for the mayor and sends activity at most once per 30 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const core = createFakeCore({ requests: 5, crews: 1, as: 'mayor-1' });
      await connectStore(core.client);
      const s = useConsole.getState();
      expect([s.view, s.permissions.commands, s.permissions.personalData]).toEqual(['wall', false, false]);
      s.activity(); // signing in just now was activity enough
      expect(core.activities).toBe(0);
      vi.setSystemTime(Date.now() + ACTIVITY_EVERY_MS);
      s.activity();
      s.activity();
      await settle();
      expect(core.activities).toBe(1);
      vi.setSystemTime(Date.now() + ACTIVITY_EVERY_MS - 1);
      s.activity();
      await settle();
      expect(core.activities).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells a short idle lock of activity often enough to hold it off', () => {
    expect(activityEveryMs(15)).toBe(30_000);
    expect(activityEveryMs(2)).toBe(30_000);
    expect(activityEveryMs(0.1)).toBe(1500); // 6 s: four times within it
  });
});
