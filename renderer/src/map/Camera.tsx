// The camera: the whole district when it first becomes known (and on the toolbar's button),
// follow-a-crew, which keeps the selected crew centred as it moves until the operator drags away,
// and the visible area published to the store after every move (the queue's "only what the map shows").
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useConsole } from '../state/store';
import { districtBounds } from './BoundaryLayer';
import { useMapCtx, useMapUi, type MapCtx } from './context';

export function fitDistrict(map: MapLibreMap, animate = true): void {
  const d = useConsole.getState().district;
  if (d) map.fitBounds(districtBounds(d), { padding: 32, animate, maxZoom: 16 });
}

function mountCamera(ctx: MapCtx): () => void {
  const { map, crewPositions } = ctx;
  if (useConsole.getState().district) fitDistrict(map, false);
  const stopDistrict = useConsole.subscribe((s, prev) => {
    if (s.district && !prev.district) fitDistrict(map, false);
  });

  const follow = (moved: ReadonlySet<string>) => {
    const id = useConsole.getState().selectedCrewId;
    if (!useMapUi.getState().follow || !id || !moved.has(id)) return;
    const at = crewPositions.get(id);
    if (at) map.jumpTo({ center: at });
  };
  const stopFollow = crewPositions.onMove(follow);
  // Start following at once, not at the crew's next move.
  const stopToggle = useMapUi.subscribe((ui, prev) => {
    const id = useConsole.getState().selectedCrewId;
    const at = id ? crewPositions.get(id) : undefined;
    if (ui.follow && !prev.follow && at) map.easeTo({ center: at, zoom: Math.max(map.getZoom(), 15) });
  });
  const stopWhenCrewChanges = useConsole.subscribe((s, prev) => {
    if (s.selectedCrewId !== prev.selectedCrewId && !s.selectedCrewId) useMapUi.setState({ follow: false, trail: false });
  });
  const userMoved = (e: { originalEvent?: unknown }) => {
    if (e.originalEvent && useMapUi.getState().follow) useMapUi.setState({ follow: false });
  };
  map.on('dragstart', userMoved);
  const publishBounds = () => {
    const b = map.getBounds();
    useConsole.getState().setMapBounds({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() });
  };
  publishBounds();
  map.on('moveend', publishBounds);

  return () => {
    map.off('moveend', publishBounds);
    useConsole.getState().setMapBounds(null);
    stopDistrict();
    stopFollow();
    stopToggle();
    stopWhenCrewChanges();
    map.off('dragstart', userMoved);
  };
}

export function Camera(): null {
  const ctx = useMapCtx();
  useEffect(() => mountCamera(ctx), [ctx]);
  return null;
}
