// The hub goes away under a running console (§8 "hub restarts, link drops in the middle of a
// replay"):
// 1. the hub process is SIGKILLed mid-replay with commands in flight and comes back on the same
//    data dir (same log, same hubId): the console resumes with a replay — its log holds every
//    seq once, no snapshot — and every command is applied once;
// 2. the hub's log is reset (new hubId) while the console is live: it takes a snapshot;
// 3. reset again while the console is down with commands in its outbox: snapshot, and the outbox
//    survives it — every command is applied once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../hub/index';
import { rng } from '../../hub/simulator/random';
import { queueCommand } from '../../main/core/commands';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { tempDir } from '../support/temp';
import {
  comparable, DISTRICT, exactlyOnceProblems, Journal, logged, lookAtConsole, outboxOf, queueByCli, requestIdsOf, startConsole,
  startHubProcess, stateByCli, storedLogOf, testSeed, TOKEN, waitFor, type Proc,
} from './harness';

const BACKLOG = 30_000;
const OPERATOR = 'op-restart';

const tmp = tempDir('c137-hubrestart-');
afterAll(() => tmp.cleanup());

describe('hub restart and log reset under a running console', () => {
  it('resumes with a replay after a hub restart on the same data dir, takes a snapshot after a reset, keeps its outbox', async () => {
    const seed = testSeed();
    const r = rng(seed);
    const journal = new Journal(`hub restart test, RESILIENCE_SEED=${seed}`);
    const hubDir = join(tmp.dir, 'hub');
    const dir = join(tmp.dir, 'console');
    mkdirSync(dir);
    let hubProc: Proc | undefined;
    let hub: RunningHub | undefined;
    let c: Proc | undefined;
    const queued = new Map<string, string>();
    const alive = (p: Proc) => p.alive() || (() => { throw new Error(`console exited: ${p.err.join('').slice(-2000)}`); })();
    const caughtUp = (h: RunningHub, what: string) =>
      waitFor(() => {
        alive(c!);
        const l = lookAtConsole(dir);
        return l && l.pending === 0 && l.lastSeq === h.control.headSeq() && l.hubId === h.hubId();
      }, what, 120_000, 50);
    try {
      // 1. Hub process with a backlog; the console replays it and sends commands meanwhile.
      const p = (hubProc = await startHubProcess(['--port', '0', '--data-dir', hubDir, '--mode', 'burst', '--burst-events', String(BACKLOG), '--seed', String(seed)]));
      journal.note(`hub process pid=${p.pid} at ${p.url}`);
      c = startConsole(p.url, dir, OPERATOR);
      const first = await waitFor(() => alive(c!) && lookAtConsole(dir)?.lastSeq, 'replay to start', 120_000, 10);
      const hubId = lookAtConsole(dir)!.hubId;
      const killAt = first + r.int(1_000, 8_000);
      await waitFor(() => alive(c!) && (lookAtConsole(dir)?.lastSeq ?? 0) >= killAt, `replay past ${killAt}`, 120_000, 10);
      // Commands go out during the replay; the hub dies once some of them are acknowledged.
      const store = Store.open(join(dir, DB_FILE_NAME));
      for (const id of requestIdsOf(dir, 40)) queued.set(queueCommand(store, { type: 'request.note', data: { id, note: 'پیش از راه‌اندازی دوباره' } }, OPERATOR).commandId, 'request.note');
      store.close();
      const j = r.int(1, 10); // most still unsent: the hub dies with commands in flight, well before the replay ends
      await waitFor(() => alive(c!) && outboxOf(dir).filter((o) => o.state === 'acked').length >= j, `${j} commands acked`, 120_000, 5);
      await p.kill9();
      const atKill = lookAtConsole(dir)!;
      const acked = outboxOf(dir).filter((o) => o.state === 'acked').length;
      journal.note(`hub SIGKILLed: console lastSeq ${atKill.lastSeq} of ${BACKLOG}+, ${acked}/${queued.size} commands acked, ${atKill.pending} pending`);
      expect(atKill.lastSeq).toBeLessThan(BACKLOG); // mid-replay
      expect(atKill.pending).toBeGreaterThan(0); // commands in flight

      // The same hub comes back on the same port and data dir (in-process now, to inspect it).
      hub = await startHub({ port: p.port, dataDir: hubDir, districts: [{ id: DISTRICT, token: TOKEN }], simulate: { mode: 'none' } });
      const h = hub;
      expect(h.hubId()).toBe(hubId);
      journal.note(`hub back at seq ${h.control.headSeq()}`);
      await caughtUp(h, 'the console to resume and catch up after the hub restart');
      journal.note(`console caught up at ${h.control.headSeq()}`);
      const err1 = c.err.join('');
      expect(err1).not.toContain('snapshot applied');
      expect(err1.match(/connected to hub/g)?.length).toBeGreaterThanOrEqual(2);
      expect(storedLogOf(dir)).toMatchObject({ rows: h.control.headSeq(), distinctSeqs: h.control.headSeq(), minSeq: 1, maxSeq: h.control.headSeq() });
      expect(exactlyOnceProblems(queued, h, dir)).toEqual([]);
      expect(comparable(await stateByCli(dir))).toEqual(comparable(h.control.state()));

      // 2. Log reset while the console is live: dropped, then a snapshot under the new hubId.
      journal.note('resetting the log under the live console');
      h.control.resetLog();
      expect(h.hubId()).not.toBe(hubId);
      for (let i = 0; i < 5; i++) h.control.createRequest();
      await caughtUp(h, 'the console to take the snapshot after a log reset');
      await logged(c, 'snapshot applied');
      expect(comparable(await stateByCli(dir))).toEqual(comparable(h.control.state()));
      journal.note(`snapshot after a live reset; console at ${h.control.headSeq()} of hub ${h.hubId()}`);

      // 3. Reset while the console is down, with commands waiting in its outbox.
      await c.kill9();
      const fresh = h.control.createRequest().id;
      const waiting = await Promise.all([
        queueByCli(dir, 'request.acknowledge', { id: fresh }, OPERATOR),
        queueByCli(dir, 'request.note', { id: fresh, note: 'در صف، پیش از بازنشانی' }, OPERATOR),
      ]);
      journal.note('console killed; 2 commands queued by the command CLI');
      queued.set(waiting[0], 'request.acknowledge');
      queued.set(waiting[1], 'request.note');
      expect(lookAtConsole(dir)!.pending).toBe(2);
      const before = h.hubId();
      h.control.resetLog();
      expect(h.hubId()).not.toBe(before);
      c = startConsole(h.url, dir, OPERATOR);
      await caughtUp(h, 'the restarted console to take the snapshot and send its outbox');
      await logged(c, 'snapshot applied');
      expect(exactlyOnceProblems(queued, h, dir)).toEqual([]);
      const state = await stateByCli(dir);
      expect(comparable(state)).toEqual(comparable(h.control.state()));
      expect(state.requests.find((x) => x.id === fresh)?.status).toBe('acknowledged');
      journal.note(`outbox sent after the snapshot; console at ${h.control.headSeq()}`);
      expect(await c.stop()).toEqual({ code: 0, signal: null });
    } finally {
      journal.print();
      await c?.kill9();
      await hubProc?.kill9();
      await hub?.close();
    }
  }, 240_000);
});
