// Crews: an arrow turned to the heading and coloured by status (a dot when the fix has no
// heading), drawn by the custom WebGL layer in crewGl.ts so that a fix is on screen the next
// frame. A fix older than 2 minutes greys the crew; older than 30 minutes hides it (the legend
// counts them). Between fixes a crew glides to its new position when the step is big enough to
// see. Names come from zoom 14 on, in a symbol layer fed only while it is visible (at district
// zoom 500 names would only hide each other, and laying out text on every fix is what the
// renderer can least afford); a name stands at the crew's latest fix while its arrow glides there.
import { useEffect } from 'react';
import type { MapMouseEvent, SymbolLayerSpecification } from 'maplibre-gl';
import type { CrewView } from '../../../common/api/contract';
import { STALE_FIX_MS } from '../../../common/domain/nearest-crew';
import { useConsole } from '../state/store';
import { removeFromMap, useMapCtx, useMapUi, type MapCtx } from './context';
import { CrewGlLayer, type CrewSprite } from './crewGl';
import { followChanges, type Changed } from './live';
import { CREW_COLOR, SELECTED_COLOR, STALE_COLOR } from './palette';
import { EMPTY, PointSync } from './pointSync';
import { FONT } from './style';

/** The names' source; the arrows have no source (see crewGl.ts). */
export const CREWS_SOURCE = 'crews';
export const CREW_LAYERS = { icon: 'crews-icon', label: 'crews-label' } as const;
/** Crew names from this zoom on. */
const CREW_LABEL_ZOOM = 14;
/** A fix older than this greys the crew. */
export const STALE_GREY_MS = 2 * 60_000;
const STALE_OPACITY = 0.75;
const RECHECK_MS = 5000;
/** A step shorter than this on screen is not worth animating; a longer one is a jump, not a drive. */
const GLIDE_PX = [2, 400] as const;
const GLIDE_MS = 900;

type LonLat = [number, number];

/** How a crew is drawn at its latest fix, or why it is not drawn. */
export function crewSprite(c: CrewView, now: number): Omit<CrewSprite, 'halo'> | 'stale' | 'noFix' {
  if (!c.fix) return 'noFix';
  const at = Date.parse(c.fix.at);
  const age = now - at;
  if (!(age <= STALE_FIX_MS)) return 'stale';
  const stale = age > STALE_GREY_MS;
  return {
    id: c.id,
    lon: c.fix.lon,
    lat: c.fix.lat,
    color: stale ? STALE_COLOR : CREW_COLOR[c.status],
    opacity: stale ? STALE_OPACITY : 1,
    heading: c.fix.heading,
    at,
  };
}

/** The crews' names, under their arrows, from zoom 14 (fed from the `crews` source). */
export function crewLabelLayer(scale: number): SymbolLayerSpecification {
  return {
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
  };
}

/** Whether two sprites draw the same (the 5-second recheck mostly finds nothing changed). */
const sameSprite = (a: Omit<CrewSprite, 'halo'>, b: Omit<CrewSprite, 'halo'>) =>
  a.lon === b.lon && a.lat === b.lat && a.color === b.color && a.opacity === b.opacity && a.heading === b.heading && a.at === b.at;

interface Glide {
  from: LonLat;
  to: LonLat;
  start: number;
}

