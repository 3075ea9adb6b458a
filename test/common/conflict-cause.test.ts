// Why a command was refused, from the request's log (common/domain/conflict-cause): the event
// that turned "fits" into "conflict", none while the log still says it fits, none for a command
// that never fitted.
import { describe, expect, it } from 'vitest';
import { explainConflict } from '../../common/domain/conflict-cause';
import type { EventDraft, RequestCommand } from '../../common/domain/lifecycle';
import type { NewRequest } from '../../common/protocol/hub-protocol';

const id = 'r1';
const created: EventDraft = { type: 'request.created', data: { request: { id } as NewRequest } };
const acked: EventDraft = { type: 'request.acknowledged', data: { id, operatorId: 'op-2' } };
const assigned = (crewId: string): EventDraft => ({ type: 'request.assigned', data: { id, crewId, operatorId: 'op-1' } });
const status = (s: 'en_route' | 'on_site' | 'resolved'): EventDraft => ({ type: 'request.status_changed', data: { id, status: s } });
const noted: EventDraft = { type: 'request.noted', data: { id, note: 'n', author: 'op-3' } };
const closed: EventDraft = { type: 'request.closed', data: { id, resolution: 'resolved' } };

const assign: RequestCommand = { type: 'request.assign', data: { id, crewId: 'c2' } };
const acknowledge: RequestCommand = { type: 'request.acknowledge', data: { id } };

describe('explainConflict', () => {
  it('names the assignment that beat another assignment, and its crew, past later notes', () => {
    expect(explainConflict([created, acked, assigned('c1'), noted], assign)).toEqual({
      conflict: 'request already has crew c1',
      cause: { index: 2, status: 'assigned', crewId: 'c1' },
    });
  });

  it('names the acknowledgement (no crew) that beat an acknowledgement', () => {
    expect(explainConflict([created, acked, noted], acknowledge)).toEqual({ conflict: 'request is already acknowledged', cause: { index: 1, status: 'acknowledged', crewId: null } });
  });

  it('names the latest of several events that each made it not fit', () => {
    // assigned c1 (refuses c2), unassigned (fits again), assigned c3 (refuses c2 again)
    const log = [created, assigned('c1'), { type: 'request.unassigned', data: { id, operatorId: 'op-1' } } as EventDraft, assigned('c3'), noted];
    expect(explainConflict(log, assign)).toEqual({ conflict: 'request already has crew c3', cause: { index: 3, status: 'assigned', crewId: 'c3' } });
    expect(explainConflict([...log, closed], assign)).toEqual({ conflict: 'request is closed', cause: { index: 5, status: 'closed', crewId: 'c3' } });
    expect(explainConflict([...log, closed], { type: 'request.note', data: { id, note: 'n' } }).conflict).toBeNull();
  });

  it('names a crew’s own report when a field status went out of order', () => {
    const log = [created, assigned('c1'), status('on_site')];
    expect(explainConflict(log, { type: 'request.set_status', data: { id, status: 'en_route' } })).toEqual({
      conflict: 'request is on_site, cannot go to en_route',
      cause: { index: 2, status: 'on_site', crewId: 'c1' },
    });
  });

  it('has no conflict while the log says the command still fits (the winner’s event is not here yet)', () => {
    expect(explainConflict([created], assign)).toEqual({ conflict: null, cause: null });
    expect(explainConflict([], assign)).toEqual({ conflict: null, cause: null });
  });

  it('has no cause for a command that never fitted since the first event shown', () => {
    expect(explainConflict([created, noted], { type: 'request.unassign', data: { id } })).toEqual({ conflict: 'request has no crew', cause: null });
    // a log whose oldest kept event already leaves the request assigned
    expect(explainConflict([assigned('c1'), noted], assign)).toEqual({ conflict: 'request already has crew c1', cause: null });
  });
});
