// The hub's event log as applied here, the events rejected on the way, and the cursor (meta:
// hub id, lastSeq) that says how far the log has been followed.
import type { Connection } from './connection';
import { CLOSED_BEFORE } from './requests';
import { flag, json, Table } from './table';

export interface Meta {
  hubId: string | null;
  lastSeq: number;
  lastEventAt: string | null;
  rejectedEvents: number;
}

export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  commandId: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  unknown: boolean;
}

/** A crew event of the log as the crews' status clock reads it (../status-clock.ts). */
export interface CrewEventRow {
  rowid: number;
  id: string;
  type: 'crew.upserted' | 'crew.removed' | 'crew.status_changed';
  at: string;
  crewId: string;
  /** The status a crew.status_changed sets; null for the other two. */
  status: string | null;
}

export interface RejectedEvent {
  seq: number | null;
  receivedAt: string;
  reason: string;
}

const EVENTS = new Table<StoredEvent>('events', {
  seq: 'seq',
  id: 'id',
  type: 'type',
  at: 'at',
  actorKind: 'actor_kind',
  actorId: 'actor_id',
  commandId: 'command_id',
  targetId: 'target_id',
  data: json('data'),
  unknown: flag('unknown'),
});
const REJECTED = new Table<RejectedEvent>('rejected_events', { seq: 'seq', receivedAt: 'received_at', reason: 'reason' });

// The log is appended positionally, in EVENTS' field order (eventParams): the replay's hot path.
const EVENT_COLUMN_COUNT = EVENTS.columns.length;
const EVENT_INSERT = `INSERT INTO events (${EVENTS.columns.join(', ')}) VALUES `;
const EVENT_ROW = `(${Array(EVENT_COLUMN_COUNT).fill('?').join(', ')})`;
/** Rows per multi-row INSERT into the log: few statement runs, well under SQLite's bind limit. */
const EVENTS_PER_INSERT = 50;
/**
 * The log's ids go into event_ids this many at a time. Its keys are random (UUIDs), so a commit
 * that inserts some rewrites about as many of its pages as it inserts keys: per 500-event
 * transaction (a unique index on the log) that cost a 50,000-event replay 5–17 µs of CPU per
 * event, 20–70 % more; a batch per 20,000 events rewrites each page about once. See docs/sync.md.
 */
const ID_BATCH = 20_000;
// Read once per transaction of events (the id check): built once, like the INSERT.
const SEQS_BY_IDS = 'SELECT id, seq FROM event_ids WHERE id IN (SELECT value FROM json_each(?))';

function eventParams(e: StoredEvent, out: unknown[], at: number): void {
  out[at] = e.seq;
  out[at + 1] = e.id;
  out[at + 2] = e.type;
  out[at + 3] = e.at;
  out[at + 4] = e.actorKind;
  out[at + 5] = e.actorId;
  out[at + 6] = e.commandId;
  out[at + 7] = e.targetId;
  out[at + 8] = JSON.stringify(e.data);
  out[at + 9] = e.unknown ? 1 : 0;
}

export class EventStore {
  /**
   * The ids (and seqs) of the log's events not yet in event_ids — those after meta
   * `eventIdsUpTo`, a rowid of the log —, read from the log when first needed.
   */
  private idTail: Map<string, number> | null = null;

  constructor(private readonly c: Connection) {}

