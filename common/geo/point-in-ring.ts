// Even-odd ray casting: is a [lon, lat] point inside a closed ring? Planar, which is exact enough
// for the few-kilometre rings of a district or an OSM area.
export type LonLat = readonly [number, number] | readonly number[];

export function pointInRing([x, y]: LonLat, ring: ReadonlyArray<LonLat>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
