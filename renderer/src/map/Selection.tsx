// Selection shared with the list, both ways: the map marks the request the store says is selected
// or hovered (feature-state, paint only; the crews layer marks its own) and brings what is selected
// into view; clicks on the map select through the store (see RequestLayers / CrewLayers), so the
// list follows too.
import { useEffect } from 'react';
import { useConsole, type ConsoleState } from '../state/store';
import { useMapCtx, type MapCtx } from './context';
import { CLUSTER_MAX_ZOOM, REQUESTS_SOURCE } from './RequestLayers';

type Marked = Pick<ConsoleState, 'selectedRequestId' | 'selectedCrewId' | 'hoveredRequestId'>;
const MARKS: [keyof Marked, string, string][] = [
  ['selectedRequestId', REQUESTS_SOURCE, 'selected'],
  ['hoveredRequestId', REQUESTS_SOURCE, 'hover'],
];

function mountSelection(ctx: MapCtx): () => void {
  const { map, crewPositions } = ctx;
  const mark = (source: string, id: string | null, key: string, on: boolean) => {
    if (id !== null && map.getSource(source)) map.setFeatureState({ source, id }, { [key]: on });
  };
  const inView = (at: [number, number]) => {
    const p = map.project(at);
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    return p.x > 40 && p.y > 40 && p.x < w - 40 && p.y < h - 40;
  };
  const reveal = (at: [number, number] | undefined, minZoom: number) => {
    if (!at) return;
    if (map.getZoom() < minZoom) map.easeTo({ center: at, zoom: minZoom });
    else if (!inView(at)) map.easeTo({ center: at });
  };

  let shown: Marked = { selectedRequestId: null, selectedCrewId: null, hoveredRequestId: null };
  const apply = (s: ConsoleState) => {
    for (const [field, source, key] of MARKS) {
      if (s[field] === shown[field]) continue;
      mark(source, shown[field], key, false);
      mark(source, s[field], key, true);
    }
    if (s.selectedRequestId && s.selectedRequestId !== shown.selectedRequestId) {
      const r = s.requests[s.selectedRequestId];
      // Past the cluster zoom, so the request stands on its own.
      if (r) reveal([r.lon, r.lat], CLUSTER_MAX_ZOOM + 1);
    }
    if (s.selectedCrewId && s.selectedCrewId !== shown.selectedCrewId) reveal(crewPositions.get(s.selectedCrewId), 0);
    shown = { selectedRequestId: s.selectedRequestId, selectedCrewId: s.selectedCrewId, hoveredRequestId: s.hoveredRequestId };
  };
  apply(useConsole.getState());
  return useConsole.subscribe(apply);
}

export function Selection(): null {
  const ctx = useMapCtx();
  useEffect(() => mountSelection(ctx), [ctx]);
  return null;
}
