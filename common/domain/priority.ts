// Priorities from most to least pressing: the queue's tie-break, the map's cluster colour (the
// worst inside) and heat weight all read this one order.
import type { Priority } from '../protocol/hub-protocol';

export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
export const PRIORITIES = Object.keys(PRIORITY_RANK) as Priority[];
