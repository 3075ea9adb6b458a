// The core against the real reference hub on loopback: replay, live, duplicates, gaps, malformed
// and unknown events, snapshots, hub restarts, link drops, positions and final refusals.
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { join } from 'node:path';
import { queueCommand } from '../../main/core/commands';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { summariseDataDir } from '../../main/core/state-summary';
import { DISTRICT, caughtUp, configFor, startTestCore, testHub, tmp, waitFor } from './helpers';
import type { RunningHub } from '../../hub/index';

const t = tmp('c137-sync-');
afterAll(() => t.cleanup());
let dirs = 0;
const dataDir = () => t.data(`console-${dirs++}`);

/** The console's stored state equals the hub's (requests and crew statuses). */
function expectConverged(dir: string, hub: RunningHub) {
  const mine = summariseDataDir(dir);
  const theirs = hub.control.state(DISTRICT);
  expect(mine.requests).toEqual(theirs.requests);
  expect(mine.crews.map(({ id, status }) => ({ id, status }))).toEqual(theirs.crews);
  expect(mine.lastSeq).toBe(hub.control.headSeq(DISTRICT));
  expect(mine.hubId).toBe(hub.control.hubId(DISTRICT));
  return mine;
}

describe('sync with the reference hub', () => {
  it('replays the log, goes live, follows live events and shows them in bootstrap and live batches', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const r1 = hub.control.createRequest();
    hub.control.applyAsActor({ type: 'request.assign', data: { id: r1.id, crewId: 'crew-01' } });
    hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dir));
    const live = await caughtUp(tc, hub);
    expect(live).toMatchObject({ state: 'live', replay: null, error: null, outboxPending: 0, rejectedEvents: 0 });
    expect(tc.states.some((s) => s.state === 'replaying' && s.replay?.fromSeq === 1)).toBe(true);
    const boot = await tc.core.handlers.queries.bootstrap({}, tc.caller);
    expect(boot.district?.id).toBe(DISTRICT);
    expect(boot.categories.length).toBeGreaterThan(0);
    expect(boot.crews.length).toBe(hub.control.state().crews.length);
    expect(boot.requests.find((r) => r.id === r1.id)).toMatchObject({ status: 'assigned', crewId: 'crew-01', pendingCommands: 0 });
    expect(boot.requests[0]).not.toHaveProperty('citizenName');

    const r3 = hub.control.createRequest();
    await waitFor(() => tc.batches.some((b) => b.requests.some((r) => r.id === r3.id)), 'live batch with the new request');
    await caughtUp(tc, hub);
    expectConverged(dir, hub);
  });

  it('skips duplicate deliveries, resumes after a gap and keeps going past malformed and unknown events', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    const before = summariseDataDir(dir);

    // duplicates: the whole log again; a snapshot part nobody asked for is ignored
    hub.control.emitRaw('events', { events: hub.control.readLog(1) });
    hub.control.emitRaw('snapshot', { seq: 1, part: 1, parts: 1, events: hub.control.readLog(1, 1) });
    // a malformed event and an unknown type in the middle of valid ones
    hub.control.appendRaw({ type: 'request.acknowledged', data: { id: r.id, operatorId: { not: 'a string' } } });
    hub.control.appendRaw({ type: 'request.escalated', data: { id: r.id, level: 3 } });
    hub.control.applyAsActor({ type: 'request.acknowledge', data: { id: r.id } });
    await caughtUp(tc, hub);
    let s = summariseDataDir(dir);
    expect(s.rejectedEvents).toBe(1);
    expect(s.lastSeq).toBe(before.lastSeq + 3);
    expect(s.requests.find((x) => x.id === r.id)?.status).toBe('acknowledged');
    expect(tc.log.lines.some((l) => l.includes(`rejected event seq=${before.lastSeq + 1}`))).toBe(true);
    expect(tc.core.linkState().rejectedEvents).toBe(1);

    // a gap: the hub holds back live events, then only the newest one reaches the console
    hub.control.pauseLive();
    hub.control.createRequest();
    hub.control.createRequest();
    const head = hub.control.headSeq();
    hub.control.emitRaw('events', { events: hub.control.readLog(head) });
    await caughtUp(tc, hub);
    hub.control.resumeLive();
    expect(tc.log.lines.some((l) => l.includes(`gap in the event stream after seq ${head - 2}`))).toBe(true);
    s = expectConverged(dir, hub);
    expect(s.rejectedEvents).toBe(1);
  });

  it('replaces its state with a snapshot after a hub log reset while connected', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    const oldHub = hub.control.hubId();
    hub.control.resetLog(); // new hubId; connected consoles are dropped and must take a snapshot
    hub.control.createRequest();
    await waitFor(() => tc.core.linkState().hubId !== oldHub && tc.core.linkState().state === 'live', 'snapshot from the new log');
    await caughtUp(tc, hub);
    await waitFor(() => tc.batches.some((b) => b.reset), 'a live batch with reset');
    expect(tc.log.lines.some((l) => l.includes('snapshot applied'))).toBe(true);
    expectConverged(dir, hub);
    const detail = await tc.core.handlers.queries.requestDetail({ id: r.id }, tc.caller);
    expect(detail.timeline[0].type).toBe('request.created');
  });

  it('keeps the outbox through a snapshot taken at start and sends it afterwards', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const r = hub.control.createRequest();
    let tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    await tc.close();
    const store = Store.open(join(dir, DB_FILE_NAME));
    const { commandId } = queueCommand(store, { type: 'request.note', data: { id: r.id, note: 'از دفتر' } }, 'op-1');
    store.close();
    hub.control.resetLog();
    tc = await startTestCore(configFor(hub.url, dir));
    await waitFor(() => hub.control.appliedCommands()[commandId] === 1, 'the queued note applied by the hub');
    await caughtUp(tc, hub);
    expect(tc.log.lines.some((l) => l.includes('snapshot applied'))).toBe(true);
    expect(expectConverged(dir, hub).outboxPending).toBe(0);
  });

  it('reconnects after a hub restart and catches up with what happened meanwhile', async () => {
    const hubDir = t.data(`hub-${dirs++}`);
    let hub = await testHub({ dataDir: hubDir });
    const port = hub.port;
    const dir = dataDir();
    hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    await hub.close();
    await waitFor(() => tc.core.linkState().state === 'reconnecting', 'link to notice the hub is gone');
    const down = tc.core.linkState();
    expect(down.nextRetryAt).not.toBeNull();
    expect(down.error?.code).toBe('link_lost');
    hub = await testHub({ dataDir: hubDir, port });
    hub.control.createRequest();
    await caughtUp(tc, hub);
    expectConverged(dir, hub);
  });

  it('survives a link drop in the middle of a replay and applies every event exactly once', async () => {
    const hub = await testHub();
    const dir = dataDir();
    for (let i = 0; i < 6000; i++) hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dir));
    let dropped = false;
    tc.core.onLinkState((s) => {
      if (!dropped && s.state === 'replaying' && s.replay && s.replay.appliedSeq > 2000) {
        dropped = true;
        hub.control.dropConnections();
      }
    });
    await caughtUp(tc, hub);
    expect(dropped).toBe(true);
    const appliedAt = tc.states.filter((s) => s.state === 'replaying' && s.replay).map((s) => s.replay!.fromSeq);
    expect(new Set(appliedAt).size).toBeGreaterThan(1); // a second replay resumed past the first one's start
    expectConverged(dir, hub);
    await tc.close();
    // each event stored once
    const store = Store.openReadOnly(join(dir, DB_FILE_NAME));
    expect(store.events.count()).toBe(hub.control.headSeq());
    store.close();
  }, 120_000);

  it('keeps the latest fix per crew, ignores stale, unknown and out-of-range fixes, and keeps a trail', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    const now = Date.now();
    const at = (s: number) => new Date(now + s * 1000).toISOString();
    const fixOf = (crewId: string) => tc.batches.flatMap((b) => b.fixes).filter((f) => f.crewId === crewId).at(-1);
    hub.control.pushFixes([{ crewId: 'crew-01', lon: 52.5, lat: 29.6, at: at(0) }]);
    await waitFor(() => fixOf('crew-01')?.lon === 52.5, 'first fix');
    hub.control.pushFixes([{ crewId: 'crew-01', lon: 52.51, lat: 29.6, at: at(2) }]);
    await waitFor(() => fixOf('crew-01')?.lon === 52.51, 'second fix');
    hub.control.emitRaw('positions', {
      positions: [
        { crewId: 'crew-01', lon: 50, lat: 29, at: at(1) }, // older than the stored one
        { crewId: 'ghost', lon: 52.5, lat: 29.6, at: at(3) }, // unknown crew
        { crewId: 'crew-02', lon: 999, lat: 29.6, at: at(3) }, // out of range
        { crewId: 'crew-02', lon: 52.6, lat: 29.7, heading: 90, at: at(3) },
      ],
    });
    await waitFor(() => tc.batches.some((b) => b.fixes.some((f) => f.crewId === 'crew-02')), 'fix of crew-02');
    const crews = (await tc.core.handlers.queries.bootstrap({}, tc.caller)).crews;
    expect(crews.find((c) => c.id === 'crew-01')?.fix).toMatchObject({ lon: 52.51 });
    expect(crews.find((c) => c.id === 'crew-02')?.fix).toMatchObject({ lon: 52.6, heading: 90 });
    expect(tc.batches.flatMap((b) => b.fixes).some((f) => f.crewId === 'ghost' || f.lon === 50)).toBe(false);
    const trail = await tc.core.handlers.queries.crewTrail({ crewId: 'crew-01' }, tc.caller);
    expect(trail.points.map((p) => p[0])).toEqual([52.5, 52.51]);
    // positions reach the disk within the flush interval, not per fix
    await waitFor(() => summariseDataDir(dir).crews.find((c) => c.id === 'crew-02')?.lon === 52.6, 'positions flushed');
  });

  it('coalesces a burst of events into a few live batches', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    const from = tc.batches.length;
    const ids = Array.from({ length: 300 }, () => hub.control.createRequest().id);
    await waitFor(() => new Set(tc.batches.flatMap((b) => b.requests.map((r) => r.id))).size >= 300, 'all requests in batches');
    const batches = tc.batches.slice(from).filter((b) => b.requests.length);
    expect(batches.length).toBeLessThan(20);
    expect(new Set(batches.flatMap((b) => b.requests.map((r) => r.id)))).toEqual(new Set(ids));
  });

  it('stops without retrying on unauthorized and unknown_district, and never logs the token', async () => {
    const hub = await testHub();
    for (const [extra, code] of [
      [{ token: 'wrong-secret-value' }, 'unauthorized'],
      [{ districtId: '99' }, 'unknown_district'],
    ] as const) {
      const tc = await startTestCore(configFor(hub.url, dataDir(), extra));
      const s = await waitFor(() => tc.core.linkState().state === 'stopped' && tc.core.linkState(), `stopped on ${code}`);
      expect(s.error?.code).toBe(code);
      expect(s.nextRetryAt).toBeNull();
      await new Promise((r) => setTimeout(r, 1500)); // longer than the first back-off step
      expect(tc.states.filter((x) => x.state === 'stopped').length).toBe(1);
      expect(tc.states.some((x) => x.state === 'reconnecting')).toBe(false);
      expect(tc.log.lines.join('\n')).not.toContain('wrong-secret-value');
      expect(tc.log.lines.join('\n')).not.toContain('core-test-token');
      await tc.close();
    }
  });

  it('stops on unsupported_protocol from any hub that says so', async () => {
    const http = createServer();
    const io = new Server(http);
    io.of('/district').use((_socket, next) => next(new Error('unsupported_protocol')));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const tc = await startTestCore(configFor(url, dataDir()));
      const s = await waitFor(() => tc.core.linkState().state === 'stopped' && tc.core.linkState(), 'stopped');
      expect(s.error).toMatchObject({ code: 'unsupported_protocol' });
      await tc.close();
    } finally {
      await new Promise<void>((r) => io.close(() => r()));
    }
  });
});
