// Is a point inside a district's boundary (a GeoJSON Polygon or MultiPolygon)? Inside a polygon
// means inside its outer ring and in none of its holes.
import type { Boundary } from '../protocol/hub-protocol';
import { pointInRing, type LonLat } from './point-in-ring';

export function pointInBoundary(p: LonLat, boundary: Boundary): boolean {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  return polygons.some(([outer, ...holes]) => outer !== undefined && pointInRing(p, outer) && !holes.some((h) => pointInRing(p, h)));
}
