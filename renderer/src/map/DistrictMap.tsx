// The live district map. Composed like traccar-web's: one headless component per concern, each
// adding its sources and layers and removing them on cleanup; live changes reach the sources as
// diffs once per animation frame (see pointSync.ts), never as a full reload per message.
import { useCallback, useEffect, useRef, useState, type ComponentType, type JSX } from 'react';
import { dictionaries } from '../i18n';
import { useConsole } from '../state/store';
import { ArrivalOffers } from './ArrivalOffers';
import { BoundaryLayer } from './BoundaryLayer';
import { Camera } from './Camera';
import { CrewPositions, INITIAL_MAP_UI, MapContext, useMapUi, type MapCtx } from './context';
import { createMap } from './createMap';
import { CrewLayers } from './CrewLayers';
import { FrameScheduler } from './frame';
import { HeatLayer } from './HeatLayer';
import { HoverCard } from './HoverCard';
import { LocationPick } from './LocationPick';
import { Legend, Toolbar } from './MapControls';
import type { UpdateMode } from './pointSync';
import { clusterCountText, REQUEST_LAYERS, RequestLayers } from './RequestLayers';
import { labelExpression, LOCALIZED_LABEL_LAYERS } from './style';
import { Selection } from './Selection';
import { TrailLayer } from './TrailLayer';
import './map.css';

/** Symbols and labels on the wall display, read from across the room. */
const WALL_SCALE = 2;

export interface DistrictMapProps {
  /** How live changes reach the map's sources; 'replace-all' is the benchmark's baseline only. */
  updates?: UpdateMode;
  /** Draws the crews; the benchmark swaps in its baseline (traccar-web's way) here. */
  crews?: ComponentType;
}

export function DistrictMap({ updates = 'incremental', crews = CrewLayers }: DistrictMapProps = {}): JSX.Element {
  const basemapUrl = useConsole((s) => s.basemap?.url ?? null);
  const view = useConsole((s) => s.view);
  // MapLibre restores a lost WebGL context by rebuilding its style from a snapshot, without the
  // crews' custom layer or the modules' state: rebuild the whole map instead, as on a new style.
  const [restored, setRestored] = useState(0);
  const onContextRestored = useCallback(() => setRestored((n) => n + 1), []);
  // A new basemap or view means a new style: start a fresh map rather than patch the old one.
  return (
    <MapView
      key={`${basemapUrl}|${view}|${restored}`}
      basemapUrl={basemapUrl}
      wall={view === 'wall'}
      updates={updates}
      Crews={crews}
      onContextRestored={onContextRestored}
    />
  );
}

interface MapViewProps {
  basemapUrl: string | null;
  wall: boolean;
  updates: UpdateMode;
  Crews: ComponentType;
  onContextRestored(): void;
}

function MapView({ basemapUrl, wall, updates, Crews, onContextRestored }: MapViewProps): JSX.Element {
  const container = useRef<HTMLDivElement>(null);
  const [ctx, setCtx] = useState<MapCtx | null>(null);
  const locale = useConsole((s) => s.locale);
  const crewId = useConsole((s) => s.selectedCrewId);
  const heat = useMapUi((ui) => ui.heat);
  const trail = useMapUi((ui) => ui.trail);

  useEffect(() => {
    const s = useConsole.getState();
    const scale = wall ? WALL_SCALE : 1;
    const map = createMap(container.current!, { basemapUrl, locale: s.locale, scale, center: s.district?.center ?? null });
    const frame = new FrameScheduler();
    let alive = true;
    useMapUi.setState(INITIAL_MAP_UI);
    map.once('load', () => {
      if (alive) setCtx({ map, frame, mode: updates, scale, crewPositions: new CrewPositions(), alive: () => alive });
    });
    map.on('error', (e) => console.warn('map:', e.error?.message ?? e));
    map.on('webglcontextrestored', onContextRestored);
    return () => {
      alive = false;
      setCtx(null);
      frame.dispose();
      map.remove();
    };
  }, [basemapUrl, wall, updates, onContextRestored]);

  useEffect(() => {
    if (!ctx) return;
    for (const id of LOCALIZED_LABEL_LAYERS) if (ctx.map.getLayer(id)) ctx.map.setLayoutProperty(id, 'text-field', labelExpression(locale));
    if (ctx.map.getLayer(REQUEST_LAYERS.clusterCount)) ctx.map.setLayoutProperty(REQUEST_LAYERS.clusterCount, 'text-field', clusterCountText(locale));
  }, [ctx, locale]);

  const m = dictionaries[locale].map;
  return (
    <div className="c137-map" data-view={wall ? 'wall' : 'workstation'} aria-label={m.region}>
      <div ref={container} className="c137-map-canvas" data-testid="district-map" data-map-ready={ctx ? 'true' : 'false'} />
      {ctx && (
        <MapContext.Provider value={ctx}>
          <BoundaryLayer />
          {heat && <HeatLayer />}
          <RequestLayers />
          {trail && crewId && <TrailLayer crewId={crewId} />}
          <Crews />
          <Selection />
          <LocationPick />
          <Camera />
          <HoverCard />
          <ArrivalOffers />
          <Toolbar />
          <Legend wall={wall} />
        </MapContext.Provider>
      )}
      {!basemapUrl && !wall && (
        <div className="c137-map-hint" data-testid="basemap-hint">
          <strong>{m.noBasemap}</strong>
          <div>{m.noBasemapHow}</div>
          <code>npm run basemap -- --osm shiraz.osm.pbf --data-dir DATA_DIR</code>
        </div>
      )}
    </div>
  );
}
