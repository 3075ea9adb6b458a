// Sends the durable outbox to the hub (§5): strictly in order, one command in flight, each
// re-sent after every reconnect until acknowledged (the hub is idempotent by commandId).
import { CommandAck, summarise, type CommandAck as Ack } from '../../../common/protocol/hub-protocol';
import type { OutboxRow, Store } from '../db/store';
import type { Logger } from '../log';
import { backoffDelay } from './backoff';

export type CommandEmit = (
  command: { commandId: string; type: string; data: Record<string, unknown>; issuedAt: string; operatorId: string },
  onAck: (err: Error | null, ack: unknown) => void,
) => void;

export class OutboxSender {
  private emit: CommandEmit | null = null;
  private session = 0;
  private inFlight = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retries = 0;

  constructor(
    private readonly store: Store,
    private readonly lastSeq: () => number,
    private readonly log: Logger,
    private readonly onSettled: (row: OutboxRow, ack: Ack) => void,
  ) {}

  /** The link is up (resume acknowledged): start (re)sending from the oldest pending command. */
  online(emit: CommandEmit): void {
    this.reset();
    this.emit = emit;
    this.kick();
  }

  offline(): void {
    this.reset();
    this.emit = null;
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
    const row = this.store.outbox.firstPending();
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
      this.log.warn(`no ack for command ${row.commandId} (${row.type}); will re-send`);
      return this.retryLater();
    }
    const parsed = CommandAck.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`malformed ack for command ${row.commandId}: ${summarise(parsed.error)}; will re-send`);
      return this.retryLater();
    }
    const ack = parsed.data;
    const now = new Date().toISOString();
    if (!ack.ok && ack.code === 'rate_limited') {
      this.log.info(`command ${row.commandId} rate limited; will retry`);
      return this.retryLater();
    }
    this.retries = 0;
    if (ack.ok) this.store.outbox.markAcked(row.commandId, ack.seq, this.lastSeq(), now);
    else {
      this.log.warn(`command ${row.commandId} (${row.type}) failed: ${ack.code}`);
      this.store.outbox.markFailed(row.commandId, ack.code, ack.message, now);
    }
    this.onSettled(row, ack);
    this.kick();
  }

  private retryLater(): void {
    const delay = backoffDelay(this.retries++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }
}
