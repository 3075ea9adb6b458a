// HubControl: how tests, benchmarks and the demo drive the hub deterministically. Changes go
// through the same state machine as operators' commands; only appendRaw and emitRaw bypass it, on
// purpose, to feed consoles what a faulty hub might send.
import type { Namespace } from 'socket.io';
import {
  Crew as CrewSchema, NewRequest as NewRequestSchema, summarise as summariseIssues,
  type Actor, type Contractor, type Crew, type CrewStatus, type Fix, type NewRequest,
} from '../common/protocol/hub-protocol';
import type { District } from './district';
import { deadlinesFor } from '../common/domain/deadlines';
import { parseChange, type Change } from './state-machine';
import { summarise, type StateSummary, type StoredEvent } from './state';
import { plausibleRequest, type RequestFields } from './simulator/generate';
import { rng } from './simulator/random';

export type ChangeAck = { ok: true; seq: number } | { ok: false; code: string; message: string };

export interface HubControl {
  /**
   * A citizen's new request. The hub fills plausible fields (seeded) for what `partial` leaves
   * out; `id`, `ackDueAt` and `resolveDueAt` may be given too (else hub-made, deadlines from the
   * category). Returns the NewRequest as logged.
   */
  createRequest(partial?: Partial<NewRequest>, districtId?: string): NewRequest;
  /**
   * Any change as a non-operator actor: the command types of §5 plus `request.reopen`
   * {id, reason}, `request.feedback` {id, rating, comment?} and `request.update` {id, changes}.
   * Default actor: the request's crew for `request.set_status`, the citizen for reopen/feedback,
   * else the hub. Same rules as commands; refusals come back as acks, never thrown.
   */
  applyAsActor(change: { type: string; data: unknown }, actor?: Actor, districtId?: string): ChangeAck;
  /** Add or replace a crew (partial fields get defaults); with `status`, also sets its status. Returns head seq. */
  upsertCrew(crew: Partial<Crew> & { id: string }, status?: CrewStatus, districtId?: string): number;
  removeCrew(crewId: string, districtId?: string): number;
  setCrewStatus(crewId: string, status: CrewStatus, districtId?: string): number;
  upsertContractor(contractor: Contractor, districtId?: string): number;
  /** GPS fixes (`at` defaults to now): latest per crew kept, sent volatile to caught-up consoles. */
  pushFixes(fixes: Array<Omit<Fix, 'at'> & { at?: string }>, districtId?: string): void;
  headSeq(districtId?: string): number;
  hubId(districtId?: string): string;
  /** Requests and crews sorted by id (compare with the console's `npm run state`). */
  state(districtId?: string): StateSummary;
  /** Log events from `fromSeq` (default 1) on. */
  readLog(fromSeq?: number, limit?: number, districtId?: string): StoredEvent[];
  /** New hubId, log restarted from seq 1 as the compacted history; connected consoles dropped. */
  resetLog(districtId?: string): void;
  /** Close every console connection's transport (they reconnect by themselves). */
  dropConnections(districtId?: string): void;
  /** Emit anything to every connected console socket; returns how many sockets got it. */
  emitRaw(event: string, payload: unknown, districtId?: string): number;
  /** Append an unvalidated event to the log (unknown types, malformed data); returns its seq. */
  appendRaw(partial: Record<string, unknown>, districtId?: string): number;
  /** How many times each commandId was applied (each must be 1: exactly-once). */
  appliedCommands(districtId?: string): Record<string, number>;
  /** Stop/restart sending live events and fixes to caught-up consoles (they queue in the log). */
  pauseLive(districtId?: string): void;
  resumeLive(districtId?: string): void;
  /** Console connections of a district now. */
  connections(districtId?: string): number;
}

