// Crews: an icon turned to the heading and coloured by status, with the crew's name once zoomed in
// (at district zoom 500 names would only hide each other, and laying out text on every fix is
// what the renderer can least afford). A fix older than 2 minutes greys the crew; older than 30
// minutes hides it (the legend counts them). Between fixes a crew glides to its new position when
// the step is big enough to see on screen.
import { useEffect } from 'react';
import type { ExpressionSpecification, MapLayerMouseEvent } from 'maplibre-gl';
import type { CrewView } from '../../../common/api/contract';
import { STALE_FIX_MS } from '../../../common/domain/nearest-crew';
import { useConsole } from '../state/store';
import { removeFromMap, useMapCtx, useMapUi, type MapCtx } from './context';
import { crewIconId, addCrewIcons } from './icons';
import { followChanges, syncFromStore, type Changed } from './live';
import { SELECTED_COLOR } from './palette';
import { EMPTY, PointSync, type PointFeature } from './pointSync';
import { FONT } from './style';

export const CREWS_SOURCE = 'crews';
export const CREW_LAYERS = { halo: 'crews-halo', icon: 'crews-icon', label: 'crews-label' } as const;
/** Crew names from this zoom on. */
export const CREW_LABEL_ZOOM = 14;
/** A fix older than this greys the crew. */
export const STALE_GREY_MS = 2 * 60_000;
const RECHECK_MS = 5000;
/** A step shorter than this on screen is not worth animating; a longer one is a jump, not a drive. */
const GLIDE_PX = [2, 400] as const;
const GLIDE_MS = 900;

export function crewFeature(c: CrewView, now: number): PointFeature | null {
  if (!c.fix) return null;
  const at = Date.parse(c.fix.at);
  const age = now - at;
  if (!(age <= STALE_FIX_MS)) return null;
  const stale = age > STALE_GREY_MS;
  const heading = c.fix.heading;
  return {
    lon: c.fix.lon,
    lat: c.fix.lat,
    props: {
      name: c.name,
      status: c.status,
      stale: stale ? 1 : 0,
      icon: crewIconId(heading === null ? 'dot' : 'arrow', stale ? 'stale' : c.status),
      heading: heading ?? 0,
      at,
    },
  };
}

interface Glide {
  from: [number, number];
  to: PointFeature;
  start: number;
}

const state = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

