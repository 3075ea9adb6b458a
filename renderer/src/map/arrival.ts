// Suggested arrival: an assigned (or en-route) crew whose fix comes within 50 m of its request is
// probably there; the operator is offered to mark it "on site" with one click.
import CheapRuler from 'cheap-ruler';
import type { FixView, RequestView } from '../../../common/api/contract';
import type { ArrivalOffer } from './context';

export const ARRIVAL_METERS = 50;

export function awaitsArrival(r: RequestView): boolean {
  return r.crewId !== null && (r.status === 'assigned' || r.status === 'en_route');
}

/** Request ids awaiting each crew's arrival. */
export function indexByCrew(requests: Record<string, RequestView>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const r of Object.values(requests)) {
    if (!awaitsArrival(r)) continue;
    const list = index.get(r.crewId!);
    if (list) list.push(r.id);
    else index.set(r.crewId!, [r.id]);
  }
  return index;
}

export function findArrivals(fixes: readonly FixView[], requests: Record<string, RequestView>, byCrew: Map<string, string[]>): ArrivalOffer[] {
  const out: ArrivalOffer[] = [];
  for (const f of fixes) {
    for (const id of byCrew.get(f.crewId) ?? []) {
      const r = requests[id];
      if (!r || r.crewId !== f.crewId || !awaitsArrival(r)) continue;
      const meters = new CheapRuler(r.lat, 'meters').distance([f.lon, f.lat], [r.lon, r.lat]);
      if (meters <= ARRIVAL_METERS) out.push({ requestId: id, crewId: f.crewId, meters: Math.round(meters) });
    }
  }
  return out;
}
