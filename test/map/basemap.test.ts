// The basemap builder and reader on a small hand-made extract (test/fixtures/shiraz-mini.osm):
// both OSM formats, the tiles' content, the MBTiles container, bad input.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, describe, expect, it } from 'vitest';
import { BASEMAP_MAX_ZOOM } from '../../common/map/basemap-schema';
import { basemapPath, buildBasemap, openBasemap, type BasemapSource } from '../../main/core/basemap/index';
import { readOsm, type OsmElement } from '../../main/core/basemap/osm-read';
import { tileOf } from '../../main/core/basemap/tiles';
import type { Logger } from '../../main/core/log';
import { tempDir } from '../support/temp';
import { writeOsmPbf } from './osm-pbf';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/shiraz-mini.osm');
const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = tempDir('c137-basemap-');
afterAll(() => tmp.cleanup());

type Feature = { layer: string; type: number; props: Record<string, unknown>; rings: number };

/** Every feature of the z/x/y tile holding a point, decoded from the gzipped MVT. */
function featuresAt(src: BasemapSource, z: number, lon: number, lat: number): Feature[] {
  const [x, y] = tileOf(lon, lat, z);
  const data = src.tile(z, x, y);
  if (!data) return [];
  const tile = new VectorTile(new PbfReader(gunzipSync(data)));
  return Object.entries(tile.layers).flatMap(([layer, l]) =>
    Array.from({ length: l.length }, (_, i) => {
      const f = l.feature(i);
      return { layer, type: f.type, props: f.properties, rings: f.loadGeometry().length };
    }),
  );
}

const CENTRE: [number, number] = [52.545, 29.617];

async function build(osm: string, dir: string): Promise<BasemapSource> {
  await buildBasemap({ osm, out: basemapPath(dir) });
  const src = openBasemap(dir);
  expect(src).not.toBeNull();
  return src!;
}

describe('basemap from an OSM XML extract', async () => {
  const dir = path.join(tmp.dir, 'xml');
  const src = await build(FIXTURE, dir);
  afterAll(() => src.close());
  const z14 = featuresAt(src, 14, ...CENTRE);
  const names = (layer: string) => z14.filter((f) => f.layer === layer).map((f) => f.props.name);

  it('writes gzipped vector tiles and MBTiles metadata', () => {
    expect(src.contentEncoding).toBe('gzip');
    expect(src.metadata).toMatchObject({ format: 'pbf', minzoom: 0, maxzoom: BASEMAP_MAX_ZOOM, attribution: '© OpenStreetMap contributors' });
    const [w, s, e, n] = src.metadata.bounds!;
    expect(w).toBeCloseTo(52.534, 3);
    expect(s).toBeCloseTo(29.61, 3);
    expect(e).toBeCloseTo(52.556, 3);
    expect(n).toBeCloseTo(29.625, 3);
  });

  it('keeps roads by class with Persian names (ZWNJ kept) and English names beside them', () => {
    const roads = z14.filter((f) => f.layer === 'road');
    const karimKhan = roads.find((f) => f.props.name === 'بلوار کریم\u200cخان زند');
    expect(karimKhan?.props).toMatchObject({ class: 'primary', name_en: 'Karim Khan Zand Boulevard' });
    expect(roads.find((f) => f.props.name === 'خیابان حافظ')?.props).toMatchObject({ class: 'tertiary', name_en: 'Hafez Street' });
    expect(roads.find((f) => f.props.name === 'کوچه باغ')?.props.class).toBe('minor');
    expect(roads.find((f) => f.props.name === 'پیاده\u200cرو باغ')?.props.class).toBe('path');
    // A road named only in English keeps that name as its label in both languages.
    expect(roads.find((f) => f.props.name === 'Test Lane')?.props.name_en).toBe('Test Lane');
    // A way with a node missing from the extract is drawn with the nodes it has.
    const west = featuresAt(src, 14, 52.535, 29.615).filter((f) => f.layer === 'road');
    expect(west.map((f) => f.props.name)).toContain('کوچه ناتمام');
  });

  it('draws water, green areas (with multipolygon holes), buildings, a river and neighbourhood names', () => {
    expect(names('water')).toContain('حوض');
    const green = z14.filter((f) => f.layer === 'green');
    expect(green.find((f) => f.props.name === 'باغ ملی')?.props.class).toBe('park');
    expect(green.find((f) => f.props.class === 'green')?.rings).toBe(2); // outer of two ways + its hole
    expect(z14.filter((f) => f.layer === 'building')).toHaveLength(1);
    expect(names('waterway')).toContain('رودخانه خشک');
    expect(names('place')).toEqual(expect.arrayContaining(['سنگ سیاه', 'بازار وکیل', 'درب شاهزاده']));
    expect(z14.find((f) => f.props.name === 'بازار وکیل')?.props.name_en).toBe('Vakil Bazaar');
    expect(names('area_label')).toEqual(expect.arrayContaining(['حوض', 'باغ ملی']));
  });

  it('leaves detail out of the zooms that do not show it', () => {
    const z12 = featuresAt(src, 12, ...CENTRE);
    expect(z12.filter((f) => f.layer === 'building')).toHaveLength(0);
    expect(z12.filter((f) => f.layer === 'road').map((f) => f.props.class)).not.toContain('path');
    expect(z12.filter((f) => f.layer === 'road').map((f) => f.props.class)).toContain('primary');
    const z9 = featuresAt(src, 9, ...CENTRE);
    expect(new Set(z9.map((f) => f.layer))).toEqual(new Set(['road', 'water', 'waterway']));
    expect(new Set(z9.filter((f) => f.layer === 'road').map((f) => f.props.class))).toEqual(new Set(['primary', 'secondary']));
  });

  it('answers null outside the tiles and for impossible addresses', () => {
    expect(src.tile(14, 0, 0)).toBeNull();
    expect(src.tile(3, 9, 1)).toBeNull();
    expect(src.tile(-1, 0, 0)).toBeNull();
    expect(src.tile(1.5, 0, 0)).toBeNull();
  });
});

