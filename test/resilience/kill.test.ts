// kill -9 of the console at random moments — mid-replay, with commands in flight, at any time —
// then restart: in the end the console's state equals the hub's, every queued command was applied
// exactly once and none was lost, and the console's log holds every seq exactly once.
//
// The console is the real headless CLI (killed with SIGKILL); commands are queued into its data
// directory by the real command CLI and, for bulk batches, by the same queueCommand() the CLI runs
// (a process start per command would not fit the time budget). The hub runs in-process: only the
// console is killed. Randomness is seeded; RESILIENCE_SEED=<seed> replays a run's kill schedule.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../hub/index';
import { rng, type Rng } from '../../hub/simulator/random';
import { queueCommand } from '../../main/core/commands';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { tempDir } from '../support/temp';
import {
  comparable, DISTRICT, exactlyOnceProblems, Journal, lookAtConsole, queueByCli, sleep, startConsole, stateByCli, storedLogOf,
  testSeed, TOKEN, waitFor, type Proc,
} from './harness';

const BACKLOG = 30_000; // events of simulated history before the console first starts
const MIN_BACKLOG = 6_000; // a replay kill needs this much left to land mid-replay on a fast machine too
const TARGETS = 60; // requests the commands act on
const OPERATOR = 'op-kill';

type Kind = 'replay' | 'commands' | 'random';
interface Cmd {
  type: string;
  data: Record<string, unknown>;
}

/** Commands that all succeed when applied in queue order: per request ack, note, assign, en route, note; then notes. */
function* commandPlan(requests: string[], crews: string[], r: Rng): Generator<Cmd> {
  const phases: ((id: string, i: number) => Cmd)[] = [
    (id) => ({ type: 'request.acknowledge', data: { id } }),
    (id) => ({ type: 'request.note', data: { id, note: `بازدید اولیه ${id}` } }),
    (id, i) => ({ type: 'request.assign', data: { id, crewId: crews[i] } }),
    (id) => ({ type: 'request.set_status', data: { id, status: 'en_route' } }),
    (id) => ({ type: 'request.note', data: { id, note: 'اکیپ در راه است' } }),
  ];
  for (const phase of phases) for (let i = 0; i < requests.length; i++) yield phase(requests[i], i);
  for (let n = 1; ; n++) yield { type: 'request.note', data: { id: r.pick(requests), note: `پیگیری ${n}` } };
}

const tmp = tempDir('c137-kill-');
afterAll(() => tmp.cleanup());

