// Queueing an operator command: validated, stamped, written to the durable outbox. The row is
// also its optimistic effect (overlay on), so both land in one transaction. Used by the `submit`
// API call and by the `command` CLI (which queues into a data directory a running core sends from).
import { randomUUID } from 'node:crypto';
import { Id, OperatorCommand, summarise } from '../../common/protocol/hub-protocol';
import type { Store } from './db/store';
import { commandTarget, type CommandTarget } from './domain/optimistic';

export class InvalidCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCommandError';
  }
}

export function queueCommand(
  store: Store,
  input: unknown,
  operatorId: string,
  now = new Date(),
): { commandId: string; target: CommandTarget } {
  if (!Id.safeParse(operatorId).success || !operatorId) throw new InvalidCommandError('operator id must be 1–64 characters');
  const parsed = OperatorCommand.safeParse(input);
  if (!parsed.success) throw new InvalidCommandError(summarise(parsed.error));
  const cmd = parsed.data as OperatorCommand;
  const commandId = randomUUID();
  const target = commandTarget(cmd, commandId);
  store.tx(() =>
    store.outbox.enqueue({
      commandId,
      type: cmd.type,
      data: cmd.data as Record<string, unknown>,
      operatorId,
      issuedAt: now.toISOString(),
      targetKind: target.kind,
      targetId: target.id,
    }),
  );
  return { commandId, target };
}
