// Replay of a long backlog (§8: 100,000 events after a long outage) into a core, next to the raw
// Socket.IO transfer rate of the same events from the same hub: a bare socket.io-client that
// resumes from 0 and only counts events (no validation, no storage). The ratio says how much of
// the wire's speed the core keeps (goal ≥ 0.65), in a fresh process and in a warm one. A floor
// consumer that only validates and appends shows what this machine allows any console. Prints
// figures; asserts nothing.
//   npx tsx bench/replay.ts [--events 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { NAMESPACE, parseEvent, PROTOCOL_VERSION } from '../common/protocol/hub-protocol';
import { ensureConsoleId } from '../main/core/config';
import { Store, type StoredEvent } from '../main/core/db/store';
import { crewIdOf, isCrewEvent, reduceCrew, type CrewState } from '../main/core/domain/crew';
import { isRequestEvent, reduceRequest, requestIdOf, type RequestState } from '../main/core/domain/request';
import { startCore } from '../main/core/index';
import { silentLogger } from '../main/core/log';
import { logRow } from '../main/core/sync/replicator';
import { delayMonitor, eventLoopDelay, fmtDelay, RESOLUTION_MS } from './lib/delay';
import { DISTRICT, machine, numberFlag, startHubProcess, TOKEN } from './lib/hub-process';

const EVENTS = numberFlag('events', 100_000);

