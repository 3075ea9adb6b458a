// One console connection following a district (§2–§4): answers `resume` with a replay or a
// snapshot, then streams the log from its cursor. A single pump per resume sends everything in
// seq order — replay, then live events — so live events queue behind a replay simply by being
// further along the log; a newer `resume` bumps `gen` and the older pump stops at its next step.
import type { Socket } from 'socket.io';
import { MAX_EVENTS_PER_MESSAGE, type Fix, type ResumeAck, type ResumeRequest } from '../common/protocol/hub-protocol';
import type { District, Follower } from './district';
import type { StoredEvent } from './state';

type EngineConn = { writeBuffer: unknown[]; transport: { writable: boolean }; close(): void };

export class Session implements Follower {
  private gen = 0;
  private pumping: number | null = null;
  private cursor = 0; // highest seq sent on this connection
  private caughtUp = false;
  private started = false;
  private pendingSnapshot: { seq: number; parts: StoredEvent[][] } | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly district: District,
    private readonly log: (line: string) => void,
  ) {}

  /** Answer a resume; the caller sends the ack, then calls start() so the stream follows it. */
  resume(req: ResumeRequest): ResumeAck {
    const d = this.district;
    this.gen++;
    this.started = false;
    this.caughtUp = false;
    this.pendingSnapshot = undefined;
    const foreign = req.hubId !== null && req.hubId !== d.hubId;
    if (req.afterSeq > d.headSeq || foreign || req.afterSeq < d.oldestResumable) {
      const snap = d.snapshot();
      this.pendingSnapshot = { seq: snap.seq, parts: chunk(snap.events, MAX_EVENTS_PER_MESSAGE) };
      this.cursor = snap.seq;
      return { mode: 'snapshot', seq: snap.seq, parts: this.pendingSnapshot.parts.length };
    }
    this.cursor = req.afterSeq;
    return { mode: 'replay', fromSeq: req.afterSeq + 1, toSeq: d.headSeq };
  }

  start(): void {
    this.started = true;
    const snapshot = this.pendingSnapshot;
    this.pendingSnapshot = undefined;
    void this.pump(this.gen, snapshot);
  }

  kick(): void {
    if (this.started && this.pumping !== this.gen) void this.pump(this.gen);
  }

  liveFixes(fixes: Fix[]): void {
    if (this.caughtUp && this.socket.connected) this.socket.volatile.emit('positions', { positions: fixes });
  }

  drop(): void {
    (this.socket.conn as unknown as EngineConn).close();
  }

  private live(gen: number): boolean {
    return gen === this.gen && this.socket.connected;
  }

  private async pump(gen: number, snapshot?: { seq: number; parts: StoredEvent[][] }): Promise<void> {
    if (!this.live(gen) || this.pumping === gen) return;
    this.pumping = gen;
    const d = this.district;
    try {
      if (snapshot) {
        const parts = snapshot.parts.length;
        for (let i = 0; i < parts; i++) {
          if (!this.live(gen)) return;
          this.socket.emit('snapshot', { seq: snapshot.seq, part: i + 1, parts, events: snapshot.parts[i] });
          await this.drained(gen);
        }
      }
      for (;;) {
        if (!this.live(gen)) return;
        if (this.cursor >= d.headSeq) {
          if (!this.caughtUp) {
            this.caughtUp = true;
            this.sendLatestFixes();
          }
          return;
        }
        if (this.caughtUp && d.paused) return;
        const events = this.cursor < d.oldestResumable ? [] : d.read(this.cursor + 1);
        if (events.length === 0) {
          // The log was trimmed under a slow console: make it reconnect and take a snapshot.
          this.log(`console ${this.socket.id} fell behind the retained log; dropping it`);
          this.drop();
          return;
        }
        this.socket.emit('events', { events });
        this.cursor = events[events.length - 1].seq;
        await this.drained(gen);
      }
    } finally {
      if (this.pumping === gen) this.pumping = null;
    }
  }

  /** After replay or snapshot: the latest fix of every crew, in ordinary messages (§4). */
  private sendLatestFixes() {
    const all = [...this.district.fixes.values()];
    for (const part of chunk(all, MAX_EVENTS_PER_MESSAGE)) this.socket.emit('positions', { positions: part });
  }

  /** Wait until the transport has taken what was sent, so a replay never piles up in memory. */
  private async drained(gen: number): Promise<void> {
    const conn = this.socket.conn as unknown as EngineConn;
    while (this.live(gen) && (conn.writeBuffer.length > 0 || !conn.transport.writable)) {
      await new Promise((r) => setTimeout(r, 2));
    }
    await new Promise((r) => setImmediate(r));
  }
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
