// The core's side of the renderer API (common/api/contract.ts). Inputs arrive validated by the
// transport's dispatcher, with their caller; ./policy decides what each caller may call and see.
import { ApiError, type ApiHandlers, type Caller } from '../../common/api/rpc';
import type { Bootstrap, ContractorView, LinkState, LiveBatch, TimelineEntry } from '../../common/api/contract';
import type { OperatorCommand } from '../../common/protocol/hub-protocol';
import { startOfTehranDay } from '../../common/domain/tehran-day';
import type { Store, StoredEvent } from './db/store';
import type { LiveFeed } from './live';
import type { PositionBook } from './positions';
import { permissions, seesPersonalData, withPolicy } from './policy';
import { searchRequests } from './search';
import type { Views } from './views';

export interface HandlerDeps {
  store: Store;
  views: Views;
  positions: PositionBook;
  live: LiveFeed;
  link(): LinkState;
  operatorId: string;
  basemapUrl: string | null;
  /** Queue a command sent by `caller` (whose session alone is told how it went). */
  submit(cmd: OperatorCommand, caller: Caller): { commandId: string };
}

export function contractorViews(store: Store): ContractorView[] {
  return store.reference.contractors().map(({ id, name, categories }) => ({ id, name, categories }));
}

/** Timeline entries never carry the citizen block of request.created (it is personal data). */
function toTimelineEntry(e: StoredEvent): TimelineEntry {
  let data = e.data;
  if (e.type === 'request.created' && data.request && typeof data.request === 'object') {
    const { citizen: _c, ...request } = data.request as Record<string, unknown>;
    data = { ...data, request };
  }
  return { seq: e.seq, at: e.at, type: e.type, actorKind: e.actorKind, actorId: e.actorId, data };
}

export function createHandlers(d: HandlerDeps): ApiHandlers {
  return withPolicy({
    queries: {
      bootstrap: (_input, caller): Bootstrap => ({
        role: caller.role,
        permissions: permissions(caller),
        operatorId: d.operatorId,
        district: d.store.reference.district(),
        categories: d.store.reference.categories(),
        contractors: contractorViews(d.store),
        crews: d.views.crews(),
        requests: d.views.requests(new Date(startOfTehranDay(Date.now())).toISOString()),
        link: d.link(),
        basemap: d.basemapUrl ? { url: d.basemapUrl } : null,
      }),
      requestDetail: ({ id }, caller) => {
        // One read of the state serves the view and the citizen block (they differ only in fields).
        const s = d.views.requestState(id);
        if (!s) throw new ApiError('not_found', `no request ${id}`);
        const { view, originals } = d.views.withOriginals(s);
        return {
          request: view,
          citizen: seesPersonalData(caller) ? { name: s.citizenName, phone: s.citizenPhone } : null,
          timeline: d.store.events.requestTimeline(id).map(toTimelineEntry),
          duplicates: originals,
        };
      },
      crewTrail: ({ crewId }) => ({ crewId, points: d.positions.trail(crewId) }),
      actedOn: () => ({
        ids: [...new Set([...d.store.events.requestsActedOnBy(d.operatorId), ...d.store.outbox.pendingRequestsOf(d.operatorId)])],
      }),
      duplicateCandidates: (input) => ({ candidates: d.views.originalsForNew({ ...input, receivedAt: new Date().toISOString() }) }),
      // Phones are searched only for a caller who may see them: another caller's digits never match one.
      search: ({ text, limit }, caller) => searchRequests(d.store, d.views, text, seesPersonalData(caller), limit),
    },
    commands: {
      submit: (cmd, caller) => d.submit(cmd as OperatorCommand, caller),
    },
    subscribe: (name, listener, caller) => {
      if (name !== 'live') throw new ApiError('bad_call', `unknown subscription ${String(name)}`);
      return d.live.subscribe(listener as (b: LiveBatch) => void, caller);
    },
  });
}
