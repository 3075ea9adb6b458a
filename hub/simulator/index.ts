// Simulator modes (hub/README.md):
// - none:  a fresh district gets its roster (contractors, crews all available); nothing else.
// - day:   a fresh district gets its roster and the night shift's backlog (3 simulated hours with
//          simulated operators, stamped in the past), then the day runs live, `speed` times
//          faster than the wall clock, with crews' GPS fixes every 5 s.
// - burst: a fresh district gets `burstEvents` events of simulated history in one transaction,
//          then the hub idles.
// - flood: `floodCrews` extra crews each send one fix per second, in batches every 100 ms.
// A district loaded from an existing data dir keeps its log; day mode carries on from its state.
import type { District } from '../district';
import { DistrictSim } from './district-sim';
import { seedRoster } from './generate';
import { startFlood } from './flood';
import { rng } from './random';

export interface SimulateOptions {
  mode: 'none' | 'day' | 'burst' | 'flood';
  speed?: number;
  seed?: number;
  burstEvents?: number;
  floodCrews?: number;
}

const MIN = 60_000;
const FIX_EVERY_MS = 5000;
const TICK_MS = 200;
const iso = (t: number) => new Date(t).toISOString();

/** Start the simulation on every district; returns its stop function. */
export function startSimulation(districts: District[], opts: SimulateOptions, log: (line: string) => void): () => void {
  const seed = opts.seed ?? 1;
  const stops = districts.map((d, i) => {
    const r = rng(seed + i * 7919);
    switch (opts.mode) {
      case 'none':
        if (d.fresh) seedRoster(d, () => 'available');
        return () => {};
      case 'day':
        return runDay(d, r, opts.speed ?? 1, log);
      case 'burst':
        runBurst(d, r, opts.burstEvents ?? 100_000, log);
        return () => {};
      case 'flood':
        if (d.fresh) seedRoster(d, () => 'available');
        return startFlood(d, r, opts.floodCrews ?? 500, log);
    }
  });
  return () => stops.forEach((stop) => stop());
}

function runDay(d: District, r: ReturnType<typeof rng>, speed: number, log: (line: string) => void): () => void {
  const now = Date.now();
  const backlog = d.fresh;
  const sim = new DistrictSim(d, r, { operators: backlog, stamp: iso, arrivalMinutes: 6 }, backlog ? now - 180 * MIN : now);
  d.batch(() => {
    if (backlog) sim.seedRoster();
    sim.begin();
    sim.clock.runUntil(now);
  });
  sim.opts = { operators: false, stamp: () => iso(Date.now()), arrivalMinutes: 6 };
  log(`day simulation of district ${d.id} at ${speed}x from seq ${d.headSeq}`);

  const real0 = Date.now();
  const sim0 = sim.clock.now;
  const lastFix = new Map<string, number>();
  let n = 0;
  const due = (crewId: string) => {
    const t = Date.now();
    // Staggered first fixes, then one per crew every FIX_EVERY_MS.
    const last = lastFix.get(crewId) ?? t - FIX_EVERY_MS + (n++ % 25) * TICK_MS;
    if (t - last < FIX_EVERY_MS) {
      lastFix.set(crewId, last);
      return false;
    }
    lastFix.set(crewId, t);
    return true;
  };
  const timer = setInterval(() => {
    try {
      d.batch(() => sim.clock.runUntil(sim0 + (Date.now() - real0) * speed));
      const fixes = sim.fixes(due, iso(Date.now()));
      if (fixes.length > 0) d.pushFixes(fixes);
    } catch (err) {
      log(`day simulation of district ${d.id} failed a step: ${(err as Error).message}`);
    }
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    sim.stop();
  };
}

function runBurst(d: District, r: ReturnType<typeof rng>, events: number, log: (line: string) => void): void {
  if (!d.fresh) return; // the backlog was made when this data dir was created
  const t0 = Date.now();
  // About 11 events per request at one request per 5 simulated minutes: start far enough back
  // that the backlog ends around now.
  const span = (events / 11) * 7 * MIN;
  const sim = new DistrictSim(d, r, { operators: true, stamp: iso, arrivalMinutes: 7 }, t0 - span);
  const head0 = d.headSeq;
  d.batch(() => {
    sim.seedRoster();
    sim.begin();
    sim.clock.runUntil(Number.MAX_SAFE_INTEGER, () => d.headSeq - head0 >= events);
  });
  sim.stop();
  log(`burst: ${d.headSeq - head0} events for district ${d.id} in ${Date.now() - t0} ms`);
}
