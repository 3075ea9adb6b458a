// Whether any crew has been on site for a request: closing it as "resolved" without that is the
// mistake the console asks about first. Pure; from the request's status and, when known, its log.
import type { RequestStatus } from '../protocol/hub-protocol';

/** What of a logged event the rule reads (TimelineEntry and the core's StoredEvent both fit). */
interface Logged {
  type: string;
  data: Record<string, unknown>;
}

/** A crew reported on site, or reported the work done (which it can only do there). */
const ON_SITE_OR_DONE: readonly unknown[] = ['on_site', 'resolved'];

/**
 * True when a crew is or has been on site: the request is on_site or resolved now, or its log
 * holds a crew's `request.status_changed` to on_site or resolved (a crew later replaced, or a
 * request reopened after the work, still had one there). Without the log, the status alone.
 */
export function crewHasBeenOnSite(status: RequestStatus, log: readonly Logged[] | null): boolean {
  if (ON_SITE_OR_DONE.includes(status)) return true;
  return !!log?.some((e) => e.type === 'request.status_changed' && ON_SITE_OR_DONE.includes(e.data.status));
}
