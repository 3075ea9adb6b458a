// Sends the durable outbox to the hub (§5): strictly in order, one command in flight, each
// re-sent after every reconnect until acknowledged (the hub is idempotent by commandId).
import { performance } from 'node:perf_hooks';
import type { LinkState } from '../../../common/api/contract';
import { CommandAck, summarise, type CommandAck as Ack } from '../../../common/protocol/hub-protocol';
import type { OutboxRow, Store } from '../db/store';
import type { Logger } from '../log';
import { backoffDelay } from './backoff';

export type CommandEmit = (
  command: { commandId: string; type: string; data: Record<string, unknown>; issuedAt: string; operatorId: string },
  onAck: (err: Error | null, ack: unknown) => void,
) => void;

/**
 * An ok ack names the seq of the command's last event. Beyond the hub's head as we know it by
 * more than this, plus PLAUSIBLE_EVENTS_PER_S for every second since the link came up, no hub
 * can have reached it: such an ack is malformed. (A district's log grows by a few events a
 * second; §8's bursts are replays of what already exists.)
 */
const ACK_SEQ_SLACK = 10_000;
const PLAUSIBLE_EVENTS_PER_S = 1_000;
/**
 * A command acked ok whose events have not come this long after its ack, while the link has
 * been live as long, loses its optimistic effect: the view shows the hub's state again. Live, a
 * command's events follow its ack within milliseconds; during a replay they wait behind it, so
 * that time does not count.
 */
const ACKED_OVERLAY_WAIT_MS = 10_000;
const OVERLAY_CHECK_MS = 1_000;

export interface OutboxSenderDeps {
  store: Store;
  lastSeq: () => number;
  link: () => Pick<LinkState, 'state' | 'since' | 'headSeq'>;
  log: Logger;
  onSettled: (row: OutboxRow, ack: Ack) => void;
  /** Acked commands whose events never came: their overlay is off, their targets need re-reading. */
  onOverlaysExpired: (rows: OutboxRow[]) => void;
}

export class OutboxSender {
  private emit: CommandEmit | null = null;
  private session = 0;
  private onlineAt = 0;
  private inFlight = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private overlayTimer: NodeJS.Timeout | null = null;
  private retries = 0;

  constructor(private readonly d: OutboxSenderDeps) {}

  /** The link is up (resume acknowledged): start (re)sending from the oldest pending command. */
  online(emit: CommandEmit): void {
    this.reset();
    this.emit = emit;
    this.onlineAt = performance.now();
    this.watchOverlays();
    this.kick();
  }

  offline(): void {
    this.reset();
    this.emit = null;
    if (this.overlayTimer) clearTimeout(this.overlayTimer);
    this.overlayTimer = null;
  }

  private reset(): void {
    this.session++;
    this.inFlight = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Send the next pending command if nothing is in flight. */
  kick(): void {
    if (!this.emit || this.inFlight || this.retryTimer) return;
    const row = this.d.store.outbox.firstPending();
    if (!row) return;
    const session = this.session;
    this.inFlight = true;
    const { commandId, type, data, issuedAt, operatorId } = row;
    this.emit({ commandId, type, data, issuedAt, operatorId }, (err, raw) => {
      if (session !== this.session) return; // answer on a link we have since dropped
      this.inFlight = false;
      this.settle(row, err, raw);
    });
  }

  private settle(row: OutboxRow, err: Error | null, raw: unknown): void {
    if (err) {
      this.d.log.warn(`no ack for command ${row.commandId} (${row.type}); will re-send`);
      return this.retryLater();
    }
    const parsed = CommandAck.safeParse(raw);
    const why = parsed.success ? this.implausible(parsed.data) : summarise(parsed.error);
    if (!parsed.success || why !== null) {
      this.d.log.warn(`malformed ack for command ${row.commandId}: ${why}; will re-send`);
      return this.retryLater();
    }
    const ack = parsed.data;
    const now = new Date().toISOString();
    if (!ack.ok && ack.code === 'rate_limited') {
      this.d.log.info(`command ${row.commandId} rate limited; will retry`);
      return this.retryLater();
    }
    this.retries = 0;
    if (ack.ok) {
      this.d.store.outbox.markAcked(row.commandId, ack.seq, this.d.lastSeq(), now);
      this.watchOverlays();
    } else {
      this.d.log.warn(`command ${row.commandId} (${row.type}) failed: ${ack.code}`);
      this.d.store.outbox.markFailed(row.commandId, ack.code, ack.message, now);
    }
    this.d.onSettled(row, ack);
    this.kick();
  }

  /** Why an ok ack's seq cannot be true (null if it can): far beyond anything the hub can have reached. */
  private implausible(ack: Ack): string | null {
    if (!ack.ok) return null;
    const head = Math.max(this.d.link().headSeq ?? 0, this.d.lastSeq());
    const since = Math.ceil((performance.now() - this.onlineAt) / 1000);
    const bound = head + ACK_SEQ_SLACK + PLAUSIBLE_EVENTS_PER_S * since;
    return ack.seq > bound ? `seq ${ack.seq} is beyond anything the hub can have reached (head ${head}, ${since} s since the link came up)` : null;
  }

  /** Check now and then, while acked commands still show their effect, whether their events are overdue. */
  private watchOverlays(): void {
    if (this.overlayTimer || !this.emit) return;
    this.overlayTimer = setTimeout(() => {
      this.overlayTimer = null;
      if (this.expireOverlays()) this.watchOverlays();
    }, OVERLAY_CHECK_MS);
  }

  /** Drop the overlays that waited too long for their events; true while acked overlays remain. */
  private expireOverlays(): boolean {
    const link = this.d.link();
    const now = Date.now();
    if (link.state === 'live' && now - Date.parse(link.since) >= ACKED_OVERLAY_WAIT_MS) {
      const rows = this.d.store.outbox.expireAckedOverlays(new Date(now - ACKED_OVERLAY_WAIT_MS).toISOString());
      for (const r of rows) {
        this.d.log.warn(
          `events of command ${r.commandId} (${r.type}) did not arrive by seq ${r.ackSeq} within ${ACKED_OVERLAY_WAIT_MS / 1000} s of its ack; showing the hub's state`,
        );
      }
      if (rows.length) this.d.onOverlaysExpired(rows);
    }
    return this.d.store.outbox.hasAckedOverlays();
  }

  private retryLater(): void {
    const delay = backoffDelay(this.retries++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }
}
