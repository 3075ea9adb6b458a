// The hub's SQLite persistence: per district its id and counters, the event log (trimmed to
// `retain` events), the compacted history that rebuilds state and snapshots, and remembered
// command acks (idempotency, §5). Every change of one command or simulator step is one transaction.
import Database from 'better-sqlite3';
import type { CommandAck } from '../common/protocol/hub-protocol';
import type { HistoryOp, StoredEvent } from './state';

export interface DistrictMeta {
  hubId: string;
  headSeq: number;
  /** First seq still in the log; events below it were trimmed (answered with a snapshot). */
  logStart: number;
  requestCounter: number;
}

/** Acks are kept at least 7 days (§5); a day of slack against clock changes. */
const ACK_KEEP_MS = 8 * 24 * 3600_000;

export class HubStore {
  private readonly db: Database.Database;
  private readonly q;
  /** Entity → ord (snapshot position: its first seq), so appends need not look it up. */
  private readonly ords = new Map<string, number>();

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (
        district TEXT PRIMARY KEY, hub_id TEXT NOT NULL, head_seq INTEGER NOT NULL,
        log_start INTEGER NOT NULL, request_counter INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS events (
        district TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (district, seq)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS history (
        district TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, entity TEXT NOT NULL,
        grp INTEGER NOT NULL, ord INTEGER NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (district, key, seq)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS history_order ON history (district, grp, ord, key, seq);
      CREATE INDEX IF NOT EXISTS history_entity ON history (district, entity);
      CREATE TABLE IF NOT EXISTS acks (
        district TEXT NOT NULL, command_id TEXT NOT NULL, ack TEXT NOT NULL, ok INTEGER NOT NULL, at INTEGER NOT NULL,
        PRIMARY KEY (district, command_id)) WITHOUT ROWID;
    `);
    const db = this.db;
    this.q = {
      meta: db.prepare('SELECT hub_id AS hubId, head_seq AS headSeq, log_start AS logStart, request_counter AS requestCounter FROM meta WHERE district = ?'),
      putMeta: db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?, ?, ?, ?)'),
      insEvent: db.prepare('INSERT INTO events VALUES (?, ?, ?)'),
      readLog: db.prepare('SELECT json FROM events WHERE district = ? AND seq >= ? ORDER BY seq LIMIT ?').pluck(),
      trimLog: db.prepare('DELETE FROM events WHERE district = ? AND seq < ?'),
      clearLog: db.prepare('DELETE FROM events WHERE district = ?'),
      // All rows of an entity share its ord (its first seq), so any one row tells it.
      ord: db.prepare('SELECT ord FROM history INDEXED BY history_entity WHERE district = ? AND entity = ? LIMIT 1').pluck(),
      delKey: db.prepare('DELETE FROM history WHERE district = ? AND key = ?'),
      delEntity: db.prepare('DELETE FROM history WHERE district = ? AND entity = ?'),
      insHistory: db.prepare('INSERT INTO history VALUES (?, ?, ?, ?, ?, ?, ?)'),
      history: db.prepare('SELECT json FROM history WHERE district = ? ORDER BY grp, ord, key, seq').pluck(),
      clearHistory: db.prepare('DELETE FROM history WHERE district = ?'),
      ack: db.prepare('SELECT ack FROM acks WHERE district = ? AND command_id = ?').pluck(),
      ackedIds: db.prepare('SELECT command_id FROM acks WHERE district = ? AND ok = 1').pluck(),
      putAck: db.prepare('INSERT OR REPLACE INTO acks VALUES (?, ?, ?, ?, ?)'),
      pruneAcks: db.prepare('DELETE FROM acks WHERE at < ?'),
    };
  }

  /** Run fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  meta(district: string): DistrictMeta | undefined {
    return this.q.meta.get(district) as DistrictMeta | undefined;
  }

  putMeta(district: string, m: DistrictMeta): void {
    this.q.putMeta.run(district, m.hubId, m.headSeq, m.logStart, m.requestCounter);
  }

  /** Append one event to the log and fold it into the persisted compacted history. */
  append(district: string, e: StoredEvent, op: HistoryOp): void {
    const json = JSON.stringify(e);
    this.q.insEvent.run(district, e.seq, json);
    this.putHistory(district, e.seq, json, op);
  }

  /** Log-only append: raw (possibly malformed) events injected by tests stay out of snapshots. */
  appendRaw(district: string, seq: number, json: string): void {
    this.q.insEvent.run(district, seq, json);
  }

  private putHistory(district: string, seq: number, json: string, op: HistoryOp): void {
    if (!op) return;
    if (op.op === 'delete') {
      this.q.delEntity.run(district, op.entity);
      this.ords.delete(`${district}\u0000${op.entity}`);
      return;
    }
    const cacheKey = `${district}\u0000${op.entity}`;
    let ord = this.ords.get(cacheKey);
    if (ord === undefined) {
      ord = (this.q.ord.get(district, op.entity) as number | undefined) ?? seq;
      this.ords.set(cacheKey, ord);
    }
    if (op.op === 'set') this.q.delKey.run(district, op.key);
    this.q.insHistory.run(district, op.key, seq, op.entity, op.group, ord, json);
  }

  readLog(district: string, fromSeq: number, limit: number): StoredEvent[] {
    return (this.q.readLog.all(district, fromSeq, limit) as string[]).map((j) => JSON.parse(j));
  }

  trimLog(district: string, belowSeq: number): void {
    this.q.trimLog.run(district, belowSeq);
  }

  history(district: string): StoredEvent[] {
    return (this.q.history.all(district) as string[]).map((j) => JSON.parse(j));
  }

  /** Replace log and history of a district (log reset): the caller appends the new log after. */
  clearDistrict(district: string): void {
    this.q.clearLog.run(district);
    this.q.clearHistory.run(district);
    for (const k of this.ords.keys()) if (k.startsWith(`${district}\u0000`)) this.ords.delete(k);
  }

  ack(district: string, commandId: string): CommandAck | undefined {
    const j = this.q.ack.get(district, commandId) as string | undefined;
    return j === undefined ? undefined : JSON.parse(j);
  }

  putAck(district: string, commandId: string, ack: CommandAck, now: number): void {
    this.q.putAck.run(district, commandId, JSON.stringify(ack), ack.ok ? 1 : 0, now);
  }

  /** Command ids whose remembered ack is a success (each was applied once). */
  appliedCommandIds(district: string): string[] {
    return this.q.ackedIds.all(district) as string[];
  }

  pruneAcks(now: number): void {
    this.q.pruneAcks.run(now - ACK_KEEP_MS);
  }

  close(): void {
    this.db.close();
  }
}
