// Applies the hub's event log to the local store (§3): seq order, each event once, in the same
// transaction as the new lastSeq; malformed events rejected whole, logged and counted, still
// advancing lastSeq; unknown types stored raw. Also replaces the state with a snapshot (§2).
import { changesDuplicates } from '../../../common/domain/duplicates';
import { parseEvent, type EventParse, type HubEvent } from '../../../common/protocol/hub-protocol';
import type { Logger } from '../log';
import { crewIdOf, isCrewEvent, reduceCrew } from '../domain/crew';
import { isRequestEvent, reduceRequest, requestIdOf } from '../domain/request';
import type { Meta, OutboxRow, Store, StoredEvent } from '../db/store';
import { WorkingSet } from './working-set';

/** What one applied message changed, for the live feed. */
export interface Changes {
  requests: Set<string>;
  crews: Set<string>;
  removedCrews: Set<string>;
  district: boolean;
  categories: boolean;
  contractors: boolean;
  /** Commands whose optimistic overlay the stream has now made real. */
  reconciled: OutboxRow[];
}

const emptyChanges = (): Changes => ({
  requests: new Set(),
  crews: new Set(),
  removedCrews: new Set(),
  district: false,
  categories: false,
  contractors: false,
  reconciled: [],
});

export interface EventsResult {
  changes: Changes;
  applied: number;
  rejected: number;
  /** Events at or below lastSeq (delivered again), skipped; the caller sums them up per message. */
  duplicates: number;
  /** Events whose seq could not be read nor inferred, skipped. */
  unreadable: number;
  /** An event beyond lastSeq + 1 arrived: nothing from it on was applied; resume from lastSeq. */
  gap: boolean;
}

/** A snapshot being built part by part in staging tables. */
export interface SnapshotBuild {
  staging: Store;
  /** Kept as the text `rejected_events` stores, not the raw event: a snapshot may reject many fat ones. */
  rejected: { seq: number; parse: Extract<EventParse, { ok: false }>; text: string | null }[];
  commandIds: string[];
  /** The ids of its events so far: one id twice is rejected (the swap's INSERT would trip events_by_id). */
  ids: Set<string>;
  lastEventAt: string | null;
}

const RAW_KEEP = 4096; // enough of a rejected event to diagnose it, not a copy of a 64 KiB blob

export class Replicator {
  private cursor: Meta;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {
    this.cursor = store.events.meta();
  }

  get meta(): Readonly<Meta> {
    return this.cursor;
  }

  /** Adopt the hub's id for the log we are following (first start, or a replay after a reset). */
  setHubId(hubId: string): void {
    if (this.cursor.hubId === hubId) return;
    this.store.events.setHubId(hubId);
    this.cursor = { ...this.cursor, hubId };
  }

  /** Apply one `events` message in one transaction. */
  applyEvents(raws: readonly unknown[]): EventsResult {
    const seqs = inferSeqs(raws);
    const changes = emptyChanges();
    let { lastSeq, lastEventAt, rejectedEvents } = this.cursor;
    let applied = 0;
    let rejected = 0;
    let duplicates = 0;
    let unreadable = 0;
    let gap = false;
    const now = new Date().toISOString();
    this.store.refetchableTx(() => {
      const rows = new WorkingSet(this.store);
      // An id is taken if the log has it or an event before it here has — by another seq: the same
      // seq is this very event, met again after a transaction that did not commit.
      const ids = this.store.events.seqsOfIds(idsOf(raws));
      const usedBy = (e: HubEvent) => {
        const first = ids.get(e.id) ?? null;
        if (first !== null && first !== e.seq) return `by seq ${first}`;
        ids.set(e.id, e.seq);
        return null;
      };
      for (let i = 0; i < raws.length; i++) {
        const seq = seqs[i];
        if (seq === null) {
          unreadable++;
          continue;
        }
        if (seq <= lastSeq) {
          duplicates++; // delivered again
          continue;
        }
        if (seq > lastSeq + 1) {
          gap = true;
          break;
        }
        const parsed = unlessIdUsed(parseEvent(raws[i]), usedBy);
        if (parsed.ok) {
          this.apply(rows, parsed.event, changes, (id) => {
            const row = this.store.outbox.reconcile(id);
            if (row) changes.reconciled.push(row);
          });
          lastEventAt = parsed.event.at;
          applied++;
        } else {
          rejectedEvents = this.reject(seq, parsed, rawText(raws[i]), now);
          rejected++;
        }
        lastSeq = seq;
      }
      rows.flush();
      for (const id of this.store.duplicates.refresh(rows.duplicateSubjects())) changes.requests.add(id);
      this.store.events.setCursor(lastSeq, lastEventAt);
      changes.reconciled.push(...this.store.outbox.reconcileAckedUpTo(lastSeq));
    });
    this.cursor = { ...this.cursor, lastSeq, lastEventAt, rejectedEvents };
    return { changes, applied, rejected, duplicates, unreadable, gap };
  }

  /** Start building a snapshot in staging tables; the live state is untouched until commit. */
  beginSnapshot(): SnapshotBuild {
    return { staging: this.store.staging(), rejected: [], commandIds: [], ids: new Set(), lastEventAt: null };
  }

