import { describe, expect, it } from 'vitest';
import type { CrewView, RequestView } from '../../common/api/contract';
import { allowedActions } from '../../renderer/src/state/allowedActions';
import { rankCrews } from '../../common/domain/nearest-crew';

const T0 = Date.parse('2025-06-01T08:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function request(over: Partial<RequestView> = {}): RequestView {
  return {
    id: 'r1', category: 'pothole', priority: 'normal', status: 'new', description: '', address: '',
    lon: 52.53, lat: 29.62, channel: 'phone', receivedAt: iso(T0), ackDueAt: iso(T0 + 20 * MIN),
    resolveDueAt: iso(T0 + 120 * MIN), acknowledgedAt: null, crewId: null, closedAt: null, resolution: null,
    rating: null, updatedAt: iso(T0), pendingCommands: 0, duplicates: 0, ...over,
  };
}

describe('crew ranking', () => {
  const fixAt = (lon: number, lat: number, at: number) => ({ crewId: '', lon, lat, heading: null, speedKmh: null, at: iso(at) });
  function crew(id: string, over: Partial<CrewView>): CrewView {
    return { id, name: id, contractorId: 'k', categories: ['pothole'], vehicle: null, status: 'available', fix: null, ...over };
  }

  it('lists available crews nearest first, unknown or stale positions last', () => {
    const now = T0;
    const ranked = rankCrews(
      [
        crew('far', { fix: fixAt(52.6, 29.62, now) }),
        crew('near', { fix: fixAt(52.531, 29.62, now), categories: ['garbage'] }),
        crew('busy', { status: 'en_route', fix: fixAt(52.53, 29.62, now) }),
        crew('stale', { fix: fixAt(52.53, 29.62, now - 31 * MIN) }),
        crew('nofix', {}),
      ],
      request(),
      now,
    );
    expect(ranked.map((c) => c.crew.id)).toEqual(['near', 'far', 'nofix', 'stale']);
    expect(ranked[0].km).toBeGreaterThan(0.09);
    expect(ranked[0].km).toBeLessThan(0.11);
    expect(ranked[1].km).toBeCloseTo(6.8, 0);
    expect(ranked.map((c) => c.matchesCategory)).toEqual([false, true, true, true]);
    expect(ranked[3]).toMatchObject({ km: null, fixAgeMs: 31 * MIN });
  });
});

describe('allowed actions', () => {
  const sorted = (r: RequestView) => [...allowedActions(r)].sort();

  it('offers acknowledge only while new, field statuses only forward and only with a crew', () => {
    expect(sorted(request())).toEqual(['acknowledge', 'assign', 'close', 'note', 'transfer']);
    expect(sorted(request({ status: 'acknowledged', acknowledgedAt: iso(T0) }))).toEqual(['assign', 'close', 'note', 'transfer']);
    expect(sorted(request({ status: 'en_route', acknowledgedAt: iso(T0), crewId: 'c1' }))).toEqual([
      'assign', 'close', 'note', 'on_site', 'resolved', 'transfer', 'unassign',
    ]);
    expect(sorted(request({ status: 'resolved', acknowledgedAt: iso(T0), crewId: 'c1' }))).toEqual(['close', 'note', 'transfer']);
  });

  it('leaves only a note on a closed request', () => {
    expect(sorted(request({ status: 'closed', acknowledgedAt: iso(T0), crewId: 'c1' }))).toEqual(['note']);
  });
});
