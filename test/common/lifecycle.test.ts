// The shared request lifecycle (common/domain/lifecycle): every operator command against every
// request status — refused, or the status its event leads to — and what the console offers.
import { describe, expect, it } from 'vitest';
import {
  afterEvent, COMMAND_RULES, commandEvent, conflictOf, offers,
  type Lifecycle, type RequestCommand, type RequestCommandType,
} from '../../common/domain/lifecycle';
import type { RequestStatus } from '../../common/protocol/hub-protocol';

const STATUSES: RequestStatus[] = ['new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved', 'closed'];
/** A request as the hub leaves it in each status: its crew c1 from assignment on, kept once closed. */
const request = (status: RequestStatus): Lifecycle => ({ status, crewId: status === 'new' || status === 'acknowledged' ? null : 'c1' });

const id = 'r';
const x = 'conflict';
const OPEN_TO = (to: RequestStatus) => [to, to, to, to, to, to, x];
// Per command, in STATUSES order: the status it leads to from there, or `conflict`.
const TABLE: Array<[string, RequestCommand, string[]]> = [
  ['acknowledge', { type: 'request.acknowledge', data: { id } }, ['acknowledged', x, x, x, x, x, x]],
  ['assign another crew, replacing', { type: 'request.assign', data: { id, crewId: 'c2', replace: true } }, OPEN_TO('assigned')],
  ['assign another crew, not replacing', { type: 'request.assign', data: { id, crewId: 'c2' } }, ['assigned', 'assigned', x, x, x, x, x]],
  ['assign its own crew again', { type: 'request.assign', data: { id, crewId: 'c1', replace: true } }, ['assigned', 'assigned', x, x, x, x, x]],
  ['unassign', { type: 'request.unassign', data: { id } }, [x, x, 'acknowledged', 'acknowledged', 'acknowledged', 'acknowledged', x]],
  ['set_status en_route', { type: 'request.set_status', data: { id, status: 'en_route' } }, [x, x, 'en_route', x, x, x, x]],
  ['set_status on_site', { type: 'request.set_status', data: { id, status: 'on_site' } }, [x, x, 'on_site', 'on_site', x, x, x]],
  ['set_status resolved', { type: 'request.set_status', data: { id, status: 'resolved' } }, [x, x, 'resolved', 'resolved', 'resolved', x, x]],
  ['note', { type: 'request.note', data: { id, note: 'n' } }, STATUSES],
  ['close', { type: 'request.close', data: { id, resolution: 'resolved' } }, OPEN_TO('closed')],
  ['transfer', { type: 'request.transfer', data: { id, toDistrictId: '7', reason: 'x' } }, OPEN_TO('closed')],
];

describe('request lifecycle: every command from every status', () => {
  for (const [name, cmd, expected] of TABLE) {
    it(name, () => {
      const outcomes = STATUSES.map((s) => {
        const r = request(s);
        return conflictOf(r, cmd) === null ? afterEvent(r, commandEvent(cmd, 'op')).status : x;
      });
      expect(outcomes).toEqual(expected);
    });
  }

  it('assigning sets the crew, unassigning clears it, closing keeps it', () => {
    const crewAfter = (cmd: RequestCommand) => afterEvent(request('en_route'), commandEvent(cmd, 'op')).crewId;
    expect(crewAfter(TABLE[1][1])).toBe('c2');
    expect(crewAfter(TABLE[4][1])).toBeNull();
    expect(crewAfter(TABLE[9][1])).toBe('c1');
    expect(afterEvent(request('closed'), { type: 'request.reopened', data: { id, reason: 'r' } })).toEqual({ status: 'acknowledged', crewId: null });
  });

  it('the console offers what fits, but not a change of crew once resolved', () => {
    const offered = (type: RequestCommandType) => STATUSES.filter((s) => offers(request(s), type));
    const open = STATUSES.slice(0, -1);
    expect(Object.fromEntries(Object.keys(COMMAND_RULES).map((t) => [t, offered(t as RequestCommandType)]))).toEqual({
      'request.acknowledge': ['new'],
      'request.assign': ['new', 'acknowledged', 'assigned', 'en_route', 'on_site'],
      'request.unassign': ['assigned', 'en_route', 'on_site'],
      'request.set_status': ['assigned', 'en_route', 'on_site'],
      'request.note': STATUSES,
      'request.close': open,
      'request.transfer': open,
    });
  });
});
