// The renderer's per-batch work at queue sizes a district room can reach: applying one live batch
// to the store (50 changed requests, 200 crew fixes) and re-deriving the ordered, filtered queue
// the list shows. Both happen a few times a second; the figures say how much of a 16 ms frame
// they take. Prints figures; asserts nothing.
//   npx tsx bench/renderer-store.ts
import { performance } from 'node:perf_hooks';
import { DEFAULT_FILTER, matches } from '../renderer/src/components/queue/queueFilter';
import { compareUrgency } from '../renderer/src/state/deadlines';
import { applyBatch, useConsole } from '../renderer/src/state/store';
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
  const apply: number[] = [];
  const queue: number[] = [];
  for (let round = 0; round < 60; round++) {
    const at = new Date(Date.now() + round * 1000).toISOString();
    const batch = liveBatch({
      requests: boot.requests.slice(round * 50, round * 50 + 50).map((r) => ({ ...r, updatedAt: at })),
      fixes: boot.crews.map((c, i) => ({ crewId: c.id, lon: 52.5 + i * 1e-4, lat: 29.6, heading: null, speedKmh: 20, at })),
    });
    let t = performance.now();
    useConsole.setState((s) => applyBatch(s, batch, false));
    apply.push(performance.now() - t);
    t = performance.now();
    Object.values(useConsole.getState().requests)
      .filter((r) => matches(DEFAULT_FILTER, r))
      .sort(compareUrgency);
    queue.push(performance.now() - t);
  }
  console.log(
    `${n.toLocaleString('en-US')} requests: apply batch median ${median(apply).toFixed(2)} ms, ` +
      `filter+sort queue median ${median(queue).toFixed(2)} ms (max ${Math.max(...queue).toFixed(2)} ms)`,
  );
}
