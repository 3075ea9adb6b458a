// What the harness page offers the tests and the benchmark driving it from Node (through
// page.evaluate): types only, so Node-side code can name them without compiling the page.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Bootstrap, CrewView, LiveBatch, RequestView } from '../../../common/api/contract';
import type { OperatorCommand } from '../../../common/protocol/hub-protocol';

export interface LoadOptions {
  seconds: number;
  batchMs: number;
  /** How many crews' fixes are followed to the screen. */
  probes: number;
  /** Request changes per second (status or priority), on top of the fixes. */
  requestChangesPerSecond: number;
  /** No fixes, no changes: the idle map. */
  idle?: boolean;
}

export interface SourceTiming {
  calls: number;
  /** Main-thread time inside updateData/setData, ms. */
  callMs: number[];
  /** From the call to the source reporting the update applied, ms. */
  appliedMs: number[];
}

export interface LoadResult {
  latencyMs: number[];
  /** Probed fixes not yet on screen when the window closed. */
  undrawn: number;
  frameMs: number[];
  longTaskMs: number;
  fixesSent: number;
  batches: number;
  sources: Record<string, SourceTiming>;
  jsHeapBytes: number | null;
}

/** The part of the renderer's store the tests read and drive. */
export interface HarnessStore {
  getState(): {
    requests: Record<string, RequestView>;
    crews: Record<string, CrewView>;
    selectedRequestId: string | null;
    selectedCrewId: string | null;
    hoveredRequestId: string | null;
    selectRequest(id: string | null): void;
    selectCrew(id: string | null): void;
    setLocale(l: 'fa' | 'en'): void;
  };
}

export interface Harness {
  bootstrap: Bootstrap;
  commands: OperatorCommand[];
  store: HarnessStore;
  /** Delivers a live batch as the core would (it goes through the client's validation). */
  push(batch: Partial<LiveBatch>): void;
  runLoad(o: LoadOptions): Promise<LoadResult>;
  /** Resolves true once the map is idle, false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
}

declare global {
  interface Window {
    __harness?: Harness;
    __c137map?: MapLibreMap;
  }
}
