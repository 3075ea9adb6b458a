// Crew positions (§4): volatile, latest fix wins per crew. Held in memory and written to disk in
// one transaction per flush interval, never per fix (a city hub may send hundreds a second).
import { performance } from 'node:perf_hooks';
import { Fix } from '../../common/protocol/hub-protocol';
import { startOfTehranDay } from '../../common/domain/tehran-day';
import type { FixRow, Store } from './db/store';
import { Trail, type TrailPoint } from './domain/trail';
import type { Logger } from './log';

/**
 * How far after the hub's clock a fix may be dated and still be believed: devices' clocks and
 * the hub's differ a little, and our reading of the hub's clock lags it by hello's transit. A fix
 * dated later than that cannot be real — and, being "latest", it would hide every real fix of its
 * crew until that date. See docs/sync.md.
 */
const FUTURE_FIX_TOLERANCE_MS = 2 * 60_000;

export class PositionBook {
  private readonly latest = new Map<string, FixRow>();
  private readonly dirty = new Map<string, FixRow>();
  private readonly trails = new Map<string, Trail>();
  /** Crews whose stored fix was found impossible: deleted on disk at the next flush. */
  private readonly dropped = new Set<string>();
  /** Fixes refused since the last flush (counted on disk then). */
  private rejected = 0;
  /** The hub's clock as of its last hello, against our monotonic clock; our own clock until then. */
  private clock = { hubMs: Date.now(), monoMs: performance.now() };

  constructor(
    private readonly store: Store,
    private readonly d: {
      isCrew: (crewId: string) => boolean;
      log: Logger;
      /** Crews whose shown fix was dropped: their views must be sent again, without it. */
      onDropped: (crewIds: string[]) => void;
    },
  ) {
    for (const f of store.crews.positions()) this.latest.set(f.crewId, f);
  }

  /**
   * The hub said what time it is (`hello.serverTime`). Fixes are judged against that from now
   * on, and a held fix dated beyond it (stored before this check existed) is dropped and counted.
   */
  hubTime(serverTime: string): void {
    this.clock = { hubMs: Date.parse(serverTime), monoMs: performance.now() };
    const limit = this.latestBelievable();
    const impossible = [...this.latest.values()].filter((f) => Date.parse(f.at) > limit).map((f) => f.crewId);
    if (!impossible.length) return;
    for (const crewId of impossible) {
      this.drop(crewId);
      this.dropped.add(crewId);
    }
    this.rejected += impossible.length;
    this.d.log.warn(`dropped the held fix of ${impossible.length} crew(s): dated more than ${FUTURE_FIX_TOLERANCE_MS / 1000} s after the hub's clock`);
    this.d.onDropped(impossible);
  }

  private latestBelievable(): number {
    return this.clock.hubMs + (performance.now() - this.clock.monoMs) + FUTURE_FIX_TOLERANCE_MS;
  }

  /** Take a `positions` message's fixes; returns those that became the latest of their crew. */
  accept(raws: readonly unknown[]): FixRow[] {
    const accepted = new Map<string, FixRow>();
    const limit = this.latestBelievable();
    for (const raw of raws) {
      const p = Fix.safeParse(raw);
      if (!p.success) continue; // out of range or malformed: ignored, one fix at a time
      const f = p.data;
      const t = Date.parse(f.at);
      if (t > limit) {
        this.rejected++;
        continue;
      }
      const prev = this.latest.get(f.crewId);
      if (prev && t < Date.parse(prev.at)) continue;
      if (!this.d.isCrew(f.crewId)) continue;
      const row: FixRow = {
        crewId: f.crewId,
        lon: f.lon,
        lat: f.lat,
        heading: f.heading ?? null,
        speedKmh: f.speedKmh ?? null,
        accuracyM: f.accuracyM ?? null,
        at: new Date(t).toISOString(),
      };
      this.latest.set(f.crewId, row);
      this.dirty.set(f.crewId, row);
      accepted.set(f.crewId, row);
      let trail = this.trails.get(f.crewId);
      if (!trail) this.trails.set(f.crewId, (trail = new Trail()));
      trail.add([f.lon, f.lat, t]);
    }
    return [...accepted.values()];
  }

  get(crewId: string): FixRow | null {
    return this.latest.get(crewId) ?? null;
  }

  drop(crewId: string): void {
    this.latest.delete(crewId);
    this.dirty.delete(crewId);
    this.trails.delete(crewId);
  }

  /** Keep only crews that still exist (after a snapshot). */
  retain(isCrew: (id: string) => boolean): void {
    for (const id of [...this.latest.keys()]) if (!isCrew(id)) this.drop(id);
  }

  /** Today's (Tehran) thinned trail of a crew, oldest first. */
  trail(crewId: string, now = Date.now()): TrailPoint[] {
    return this.trails.get(crewId)?.since(startOfTehranDay(now)) ?? [];
  }

  /** Write what changed since the last flush — fixes, impossible ones dropped, the count refused — in one transaction. */
  flush(): void {
    if (!this.dirty.size && !this.dropped.size && !this.rejected) return;
    const rows = [...this.dirty.values()];
    const dropped = [...this.dropped];
    const rejected = this.rejected;
    this.dirty.clear();
    this.dropped.clear();
    this.rejected = 0;
    const total = this.store.tx(() => {
      this.store.crews.dropPositions(dropped); // before the new fixes: a stored future fix would win over them
      this.store.crews.putPositions(rows);
      return rejected ? this.store.crews.addRejectedFixes(rejected) : 0;
    });
    if (rejected) {
      this.d.log.warn(`refused ${rejected} crew fix(es) from the future (dated more than ${FUTURE_FIX_TOLERANCE_MS / 1000} s after the hub's clock); ${total} in all`);
    }
  }
}
