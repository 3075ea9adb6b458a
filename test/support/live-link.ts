// A bootstrap's link to the hub as the core reports it once caught up: the one fixture the test
// doubles of the core (renderer, web shell, map harness) start from.
import type { LinkState } from '../../common/api/contract';

/** A live, caught-up link with nothing pending; `o` sets what a test cares about. */
export function liveLink(o: Partial<LinkState> & Pick<LinkState, 'since' | 'hubId'>): LinkState {
  return {
    state: 'live',
    lastSeq: 0,
    headSeq: 0,
    lastEventAt: null,
    replay: null,
    error: null,
    nextRetryAt: null,
    outboxPending: 0,
    rejectedEvents: 0,
    ...o,
  };
}
