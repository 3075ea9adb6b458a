// The map's colours and sizes in one place, so the layers and the legend agree.
import type { CrewStatus, Priority, RequestStatus } from '../../../common/protocol/hub-protocol';

/** Fill of a request, by priority (also the colour of a cluster, by the worst priority inside). */
export const PRIORITY_COLOR: Record<Priority, string> = {
  urgent: '#c62828',
  high: '#ef6c00',
  normal: '#f9a825',
  low: '#78909c',
};

/** Ring of a request, by status: how far along it is. Resolved requests are also faded. */
export const STATUS_RING: Record<Exclude<RequestStatus, 'closed'>, { color: string; width: number }> = {
  new: { color: '#111111', width: 2.5 },
  acknowledged: { color: '#ffffff', width: 1.5 },
  assigned: { color: '#6a1b9a', width: 2.5 },
  en_route: { color: '#1565c0', width: 3 },
  on_site: { color: '#2e7d32', width: 3 },
  resolved: { color: '#2e7d32', width: 1.5 },
};

export const OVERDUE_COLOR = '#ff1744';
export const SELECTED_COLOR = '#00b0ff';

export const CREW_COLOR: Record<CrewStatus, string> = {
  available: '#2e7d32',
  assigned: '#6a1b9a',
  en_route: '#1565c0',
  on_site: '#00897b',
  break: '#8d6e63',
  off_duty: '#757575',
};
/** A crew whose last fix is older than STALE_GREY_MS. */
export const STALE_COLOR = '#b4b4b4';

export const BOUNDARY_COLOR = '#37474f';
export const TRAIL_COLOR = '#1565c0';
