// One district of the hub at run time: its state, its log in the store, its latest crew fixes
// and the console sessions following it. Every change — an operator's command, the simulator, a
// test's control call — goes through `change`/`command`, so all of them obey state-machine.ts and
// land in the log the same way.
import { randomUUID } from 'node:crypto';
import {
  CommandData, MAX_EVENTS_PER_MESSAGE,
  type Actor, type Command, type CommandAck, type Fix,
} from '../common/protocol/hub-protocol';
import { districtInfo, CATEGORIES } from './district6';
import { decide, parseChange, type Change, type Decision, type Draft } from './state-machine';
import { applyEvent, compactedHistory, emptyState, type DistrictState, type StoredEvent } from './state';
import type { DistrictMeta, HubStore } from './store';

/** What the district needs from a console connection following it (see session.ts). */
export interface Follower {
  /** New events are in the log (or live emission resumed). */
  kick(): void;
  /** Live fixes, sent only to followers that have caught up. */
  liveFixes(fixes: Fix[]): void;
  /** Close the connection so the console reconnects (link drop, log reset). */
  drop(): void;
}

export type ChangeResult = { ok: true; seq: number; events: StoredEvent[] } | Extract<Decision, { ok: false }>;

const RECENT_MAX = 4096;

export class District {
  state: DistrictState = emptyState();
  meta: DistrictMeta;
  readonly followers = new Set<Follower>();
  /** Called synchronously with every batch of appended events (the simulator reacts to them). */
  readonly listeners = new Set<(events: StoredEvent[]) => void>();
  readonly fixes = new Map<string, Fix>();
  /** Applications per commandId since start, seeded with the acks remembered in the store. */
  readonly applied = new Map<string, number>();
  private recent: StoredEvent[] = [];
  /** True when this district's log was created by this start (not loaded from the store). */
  readonly fresh: boolean;
  private livePaused = false;
  private batchDepth = 0;
  private pendingKick = false;

  constructor(
    private readonly store: HubStore,
    readonly id: string,
    readonly token: string,
    private readonly retain: number,
    private readonly now: () => number,
  ) {
    const meta = store.meta(id);
    this.fresh = !meta;
    this.meta = meta ?? { hubId: randomUUID(), headSeq: 0, logStart: 1, requestCounter: 0 };
    if (meta) this.load();
    else this.append([{ type: 'district.configured', data: { district: districtInfo(id), categories: CATEGORIES } }], { kind: 'system' });
  }

  /** (Re)build memory from the store: on start, and after a transaction failed half-way. */
  private load() {
    this.meta = this.store.meta(this.id)!;
    this.state = emptyState();
    this.recent = [];
    for (const e of this.store.history(this.id)) applyEvent(this.state, e);
    this.applied.clear();
    for (const c of this.store.appliedCommandIds(this.id)) this.applied.set(c, 1);
  }

  get hubId(): string {
    return this.meta.hubId;
  }
  get headSeq(): number {
    return this.meta.headSeq;
  }
  /** Lowest afterSeq that can still be answered with a replay. */
  get oldestResumable(): number {
    return this.meta.logStart - 1;
  }
  get paused(): boolean {
    return this.livePaused;
  }