export function createControl(
  districts: Map<string, District>,
  nsp: Namespace,
  defaultDistrict: string,
  seed: number,
  now: () => number,
): HubControl {
  const r = rng(seed ^ 0x5eed);
  const get = (id = defaultDistrict) => {
    const d = districts.get(id);
    if (!d) throw new Error(`hub has no district ${id}`);
    return d;
  };
  const socketsOf = (id?: string) =>
    [...nsp.sockets.values()].filter((s) => id === undefined || s.data.districtId === id);
  const apply = (d: District, change: { type: string; data: unknown }, actor: Actor): ChangeAck => {
    const parsed = parseChange(change.type, change.data);
    if (!parsed.ok) return { ok: false, code: 'invalid', message: parsed.message };
    const res = d.change(parsed.change, actor);
    return res.ok ? { ok: true, seq: res.seq } : { ok: false, code: res.code, message: res.message };
  };
  const must = (ack: ChangeAck): number => {
    if (!ack.ok) throw new Error(`${ack.code}: ${ack.message}`);
    return ack.seq;
  };

  return {
    createRequest(partial = {}, districtId) {
      const d = get(districtId);
      const { id, ackDueAt, resolveDueAt, ...given } = partial;
      const fields: RequestFields = { ...plausibleRequest(r, new Date(now()).toISOString(), given.category), ...given };
      const citizen = { kind: 'citizen' as const };
      if (id === undefined && ackDueAt === undefined && resolveDueAt === undefined) {
        const res = d.change({ type: 'request.create', data: { request: fields } } as Change, citizen);
        if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
        return res.events[0].data.request as NewRequest;
      }
      const cat = d.state.categories.get(fields.category);
      if (!cat) throw new Error(`unknown category ${fields.category}`);
      const due = deadlinesFor(cat, fields.receivedAt);
      const request = NewRequestSchema.parse({ ...fields, id: id ?? d.nextRequestId(), ...due, ...(ackDueAt && { ackDueAt }), ...(resolveDueAt && { resolveDueAt }) });
      if (d.state.requests.has(request.id)) throw new Error(`request ${request.id} exists`);
      d.append([{ type: 'request.created', data: { request } }], citizen);
      return request;
    },

    applyAsActor(change, actor, districtId) {
      const d = get(districtId);
      return apply(d, change, actor ?? defaultActor(d, change));
    },

    upsertCrew(partial, status, districtId) {
      const d = get(districtId);
      const prev = d.state.crews.get(partial.id)?.crew;
      const parsed = CrewSchema.safeParse({ name: partial.id, contractorId: 'ctr-test', categories: [], ...prev, ...partial });
      if (!parsed.success) throw new Error(`invalid crew: ${summariseIssues(parsed.error)}`);
      return d.batch(() => {
        d.append([{ type: 'crew.upserted', data: { crew: parsed.data } }], { kind: 'hub' });
        return status ? must(apply(d, { type: 'crew.set_status', data: { crewId: partial.id, status } }, { kind: 'hub' })) : d.headSeq;
      });
    },

    removeCrew(crewId, districtId) {
      const d = get(districtId);
      if (!d.state.crews.has(crewId)) throw new Error(`no crew ${crewId}`);
      return d.append([{ type: 'crew.removed', data: { crewId } }], { kind: 'hub' })[0].seq;
    },

    setCrewStatus(crewId, status, districtId) {
      return must(apply(get(districtId), { type: 'crew.set_status', data: { crewId, status } }, { kind: 'crew', id: crewId }));
    },

    upsertContractor(contractor, districtId) {
      return get(districtId).append([{ type: 'contractor.upserted', data: { contractor } }], { kind: 'hub' })[0].seq;
    },

    pushFixes(fixes, districtId) {
      const at = new Date(now()).toISOString();
      get(districtId).pushFixes(fixes.map((f) => ({ ...f, at: f.at ?? at })));
    },

    headSeq: (districtId) => get(districtId).headSeq,
    hubId: (districtId) => get(districtId).hubId,
    state: (districtId) => summarise(get(districtId).state),
    readLog: (fromSeq = 1, limit = 1_000_000, districtId) => {
      const d = get(districtId);
      const out: StoredEvent[] = [];
      for (let from = fromSeq; out.length < limit; ) {
        const part = d.read(from, Math.min(1000, limit - out.length));
        if (part.length === 0) break;
        out.push(...part);
        from = part[part.length - 1].seq + 1;
      }
      return out;
    },
    resetLog: (districtId) => get(districtId).resetLog(),
    dropConnections(districtId) {
      for (const s of socketsOf(districtId)) s.conn.close();
    },
    emitRaw(event, payload, districtId) {
      const sockets = socketsOf(districtId);
      for (const s of sockets) s.emit(event, payload);
      return sockets.length;
    },
    appendRaw: (partial, districtId) => get(districtId).appendRaw(partial),
    appliedCommands: (districtId) => Object.fromEntries(get(districtId).applied),
    pauseLive: (districtId) => get(districtId).pauseLive(),
    resumeLive: (districtId) => get(districtId).resumeLive(),
    connections: (districtId) => socketsOf(districtId ?? defaultDistrict).length,
  };
}

function defaultActor(d: District, change: { type: string; data: unknown }): Actor {
  const id = (change.data as { id?: unknown } | null)?.id;
  switch (change.type) {
    case 'request.set_status': {
      const crewId = typeof id === 'string' ? d.state.requests.get(id)?.crewId : undefined;
      return crewId ? { kind: 'crew', id: crewId } : { kind: 'crew' };
    }
    case 'request.reopen':
    case 'request.feedback':
      return { kind: 'citizen' };
    default:
      return { kind: 'hub' };
  }
}