  /** Add some of a snapshot's events to the build, in one (staging) transaction. */
  stageSnapshot(build: SnapshotBuild, seq: number, raws: readonly unknown[]): void {
    const changes = emptyChanges();
    build.staging.tx(() => {
      const rows = new WorkingSet(build.staging);
      const usedBy = (e: HubEvent) => {
        if (build.ids.has(e.id)) return 'in this snapshot';
        build.ids.add(e.id);
        return null;
      };
      for (const raw of raws) {
        const parsed = unlessIdUsed(parseEvent(raw), usedBy);
        if (!parsed.ok) {
          build.rejected.push({ seq, parse: parsed, text: rawText(raw) });
          continue;
        }
        this.apply(rows, parsed.event, changes, (id) => build.commandIds.push(id));
        if (!build.lastEventAt || parsed.event.at > build.lastEventAt) build.lastEventAt = parsed.event.at;
      }
      rows.flush();
    });
  }

  /**
   * Swap the complete snapshot in, atomically: hub-derived state replaced, lastSeq = seq, the
   * hub's id stored; the outbox is kept (commands whose events it holds are reconciled).
   */
  commitSnapshot(build: SnapshotBuild, seq: number, hubId: string): Changes {
    const changes = emptyChanges();
    let { rejectedEvents } = this.cursor;
    const now = new Date().toISOString();
    this.store.refetchableTx(() => {
      this.store.adoptStaging();
      for (const r of build.rejected) rejectedEvents = this.reject(r.seq, r.parse, r.text, now);
      for (const id of build.commandIds) {
        const row = this.store.outbox.reconcile(id);
        if (row) changes.reconciled.push(row);
      }
      this.store.events.setCursor(seq, build.lastEventAt);
      this.store.events.setHubId(hubId);
      this.store.crews.prunePositions();
      changes.reconciled.push(...this.store.outbox.reconcileAckedUpTo(seq));
    });
    this.cursor = { hubId, lastSeq: seq, lastEventAt: build.lastEventAt ?? this.cursor.lastEventAt, rejectedEvents };
    return changes;
  }

  private reject(seq: number, r: Extract<EventParse, { ok: false }>, text: string | null, now: string): number {
    this.log.warn(`rejected event seq=${seq}: ${r.reason}`);
    return this.store.events.addRejected(seq, r.reason, text, now);
  }

  /** Apply one valid event to `rows` (of the live tables, or of a snapshot's staging copies). */
  private apply(rows: WorkingSet, e: HubEvent, changes: Changes, onCommand: (commandId: string) => void): void {
    const target = rows.store;
    let targetId: string | null = null;
    if ('unknown' in e) {
      // Stored raw for forward compatibility, otherwise ignored (§1).
    } else if (e.type === 'district.configured') {
      target.reference.putDistrict(e.data.district);
      target.reference.replaceCategories(e.data.categories);
      changes.district = changes.categories = true;
    } else if (e.type === 'contractor.upserted') {
      const c = e.data.contractor;
      target.reference.putContractor({ id: c.id, name: c.name, phone: c.phone ?? null, categories: c.categories });
      targetId = c.id;
      changes.contractors = true;
    } else if (isCrewEvent(e)) {
      targetId = crewIdOf(e);
      const before = rows.crew(targetId);
      const after = reduceCrew(before, e);
      if (after) {
        rows.putCrew(after);
        changes.crews.add(targetId);
        changes.removedCrews.delete(targetId);
      } else if (before) {
        rows.deleteCrew(targetId);
        changes.crews.delete(targetId);
        changes.removedCrews.add(targetId);
      }
    } else if (isRequestEvent(e)) {
      targetId = requestIdOf(e);
      // request.created restates the request whatever we held: no need to read it.
      const after = reduceRequest(e.type === 'request.created' ? null : rows.request(targetId), e);
      if (after) {
        rows.putRequest(after);
        if (changesDuplicates(e)) rows.checkDuplicates(targetId);
        changes.requests.add(targetId);
      }
    }
    if (e.commandId) onCommand(e.commandId);
    rows.insertEvent(logRow(e, targetId));
  }
}

/** The start of a rejected event's JSON, as `rejected_events` keeps it. */
function rawText(raw: unknown): string | null {
  try {
    return JSON.stringify(raw)?.slice(0, RAW_KEEP) ?? null;
  } catch {
    return null;
  }
}

/**
 * A valid event whose id another event already has is rejected like a malformed one (§3: ids are
 * globally unique; a reused id is not the same event again — that would have the same seq).
 */
function unlessIdUsed(p: EventParse, usedBy: (e: HubEvent) => string | null): EventParse {
  if (!p.ok) return p;
  const by = usedBy(p.event);
  return by === null ? p : { ok: false, seq: p.event.seq, reason: `event id already used ${by}` };
}

/** The string ids of a message's events, as sent (each is checked once parsed). */
function idsOf(raws: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const r of raws) {
    const id = (r as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.push(id);
  }
  return ids;
}

/** A valid event as the log stores it, filed under the request, crew or contractor it is about. */
export function logRow(e: HubEvent, targetId: string | null): StoredEvent {
  return {
    seq: e.seq,
    id: e.id,
    type: e.type,
    at: e.at,
    actorKind: e.actor.kind,
    actorId: e.actor.id ?? null,
    commandId: e.commandId ?? null,
    targetId,
    data: e.data as Record<string, unknown>,
    unknown: 'unknown' in e,
  };
}

/**
 * The seq of each event of a message. A malformed event may lack a readable seq; since a message
 * holds consecutive seqs (§3), its seq follows from a readable neighbour, so a rejected event can
 * still advance lastSeq.
 */
export function inferSeqs(raws: readonly unknown[]): (number | null)[] {
  const read = raws.map((r) => {
    const s = (r as { seq?: unknown } | null)?.seq;
    return typeof s === 'number' && Number.isSafeInteger(s) && s > 0 ? s : null;
  });
  const anchor = read.findIndex((s) => s !== null);
  if (anchor < 0) return read;
  return read.map((s, i) => s ?? read[anchor]! + (i - anchor));
}