  private metaValue(key: string): string | undefined {
    return (this.c.st('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  meta(): Meta {
    const rows = this.c.st('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const m = new Map(rows.map((r) => [r.key, r.value]));
    return {
      hubId: m.get('hubId') ?? null,
      lastSeq: Number(m.get('lastSeq') ?? 0),
      lastEventAt: m.get('lastEventAt') ?? null,
      rejectedEvents: Number(m.get('rejectedEvents') ?? 0),
    };
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.c.st('DELETE FROM meta WHERE key = ?').run(key);
    else this.c.st('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  setCursor(lastSeq: number, lastEventAt: string | null): void {
    this.setMeta('lastSeq', String(lastSeq));
    if (lastEventAt !== null) this.setMeta('lastEventAt', lastEventAt);
  }

  setHubId(hubId: string | null): void {
    this.setMeta('hubId', hubId);
  }

  /** Log a rejected event and bump the running total; returns the new total. */
  addRejected(seq: number | null, reason: string, raw: string | null, receivedAt: string): number {
    this.c.st('INSERT INTO rejected_events (seq, received_at, reason, raw) VALUES (?, ?, ?, ?)').run(seq, receivedAt, reason, raw);
    const total = Number(this.metaValue('rejectedEvents') ?? 0) + 1;
    this.setMeta('rejectedEvents', String(total));
    return total;
  }

  rejected(): RejectedEvent[] {
    return REJECTED.all(this.c.st(`${REJECTED.select} ORDER BY rowid`).all());
  }

  /** Append events to the log in order, up to EVENTS_PER_INSERT rows per statement. */
  append(es: readonly StoredEvent[]): void {
    let i = 0;
    for (const rows of [EVENTS_PER_INSERT, 1]) {
      if (es.length - i < rows) continue;
      const insert = this.c.st(EVENT_INSERT + Array(rows).fill(EVENT_ROW).join(', '));
      const params: unknown[] = new Array(rows * EVENT_COLUMN_COUNT);
      for (; es.length - i >= rows; i += rows) {
        for (let r = 0; r < rows; r++) eventParams(es[i + r], params, r * EVENT_COLUMN_COUNT);
        insert.run(params);
      }
    }
    if (this.c.isStaging || !es.length) return; // a snapshot's log is indexed when it is swapped in
    const tail = this.tail();
    for (const e of es) tail.set(e.id, e.seq);
    if (tail.size >= ID_BATCH) this.indexIds();
  }

  /**
   * Which of these ids the log already holds, with their seqs: the newest in memory, the rest in
   * one statement for the lot (a read of event_ids' key each).
   */
  seqsOfIds(ids: readonly string[]): Map<string, number> {
    const tail = this.tail();
    const found = new Map<string, number>();
    const rest: string[] = [];
    for (const id of ids) {
      const seq = tail.get(id);
      if (seq === undefined) rest.push(id);
      else found.set(id, seq);
    }
    if (rest.length) for (const r of this.c.st(SEQS_BY_IDS).all(JSON.stringify(rest)) as { id: string; seq: number }[]) found.set(r.id, r.seq);
    return found;
  }

  /** A transaction rolled back: the ids it appended are not the log's, so the tail is read again. */
  forgetUncommitted(): void {
    this.idTail = null;
  }

  private tail(): Map<string, number> {
    if (this.idTail) return this.idTail;
    const upTo = Number(this.metaValue('eventIdsUpTo') ?? 0);
    const rows = this.c.st('SELECT id, seq FROM events WHERE rowid > ?').all(upTo) as { id: string; seq: number }[];
    return (this.idTail = new Map(rows.map((r) => [r.id, r.seq])));
  }

  /** Copy the ids of the log's events after `eventIdsUpTo` into event_ids (inside the caller's transaction). */
  private indexIds(): void {
    const upTo = Number(this.metaValue('eventIdsUpTo') ?? 0);
    this.c.st('INSERT INTO event_ids (id, seq) SELECT id, seq FROM events WHERE rowid > ?').run(upTo);
    this.setMeta('eventIdsUpTo', String((this.c.st('SELECT coalesce(max(rowid), 0) AS n FROM events').get() as { n: number }).n));
    // Read again from the log when next needed: right whether this transaction commits or not.
    this.idTail = null;
  }

  /** The log was replaced (a snapshot): event_ids follows it, in the same transaction. */
  reindexIds(): void {
    this.c.st('DELETE FROM event_ids').run();
    this.setMeta('eventIdsUpTo', '0');
    this.indexIds();
  }

  /** Stored events about one request, in the order they were applied. */
  requestTimeline(requestId: string): StoredEvent[] {
    // The same GLOB as the partial index events_by_request (migration 4), so SQLite uses it.
    return EVENTS.all(this.c.st(`${EVENTS.select} WHERE target_id = ? AND type GLOB 'request.*' ORDER BY rowid`).all(requestId));
  }

  /** The requests with an event in the log that this operator caused. */
  requestsActedOnBy(operatorId: string): string[] {
    // The same WHERE as the partial index events_by_operator (migration 8), so SQLite uses it.
    const rows = this.c
      .st("SELECT DISTINCT target_id AS id FROM events WHERE actor_kind = 'operator' AND type GLOB 'request.*' AND actor_id = ? AND target_id IS NOT NULL")
      .all(operatorId) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * The crew events after a rowid of the log, in order: a range of the primary key, so following
   * the log's tail reads only what was appended since.
   */
  crewEventsAfter(rowid: number): CrewEventRow[] {
    return this.c
      .st(
        `SELECT rowid, id, type, at, target_id AS crewId, json_extract(data, '$.status') AS status FROM events
          WHERE rowid > ? AND type IN ('crew.upserted', 'crew.removed', 'crew.status_changed') ORDER BY rowid`,
      )
      .all(rowid) as CrewEventRow[];
  }

  /** The id of the event at a rowid of the log (null: none there), to tell whether the log was replaced. */
  idAt(rowid: number): string | null {
    return (this.c.st('SELECT id FROM events WHERE rowid = ?').get(rowid) as { id: string } | undefined)?.id ?? null;
  }

  /**
   * Retention (docs/retention.md): the citizen block of the request.created events of requests
   * closed before `closedBefore` becomes `{}` — still a valid event (both fields are optional), so
   * the log reads and replays as before. Returns the requests whose events still had a name or phone.
   */
  erasePersonalData(closedBefore: string): string[] {
    return this.c
      .st(`UPDATE events SET data = json_set(data, '$.request.citizen', json('{}'))
        WHERE type = 'request.created' AND target_id IN (SELECT id FROM requests WHERE ${CLOSED_BEFORE})
          AND (json_extract(data, '$.request.citizen.name') IS NOT NULL OR json_extract(data, '$.request.citizen.phone') IS NOT NULL)
        RETURNING target_id`)
      .pluck()
      .all(closedBefore) as string[];
  }

  /**
   * Retention: a rejected event's raw text may hold anyone's name or phone and is not tied to a
   * request we can check, so the raw text of those received before `receivedBefore` is dropped
   * (seq, time and reason stay). Returns how many were.
   */
  eraseRejectedRaw(receivedBefore: string): number {
    return this.c.st('UPDATE rejected_events SET raw = NULL WHERE raw IS NOT NULL AND received_at < ?').run(receivedBefore).changes;
  }

  count(): number {
    return (this.c.st('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }
}
