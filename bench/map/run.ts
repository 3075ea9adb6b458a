// `npm run bench:map`: the live map under a whole city's load, in Chromium (software WebGL here).
// 5,000 open requests and 500 crews each sending one fix per second (in live batches every 200 ms,
// as the core coalesces them, plus 5 request changes a second), BENCH_SECONDS (default 60) for
// each of: the console's incremental map, the same map updated the way traccar-web does it (every
// source replaced on every batch), and the idle map, each in its own browser, measured in
// BENCH_ROUNDS interleaved windows. Prints figures and ratios; asserts nothing (see
// docs/performance.md for what they mean).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LoadResult } from '../../test/map/harness/api';
import { buildHarness, serve } from '../../test/map/serve';
import { launchChromium } from '../../test/support/browser';
import { tempDir } from '../../test/support/temp';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PHASES = ['incremental', 'replace-all', 'idle'] as const;
const REQUESTS = 5000;
const CREWS = 500;
const VIEWPORT = { width: 1920, height: 1080 };

type Phase = 'incremental' | 'replace-all' | 'idle';

interface Figures {
  phase: Phase;
  latency: { p50: number; p95: number; n: number; undrawn: number };
  frame: { p50: number; p95: number; n: number };
  longTaskMsPerS: number;
  rendererCpu: number;
  gpuCpu: number;
  /** Cores busy on the whole machine (of 2), ours and everyone else's, while the phase ran. */
  machineBusy: number;
  rendererRssMb: number;
  jsHeapMb: number | null;
  fixesPerS: number;
  updates: Record<string, { perS: number; callP50: number; callP95: number; appliedP50: number; appliedP95: number; resolved: number; calls: number }>;
}

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

type ProcessInfo = { type: string; id: number; cpuTime: number };
async function processes(browser: Browser): Promise<ProcessInfo[]> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
  await cdp.detach();
  return processInfo;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Busy and total jiffies of the whole machine, to tell how much other work competed with ours. */
function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

interface Run {
  phase: Phase;
  browser: Browser;
  page: Page;
  seconds: number;
  cpu: { renderer: number; gpu: number; machineBusy: number; machineTotal: number };
  rendererId: number;
  raw: Omit<LoadResult, 'sources' | 'jsHeapBytes'> & { sources: LoadResult['sources']; jsHeapBytes: number | null };
}

async function open(url: string, phase: Phase): Promise<Run> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.on('pageerror', (e) => console.error(`[${phase}] page error: ${e.message}`));
  const mode = phase === 'replace-all' ? 'replace-all' : 'incremental';
  await page.goto(`${url}/?requests=${REQUESTS}&crews=${CREWS}&mode=${mode}&testHooks`);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 180_000 });
  await page.evaluate(() => window.__harness!.drain(60_000));
  return {
    phase,
    browser,
    page,
    seconds: 0,
    cpu: { renderer: 0, gpu: 0, machineBusy: 0, machineTotal: 0 },
    rendererId: 0,
    raw: { latencyMs: [], undrawn: 0, frameMs: [], longTaskMs: 0, fixesSent: 0, batches: 0, sources: {}, jsHeapBytes: null },
  };
}

/** One measurement window of one phase, added to its totals; then the page is left to drain. */
async function measureWindow(run: Run, seconds: number): Promise<void> {
  const before = await processes(run.browser);
  const m0 = machineCpu();
  const t0 = performance.now();
  const r: LoadResult = await run.page.evaluate(
    (o) => window.__harness!.runLoad(o),
    { seconds, batchMs: 200, probes: 50, requestChangesPerSecond: 5, idle: run.phase === 'idle' },
  );
  const elapsed = (performance.now() - t0) / 1000;
  const m1 = machineCpu();
  const after = await processes(run.browser);
  const busiest = (type: string) => {
    // The busiest process of that type is our page's (Chromium keeps a spare renderer around).
    let best = { cpu: 0, id: 0 };
    for (const p of after.filter((x) => x.type === type)) {
      const cpu = p.cpuTime - (before.find((b) => b.id === p.id)?.cpuTime ?? 0);
      if (cpu > best.cpu) best = { cpu, id: p.id };
    }
    return best;
  };
  const renderer = busiest('renderer');
  run.rendererId = renderer.id || run.rendererId;
  run.seconds += elapsed;
  run.cpu.renderer += renderer.cpu;
  run.cpu.gpu += busiest('GPU').cpu;
  run.cpu.machineBusy += m1.busy - m0.busy;
  run.cpu.machineTotal += m1.total - m0.total;
  const raw = run.raw;
  raw.latencyMs.push(...r.latencyMs);
  raw.frameMs.push(...r.frameMs);
  raw.undrawn += r.undrawn;
  raw.longTaskMs += r.longTaskMs;
  raw.fixesSent += r.fixesSent;
  raw.batches += r.batches;
  raw.jsHeapBytes = r.jsHeapBytes;
  for (const [id, t] of Object.entries(r.sources)) {
    const into = (raw.sources[id] ??= { calls: 0, callMs: [], appliedMs: [] });
    into.calls += t.calls;
    into.callMs.push(...t.callMs);
    into.appliedMs.push(...t.appliedMs);
  }
  await run.page.evaluate(() => window.__harness!.drain(30_000));
}

