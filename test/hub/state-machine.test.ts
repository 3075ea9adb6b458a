// Pure command rules (§5) and the fold of events into hub state: no sockets, no SQLite.
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CREWS, districtInfo } from '../../hub/district6';
import { applyEvent, compactedHistory, emptyState, summarise, type DistrictState, type StoredEvent } from '../../hub/state';
import { decide, parseChange, type Decision } from '../../hub/state-machine';

let seq = 0;
function world(): DistrictState {
  seq = 0;
  const s = emptyState();
  const put = (type: string, data: Record<string, unknown>) => applyEvent(s, ev(type, data));
  put('district.configured', { district: districtInfo('6'), categories: CATEGORIES });
  for (const crew of CREWS.slice(0, 3)) put('crew.upserted', { crew });
  put('crew.status_changed', { crewId: 'crew-01', status: 'available' });
  put('crew.status_changed', { crewId: 'crew-02', status: 'available' });
  // crew-03 stays off_duty (never changed)
  put('request.created', { request: request('R1') });
  put('request.created', { request: request('R2') });
  return s;
}
const ev = (type: string, data: Record<string, unknown>): StoredEvent => ({ seq: ++seq, id: `e${seq}`, type, at: '2026-11-28T08:00:00.000Z', actor: { kind: 'hub' }, data });
const request = (id: string) => ({
  id, category: 'pothole', priority: 'normal', description: 'd', address: 'a', location: { lon: 52.49, lat: 29.65 },
  citizen: {}, channel: 'phone', receivedAt: '2026-11-28T08:00:00.000Z', ackDueAt: '2026-11-28T09:00:00.000Z', resolveDueAt: '2026-12-01T08:00:00.000Z',
});

/** Decide and, when accepted, apply: the state moves on like the hub's. */
function run(s: DistrictState, type: string, data: unknown): Decision {
  const parsed = parseChange(type, data);
  if (!parsed.ok) throw new Error(parsed.message);
  const d = decide(s, parsed.change, { districtId: '6', actorId: 'op-1', nextRequestId: () => 'R-new' });
  if (d.ok) for (const e of d.events) applyEvent(s, ev(e.type, e.data));
  return d;
}
const code = (d: Decision) => (d.ok ? d.events.map((e) => `${e.type}${e.data.status ? `:${e.data.status}` : ''}`) : d.code);
const crewOf = (s: DistrictState, id: string) => s.crews.get(id)!.status;

