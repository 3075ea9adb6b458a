// Streams the elements of an OpenStreetMap extract, XML (.osm) or binary (.osm.pbf), as plain
// objects. The format is told by content, not by name: a GIS team's download may be renamed.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createOSMStream } from 'osm-pbf-parser-node';
import { SaxesParser } from 'saxes';

export type OsmTags = Record<string, string>;
export type OsmMemberType = 'node' | 'way' | 'relation';
export type OsmElement =
  | { type: 'node'; id: number; lon: number; lat: number; tags?: OsmTags }
  | { type: 'way'; id: number; refs: number[]; tags?: OsmTags }
  | { type: 'relation'; id: number; members: { type: OsmMemberType; ref: number; role: string }[]; tags?: OsmTags };

export class OsmReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OsmReadError';
  }
}

type OsmFormat = 'xml' | 'pbf';

/** PBF files start with a 4-byte length, then a BlobHeader whose type string is "OSMHeader". */
async function detectOsmFormat(file: string): Promise<OsmFormat> {
  const fh = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new OsmReadError(`cannot open ${file}: ${err.code ?? err.message}`);
  });
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await fh.read(head, 0, 64, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.includes(Buffer.from('OSMHeader'))) return 'pbf';
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('<')) return 'xml';
    throw new OsmReadError(`${file} is neither OSM XML nor OSM PBF`);
  } finally {
    await fh.close();
  }
}

export async function* readOsm(file: string): AsyncGenerator<OsmElement> {
  const format = await detectOsmFormat(file);
  yield* format === 'pbf' ? readPbf(file) : readXml(file);
}

type PbfItem = { type?: string; id?: number; lat?: number; lon?: number; refs?: number[]; members?: unknown[]; tags?: OsmTags };

async function* readPbf(file: string): AsyncGenerator<OsmElement> {
  try {
    for await (const raw of createOSMStream(file, { withTags: true, withInfo: false })) {
      const item = raw as PbfItem;
      // The first item is the file header (no type); anything else unknown is skipped.
      if (item.type === 'node' || item.type === 'way' || item.type === 'relation') yield item as OsmElement;
    }
  } catch (err) {
    throw new OsmReadError(`${file}: not a readable OSM PBF file (${(err as Error).message})`);
  }
}

async function* readXml(file: string): AsyncGenerator<OsmElement> {
  const parser = new SaxesParser({ fileName: file, position: true, xmlns: false });
  const ready: OsmElement[] = [];
  let current: OsmElement | null = null;
  let failure: Error | null = null;

  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'node':
        current = { type: 'node', id: Number(a.id), lon: Number(a.lon), lat: Number(a.lat) };
        break;
      case 'way':
        current = { type: 'way', id: Number(a.id), refs: [] };
        break;
      case 'relation':
        current = { type: 'relation', id: Number(a.id), members: [] };
        break;
      case 'nd':
        if (current?.type === 'way') current.refs.push(Number(a.ref));
        break;
      case 'member':
        if (current?.type === 'relation' && (a.type === 'node' || a.type === 'way' || a.type === 'relation')) {
          current.members.push({ type: a.type, ref: Number(a.ref), role: a.role ?? '' });
        }
        break;
      case 'tag':
        if (current && a.k !== undefined) (current.tags ??= {})[a.k] = a.v ?? '';
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (current && tag.name === current.type) {
      ready.push(current);
      current = null;
    }
  });
  parser.on('error', (err) => {
    failure ??= err;
  });

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (failure) break;
      yield* ready.splice(0);
    }
    if (!failure) parser.close();
  } catch (err) {
    failure ??= err as Error;
  } finally {
    stream.destroy();
  }
  if (failure) throw new OsmReadError(`${file}: malformed OSM XML (${failure.message})`);
  yield* ready.splice(0);
}