interface Run {
  events: number;
  ms: number;
  /** CPU time of this process during the run (the hub's is in its own process). */
  cpuMs: number;
}
const rate = (r: Run) => (r.events / r.ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
const describe = (r: Run) =>
  `${fmt(r.events)} events in ${fmt(r.ms)} ms = ${fmt(rate(r))} events/s; this process's CPU ${((r.cpuMs * 1000) / r.events).toFixed(1)} µs/event`;

/**
 * Resume from 0, hand every `events` message to `consume` and stop at the ack's toSeq; timed
 * from the resume ack. With a consumer that only counts, this is the raw transfer rate.
 */
function stream(url: string, name: string, consume: (events: { seq: number }[]) => void = () => {}): Promise<Run> {
  const socket = io(url + NAMESPACE, {
    auth: { protocol: PROTOCOL_VERSION, districtId: DISTRICT, consoleId: `bench-${name}`, token: TOKEN },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let cpu0 = process.cpuUsage();
    let toSeq = 0;
    let lastSeq = 0;
    let count = 0;
    const check = () => {
      if (toSeq === 0 || lastSeq < toSeq) return;
      const ms = performance.now() - t0;
      socket.close();
      resolve({ events: count, ms, cpuMs: cpuMs(cpu0) });
    };
    socket.on('connect_error', reject);
    socket.on('hello', () =>
      socket.emit('resume', { afterSeq: 0, hubId: null }, (ack: { toSeq: number }) => {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
        toSeq = ack.toSeq;
        check();
      }),
    );
    socket.on('events', (m: { events: { seq: number }[] }) => {
      consume(m.events);
      count += m.events.length;
      lastSeq = m.events[m.events.length - 1].seq;
      check();
    });
  });
}

/**
 * The least a console that follows §3 must do with each message, in one transaction: validate
 * every event against the same schemas, append it to the log (the core's own table and index)
 * and, with `state`, fold it into the request or crew it changes (the core's reducers, rows
 * held in memory) and write each changed row once; then the new lastSeq. No live feed, no
 * outbox, no link logic. Its rate is the ceiling this machine puts on the core.
 */
async function floorConsumer(url: string, state: boolean): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'c137-bench-floor-'));
  const store = Store.open(join(dir, 'floor.db'));
  const requests = new Map<string, RequestState | null>();
  const crews = new Map<string, CrewState | null>();
  try {
    const apply = (raws: { seq: number }[]) => {
      const log: StoredEvent[] = [];
      const dirtyRequests = new Set<string>();
      const dirtyCrews = new Set<string>();
      let lastAt: string | null = null;
      for (const raw of raws) {
        const p = parseEvent(raw);
        if (!p.ok) continue;
        const e = p.event;
        let targetId: string | null = null;
        if (state && !('unknown' in e) && isRequestEvent(e)) {
          targetId = requestIdOf(e);
          requests.set(targetId, reduceRequest(requests.get(targetId) ?? null, e));
          dirtyRequests.add(targetId);
        } else if (state && !('unknown' in e) && isCrewEvent(e)) {
          targetId = crewIdOf(e);
          crews.set(targetId, reduceCrew(crews.get(targetId) ?? null, e));
          dirtyCrews.add(targetId);
        }
        log.push(logRow(e, targetId));
        lastAt = e.at;
      }
      store.refetchableTx(() => {
        store.insertEvents(log);
        for (const id of dirtyRequests) {
          const r = requests.get(id);
          if (r) store.putRequest(r);
        }
        for (const id of dirtyCrews) {
          const c = crews.get(id);
          if (c) store.putCrew(c);
        }
        store.setCursor(raws[raws.length - 1].seq, lastAt);
      });
    };
    return await stream(url, state ? 'floor-state' : 'floor', apply);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh core replays everything; timed from `replaying` (the resume ack) to `live`. */
async function coreReplay(url: string): Promise<Run & { delay: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'c137-bench-replay-'));
  try {
    const config = { hubUrl: url, districtId: DISTRICT, token: TOKEN, dataDir: dir, operatorId: 'bench', consoleId: ensureConsoleId(dir) };
    const delay = delayMonitor();
    let t0 = 0;
    let cpu0 = process.cpuUsage();
    let done: (r: Run) => void;
    const finished = new Promise<Run>((r) => (done = r));
    const core = await startCore(config, { log: silentLogger });
    core.onLinkState((s) => {
      if (s.state === 'replaying' && t0 === 0) {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
        delay.enable();
      }
      if (s.state === 'live' && t0 > 0) done({ events: s.lastSeq, ms: performance.now() - t0, cpuMs: cpuMs(cpu0) });
    });
    const run = await finished;
    delay.disable();
    await core.close();
    return { ...run, delay: fmtDelay(delay) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`replay benchmark — ${machine()}, ${new Date().toISOString()}`);
const idle = await eventLoopDelay(3000);
const t = performance.now();
const hub = await startHubProcess(['--mode', 'burst', '--burst-events', String(EVENTS), '--seed', '1']);
console.log(`hub process with a ${fmt(EVENTS)}-event backlog ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
try {
  const raw1 = await stream(hub.url, 'raw-1');
  console.log(`raw socket.io transfer: ${describe(raw1)}`);
  // The first replay in this process is a console started after the outage (its code not yet
  // optimised by V8); the second, one that kept running through it.
  const cold = await coreReplay(hub.url);
  console.log(`core replay, fresh process (applied): ${describe(cold)}`);
  console.log(`  event-loop delay (${RESOLUTION_MS} ms sampling, included): ${cold.delay}; idle process before: ${fmtDelay(idle)}`);
  const warm = await coreReplay(hub.url);
  console.log(`core replay, warm process (applied):  ${describe(warm)}`);
  console.log(`  event-loop delay: ${warm.delay}`);
  const floor = await floorConsumer(hub.url, false);
  console.log(`floor consumer, validate + append:         ${describe(floor)}`);
  const floorState = await floorConsumer(hub.url, true);
  console.log(`floor consumer, validate + append + state: ${describe(floorState)}`);
  const raw2 = await stream(hub.url, 'raw-2');
  console.log(`raw socket.io transfer: ${describe(raw2)}`);
  const rawRate = (rate(raw1) + rate(raw2)) / 2;
  const ratio = (r: Run) => (rate(r) / rawRate).toFixed(2);
  console.log(`ratio to the raw rate (mean of both raw runs): core ${ratio(cold)} fresh, ${ratio(warm)} warm (goal ≥ 0.65); floor ${ratio(floor)}, with state ${ratio(floorState)}`);
} finally {
  await hub.stop();
}
