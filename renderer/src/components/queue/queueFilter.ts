// What the operator narrowed the queue to, and the queue itself: filtered, ordered by urgency.
import type { RequestView } from '../../../../common/api/contract';
import type { Priority, RequestStatus } from '../../../../common/protocol/hub-protocol';
import { isOpen } from '../../../../common/domain/lifecycle';
import { compareUrgency } from '../../../../common/domain/urgency';
import { useRequestsDerived } from '../../state/store';

export interface QueueFilter {
  scope: 'open' | 'all';
  status: RequestStatus | null;
  priority: Priority | null;
  category: string | null;
}

export const DEFAULT_FILTER: QueueFilter = { scope: 'open', status: null, priority: null, category: null };

export function matches(f: QueueFilter, r: RequestView): boolean {
  return (
    (f.scope === 'all' || isOpen(r)) &&
    (f.status === null || r.status === f.status) &&
    (f.priority === null || r.priority === f.priority) &&
    (f.category === null || r.category === f.category)
  );
}

/** The queue rows in order. Recomputed only when requests or the filter change, not every tick. */
export function useQueue(filter: QueueFilter): RequestView[] {
  return useRequestsDerived((requests) => Object.values(requests).filter((r) => matches(filter, r)).sort(compareUrgency), [filter]);
}
