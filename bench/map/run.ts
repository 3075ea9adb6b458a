// `npm run bench:map`: the live map under a whole city's load, in Chromium (software WebGL here).
// 5,000 open requests and 500 crews each sending one fix per second (in live batches every 200 ms,
// as the core coalesces them, plus 5 request changes a second), for BENCH_SECONDS (default 60),
// three times in fresh browsers: the console's incremental map, the same map updated the way
// traccar-web does it (every source replaced on every batch), and the idle map. Prints figures and
// ratios; asserts nothing (see docs/performance.md for what they mean).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LoadResult } from '../../test/map/harness/api';
import { buildHarness, serve } from '../../test/map/serve';
import { launchChromium } from '../../test/support/browser';
import { tempDir } from '../../test/support/temp';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const REQUESTS = 5000;
const CREWS = 500;
const VIEWPORT = { width: 1920, height: 1080 };

type Phase = 'incremental' | 'replace-all' | 'idle';

interface Figures {
  phase: Phase;
  latency: { p50: number; p95: number; n: number };
  frame: { p50: number; p95: number; n: number };
  longTaskMsPerS: number;
  rendererCpu: number;
  gpuCpu: number;
  rendererRssMb: number;
  jsHeapMb: number | null;
  fixesPerS: number;
  updates: Record<string, { perS: number; callP50: number; callP95: number; appliedP50: number; appliedP95: number }>;
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

async function measure(url: string, phase: Phase): Promise<Figures> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (e) => console.error(`[${phase}] page error: ${e.message}`));
    const mode = phase === 'replace-all' ? 'replace-all' : 'incremental';
    await page.goto(`${url}/?requests=${REQUESTS}&crews=${CREWS}&mode=${mode}&testHooks`);
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 180_000 });
    // Let the first tiles, labels and cluster index settle before measuring.
    await page.waitForTimeout(5000);
    const before = await processes(browser);
    const t0 = performance.now();
    const r: LoadResult = await page.evaluate(
      (o) => window.__harness!.runLoad(o),
      { seconds: SECONDS, batchMs: 200, probes: 50, requestChangesPerSecond: 5, idle: phase === 'idle' },
    );
    const elapsed = (performance.now() - t0) / 1000;
    const after = await processes(browser);
    const delta = (type: string) => {
      // The busiest process of that type is our page's (Chromium keeps a spare renderer around).
      let best = { cpu: 0, id: 0 };
      for (const p of after.filter((x) => x.type === type)) {
        const cpu = p.cpuTime - (before.find((b) => b.id === p.id)?.cpuTime ?? 0);
        if (cpu > best.cpu) best = { cpu, id: p.id };
      }
      return best;
    };
    const renderer = delta('renderer');
    const updates: Figures['updates'] = {};
    for (const [id, t] of Object.entries(r.sources)) {
      updates[id] = {
        perS: t.calls / elapsed,
        callP50: pct(t.callMs, 50),
        callP95: pct(t.callMs, 95),
        appliedP50: pct(t.appliedMs, 50),
        appliedP95: pct(t.appliedMs, 95),
      };
    }
    return {
      phase,
      latency: { p50: pct(r.latencyMs, 50), p95: pct(r.latencyMs, 95), n: r.latencyMs.length },
      frame: { p50: pct(r.frameMs, 50), p95: pct(r.frameMs, 95), n: r.frameMs.length },
      longTaskMsPerS: r.longTaskMs / elapsed,
      rendererCpu: renderer.cpu / elapsed,
      gpuCpu: delta('GPU').cpu / elapsed,
      rendererRssMb: renderer.id ? rssMb(renderer.id) : NaN,
      jsHeapMb: r.jsHeapBytes === null ? null : r.jsHeapBytes / 2 ** 20,
      fixesPerS: r.fixesSent / elapsed,
      updates,
    };
  } finally {
    await browser.close();
  }
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

function print(all: Figures[]): void {
  console.log(`\nmap benchmark: ${REQUESTS} open requests, ${CREWS} crews × 1 fix/s, batches every 200 ms, ${SECONDS} s per phase, ${VIEWPORT.width}×${VIEWPORT.height}, software WebGL`);
  console.log('phase        | fix→screen p50 / p95 ms (n) | frame p50 / p95 ms | long tasks ms/s | renderer CPU s/s | GPU proc CPU s/s | renderer RSS MB | JS heap MB | fixes/s');
  for (const f of all) {
    console.log(
      [
        f.phase.padEnd(12),
        `${f1(f.latency.p50)} / ${f1(f.latency.p95)} (${f.latency.n})`.padEnd(27),
        `${f1(f.frame.p50)} / ${f1(f.frame.p95)}`.padEnd(18),
        f1(f.longTaskMsPerS).padEnd(15),
        f2(f.rendererCpu).padEnd(16),
        f2(f.gpuCpu).padEnd(16),
        f1(f.rendererRssMb).padEnd(15),
        (f.jsHeapMb === null ? '—' : f1(f.jsHeapMb)).padEnd(10),
        f1(f.fixesPerS),
      ].join(' | '),
    );
  }
  console.log('\nper-update work (source: updates/s, main-thread call p50/p95 ms, until applied p50/p95 ms)');
  for (const f of all) {
    for (const [id, u] of Object.entries(f.updates)) {
      console.log(`  ${f.phase.padEnd(12)} ${id.padEnd(9)} ${f1(u.perS).padStart(5)}/s  call ${f2(u.callP50)} / ${f2(u.callP95)}  applied ${f1(u.appliedP50)} / ${f1(u.appliedP95)}`);
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
  try {
    const dist = path.join(tmp.dir, 'harness');
    await buildHarness(dist);
    const site = await serve(dist);
    try {
      const all: Figures[] = [];
      for (const phase of ['incremental', 'replace-all', 'idle'] as const) {
        console.log(`measuring ${phase}…`);
        all.push(await measure(site.url, phase));
      }
      print(all);
    } finally {
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