describe('command rules', () => {
  it('walks a request through its life with the crew status events of §5', () => {
    const s = world();
    expect(code(run(s, 'request.assign', { id: 'R1', crewId: 'crew-01' }))).toEqual(['request.assigned', 'crew.status_changed:assigned']);
    expect(code(run(s, 'request.set_status', { id: 'R1', status: 'en_route' }))).toEqual(['request.status_changed:en_route', 'crew.status_changed:en_route']);
    expect(code(run(s, 'request.set_status', { id: 'R1', status: 'on_site' }))).toEqual(['request.status_changed:on_site', 'crew.status_changed:on_site']);
    expect(code(run(s, 'request.set_status', { id: 'R1', status: 'resolved' }))).toEqual(['request.status_changed:resolved', 'crew.status_changed:available']);
    expect(code(run(s, 'request.close', { id: 'R1', resolution: 'resolved' }))).toEqual(['request.closed']);
    expect(summarise(s).requests[0]).toEqual({ id: 'R1', status: 'closed', priority: 'normal', category: 'pothole', crewId: 'crew-01' });
    expect(code(run(s, 'request.feedback', { id: 'R1', rating: 2 }))).toEqual(['request.feedback']);
    expect(code(run(s, 'request.reopen', { id: 'R1', reason: 'still broken' }))).toEqual(['request.reopened']);
    expect(s.requests.get('R1')).toMatchObject({ status: 'acknowledged', crewId: null });
  });

  it('frees the crew on unassign, replace and close while it works', () => {
    const s = world();
    run(s, 'request.assign', { id: 'R1', crewId: 'crew-01' });
    expect(code(run(s, 'request.assign', { id: 'R1', crewId: 'crew-02', replace: true }))).toEqual([
      'request.assigned', 'crew.status_changed:available', 'crew.status_changed:assigned',
    ]);
    expect([crewOf(s, 'crew-01'), crewOf(s, 'crew-02')]).toEqual(['available', 'assigned']);
    expect(code(run(s, 'request.unassign', { id: 'R1', reason: 'wrong trade' }))).toEqual(['request.unassigned', 'crew.status_changed:available']);
    run(s, 'request.assign', { id: 'R1', crewId: 'crew-02' });
    run(s, 'request.set_status', { id: 'R1', status: 'on_site' });
    expect(code(run(s, 'request.close', { id: 'R1', resolution: 'cancelled' }))).toEqual(['request.closed', 'crew.status_changed:available']);
  });

  it('refuses exactly the conflicts §5 lists', () => {
    const s = world();
    expect(code(run(s, 'request.unassign', { id: 'R1' }))).toBe('conflict');
    expect(code(run(s, 'request.set_status', { id: 'R1', status: 'resolved' }))).toBe('conflict');
    run(s, 'request.acknowledge', { id: 'R1' });
    expect(code(run(s, 'request.acknowledge', { id: 'R1' }))).toBe('conflict');
    run(s, 'request.assign', { id: 'R1', crewId: 'crew-01' });
    expect(code(run(s, 'request.assign', { id: 'R1', crewId: 'crew-01', replace: true }))).toBe('conflict');
    expect(code(run(s, 'request.assign', { id: 'R1', crewId: 'crew-02' }))).toBe('conflict');
    run(s, 'request.set_status', { id: 'R1', status: 'on_site' });
    expect(code(run(s, 'request.set_status', { id: 'R1', status: 'en_route' }))).toBe('conflict');
    expect(code(run(s, 'request.set_status', { id: 'R1', status: 'on_site' }))).toBe('conflict');
    run(s, 'request.transfer', { id: 'R1', toDistrictId: '3', reason: 'outside district' });
    expect(s.requests.get('R1')!.status).toBe('closed');
    for (const [type, data] of [
      ['request.acknowledge', { id: 'R1' }], ['request.assign', { id: 'R1', crewId: 'crew-02' }],
      ['request.close', { id: 'R1', resolution: 'invalid' }], ['request.transfer', { id: 'R1', toDistrictId: '2', reason: 'x' }],
    ] as const) expect(code(run(s, type, data))).toBe('conflict');
    expect(code(run(s, 'request.note', { id: 'R1', note: 'late note' }))).toEqual(['request.noted']);
  });

  it('documents the hub’s choices: off-duty or busy crews forbidden, other trades allowed', () => {
    const s = world();
    expect(code(run(s, 'request.assign', { id: 'R1', crewId: 'crew-03' }))).toBe('forbidden');
    run(s, 'request.assign', { id: 'R1', crewId: 'crew-01' }); // crew-01 is garbage, R1 a pothole: allowed
    expect(code(run(s, 'request.assign', { id: 'R2', crewId: 'crew-01' }))).toBe('forbidden');
    expect(code(run(s, 'request.transfer', { id: 'R2', toDistrictId: '6', reason: 'x' }))).toBe('forbidden');
    expect(code(run(s, 'request.close', { id: 'R2', resolution: 'transferred' }))).toBe('invalid');
    expect(code(run(s, 'request.close', { id: 'R2', resolution: 'duplicate' }))).toBe('invalid');
    expect(code(run(s, 'request.close', { id: 'R2', resolution: 'duplicate', duplicateOf: 'R9' }))).toBe('not_found');
    expect(code(run(s, 'request.close', { id: 'R2', resolution: 'duplicate', duplicateOf: 'R1' }))).toEqual(['request.closed']);
  });

  it('creates requests with the hub’s id and the category’s deadlines', () => {
    const s = world();
    const d = run(s, 'request.create', { request: { ...request('ignored'), id: undefined, ackDueAt: undefined, resolveDueAt: undefined, category: 'fallen_tree' } });
    expect(d.ok && d.events[0].data.request).toMatchObject({ id: 'R-new', ackDueAt: '2026-11-28T08:10:00.000Z', resolveDueAt: '2026-11-28T11:00:00.000Z' });
    expect(code(run(s, 'request.create', { request: { ...request('x'), category: 'volcano' } }))).toBe('invalid');
  });

  it('rejects malformed data through the protocol schemas', () => {
    expect(parseChange('request.set_status', { id: 'R1', status: 'flying' }).ok).toBe(false);
    expect(parseChange('request.assign', { id: 'x'.repeat(65), crewId: 'c' }).ok).toBe(false);
    expect(parseChange('request.teleport', {}).ok).toBe(false);
  });
});

describe('compacted history', () => {
  it('rebuilds the same state when applied to an empty one', () => {
    const s = world();
    run(s, 'request.assign', { id: 'R1', crewId: 'crew-01' });
    run(s, 'request.set_status', { id: 'R1', status: 'en_route' });
    run(s, 'request.close', { id: 'R2', resolution: 'invalid' });
    applyEvent(s, ev('crew.removed', { crewId: 'crew-02' }));
    const history = compactedHistory(s);
    expect(history[0].type).toBe('district.configured');
    const copy = emptyState();
    for (const e of history) applyEvent(copy, e);
    expect(summarise(copy)).toEqual(summarise(s));
    expect(history.filter((e) => e.type === 'crew.status_changed').map((e) => e.data.crewId)).toEqual(['crew-01', 'crew-03']);
  });
});
