// Reads an OSM extract into GeoJSON features for the basemap, grouped by layer and first zoom.
import type { Feature, Geometry } from 'geojson';
import type { BasemapLayer } from '../../../common/map/basemap-schema';
import { classify, type Classified } from './classify';
import { assembleRings, isClosed, labelPoint, nestRings, NodeStore, wayCoords } from './geometry';
import { readOsm, type OsmElement } from './osm-read';

type Position = [number, number];
export type Bounds = [west: number, south: number, east: number, north: number];

export interface FeatureGroup {
  layer: BasemapLayer;
  minzoom: number;
  features: Feature[];
}

export interface Collected {
  groups: FeatureGroup[];
  /** Bounds of everything drawn, or null when nothing was. */
  bounds: Bounds | null;
  stats: { nodes: number; ways: number; relations: number; features: Record<string, number>; dropped: number };
}

type Pending = { c: Classified; refs: number[] } | { c: Classified; members: OsmElement & { type: 'relation' } };

export async function collectFeatures(file: string): Promise<Collected> {
  const nodes = new NodeStore();
  const ways = new Map<number, number[]>();
  const points: { c: Classified; at: Position }[] = [];
  const pending: Pending[] = [];
  let relations = 0;

  for await (const el of readOsm(file)) {
    if (!Number.isFinite(el.id)) continue;
    if (el.type === 'node') {
      if (!validLonLat(el.lon, el.lat)) continue;
      nodes.add(el.id, el.lon, el.lat);
      const c = classify(el.tags, 'node');
      if (c) points.push({ c, at: [el.lon, el.lat] });
    } else if (el.type === 'way') {
      ways.set(el.id, el.refs);
      const c = classify(el.tags, isClosed(el.refs) ? 'closed' : 'open');
      if (c) pending.push({ c, refs: el.refs });
    } else {
      relations++;
      const kind = el.tags?.type;
      if (kind !== 'multipolygon' && kind !== 'boundary') continue;
      const c = classify(el.tags, 'multipolygon');
      if (c) pending.push({ c, members: el });
    }
  }
  nodes.finish();

  const out = new Collector();
  for (const p of points) out.add(p.c, { type: 'Point', coordinates: p.at });
  for (const p of pending) {
    const geometry = 'refs' in p ? wayGeometry(p.c, p.refs, nodes) : relationGeometry(p.c, p.members, ways, nodes);
    out.add(p.c, geometry);
    // Named water and green areas get one label point: labelling the polygon itself would repeat
    // the name on every tile it spans.
    if (geometry && p.c.props.name && (p.c.layer === 'water' || p.c.layer === 'green')) {
      const { class: kind = 'water', ...named } = p.c.props;
      const at = labelPoint(outerRings(geometry));
      if (at) out.add({ layer: 'areaLabel', minzoom: 13, geometry: 'point', props: { class: kind, ...named } }, { type: 'Point', coordinates: at });
    }
  }
  return { groups: out.groups(), bounds: out.bounds, stats: { nodes: nodes.size, ways: ways.size, relations, features: out.counts, dropped: out.dropped } };
}

function outerRings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return [g.coordinates[0] as Position[]];
  if (g.type === 'MultiPolygon') return g.coordinates.map((poly) => poly[0] as Position[]);
  return [];
}

function validLonLat(lon: number, lat: number): boolean {
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 85.05;
}

function wayGeometry(c: Classified, refs: number[], nodes: NodeStore): Geometry | null {
  const coords = wayCoords(refs, nodes);
  if (c.geometry === 'line') return coords.length >= 2 ? { type: 'LineString', coordinates: coords } : null;
  if (coords.length < 4 || !isClosed(refs) || coords.length !== refs.length) return null;
  if (c.geometry === 'area') return { type: 'Polygon', coordinates: [coords] };
  const at = labelPoint([coords]);
  return at && { type: 'Point', coordinates: at };
}

function relationGeometry(
  c: Classified,
  rel: OsmElement & { type: 'relation' },
  ways: Map<number, number[]>,
  nodes: NodeStore,
): Geometry | null {
  const byRole = (inner: boolean) =>
    assembleRings(
      rel.members
        .filter((m) => m.type === 'way' && (m.role === 'inner') === inner && (inner || m.role !== 'subarea'))
        .map((m) => ways.get(m.ref))
        .filter((r): r is number[] => !!r),
    )
      .map((ring) => wayCoords(ring, nodes))
      .filter((ring) => ring.length >= 4);
  const outers = byRole(false);
  if (!outers.length) return null;
  if (c.geometry === 'point') {
    const at = labelPoint(outers);
    return at && { type: 'Point', coordinates: at };
  }
  return { type: 'MultiPolygon', coordinates: nestRings(outers, byRole(true)) };
}

class Collector {
  private byKey = new Map<string, FeatureGroup>();
  counts: Record<string, number> = {};
  dropped = 0;
  bounds: Bounds | null = null;

  add(c: Classified, geometry: Geometry | null): void {
    if (!geometry) {
      this.dropped++;
      return;
    }
    const key = `${c.layer}/${c.minzoom}`;
    let group = this.byKey.get(key);
    if (!group) this.byKey.set(key, (group = { layer: c.layer, minzoom: c.minzoom, features: [] }));
    group.features.push({ type: 'Feature', geometry, properties: c.props });
    this.counts[c.layer] = (this.counts[c.layer] ?? 0) + 1;
    this.extend(geometry);
  }

  groups(): FeatureGroup[] {
    return [...this.byKey.values()];
  }

  private extend(g: Geometry): void {
    const visit = (p: Position) => {
      const b = (this.bounds ??= [p[0], p[1], p[0], p[1]]);
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    };
    if (g.type === 'Point') visit(g.coordinates as Position);
    else if (g.type === 'LineString') g.coordinates.forEach((p) => visit(p as Position));
    else if (g.type === 'Polygon') g.coordinates[0].forEach((p) => visit(p as Position));
    else if (g.type === 'MultiPolygon') g.coordinates.forEach((poly) => poly[0].forEach((p) => visit(p as Position)));
  }
}
