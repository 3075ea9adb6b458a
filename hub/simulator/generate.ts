// Plausible content for requests and the district's roster, from the district-6 reference data.
import type { Channel, Crew, CrewStatus, NewRequest, Priority } from '../../common/protocol/hub-protocol';
import { CATEGORIES, CITIZEN_NAMES, CONTRACTORS, CREWS, DESCRIPTIONS, LANDMARKS, STREETS } from '../district6';
import type { District } from '../district';
import { randomPoint } from './geo';
import type { Rng } from './random';

export type RequestFields = Omit<NewRequest, 'id' | 'ackDueAt' | 'resolveDueAt'>;

// How often citizens report each category on an ordinary day (relative weights).
const CATEGORY_WEIGHTS: Record<string, number> = {
  garbage: 24, street_light: 14, pothole: 14, debris: 9, sewage: 7, stray_animals: 7, sidewalk: 7,
  graffiti: 4, dead_animal: 5, fallen_tree: 3, flooding: 3, open_manhole: 3,
};
const CHANNELS: Channel[] = ['phone', 'phone', 'phone', 'app', 'app', 'web', 'sms', 'walk_in'];
const BUMP: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

function weightedCategory(r: Rng): string {
  const total = CATEGORIES.reduce((s, c) => s + (CATEGORY_WEIGHTS[c.code] ?? 1), 0);
  let x = r.next() * total;
  for (const c of CATEGORIES) if ((x -= CATEGORY_WEIGHTS[c.code] ?? 1) < 0) return c.code;
  return CATEGORIES[0].code;
}

export function plausibleRequest(r: Rng, receivedAt: string, category = weightedCategory(r)): RequestFields {
  const cat = CATEGORIES.find((c) => c.code === category);
  const [lon, lat] = randomPoint(r);
  const channel = r.pick(CHANNELS);
  const anonymous = channel === 'app' ? r.chance(0.2) : r.chance(0.1);
  return {
    category,
    // A caller sometimes reports a worse case than the category's norm (a child near the hole).
    priority: cat ? (r.chance(0.1) ? BUMP[cat.defaultPriority] : cat.defaultPriority) : 'normal',
    description: r.pick(DESCRIPTIONS[category] ?? ['گزارش شهروند']),
    address: `شیراز، ${r.pick(STREETS)}، ${r.pick(LANDMARKS)}`,
    location: { lon, lat },
    citizen: anonymous ? {} : { name: r.pick(CITIZEN_NAMES), phone: `09${r.int(10, 39)}${String(r.int(0, 9_999_999)).padStart(7, '0')}` },
    channel,
    receivedAt,
  };
}

/** Contractors, crews and each crew's first status, appended to a fresh district log. */
export function seedRoster(d: District, statusOf: (crew: Crew, i: number) => CrewStatus, at?: string): void {
  d.batch(() => {
    const actor = { kind: 'hub' as const };
    d.append(CONTRACTORS.map((contractor) => ({ type: 'contractor.upserted', data: { contractor } })), actor, { at });
    d.append(CREWS.map((crew) => ({ type: 'crew.upserted', data: { crew } })), actor, { at });
    d.append(CREWS.map((crew, i) => ({ type: 'crew.status_changed', data: { crewId: crew.id, status: statusOf(crew, i) } })), actor, { at });
  });
}
