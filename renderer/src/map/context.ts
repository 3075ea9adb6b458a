// What the map's modules share: the MapLibre instance, the frame loop, where each crew is drawn
// right now (it moves between fixes), and the map's own small UI state (toggles, legend counts).
import { createContext, useContext } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { create } from 'zustand';
import type { FrameScheduler } from './frame';
import type { UpdateMode } from './pointSync';

type LonLat = [number, number];

/** Where each crew is drawn, written by the crews module every frame it moves them. */
export class CrewPositions {
  private at = new Map<string, LonLat>();
  private listeners = new Set<(moved: ReadonlySet<string>) => void>();

  get(id: string): LonLat | undefined {
    return this.at.get(id);
  }

  update(moved: Map<string, LonLat | null>): void {
    for (const [id, p] of moved) {
      if (p) this.at.set(id, p);
      else this.at.delete(id);
    }
    const ids = new Set(moved.keys());
    for (const l of this.listeners) l(ids);
  }

  onMove(listener: (moved: ReadonlySet<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface MapCtx {
  map: MapLibreMap;
  frame: FrameScheduler;
  mode: UpdateMode;
  /** Symbol and label scale: 1 on a workstation, larger on the wall display. */
  scale: number;
  crewPositions: CrewPositions;
  /** False once the map is being torn down: modules then have nothing left to remove. */
  alive(): boolean;
}

/** A module's cleanup: its layers (top first) and sources, unless the whole map is gone. */
export function removeFromMap(ctx: MapCtx, layers: readonly string[], sources: readonly string[]): void {
  if (!ctx.alive()) return;
  for (const id of layers) if (ctx.map.getLayer(id)) ctx.map.removeLayer(id);
  for (const id of sources) if (ctx.map.getSource(id)) ctx.map.removeSource(id);
}

export const MapContext = createContext<MapCtx | null>(null);

export function useMapCtx(): MapCtx {
  const ctx = useContext(MapContext);
  if (!ctx) throw new Error('map module used outside <DistrictMap>');
  return ctx;
}

export interface ArrivalOffer {
  requestId: string;
  crewId: string;
  meters: number;
}

export interface MapUi {
  heat: boolean;
  trail: boolean;
  follow: boolean;
  /** Crews not drawn because their last fix is older than 30 minutes. */
  hiddenStaleCrews: number;
  /** Crews with no fix at all yet. */
  crewsWithoutFix: number;
  offers: ArrivalOffer[];
  /** The crew under the pointer, and where the pointer is (canvas px). */
  crewHover: { id: string; x: number; y: number } | null;
}

export const INITIAL_MAP_UI: MapUi = { heat: false, trail: false, follow: false, hiddenStaleCrews: 0, crewsWithoutFix: 0, offers: [], crewHover: null };

export const useMapUi = create<MapUi>()(() => INITIAL_MAP_UI);