describe('basemap from an OSM PBF extract', () => {
  it('draws the same features as from the same data in XML', async () => {
    const elements: OsmElement[] = [];
    for await (const e of readOsm(FIXTURE)) elements.push(e);
    const pbf = path.join(tmp.dir, 'mini.osm.pbf');
    writeOsmPbf(pbf, elements);
    const fromPbf = await build(pbf, path.join(tmp.dir, 'pbf'));
    const fromXml = openBasemap(path.join(tmp.dir, 'xml'))!;
    const digest = (s: BasemapSource) =>
      featuresAt(s, 14, ...CENTRE)
        .map((f) => `${f.layer}|${f.type}|${f.rings}|${JSON.stringify(f.props)}`)
        .sort();
    expect(digest(fromPbf)).toEqual(digest(fromXml));
    expect(digest(fromPbf).length).toBeGreaterThan(15);
    fromPbf.close();
    fromXml.close();
  });
});

describe('bad input', () => {
  const errors: string[] = [];
  const log: Logger = { info() {}, warn() {}, error: (m) => errors.push(m) };

  it('has no basemap when the data directory holds none', () => {
    expect(openBasemap(path.join(tmp.dir, 'none'), log)).toBeNull();
    expect(errors).toEqual([]);
  });

  it('reports a basemap file it cannot read and goes on without one', () => {
    const dir = path.join(tmp.dir, 'broken');
    const file = basemapPath(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, 'this is not an mbtiles file');
    expect(openBasemap(dir, log)).toBeNull();
    expect(errors.at(-1)).toMatch(/not an MBTiles file/);
  });

  it('refuses malformed XML and non-OSM files with the file named', async () => {
    const bad = path.join(tmp.dir, 'bad.osm');
    writeFileSync(bad, '<osm><node id="1" lat="29.6" lon="52.5"><tag k="place" v="city"</osm>');
    await expect(buildBasemap({ osm: bad, out: path.join(tmp.dir, 'bad.mbtiles') })).rejects.toThrow(/bad\.osm: malformed OSM XML/);
    const notOsm = path.join(tmp.dir, 'photo.jpg');
    writeFileSync(notOsm, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expect(buildBasemap({ osm: notOsm, out: path.join(tmp.dir, 'bad.mbtiles') })).rejects.toThrow(/neither OSM XML nor OSM PBF/);
  });

  it('refuses an extract with nothing to draw', async () => {
    const empty = path.join(tmp.dir, 'empty.osm');
    writeFileSync(empty, '<osm version="0.6"><node id="1" lat="29.6" lon="52.5"/></osm>');
    await expect(buildBasemap({ osm: empty, out: path.join(tmp.dir, 'empty.mbtiles') })).rejects.toThrow(/nothing|no roads/);
  });

  it('the CLI builds into a data directory, and explains its usage without an extract', async () => {
    const run = promisify(execFile);
    const dir = path.join(tmp.dir, 'cli');
    const ok = await run(process.execPath, ['--import', 'tsx', 'main/cli/basemap.ts', '--osm', FIXTURE, '--data-dir', dir], { cwd: ROOT });
    expect(ok.stdout).toMatch(/basemap written to .*basemap\.mbtiles: \d+ tiles/);
    expect(existsSync(basemapPath(dir))).toBe(true);
    const err = await run(process.execPath, ['--import', 'tsx', 'main/cli/basemap.ts'], { cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/usage: npm run basemap -- --osm/);
  });
});
