// Plane geometry inside the drawn district boundary. No street network is available, so crews
// drive axis-aligned legs (east-west, then north-south) between points, like a grid of streets.
import CheapRuler from 'cheap-ruler';
import { pointInRing } from '../../common/geo/point-in-ring';
import { BOUNDARY_RING } from '../district6';
import type { Rng } from './random';

export type Point = [number, number]; // [lon, lat]

const ruler = new CheapRuler(29.65, 'kilometers');
const lons = BOUNDARY_RING.map((p) => p[0]);
const lats = BOUNDARY_RING.map((p) => p[1]);
const BBOX = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as const;

/** Inside the district boundary. */
export const inside = (p: Point): boolean => pointInRing(p, BOUNDARY_RING);

/** A point inside the boundary (rejection sampling on its bounding box), rounded to ~1 m. */
export function randomPoint(r: Rng): Point {
  for (;;) {
    const p: Point = [BBOX[0] + r.next() * (BBOX[2] - BBOX[0]), BBOX[1] + r.next() * (BBOX[3] - BBOX[1])];
    if (inside(p)) return [round(p[0]), round(p[1])];
  }
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * An L-shaped route from a to b through a corner inside the district (legs between inside points
 * of this convex shape stay inside); a straight line when neither corner is inside.
 */
export function route(a: Point, b: Point): Point[] {
  const corners: Point[] = [[b[0], a[1]], [a[0], b[1]]];
  const corner = corners.find((c) => inside(c));
  return corner ? [a, corner, b] : [a, b];
}

export const distanceKm = (a: Point, b: Point) => ruler.distance(a, b);
export const bearing = (a: Point, b: Point) => (ruler.bearing(a, b) + 360) % 360;

/** Position after travelling `km` along the path, and the heading there. */
export function along(path: Point[], km: number): { at: Point; heading: number; done: boolean } {
  let left = km;
  for (let i = 0; i < path.length - 1; i++) {
    const leg = distanceKm(path[i], path[i + 1]);
    if (leg === 0) continue;
    const heading = bearing(path[i], path[i + 1]);
    if (left <= leg) {
      const t = left / leg;
      const p: Point = [path[i][0] + (path[i + 1][0] - path[i][0]) * t, path[i][1] + (path[i + 1][1] - path[i][1]) * t];
      return { at: [round(p[0]), round(p[1])], heading: Math.round(heading), done: false };
    }
    left -= leg;
  }
  const end = path[path.length - 1];
  const n = path.length;
  return { at: end, heading: n > 1 ? Math.round(bearing(path[n - 2], end)) : 0, done: true };
}

export const pathLengthKm = (path: Point[]) => path.slice(1).reduce((s, p, i) => s + distanceKm(path[i], p), 0);
