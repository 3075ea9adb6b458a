// "A crew has been on site" (common/domain/on-site): what closing as resolved without a
// confirmation needs — now on site or resolved, or once reported so in the log.
import { describe, expect, it } from 'vitest';
import { crewHasBeenOnSite } from '../../common/domain/on-site';

const changed = (status: string) => ({ type: 'request.status_changed', data: { id: 'r', status } });
const assigned = { type: 'request.assigned', data: { id: 'r', crewId: 'c1', operatorId: 'op-1' } };

describe('crewHasBeenOnSite', () => {
  it('is true when the request is on site or resolved now, log or not', () => {
    expect(crewHasBeenOnSite('on_site', null)).toBe(true);
    expect(crewHasBeenOnSite('resolved', [])).toBe(true);
  });

  it('is false for a request no crew reached: new, acknowledged, assigned, en route', () => {
    for (const s of ['new', 'acknowledged', 'assigned', 'en_route'] as const) expect(crewHasBeenOnSite(s, null)).toBe(false);
    expect(crewHasBeenOnSite('en_route', [assigned, changed('en_route')])).toBe(false);
  });

  it('is true when the log holds a crew on site or done, though the request has moved on since', () => {
    expect(crewHasBeenOnSite('assigned', [assigned, changed('on_site'), { type: 'request.unassigned', data: { id: 'r' } }, assigned])).toBe(true);
    expect(crewHasBeenOnSite('acknowledged', [assigned, changed('resolved'), { type: 'request.reopened', data: { id: 'r', reason: 'x' } }])).toBe(true);
  });

  it('reads only status changes: a note saying "on_site" is not a report', () => {
    expect(crewHasBeenOnSite('assigned', [{ type: 'request.noted', data: { id: 'r', note: 'on_site', status: 'on_site' } }])).toBe(false);
  });
});
