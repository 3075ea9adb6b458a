// The queue's last filters, per operator on this workstation (localStorage). What is read back is
// checked field by field: a field that is missing, of an older shape or unknown falls back to its
// default, and the rest is kept; an unreadable entry is the default filter.
import { z } from 'zod';
import { Priority, RequestStatus } from '../../../../common/protocol/hub-protocol';
import { DEFAULT_FILTER, type QueueFilter } from './queueFilter';

const Ref = z.string().min(1).max(64).nullable().catch(null);
const StoredFilter = z.object({
  tab: z.enum(['open', 'closedToday']).catch(DEFAULT_FILTER.tab),
  status: RequestStatus.exclude(['closed']).nullable().catch(null),
  priority: Priority.nullable().catch(null),
  category: Ref,
  crew: Ref,
  contractor: Ref,
  onMap: z.boolean().catch(false),
  mine: z.boolean().catch(false),
});

const keyFor = (operatorId: string) => `console137.queueFilter.${operatorId}`;

/** A stored entry back to a filter; never throws. */
export function parseStoredFilter(raw: string | null): QueueFilter {
  if (raw === null) return DEFAULT_FILTER;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_FILTER;
  }
  const parsed = StoredFilter.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_FILTER;
}

export function loadFilter(operatorId: string): QueueFilter {
  try {
    return parseStoredFilter(globalThis.localStorage?.getItem(keyFor(operatorId)) ?? null);
  } catch {
    return DEFAULT_FILTER; // storage may be disabled: start from the default
  }
}

export function saveFilter(operatorId: string, f: QueueFilter): void {
  try {
    globalThis.localStorage?.setItem(keyFor(operatorId), JSON.stringify(f));
  } catch {
    // not remembering is acceptable; the filter still applies for this session
  }
}
