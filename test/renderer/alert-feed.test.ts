// The alert feed on the real store, fed by the test-only fake core: the bootstrap's backlog makes
// no alert, a live urgent request does, acknowledging it handles it (no repeat), a refused
// command and a passing deadline make theirs, each with its sound's kind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestView } from '../../common/api/contract';
import { startAlertFeed } from '../../renderer/src/alerts/feed';
import { alertState, repeatsDue, REPEAT_MS } from '../../renderer/src/alerts/rules';
import { useAlerts } from '../../renderer/src/alerts/store';
import { connectStore, disconnectStore, useConsole } from '../../renderer/src/state/store';
import { createFakeCore, type FakeCore } from './harness/fakeCore';

const settle = () => new Promise((r) => setTimeout(r, 0));
let stop: () => void;
let core: FakeCore;

beforeEach(async () => {
  useAlerts.setState({ alerts: [], unseen: 0 });
  core = createFakeCore({ requests: 30, crews: 2, ackDelayMs: 0 });
  stop = startAlertFeed();
  await connectStore(core.client);
});
afterEach(() => {
  stop();
  disconnectStore();
});

const fresh = (over: Partial<RequestView>): RequestView => {
  const now = new Date().toISOString();
  return { ...core.state.requests[0], status: 'new', acknowledgedAt: null, crewId: null, closedAt: null, resolution: null, receivedAt: now, updatedAt: now, ...over };
};

describe('alert feed', () => {
  it('makes no alert for the bootstrap’s requests, nor for a re-bootstrap', async () => {
    expect(Object.keys(useConsole.getState().requests)).toHaveLength(30);
    core.push({ reset: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(useAlerts.getState().alerts).toEqual([]);
  });

  it('alerts for a live urgent request, until it is acknowledged', async () => {
    const r = fresh({ id: 'U-1', priority: 'urgent' });
    core.state.requests.push(r);
    core.push({ requests: [r] });
    await settle();
    const [a] = useAlerts.getState().alerts;
    expect(a).toMatchObject({ reason: 'new', requestId: 'U-1', sound: 'urgent', sounded: 1 });
    expect(useAlerts.getState().unseen).toBe(1);
    expect(repeatsDue([a], useConsole.getState().requests, a.soundedAt + REPEAT_MS)).toEqual([a]);

    await useConsole.getState().submit({ type: 'request.acknowledge', data: { id: 'U-1' } });
    await settle();
    expect(alertState(a, useConsole.getState().requests['U-1'])).toBe('handled');
    expect(repeatsDue(useAlerts.getState().alerts, useConsole.getState().requests, a.soundedAt + REPEAT_MS)).toEqual([]);
  });

  it('alerts for a refused command and for a deadline passing on the clock', async () => {
    const [r] = core.state.requests;
    core.push({ notices: [{ kind: 'command_failed', commandId: 'c1', type: 'request.assign', targetId: r.id, code: 'conflict', message: 'taken', cause: null }] });
    await settle();
    expect(useAlerts.getState().alerts[0]).toMatchObject({ reason: 'refused', requestId: r.id, sound: 'refused' });

    const now = useConsole.getState().now;
    const late = fresh({ id: 'D-1', ackDueAt: new Date(now + 500).toISOString() });
    core.push({ requests: [late] });
    await settle();
    useConsole.setState({ now: now + 1000 });
    expect(useAlerts.getState().alerts[0]).toMatchObject({ reason: 'deadline', requestId: 'D-1', deadline: 'ack' });
  });
});
