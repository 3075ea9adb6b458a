// The connection to the hub (§1–§4, §6): handshake, resume, replay/snapshot/live, positions,
// reconnects with back-off. Every inbound message goes through one serial queue, in arrival
// order, parsed before it touches state; the queue yields to the event loop between messages
// so a 100,000-event replay never freezes the UI's transport.
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
import type { FixRow } from '../db/store';
import type { Logger } from '../log';
import type { PositionBook } from '../positions';
import { backoffDelay } from './backoff';
import type { OutboxSender } from './outbox-sender';
import type { Changes, Replicator } from './replicator';
import { SnapshotCollector } from './snapshot';

const CONNECT_TIMEOUT_MS = 10_000;
const HELLO_TIMEOUT_MS = 15_000;
const ACK_TIMEOUT_MS = 30_000;
/**
 * Events applied per transaction: half a full `events` message, a yield between the halves.
 * Measured (docs/performance.md): 250 costs a fifth more CPU per event (four commits, each an
 * fsync, per 1,000 events); a whole message doubles the event-loop p99 on a busy machine.
 */
const APPLY_CHUNK = 500;

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
    const session: Session = { gen, socket, hello: null, helloTimer: null, resumeOutstanding: false, snapshot: null };
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
          // A bug or a storage failure: drop the link and start over from what is stored.
          this.d.log.error(`sync failed: ${(err as Error).stack ?? err}`);
          this.lost(item.gen, 'internal error while applying hub data');
        }
        if (item.kind !== 'positions') await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
    }
  }

  private handle(session: Session, item: Inbound): void | Promise<void> {
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
        const fixes = this.d.positions.accept(m.data.positions);
        if (fixes.length) this.d.onFixes(fixes);
      }
    }
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
      else this.set({ state: 'replaying', replay: { fromSeq: a.fromSeq, toSeq: a.toSeq, appliedSeq: lastSeq }, error: null, nextRetryAt: null });
    } else {
      this.d.log.info(`hub sends a snapshot at seq ${a.seq} in ${a.parts} part(s)`);
      session.snapshot = new SnapshotCollector(a.seq, a.parts, this.d.replicator.beginSnapshot());
      this.set({ state: 'replaying', replay: { fromSeq: a.seq, toSeq: a.seq, appliedSeq: 0 }, error: null, nextRetryAt: null });
    }
    this.d.sender.online((command, onAck) => session.socket.timeout(ACK_TIMEOUT_MS).emit('command', command, onAck));
  }

  private onEvents(session: Session, msg: unknown): void {
    const m = EventsMessage.safeParse(msg);
    if (!m.success) return this.d.log.warn(`ignored a malformed events message: ${summarise(m.error)}`);
    // While a snapshot is being collected, events still in flight from before are stale.
    if (session.snapshot) return;
    let events = m.data.events;
    if (events.length > MAX_EVENTS_PER_MESSAGE) {
      this.d.log.warn(`events message of ${events.length} events exceeds ${MAX_EVENTS_PER_MESSAGE}; applied anyway`);
    }
    if (events.length > APPLY_CHUNK) {
      // The rest goes back to the head of the queue: same order, but the loop breathes in between.
      this.queue.unshift({ gen: session.gen, kind: 'events', msg: { events: events.slice(APPLY_CHUNK) } });
      events = events.slice(0, APPLY_CHUNK);
    }
    const r = this.d.replicator.applyEvents(events);
    if (r.applied || r.rejected) this.d.onChanges(r.changes);
    const lastSeq = this.d.replicator.meta.lastSeq;
    if (r.gap && !session.resumeOutstanding) {
      this.d.log.warn(`gap in the event stream after seq ${lastSeq}; resuming`);
      this.sendResume(session);
    }
    const replay = this.s.replay;
    if (this.s.state === 'replaying' && replay) {
      if (lastSeq >= replay.toSeq) this.goLive();
      else this.set({ replay: { ...replay, appliedSeq: lastSeq } });
    } else if (r.applied || r.rejected) this.d.onLinkState(this.state());
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
    // Staged in short transactions with yields between; a newer resume or a lost link abandons it.
    const events = m.data.events;
    for (let i = 0; i < events.length; i += APPLY_CHUNK) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      if (session.gen !== this.gen || session.snapshot !== collector) return;
      this.d.replicator.stageSnapshot(collector.build, collector.seq, events.slice(i, i + APPLY_CHUNK));
    }
    if (!collector.complete) return;
    session.snapshot = null;
    const changes = this.d.replicator.commitSnapshot(collector.build, collector.seq, session.hello!.hubId);
    this.d.log.info(`snapshot applied: state replaced at seq ${collector.seq} (${collector.parts} part(s))`);
    this.d.onReset(changes);
    this.goLive();
  }

  private goLive(): void {
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
