// Replay of a long backlog (§8: 100,000 events after a long outage) into a fresh core, next to
// the raw Socket.IO transfer rate of the same events from the same hub: a bare socket.io-client
// that resumes from 0 and only counts events (no validation, no storage). The ratio says how much
// of the wire's speed the core keeps (goal ≥ 0.65). Prints figures; asserts nothing.
//   npx tsx bench/replay.ts [--events 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { NAMESPACE, PROTOCOL_VERSION } from '../common/protocol/hub-protocol';
import { ensureConsoleId } from '../main/core/config';
import { startCore } from '../main/core/index';
import { silentLogger } from '../main/core/log';
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

/** Resume from 0 and count events until the ack's toSeq; timed from the resume ack. */
function rawTransfer(url: string, n: number): Promise<Run> {
  const socket = io(url + NAMESPACE, {
    auth: { protocol: PROTOCOL_VERSION, districtId: DISTRICT, consoleId: `bench-raw-${n}`, token: TOKEN },
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
      count += m.events.length;
      lastSeq = m.events[m.events.length - 1].seq;
      check();
    });
  });
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
  const raw1 = await rawTransfer(hub.url, 1);
  console.log(`raw socket.io transfer: ${describe(raw1)}`);
  const core = await coreReplay(hub.url);
  console.log(`core replay (applied):  ${describe(core)}`);
  console.log(`event-loop delay during the core's replay (${RESOLUTION_MS} ms sampling, included): ${core.delay}; idle process before: ${fmtDelay(idle)}`);
  const raw2 = await rawTransfer(hub.url, 2);
  console.log(`raw socket.io transfer: ${describe(raw2)}`);
  const rawRate = (rate(raw1) + rate(raw2)) / 2;
  console.log(`ratio core / raw (mean of both raw runs): ${(rate(core) / rawRate).toFixed(2)} (goal ≥ 0.65)`);
} finally {
  await hub.stop();
}
