// Simulator modes (see hub/README.md). `none` only gives a fresh district its roster.
import type { District } from '../district';
import { seedRoster } from './generate';

export interface SimulateOptions {
  mode: 'none' | 'day' | 'burst' | 'flood';
  speed?: number;
  seed?: number;
  burstEvents?: number;
  floodCrews?: number;
}

/** Start the simulation on every district; returns its stop function. */
export function startSimulation(districts: District[], opts: SimulateOptions, log: (line: string) => void): () => void {
  for (const d of districts) if (d.fresh) seedRoster(d, () => 'available');
  log(`simulation: ${opts.mode}`);
  return () => {};
}
