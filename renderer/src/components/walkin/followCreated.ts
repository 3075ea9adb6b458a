// After a walk-in request is sent, the operator is on it: its provisional row is selected as soon
// as the core shows it, and the hub's request that replaces it once the hub has recorded it. The
// two are told apart from every other request by what was sent (received at the same instant,
// same category and description); the core's live batches do not say which id replaced which.
import { PROVISIONAL_PREFIX, provisionalRequestId, type LiveBatch, type RequestView } from '../../../../common/api/contract';
import { onLiveBatch, useConsole } from '../../state/store';
import type { NewRequestData } from './validate';

/** Long enough for a hub on a slow link; the outbox keeps the command anyway. */
const FOLLOW_MS = 120_000;

export function followCreated(commandId: string, sent: NewRequestData): void {
  const provisional = provisionalRequestId(commandId);
  const isTheOne = (r: RequestView) =>
    !r.id.startsWith(PROVISIONAL_PREFIX) && r.receivedAt === sent.receivedAt && r.category === sent.category && r.description === sent.description;
  let provisionalSelected = false;
  // The provisional row may never be seen (made and made real within one live batch): then the
  // selection is still what it was when the form was sent.
  const selectedAtSend = useConsole.getState().selectedRequestId;

  /** True once there is nothing more to follow. */
  const step = (batch: LiveBatch | null): boolean => {
    if (batch?.notices.some((n) => n.kind === 'command_failed' && n.commandId === commandId)) return true;
    const s = useConsole.getState();
    if (s.requests[provisional]) {
      if (!provisionalSelected) s.selectRequest(provisional);
      provisionalSelected = true;
      return false;
    }
    const candidates = batch && !batch.reset ? batch.requests : Object.values(s.requests);
    const real = candidates.find(isTheOne);
    if (!real) return false;
    // Not if the operator has moved on to another request meanwhile.
    if ([null, provisional, selectedAtSend].includes(s.selectedRequestId)) s.selectRequest(real.id);
    return true;
  };

  if (step(null)) return;
  const stop = () => {
    off();
    clearTimeout(timer);
  };
  const off = onLiveBatch((b) => {
    if (step(b)) stop();
  });
  const timer = setTimeout(stop, FOLLOW_MS);
}