function mountCrews(ctx: MapCtx): () => void {
  const { map, frame, mode, scale, crewPositions } = ctx;
  addCrewIcons(map);
  map.addSource(CREWS_SOURCE, { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addLayer({
    id: CREW_LAYERS.halo,
    type: 'circle',
    source: CREWS_SOURCE,
    paint: {
      'circle-color': SELECTED_COLOR,
      'circle-radius': 19 * scale,
      'circle-opacity': ['case', state('selected'), 0.4, state('hover'), 0.22, 0],
      'circle-stroke-color': SELECTED_COLOR,
      'circle-stroke-width': ['case', state('selected'), 2.5 * scale, 0],
    },
  });
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
  map.addLayer({
    id: CREW_LAYERS.label,
    type: 'symbol',
    source: CREWS_SOURCE,
    minzoom: CREW_LABEL_ZOOM,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': FONT,
      'text-size': 12 * scale,
      'text-anchor': 'top',
      'text-offset': [0, 1.2],
      'text-max-width': 10,
    },
    paint: {
      'text-color': ['case', ['==', ['get', 'stale'], 1], '#7a7a7a', '#1f2a33'],
      'text-halo-color': 'rgba(255,255,255,0.95)',
      'text-halo-width': 1.5 * scale,
    },
  });

  const sync = new PointSync(map, CREWS_SOURCE, frame, mode);
  const glides = new Map<string, Glide>();
  const now = () => Date.now();
  // The baseline (replace-all) draws fixes where they are, as traccar-web does.
  const smooth = mode === 'incremental';

  const worthGliding = (from: [number, number], to: PointFeature): boolean => {
    if (document.hidden) return false;
    const a = map.project(from);
    const b = map.project([to.lon, to.lat]);
    const d = Math.hypot(a.x - b.x, a.y - b.y);
    if (d < GLIDE_PX[0] || d > GLIDE_PX[1]) return false;
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    const inView = (p: { x: number; y: number }) => p.x > -50 && p.y > -50 && p.x < w + 50 && p.y < h + 50;
    return inView(a) || inView(b);
  };

  /** Crews not drawn, and why: for the legend. */
  const unseen = new Map<string, 'stale' | 'noFix'>();

  /** Where a crew should be drawn now; starts a glide when it moved visibly. */
  const place = (c: CrewView): PointFeature | null => {
    const target = crewFeature(c, now());
    if (target) unseen.delete(c.id);
    else unseen.set(c.id, c.fix ? 'stale' : 'noFix');
    const drawn = sync.get(c.id);
    if (!target || !drawn || !smooth) {
      glides.delete(c.id);
      return target;
    }
    const glide = glides.get(c.id);
    if (glide && samePlace(glide.to, target)) {
      glide.to = target; // same fix, fresher properties (a staleness re-check): keep gliding
      return { ...target, lon: drawn.lon, lat: drawn.lat };
    }
    const from: [number, number] = [drawn.lon, drawn.lat];
    if (samePlace(drawn, target) || !worthGliding(from, target)) {
      glides.delete(c.id);
      return target;
    }
    glides.set(c.id, { from, to: target, start: performance.now() });
    frame.request(step);
    return { ...target, lon: from[0], lat: from[1] };
  };

  const step = (t: number): boolean => {
    const moved = new Map<string, [number, number]>();
    for (const [id, g] of glides) {
      const k = Math.min(1, Math.max(0, (t - g.start) / GLIDE_MS));
      const lon = g.from[0] + (g.to.lon - g.from[0]) * k;
      const lat = g.from[1] + (g.to.lat - g.from[1]) * k;
      sync.set(id, { ...g.to, lon, lat });
      moved.set(id, [lon, lat]);
      if (k >= 1) glides.delete(id);
    }
    sync.commit();
    crewPositions.update(moved);
    return glides.size > 0;
  };

  const fromStore = syncFromStore(sync, () => useConsole.getState().crews, place);
  const apply = (changed: Changed) => {
    fromStore(changed);
    const ids = changed ?? new Set(sync.ids());
    crewPositions.update(new Map([...ids].map((id) => [id, positionOf(sync.get(id))])));
    const crews = useConsole.getState().crews;
    for (const id of changed ?? [...unseen.keys()]) if (!(id in crews)) unseen.delete(id);
    let hiddenStaleCrews = 0;
    for (const why of unseen.values()) if (why === 'stale') hiddenStaleCrews++;
    const crewsWithoutFix = unseen.size - hiddenStaleCrews;
    const ui = useMapUi.getState();
    if (ui.hiddenStaleCrews !== hiddenStaleCrews || ui.crewsWithoutFix !== crewsWithoutFix) useMapUi.setState({ hiddenStaleCrews, crewsWithoutFix });
  };
  const stop = followChanges('crews', mode, apply);
  const recheck = setInterval(() => apply(null), RECHECK_MS);

  const select = (e: MapLayerMouseEvent) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === 'string') useConsole.getState().selectCrew(id);
  };
  map.on('click', CREW_LAYERS.icon, select);

  return () => {
    stop();
    clearInterval(recheck);
    frame.cancel(step);
    map.off('click', CREW_LAYERS.icon, select);
    removeFromMap(ctx, [CREW_LAYERS.label, CREW_LAYERS.icon, CREW_LAYERS.halo], [CREWS_SOURCE]);
  };
}

function samePlace(a: PointFeature, b: PointFeature): boolean {
  return a.lon === b.lon && a.lat === b.lat;
}

function positionOf(f: PointFeature | undefined): [number, number] | null {
  return f ? [f.lon, f.lat] : null;
}

export function CrewLayers(): null {
  const ctx = useMapCtx();
  useEffect(() => mountCrews(ctx), [ctx]);
  return null;
}
