// The selected crew's trail today: read once from the core (`crewTrail`), then extended by the
// crew's live fixes. Mounted only while the toggle is on and a crew is selected.
import { useEffect } from 'react';
import type { GeoJSONSource } from 'maplibre-gl';
import { fetchCrewTrail, onLiveBatch } from '../state/store';
import { removeFromMap, useMapCtx, type MapCtx } from './context';
import { CREW_LAYERS } from './CrewLayers';
import { TRAIL_COLOR } from './palette';
import { EMPTY } from './pointSync';

const TRAIL_SOURCE = 'crew-trail';
const TRAIL_LAYER = 'crew-trail';

function mountTrail(ctx: MapCtx, crewId: string): () => void {
  const { map, frame, scale } = ctx;
  map.addSource(TRAIL_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer(
    {
      id: TRAIL_LAYER,
      type: 'line',
      source: TRAIL_SOURCE,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': TRAIL_COLOR, 'line-width': 3.5 * scale, 'line-opacity': 0.75 },
    },
    map.getLayer(CREW_LAYERS.icon) ? CREW_LAYERS.icon : undefined,
  );

  // Fixes that arrive while the trail is being read are kept and appended after it.
  let points: [number, number, number][] | null = null;
  const early: [number, number, number][] = [];
  const draw = () => {
    const coordinates = (points ?? []).map(([lon, lat]) => [lon, lat]);
    const data: GeoJSON.FeatureCollection = coordinates.length >= 2
      ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { crewId }, geometry: { type: 'LineString', coordinates } }] }
      : EMPTY;
    void map.getSource<GeoJSONSource>(TRAIL_SOURCE)?.setData(data);
  };
  const append = (p: [number, number, number]) => {
    if (!points) return void early.push(p);
    const last = points[points.length - 1];
    if (last && last[2] >= p[2]) return;
    points.push(p);
    frame.request(draw);
  };
  let cancelled = false;
  fetchCrewTrail(crewId)
    .then((trail) => {
      if (cancelled) return;
      points = trail.points;
      for (const p of early.splice(0)) append(p);
      frame.request(draw);
    })
    .catch((err: unknown) => console.warn(`crew trail of ${crewId} unavailable`, err));
  const stop = onLiveBatch((b) => {
    for (const f of b.fixes) if (f.crewId === crewId) append([f.lon, f.lat, Date.parse(f.at)]);
  });

  return () => {
    cancelled = true;
    stop();
    frame.cancel(draw);
    removeFromMap(ctx, [TRAIL_LAYER], [TRAIL_SOURCE]);
  };
}

export function TrailLayer({ crewId }: { crewId: string }): null {
  const ctx = useMapCtx();
  useEffect(() => mountTrail(ctx, crewId), [ctx, crewId]);
  return null;
}