  /** Run fn as one transaction; followers are kicked once, after it commits. */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      if (this.batchDepth > 1) return fn();
      return this.store.tx(() => {
        const result = fn();
        if (this.pendingKick) this.store.putMeta(this.id, this.meta);
        return result;
      });
    } catch (err) {
      // The transaction rolled back: memory must not keep what the store lost.
      if (this.batchDepth === 1 && this.store.meta(this.id)) {
        this.load();
        this.pendingKick = false;
      }
      throw err;
    } finally {
      if (--this.batchDepth === 0 && this.pendingKick) {
        this.pendingKick = false;
        if (!this.livePaused) for (const f of this.followers) f.kick();
      }
    }
  }

  /** Append decided events to the log, apply them, persist. `at` defaults to the hub's clock. */
  append(drafts: Draft[], actor: Actor, opts: { commandId?: string; at?: string } = {}): StoredEvent[] {
    return this.batch(() => {
      const at = opts.at ?? new Date(this.now()).toISOString();
      const out = drafts.map((d) => {
        const e: StoredEvent = { seq: ++this.meta.headSeq, id: randomUUID(), type: d.type, at, actor, data: d.data };
        if (opts.commandId !== undefined) e.commandId = opts.commandId;
        this.store.append(this.id, e, applyEvent(this.state, e));
        this.remember(e);
        return e;
      });
      this.afterAppend();
      for (const l of this.listeners) l(out);
      return out;
    });
  }

  /**
   * Append an event as given (after seq, id, at and actor defaults): tests inject unknown types
   * and malformed events this way. It goes to the log and live consoles, never into state.
   */
  appendRaw(partial: Record<string, unknown>): number {
    return this.batch(() => {
      const seq = ++this.meta.headSeq;
      const e = { id: randomUUID(), at: new Date(this.now()).toISOString(), actor: { kind: 'hub' }, data: {}, ...partial, seq } as StoredEvent;
      this.store.appendRaw(this.id, seq, JSON.stringify(e));
      this.remember(e);
      this.afterAppend();
      return seq;
    });
  }

  private remember(e: StoredEvent) {
    this.recent.push(e);
    if (this.recent.length > RECENT_MAX * 2) this.recent = this.recent.slice(-RECENT_MAX);
  }

  private afterAppend() {
    const excess = this.meta.headSeq - this.meta.logStart + 1 - this.retain;
    if (excess > 0) {
      this.meta.logStart += excess;
      this.store.trimLog(this.id, this.meta.logStart);
    }
    this.pendingKick = true; // also: meta is written when the batch commits
  }

  /** A change by any actor, checked by the state machine. */
  change(change: Change, actor: Actor, opts: { commandId?: string; at?: string } = {}): ChangeResult {
    return this.batch(() => {
      const decision = decide(this.state, change, {
        districtId: this.id,
        actorId: actor.id ?? actor.kind,
        nextRequestId: () => this.nextRequestId(opts.at),
      });
      if (!decision.ok) return decision;
      const events = this.append(decision.events, actor, opts);
      return { ok: true, seq: events[events.length - 1].seq, events };
    });
  }

  /** An operator's command (§5): idempotent by commandId, serialised by running synchronously. */
  command(cmd: Command): CommandAck {
    return this.batch(() => {
      const stored = this.store.ack(this.id, cmd.commandId);
      if (stored) return stored;
      const parsed = parseChange(cmd.type, cmd.data, CommandData);
      let ack: CommandAck;
      if (!parsed.ok) {
        ack = { ok: false, code: 'invalid', message: parsed.message };
      } else {
        const r = this.change(parsed.change, { kind: 'operator', id: cmd.operatorId }, { commandId: cmd.commandId });
        ack = r.ok ? { ok: true, seq: r.seq } : { ok: false, code: r.code, message: r.message };
        if (r.ok) this.applied.set(cmd.commandId, (this.applied.get(cmd.commandId) ?? 0) + 1);
      }
      this.store.putAck(this.id, cmd.commandId, ack, this.now());
      return ack;
    });
  }

  nextRequestId(at?: string): string {
    const n = ++this.meta.requestCounter;
    const month = new Date(at ?? this.now()).getUTCMonth() + 1;
    return `137-${this.id.padStart(2, '0')}${String(month).padStart(2, '0')}-${String(n).padStart(6, '0')}`;
  }

  /** Up to `limit` retained log events from `fromSeq` on (recent ones from memory). */
  read(fromSeq: number, limit = MAX_EVENTS_PER_MESSAGE): StoredEvent[] {
    fromSeq = Math.max(fromSeq, this.meta.logStart);
    const first = this.recent[0]?.seq;
    if (first !== undefined && fromSeq >= first) {
      const i = fromSeq - first;
      return this.recent.slice(i, i + limit);
    }
    return this.store.readLog(this.id, fromSeq, limit);
  }

  /** The compacted history at headSeq: original at/actor/commandId, seq = headSeq, new ids (§2). */
  snapshot(): { seq: number; events: StoredEvent[] } {
    const seq = this.meta.headSeq;
    return { seq, events: compactedHistory(this.state).map((e) => ({ ...e, seq, id: randomUUID() })) };
  }

  /**
   * Restart the log as the compacted history from seq 1 under a new hubId (a hub whose log was
   * replaced). Connected consoles are dropped; on resume their foreign hubId gets them a snapshot.
   */
  resetLog(): void {
    const history = compactedHistory(this.state);
    this.batch(() => {
      this.store.clearDistrict(this.id);
      this.state = emptyState();
      this.recent = [];
      this.meta = { hubId: randomUUID(), headSeq: 0, logStart: 1, requestCounter: this.meta.requestCounter };
      for (const e of history) {
        const copy: StoredEvent = { ...e, seq: ++this.meta.headSeq, id: randomUUID() };
        this.store.append(this.id, copy, applyEvent(this.state, copy));
        this.remember(copy);
      }
      this.afterAppend();
    });
    for (const f of [...this.followers]) f.drop();
  }

  /** Record fixes (latest wins per crew) and send them live to caught-up consoles. */
  pushFixes(fixes: Fix[]): void {
    const fresh = fixes.filter((f) => {
      const prev = this.fixes.get(f.crewId);
      if (prev && Date.parse(prev.at) > Date.parse(f.at)) return false;
      this.fixes.set(f.crewId, f);
      return true;
    });
    if (fresh.length === 0 || this.livePaused) return;
    for (const f of this.followers) f.liveFixes(fresh);
  }

  pauseLive(): void {
    this.livePaused = true;
  }
  resumeLive(): void {
    this.livePaused = false;
    for (const f of this.followers) f.kick();
  }
}
