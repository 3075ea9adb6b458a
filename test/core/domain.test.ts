import { describe, expect, it } from 'vitest';
import { parseEvent, type KnownEvent } from '../../common/protocol/hub-protocol';
import { isOverdue, nextDeadline } from '../../common/domain/deadlines';
import { startOfTehranDay } from '../../common/domain/tehran-day';
import { reduceCrew, type CrewEvent } from '../../main/core/domain/crew';
import { provisionalRequestId } from '../../common/api/contract';
import { applyCommandToCrew, applyCommandToRequest, commandTarget } from '../../main/core/domain/optimistic';
import { reduceRequest, type RequestEvent, type RequestState } from '../../main/core/domain/request';
import { Trail } from '../../main/core/domain/trail';
import { backoffDelay } from '../../main/core/sync/backoff';
import { categories, crew, ev, newRequest } from './fixtures';

const known = (type: string, data: Record<string, unknown>, at?: string) => {
  const r = parseEvent(ev(type, data, at ? { at } : {}));
  if (!r.ok || 'unknown' in r.event) throw new Error(`fixture ${type} invalid`);
  return r.event as KnownEvent;
};
const req = (type: string, data: Record<string, unknown>, at?: string) => known(type, data, at) as RequestEvent;

describe('request lifecycle (§3 table)', () => {
  const created = reduceRequest(null, req('request.created', { request: newRequest('r') }))!;
  const apply = (s: RequestState | null, ...events: RequestEvent[]) => events.reduce<RequestState | null>((x, e) => reduceRequest(x, e), s)!;

  it('created → new, no crew, citizen kept for operators', () => {
    expect(created).toMatchObject({ status: 'new', crewId: null, acknowledgedAt: null, citizenName: 'علی' });
  });
  it('acknowledged → acknowledged, crew unchanged', () => {
    const s = apply(created, req('request.acknowledged', { id: 'r', operatorId: 'op' }, '2026-11-28T09:05:00.000Z'));
    expect(s).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-11-28T09:05:00.000Z', crewId: null });
  });
  it('assigned straight from new counts as acknowledged then; re-assignment replaces the crew', () => {
    const s = apply(created, req('request.assigned', { id: 'r', crewId: 'c1', operatorId: 'op' }, '2026-11-28T09:07:00.000Z'));
    expect(s).toMatchObject({ status: 'assigned', crewId: 'c1', acknowledgedAt: '2026-11-28T09:07:00.000Z' });
    expect(apply(s, req('request.assigned', { id: 'r', crewId: 'c2', operatorId: 'op' }))).toMatchObject({
      crewId: 'c2',
      acknowledgedAt: '2026-11-28T09:07:00.000Z',
    });
  });
  it('unassigned → acknowledged without crew', () => {
    const s = apply(created, req('request.assigned', { id: 'r', crewId: 'c1', operatorId: 'op' }), req('request.unassigned', { id: 'r', operatorId: 'op' }));
    expect(s).toMatchObject({ status: 'acknowledged', crewId: null });
  });
  it('status_changed → its status, crew unchanged', () => {
    const s = apply(created, req('request.assigned', { id: 'r', crewId: 'c1', operatorId: 'op' }), req('request.status_changed', { id: 'r', status: 'on_site' }));
    expect(s).toMatchObject({ status: 'on_site', crewId: 'c1' });
  });
  it('closed keeps the crew; reopened → acknowledged without crew', () => {
    const closed = apply(
      created,
      req('request.assigned', { id: 'r', crewId: 'c1', operatorId: 'op' }),
      req('request.closed', { id: 'r', resolution: 'resolved' }, '2026-11-28T10:00:00.000Z'),
    );
    expect(closed).toMatchObject({ status: 'closed', crewId: 'c1', resolution: 'resolved', closedAt: '2026-11-28T10:00:00.000Z' });
    expect(apply(closed, req('request.reopened', { id: 'r', reason: 'still broken' }))).toMatchObject({
      status: 'acknowledged',
      crewId: null,
      closedAt: null,
      resolution: null,
    });
  });
  it('updated, noted and feedback change fields but not the status', () => {
    const s = apply(
      created,
      req('request.updated', { id: 'r', changes: { priority: 'urgent', location: { lon: 52.1, lat: 29.1 } } }),
      req('request.noted', { id: 'r', note: 'n', author: 'op' }),
      req('request.feedback', { id: 'r', rating: 4 }),
    );
    expect(s).toMatchObject({ status: 'new', priority: 'urgent', lon: 52.1, lat: 29.1, rating: 4 });
  });
  it('ignores events about a request it does not hold', () => {
    expect(reduceRequest(null, req('request.acknowledged', { id: 'zz', operatorId: 'op' }))).toBeNull();
  });
});

