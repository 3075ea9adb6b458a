// Two workstations of one district acting on the same requests at the same time (§5): the hub
// serialises them, so for every contested action exactly one command is applied and the other
// gets `conflict`; the loser's outbox records the failed ack and drops its optimistic effect; no
// request ends with two assignments; both consoles end equal to the hub.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../hub/index';
import { rng } from '../../hub/simulator/random';
import { queueCommand } from '../../main/core/commands';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { tempDir } from '../support/temp';
import {
  comparable, DISTRICT, Journal, logged, lookAtConsole, outboxOf, queueByCli, startConsole, stateByCli, testSeed, TOKEN, waitFor,
  type Proc,
} from './harness';

const PER_KIND = 12; // contested requests per kind of action
const BY_CLI = 3; // further assign contests queued by two command CLIs started at once

interface Contest {
  requestId: string;
  type: string;
  /** What each console asks for (same action, different details). */
  data: [Record<string, unknown>, Record<string, unknown>];
  ids: [string, string];
}

const tmp = tempDir('c137-race-');
afterAll(() => tmp.cleanup());

describe('two consoles of one district racing', () => {
  it('applies exactly one command per contested action; the loser sees the conflict; both end equal to the hub', async () => {
    const seed = testSeed();
    const r = rng(seed);
    const journal = new Journal(`race test, RESILIENCE_SEED=${seed}`);
    const dirs = [join(tmp.dir, 'console-a'), join(tmp.dir, 'console-b')] as const;
    const operators = ['op-a', 'op-b'] as const;
    dirs.forEach((d) => mkdirSync(d));
    let hub: RunningHub | undefined;
    const consoles: Proc[] = [];
    try {
      hub = await startHub({ port: 0, districts: [{ id: DISTRICT, token: TOKEN }], simulate: { mode: 'none', seed } });
      const h = hub;
      const newRequest = () => h.control.createRequest().id;
      const crew = (tag: string) => {
        const id = `race-${tag}`;
        h.control.upsertCrew({ id, name: `اکیپ ${tag}`, categories: [] }, 'available');
        return id;
      };
      const contests: Omit<Contest, 'ids'>[] = [];
      for (let i = 0; i < PER_KIND; i++) {
        const ack = newRequest();
        contests.push({ requestId: ack, type: 'request.acknowledge', data: [{ id: ack }, { id: ack }] });
        const assign = newRequest();
        contests.push({ requestId: assign, type: 'request.assign', data: [{ id: assign, crewId: crew(`a${i}`) }, { id: assign, crewId: crew(`b${i}`) }] });
        const close = newRequest();
        contests.push({ requestId: close, type: 'request.close', data: [{ id: close, resolution: 'cancelled' }, { id: close, resolution: 'invalid' }] });
      }
      const viaCli = Array.from({ length: BY_CLI }, (_, i) => {
        const id = newRequest();
        return { requestId: id, type: 'request.assign', data: [{ id, crewId: crew(`cli-a${i}`) }, { id, crewId: crew(`cli-b${i}`) }] } as Omit<Contest, 'ids'>;
      });

      consoles.push(...dirs.map((d, i) => startConsole(h.url, d, operators[i])));
      await waitFor(() => {
        for (const c of consoles) if (!c.alive()) throw new Error(`console exited: ${c.err.join('')}`);
        return dirs.every((d) => lookAtConsole(d)?.lastSeq === h.control.headSeq());
      }, 'both consoles to catch up', 120_000);
      journal.note(`both consoles live at seq ${h.control.headSeq()}`);

      // The same contested actions into both outboxes in the same instant, each console in its own order.
      const stores = dirs.map((d) => Store.open(join(d, DB_FILE_NAME)));
      const orders = [0, 1].map(() => {
        const o = contests.map((_, i) => i);
        for (let i = o.length - 1; i > 0; i--) {
          const j = r.int(0, i);
          [o[i], o[j]] = [o[j], o[i]];
        }
        return o;
      });
      const ids = contests.map(() => ['', ''] as [string, string]);
      for (let k = 0; k < contests.length; k++) {
        for (const side of [0, 1] as const) {
          const i = orders[side][k];
          ids[i][side] = queueCommand(stores[side], { type: contests[i].type, data: contests[i].data[side] }, operators[side]).commandId;
        }
      }
      stores.forEach((s) => s.close());
      // And a few from two command-line processes started together.
      const cliIds = await Promise.all(
        viaCli.map(async (c) => (await Promise.all([0, 1].map((side) => queueByCli(dirs[side], c.type, c.data[side], operators[side])))) as [string, string]),
      );
      const all: Contest[] = [...contests.map((c, i) => ({ ...c, ids: ids[i] })), ...viaCli.map((c, i) => ({ ...c, ids: cliIds[i] }))];
      journal.note(`queued ${all.length} contested actions into both consoles`);

      await waitFor(() => {
        for (const c of consoles) if (!c.alive()) throw new Error(`console exited: ${c.err.join('')}`);
        return dirs.every((d) => {
          const l = lookAtConsole(d);
          return l && l.pending === 0 && l.lastSeq === h.control.headSeq();
        });
      }, 'both outboxes to drain and both consoles to catch up', 120_000, 50);

      const applied = h.control.appliedCommands();
      const outboxes = dirs.map((d) => new Map(outboxOf(d).map((o) => [o.commandId, o])));
      const log = h.control.readLog(1);
      const effects = (requestId: string, type: string) => log.filter((e) => e.type === type && e.data.id === requestId);
      const hubState = h.control.state();
      const wins = [0, 0];
      const wrong: string[] = [];
      const loserLines: Promise<unknown>[] = [];
      for (const c of all) {
        const won = c.ids.map((id) => applied[id] === 1);
        if (won[0] === won[1]) {
          wrong.push(`${c.type} ${c.requestId}: applied ${c.ids.map((id) => applied[id] ?? 0).join(' and ')} times`);
          continue;
        }
        const w = won[0] ? 0 : 1;
        const l = 1 - w;
        wins[w]++;
        const winner = outboxes[w].get(c.ids[w]);
        const loser = outboxes[l].get(c.ids[l]);
        if (winner?.state !== 'acked' || winner.overlay) wrong.push(`${c.type} ${c.requestId}: winner's outbox row is ${JSON.stringify(winner)}`);
        if (loser?.state !== 'failed' || loser.errorCode !== 'conflict' || loser.overlay) {
          wrong.push(`${c.type} ${c.requestId}: loser's outbox row is ${JSON.stringify(loser)}`);
        }
        const conflict = logged(consoles[l], `command ${c.ids[l]} (${c.type}) failed: conflict`);
        loserLines.push(conflict.catch(() => wrong.push(`${c.type} ${c.requestId}: loser logged no conflict`)));
        const request = hubState.requests.find((x) => x.id === c.requestId)!;
        if (c.type === 'request.assign') {
          const assigned = effects(c.requestId, 'request.assigned');
          if (assigned.length !== 1 || request.crewId !== c.data[w].crewId) wrong.push(`assign ${c.requestId}: ${assigned.length} assignments, crew ${request.crewId}`);
          const crews = new Map(hubState.crews.map((x) => [x.id, x.status]));
          if (crews.get(c.data[w].crewId as string) !== 'assigned' || crews.get(c.data[l].crewId as string) !== 'available') {
            wrong.push(`assign ${c.requestId}: crews ${crews.get(c.data[w].crewId as string)} / ${crews.get(c.data[l].crewId as string)}`);
          }
        } else if (c.type === 'request.acknowledge') {
          if (effects(c.requestId, 'request.acknowledged').length !== 1 || request.status !== 'acknowledged') wrong.push(`ack ${c.requestId}: not acknowledged exactly once`);
        } else {
          const closed = effects(c.requestId, 'request.closed');
          if (closed.length !== 1 || closed[0].data.resolution !== c.data[w].resolution) wrong.push(`close ${c.requestId}: closed ${closed.length} times`);
        }
      }
      await Promise.all(loserLines);
      journal.note(`console A won ${wins[0]}, console B won ${wins[1]} of ${all.length}`);
      expect(wrong).toEqual([]);

      const states = await Promise.all(dirs.map((d) => stateByCli(d)));
      for (const s of states) {
        expect(comparable(s)).toEqual(comparable(hubState));
        expect(s).toMatchObject({ lastSeq: h.control.headSeq(), hubId: h.control.hubId(), outboxPending: 0 });
      }
      for (const c of consoles) expect(await c.stop()).toEqual({ code: 0, signal: null });
    } finally {
      journal.print();
      await Promise.all(consoles.map((c) => c.kill9()));
      await hub?.close();
    }
  }, 240_000);
});
