// How a command went, told to the caller that sent it once the hub has answered: applied, or
// refused and why — for a `conflict`, who did what to the request first, read from the event log.
// The hub serialises two workstations' commands, but the loser's failed ack can reach this core
// before the winner's event has been replicated here; such a notice waits for that event, up to
// CAUSE_WAIT_MS, rather than naming nobody (see docs/notices.md).
import type { Notice, NoticeCause } from '../../common/api/contract';
import { explainConflict } from '../../common/domain/conflict-cause';
import { COMMAND_RULES, type EventDraft, type RequestCommand } from '../../common/domain/lifecycle';
import { Resolution, type CommandAck } from '../../common/protocol/hub-protocol';
import type { OutboxRow, Store } from './db/store';
import type { LiveFeed } from './live';

/** Longest a conflict's notice waits for the event that beat the command (then it goes without). */
export const CAUSE_WAIT_MS = 3000;

type FailedNotice = Extract<Notice, { kind: 'command_failed' }>;

interface Waiting {
  notice: FailedNotice;
  cmd: RequestCommand;
  issuedBy: string | null;
  timer: NodeJS.Timeout;
}

export interface NoticeDeps {
  store: Store;
  live: Pick<LiveFeed, 'notice'>;
  waitMs?: number;
}

const isRequestCommand = (type: string): boolean => Object.hasOwn(COMMAND_RULES, type);

export class CommandNotices {
  /** The session each command still unanswered was sent from, by commandId. */
  private readonly issuers = new Map<string, string>();
  /** Conflicts whose cause is not in the log yet, by request. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(private readonly d: NoticeDeps) {}

  /** A caller's session sent this command (the CLI's commands have none). */
  issued(commandId: string, session: string): void {
    this.issuers.set(commandId, session);
  }

  /** The hub answered a command: tell its sender now, or once the log explains a conflict. */
  settled(row: OutboxRow, ack: CommandAck): void {
    const issuedBy = this.issuers.get(row.commandId) ?? null;
    this.issuers.delete(row.commandId);
    // A create's target is its provisional id, which no notice should point at.
    const targetId = row.type === 'request.create' ? null : row.targetId;
    const base = { commandId: row.commandId, type: row.type, targetId };
    if (ack.ok) return this.d.live.notice({ kind: 'command_applied', ...base }, issuedBy);
    const notice: FailedNotice = { kind: 'command_failed', ...base, code: ack.code, message: ack.message, cause: null };
    if (ack.code !== 'conflict' || row.targetKind !== 'request' || !isRequestCommand(row.type)) return this.d.live.notice(notice, issuedBy);
    const cmd = { type: row.type, data: row.data } as RequestCommand; // queued through the protocol's schema
    if (this.tryExplain(notice, cmd, issuedBy)) return;
    const w: Waiting = { notice, cmd, issuedBy, timer: setTimeout(() => this.giveUp(w), this.d.waitMs ?? CAUSE_WAIT_MS) };
    this.waiting.set(row.targetId, [...(this.waiting.get(row.targetId) ?? []), w]);
  }

  /** Events about these requests were applied: the conflicts waiting on them look again. */
  eventsApplied(requestIds: Iterable<string>): void {
    if (!this.waiting.size) return;
    for (const id of requestIds) {
      const ws = this.waiting.get(id);
      if (!ws) continue;
      const left = ws.filter((w) => {
        if (!this.tryExplain(w.notice, w.cmd, w.issuedBy)) return true;
        clearTimeout(w.timer);
        return false;
      });
      if (left.length) this.waiting.set(id, left);
      else this.waiting.delete(id);
    }
  }

  /** The core is stopping: no one is left to tell. */
  close(): void {
    for (const ws of this.waiting.values()) for (const w of ws) clearTimeout(w.timer);
    this.waiting.clear();
  }

  /** Sends the notice if the log shows the command no longer fits; false while it still fits here. */
  private tryExplain(notice: FailedNotice, cmd: RequestCommand, issuedBy: string | null): boolean {
    const cause = this.causeOf(cmd);
    if (cause === undefined) return false;
    this.d.live.notice({ ...notice, cause }, issuedBy);
    return true;
  }

  /** The event that made the command not fit; null if the log does not tell; undefined while it still fits. */
  private causeOf(cmd: RequestCommand): NoticeCause | null | undefined {
    // Known events were validated against the protocol on the way in; unknown ones change nothing.
    const log = this.d.store.events.requestTimeline(cmd.data.id).filter((e) => !e.unknown);
    const { conflict, cause } = explainConflict(log as unknown as EventDraft[], cmd);
    if (conflict === null) return undefined;
    if (!cause) return null;
    const e = log[cause.index];
    const resolution = e.type === 'request.closed' ? Resolution.safeParse(e.data.resolution) : null;
    const { status, crewId } = cause;
    return { type: e.type, actorKind: e.actorKind, actorId: e.actorId, at: e.at, status, crewId, resolution: resolution?.success ? resolution.data : null };
  }

  private giveUp(w: Waiting): void {
    clearTimeout(w.timer);
    const id = w.cmd.data.id;
    const left = (this.waiting.get(id) ?? []).filter((x) => x !== w);
    if (left.length) this.waiting.set(id, left);
    else this.waiting.delete(id);
    this.d.live.notice(w.notice, w.issuedBy);
  }
}
