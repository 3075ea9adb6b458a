// Tracks the parts of one snapshot (§2). Parts belong to the latest `resume` ack of mode
// snapshot: a part with another seq or part count is ignored. The events are staged as parts
// arrive; the live state is replaced only once the last part is in (a link lost half-way leaves
// the old state untouched). A snapshot bigger than a console stages is refused (docs/sync.md,
// "Limits on a catch-up").
import { MAX_EVENTS_PER_MESSAGE, type SnapshotMessage } from '../../../common/protocol/hub-protocol';
import type { SnapshotBuild } from './replicator';

/** Ten times §8's largest burst (a replay of 100,000 events after a long outage). */
const MAX_SNAPSHOT_EVENTS = 1_000_000;
/** Parts filled as §2 allows (1,000 events each), as the reference hub fills them. */
export const MAX_SNAPSHOT_PARTS = MAX_SNAPSHOT_EVENTS / MAX_EVENTS_PER_MESSAGE;
/**
 * The parts' events as UTF-8 JSON, together: 1 KiB an event on average. §3.1 lets one event be
 * 64 KiB, so full parts could otherwise stage 64 GiB; real events are a fraction of a KiB.
 */
export const MAX_SNAPSHOT_BYTES = MAX_SNAPSHOT_EVENTS * 1024;

export type PartOutcome = 'ignored' | 'accepted' | 'missing_part' | 'too_large';

export class SnapshotCollector {
  private nextPart = 1;
  private staged = 0;

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

  /** Bytes of the parts accepted so far. */
  get bytes(): number {
    return this.staged;
  }

  accept(m: SnapshotMessage): PartOutcome {
    if (m.seq !== this.seq || m.parts !== this.parts || m.part < this.nextPart) return 'ignored';
    if (m.part > this.nextPart) return 'missing_part';
    const bytes = Buffer.byteLength(JSON.stringify(m.events));
    if (this.staged + bytes > MAX_SNAPSHOT_BYTES) return 'too_large';
    this.staged += bytes;
    this.nextPart++;
    return 'accepted';
  }
}
