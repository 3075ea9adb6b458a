// Collects the parts of one snapshot (§2). Parts belong to the latest `resume` ack of mode
// snapshot: a part with another seq or part count is ignored; the state is replaced only once
// the last part is in (a link lost half-way leaves the old state untouched).
import { parseEvent, type EventParse, type SnapshotMessage } from '../../../common/protocol/hub-protocol';

export type PartOutcome = 'ignored' | 'partial' | 'complete' | 'missing_part';

export class SnapshotCollector {
  private nextPart = 1;
  readonly events: { raw: unknown; result: EventParse }[] = [];

  constructor(
    readonly seq: number,
    readonly parts: number,
  ) {}

  get received(): number {
    return this.nextPart - 1;
  }

  add(m: SnapshotMessage): PartOutcome {
    if (m.seq !== this.seq || m.parts !== this.parts || m.part < this.nextPart) return 'ignored';
    if (m.part > this.nextPart) return 'missing_part';
    // Parsed as parts arrive, so the final atomic swap only writes.
    for (const raw of m.events) this.events.push({ raw, result: parseEvent(raw) });
    this.nextPart++;
    return this.nextPart > this.parts ? 'complete' : 'partial';
  }
}
