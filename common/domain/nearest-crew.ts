// Which crew to send (docs/dispatch.md). Trade comes before distance: available crews of the
// request's trade, nearest first; crews of another trade only when no crew of the trade is
// available, and marked as such. Crews of the trade busy on site are shown as a second group
// ("after the current job") when none of the trade is available. Each candidate carries its
// straight-line distance (cheap-ruler, well under 1 % at city scale), a road ETA, its load and
// how old its fix is. Shared by the core and the UI.
import CheapRuler from 'cheap-ruler';
import type { CrewStatus } from '../protocol/hub-protocol';

/** A fix older than this says nothing about where the crew is: no usable position. */
export const STALE_FIX_MS = 30 * 60_000;
/** A fix older than this (and still usable) is flagged with its age: the crew has moved since. */
export const AGING_FIX_MS = 2 * 60_000;
/** Road distance over straight-line distance in Shiraz's street grid (docs/dispatch.md). */
export const DETOUR_FACTOR = 1.4;
/** Average driving speed of a service vehicle across the city, stops and traffic included. */
export const URBAN_SPEED_KMH = 20;

export interface RankableCrew {
  id: string;
  /** Crews placed alike go by name (Persian order), or by id when they have none. */
  name?: string;
  status: CrewStatus;
  categories: string[];
  fix: { lon: number; lat: number; at: string } | null;
}

/**
 * trade: available, of the request's trade. after_job: of the trade, on site elsewhere (offered
 * only when no crew of the trade is available). other_trade: available, another trade (only then too).
 */
export type CandidateGroup = 'trade' | 'after_job' | 'other_trade';
export const GROUP_ORDER: readonly CandidateGroup[] = ['trade', 'after_job', 'other_trade'];

/** fresh: ≤ 2 min; aging: 2–30 min, usable but flagged; stale: older, not used; none: never sent. */
export type FixState = 'fresh' | 'aging' | 'stale' | 'none';

export interface CrewCandidate<C extends RankableCrew = RankableCrew> {
  crew: C;
  group: CandidateGroup;
  /** Straight-line kilometres to the request; null when the crew has no usable fix. */
  km: number | null;
  /** Estimated minutes of driving (km × DETOUR_FACTOR at URBAN_SPEED_KMH); null with km. */
  etaMin: number | null;
  fixState: FixState;
  /** Age of the crew's last fix in ms, null when it never sent one. */
  fixAgeMs: number | null;
  /** Open requests assigned to it with the work not yet done (see crewWork). */
  load: number;
}

export function fixStateOf(fixAgeMs: number | null): FixState {
  if (fixAgeMs === null) return 'none';
  if (fixAgeMs > STALE_FIX_MS) return 'stale';
  return fixAgeMs > AGING_FIX_MS ? 'aging' : 'fresh';
}

/** Minutes to drive `km` of straight line across the city. */
export function etaMinutes(km: number): number {
  return ((km * DETOUR_FACTOR) / URBAN_SPEED_KMH) * 60;
}

function groupOf(crew: RankableCrew, category: string): CandidateGroup | null {
  const ofTrade = crew.categories.includes(category);
  if (crew.status === 'available') return ofTrade ? 'trade' : 'other_trade';
  return ofTrade && crew.status === 'on_site' ? 'after_job' : null;
}

/**
 * The crews to offer for a request, in the order to offer them: by group (trade, after_job,
 * other_trade; the last two only when the first is empty), then nearest first with unusable
 * positions last, then by name. `loads` gives each crew's open work (missing: none).
 */
export function rankCrews<C extends RankableCrew>(
  crews: Iterable<C>,
  request: { lon: number; lat: number; category: string },
  now: number,
  loads: ReadonlyMap<string, number> = new Map(),
): CrewCandidate<C>[] {
  const ruler = new CheapRuler(request.lat, 'kilometers');
  const out: CrewCandidate<C>[] = [];
  for (const crew of crews) {
    const group = groupOf(crew, request.category);
    if (!group) continue;
    const fixAgeMs = crew.fix ? Math.max(0, now - Date.parse(crew.fix.at)) : null;
    const fixState = fixStateOf(fixAgeMs);
    const km = crew.fix && (fixState === 'fresh' || fixState === 'aging') ? ruler.distance([request.lon, request.lat], [crew.fix.lon, crew.fix.lat]) : null;
    out.push({ crew, group, km, etaMin: km === null ? null : etaMinutes(km), fixState, fixAgeMs, load: loads.get(crew.id) ?? 0 });
  }
  const offered = out.some((c) => c.group === 'trade') ? out.filter((c) => c.group === 'trade') : out;
  return offered.sort(
    (a, b) =>
      GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
      (a.km === null ? 1 : 0) - (b.km === null ? 1 : 0) ||
      (a.km ?? 0) - (b.km ?? 0) ||
      (a.crew.name ?? a.crew.id).localeCompare(b.crew.name ?? b.crew.id, 'fa'),
  );
}

/** A candidate the operator can send now (an after_job crew is busy until its job is done). */
export const isAssignable = (c: CrewCandidate): boolean => c.group !== 'after_job';
