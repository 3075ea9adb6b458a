// `npm run basemap -- --osm FILE --data-dir DIR`: builds the offline basemap from an OSM extract
// (.osm or .osm.pbf, as downloaded by a city's GIS team) into DIR/basemap.mbtiles, where the
// console finds it at its next start. `--out FILE` writes elsewhere instead.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { basemapPath, buildBasemap } from '../core/basemap/index';

const USAGE = 'usage: npm run basemap -- --osm EXTRACT.osm[.pbf] (--data-dir DIR | --out FILE.mbtiles) [--name NAME]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      osm: { type: 'string' },
      'data-dir': { type: 'string', default: process.env.C137_DATA_DIR },
      out: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!values.osm || !(values.out || values['data-dir'])) throw new Error(USAGE);
  const out = path.resolve(values.out ?? basemapPath(values['data-dir']!));
  const started = performance.now();
  const r = await buildBasemap({ osm: path.resolve(values.osm), out, name: values.name });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const features = Object.entries(r.stats.features).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`basemap written to ${r.out}: ${r.tiles} tiles, ${(r.bytes / 1024).toFixed(0)} KiB in ${secs} s`);
  console.log(`read ${r.stats.nodes} nodes, ${r.stats.ways} ways, ${r.stats.relations} relations; drew ${features}` +
    (r.stats.dropped ? `; skipped ${r.stats.dropped} objects with missing or broken geometry` : ''));
}

main().catch((err: unknown) => {
  console.error(`basemap: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
