// The connection to the hub (§1–§4, §6): handshake, resume, replay/snapshot/live, positions,
// reconnects with back-off. Every inbound message goes through one serial queue, in arrival
// order, parsed before it touches state; the queue yields to the event loop between messages,
// and a huge message is worked through in slices with yields between, so neither a 100,000-event
// replay nor a 500,000-fix message freezes the UI's transport. A replay or snapshot that stops
// making progress, or a snapshot bigger than a console stages, drops the link (docs/sync.md).
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  CONNECT_ERRORS,
  EventsMessage,
  Hello,
  MAX_EVENTS_PER_MESSAGE,
  NAMESPACE,
  PositionsMessage,
  PROTOCOL_VERSION,
  ResumeAck,
  SnapshotMessage,
  summarise,
  type Hello as HelloMsg,
} from '../../../common/protocol/hub-protocol';
import type { LinkState } from '../../../common/api/contract';
import type { CoreConfig } from '../config';
import { databaseError } from '../db/errors';
import { DB_FILE_NAME, type FixRow } from '../db/store';
import type { Logger } from '../log';
import type { PositionBook } from '../positions';
import { backoffDelay } from './backoff';
import type { OutboxSender } from './outbox-sender';
import { inferSeqs, type Changes, type Replicator } from './replicator';
import { MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_PARTS, SnapshotCollector } from './snapshot';

const CONNECT_TIMEOUT_MS = 10_000;
const HELLO_TIMEOUT_MS = 15_000;
const ACK_TIMEOUT_MS = 30_000;
/**
 * Events applied per transaction: half a full `events` message, a yield between the halves.
 * Measured (docs/performance.md): 250 costs a fifth more CPU per event (four commits, each an
 * fsync, per 1,000 events); a whole message doubles the event-loop p99 on a busy machine.
 */
const APPLY_CHUNK = 500;
/**
 * Fixes handled between two yields: one message as large as a hub sends them (the reference hub
 * sends at most 1,000), a few milliseconds of parsing; a bigger one is worked through in slices.
 */
const FIX_SLICE = MAX_EVENTS_PER_MESSAGE;
/**
 * A replay or snapshot that makes no progress (no new event applied, no part accepted) for this
 * long is dropped and resumed with back-off: as long as the hub has to answer a resume at all.
 */
export const STALL_TIMEOUT_MS = ACK_TIMEOUT_MS;

export interface LinkDeps {
  config: CoreConfig;
  replicator: Replicator;
  positions: PositionBook;
  sender: OutboxSender;
  log: Logger;
  pendingCount(): number;
  onChanges(c: Changes): void;
  /** A snapshot replaced the hub-derived state. */
  onReset(c: Changes): void;
  onFixes(fixes: FixRow[]): void;
  onLinkState(s: LinkState): void;
}

type LinkCore = Pick<LinkState, 'state' | 'since' | 'replay' | 'error' | 'nextRetryAt'>;

type Inbound = { gen: number } & (
  | { kind: 'ack'; err: Error | null; ack: unknown }
  | { kind: 'events'; msg: unknown }
  | { kind: 'snapshot'; msg: unknown }
  | { kind: 'positions'; msg: unknown }
);

interface Session {
  gen: number;
  socket: Socket;
  hello: HelloMsg | null;
  helloTimer: NodeJS.Timeout | null;
  resumeOutstanding: boolean;
  snapshot: SnapshotCollector | null;
  /** Runs while replaying: fires when the replay or snapshot has made no progress for a while. */
  stallTimer: NodeJS.Timeout | null;
}

const FINAL_MESSAGES: Record<(typeof CONNECT_ERRORS)[number], (c: CoreConfig) => string> = {
  unsupported_protocol: () => `the hub does not accept protocol version ${PROTOCOL_VERSION}; this console needs updating`,
  unauthorized: () => "the hub refused this workstation's credentials; ask the hub administrator for a valid token",
  unknown_district: (c) => `the hub does not know district "${c.districtId}"; check the district setting`,
};

export class HubLink {
  private gen = 0;
  private session: Session | null = null;
  private queue: Inbound[] = [];
  private draining = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private headSeq: number | null = null;
  private s: LinkCore = {
    state: 'connecting',
    since: new Date().toISOString(),
    replay: null,
    error: null,
    nextRetryAt: null,
  };

