// A hub that acks a resume and then stops sending, or announces a snapshot bigger than a console
// takes: the core drops the link (showing why in the link state), resumes with back-off from what
// it stored, keeps its state meanwhile, and answers its API throughout.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LinkState } from '../../common/api/contract';
import { MAX_EVENTS_PER_MESSAGE } from '../../common/protocol/hub-protocol';
import { Store } from '../../main/core/db/store';
import { silentLogger } from '../../main/core/log';
import { STALL_TIMEOUT_MS } from '../../main/core/sync/link';
import { Replicator } from '../../main/core/sync/replicator';
import { MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_PARTS, SnapshotCollector } from '../../main/core/sync/snapshot';
import { startHostileHub, type HostileConnection } from '../support/hostile-hub';
import { configFor, startTestCore, tmp, waitFor, type TestCore } from '../core/helpers';
import { bootstrapLatency, districtLog, idleLatency, onResume, replaying, type LogEvent } from './harness';

const t = tmp('c137-hostile-stalls-');
afterAll(() => t.cleanup());

const withError = (tc: TestCore, code: string, timeoutMs: number) =>
  waitFor(() => tc.states.find((s) => s.error?.code === code), `link error ${code}`, timeoutMs);
const liveAt = (tc: TestCore, seq: number, timeoutMs = 15_000): Promise<LinkState> =>
  waitFor(() => {
    const s = tc.core.linkState();
    return s.state === 'live' && s.lastSeq === seq && s;
  }, `live at seq ${seq}`, timeoutMs);

/** A snapshot of `events` at `seq`, split into `parts` parts (the last ones may be empty). */
function snapshotParts(events: LogEvent[], seq: number, parts: number) {
  const size = Math.ceil(events.length / parts);
  return Array.from({ length: parts }, (_, i) => ({
    seq,
    part: i + 1,
    parts,
    events: events.slice(i * size, (i + 1) * size).map((e) => ({ ...e, seq })),
  }));
}

async function requestCount(tc: TestCore): Promise<number> {
  return (await tc.core.handlers.queries.bootstrap({}, tc.caller)).requests.length;
}

