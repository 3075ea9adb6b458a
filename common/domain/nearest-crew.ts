// Nearest available crew for a request: straight-line distance (cheap-ruler) from each crew's
// latest fix, ignoring fixes older than 30 minutes (a stale fix says nothing about where the
// crew is) and crews that do not serve the request's category.
import CheapRuler from 'cheap-ruler';
import type { CrewStatus } from '../protocol/hub-protocol';

export const STALE_FIX_MS = 30 * 60_000;

export interface CrewCandidate {
  id: string;
  status: CrewStatus;
  categories: string[];
  fix: { lon: number; lat: number; at: string } | null;
}

export interface NearestCrew {
  crewId: string;
  meters: number;
}

export function nearestAvailableCrews(
  crews: readonly CrewCandidate[],
  at: { lon: number; lat: number },
  category: string,
  now: number,
  limit = 5,
): NearestCrew[] {
  const ruler = new CheapRuler(at.lat, 'meters');
  const out: NearestCrew[] = [];
  for (const c of crews) {
    if (c.status !== 'available' || !c.fix || !c.categories.includes(category)) continue;
    if (now - Date.parse(c.fix.at) > STALE_FIX_MS) continue;
    out.push({ crewId: c.id, meters: ruler.distance([at.lon, at.lat], [c.fix.lon, c.fix.lat]) });
  }
  return out.sort((a, b) => a.meters - b.meters || a.crewId.localeCompare(b.crewId)).slice(0, limit);
}
