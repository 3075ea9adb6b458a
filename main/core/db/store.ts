// The data layer: every SQL statement of the core lives here, behind typed methods. One Store per
// connection; statements are prepared once and cached. Writers open with migrations; readers
// (the `state` CLI, running next to a live core) open read-only and never migrate.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Category, CommandErrorCode, District } from '../../../common/protocol/hub-protocol';
import type { CrewState } from '../domain/crew';
import type { RequestState } from '../domain/request';
import { migrate, schemaVersion, SchemaVersionError, SCHEMA_VERSION } from './migrate';

export const DB_FILE_NAME = 'console137.db';

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

export interface ContractorRow {
  id: string;
  name: string;
  phone: string | null;
  categories: string[];
}

export interface FixRow {
  crewId: string;
  lon: number;
  lat: number;
  heading: number | null;
  speedKmh: number | null;
  accuracyM: number | null;
  at: string;
}

export type OutboxState = 'pending' | 'acked' | 'failed';

export interface OutboxRow {
  rowid: number;
  commandId: string;
  type: string;
  data: Record<string, unknown>;
  operatorId: string;
  issuedAt: string;
  targetKind: 'request' | 'crew';
  targetId: string;
  state: OutboxState;
  overlay: boolean;
  ackSeq: number | null;
}

export type NewOutboxRow = Pick<OutboxRow, 'commandId' | 'type' | 'data' | 'operatorId' | 'issuedAt' | 'targetKind' | 'targetId'>;

type Row = Record<string, unknown>;

const EVENT_COLUMNS = 'seq, id, type, at, actor_kind, actor_id, command_id, target_id, data, unknown';
const EVENT_COLUMN_COUNT = 10;
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

/**
 * Each field of a row type and the column that holds it. SELECTs alias the columns to the field
 * names, so better-sqlite3 returns the object itself, not a row to copy field by field.
 */
type Columns<T> = Record<keyof T & string, string>;
const selectList = (cols: Columns<object>) => Object.entries(cols).map(([f, c]) => (f === c ? c : `${c} AS ${f}`)).join(', ');

const REQUEST_COLUMNS: Columns<RequestState> = {
  id: 'id',
  category: 'category',
  priority: 'priority',
  status: 'status',
  description: 'description',
  address: 'address',
  lon: 'lon',
  lat: 'lat',
  channel: 'channel',
  receivedAt: 'received_at',
  ackDueAt: 'ack_due_at',
  resolveDueAt: 'resolve_due_at',
  acknowledgedAt: 'acknowledged_at',
  crewId: 'crew_id',
  closedAt: 'closed_at',
  resolution: 'resolution',
  rating: 'rating',
  updatedAt: 'updated_at',
  citizenName: 'citizen_name',
  citizenPhone: 'citizen_phone',
};
const REQUEST_SELECT = `SELECT ${selectList(REQUEST_COLUMNS)} FROM requests`;
const REQUEST_BY_ID = `${REQUEST_SELECT} WHERE id = ?`;
// Bound positionally, in REQUEST_COLUMNS order: on the replay's hot path, binding the object by
// name costs ~2 µs more per row.
const REQUEST_INSERT = `INSERT OR REPLACE INTO requests (${Object.values(REQUEST_COLUMNS).join(', ')})
  VALUES (${Object.keys(REQUEST_COLUMNS).map(() => '?').join(', ')})`;

const FIX_COLUMNS: Columns<FixRow> = {
  crewId: 'crew_id',
  lon: 'lon',
  lat: 'lat',
  heading: 'heading',
  speedKmh: 'speed_kmh',
  accuracyM: 'accuracy_m',
  at: 'at',
};
// Fixes are written once a second, not per event: binding them by name costs nothing that matters.
const FIX_INSERT = `INSERT INTO crew_positions (${Object.values(FIX_COLUMNS).join(', ')})
  VALUES (${Object.keys(FIX_COLUMNS).map((f) => `@${f}`).join(', ')})`;

