// MBTiles 1.3 (one SQLite file: a metadata table and gzipped vector tiles in TMS row order),
// written atomically and read through better-sqlite3. See docs/map.md for why MBTiles.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { EncodedTile } from './tiles';

export interface BasemapMetadata {
  name: string;
  format: string;
  minzoom: number;
  maxzoom: number;
  /** [west, south, east, north] */
  bounds: [number, number, number, number] | null;
  attribution: string | null;
}

export class BasemapFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BasemapFileError';
  }
}

/** Writes every tile into a new MBTiles file, replacing `file` only once all of it is written. */
export function writeMbtiles(file: string, tiles: Iterable<EncodedTile>, metadata: Record<string, string>): { tiles: number; bytes: number } {
  const part = `${file}.part-${process.pid}`;
  rmSync(part, { force: true });
  const db = new Database(part);
  let count = 0;
  let bytes = 0;
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`
      CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const putMeta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const putTile = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const [k, v] of Object.entries(metadata)) putMeta.run(k, v);
      for (const t of tiles) {
        const data = gzipSync(t.data);
        putTile.run(t.z, t.x, 2 ** t.z - 1 - t.y, data);
        count++;
        bytes += data.length;
      }
    })();
    db.close();
    renameSync(part, file);
  } catch (err) {
    if (db.open) db.close();
    rmSync(part, { force: true });
    throw err;
  }
  return { tiles: count, bytes };
}

export interface MbtilesReader {
  readonly metadata: BasemapMetadata;
  /** The Content-Encoding to send with every tile: 'gzip' when the stored tiles are gzipped (ours
   *  always are; other tools' may not be). */
  readonly contentEncoding: 'gzip' | null;
  /** The tile at z/x/y (XYZ scheme, y down), or null where the basemap has none (answer 204/404). */
  tile(z: number, x: number, y: number): Uint8Array | null;
  close(): void;
}

export function openMbtiles(file: string): MbtilesReader {
  if (!existsSync(file)) throw new BasemapFileError(`${file} does not exist`);
  let db: Database.Database;
  /** Any one tile: it proves the file has a tiles table, and tells whether tiles are gzipped. */
  let sample: Buffer | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    sample = db.prepare('SELECT tile_data FROM tiles LIMIT 1').pluck().get() as Buffer | undefined;
  } catch (err) {
    throw new BasemapFileError(`${file} is not an MBTiles file (${(err as Error).message})`);
  }
  try {
    const rows = db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[];
    const meta = new Map(rows.map((r) => [r.name, r.value]));
    const format = meta.get('format') ?? '';
    if (format !== 'pbf') throw new BasemapFileError(`${file} holds "${format || 'unknown'}" tiles, not vector (pbf) tiles`);
    const bounds = meta.get('bounds')?.split(',').map(Number);
    const metadata: BasemapMetadata = {
      name: meta.get('name') ?? 'basemap',
      format,
      minzoom: Number(meta.get('minzoom') ?? 0),
      maxzoom: Number(meta.get('maxzoom') ?? 14),
      bounds: bounds?.length === 4 && bounds.every(Number.isFinite) ? (bounds as BasemapMetadata['bounds']) : null,
      attribution: meta.get('attribution') ?? null,
    };
    const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
    const gzipped = !!sample && sample[0] === 0x1f && sample[1] === 0x8b;
    return {
      metadata,
      contentEncoding: gzipped ? 'gzip' : null,
      tile(z, x, y) {
        if (![z, x, y].every(Number.isInteger) || z < 0 || z > 30 || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return null;
        const data = get.get(z, x, 2 ** z - 1 - y) as Buffer | undefined;
        return data ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      },
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw err instanceof BasemapFileError ? err : new BasemapFileError(`${file}: ${(err as Error).message}`);
  }
}
