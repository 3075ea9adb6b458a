// The district: its boundary line, and the rest of the world dimmed so the eye stays inside.
import { useEffect } from 'react';
import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import type { DistrictView } from '../../../common/api/contract';
import { useConsole } from '../state/store';
import { removeFromMap, useMapCtx, type MapCtx } from './context';
import { BOUNDARY_COLOR } from './palette';
import { EMPTY } from './pointSync';

const SOURCE = 'district';
const LAYERS = { mask: 'district-mask', line: 'district-line' } as const;
type Ring = number[][];

function outerRings(b: DistrictView['boundary']): Ring[] {
  return b.type === 'Polygon' ? [b.coordinates[0]] : b.coordinates.map((p) => p[0]);
}

function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2; // > 0: clockwise
}

/** MapLibre tells holes by their winding: the world counter-clockwise, the district clockwise. */
function oriented(ring: Ring, clockwise: boolean): Ring {
  return signedArea(ring) > 0 === clockwise ? ring : [...ring].reverse();
}

const WORLD: Ring = [[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]];

function districtFeatures(d: DistrictView): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'mask' }, geometry: { type: 'Polygon', coordinates: [WORLD, ...outerRings(d.boundary).map((r) => oriented(r, true))] } },
      { type: 'Feature', properties: { kind: 'line' }, geometry: d.boundary },
    ],
  };
}

export function districtBounds(d: DistrictView): LngLatBoundsLike {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of outerRings(d.boundary)) {
    for (const [lon, lat] of ring) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  return [w, s, e, n];
}

function mountBoundary(ctx: MapCtx): () => void {
  const { map, scale } = ctx;
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({ id: LAYERS.mask, type: 'fill', source: SOURCE, filter: ['==', ['get', 'kind'], 'mask'], paint: { 'fill-color': '#263238', 'fill-opacity': 0.16 } });
  map.addLayer({
    id: LAYERS.line,
    type: 'line',
    source: SOURCE,
    filter: ['==', ['get', 'kind'], 'line'],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': BOUNDARY_COLOR, 'line-width': 2.5 * scale, 'line-opacity': 0.85 },
  });
  const show = (d: DistrictView | null) => void map.getSource<GeoJSONSource>(SOURCE)?.setData(d ? districtFeatures(d) : EMPTY);
  show(useConsole.getState().district);
  const stop = useConsole.subscribe((s, prev) => {
    if (s.district !== prev.district) show(s.district);
  });
  return () => {
    stop();
    removeFromMap(ctx, [LAYERS.line, LAYERS.mask], [SOURCE]);
  };
}

export function BoundaryLayer(): null {
  const ctx = useMapCtx();
  useEffect(() => mountBoundary(ctx), [ctx]);
  return null;
}
