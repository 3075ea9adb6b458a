// Suggested arrival: which fixes offer "on site", and the index that keeps up with live batches.
import { describe, expect, it } from 'vitest';
import type { FixView, RequestView } from '../../common/api/contract';
import { AwaitingArrival } from '../../renderer/src/map/arrival';

const request = (id: string, over: Partial<RequestView>): RequestView => ({
  id,
  category: 'pothole',
  priority: 'normal',
  status: 'assigned',
  description: '',
  address: '',
  lon: 52.5,
  lat: 29.65,
  channel: 'phone',
  receivedAt: '2026-01-01T08:00:00Z',
  ackDueAt: '2026-01-01T09:00:00Z',
  resolveDueAt: '2026-01-02T08:00:00Z',
  acknowledgedAt: '2026-01-01T08:05:00Z',
  crewId: 'c1',
  closedAt: null,
  resolution: null,
  rating: null,
  updatedAt: '2026-01-01T08:05:00Z',
  pendingCommands: 0,
  duplicates: 0,
  ...over,
});
// 0.0003° of latitude is about 33 m; 0.0006° about 67 m.
const fix = (crewId: string, dLat: number): FixView => ({ crewId, lon: 52.5, lat: 29.65 + dLat, heading: null, speedKmh: null, at: '2026-01-01T09:00:00Z' });

describe('suggested arrival', () => {
  it("offers a request when its own crew's fix is within 50 m, and only then", () => {
    const requests = {
      a: request('a', {}),
      b: request('b', { status: 'en_route', lat: 29.6503 }),
      c: request('c', { status: 'on_site' }), // already there
      d: request('d', { crewId: 'c2' }), // someone else's
      e: request('e', { status: 'acknowledged', crewId: null }),
    };
    const index = new AwaitingArrival();
    index.rebuild(requests);
    expect(index.find([fix('c1', 0.0003)], requests).map((o) => o.requestId).sort()).toEqual(['a', 'b']);
    expect(index.find([fix('c1', 0.0006)], requests).map((o) => o.requestId)).toEqual(['b']);
    expect(index.find([fix('c1', 0.001)], requests)).toEqual([]);
    expect(index.find([fix('c3', 0)], requests)).toEqual([]);
    expect(index.find([fix('c1', 0.0003)], requests)[0].meters).toBe(33);
  });

  it('follows reassignments and removals named by live batches', () => {
    const requests: Record<string, RequestView> = { a: request('a', {}) };
    const index = new AwaitingArrival();
    index.rebuild(requests);
    requests.a = request('a', { crewId: 'c2' });
    index.update('a', requests.a);
    expect(index.find([fix('c1', 0)], requests)).toEqual([]);
    expect(index.find([fix('c2', 0)], requests).map((o) => o.requestId)).toEqual(['a']);
    delete requests.a;
    index.update('a', undefined);
    expect(index.find([fix('c2', 0)], requests)).toEqual([]);
  });
});
