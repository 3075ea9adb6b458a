// Tracks the parts of one snapshot (§2). Parts belong to the latest `resume` ack of mode
// snapshot: a part with another seq or part count is ignored. The events are staged as parts
// arrive; the live state is replaced only once the last part is in (a link lost half-way leaves
// the old state untouched).
import type { SnapshotMessage } from '../../../common/protocol/hub-protocol';
import type { SnapshotBuild } from './replicator';

export type PartOutcome = 'ignored' | 'accepted' | 'missing_part';

export class SnapshotCollector {
  private nextPart = 1;

  constructor(
    readonly seq: number,
    readonly parts: number,
    readonly build: SnapshotBuild,
  ) {}

  get received(): number {
    return this.nextPart - 1;
  }

  get complete(): boolean {
    return this.nextPart > this.parts;
  }

  accept(m: SnapshotMessage): PartOutcome {
    if (m.seq !== this.seq || m.parts !== this.parts || m.part < this.nextPart) return 'ignored';
    if (m.part > this.nextPart) return 'missing_part';
    this.nextPart++;
    return 'accepted';
  }
}
