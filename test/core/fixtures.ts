// Hub events for unit tests, valid by the protocol schemas unless a test breaks them on purpose.
import type { NewRequest } from '../../common/protocol/hub-protocol';

let nextSeq = 1;
export const resetSeq = (n = 1) => void (nextSeq = n);

export function ev(type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const seq = (extra.seq as number | undefined) ?? nextSeq++;
  return { seq, id: `ev-${seq}-${type}`, type, at: new Date(Date.UTC(2026, 10, 28, 9, 0, seq)).toISOString(), actor: { kind: 'hub' }, data, ...extra };
}

export const district = {
  id: '6',
  nameFa: 'منطقه ۶',
  nameEn: 'District 6',
  boundary: { type: 'Polygon', coordinates: [[[52.5, 29.6], [52.6, 29.6], [52.6, 29.7], [52.5, 29.6]]] },
  center: [52.55, 29.65],
};
export const categories = [
  { code: 'pothole', nameFa: 'چاله', nameEn: 'Pothole', defaultPriority: 'normal', ackMinutes: 15, resolveMinutes: 240 },
  { code: 'tree', nameFa: 'درخت', nameEn: 'Fallen tree', defaultPriority: 'high', ackMinutes: 5, resolveMinutes: 120 },
];

export function newRequest(id: string, over: Partial<NewRequest> = {}): NewRequest {
  return {
    id,
    category: 'pothole',
    priority: 'normal',
    description: 'چاله بزرگ در خیابان',
    address: 'خیابان ملاصدرا',
    location: { lon: 52.55, lat: 29.64 },
    citizen: { name: 'علی', phone: '09170000000' },
    channel: 'phone',
    receivedAt: '2026-11-28T09:00:00.000Z',
    ackDueAt: '2026-11-28T09:15:00.000Z',
    resolveDueAt: '2026-11-28T13:00:00.000Z',
    ...over,
  };
}

export const crew = (id: string, categories = ['pothole']) => ({ id, name: `Crew ${id}`, contractorId: 'ctr-1', categories });
