// The hub's event log as applied here, the events rejected on the way, and the cursor (meta:
// hub id, lastSeq) that says how far the log has been followed.
import type { Connection } from './connection';
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
  constructor(private readonly c: Connection) {}

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
    const total = this.meta().rejectedEvents + 1;
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
  }

  /** Stored events about one request, in the order they were applied. */
  requestTimeline(requestId: string): StoredEvent[] {
    // The same GLOB as the partial index events_by_request (migration 4), so SQLite uses it.
    return EVENTS.all(this.c.st(`${EVENTS.select} WHERE target_id = ? AND type GLOB 'request.*' ORDER BY rowid`).all(requestId));
  }

  count(): number {
    return (this.c.st('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }
}
