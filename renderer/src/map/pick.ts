// Picking a point on the map for a form (the walk-in request's location): the form turns picking
// on, the map module (LocationPick) turns a click into the point and draws where it is. Kept apart
// from the console's store: it is the map's small UI state, like its toggles (./context).
import { create } from 'zustand';

export interface LocationPickState {
  /** A click on the map picks the point (and ends picking). */
  picking: boolean;
  /** The point picked, drawn on the map; null when none. */
  point: { lon: number; lat: number } | null;
}

export const useLocationPick = create<LocationPickState>()(() => ({ picking: false, point: null }));
