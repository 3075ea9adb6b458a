// The renderer's per-batch work at queue sizes a district room can reach: applying one live batch
// to the store (50 changed requests and 200 crew fixes, and each half alone) and re-deriving the
// ordered, filtered queue the list shows with its filter counts. Both happen a few times a second; the figures say how
// much of a 16 ms frame they take, and whether applying grows with the queue (it should not: a
// batch costs what it changed). Prints figures; asserts nothing.
//   npx tsx bench/renderer-store.ts
import { performance } from 'node:perf_hooks';
import { DEFAULT_FILTER, queueView } from '../renderer/src/components/queue/queueFilter';
import { applyLiveBatch, useConsole } from '../renderer/src/state/store';
import { makeBootstrap } from '../test/renderer/harness/fakeCore';
import { liveBatch } from '../common/api/contract';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

for (const n of [2_000, 5_000, 20_000]) {
  const boot = makeBootstrap({ requests: n, crews: 200 });
  useConsole.setState({
    requests: Object.fromEntries(boot.requests.map((r) => [r.id, r])),
    crews: Object.fromEntries(boot.crews.map((c) => [c.id, c])),
  });
  const timed = { both: [] as number[], requests: [] as number[], fixes: [] as number[] };
  const queue: number[] = [];
  for (let round = 0; round < 60; round++) {
    const at = new Date(Date.now() + round * 1000).toISOString();
    const requests = boot.requests.slice(round * 50, round * 50 + 50).map((r) => ({ ...r, updatedAt: at }));
    const fixes = boot.crews.map((c, i) => ({ crewId: c.id, lon: 52.5 + i * 1e-4, lat: 29.6, heading: null, speedKmh: 20, at }));
    for (const [kind, batch] of [
      ['both', liveBatch({ requests, fixes })],
      ['requests', liveBatch({ requests })],
      ['fixes', liveBatch({ fixes })],
    ] as const) {
      const t = performance.now();
      useConsole.setState((s) => applyLiveBatch(s, batch, false));
      timed[kind].push(performance.now() - t);
    }
    const t = performance.now();
    const s = useConsole.getState();
    queueView(Object.values(s.requests), DEFAULT_FILTER, { crews: s.crews, actedOn: s.actedOn, mapBounds: null, dayStart: 0 });
    queue.push(performance.now() - t);
  }
  console.log(
    `${n.toLocaleString('en-US')} requests: apply batch median ${median(timed.both).toFixed(2)} ms ` +
      `(50 requests alone ${median(timed.requests).toFixed(2)} ms, 200 fixes alone ${median(timed.fixes).toFixed(2)} ms), ` +
      `filter+count+sort queue median ${median(queue).toFixed(2)} ms (max ${Math.max(...queue).toFixed(2)} ms)`,
  );
}
