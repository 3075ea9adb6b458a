// The offline basemap: built once from an OSM extract (`npm run basemap -- --osm FILE`) into
// <dataDir>/basemap.mbtiles, then served tile by tile by the shells from this reader.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BASEMAP_LAYERS, BASEMAP_MAX_ZOOM } from '../../../common/map/basemap-schema';
import { stderrLogger, type Logger } from '../log';
import { collectFeatures, type Collected } from './collect';
import { BasemapFileError, openMbtiles, writeMbtiles, type BasemapMetadata, type MbtilesReader } from './mbtiles';
import { encodeTiles } from './tiles';

export { BasemapFileError, type BasemapMetadata };
export { OsmReadError } from './osm-read';

const BASEMAP_FILE_NAME = 'basemap.mbtiles';

/** What the shells serve as `/basemap/{z}/{x}/{y}.pbf` (web shell) or through the app protocol. */
export interface BasemapSource extends MbtilesReader {
  readonly file: string;
}

export function basemapPath(dataDir: string): string {
  return join(dataDir, BASEMAP_FILE_NAME);
}

/**
 * The data directory's basemap, or null when there is none (the map then shows a neutral
 * background and a hint). A file that cannot be read is reported and treated as absent.
 */
export function openBasemap(dataDir: string, log: Logger = stderrLogger('basemap')): BasemapSource | null {
  const file = basemapPath(dataDir);
  if (!existsSync(file)) return null;
  try {
    return { file, ...openMbtiles(file) };
  } catch (err) {
    log.error(`ignoring the basemap: ${(err as Error).message}`);
    return null;
  }
}

export interface BuildResult {
  out: string;
  tiles: number;
  bytes: number;
  stats: Collected['stats'];
}

/** Reads an .osm or .osm.pbf extract and writes the basemap to `out` (replacing it atomically). */
export async function buildBasemap(o: { osm: string; out: string; name?: string }): Promise<BuildResult> {
  const collected = await collectFeatures(o.osm);
  if (!collected.bounds) throw new BasemapFileError(`${o.osm} holds no roads, water, parks, buildings or places to draw`);
  mkdirSync(dirname(o.out), { recursive: true });
  const [w, s, e, n] = collected.bounds;
  const written = writeMbtiles(o.out, encodeTiles(collected.groups, collected.bounds, BASEMAP_MAX_ZOOM), {
    name: o.name ?? 'Console 137 basemap',
    format: 'pbf',
    type: 'baselayer',
    version: '1',
    minzoom: '0',
    maxzoom: String(BASEMAP_MAX_ZOOM),
    bounds: [w, s, e, n].map((v) => v.toFixed(6)).join(','),
    center: [((w + e) / 2).toFixed(6), ((s + n) / 2).toFixed(6), '13'].join(','),
    attribution: '© OpenStreetMap contributors',
    json: JSON.stringify({ vector_layers: vectorLayers(collected) }),
  });
  return { out: o.out, ...written, stats: collected.stats };
}

function vectorLayers(c: Collected): { id: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[] {
  const byLayer = new Map<string, { minzoom: number; fields: Record<string, string> }>();
  for (const g of c.groups) {
    const id = BASEMAP_LAYERS[g.layer];
    const l = byLayer.get(id) ?? { minzoom: g.minzoom, fields: {} };
    l.minzoom = Math.min(l.minzoom, g.minzoom);
    for (const f of g.features) for (const k of Object.keys(f.properties ?? {})) l.fields[k] = 'String';
    byLayer.set(id, l);
  }
  return [...byLayer].map(([id, l]) => ({ id, ...l, maxzoom: BASEMAP_MAX_ZOOM }));
}
