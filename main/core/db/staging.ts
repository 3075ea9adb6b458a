// The hub-derived tables — what a snapshot replaces — and the TEMP copies (private to the
// connection) a snapshot is built in, over many short transactions, before it is swapped in.
// A new table holding hub state belongs in HUB_TABLES; the outbox and positions are ours. The
// search index and the likely duplicates are derived from the requests: the Store rebuilds them
// after adopting (db/search.ts, db/duplicates.ts).
import type Database from 'better-sqlite3';

const HUB_TABLES = ['events', 'district', 'categories', 'contractors', 'crews', 'requests'] as const;
const HUB_TABLE_REF = new RegExp(`\\b(FROM|INTO)\\s+(${HUB_TABLES.join('|')})\\b`, 'g');

/** A statement rewritten to address the staging copies of the hub-derived tables. */
export function stagingSql(sql: string): string {
  return sql.replace(HUB_TABLE_REF, '$1 temp.snap_$2');
}

/** Drop all hub-derived state; the outbox and positions stay. */
export function clearHubState(db: Database.Database): void {
  for (const t of HUB_TABLES) db.prepare(`DELETE FROM main.${t}`).run();
}

/** (Re)create empty staging copies of the hub-derived tables. */
export function createStaging(db: Database.Database): void {
  for (const t of HUB_TABLES) {
    const { sql } = db.prepare("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?").get(t) as { sql: string };
    db.exec(`DROP TABLE IF EXISTS temp.snap_${t}`);
    db.exec(sql.replace(/^CREATE TABLE \w+/, `CREATE TEMP TABLE snap_${t}`));
  }
}

/** Replace the hub-derived tables with the staging copies (call inside a transaction). */
export function adoptStaging(db: Database.Database): void {
  for (const t of HUB_TABLES) {
    db.prepare(`DELETE FROM main.${t}`).run();
    db.prepare(`INSERT INTO main.${t} SELECT * FROM temp.snap_${t}`).run();
    db.exec(`DROP TABLE temp.snap_${t}`);
  }
}
