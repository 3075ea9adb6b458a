// Crew positions (§4): volatile, latest fix wins per crew. Held in memory and written to disk in
// one transaction per flush interval, never per fix (a city hub may send hundreds a second).
import { Fix } from '../../common/protocol/hub-protocol';
import { startOfTehranDay } from '../../common/domain/tehran-day';
import type { FixRow, Store } from './db/store';
import { Trail, type TrailPoint } from './domain/trail';

export class PositionBook {
  private readonly latest = new Map<string, FixRow>();
  private readonly dirty = new Map<string, FixRow>();
  private readonly trails = new Map<string, Trail>();

  constructor(
    private readonly store: Store,
    private readonly isCrew: (crewId: string) => boolean,
  ) {
    for (const f of store.crews.positions()) this.latest.set(f.crewId, f);
  }

  /** Take a `positions` message's fixes; returns those that became the latest of their crew. */
  accept(raws: readonly unknown[]): FixRow[] {
    const accepted = new Map<string, FixRow>();
    for (const raw of raws) {
      const p = Fix.safeParse(raw);
      if (!p.success) continue; // out of range or malformed: ignored, one fix at a time
      const f = p.data;
      const t = Date.parse(f.at);
      const prev = this.latest.get(f.crewId);
      if (prev && t < Date.parse(prev.at)) continue;
      if (!this.isCrew(f.crewId)) continue;
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

  /** Write the fixes received since the last flush, in one transaction. */
  flush(): void {
    if (!this.dirty.size) return;
    const rows = [...this.dirty.values()];
    this.dirty.clear();
    this.store.crews.putPositions(rows);
  }
}
