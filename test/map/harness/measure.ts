// In-page measurement for the map benchmark. Load: every crew sends one fix per second (delivered
// in live batches every `batchMs`, as the core coalesces them) and a few requests change every
// second. Measured:
// - fix-to-screen latency of sampled crews: from the batch reaching the renderer (before the API
//   client validates it) to the first 'render' event after a frame that drew that fix (what the
//   console's WebGL crews layer drew; for the baseline, what the crews source's loaded tiles hold);
// - frame times (requestAnimationFrame intervals) and long tasks of the main thread;
// - per-update work: time inside each GeoJSON source update call (main thread) and until the
//   source reports it applied (its promise), per source.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Bootstrap, LiveBatch, RequestView } from '../../../common/api/contract';
import { CrewGlLayer } from '../../../renderer/src/map/crewGl';
import type { LoadOptions, LoadResult, SourceTiming } from './api';
import { Fleet, makeRequest, rng } from './synthetic';

let instrumented: Record<string, SourceTiming> | null = null;

/** Wraps the GeoJSON source's update methods once, to time them; the map still runs them as is. */
function instrument(map: MapLibreMap): Record<string, SourceTiming> {
  if (instrumented) return instrumented;
  const timings: Record<string, SourceTiming> = {};
  const proto = Object.getPrototypeOf(map.getSource<GeoJSONSource>('crews')!) as GeoJSONSource;
  for (const method of ['updateData', 'setData'] as const) {
    const original = proto[method] as (this: GeoJSONSource, arg: unknown) => Promise<void>;
    (proto as unknown as Record<string, unknown>)[method] = function (this: GeoJSONSource, arg: unknown) {
      const t0 = performance.now();
      const done = original.call(this, arg);
      const t = (timings[this.id] ??= { calls: 0, callMs: [], appliedMs: [] });
      t.calls++;
      t.callMs.push(performance.now() - t0);
      void done.then(() => t.appliedMs.push(performance.now() - t0));
      return done;
    };
  }
  return (instrumented = timings);
}

/**
 * The fix each probed crew had in the frame just drawn: what the console's WebGL crews layer drew,
 * or — for the baseline's symbol layer — what the crews source's loaded tiles hold.
 */
function drawnFixes(map: MapLibreMap, probed: ReadonlyMap<string, unknown>): { id: string; at: number }[] {
  const layer = map.getLayer('crews-icon') as { implementation?: unknown } | undefined;
  if (layer?.implementation instanceof CrewGlLayer) return layer.implementation.drawn().filter((s) => probed.has(s.id));
  const features = map.querySourceFeatures('crews', { filter: ['in', ['get', 'id'], ['literal', [...probed.keys()]]] });
  return features.map((f) => ({ id: f.properties.id as string, at: f.properties.at as number }));
}

const LIFECYCLE: RequestView['status'][] = ['new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved', 'closed'];

/**
 * A room's request traffic: mostly requests moving along their lifecycle (acknowledged, assigned,
 * en route, on site, resolved), some new ones, some closed, a rare change of priority.
 */
function requestChurn(bootstrap: Bootstrap): (now: number) => RequestView {
  const r = rng(7);
  const open = bootstrap.requests.filter((x) => x.status !== 'closed');
  let created = 0;
  return (now) => {
    const updatedAt = new Date(now).toISOString();
    const roll = r();
    if (roll < 0.1) {
      const fresh = { ...makeRequest(r, 100_000 + created++, now, bootstrap.crews), status: 'new' as const, acknowledgedAt: null, crewId: null };
      open.push(fresh);
      return fresh;
    }
    const i = Math.floor(r() * open.length);
    const base = open[i];
    if (roll < 0.95) {
      const status = LIFECYCLE[Math.min(LIFECYCLE.indexOf(base.status) + 1, LIFECYCLE.length - 1)];
      const next = { ...base, status, acknowledgedAt: base.acknowledgedAt ?? updatedAt, updatedAt };
      if (status === 'closed') open.splice(i, 1);
      else open[i] = next;
      return next;
    }
    const next = { ...base, priority: base.priority === 'urgent' ? ('high' as const) : ('urgent' as const), updatedAt };
    open[i] = next;
    return next;
  };
}

/** The load goes on where the previous window left it (crews where they drove to, requests as they stand). */
let traffic: { fleet: Fleet; churn: (now: number) => RequestView } | null = null;

/** Waits until the map has nothing left to load or draw (a backlog from a window must not spill into the next). */
export function drain(timeoutMs: number): Promise<boolean> {
  const map = window.__c137map!;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    map.once('idle', () => {
      clearTimeout(timer);
      resolve(true);
    });
    map.triggerRepaint();
  });
}

export async function runLoad(o: LoadOptions, bootstrap: Bootstrap, push: (b: Partial<LiveBatch>) => void): Promise<LoadResult> {
  const map = window.__c137map!;
  const sources = instrument(map);
  for (const k of Object.keys(sources)) delete sources[k];
  traffic ??= { fleet: new Fleet(bootstrap.crews), churn: requestChurn(bootstrap) };
  const { fleet, churn } = traffic;
  const step = Math.max(1, Math.floor(bootstrap.crews.length / Math.max(1, o.probes)));
  const probed = new Set(bootstrap.crews.filter((_, i) => i % step === 0).slice(0, o.probes).map((c) => c.id));
  const pending = new Map<string, { at: number; t0: number }[]>();
  const latencyMs: number[] = [];
  const frameMs: number[] = [];
  let longTaskMs = 0;
  let fixesSent = 0;
  let batches = 0;

  const onRender = () => {
    if (!pending.size) return;
    const t = performance.now();
    for (const f of drawnFixes(map, pending)) {
      const list = pending.get(f.id);
      while (list?.length && list[0].at <= f.at) latencyMs.push(t - list.shift()!.t0);
      if (list && !list.length) pending.delete(f.id);
    }
  };
  map.on('render', onRender);

  const longTasks = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) longTaskMs += e.duration;
  });
  longTasks.observe({ type: 'longtask', buffered: false });

  let last = 0;
  let framing = true;
  const tick = (t: number) => {
    if (last) frameMs.push(t - last);
    last = t;
    if (framing) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  let changeBudget = 0;
  const timer = o.idle
    ? null
    : setInterval(() => {
        const now = Date.now();
        const fixes = fleet.fixes(o.batchMs, now);
        changeBudget += (o.requestChangesPerSecond * o.batchMs) / 1000;
        const requests: RequestView[] = [];
        for (; changeBudget >= 1; changeBudget--) requests.push(churn(now));
        const t0 = performance.now();
        for (const f of fixes) {
          if (!probed.has(f.crewId)) continue;
          const list = pending.get(f.crewId) ?? [];
          list.push({ at: Date.parse(f.at), t0 });
          pending.set(f.crewId, list);
        }
        push({ fixes, requests });
        fixesSent += fixes.length;
        batches++;
      }, o.batchMs);

  await new Promise((resolve) => setTimeout(resolve, o.seconds * 1000));
  if (timer) clearInterval(timer);
  framing = false;
  longTasks.disconnect();
  map.off('render', onRender);
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  const undrawn = [...pending.values()].reduce((n, list) => n + list.length, 0);
  return { latencyMs, undrawn, frameMs, longTaskMs, fixesSent, batches, sources: structuredClone(sources), jsHeapBytes: memory?.usedJSHeapSize ?? null };
}
