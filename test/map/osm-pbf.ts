// Writes OSM elements as an .osm.pbf file (OSM PBF format: length-prefixed BlobHeader + zlib
// Blob, an OSMHeader block then one OSMData PrimitiveBlock of plain nodes, ways and relations), so
// the builder's PBF path is tested on the same data as its XML path.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PbfWriter } from 'pbf';
import type { OsmElement } from '../../main/core/basemap/osm-read';

const MEMBER_TYPE = { node: 0, way: 1, relation: 2 } as const;

function bytes(build: (pbf: PbfWriter) => void): Uint8Array {
  const pbf = new PbfWriter();
  build(pbf);
  return pbf.finish();
}

function blob(type: string, data: Uint8Array): Buffer {
  const body = bytes((p) => {
    p.writeVarintField(2, data.length); // raw_size
    p.writeBytesField(3, deflateSync(data)); // zlib_data
  });
  const header = bytes((p) => {
    p.writeStringField(1, type);
    p.writeVarintField(3, body.length);
  });
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, body]);
}

const delta = (values: number[]) => values.map((v, i) => v - (i ? values[i - 1] : 0));

export function writeOsmPbf(file: string, elements: OsmElement[]): void {
  const strings = [''];
  const sid = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const tags = (p: PbfWriter, t: Record<string, string> | undefined) => {
    const entries = Object.entries(t ?? {});
    p.writePackedVarint(2, entries.map(([k]) => sid(k)));
    p.writePackedVarint(3, entries.map(([, v]) => sid(v)));
  };
  const group = bytes((p) => {
    for (const e of elements) {
      if (e.type === 'node') {
        p.writeMessage(1, (n: typeof e, w) => {
          w.writeSVarintField(1, n.id);
          tags(w, n.tags);
          w.writeSVarintField(8, Math.round(n.lat * 1e7));
          w.writeSVarintField(9, Math.round(n.lon * 1e7));
        }, e);
      } else if (e.type === 'way') {
        p.writeMessage(3, (way: typeof e, w) => {
          w.writeVarintField(1, way.id);
          tags(w, way.tags);
          w.writePackedSVarint(8, delta(way.refs));
        }, e);
      } else {
        p.writeMessage(4, (rel: typeof e, w) => {
          w.writeVarintField(1, rel.id);
          tags(w, rel.tags);
          w.writePackedVarint(8, rel.members.map((m) => sid(m.role)));
          w.writePackedSVarint(9, delta(rel.members.map((m) => m.ref)));
          w.writePackedVarint(10, rel.members.map((m) => MEMBER_TYPE[m.type]));
        }, e);
      }
    }
  });
  const block = bytes((p) => {
    p.writeMessage(1, (s: string[], w) => s.forEach((x) => w.writeBytesField(1, Buffer.from(x, 'utf8'))), strings);
    p.writeBytesField(2, group);
  });
  const header = bytes((p) => p.writeStringField(4, 'OsmSchema-V0.6'));
  writeFileSync(file, Buffer.concat([blob('OSMHeader', header), blob('OSMData', block)]));
}