describe('console killed with SIGKILL', () => {
  it('converges with the hub after 20+ kills mid-replay and with commands in flight; each command applied once', async () => {
    const seed = testSeed();
    const r = rng(seed);
    const journal = new Journal(`kill test, RESILIENCE_SEED=${seed}`);
    const dir = join(tmp.dir, 'console');
    mkdirSync(dir);
    let hub: RunningHub | undefined;
    let running: Proc | undefined;
    try {
      hub = await startHub({ port: 0, districts: [{ id: DISTRICT, token: TOKEN }], simulate: { mode: 'burst', burstEvents: BACKLOG, seed } });
      const h = hub;
      const crews = Array.from({ length: TARGETS }, (_, i) => `res-crew-${String(i + 1).padStart(2, '0')}`);
      for (const id of crews) h.control.upsertCrew({ id, name: `اکیپ ${id}`, categories: [] }, 'available');
      const targets = Array.from({ length: TARGETS }, () => h.control.createRequest().id);
      journal.note(`hub ${h.url} head=${h.control.headSeq()}`);

      const plan = commandPlan(targets, crews, r);
      const queued = new Map<string, string>(); // commandId -> type
      const cliRuns: Promise<void>[] = [];
      let planned = 0;
      const queueBatch = (n: number): string[] => {
        const store = Store.open(join(dir, DB_FILE_NAME));
        try {
          return Array.from({ length: n }, () => {
            const cmd = plan.next().value as Cmd;
            planned++;
            const { commandId } = queueCommand(store, cmd, OPERATOR);
            queued.set(commandId, cmd.type);
            return commandId;
          });
        } finally {
          store.close();
        }
      };
      const queueNoteByCli = () => {
        const data = { id: r.pick(targets), note: 'از خط فرمان' };
        cliRuns.push(queueByCli(dir, 'request.note', data, OPERATOR).then((id) => void queued.set(id, 'request.note')));
      };
      const topUp = (events: number) => {
        const ids = h.control.state().requests.map((x) => x.id);
        for (let i = 0; i < events; i++) h.control.applyAsActor({ type: 'request.note', data: { id: r.pick(ids), note: 'پیام مرکز' } });
      };

      // The kill schedule: a seeded shuffle, so each kind is certain to occur.
      const kinds: Kind[] = [...Array(12).fill('replay'), ...Array(6).fill('commands'), ...Array(4).fill('random')];
      for (let i = kinds.length - 1; i > 0; i--) {
        const j = r.int(0, i);
        [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
      }

      const kills: { kind: Kind; midReplay: boolean; inFlight: boolean }[] = [];
      for (const kind of kinds) {
        const start = lookAtConsole(dir)?.lastSeq ?? 0;
        if (kind === 'replay' && h.control.headSeq() - start < MIN_BACKLOG) topUp(MIN_BACKLOG + 3_000 - (h.control.headSeq() - start));
        const head = h.control.headSeq();
        const batch = kind === 'commands' ? queueBatch(r.int(16, 40)) : [];
        const c = (running = startConsole(h.url, dir, OPERATOR));
        if (r.chance(0.5)) queueNoteByCli();
        const alive = () => c.alive() || fail(c);
        let why: string;
        if (kind === 'replay') {
          const target = start + r.int(1_000, head - start - 4_000);
          await waitFor(() => alive() && (lookAtConsole(dir)?.lastSeq ?? 0) >= target, `replay past seq ${target}`, 120_000, 10);
          await sleep(r.int(0, 15)); // somewhere inside the next transaction
          why = `lastSeq≥${target}`;
        } else if (kind === 'commands') {
          const applied = () => batch.filter((id) => h.control.appliedCommands()[id]).length;
          const j = r.int(1, batch.length - 8); // leave several unsent, so the kill finds some in flight
          await waitFor(() => alive() && applied() >= j, `${j} of ${batch.length} commands applied`, 120_000, 5);
          why = `${j}/${batch.length} applied`;
        } else {
          const ms = r.int(300, 3_000);
          await sleep(ms);
          alive();
          why = `${ms} ms after spawn`;
        }
        const applied = h.control.appliedCommands();
        const atKill = { head: h.control.headSeq(), batchApplied: batch.filter((id) => applied[id]).length };
        await c.kill9();
        const after = lookAtConsole(dir);
        const lastSeq = after?.lastSeq ?? 0;
        const midReplay = lastSeq > start && lastSeq < atKill.head;
        const inFlight = atKill.batchApplied > 0 && (after?.pending ?? 0) > 0;
        kills.push({ kind, midReplay, inFlight });
        journal.note(
          `kill #${kills.length} pid=${c.pid} ${kind} (${why}): lastSeq ${start}→${lastSeq} of head ${atKill.head}` +
            `${midReplay ? ' MID-REPLAY' : ''}; outbox pending ${after?.pending ?? '-'}${batch.length ? `, batch applied ${atKill.batchApplied}/${batch.length}` : ''}`,
        );
        if (r.chance(0.3)) journal.note(`queued ${queueBatch(r.int(1, 10)).length} commands while the console is down`);
      }

      // Everything planned is queued; the last console must apply it all and catch up.
      queueBatch(Math.max(0, 5 * TARGETS - planned));
      await Promise.all(cliRuns);
      const last = (running = startConsole(h.url, dir, OPERATOR));
      await waitFor(() => {
        if (!last.alive()) fail(last);
        const l = lookAtConsole(dir);
        return l && l.pending === 0 && l.lastSeq === h.control.headSeq();
      }, 'the last console to catch up with an empty outbox', 180_000, 50);
      journal.note(`caught up at seq ${h.control.headSeq()}, ${queued.size} commands queued`);

      // The kills were what the test claims.
      expect(kills.length).toBeGreaterThanOrEqual(20);
      expect(kills.filter((k) => k.kind === 'replay' && k.midReplay).length).toBeGreaterThanOrEqual(10);
      expect(kills.filter((k) => k.kind === 'commands' && k.inFlight).length).toBeGreaterThanOrEqual(5);

      // State equals the hub's.
      const state = await stateByCli(dir);
      expect(comparable(state)).toEqual(comparable(h.control.state()));
      expect(state).toMatchObject({ lastSeq: h.control.headSeq(), hubId: h.control.hubId(), outboxPending: 0, rejectedEvents: 0 });

      // Every queued command applied exactly once, none missing, none failed.
      expect(exactlyOnceProblems(queued, h, dir)).toEqual([]);

      // Each seq applied once: the console's log is exactly 1…head (no replay duplicated or skipped an event).
      expect(storedLogOf(dir)).toMatchObject({ rows: h.control.headSeq(), distinctSeqs: h.control.headSeq(), minSeq: 1, maxSeq: h.control.headSeq() });

      expect(await last.stop()).toEqual({ code: 0, signal: null });
      expect(last.err.join('')).not.toContain(TOKEN);
    } catch (err) {
      running?.err.slice(-20).forEach((l) => journal.note(`console stderr: ${l.trim()}`));
      throw err;
    } finally {
      journal.print();
      await running?.kill9();
      await hub?.close();
    }
  }, 300_000);
});

function fail(p: Proc): never {
  throw new Error(`console pid ${p.pid} exited by itself: ${p.err.join('').slice(-2000)}`);
}
