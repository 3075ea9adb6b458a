// Which crew to send: available crews ranked by straight-line distance to the request (cheap-ruler
// is accurate to well under 1% at city scale). A fix older than 30 minutes says nothing about where
// the crew is, so crews without a fresh one sort after the rest; a trade match is shown rather
// than filtered out (the operator may still send another trade). Shared by the core and the UI.
import CheapRuler from 'cheap-ruler';
import type { CrewStatus } from '../protocol/hub-protocol';

export const STALE_FIX_MS = 30 * 60_000;

export interface RankableCrew {
  id: string;
  /** Crews placed alike go by name (Persian order), or by id when they have none. */
  name?: string;
  status: CrewStatus;
  categories: string[];
  fix: { lon: number; lat: number; at: string } | null;
}

export interface CrewCandidate<C extends RankableCrew = RankableCrew> {
  crew: C;
  /** Kilometres from the request; null when the crew has no recent fix. */
  km: number | null;
  /** Age of the crew's last fix in ms, null when it never sent one. */
  fixAgeMs: number | null;
  matchesCategory: boolean;
}

export function rankCrews<C extends RankableCrew>(
  crews: Iterable<C>,
  request: { lon: number; lat: number; category: string },
  now: number,
): CrewCandidate<C>[] {
  const ruler = new CheapRuler(request.lat, 'kilometers');
  const out: CrewCandidate<C>[] = [];
  for (const crew of crews) {
    if (crew.status !== 'available') continue;
    const fixAgeMs = crew.fix ? now - Date.parse(crew.fix.at) : null;
    const fresh = crew.fix && fixAgeMs !== null && fixAgeMs <= STALE_FIX_MS;
    out.push({
      crew,
      km: fresh ? ruler.distance([request.lon, request.lat], [crew.fix!.lon, crew.fix!.lat]) : null,
      fixAgeMs,
      matchesCategory: crew.categories.includes(request.category),
    });
  }
  return out.sort(
    (a, b) =>
      (a.km === null ? 1 : 0) - (b.km === null ? 1 : 0) ||
      (a.km ?? 0) - (b.km ?? 0) ||
      Number(b.matchesCategory) - Number(a.matchesCategory) ||
      (a.crew.name ?? a.crew.id).localeCompare(b.crew.name ?? b.crew.id, 'fa'),
  );
}

export interface NearestCrew {
  crewId: string;
  meters: number;
}

/** The nearest available crews of the category, each with a fresh fix. */
export function nearestAvailableCrews(
  crews: readonly RankableCrew[],
  at: { lon: number; lat: number },
  category: string,
  now: number,
  limit = 5,
): NearestCrew[] {
  return rankCrews(crews, { ...at, category }, now)
    .filter((c) => c.matchesCategory && c.km !== null)
    .slice(0, limit)
    .map((c) => ({ crewId: c.crew.id, meters: c.km! * 1000 }));
}
