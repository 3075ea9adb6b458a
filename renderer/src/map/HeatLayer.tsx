// Heat of today's requests (open and closed since midnight Tehran time, which is what the store
// holds), weighted by priority. Mounted only while its toggle is on: no cost otherwise.
import { useEffect } from 'react';
import type { RequestView } from '../../../common/api/contract';
import { PRIORITY_RANK } from '../../../common/domain/priority';
import { useConsole } from '../state/store';
import { removeFromMap, useMapCtx, type MapCtx } from './context';
import { followChanges, syncFromStore } from './live';
import { EMPTY, PointSync } from './pointSync';
import { REQUEST_LAYERS } from './RequestLayers';

const SOURCE = 'requests-heat';
const LAYER = 'requests-heat';

function mountHeat(ctx: MapCtx): () => void {
  const { map, frame, mode } = ctx;
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addLayer(
    {
      id: LAYER,
      type: 'heatmap',
      source: SOURCE,
      maxzoom: 17,
      paint: {
        'heatmap-weight': ['match', ['get', 'prank'], PRIORITY_RANK.urgent, 1, PRIORITY_RANK.high, 0.7, PRIORITY_RANK.normal, 0.45, 0.3],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 10, 8 * ctx.scale, 15, 30 * ctx.scale],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 15, 1.4],
        'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0.75, 17, 0],
        'heatmap-color': [
          'interpolate', ['linear'], ['heatmap-density'],
          0, 'rgba(255,255,178,0)', 0.2, 'rgba(254,217,118,0.7)', 0.45, '#feb24c', 0.7, '#fd8d3c', 0.9, '#f03b20', 1, '#bd0026',
        ],
      },
    },
    // Under the request symbols, so the heat never hides what it sums up.
    map.getLayer(REQUEST_LAYERS.halo) ? REQUEST_LAYERS.halo : undefined,
  );
  const sync = new PointSync(map, SOURCE, frame, mode);
  const stop = followChanges(
    'requests',
    mode,
    syncFromStore(sync, () => useConsole.getState().requests, (r: RequestView) => ({ lon: r.lon, lat: r.lat, props: { prank: PRIORITY_RANK[r.priority] } })),
  );
  return () => {
    stop();
    removeFromMap(ctx, [LAYER], [SOURCE]);
  };
}

export function HeatLayer(): null {
  const ctx = useMapCtx();
  useEffect(() => mountHeat(ctx), [ctx]);
  return null;
}
