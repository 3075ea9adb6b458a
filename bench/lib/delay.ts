// Event-loop delay as perf_hooks measures it. The histogram's values include its sampling
// interval, and on shared cores an idle process already shows delays: benchmarks print the idle
// baseline next to the figure under load.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const RESOLUTION_MS = 5;

export function delayMonitor(): IntervalHistogram {
  return monitorEventLoopDelay({ resolution: RESOLUTION_MS });
}

/** Event-loop delay of this process over `ms` while it does whatever it is doing. */
export async function eventLoopDelay(ms: number): Promise<IntervalHistogram> {
  const h = delayMonitor();
  h.enable();
  await new Promise((r) => setTimeout(r, ms));
  h.disable();
  return h;
}

export const fmtDelay = (h: IntervalHistogram) =>
  `p50 ${(h.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`;