function figures(run: Run): Figures {
  const r = run.raw;
  const updates: Figures['updates'] = {};
  for (const [id, t] of Object.entries(r.sources)) {
    updates[id] = {
      perS: t.calls / run.seconds,
      callP50: pct(t.callMs, 50),
      callP95: pct(t.callMs, 95),
      appliedP50: pct(t.appliedMs, 50),
      appliedP95: pct(t.appliedMs, 95),
      resolved: t.appliedMs.length,
      calls: t.calls,
    };
  }
  return {
    phase: run.phase,
    latency: { p50: pct(r.latencyMs, 50), p95: pct(r.latencyMs, 95), n: r.latencyMs.length, undrawn: r.undrawn },
    frame: { p50: pct(r.frameMs, 50), p95: pct(r.frameMs, 95), n: r.frameMs.length },
    longTaskMsPerS: r.longTaskMs / run.seconds,
    rendererCpu: run.cpu.renderer / run.seconds,
    gpuCpu: run.cpu.gpu / run.seconds,
    machineBusy: (2 * run.cpu.machineBusy) / Math.max(1, run.cpu.machineTotal),
    rendererRssMb: run.rendererId ? rssMb(run.rendererId) : NaN,
    jsHeapMb: r.jsHeapBytes === null ? null : r.jsHeapBytes / 2 ** 20,
    fixesPerS: r.fixesSent / run.seconds,
    updates,
  };
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

function print(all: Figures[]): void {
  console.log(`\nmap benchmark: ${REQUESTS} open requests, ${CREWS} crews × 1 fix/s, batches every 200 ms, ${SECONDS} s per phase, ${VIEWPORT.width}×${VIEWPORT.height}, software WebGL`);
  console.log('phase        | fix→screen p50 / p95 ms (n, undrawn) | frame p50 / p95 ms | long tasks ms/s | renderer CPU s/s | GPU proc CPU s/s | machine busy (of 2) | renderer RSS MB | JS heap MB | fixes/s');
  for (const f of all) {
    console.log(
      [
        f.phase.padEnd(12),
        `${f1(f.latency.p50)} / ${f1(f.latency.p95)} (${f.latency.n}, ${f.latency.undrawn})`.padEnd(36),
        `${f1(f.frame.p50)} / ${f1(f.frame.p95)}`.padEnd(18),
        f1(f.longTaskMsPerS).padEnd(15),
        f2(f.rendererCpu).padEnd(16),
        f2(f.gpuCpu).padEnd(16),
        f2(f.machineBusy).padEnd(19),
        f1(f.rendererRssMb).padEnd(15),
        (f.jsHeapMb === null ? '—' : f1(f.jsHeapMb)).padEnd(10),
        f1(f.fixesPerS),
      ].join(' | '),
    );
  }
  // A source's update promise resolves when its queue of worker updates has drained; under a
  // load it cannot keep up with, that never happens.
  console.log('\nper-update work (source: updates/s, main-thread time in the call p50/p95 ms, until the source reported it applied p50/p95 ms, updates that ever did)');
  for (const f of all) {
    for (const [id, u] of Object.entries(f.updates)) {
      console.log(
        `  ${f.phase.padEnd(12)} ${id.padEnd(9)} ${f1(u.perS).padStart(5)}/s  call ${f2(u.callP50)} / ${f2(u.callP95)}  applied ${f1(u.appliedP50)} / ${f1(u.appliedP95)}  (${u.resolved} of ${u.calls})`,
      );
    }
  }
  const ours = all.find((f) => f.phase === 'incremental')!;
  const base = all.find((f) => f.phase === 'replace-all')!;
  const idle = all.find((f) => f.phase === 'idle')!;
  const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('\nratios');
  console.log(`  fix→screen p95: baseline / incremental = ${f2(base.latency.p95 / ours.latency.p95)}× (goal ≥ 3: ${goal(base.latency.p95 >= 3 * ours.latency.p95)})`);
  console.log(`  fix→screen p50: baseline / incremental = ${f2(base.latency.p50 / ours.latency.p50)}×`);
  console.log(`  incremental fix→screen p95 in its own frame p95s = ${f2(ours.latency.p95 / ours.frame.p95)} (goal ≤ 3: ${goal(ours.latency.p95 <= 3 * ours.frame.p95)})`);
  console.log(`  frame p95 under load: incremental / baseline = ${f2(ours.frame.p95 / base.frame.p95)} (goal ≤ 1: ${goal(ours.frame.p95 <= base.frame.p95)})`);
  console.log(`  frame p95: incremental / idle = ${f2(ours.frame.p95 / idle.frame.p95)}`);
  console.log(`  renderer CPU: baseline / incremental = ${f2(base.rendererCpu / ours.rendererCpu)}×; incremental / idle = ${f2(ours.rendererCpu / idle.rendererCpu)}×`);
  console.log(`  long tasks: baseline / incremental = ${f2(base.longTaskMsPerS / ours.longTaskMsPerS)}×`);
}

async function main(): Promise<void> {
  const tmp = tempDir('c137-bench-map-');
  const runs: Run[] = [];
  try {
    const dist = path.join(tmp.dir, 'harness');
    await buildHarness(dist);
    const site = await serve(dist);
    try {
      for (const phase of PHASES) runs.push(await open(site.url, phase));
      // Interleaved windows, the order rotating every round: the machine is shared, and whatever
      // else runs on it then weighs on every phase alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < runs.length; k++) {
          const run = runs[(round + k) % runs.length];
          console.log(`round ${round + 1}/${ROUNDS}: ${run.phase}…`);
          await measureWindow(run, SECONDS / ROUNDS);
        }
      }
      print(runs.map(figures));
    } finally {
      for (const run of runs) await run.browser.close();
      await site.close();
    }
  } finally {
    tmp.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:map failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
