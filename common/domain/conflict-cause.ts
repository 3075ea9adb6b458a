// Why the hub answered `conflict`, from the request's event log: the latest event after which the
// refused command no longer fits (protocol §5), or no longer fits for the reason it has now (an
// assignment, then a close: the close). The log is folded through the shared lifecycle
// (./lifecycle), so "fits" means exactly what the hub checked. Pure; the core reads the log.
import { afterEvent, conflictOf, type EventDraft, type Lifecycle, type RequestCommand } from './lifecycle';

export interface ConflictExplained {
  /** Why the command does not fit the state the log leaves; null: the log says it still fits. */
  conflict: string | null;
  /** The event (its index in the log given) that gave the conflict its present reason, and what it left. */
  cause: ({ index: number } & Lifecycle) | null;
}

/**
 * Explain a refused command from the request's events, oldest first. While the log says the
 * command still fits (`conflict` null), the event that beat it has not been applied here yet.
 * A command that never fitted since the first event shown (a stale screen) has no cause.
 */
export function explainConflict(events: readonly EventDraft[], cmd: RequestCommand): ConflictExplained {
  let state: Lifecycle | null = null;
  let cause: ConflictExplained['cause'] = null;
  events.forEach((e, index) => {
    // The first event shown states the request (request.created, or the oldest one kept).
    const next: Lifecycle = afterEvent(state ?? { status: 'new', crewId: null }, e);
    const why = conflictOf(next, cmd);
    if (state && why !== null && why !== conflictOf(state, cmd)) cause = { index, ...next };
    state = next;
  });
  const conflict = state ? conflictOf(state, cmd) : null;
  return { conflict, cause: conflict === null ? null : cause };
}
