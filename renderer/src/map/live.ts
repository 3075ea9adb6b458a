// Which requests or crews changed, from the store's live batches: the ids a batch names, or
// `null` (everything) when the store was rebuilt from a bootstrap. Modules re-read the store for
// those ids only, so a batch costs the map what it changed, not what the city holds.
import type { LiveBatch } from '../../../common/api/contract';
import { onLiveBatch } from '../state/store';
import type { PointFeature, PointSync, UpdateMode } from './pointSync';

export type Changed = ReadonlySet<string> | null;

const CHANGED_IDS = {
  requests: (b: LiveBatch) => [...b.requests.map((r) => r.id), ...b.removedRequestIds],
  crews: (b: LiveBatch) => [...b.crews.map((c) => c.id), ...b.removedCrewIds, ...b.fixes.map((f) => f.crewId)],
};

/**
 * Calls `onChange(null)` at once (the store may already hold everything), then for every batch
 * that touches `kind`. In 'replace-all' mode every batch counts, as in the baseline it emulates.
 */
export function followChanges(kind: keyof typeof CHANGED_IDS, mode: UpdateMode, onChange: (changed: Changed) => void): () => void {
  onChange(null);
  return onLiveBatch((batch) => {
    if (batch.reset) return onChange(null);
    const ids = CHANGED_IDS[kind](batch);
    if (ids.length || mode === 'replace-all') onChange(new Set(ids));
  });
}

/** Re-reads the store for what changed (everything when `null`) and hands it to the sync. */
export function syncFromStore<V>(
  sync: PointSync,
  records: () => Record<string, V>,
  toFeature: (v: V) => PointFeature | null,
): (changed: Changed) => void {
  return (changed) => {
    const all = records();
    if (changed) {
      for (const id of changed) sync.set(id, id in all ? toFeature(all[id]) : null);
    } else {
      for (const id in all) sync.set(id, toFeature(all[id]));
      for (const id of sync.ids()) if (!(id in all)) sync.set(id, null);
    }
    sync.commit();
  };
}
