import { describe, expect, it } from 'vitest';
import type { CrewView, RequestView } from '../../common/api/contract';
import { DEFAULT_FILTER, YES, matches, queueView, type FilterContext, type QueueFilter } from '../../renderer/src/components/queue/queueFilter';
import { parseStoredFilter } from '../../renderer/src/components/queue/rememberedFilter';

const T0 = Date.parse('2025-06-01T08:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function request(id: string, over: Partial<RequestView> = {}): RequestView {
  return {
    id, category: 'pothole', priority: 'normal', status: 'new', description: '', address: '',
    lon: 52.53, lat: 29.62, channel: 'phone', receivedAt: iso(T0), ackDueAt: iso(T0 + 20 * MIN),
    resolveDueAt: iso(T0 + 120 * MIN), acknowledgedAt: null, crewId: null, closedAt: null, resolution: null,
    rating: null, updatedAt: iso(T0), pendingCommands: 0, duplicates: 0, ...over,
  };
}
const crew = (id: string, contractorId: string): CrewView => ({
  id, name: id, contractorId, categories: [], vehicle: null, status: 'available', statusSince: null, fix: null,
});
const acked = (crewId: string | null, over: Partial<RequestView> = {}): Partial<RequestView> => ({
  status: crewId ? 'en_route' : 'acknowledged', acknowledgedAt: iso(T0), crewId, ...over,
});

const ctx: FilterContext = {
  crews: { c1: crew('c1', 'k1'), c2: crew('c2', 'k2') },
  actedOn: new Set(['a', 'd']),
  mapBounds: { west: 52.5, south: 29.6, east: 52.56, north: 29.64 },
  dayStart: T0,
};
const requests = [
  request('a', { priority: 'urgent' }),
  request('b', { category: 'tree', lon: 52.7 }), // off the map
  request('c', acked('c1')),
  request('d', acked('c2', { priority: 'urgent' })),
  request('e', acked(null, { status: 'resolved' })),
  request('closed-today', acked('c1', { status: 'closed', closedAt: iso(T0 + 60 * MIN) })),
  request('closed-yesterday', acked('c1', { status: 'closed', closedAt: iso(T0 - MIN) })),
];
const ids = (f: Partial<QueueFilter>) => queueView(requests, { ...DEFAULT_FILTER, ...f }, ctx).rows.map((r) => r.id);
const countsFor = (f: Partial<QueueFilter>) => queueView(requests, { ...DEFAULT_FILTER, ...f }, ctx).counts;

describe('queue filter: matching', () => {
  it('shows the open requests, in urgency order, by default', () => {
    // a and b race the same ack deadline (urgent first), c and d the same resolve deadline; e is resolved.
    expect(ids({})).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('shows only what was closed today in the closed-today tab', () => {
    expect(ids({ tab: 'closedToday' })).toEqual(['closed-today']);
  });

  it('narrows by status, priority, category, crew and the crew\'s contractor', () => {
    expect(ids({ status: 'en_route' }).sort()).toEqual(['c', 'd']);
    expect(ids({ priority: 'urgent' }).sort()).toEqual(['a', 'd']);
    expect(ids({ category: 'tree' })).toEqual(['b']);
    expect(ids({ crew: 'c1' })).toEqual(['c']);
    expect(ids({ contractor: 'k2' })).toEqual(['d']);
    expect(ids({ tab: 'closedToday', contractor: 'k1' })).toEqual(['closed-today']);
  });

  it('ignores the status filter in the closed-today tab', () => {
    expect(ids({ tab: 'closedToday', status: 'new' })).toEqual(['closed-today']);
  });

  it('keeps only what the map shows, or everything while no map is shown', () => {
    expect(ids({ onMap: true })).not.toContain('b');
    expect(ids({ onMap: true })).toHaveLength(4);
    expect(matches({ ...DEFAULT_FILTER, onMap: true }, requests[1], { ...ctx, mapBounds: null })).toBe(true);
  });

  it('keeps only the requests this operator acted on', () => {
    expect(ids({ mine: true }).sort()).toEqual(['a', 'd']);
  });
});

describe('queue filter: counts given the other filters', () => {
  it('counts each value of a dimension with the other filters applied, not its own', () => {
    const c = countsFor({ priority: 'urgent' });
    expect(c.priority.any).toBe(5);
    expect(c.priority.byValue.get('urgent')).toBe(2);
    expect(c.priority.byValue.get('normal')).toBe(3);
    // Other dimensions count only what the urgent filter lets through.
    expect(c.category.byValue.get('pothole')).toBe(2);
    expect(c.category.byValue.get('tree')).toBeUndefined();
    expect(c.mine.byValue.get(YES)).toBe(2);
    expect(c.onMap.byValue.get(YES)).toBe(2);
  });

  it('counts both tabs with the filters applied', () => {
    const c = countsFor({ crew: 'c1' });
    expect(c.tab.byValue.get('open')).toBe(1);
    expect(c.tab.byValue.get('closedToday')).toBe(1);
    expect(countsFor({}).tab.byValue.get('open')).toBe(5);
  });

  it('counts a toggle as what it would show when on, whether on or off', () => {
    expect(countsFor({}).mine.byValue.get(YES)).toBe(2);
    expect(countsFor({ mine: true }).mine.byValue.get(YES)).toBe(2);
    expect(countsFor({}).onMap.byValue.get(YES)).toBe(4);
  });

  it('counts crews and contractors, status only for open requests', () => {
    const c = countsFor({});
    expect(c.crew.byValue.get('c1')).toBe(1);
    expect(c.contractor.byValue.get('k2')).toBe(1);
    expect(c.status.byValue.get('new')).toBe(2);
    expect(countsFor({ tab: 'closedToday' }).status.byValue.size).toBe(0);
  });

  it('matches its own rows: the count of the chosen value is the number of rows shown', () => {
    for (const f of [{ priority: 'urgent' }, { crew: 'c1' }, { mine: true }, { onMap: true, status: 'new' }] as Partial<QueueFilter>[]) {
      const v = queueView(requests, { ...DEFAULT_FILTER, ...f }, ctx);
      expect(v.counts.tab.byValue.get('open')).toBe(v.rows.length);
    }
  });
});

describe('remembered filter', () => {
  const full: QueueFilter = { tab: 'closedToday', status: 'en_route', priority: 'high', category: 'tree', crew: 'c1', contractor: 'k1', onMap: true, mine: true };

  it('reads back what was stored', () => {
    expect(parseStoredFilter(JSON.stringify(full))).toEqual(full);
  });

  it('is the default when nothing, or nothing readable, was stored', () => {
    for (const raw of [null, '', '{', 'null', '42', '"open"', '[]']) expect(parseStoredFilter(raw)).toEqual(DEFAULT_FILTER);
  });

  it('drops only the fields that are missing, unknown or of an older shape', () => {
    expect(parseStoredFilter(JSON.stringify({ scope: 'all', status: 'closed', priority: 'urgent' }))).toEqual({ ...DEFAULT_FILTER, priority: 'urgent' });
    expect(parseStoredFilter(JSON.stringify({ ...full, tab: 'archive', mine: 'yes', crew: 7, category: 'x'.repeat(65) }))).toEqual({
      ...full, tab: 'open', mine: false, crew: null, category: null,
    });
  });
});
