// Which crew to send: available crews ranked by straight-line distance to the request (cheap-ruler
// is accurate to well under 1% at city scale), with a trade match shown rather than filtered out:
// the operator may still send another trade. Fixes older than STALE_FIX_MS (shared with the
// core's nearest-crew rule) are not trusted for distance, so those crews sort after the rest.
import CheapRuler from 'cheap-ruler';
import type { CrewView, RequestView } from '../../../common/api/contract';
import { STALE_FIX_MS } from '../../../common/domain/nearest-crew';

export interface CrewCandidate {
  crew: CrewView;
  /** Kilometres from the request; null when the crew has no recent fix. */
  km: number | null;
  /** Age of the crew's last fix in ms, null when it never sent one. */
  fixAgeMs: number | null;
  matchesCategory: boolean;
}

export function rankCrews(crews: Iterable<CrewView>, request: RequestView, now: number): CrewCandidate[] {
  const ruler = new CheapRuler(request.lat, 'kilometers');
  const out: CrewCandidate[] = [];
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
      a.crew.name.localeCompare(b.crew.name, 'fa'),
  );
}