describe('a hub that stalls or oversizes a catch-up', () => {
  it('drops a replay that stops half-way, shows replay_stalled, and resumes from the stored seq', async () => {
    const log = districtLog({ crews: 2, requests: 20 }); // 25 events
    const resumedAfter: number[] = [];
    const hub = await startHostileHub((c, h) =>
      replaying(c, log, (rest) => {
        resumedAfter.push(rest[0]!.seq - 1);
        return h.connections.length === 1 ? rest.slice(0, 10) : rest; // the first hub goes silent at seq 10
      }),
    );
    const tc = await startTestCore(configFor(hub.url, t.data('replay')));
    await waitFor(() => tc.core.linkState().replay?.appliedSeq === 10, 'the first ten events applied');
    const stalledFrom = Date.now();
    const idle = await idleLatency(tc);

    const stalled = await withError(tc, 'replay_stalled', STALL_TIMEOUT_MS + 10_000);
    expect(Date.now() - stalledFrom).toBeGreaterThan(STALL_TIMEOUT_MS - 2_000); // not before the bound
    expect(stalled).toMatchObject({ state: 'reconnecting', lastSeq: 10, replay: null });
    expect(stalled.error!.message).toMatch(/seq 10 of 25/);
    expect(stalled.nextRetryAt).not.toBeNull(); // the link's back-off, not an instant hammering

    await liveAt(tc, 25);
    expect(resumedAfter).toEqual([0, 10]);
    expect(tc.core.linkState().error).toBeNull();
    expect(await requestCount(tc)).toBe(20);
    expect(await bootstrapLatency(tc)).toBeLessThan(Math.max(10 * idle, 250));
  }, STALL_TIMEOUT_MS + 30_000);

  it('drops a snapshot whose parts stop coming, keeps the old state, and takes the next one whole', async () => {
    const before = districtLog({ crews: 2, requests: 5 }); // 10 events
    const snapshot = snapshotParts(districtLog({ crews: 2, requests: 15 }), 40, 2);
    const hub = await startHostileHub((c, h) => {
      const n = h.connections.length;
      if (n === 1) return replaying(c, before);
      onResume(c, 40, (_req, ack) => {
        ack({ mode: 'snapshot', seq: 40, parts: 2 });
        for (const part of n === 2 ? snapshot.slice(0, 1) : snapshot) c.socket.emit('snapshot', part);
      });
    });
    const tc = await startTestCore(configFor(hub.url, t.data('snapshot')));
    await liveAt(tc, 10);
    hub.connections[0]!.socket.disconnect(true);
    await waitFor(() => tc.states.some((s) => s.state === 'replaying' && s.replay?.toSeq === 40), 'the snapshot announced');
    const idle = await idleLatency(tc);

    const stalled = await withError(tc, 'snapshot_stalled', STALL_TIMEOUT_MS + 10_000);
    expect(stalled).toMatchObject({ state: 'reconnecting', lastSeq: 10 });
    expect(stalled.error!.message).toMatch(/part 2 of 2/);
    expect(await requestCount(tc)).toBe(5); // the half-received snapshot replaced nothing

    await liveAt(tc, 40);
    expect(await requestCount(tc)).toBe(15);
    expect(await bootstrapLatency(tc)).toBeLessThan(Math.max(10 * idle, 250));
  }, STALL_TIMEOUT_MS + 30_000);

  it('refuses a snapshot announcing more parts than a console takes, before staging any of it', async () => {
    const log = districtLog({ crews: 2, requests: 5 }); // 10 events
    const pumps: NodeJS.Timeout[] = [];
    const hub = await startHostileHub((c, h) => {
      const n = h.connections.length;
      if (n !== 2) return replaying(c, log);
      onResume(c, 11, (_req, ack) => {
        ack({ mode: 'snapshot', seq: 11, parts: 1e9 });
        // parts as fast as the socket takes them, for as long as the console listens
        let part = 0;
        const pump = (conn: HostileConnection) =>
          conn.socket.connected &&
          conn.socket.emit('snapshot', { seq: 11, part: ++part, parts: 1e9, events: log.map((e) => ({ ...e, seq: 11 })) });
        pumps.push(setInterval(() => pump(c), 2));
      });
    });
    try {
      const tc = await startTestCore(configFor(hub.url, t.data('parts')));
      await liveAt(tc, 10);
      const idle = await idleLatency(tc);
      hub.connections[0]!.socket.disconnect(true);

      const refused = await withError(tc, 'snapshot_too_large', 10_000);
      expect(refused).toMatchObject({ state: 'reconnecting', lastSeq: 10 });
      expect(refused.error!.message).toContain(`at most ${MAX_SNAPSHOT_PARTS}`);
      expect(tc.states.some((s) => s.state === 'replaying' && s.replay?.toSeq === 11)).toBe(false);
      expect(await requestCount(tc)).toBe(5);

      await liveAt(tc, 10); // the third connection replays (nothing new): live again, error cleared
      expect(tc.core.linkState().error).toBeNull();
      expect(await bootstrapLatency(tc)).toBeLessThan(Math.max(10 * idle, 250));
    } finally {
      pumps.forEach(clearInterval);
    }
  });

  it('stops collecting a snapshot once its parts add up to more bytes than a console stages', () => {
    const store = Store.open(join(t.dir, 'bytes.db'));
    try {
      const build = new Replicator(store, silentLogger).beginSnapshot();
      const collector = new SnapshotCollector(1, MAX_SNAPSHOT_PARTS, build);
      // full parts of the largest events §3.1 allows: 1,000 × ~64 KiB each
      const fat = 'x'.repeat(64 * 1024 - 200);
      const events = Array.from({ length: MAX_EVENTS_PER_MESSAGE }, () => ({ seq: 1, type: 'x.unknown', data: { fat } }));
      const partBytes = Buffer.byteLength(JSON.stringify(events));
      const fits = Math.floor(MAX_SNAPSHOT_BYTES / partBytes);
      for (let part = 1; part <= fits; part++) expect(collector.accept({ seq: 1, part, parts: MAX_SNAPSHOT_PARTS, events })).toBe('accepted');
      expect(collector.accept({ seq: 1, part: fits + 1, parts: MAX_SNAPSHOT_PARTS, events })).toBe('too_large');
      expect(collector.bytes).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES);
    } finally {
      store.close();
    }
  });
});