function mountCrews(ctx: MapCtx): () => void {
  const { map, frame, scale, crewPositions } = ctx;
  const origin = useConsole.getState().district?.center ?? map.getCenter().toArray();
  const layer = new CrewGlLayer(CREW_LAYERS.icon, scale, origin, SELECTED_COLOR, (now) => draw(now));
  map.addLayer(layer);
  map.addSource(CREWS_SOURCE, { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addLayer(crewLabelLayer(scale));
  const labels = new PointSync(map, CREWS_SOURCE, frame, 'incremental');
  const labelsShown = () => map.getZoom() >= CREW_LABEL_ZOOM;
  let labelsLive = labelsShown();

  /** Each drawn crew at its latest fix; where it is drawn right now is in `crewPositions`. */
  const targets = new Map<string, Omit<CrewSprite, 'halo'>>();
  const glides = new Map<string, Glide>();
  /** Crews placed (or removed) since the last frame, not gliding. */
  const placed = new Set<string>();
  /** Crews not drawn, and why: for the legend. */
  const unseen = new Map<string, 'stale' | 'noFix'>();
  let hovered: string | null = null;

  const worthGliding = (from: LonLat, to: LonLat): boolean => {
    if (document.hidden) return false;
    const a = map.project(from);
    const b = map.project(to);
    const d = Math.hypot(a.x - b.x, a.y - b.y);
    if (d < GLIDE_PX[0] || d > GLIDE_PX[1]) return false;
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    const inView = (p: { x: number; y: number }) => p.x > -50 && p.y > -50 && p.x < w + 50 && p.y < h + 50;
    return inView(a) || inView(b);
  };

  const label = (id: string, t: Omit<CrewSprite, 'halo'> | undefined) =>
    labels.set(id, t ? { lon: t.lon, lat: t.lat, props: { name: useConsole.getState().crews[id]?.name ?? id, stale: t.opacity < 1 ? 1 : 0 } } : null);

  /** Where everything is in the frame being drawn: glides stepped, placements made, crews in drawing order. */
  const draw = (now: number) => {
    const moved = new Map<string, LonLat | null>();
    for (const id of placed) {
      const t = targets.get(id);
      moved.set(id, t ? [t.lon, t.lat] : null);
    }
    placed.clear();
    for (const [id, g] of glides) {
      const k = Math.min(1, Math.max(0, (now - g.start) / GLIDE_MS));
      moved.set(id, [g.from[0] + (g.to[0] - g.from[0]) * k, g.from[1] + (g.to[1] - g.from[1]) * k]);
      if (k >= 1) glides.delete(id);
    }
    // Listeners may move the camera (follow mode): not while the map is drawing this frame.
    if (moved.size) queueMicrotask(() => crewPositions.update(moved));
    const selected = useConsole.getState().selectedCrewId;
    // Greyed crews under the others, the marked ones on top.
    const stale: CrewSprite[] = [];
    const fresh: CrewSprite[] = [];
    const marked: CrewSprite[] = [];
    for (const [id, t] of targets) {
      const at = moved.get(id) ?? crewPositions.get(id) ?? [t.lon, t.lat];
      const halo = id === selected ? 'selected' : id === hovered ? 'hover' : 'none';
      const sprite = { ...t, lon: at[0], lat: at[1], halo } as const;
      (halo !== 'none' ? marked : t.opacity < 1 ? stale : fresh).push(sprite);
    }
    return { sprites: [...stale, ...fresh, ...marked], moving: glides.size > 0 };
  };

  const apply = (changed: Changed) => {
    const crews = useConsole.getState().crews;
    const now = Date.now();
    const ids = changed ?? new Set([...Object.keys(crews), ...targets.keys()]);
    // Only a change asks for a frame: an idle map is not redrawn by the recheck.
    let redraw = false;
    for (const id of ids) {
      const c = crews[id];
      const next = c ? crewSprite(c, now) : 'noFix';
      if (typeof next === 'string') {
        if (c) unseen.set(id, next);
        else unseen.delete(id);
        if (targets.delete(id)) {
          placed.add(id);
          redraw = true;
        }
        glides.delete(id);
        if (labelsLive) label(id, undefined);
        continue;
      }
      unseen.delete(id);
      const prev = targets.get(id);
      targets.set(id, next);
      if (labelsLive) label(id, next);
      if (prev && sameSprite(prev, next)) continue;
      redraw = true;
      if (prev && prev.lon === next.lon && prev.lat === next.lat) continue; // fresher properties only
      const from = crewPositions.get(id);
      const to: LonLat = [next.lon, next.lat];
      if (prev && from && worthGliding(from, to)) {
        glides.set(id, { from, to, start: performance.now() });
        placed.delete(id);
      } else {
        glides.delete(id);
        placed.add(id);
      }
    }
    if (labelsLive) labels.commit();
    if (redraw) layer.invalidate();
    let hiddenStaleCrews = 0;
    for (const why of unseen.values()) if (why === 'stale') hiddenStaleCrews++;
    const crewsWithoutFix = unseen.size - hiddenStaleCrews;
    const ui = useMapUi.getState();
    if (ui.hiddenStaleCrews !== hiddenStaleCrews || ui.crewsWithoutFix !== crewsWithoutFix) useMapUi.setState({ hiddenStaleCrews, crewsWithoutFix });
  };
  const stop = followChanges('crews', 'incremental', apply);
  const recheck = setInterval(() => apply(null), RECHECK_MS);

  // Names are only fed while they can be seen; catch up when they come into view.
  const onZoom = () => {
    const shown = labelsShown();
    if (shown && !labelsLive) {
      for (const id of labels.ids()) if (!targets.has(id)) label(id, undefined);
      for (const [id, t] of targets) label(id, t);
      labels.commit();
    }
    labelsLive = shown;
  };
  const hover = (id: string | null, point: { x: number; y: number }) => {
    if (id !== hovered) {
      hovered = id;
      map.getCanvas().style.cursor = id ? 'pointer' : '';
      layer.invalidate();
    }
    // The card follows the pointer while it rests on a crew.
    if (id || useMapUi.getState().crewHover) useMapUi.setState({ crewHover: id ? { id, ...point } : null });
  };
  const onMove = (e: MapMouseEvent) => hover(layer.hit(e.point), e.point);
  const onLeave = () => hover(null, { x: 0, y: 0 });
  const onClick = (e: MapMouseEvent) => {
    const id = layer.hit(e.point);
    if (id) useConsole.getState().selectCrew(id);
  };
  const stopSelection = useConsole.subscribe((s, prev) => {
    if (s.selectedCrewId !== prev.selectedCrewId) layer.invalidate();
  });
  map.on('zoom', onZoom);
  map.on('mousemove', onMove);
  map.on('mouseout', onLeave);
  map.on('click', onClick);

  return () => {
    stop();
    stopSelection();
    clearInterval(recheck);
    map.off('zoom', onZoom);
    map.off('mousemove', onMove);
    map.off('mouseout', onLeave);
    map.off('click', onClick);
    useMapUi.setState({ crewHover: null });
    removeFromMap(ctx, [CREW_LAYERS.label, CREW_LAYERS.icon], [CREWS_SOURCE]);
  };
}

export function CrewLayers(): null {
  const ctx = useMapCtx();
  useEffect(() => mountCrews(ctx), [ctx]);
  return null;
}
