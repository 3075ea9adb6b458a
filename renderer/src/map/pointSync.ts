// Keeps a GeoJSON source of points equal to what the modules say it should hold, sending the map
// only the difference: once per animation frame, one `updateData` with the features added,
// removed, moved or re-coloured since the last one. MapLibre merges diffs that queue up while its
// worker is busy, so a slow frame never piles work up. What changes often without moving a point
// (a request's status) goes in `state`: feature-state, which repaints without re-tiling or
// re-clustering anything.
//
// 'replace-all' is how traccar-web updates its map (the whole collection through `setData` on every
// change); it exists for the benchmark's baseline and is never used by the console.
import type { GeoJSONSource, GeoJSONSourceDiff, Map as MapLibreMap } from 'maplibre-gl';
import type { FrameScheduler } from './frame';

export type UpdateMode = 'incremental' | 'replace-all';
export type Props = Record<string, string | number | boolean>;

export interface PointFeature {
  lon: number;
  lat: number;
  props: Props;
  state?: Props;
}

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export class PointSync {
  private shown = new Map<string, PointFeature>();
  private pending = new Map<string, PointFeature | null>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly sourceId: string,
    private readonly frame: FrameScheduler,
    private readonly mode: UpdateMode,
  ) {}

  ids(): IterableIterator<string> {
    return new Set([...this.shown.keys(), ...this.pending.keys()]).values();
  }

  /** Say what the source should hold for an id (null: nothing). Takes effect on `commit`. */
  set(id: string, f: PointFeature | null): void {
    this.pending.set(id, f);
  }

  commit(): void {
    if (this.mode === 'replace-all') this.replaceAll();
    else if (this.pending.size) this.frame.request(this.flush);
  }

  private source(): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(this.sourceId);
  }

  private flush = (): void => {
    const diff: Required<Pick<GeoJSONSourceDiff, 'add' | 'update' | 'remove'>> = { add: [], update: [], remove: [] };
    for (const [id, f] of this.pending) {
      const old = this.shown.get(id);
      this.syncState(id, old, f);
      if (!f) {
        if (old) diff.remove.push(id);
        this.shown.delete(id);
        continue;
      }
      this.shown.set(id, f);
      if (!old) {
        diff.add.push(toGeoJSON(id, f));
        continue;
      }
      const moved = old.lon !== f.lon || old.lat !== f.lat;
      const changed = Object.keys(f.props).filter((k) => f.props[k] !== old.props[k]);
      if (!moved && !changed.length) continue;
      diff.update.push({
        id,
        ...(moved && { newGeometry: { type: 'Point', coordinates: [f.lon, f.lat] } }),
        ...(changed.length && { addOrUpdateProperties: changed.map((key) => ({ key, value: f.props[key] })) }),
      });
    }
    this.pending.clear();
    if (diff.add.length || diff.update.length || diff.remove.length) void this.source()?.updateData(diff);
  };

  private syncState(id: string, old: PointFeature | undefined, f: PointFeature | null): void {
    const target = { source: this.sourceId, id };
    if (!f) {
      if (old?.state) this.map.removeFeatureState(target);
      return;
    }
    if (!f.state) return;
    const changed = Object.entries(f.state).filter(([k, v]) => old?.state?.[k] !== v);
    if (changed.length) this.map.setFeatureState(target, Object.fromEntries(changed));
  }

  private replaceAll(): void {
    for (const [id, f] of this.pending) {
      this.syncState(id, this.shown.get(id), f);
      if (f) this.shown.set(id, f);
      else this.shown.delete(id);
    }
    this.pending.clear();
    const features = [...this.shown].map(([id, f]) => toGeoJSON(id, f));
    void this.source()?.setData({ type: 'FeatureCollection', features });
  }
}

function toGeoJSON(id: string, f: PointFeature): GeoJSON.Feature<GeoJSON.Point> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [f.lon, f.lat] }, properties: { ...f.props, id } };
}
