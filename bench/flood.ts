// GPS flood (§4: "several hundred fixes per second to one district; the console must keep up
// without stalling its UI"): the hub (own process) in flood mode, 500 crews × 1 fix/s, into a core
// in this process with a live subscription like the renderer's. Measures the core's event-loop
// delay (goal p99 < 50 ms) and its CPU. Prints figures; asserts nothing.
//   npx tsx bench/flood.ts [--seconds 60] [--crews 500]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LiveBatch } from '../common/api/contract';
import { ensureConsoleId } from '../main/core/config';
import { startCore } from '../main/core/index';
import { silentLogger } from '../main/core/log';
import { eventLoopDelay, fmtDelay, RESOLUTION_MS } from './lib/delay';
import { DISTRICT, machine, numberFlag, startHubProcess, TOKEN } from './lib/hub-process';

const SECONDS = numberFlag('seconds', 60);
const CREWS = numberFlag('crews', 500);
const WARMUP_MS = 3000;

console.log(`flood benchmark — ${machine()}, ${new Date().toISOString()}`);
// The machine's own noise (shared cores): the same measurement with nothing running.
const idle = await eventLoopDelay(5000);
const hub = await startHubProcess(['--mode', 'flood', '--flood-crews', String(CREWS), '--seed', '1']);
const dir = mkdtempSync(join(tmpdir(), 'c137-bench-flood-'));
try {
  const config = { hubUrl: hub.url, districtId: DISTRICT, token: TOKEN, dataDir: dir, operatorId: 'bench', consoleId: ensureConsoleId(dir) };
  const core = await startCore(config, { log: silentLogger });
  await new Promise<void>((r) => {
    const off = core.onLinkState((s) => s.state === 'live' && (off(), r()));
    if (core.linkState().state === 'live') r();
  });
  let fixes = 0;
  let batches = 0;
  core.handlers.subscribe(
    'live',
    (b) => {
      fixes += (b as LiveBatch).fixes.length;
      batches++;
    },
    { access: 'wall', session: 'bench' },
  );
  await new Promise((r) => setTimeout(r, WARMUP_MS));

  fixes = batches = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const delay = await eventLoopDelay(SECONDS * 1000);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const link = core.linkState();
  await core.close();

  const pct = (us: number) => ((us / 1000 / wall) * 100).toFixed(1);
  console.log(`${CREWS} crews × 1 fix/s for ${(wall / 1000).toFixed(1)} s (after ${WARMUP_MS / 1000} s warm-up); link ${link.state} at seq ${link.lastSeq}`);
  console.log(`fixes delivered to the live feed: ${Math.round((fixes / wall) * 1000)}/s in ${Math.round((batches / wall) * 1000)} batches/s`);
  console.log(`event-loop delay (${RESOLUTION_MS} ms sampling, included): ${fmtDelay(delay)} (goal p99 < 50 ms); idle process before: ${fmtDelay(idle)}`);
  console.log(`core CPU: ${pct(cpu.user + cpu.system)} % of one core (user ${pct(cpu.user)} %, system ${pct(cpu.system)} %); rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await hub.stop();
}
