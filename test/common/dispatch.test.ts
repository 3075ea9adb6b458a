// The dispatch rules (common/domain/nearest-crew, crew-work): trade before distance, the second
// group, ETA, stale fixes and load.
import CheapRuler from 'cheap-ruler';
import { describe, expect, it } from 'vitest';
import { crewLoads, crewWork } from '../../common/domain/crew-work';
import { etaMinutes, fixStateOf, rankCrews, type RankableCrew } from '../../common/domain/nearest-crew';

const NOW = Date.parse('2026-11-28T09:00:00Z');
const MIN = 60_000;
const TREE = { lon: 52.53, lat: 29.62, category: 'fallen_tree' };
const ruler = new CheapRuler(TREE.lat, 'kilometers');

/** A crew `km` east of the request, its fix `minutesAgo` old. */
function crew(id: string, categories: string[], km: number | null, over: Partial<RankableCrew> & { minutesAgo?: number } = {}): RankableCrew {
  const [lon, lat] = ruler.destination([TREE.lon, TREE.lat], km ?? 0, 90);
  const fix = km === null ? null : { lon, lat, at: new Date(NOW - (over.minutesAgo ?? 0) * MIN).toISOString() };
  return { id, name: id, status: 'available', categories, fix, ...over };
}
const ids = (cs: { crew: RankableCrew }[]) => cs.map((c) => c.crew.id);

describe('crew ranking: trade before distance', () => {
  it('sends the green-space crew at 5.6 km, not the garbage crew at 5.3 km, to a fallen tree', () => {
    const ranked = rankCrews([crew('garbage', ['garbage'], 5.3), crew('green', ['fallen_tree', 'stray_animals'], 5.6)], TREE, NOW);
    expect(ids(ranked)).toEqual(['green']);
    expect(ranked[0]).toMatchObject({ group: 'trade', fixState: 'fresh' });
    expect(ranked[0].km).toBeCloseTo(5.6, 3);
  });

  it('offers another trade, marked, only when no crew of the trade is available', () => {
    const ranked = rankCrews(
      [crew('garbage', ['garbage'], 5.3), crew('light', ['street_light'], 2), crew('green-busy', ['fallen_tree'], 1, { status: 'en_route' })],
      TREE,
      NOW,
    );
    expect(ids(ranked)).toEqual(['light', 'garbage']);
    expect(ranked.map((c) => c.group)).toEqual(['other_trade', 'other_trade']);
  });

  it('orders a group nearest first, unusable positions last, then by name; busy and off-duty crews are left out', () => {
    const ranked = rankCrews(
      [
        crew('far', ['fallen_tree'], 6.8),
        crew('near', ['fallen_tree'], 0.1),
        crew('stale', ['fallen_tree'], 0.05, { minutesAgo: 31 }),
        crew('b-nofix', ['fallen_tree'], null),
        crew('a-nofix', ['fallen_tree'], null),
        crew('assigned', ['fallen_tree'], 0.01, { status: 'assigned' }),
        crew('off', ['fallen_tree'], 0.01, { status: 'off_duty' }),
        crew('break', ['fallen_tree'], 0.01, { status: 'break' }),
      ],
      TREE,
      NOW,
    );
    expect(ids(ranked)).toEqual(['near', 'far', 'a-nofix', 'b-nofix', 'stale']);
  });
});

describe('crew ranking: after the current job', () => {
  const onSite = crew('green-on-site', ['fallen_tree'], 0.8, { status: 'on_site' });

  it('offers crews of the trade on site as a second group when none of the trade is available', () => {
    const ranked = rankCrews([crew('garbage', ['garbage'], 5.3), onSite, crew('pothole-on-site', ['pothole'], 0.2, { status: 'on_site' })], TREE, NOW);
    expect(ids(ranked)).toEqual(['green-on-site', 'garbage']);
    expect(ranked.map((c) => c.group)).toEqual(['after_job', 'other_trade']);
  });

  it('does not offer them while a crew of the trade is available', () => {
    expect(ids(rankCrews([onSite, crew('green', ['fallen_tree'], 9)], TREE, NOW))).toEqual(['green']);
  });
});

describe('crew ranking: ETA, fix age, load', () => {
  it('estimates the drive as the straight line × 1.4 at 20 km/h', () => {
    expect(etaMinutes(5)).toBeCloseTo(21, 6);
    const [c] = rankCrews([crew('green', ['fallen_tree'], 5)], TREE, NOW);
    expect(c.etaMin).toBeCloseTo(21, 2);
  });

  it('flags a fix 2–30 minutes old with its age and keeps its distance; an older one has no position', () => {
    expect([0, 2, 2.01, 30, 30.01].map((m) => fixStateOf(m * MIN))).toEqual(['fresh', 'fresh', 'aging', 'aging', 'stale']);
    expect(fixStateOf(null)).toBe('none');
    const [aging, none, stale] = rankCrews(
      [crew('aging', ['fallen_tree'], 1, { minutesAgo: 12 }), crew('stale', ['fallen_tree'], 0.5, { minutesAgo: 45 }), crew('none', ['fallen_tree'], null)],
      TREE,
      NOW,
    );
    expect(aging).toMatchObject({ fixState: 'aging', fixAgeMs: 12 * MIN });
    expect(aging.km).toBeCloseTo(1, 3);
    expect(stale).toMatchObject({ fixState: 'stale', fixAgeMs: 45 * MIN, km: null, etaMin: null });
    expect(none).toMatchObject({ fixState: 'none', fixAgeMs: null, km: null, etaMin: null });
  });

  it('counts as load the open requests assigned to a crew with the work not done, and names the one it is on', () => {
    const at = (m: number) => new Date(NOW + m * MIN).toISOString();
    const work = crewWork([
      { id: 'R-1', status: 'assigned', crewId: 'a', updatedAt: at(5) },
      { id: 'R-2', status: 'on_site', crewId: 'a', updatedAt: at(1) },
      { id: 'R-3', status: 'resolved', crewId: 'a', updatedAt: at(9) },
      { id: 'R-4', status: 'closed', crewId: 'a', updatedAt: at(9) },
      { id: 'R-5', status: 'assigned', crewId: 'b', updatedAt: at(1) },
      { id: 'R-6', status: 'assigned', crewId: 'b', updatedAt: at(2) },
      { id: 'R-7', status: 'new', crewId: null, updatedAt: at(2) },
    ]);
    expect(Object.fromEntries(work)).toEqual({ a: { load: 2, current: 'R-2' }, b: { load: 2, current: 'R-6' } });
    const ranked = rankCrews([crew('a', ['fallen_tree'], 1), crew('c', ['fallen_tree'], 2)], TREE, NOW, crewLoads(work));
    expect(ranked.map((c) => c.load)).toEqual([2, 0]);
  });
});