describe('crew reducer', () => {
  const c = (type: string, data: Record<string, unknown>) => known(type, data) as CrewEvent;
  it('a new crew is off_duty until its first status change; upserts keep the status', () => {
    const s = reduceCrew(null, c('crew.upserted', { crew: crew('c1') }))!;
    expect(s.status).toBe('off_duty');
    const avail = reduceCrew(s, c('crew.status_changed', { crewId: 'c1', status: 'available' }))!;
    expect(reduceCrew(avail, c('crew.upserted', { crew: { ...crew('c1'), name: 'renamed' } }))).toMatchObject({ name: 'renamed', status: 'available' });
    expect(reduceCrew(avail, c('crew.removed', { crewId: 'c1' }))).toBeNull();
    expect(reduceCrew(null, c('crew.status_changed', { crewId: 'c9', status: 'available' }))).toBeNull();
  });
});

describe('optimistic effects', () => {
  const base = reduceRequest(null, req('request.created', { request: newRequest('r') }))!;
  const cat = (code: string) => categories.find((c) => c.code === code) as never;
  const p = (command: unknown, commandId = 'k1') => ({ commandId, issuedAt: '2026-11-28T09:30:00.000Z', command: command as never });

  it('targets the request, the crew, or a provisional request for request.create', () => {
    expect(commandTarget({ type: 'request.note', data: { id: 'r', note: 'x' } }, 'k')).toEqual({ kind: 'request', id: 'r' });
    expect(commandTarget({ type: 'crew.set_status', data: { crewId: 'c1', status: 'break' } }, 'k')).toEqual({ kind: 'crew', id: 'c1' });
    expect(commandTarget({ type: 'request.create', data: { request: {} } } as never, 'k')).toEqual({ kind: 'request', id: provisionalRequestId('k') });
  });
  it('mirrors what the hub will do', () => {
    const ack = applyCommandToRequest(base, p({ type: 'request.acknowledge', data: { id: 'r' } }), cat)!;
    expect(ack).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-11-28T09:30:00.000Z' });
    const assigned = applyCommandToRequest(base, p({ type: 'request.assign', data: { id: 'r', crewId: 'c1' } }), cat)!;
    expect(assigned).toMatchObject({ status: 'assigned', crewId: 'c1', acknowledgedAt: '2026-11-28T09:30:00.000Z' });
    expect(applyCommandToRequest(assigned, p({ type: 'request.unassign', data: { id: 'r' } }), cat)).toMatchObject({ status: 'acknowledged', crewId: null });
    expect(applyCommandToRequest(assigned, p({ type: 'request.set_status', data: { id: 'r', status: 'en_route' } }), cat)).toMatchObject({ status: 'en_route' });
    expect(applyCommandToRequest(base, p({ type: 'request.close', data: { id: 'r', resolution: 'invalid' } }), cat)).toMatchObject({ status: 'closed', resolution: 'invalid' });
    expect(applyCommandToRequest(base, p({ type: 'request.transfer', data: { id: 'r', toDistrictId: '7', reason: 'x' } }), cat)).toMatchObject({ status: 'closed', resolution: 'transferred' });
    expect(applyCommandToRequest(base, p({ type: 'request.note', data: { id: 'r', note: 'x' } }), cat)).toBe(base);
    const { id: _id, ackDueAt: _a, resolveDueAt: _r, ...fields } = newRequest('x', { receivedAt: '2026-11-28T09:00:00.000Z' });
    expect(applyCommandToRequest(null, p({ type: 'request.create', data: { request: fields } }, 'k9'), cat)).toMatchObject({
      id: 'pending:k9',
      status: 'new',
      ackDueAt: '2026-11-28T09:15:00.000Z',
      resolveDueAt: '2026-11-28T13:00:00.000Z',
    });
    const c = { id: 'c1', name: 'c', contractorId: 'x', categories: [], vehicle: null, phone: null, status: 'available' as const };
    expect(applyCommandToCrew(c, p({ type: 'crew.set_status', data: { crewId: 'c1', status: 'break' } }))?.status).toBe('break');
  });
});

