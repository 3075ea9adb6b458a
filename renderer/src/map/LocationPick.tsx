// The map's side of picking a location (./pick.ts): a crosshair while picking, a click sets the
// point, and the point picked is drawn as a ring on top of the requests (and brought into view
// when it was chosen elsewhere, e.g. from an address).
import { useEffect } from 'react';
import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { removeFromMap, useMapCtx, type MapCtx } from './context';
import { SELECTED_COLOR } from './palette';
import { useLocationPick, type LocationPickState } from './pick';
import { EMPTY } from './pointSync';

const SOURCE = 'location-pick';
const LAYER = 'location-pick-point';

function mountLocationPick(ctx: MapCtx): () => void {
  const { map } = ctx;
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: LAYER,
    type: 'circle',
    source: SOURCE,
    paint: {
      'circle-radius': 9 * ctx.scale,
      'circle-color': 'rgba(0, 176, 255, 0.25)',
      'circle-stroke-color': SELECTED_COLOR,
      'circle-stroke-width': 3 * ctx.scale,
    },
  });

  const show = (s: LocationPickState, prev: LocationPickState | null) => {
    map.getCanvas().style.cursor = s.picking ? 'crosshair' : '';
    if (prev && s.point === prev.point) return;
    const at = s.point && ([s.point.lon, s.point.lat] as [number, number]);
    map.getSource<GeoJSONSource>(SOURCE)?.setData(
      at ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at } }] } : EMPTY,
    );
    if (at && !map.getBounds().contains(at)) map.easeTo({ center: at });
  };
  const onClick = (e: MapMouseEvent) => {
    if (!useLocationPick.getState().picking) return;
    useLocationPick.setState({ picking: false, point: { lon: e.lngLat.lng, lat: e.lngLat.lat } });
  };
  show(useLocationPick.getState(), null);
  const unsubscribe = useLocationPick.subscribe(show);
  map.on('click', onClick);
  return () => {
    unsubscribe();
    map.off('click', onClick);
    if (ctx.alive()) map.getCanvas().style.cursor = '';
    removeFromMap(ctx, [LAYER], [SOURCE]);
  };
}

export function LocationPick(): null {
  const ctx = useMapCtx();
  useEffect(() => mountLocationPick(ctx), [ctx]);
  return null;
}
