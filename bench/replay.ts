// Replay of a long backlog (§8: 100,000 events after a long outage) into a core, next to the raw
// Socket.IO transfer rate of the same events from the same hub: a bare socket.io-client that
// resumes from 0 and only counts events (no validation, no storage). The ratio says how much of
// the wire's speed the core keeps (goal ≥ 0.65), in a fresh process and in a warm one. Floor
// consumers (lib/floor.ts), which do only what §3 demands of any console, on one thread and on
// two, show what this machine allows. Prints figures; asserts nothing.
//   npx tsx bench/replay.ts [--events 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureConsoleId } from '../main/core/config';
import { startCore } from '../main/core/index';
import { silentLogger } from '../main/core/log';
import { delayMonitor, eventLoopDelay, fmtDelay, RESOLUTION_MS } from './lib/delay';
import { floorConsumer, splitFloorConsumer } from './lib/floor';
import { DISTRICT, machine, numberFlag, startHubProcess, TOKEN } from './lib/hub-process';
import { cpuMs, stream, type Run } from './lib/stream';

const EVENTS = numberFlag('events', 100_000);

const rate = (r: Run) => (r.events / r.ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const describe = (r: Run) =>
  `${fmt(r.events)} events in ${fmt(r.ms)} ms = ${fmt(rate(r))} events/s; this process's CPU ${((r.cpuMs * 1000) / r.events).toFixed(1)} µs/event`;

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
  const split = await splitFloorConsumer(hub.url);
  console.log(`the same, split over two threads:         ${describe(split)}`);
  const raw2 = await stream(hub.url, 'raw-2');
  console.log(`raw socket.io transfer: ${describe(raw2)}`);
  const rawRate = (rate(raw1) + rate(raw2)) / 2;
  const ratio = (r: Run) => (rate(r) / rawRate).toFixed(2);
  console.log(`ratio to the raw rate (mean of both raw runs): core ${ratio(cold)} fresh, ${ratio(warm)} warm (goal ≥ 0.65); floor ${ratio(floor)}, with state ${ratio(floorState)}, split ${ratio(split)}`);
} finally {
  await hub.stop();
}
