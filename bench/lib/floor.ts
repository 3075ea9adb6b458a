// Floor consumers: the least a console that follows §3 must do with each `events` message, in
// one transaction — validate every event against the core's schemas, append it to the log (the
// core's own table and index) and, with state, fold it into the request or crew it changes (the
// core's reducers; rows held in memory, never read back) and write each changed row once; then
// the new lastSeq. No live feed, outbox, link logic or yields. Their rate is the ceiling this
// machine puts on any console, ours included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { HubEvent } from '../../common/protocol/hub-protocol';
import { Store, type StoredEvent } from '../../main/core/db/store';
import { crewIdOf, isCrewEvent, reduceCrew, type CrewState } from '../../main/core/domain/crew';
import { isRequestEvent, reduceRequest, requestIdOf, type RequestState } from '../../main/core/domain/request';
import { logRow } from '../../main/core/sync/replicator';
import { cpuMs, stream, validate, type Run } from './stream';

/** What the split floor's worker (floor-worker.ts) posts to the main thread. */
export type FloorWorkerMessage =
  | { kind: 'resumed'; toSeq: number }
  | { kind: 'events'; events: HubEvent[]; lastSeq: number; count: number };

/** The floor's storage: the core's own data layer, in a directory of its own. */
class FloorStore {
  private readonly dir = mkdtempSync(join(tmpdir(), 'c137-bench-floor-'));
  private readonly store = Store.open(join(this.dir, 'floor.db'));
  private readonly requests = new Map<string, RequestState | null>();
  private readonly crews = new Map<string, CrewState | null>();

  constructor(private readonly state: boolean) {}

  apply(events: readonly HubEvent[], lastSeq: number): void {
    const log: StoredEvent[] = [];
    const dirtyRequests = new Set<string>();
    const dirtyCrews = new Set<string>();
    let lastAt: string | null = null;
    for (const e of events) {
      let targetId: string | null = null;
      if (this.state && !('unknown' in e)) {
        if (isRequestEvent(e)) {
          targetId = requestIdOf(e);
          this.requests.set(targetId, reduceRequest(this.requests.get(targetId) ?? null, e));
          dirtyRequests.add(targetId);
        } else if (isCrewEvent(e)) {
          targetId = crewIdOf(e);
          this.crews.set(targetId, reduceCrew(this.crews.get(targetId) ?? null, e));
          dirtyCrews.add(targetId);
        }
      }
      log.push(logRow(e, targetId));
      lastAt = e.at;
    }
    const { events: eventLog, requests, crews } = this.store;
    this.store.refetchableTx(() => {
      eventLog.append(log);
      for (const id of dirtyRequests) {
        const r = this.requests.get(id);
        if (r) requests.put(r);
      }
      for (const id of dirtyCrews) {
        const c = this.crews.get(id);
        if (c) crews.put(c);
      }
      eventLog.setCursor(lastSeq, lastAt);
    });
  }

  close(): void {
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Everything on the thread that reads the socket, as the core does it. */
export async function floorConsumer(url: string, state: boolean): Promise<Run> {
  const floor = new FloorStore(state);
  try {
    return await stream(url, state ? 'floor-state' : 'floor', (raws) => floor.apply(validate(raws), raws[raws.length - 1].seq));
  } finally {
    floor.close();
  }
}

// Worker threads do not inherit the tsx loader the benchmark runs under: register it first.
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => {
  tsx.register();
  return import(${JSON.stringify(new URL('./floor-worker.ts', import.meta.url).href)});
});`;

/**
 * The floor with state split over two threads, as a worker-thread console would be: a worker
 * reads the socket and validates; the valid events are cloned to this thread, which stores them.
 */
export function splitFloorConsumer(url: string): Promise<Run> {
  const floor = new FloorStore(true);
  const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { url } });
  return new Promise<Run>((resolve, reject) => {
    let t0 = 0;
    let cpu0 = process.cpuUsage();
    let toSeq = Infinity;
    let count = 0;
    worker.on('error', reject);
    worker.on('message', (m: FloorWorkerMessage) => {
      if (m.kind === 'resumed') {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
        toSeq = m.toSeq;
        return;
      }
      floor.apply(m.events, m.lastSeq);
      count += m.count;
      if (m.lastSeq >= toSeq) resolve({ events: count, ms: performance.now() - t0, cpuMs: cpuMs(cpu0) });
    });
  }).finally(async () => {
    await worker.terminate();
    floor.close();
  });
}
