import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SCHEMA_VERSION, migrate, schemaVersion } from '../../main/core/db/migrate';
import { MIGRATIONS } from '../../main/core/db/migrations';
import { auditTables } from '../../main/core/db/migrations/0010-audit';
import { Store } from '../../main/core/db/store';
import { tmp } from './helpers';

describe('migrations', () => {
  const t = tmp();
  afterAll(() => t.cleanup());
  let n = 0;
  const dbPath = () => join(t.dir, `m${n++}.db`);

  it('creates a fresh database at the latest version with WAL and synchronous=FULL', () => {
    const store = Store.open(dbPath());
    expect(schemaVersion(store.db)).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.events.meta()).toEqual({ hubId: null, lastSeq: 0, lastEventAt: null, rejectedEvents: 0 });
    store.close();
  });

  it("reads the operator's own request events (\"only mine\") through their partial index, not a scan of the log", () => {
    const store = Store.open(dbPath());
    // The plan of the statement requestsActedOnBy runs (the statement cache holds it by its text).
    const plan = store.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT DISTINCT target_id AS id FROM events WHERE actor_kind = 'operator' AND type GLOB 'request.*' AND actor_id = ? AND target_id IS NOT NULL",
      )
      .all('op-1') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX events_by_operator/);
    expect(store.events.requestsActedOnBy('op-1')).toEqual([]);
    store.close();
  });

  for (let from = 1; from < MIGRATIONS.length; from++) {
    it(`upgrades step by step from version ${from}, keeping data`, () => {
      const path = dbPath();
      const db = new Database(path);
      migrate(db, from);
      expect(schemaVersion(db)).toBe(from);
      db.prepare("INSERT INTO meta (key, value) VALUES ('lastSeq', '41'), ('hubId', 'hub-a')").run();
      db.close();
      const store = Store.open(path);
      expect(schemaVersion(store.db)).toBe(SCHEMA_VERSION);
      expect(store.events.meta()).toMatchObject({ lastSeq: 41, hubId: 'hub-a' });
      expect(store.outbox.pendingCount()).toBe(0);
      expect(store.crews.positions()).toEqual([]);
      store.close();
    });
  }

  it('reads a request timeline from an upgraded log through the request-event index', () => {
    const path = dbPath();
    const db = new Database(path);
    migrate(db, 3);
    const ins = db.prepare(
      "INSERT INTO events (seq, id, type, at, actor_kind, target_id, data) VALUES (?, ?, ?, '2026-11-28T09:00:00.000Z', 'hub', ?, '{}')",
    );
    ins.run(1, 'e1', 'request.created', 'r1');
    ins.run(2, 'e2', 'crew.status_changed', 'r1'); // same id, not a request event
    ins.run(3, 'e3', 'request.acknowledged', 'r1');
    ins.run(4, 'e4', 'request.acknowledged', 'r2');
    db.close();
    const store = Store.open(path);
    expect(store.events.requestTimeline('r1').map((e) => e.seq)).toEqual([1, 3]);
    const plan = store.db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM events WHERE target_id = ? AND type GLOB 'request.*' ORDER BY rowid")
      .all('r1') as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH events USING INDEX events_by_request (target_id=?)']);
    store.close();
  });

  it('adds the audit trail to a database from before it, which appends from row 1', () => {
    const path = dbPath();
    const db = new Database(path);
    migrate(db, MIGRATIONS.indexOf(auditTables));
    db.close();
    const store = Store.open(path);
    expect(store.audit.head()).toEqual({ rows: 0, hash: '0'.repeat(64) });
    const row = store.audit.append({ at: '2026-12-03T08:00:00.000Z', accountId: 'acc-1', workstation: 'ws', session: 's', action: 'sign_in', targetKind: null, targetId: null, detail: {} });
    expect(row.seq).toBe(1);
    expect(store.audit.head()).toEqual({ rows: 1, hash: row.hash });
    store.close();
  });

  it('refuses UPDATE, DELETE and INSERT OR REPLACE of audit rows, and leaves them as they were', () => {
    const store = Store.open(dbPath());
    const row = store.audit.append({ at: '2026-12-03T08:00:00.000Z', accountId: 'acc-1', workstation: 'ws', session: 's', action: 'sign_in', targetKind: null, targetId: null, detail: {} });
    expect(() => store.db.prepare("UPDATE audit SET account_id = 'acc-2' WHERE seq = 1").run()).toThrow('audit rows are append-only');
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow('audit rows are append-only');
    const replace = "INSERT OR REPLACE INTO audit SELECT seq, at, 'acc-2', workstation, session, action, target_kind, target_id, detail, prev_hash, hash FROM audit";
    expect(() => store.db.prepare(replace).run()).toThrow('audit rows are append-only');
    expect([...store.audit.rows()]).toEqual([row]);
    store.close();
  });

  it('rolls back a failing migration step as a whole', () => {
    const path = dbPath();
    const db = new Database(path);
    migrate(db, 1);
    db.exec('CREATE TABLE outbox (x)'); // makes migration 2 fail half-way
    expect(() => migrate(db)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'outbox_pending'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer app, naming both versions', () => {
    const path = dbPath();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => Store.open(path)).toThrow(new RegExp(`version ${SCHEMA_VERSION + 5}.*\\(${SCHEMA_VERSION}\\)`));
    expect(() => Store.openReadOnly(path)).toThrow(/newer than this Console 137 knows/);
  });

  it('read-only open refuses an older schema instead of migrating it', () => {
    const path = dbPath();
    const db = new Database(path);
    migrate(db, 1);
    db.close();
    expect(() => Store.openReadOnly(path)).toThrow(/older than .*start the core once/);
    expect(() => Store.openReadOnly(join(t.dir, 'missing.db'))).toThrow(/no Console 137 database/);
  });
});