describe('deadlines', () => {
  const r = { status: 'new' as const, acknowledgedAt: null, ackDueAt: '2026-11-28T09:15:00.000Z', resolveDueAt: '2026-11-28T13:00:00.000Z' };
  const at = (iso: string) => Date.parse(iso);
  it('ack overdue only while not acknowledged; resolve overdue until resolved or closed', () => {
    expect(isOverdue(r, at('2026-11-28T09:14:00Z'))).toBe(false);
    expect(isOverdue(r, at('2026-11-28T09:16:00Z'))).toBe(true);
    const acked = { ...r, status: 'assigned' as const, acknowledgedAt: '2026-11-28T09:20:00Z' };
    expect(isOverdue(acked, at('2026-11-28T09:30:00Z'))).toBe(false);
    expect(isOverdue(acked, at('2026-11-28T13:01:00Z'))).toBe(true);
    expect(isOverdue({ ...acked, status: 'resolved' }, at('2026-11-28T14:00:00Z'))).toBe(false);
    expect(isOverdue({ ...acked, status: 'closed' }, at('2026-11-28T14:00:00Z'))).toBe(false);
    expect(nextDeadline(r)).toEqual({ kind: 'ack', at: at('2026-11-28T09:15:00Z') });
    expect(nextDeadline(acked)).toEqual({ kind: 'resolve', at: at('2026-11-28T13:00:00Z') });
  });
});

describe('trail, Tehran day, back-off', () => {
  it('thins a trail: small moves within a minute are dropped, the ring is bounded', () => {
    const t = new Trail(3);
    expect(t.add([52.5, 29.6, 0])).toBe(true);
    expect(t.add([52.50001, 29.6, 1000])).toBe(false); // ~1 m
    expect(t.add([52.50001, 29.6, 61_000])).toBe(true); // a minute later
    expect(t.add([52.51, 29.6, 62_000])).toBe(true); // ~1 km
    expect(t.add([52.52, 29.6, 63_000])).toBe(true);
    expect(t.since(0).map((p) => p[2])).toEqual([61_000, 62_000, 63_000]);
    expect(t.since(62_500).length).toBe(1);
  });
  it('finds the start of the Tehran day (UTC+03:30)', () => {
    expect(new Date(startOfTehranDay(Date.parse('2026-11-28T09:00:00Z'))).toISOString()).toBe('2026-11-27T20:30:00.000Z');
    expect(new Date(startOfTehranDay(Date.parse('2026-11-28T20:29:59Z'))).toISOString()).toBe('2026-11-27T20:30:00.000Z');
    expect(new Date(startOfTehranDay(Date.parse('2026-11-28T20:30:00Z'))).toISOString()).toBe('2026-11-28T20:30:00.000Z');
  });
  it('backs off 1 s doubling to 30 s with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 30].map((a) => backoffDelay(a, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
    expect(backoffDelay(10, () => 1)).toBe(30000);
  });
});
