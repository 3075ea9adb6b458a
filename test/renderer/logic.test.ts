import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../common/api/contract';
import { allowedActions } from '../../renderer/src/state/allowedActions';

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
