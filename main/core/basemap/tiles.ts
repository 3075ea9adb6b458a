// Cuts the collected features into Mapbox Vector Tiles: one geojson-vt index per (layer, first
// zoom) group, so that minor roads, buildings and neighbourhood names only weigh on the zooms
// that show them, then one MVT per tile with every layer that has something in it.
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { BASEMAP_LAYERS } from '../../../common/map/basemap-schema';
import type { Bounds, FeatureGroup } from './collect';

const TILE_EXTENT = 4096;

export interface EncodedTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** Web-mercator tile column/row of a lon/lat at zoom z, clamped to the world. */
export function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const s = Math.sin((lat * Math.PI) / 180);
  const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  return [clamp(x), clamp(y)];
}

export function* encodeTiles(groups: FeatureGroup[], bounds: Bounds, maxZoom: number): Generator<EncodedTile> {
  const indexes = groups.map((g) => ({
    layer: BASEMAP_LAYERS[g.layer],
    minzoom: g.minzoom,
    index: new GeoJSONVT({ type: 'FeatureCollection', features: g.features }, { maxZoom, extent: TILE_EXTENT, buffer: 64, tolerance: 3 }),
  }));
  for (let z = 0; z <= maxZoom; z++) {
    const [x0, y0] = tileOf(bounds[0], bounds[3], z);
    const [x1, y1] = tileOf(bounds[2], bounds[1], z);
    const live = indexes.filter((i) => i.minzoom <= z);
    if (!live.length) continue;
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const layers: Record<string, GeoJSONVTTile> = {};
        for (const { layer, index } of live) {
          const tile = index.getTile(z, x, y);
          if (!tile?.features.length) continue;
          const have = layers[layer];
          layers[layer] = have ? { ...have, features: [...have.features, ...tile.features] } : tile;
        }
        if (Object.keys(layers).length) yield { z, x, y, data: fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }) };
      }
    }
  }
}
