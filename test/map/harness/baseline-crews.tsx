// The benchmark's baseline for crews, done the way traccar-web does it: a GeoJSON source of every
// crew behind a symbol layer of rotated icons, the whole collection replaced (`setData`) on every
// live batch, fixes drawn where they are (no gliding). Same look and rules as the console's own
// crews layer (colours, greying, hiding, names from zoom 14), so the two cost the same to draw
// but for how updates reach the GPU.
import { useEffect } from 'react';
import { crewLabelLayer, crewSprite, CREW_LAYERS, CREWS_SOURCE } from '../../../renderer/src/map/CrewLayers';
import { removeFromMap, useMapCtx, type MapCtx } from '../../../renderer/src/map/context';
import { followChanges, syncFromStore } from '../../../renderer/src/map/live';
import { EMPTY, PointSync } from '../../../renderer/src/map/pointSync';
import { useConsole } from '../../../renderer/src/state/store';
import { addCrewIcons, crewIconId } from './crew-icons';

function mountBaselineCrews(ctx: MapCtx): () => void {
  const { map, frame, scale } = ctx;
  addCrewIcons(map);
  map.addSource(CREWS_SOURCE, { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addLayer({
    id: CREW_LAYERS.icon,
    type: 'symbol',
    source: CREWS_SOURCE,
    layout: {
      'icon-image': ['get', 'icon'],
      'icon-size': scale,
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'symbol-sort-key': ['get', 'stale'],
    },
    paint: { 'icon-opacity': ['case', ['==', ['get', 'stale'], 1], 0.75, 1] },
  });
  map.addLayer(crewLabelLayer(scale));
  const sync = new PointSync(map, CREWS_SOURCE, frame, 'replace-all');
  const stop = followChanges(
    'crews',
    'replace-all',
    syncFromStore(sync, () => useConsole.getState().crews, (c) => {
      const s = crewSprite(c, Date.now());
      if (typeof s === 'string') return null;
      const stale = s.opacity < 1;
      const icon = crewIconId(s.heading === null ? 'dot' : 'arrow', stale ? 'stale' : c.status);
      return { lon: s.lon, lat: s.lat, props: { name: c.name, status: c.status, stale: stale ? 1 : 0, icon, heading: s.heading ?? 0, at: s.at } };
    }),
  );
  return () => {
    stop();
    removeFromMap(ctx, [CREW_LAYERS.label, CREW_LAYERS.icon], [CREWS_SOURCE]);
  };
}

export function BaselineCrews(): null {
  const ctx = useMapCtx();
  useEffect(() => mountBaselineCrews(ctx), [ctx]);
  return null;
}
