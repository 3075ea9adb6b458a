// Turns OSM's references (ways of node ids, relations of way ids) into coordinates. Extracts
// list nodes before the ways that use them and relations last, but nothing is resolved until the
// whole file has been read, so unsorted extracts (JOSM saves) work too.
import { pointInRing } from '../../../common/geo/point-in-ring';

type Position = [number, number];

/** Node coordinates in typed arrays (7 decimals, like OSM itself): a city's millions of nodes in tens of MB. */
export class NodeStore {
  private ids = new Float64Array(1 << 16);
  private lons = new Int32Array(1 << 16);
  private lats = new Int32Array(1 << 16);
  private n = 0;
  private sorted = true;

  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) this.grow();
    if (this.n > 0 && id <= this.ids[this.n - 1]) this.sorted = false;
    this.ids[this.n] = id;
    this.lons[this.n] = Math.round(lon * 1e7);
    this.lats[this.n] = Math.round(lat * 1e7);
    this.n++;
  }

  get size(): number {
    return this.n;
  }

  /** Must be called once all nodes are in, before `get`. */
  finish(): void {
    if (this.sorted) return;
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => this.ids[a] - this.ids[b]);
    const ids = new Float64Array(this.n);
    const lons = new Int32Array(this.n);
    const lats = new Int32Array(this.n);
    order.forEach((from, to) => {
      ids[to] = this.ids[from];
      lons[to] = this.lons[from];
      lats[to] = this.lats[from];
    });
    this.ids = ids;
    this.lons = lons;
    this.lats = lats;
    this.sorted = true;
  }

  get(id: number): Position | undefined {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return [this.lons[mid] / 1e7, this.lats[mid] / 1e7];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.ids = grow(this.ids, (s) => new Float64Array(s));
    this.lons = grow(this.lons, (s) => new Int32Array(s));
    this.lats = grow(this.lats, (s) => new Int32Array(s));
  }
}

/** A way's coordinates; nodes missing from the extract (clipped at its edge) are left out. */
export function wayCoords(refs: readonly number[], nodes: NodeStore): Position[] {
  const out: Position[] = [];
  for (const ref of refs) {
    const p = nodes.get(ref);
    if (p) out.push(p);
  }
  return out;
}

export function isClosed(refs: readonly number[]): boolean {
  return refs.length >= 4 && refs[0] === refs[refs.length - 1];
}

/**
 * Joins a multipolygon's member ways into closed rings by their end nodes (members are split
 * wherever mappers found it convenient). Rings that cannot be closed are dropped.
 */
export function assembleRings(members: readonly (readonly number[])[]): number[][] {
  const pending = members.filter((m) => m.length >= 2).map((m) => [...m]);
  const rings: number[][] = [];
  while (pending.length) {
    const ring = pending.shift()!;
    let grew = true;
    while (ring[0] !== ring[ring.length - 1] && grew) {
      grew = false;
      const end = ring[ring.length - 1];
      for (let i = 0; i < pending.length; i++) {
        const w = pending[i];
        if (w[0] === end) ring.push(...w.slice(1));
        else if (w[w.length - 1] === end) ring.push(...w.slice(0, -1).reverse());
        else continue;
        pending.splice(i, 1);
        grew = true;
        break;
      }
    }
    if (isClosed(ring)) rings.push(ring);
  }
  return rings;
}

/** Outer rings with the inner rings (holes) that lie inside them, as MultiPolygon coordinates. */
export function nestRings(outers: Position[][], inners: Position[][]): Position[][][] {
  const polygons = outers.map((o) => [o]);
  for (const inner of inners) {
    const host = polygons.find((p) => pointInRing(inner[0], p[0]));
    host?.push(inner);
  }
  return polygons;
}

/** Where to put a label for an area: the centroid of its largest ring (shoelace formula). */
export function labelPoint(rings: readonly Position[][]): Position | null {
  let best: { area: number; point: Position } | null = null;
  for (const ring of rings) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (a === 0) continue;
    const point: Position = [cx / (3 * a), cy / (3 * a)];
    if (!best || Math.abs(a) > best.area) best = { area: Math.abs(a), point };
  }
  return best?.point ?? null;
}
