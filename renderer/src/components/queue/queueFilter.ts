// What the operator narrowed the queue to, pure: which requests a filter shows, and for every
// filter value how many requests it would show given the other filters (the counts in the
// options, toggles and tabs). docs/queue.md has the rules.
import type { CrewView, RequestView } from '../../../../common/api/contract';
import { isOpen } from '../../../../common/domain/lifecycle';
import { compareUrgency } from '../../../../common/domain/urgency';
import type { Priority, RequestStatus } from '../../../../common/protocol/hub-protocol';
import type { MapBounds } from '../../state/store';

export type QueueTab = 'open' | 'closedToday';
export type OpenStatus = Exclude<RequestStatus, 'closed'>;

export interface QueueFilter {
  tab: QueueTab;
  /** Narrows the open tab only (every closed request is `closed`). */
  status: OpenStatus | null;
  priority: Priority | null;
  category: string | null;
  crew: string | null;
  /** The contractor of the request's crew. */
  contractor: string | null;
  /** Only requests inside the map's visible area (all of them while no map is shown). */
  onMap: boolean;
  /** Only requests this operator acted on. */
  mine: boolean;
}

export const DEFAULT_FILTER: QueueFilter = {
  tab: 'open', status: null, priority: null, category: null, crew: null, contractor: null, onMap: false, mine: false,
};

/** What matching reads besides the request itself. */
export interface FilterContext {
  crews: Readonly<Record<string, CrewView>>;
  actedOn: ReadonlySet<string>;
  mapBounds: MapBounds | null;
  /** Start of today in Tehran (epoch ms): "closed today" is closed at or after it. */
  dayStart: number;
}

export type Dimension = keyof QueueFilter;

/** Each dimension: the request's value for it (null: none), and whether the filter lets it through. */
interface Rule {
  value(r: RequestView, ctx: FilterContext): string | null;
  passes(f: QueueFilter, value: string | null): boolean;
}

/** A toggle's value for a request it would show: its count is `byValue.get(YES)`. */
export const YES = 'yes';
const select = (d: 'status' | 'priority' | 'category' | 'crew' | 'contractor', value: Rule['value']): Rule => ({
  value,
  passes: (f, v) => f[d] === null || v === f[d],
});
const toggle = (d: 'onMap' | 'mine', hit: (r: RequestView, ctx: FilterContext) => boolean): Rule => ({
  value: (r, ctx) => (hit(r, ctx) ? YES : null),
  passes: (f, v) => !f[d] || v === YES,
});

function inBounds(r: RequestView, b: MapBounds | null): boolean {
  return b === null || (r.lon >= b.west && r.lon <= b.east && r.lat >= b.south && r.lat <= b.north);
}

const RULES: Record<Dimension, Rule> = {
  tab: {
    value: (r, ctx) => (isOpen(r) ? 'open' : r.closedAt !== null && Date.parse(r.closedAt) >= ctx.dayStart ? 'closedToday' : null),
    passes: (f, v) => v === f.tab,
  },
  // A closed request has no open status to narrow by: it passes, so the closed tab's counts ignore it.
  status: { value: (r) => (isOpen(r) ? r.status : null), passes: (f, v) => f.status === null || v === null || v === f.status },
  priority: select('priority', (r) => r.priority),
  category: select('category', (r) => r.category),
  crew: select('crew', (r) => r.crewId),
  contractor: select('contractor', (r, ctx) => (r.crewId ? (ctx.crews[r.crewId]?.contractorId ?? null) : null)),
  onMap: toggle('onMap', (r, ctx) => inBounds(r, ctx.mapBounds)),
  mine: toggle('mine', (r, ctx) => ctx.actedOn.has(r.id)),
};
const DIMENSIONS = Object.keys(RULES) as Dimension[];

export function matches(f: QueueFilter, r: RequestView, ctx: FilterContext): boolean {
  return DIMENSIONS.every((d) => RULES[d].passes(f, RULES[d].value(r, ctx)));
}

/**
 * Per dimension, how many requests each value would show with the other filters as they are
 * (`byValue`; toggles count under 'yes'), and how many the other filters let through (`any`).
 */
export type FilterCounts = Record<Dimension, { any: number; byValue: Map<string, number> }>;

export interface QueueView {
  rows: RequestView[];
  counts: FilterCounts;
}

/** The queue's rows in urgency order and the filter counts, in one pass over the requests. */
export function queueView(requests: Iterable<RequestView>, f: QueueFilter, ctx: FilterContext): QueueView {
  const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, { any: 0, byValue: new Map<string, number>() }])) as FilterCounts;
  const rows: RequestView[] = [];
  const values = new Array<string | null>(DIMENSIONS.length);
  for (const r of requests) {
    // Which dimensions fail: with none the request is shown and counts everywhere; with one,
    // it counts only in that dimension (it would show were that filter set otherwise).
    let failed = -1;
    let failures = 0;
    for (let i = 0; i < DIMENSIONS.length && failures < 2; i++) {
      const rule = RULES[DIMENSIONS[i]];
      values[i] = rule.value(r, ctx);
      if (!rule.passes(f, values[i])) {
        failed = i;
        failures++;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) rows.push(r);
    for (let i = 0; i < DIMENSIONS.length; i++) {
      if (failures === 1 && i !== failed) continue;
      const c = counts[DIMENSIONS[i]];
      c.any++;
      const v = values[i];
      if (v !== null) c.byValue.set(v, (c.byValue.get(v) ?? 0) + 1);
    }
  }
  return { rows: rows.sort(compareUrgency), counts };
}
