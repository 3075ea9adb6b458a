// Suggested arrival: an assigned (or en-route) crew whose fix comes within 50 m of its request is
// probably there; the operator is offered to mark it "on site" with one click.
import CheapRuler from 'cheap-ruler';
import type { FixView, RequestView } from '../../../common/api/contract';
import type { ArrivalOffer } from './context';

const ARRIVAL_METERS = 50;

export function awaitsArrival(r: RequestView): boolean {
  return r.crewId !== null && (r.status === 'assigned' || r.status === 'en_route');
}

/**
 * Which requests await which crew's arrival, kept current from the ids each live batch names (a
 * full rebuild only after a bootstrap), so a batch of fixes costs what it holds.
 */
export class AwaitingArrival {
  private crewOf = new Map<string, string>();
  private byCrew = new Map<string, Set<string>>();

  rebuild(requests: Record<string, RequestView>): void {
    this.crewOf.clear();
    this.byCrew.clear();
    for (const id in requests) this.update(id, requests[id]);
  }

  update(id: string, r: RequestView | undefined): void {
    const was = this.crewOf.get(id);
    if (was !== undefined) {
      this.crewOf.delete(id);
      this.byCrew.get(was)?.delete(id);
    }
    if (!r || !awaitsArrival(r)) return;
    this.crewOf.set(id, r.crewId!);
    let set = this.byCrew.get(r.crewId!);
    if (!set) this.byCrew.set(r.crewId!, (set = new Set()));
    set.add(id);
  }

  /** Requests a fix of their own crew came within ARRIVAL_METERS of. */
  find(fixes: readonly FixView[], requests: Record<string, RequestView>): ArrivalOffer[] {
    const out: ArrivalOffer[] = [];
    for (const f of fixes) {
      for (const id of this.byCrew.get(f.crewId) ?? []) {
        const r = requests[id];
        if (!r || r.crewId !== f.crewId || !awaitsArrival(r)) continue;
        const meters = new CheapRuler(r.lat, 'meters').distance([f.lon, f.lat], [r.lon, r.lat]);
        if (meters <= ARRIVAL_METERS) out.push({ requestId: id, crewId: f.crewId, meters: Math.round(meters) });
      }
    }
    return out;
  }
}
