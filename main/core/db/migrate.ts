// Brings a database to the schema this app knows, tracked in PRAGMA user_version: each pending
// migration (./migrations) runs in its own transaction; a database from a newer app is refused.
import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { registerSearchFunctions } from './search';

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaVersionError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the database is at schema version ${found}, newer than this Console 137 knows (${known}); ` +
        `it was written by a newer version of the app — update the app, or use another data directory`,
    );
    this.name = 'SchemaVersionError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring the schema up to `target` (default: the latest), one transaction per step. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const found = schemaVersion(db);
  if (found > SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
  registerSearchFunctions(db); // the migration that builds the search index normalises with them
  for (let v = found; v < target; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return Math.max(found, target);
}