/** Tables holding hub-derived state: what a snapshot replaces. */
const HUB_TABLES = ['events', 'district', 'categories', 'contractors', 'crews', 'requests'] as const;
const HUB_TABLE_REF = new RegExp(`\\b(FROM|INTO)\\s+(${HUB_TABLES.join('|')})\\b`, 'g');

export class Store {
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    /** A staging view: hub-derived statements address the TEMP copies a snapshot is built in. */
    private readonly isStaging = false,
  ) {}

  /** Open (creating if needed) for writing: WAL, synchronous=FULL, migrated to the latest schema. */
  static open(path: string): Store {
    const db = new Database(path, { timeout: 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // 16 MiB of page cache (default 2 MiB): a replay keeps the hot request rows and the
      // log's index pages in memory instead of re-reading them from the WAL.
      db.pragma('cache_size = -16000');
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new Store(db, path);
  }

  /** Open an existing database read-only (safe next to a running core thanks to WAL). */
  static openReadOnly(path: string): Store {
    if (!existsSync(path)) throw new Error(`no Console 137 database at ${path}`);
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    const v = schemaVersion(db);
    if (v !== SCHEMA_VERSION) {
      db.close();
      if (v > SCHEMA_VERSION) throw new SchemaVersionError(v, SCHEMA_VERSION);
      throw new Error(`the database is at schema version ${v}, older than ${SCHEMA_VERSION}; start the core once to migrate it`);
    }
    return new Store(db, path);
  }

  private st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(this.isStaging ? sql.replace(HUB_TABLE_REF, '$1 temp.snap_$2') : sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Run fn in one transaction (nested calls become savepoints), committed with synchronous=FULL. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Run fn in one transaction that only writes what the hub can send again — its events, their
   * effects and the cursor (lastSeq) that says how far we got — committed with
   * synchronous=NORMAL: no fsync. In WAL mode it is still atomic and survives a crash of the
   * process; only a power loss can drop such transactions, always the newest ones and their
   * lastSeq with them, so the console resumes from an older lastSeq and fetches them again. The
   * next FULL commit (every outbox write) syncs all WAL frames before it. See docs/sync.md.
   */
  refetchableTx<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.tx(fn);
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.tx(fn);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    this.db.pragma(`wal_checkpoint(${mode})`);
  }

  /** Changes whenever another connection commits (used to notice commands queued by the CLI). */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  // ---- meta ----

  meta(): Meta {
    const rows = this.st('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const m = new Map(rows.map((r) => [r.key, r.value]));
    return {
      hubId: m.get('hubId') ?? null,
      lastSeq: Number(m.get('lastSeq') ?? 0),
      lastEventAt: m.get('lastEventAt') ?? null,
      rejectedEvents: Number(m.get('rejectedEvents') ?? 0),
    };
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.st('DELETE FROM meta WHERE key = ?').run(key);
    else this.st('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
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
    this.st('INSERT INTO rejected_events (seq, received_at, reason, raw) VALUES (?, ?, ?, ?)').run(seq, receivedAt, reason, raw);
    const total = this.meta().rejectedEvents + 1;
    this.setMeta('rejectedEvents', String(total));
    return total;
  }

  rejected(): { seq: number | null; receivedAt: string; reason: string }[] {
    return this.st('SELECT seq, received_at AS receivedAt, reason FROM rejected_events ORDER BY rowid').all() as never;
  }

  // ---- events ----

  /** Append events to the log in order, up to EVENTS_PER_INSERT rows per statement. */
  insertEvents(es: readonly StoredEvent[]): void {
    let i = 0;
    for (const rows of [EVENTS_PER_INSERT, 1]) {
      if (es.length - i < rows) continue;
      const insert = this.st(`INSERT INTO events (${EVENT_COLUMNS}) VALUES ${Array(rows).fill(EVENT_ROW).join(', ')}`);
      const params: unknown[] = new Array(rows * EVENT_COLUMN_COUNT);
      for (; es.length - i >= rows; i += rows) {
        for (let r = 0; r < rows; r++) eventParams(es[i + r], params, r * EVENT_COLUMN_COUNT);
        insert.run(params);
      }
    }
  }

  /** Stored events about one request, in the order they were applied. */
  requestTimeline(requestId: string): StoredEvent[] {
    return (
      // The same GLOB as the partial index events_by_request (migration 4), so SQLite uses it.
      this.st("SELECT * FROM events WHERE target_id = ? AND type GLOB 'request.*' ORDER BY rowid").all(requestId) as Row[]
    ).map(toEvent);
  }

  eventCount(): number {
    return (this.st('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  /** Drop all hub-derived state; the outbox and positions stay. */
  clearHubState(): void {
    for (const t of HUB_TABLES) this.db.prepare(`DELETE FROM main.${t}`).run();
  }

  /**
   * Empty copies of the hub-derived tables (TEMP, private to this connection) and a Store view
   * writing to them: a snapshot is built there in many short transactions, then swapped in.
   */
  staging(): Store {
    for (const t of HUB_TABLES) {
      const { sql } = this.db.prepare("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?").get(t) as { sql: string };
      this.db.exec(`DROP TABLE IF EXISTS temp.snap_${t}`);
      this.db.exec(sql.replace(/^CREATE TABLE \w+/, `CREATE TEMP TABLE snap_${t}`));
    }
    return new Store(this.db, this.path, true);
  }

  /** Replace the hub-derived tables with the staging copies (call inside a transaction). */
  adoptStaging(): void {
    for (const t of HUB_TABLES) {
      this.db.prepare(`DELETE FROM main.${t}`).run();
      this.db.prepare(`INSERT INTO main.${t} SELECT * FROM temp.snap_${t}`).run();
      this.db.exec(`DROP TABLE temp.snap_${t}`);
    }
  }

  // ---- district, categories, contractors ----

  district(): District | null {
    const r = this.st('SELECT json FROM district LIMIT 1').get() as { json: string } | undefined;
    return r ? (JSON.parse(r.json) as District) : null;
  }

  putDistrict(d: District): void {
    this.st('DELETE FROM district').run();
    this.st('INSERT INTO district (id, json) VALUES (?, ?)').run(d.id, JSON.stringify(d));
  }

  categories(): Category[] {
    return (this.st('SELECT json FROM categories ORDER BY position').all() as { json: string }[]).map((r) => JSON.parse(r.json));
  }

  replaceCategories(cs: Category[]): void {
    this.st('DELETE FROM categories').run();
    const ins = this.st('INSERT OR REPLACE INTO categories (code, position, json) VALUES (?, ?, ?)');
    cs.forEach((c, i) => ins.run(c.code, i, JSON.stringify(c)));
  }

  contractors(): ContractorRow[] {
    return (this.st('SELECT * FROM contractors ORDER BY id').all() as Row[]).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      phone: (r.phone as string | null) ?? null,
      categories: JSON.parse(r.categories as string),
    }));
  }

  putContractor(c: ContractorRow): void {
    this.st('INSERT OR REPLACE INTO contractors (id, name, phone, categories) VALUES (?, ?, ?, ?)').run(
      c.id,
      c.name,
      c.phone,
      JSON.stringify(c.categories),
    );
  }

  // ---- crews and positions ----

  crew(id: string): CrewState | null {
    const r = this.st('SELECT * FROM crews WHERE id = ?').get(id) as Row | undefined;
    return r ? toCrew(r) : null;
  }

  hasCrew(id: string): boolean {
    return this.st('SELECT 1 FROM crews WHERE id = ?').get(id) !== undefined;
  }

  crews(): CrewState[] {
    return (this.st('SELECT * FROM crews ORDER BY id').all() as Row[]).map(toCrew);
  }

  putCrew(c: CrewState): void {
    this.st(
      'INSERT OR REPLACE INTO crews (id, name, contractor_id, categories, vehicle, phone, status) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(c.id, c.name, c.contractorId, JSON.stringify(c.categories), c.vehicle, c.phone, c.status);
  }

  deleteCrew(id: string): void {
    this.st('DELETE FROM crews WHERE id = ?').run(id);
    if (!this.isStaging) this.st('DELETE FROM crew_positions WHERE crew_id = ?').run(id);
  }

  /** Positions of crews that no longer exist are dropped (after a snapshot). */
  prunePositions(): void {
    this.st('DELETE FROM crew_positions WHERE crew_id NOT IN (SELECT id FROM crews)').run();
  }

  positions(): FixRow[] {
    return this.st(`SELECT ${selectList(FIX_COLUMNS)} FROM crew_positions ORDER BY crew_id`).all() as FixRow[]; // once, at start-up
  }

  /** Store fixes latest-wins by `at` (an older fix never overwrites a newer one). */
  putPositions(fixes: Iterable<FixRow>): void {
    const up = this.st(
      `${FIX_INSERT}
       ON CONFLICT (crew_id) DO UPDATE SET lon = excluded.lon, lat = excluded.lat, heading = excluded.heading,
         speed_kmh = excluded.speed_kmh, accuracy_m = excluded.accuracy_m, at = excluded.at
       WHERE julianday(excluded.at) >= julianday(crew_positions.at)`,
    );
    this.tx(() => {
      for (const f of fixes) up.run(f);
    });
  }

  // ---- requests ----

  request(id: string): RequestState | null {
    return (this.st(REQUEST_BY_ID).get(id) as RequestState | undefined) ?? null;
  }

  putRequest(s: RequestState): void {
    this.st(REQUEST_INSERT).run(
      s.id, s.category, s.priority, s.status, s.description, s.address, s.lon, s.lat, s.channel,
      s.receivedAt, s.ackDueAt, s.resolveDueAt, s.acknowledgedAt, s.crewId, s.closedAt, s.resolution, s.rating, s.updatedAt,
      s.citizenName, s.citizenPhone,
    );
  }

  /** Open requests plus those closed at or after `closedSince` (an ISO time). */
  requestsOpenOrClosedSince(closedSince: string): RequestState[] {
    return this.st(`${REQUEST_SELECT} WHERE closed_at IS NULL OR closed_at >= ? ORDER BY id`).all(closedSince) as RequestState[];
  }

  allRequests(): RequestState[] {
    return this.st(`${REQUEST_SELECT} ORDER BY id`).all() as RequestState[];
  }

  // ---- outbox ----

  enqueue(c: NewOutboxRow): void {
    this.st(
      `INSERT INTO outbox (command_id, type, data, operator_id, issued_at, target_kind, target_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.commandId, c.type, JSON.stringify(c.data), c.operatorId, c.issuedAt, c.targetKind, c.targetId);
  }

  outboxRow(commandId: string): OutboxRow | null {
    const r = this.st('SELECT * FROM outbox WHERE command_id = ?').get(commandId) as Row | undefined;
    return r ? toOutbox(r) : null;
  }

  /** The oldest command still waiting for its ack (commands go out strictly in this order). */
  firstPending(): OutboxRow | null {
    const r = this.st("SELECT * FROM outbox WHERE state = 'pending' ORDER BY rowid LIMIT 1").get() as Row | undefined;
    return r ? toOutbox(r) : null;
  }

  pendingCount(): number {
    return (this.st("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
  }

  /** Commands whose optimistic effect is shown, oldest first. */
  overlays(targetId?: string): OutboxRow[] {
    const rows =
      targetId === undefined
        ? this.st('SELECT * FROM outbox WHERE overlay = 1 ORDER BY rowid').all()
        : this.st('SELECT * FROM outbox WHERE overlay = 1 AND target_id = ? ORDER BY rowid').all(targetId);
    return (rows as Row[]).map(toOutbox);
  }

  /** Pending (unacknowledged) commands per target. */
  pendingByTarget(): Map<string, number> {
    const rows = this.st("SELECT target_id AS id, count(*) AS n FROM outbox WHERE state = 'pending' GROUP BY target_id").all() as {
      id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  pendingFor(targetId: string): number {
    return (this.st("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND target_id = ?").get(targetId) as { n: number }).n;
  }

  maxOutboxRowid(): number {
    return (this.st('SELECT coalesce(max(rowid), 0) AS n FROM outbox').get() as { n: number }).n;
  }

  outboxAfter(rowid: number): OutboxRow[] {
    return (this.st('SELECT * FROM outbox WHERE rowid > ? ORDER BY rowid').all(rowid) as Row[]).map(toOutbox);
  }

  /** ok ack: the overlay stays until the event stream has reached the command's seq. */
  markAcked(commandId: string, ackSeq: number, lastSeq: number, at: string): void {
    this.st(
      `UPDATE outbox SET state = 'acked', ack_seq = ?, settled_at = ?, overlay = CASE WHEN ? >= ? THEN 0 ELSE overlay END
       WHERE command_id = ? AND state = 'pending'`,
    ).run(ackSeq, at, lastSeq, ackSeq, commandId);
  }

  /** Failed ack: undo the optimistic effect. */
  markFailed(commandId: string, code: CommandErrorCode, message: string, at: string): void {
    this.st(
      `UPDATE outbox SET state = 'failed', overlay = 0, error_code = ?, error_message = ?, settled_at = ?
       WHERE command_id = ? AND state = 'pending'`,
    ).run(code, message, at, commandId);
  }

  /** An event carrying this commandId arrived: the hub state now holds the effect. */
  reconcile(commandId: string): OutboxRow | null {
    const row = this.st('SELECT * FROM outbox WHERE command_id = ? AND overlay = 1').get(commandId) as Row | undefined;
    if (!row) return null;
    this.st('UPDATE outbox SET overlay = 0 WHERE command_id = ?').run(commandId);
    return toOutbox(row);
  }

  /** Acked commands whose seq the stream has reached lose their overlay (returns them). */
  reconcileAckedUpTo(lastSeq: number): OutboxRow[] {
    const rows = (
      this.st("SELECT * FROM outbox WHERE overlay = 1 AND state = 'acked' AND ack_seq <= ?").all(lastSeq) as Row[]
    ).map(toOutbox);
    if (rows.length) this.st("UPDATE outbox SET overlay = 0 WHERE overlay = 1 AND state = 'acked' AND ack_seq <= ?").run(lastSeq);
    return rows;
  }

  /** Forget settled commands older than `before` (the hub remembers acks for 7 days). */
  pruneOutbox(before: string): void {
    this.st("DELETE FROM outbox WHERE state != 'pending' AND overlay = 0 AND settled_at < ?").run(before);
  }
}

function toEvent(r: Row): StoredEvent {
  return {
    seq: r.seq as number,
    id: r.id as string,
    type: r.type as string,
    at: r.at as string,
    actorKind: r.actor_kind as string,
    actorId: (r.actor_id as string | null) ?? null,
    commandId: (r.command_id as string | null) ?? null,
    targetId: (r.target_id as string | null) ?? null,
    data: JSON.parse(r.data as string),
    unknown: r.unknown === 1,
  };
}

function toCrew(r: Row): CrewState {
  return {
    id: r.id as string,
    name: r.name as string,
    contractorId: r.contractor_id as string,
    categories: JSON.parse(r.categories as string),
    vehicle: (r.vehicle as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    status: r.status as CrewState['status'],
  };
}

function toOutbox(r: Row): OutboxRow {
  return {
    rowid: r.rowid as number,
    commandId: r.command_id as string,
    type: r.type as string,
    data: JSON.parse(r.data as string),
    operatorId: r.operator_id as string,
    issuedAt: r.issued_at as string,
    targetKind: r.target_kind as OutboxRow['targetKind'],
    targetId: r.target_id as string,
    state: r.state as OutboxState,
    overlay: r.overlay === 1,
    ackSeq: (r.ack_seq as number | null) ?? null,
  };
}