  constructor(private readonly d: LinkDeps) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.teardown();
  }

  /** The link as the contract describes it, always current. */
  state(): LinkState {
    const m = this.d.replicator.meta;
    return {
      ...this.s,
      hubId: m.hubId,
      lastSeq: m.lastSeq,
      headSeq: this.headSeq === null ? null : Math.max(this.headSeq, m.lastSeq),
      lastEventAt: m.lastEventAt,
      outboxPending: this.d.pendingCount(),
      rejectedEvents: m.rejectedEvents,
    };
  }

  private set(patch: Partial<LinkCore>): void {
    const wasLive = this.s.state === 'live';
    const next = { ...this.s, ...patch };
    // `since`: while not live, since when the link has been down (offline since …).
    if (patch.state && (wasLive !== (patch.state === 'live') || patch.state === 'stopped')) next.since = new Date().toISOString();
    this.s = next;
    this.d.onLinkState(this.state());
  }

  private connect(): void {
    this.retryTimer = null;
    if (this.s.nextRetryAt) this.set({ nextRetryAt: null });
    const gen = ++this.gen;
    const { hubUrl, districtId, consoleId, token } = this.d.config;
    const socket = io(hubUrl + NAMESPACE, {
      auth: { protocol: PROTOCOL_VERSION, districtId, consoleId, token },
      reconnection: false, // we drive the schedule ourselves (§6)
      forceNew: true,
      transports: ['websocket'],
      timeout: CONNECT_TIMEOUT_MS,
    });
    const session: Session = { gen, socket, hello: null, helloTimer: null, resumeOutstanding: false, snapshot: null, stallTimer: null };
    this.session = session;
    socket.on('connect', () => {
      session.helloTimer = setTimeout(() => this.lost(gen, 'no hello from the hub'), HELLO_TIMEOUT_MS);
    });
    socket.on('hello', (raw: unknown) => this.onHello(session, raw));
    socket.on('events', (msg: unknown) => this.enqueue({ gen, kind: 'events', msg }));
    socket.on('snapshot', (msg: unknown) => this.enqueue({ gen, kind: 'snapshot', msg }));
    socket.on('positions', (msg: unknown) => this.enqueue({ gen, kind: 'positions', msg }));
    socket.on('disconnect', (reason) => this.lost(gen, `link lost (${reason})`));
    socket.on('connect_error', (err: Error) => {
      const code = CONNECT_ERRORS.find((c) => c === err.message);
      if (code) this.stopFinal(gen, code);
      else this.lost(gen, `cannot connect (${err.message})`);
    });
  }

  private onHello(session: Session, raw: unknown): void {
    if (session.gen !== this.gen) return;
    const hello = Hello.safeParse(raw);
    if (!hello.success) return this.lost(session.gen, `malformed hello: ${summarise(hello.error)}`);
    if (session.helloTimer) clearTimeout(session.helloTimer);
    if (hello.data.districtId !== this.d.config.districtId) {
      this.d.log.warn(`hub says district ${hello.data.districtId}, configured ${this.d.config.districtId}`);
    }
    session.hello = hello.data;
    this.headSeq = hello.data.headSeq;
    this.d.positions.hubTime(hello.data.serverTime); // fixes are judged by the hub's clock
    this.d.log.info(`connected to hub ${hello.data.hubId} (head seq ${hello.data.headSeq})`);
    this.sendResume(session);
  }

  private sendResume(session: Session): void {
    const { lastSeq, hubId } = this.d.replicator.meta;
    session.resumeOutstanding = true;
    session.socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('resume', { afterSeq: lastSeq, hubId }, (err: Error | null, ack: unknown) =>
        this.enqueue({ gen: session.gen, kind: 'ack', err, ack }),
      );
  }

  private enqueue(item: Inbound): void {
    if (item.gen !== this.gen) return;
    this.queue.push(item);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const item = this.queue.shift()!;
        const session = this.session;
        if (item.gen !== this.gen || !session) continue;
        try {
          await this.handle(session, item);
        } catch (err) {
          // A storage failure is told for people (which file, what to do); anything else is a bug,
          // logged with its stack. Either way: drop the link and start over from what is stored.
          const storage = databaseError(err, join(this.d.config.dataDir, DB_FILE_NAME));
          this.d.log.error(`sync failed: ${storage?.message ?? (err as Error).stack ?? err}`);
          this.lost(item.gen, storage ? `cannot store hub data: ${storage.message}` : 'internal error while applying hub data');
        }
        if (item.kind !== 'positions') await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
    }
  }

  private handle(session: Session, item: Inbound): void | Promise<unknown> {
    switch (item.kind) {
      case 'ack':
        return this.onResumeAck(session, item.err, item.ack);
      case 'events':
        return this.onEvents(session, item.msg);
      case 'snapshot':
        return this.onSnapshot(session, item.msg);
      case 'positions': {
        const m = PositionsMessage.safeParse(item.msg);
        if (!m.success) return this.d.log.warn(`ignored a malformed positions message: ${summarise(m.error)}`);
        return this.inSlices(session, m.data.positions, FIX_SLICE, (slice) => {
          const fixes = this.d.positions.accept(slice);
          if (fixes.length) this.d.onFixes(fixes);
        });
      }
    }
  }

  /**
   * Handle `items` `size` at a time, yielding to the event loop between slices, so one huge
   * message never holds the API for long. Stops, returning false, when the session has been
   * replaced or `step` returns false.
   */
  private async inSlices<T>(session: Session, items: readonly T[], size: number, step: (slice: readonly T[]) => boolean | void): Promise<boolean> {
    for (let i = 0; i < items.length; i += size) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      if (session.gen !== this.gen || step(items.slice(i, i + size)) === false) return false;
    }
    return true;
  }

  private onResumeAck(session: Session, err: Error | null, raw: unknown): void {
    session.resumeOutstanding = false;
    if (err) return this.lost(session.gen, 'the hub did not answer resume');
    const ack = ResumeAck.safeParse(raw);
    if (!ack.success) return this.lost(session.gen, `malformed resume ack: ${summarise(ack.error)}`);
    const a = ack.data;
    const hubId = session.hello!.hubId;
    if (a.mode === 'error') {
      this.d.log.error(`hub refused resume: ${a.code}: ${a.message}`);
      return this.lost(session.gen, 'resume refused', { code: a.code, message: a.message });
    }
    if (a.mode === 'replay') {
      const prev = this.d.replicator.meta.hubId;
      if (prev !== null && prev !== hubId) this.d.log.warn(`hub ${hubId} replays on top of the log of hub ${prev}`);
      this.d.replicator.setHubId(hubId);
      session.snapshot = null;
      const lastSeq = this.d.replicator.meta.lastSeq;
      if (a.toSeq < a.fromSeq || lastSeq >= a.toSeq) this.goLive();
      else {
        this.set({ state: 'replaying', replay: { fromSeq: a.fromSeq, toSeq: a.toSeq, appliedSeq: lastSeq }, error: null, nextRetryAt: null });
        this.progressed(session);
      }
    } else {
      if (a.parts > MAX_SNAPSHOT_PARTS) {
        const message = `the hub announced a snapshot of ${a.parts} parts; this console takes at most ${MAX_SNAPSHOT_PARTS}`;
        return this.lost(session.gen, message, { code: 'snapshot_too_large', message });
      }
      this.d.log.info(`hub sends a snapshot at seq ${a.seq} in ${a.parts} part(s)`);
      session.snapshot = new SnapshotCollector(a.seq, a.parts, this.d.replicator.beginSnapshot());
      this.set({ state: 'replaying', replay: { fromSeq: a.seq, toSeq: a.seq, appliedSeq: 0 }, error: null, nextRetryAt: null });
      this.progressed(session);
    }
    this.d.sender.online((command, onAck) => session.socket.timeout(ACK_TIMEOUT_MS).emit('command', command, onAck));
  }

  private async onEvents(session: Session, msg: unknown): Promise<void> {
    const m = EventsMessage.safeParse(msg);
    if (!m.success) return this.d.log.warn(`ignored a malformed events message: ${summarise(m.error)}`);
    // While a snapshot is being collected, events still in flight from before are stale.
    if (session.snapshot) return;
    const events = m.data.events;
    const skipped = { duplicates: 0, unreadable: 0 };
    await this.inSlices(session, events, APPLY_CHUNK, (slice) => {
      const r = this.d.replicator.applyEvents(slice);
      skipped.duplicates += r.duplicates;
      skipped.unreadable += r.unreadable;
      if (r.applied || r.rejected) this.d.onChanges(r.changes);
      const lastSeq = this.d.replicator.meta.lastSeq;
      if (r.gap && !session.resumeOutstanding) {
        this.d.log.warn(`gap in the event stream after seq ${lastSeq}; resuming`);
        this.sendResume(session);
      }
      const replay = this.s.replay;
      if (this.s.state === 'replaying' && replay) {
        if (lastSeq >= replay.toSeq) this.goLive();
        else if (lastSeq > replay.appliedSeq) {
          this.set({ replay: { ...replay, appliedSeq: lastSeq } });
          this.progressed(session);
        }
      } else if (r.applied || r.rejected) this.d.onLinkState(this.state());
      return !r.gap; // nothing from a gap on is applied
    });
    this.logOddities(events, skipped);
  }

  /** One line per message for what it should not have held, however many slices or events. */
  private logOddities(events: readonly unknown[], skipped: { duplicates: number; unreadable: number }): void {
    const odd = [
      skipped.duplicates && `${skipped.duplicates} duplicates skipped`,
      skipped.unreadable && `${skipped.unreadable} without a readable seq skipped`,
      events.length > MAX_EVENTS_PER_MESSAGE && `more than ${MAX_EVENTS_PER_MESSAGE} events, applied anyway`,
    ].filter(Boolean);
    if (!odd.length) return;
    let [lo, hi] = [Infinity, -Infinity];
    for (const seq of inferSeqs(events)) if (seq !== null) [lo, hi] = [Math.min(lo, seq), Math.max(hi, seq)];
    const range = lo <= hi ? `seq ${lo}…${hi}` : 'no readable seq';
    this.d.log.warn(`events message of ${events.length} events (${range}): ${odd.join('; ')}`);
  }

  private async onSnapshot(session: Session, msg: unknown): Promise<void> {
    const m = SnapshotMessage.safeParse(msg);
    if (!m.success) return this.d.log.warn(`ignored a malformed snapshot part: ${summarise(m.error)}`);
    const collector = session.snapshot;
    if (!collector) return; // before its ack (or after it completed): not ours
    const outcome = collector.accept(m.data);
    if (outcome === 'ignored') return;
    if (outcome === 'missing_part') {
      this.d.log.warn(`snapshot part ${m.data.part} arrived before part ${collector.received + 1}; resuming`);
      session.snapshot = null;
      return this.sendResume(session);
    }
    if (outcome === 'too_large') {
      const message = `the hub's snapshot grew past ${MAX_SNAPSHOT_BYTES / 1e6} MB at part ${m.data.part} of ${collector.parts}; this console stages at most that`;
      return this.lost(session.gen, message, { code: 'snapshot_too_large', message });
    }
    this.progressed(session);
    // Staged in short transactions with yields between; a newer resume or a lost link abandons it.
    const staged = await this.inSlices(session, m.data.events, APPLY_CHUNK, (slice) => {
      if (session.snapshot !== collector) return false;
      this.d.replicator.stageSnapshot(collector.build, collector.seq, slice);
    });
    if (!staged || session.snapshot !== collector || !collector.complete) return;
    session.snapshot = null;
    const changes = this.d.replicator.commitSnapshot(collector.build, collector.seq, session.hello!.hubId);
    this.d.log.info(`snapshot applied: state replaced at seq ${collector.seq} (${collector.parts} part(s))`);
    this.d.onReset(changes);
    this.goLive();
  }

  /** The replay or snapshot moved on: its stall clock starts again. */
  private progressed(session: Session): void {
    if (session.stallTimer) clearTimeout(session.stallTimer);
    session.stallTimer = setTimeout(() => this.stalled(session), STALL_TIMEOUT_MS);
  }

  private stalled(session: Session): void {
    const within = `within ${STALL_TIMEOUT_MS / 1000} s`;
    const c = session.snapshot;
    const error = c
      ? { code: 'snapshot_stalled', message: `the hub stopped sending its snapshot: part ${c.received + 1} of ${c.parts} did not come ${within}` }
      : {
          code: 'replay_stalled',
          message: `the hub stopped sending its replay: no new event ${within}, at seq ${this.d.replicator.meta.lastSeq} of ${this.s.replay?.toSeq}`,
        };
    this.lost(session.gen, error.message, error);
  }

  private goLive(): void {
    const timer = this.session?.stallTimer;
    if (timer) clearTimeout(timer);
    this.attempt = 0;
    this.set({ state: 'live', replay: null, error: null, nextRetryAt: null });
    this.d.log.info(`live at seq ${this.d.replicator.meta.lastSeq}`);
  }

  private teardown(): void {
    const session = this.session;
    this.session = null;
    this.gen++; // everything still queued or in flight from that socket is now stale
    this.queue = [];
    this.d.sender.offline();
    if (!session) return;
    if (session.helloTimer) clearTimeout(session.helloTimer);
    if (session.stallTimer) clearTimeout(session.stallTimer);
    session.socket.removeAllListeners();
    session.socket.disconnect();
  }

  private lost(gen: number, why: string, error = { code: 'link_lost', message: why }): void {
    if (gen !== this.gen || this.closed) return;
    this.teardown();
    const delay = backoffDelay(this.attempt++);
    this.d.log.warn(`${why}; retrying in ${(delay / 1000).toFixed(1)} s`);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.set({ state: 'reconnecting', replay: null, error, nextRetryAt: new Date(Date.now() + delay).toISOString() });
  }

  private stopFinal(gen: number, code: (typeof CONNECT_ERRORS)[number]): void {
    if (gen !== this.gen || this.closed) return;
    this.teardown();
    const message = FINAL_MESSAGES[code](this.d.config);
    this.d.log.error(`hub refused the connection: ${code}: ${message}`);
    this.set({ state: 'stopped', replay: null, error: { code, message }, nextRetryAt: null });
  }
}
