// A refused command's notice against the reference hub: a `conflict` names who did what first,
// from the event log, also when the failed ack outruns the winner's event; and a notice goes to
// the session that sent the command, not to another window of the same console.
import { describe, expect, it } from 'vitest';
import type { LiveBatch, Notice } from '../../common/api/contract';
import { CAUSE_WAIT_MS } from '../../main/core/notices';
import { signedIn } from '../support/callers';
import { caughtUp, configFor, startTestCore, testHub, tmp, waitFor, type TestCore } from './helpers';
import { afterAll } from 'vitest';

const t = tmp('c137-conflict-');
afterAll(() => t.cleanup());
let dirs = 0;
const dataDir = () => t.data(`console-${dirs++}`);

const failedOf = (batches: LiveBatch[], commandId: string) =>
  batches.flatMap((b) => b.notices).find((n): n is Extract<Notice, { kind: 'command_failed' }> => n.kind === 'command_failed' && n.commandId === commandId);
const noticesOf = (batches: LiveBatch[], commandId: string) => batches.flatMap((b) => b.notices).filter((n) => n.commandId === commandId);
/** The hub has answered every command this console sent. */
const answered = (tc: TestCore) => waitFor(() => tc.core.linkState().outboxPending === 0, 'the hub to answer every command');

async function district() {
  const hub = await testHub();
  hub.control.upsertContractor({ id: 'k1', name: 'پیمانکار', categories: [] });
  hub.control.upsertCrew({ id: 'c1', name: 'اکیپ کریمی', contractorId: 'k1', categories: [] }, 'available');
  hub.control.upsertCrew({ id: 'c2', name: 'اکیپ رحیمی', contractorId: 'k1', categories: [] }, 'available');
  return hub;
}

describe('conflict notices', () => {
  it('names the other console’s operator, the event and its crew — waiting for that event when the ack comes first', async () => {
    const hub = await district();
    const r = hub.control.createRequest();
    const one = await startTestCore(configFor(hub.url, dataDir(), { operatorId: 'op-1' }));
    const two = await startTestCore(configFor(hub.url, dataDir(), { operatorId: 'op-2' }));
    await caughtUp(one, hub);
    await caughtUp(two, hub);

    // The hub holds live events back: op-2's refusal reaches its core before op-1's assignment.
    hub.control.pauseLive();
    const won = await one.core.handlers.commands.submit({ type: 'request.assign', data: { id: r.id, crewId: 'c1' } }, one.caller);
    await waitFor(() => hub.control.appliedCommands()[won.commandId] === 1, 'op-1’s assignment at the hub');
    const lost = await two.core.handlers.commands.submit({ type: 'request.assign', data: { id: r.id, crewId: 'c2' } }, two.caller);
    await answered(two);
    expect(two.core.linkState().lastSeq).toBeLessThan(hub.control.headSeq());
    expect(failedOf(two.batches, lost.commandId)).toBeUndefined(); // waiting for the cause, not naming nobody
    const resumedAt = Date.now();
    hub.control.resumeLive();

    const notice = await waitFor(() => failedOf(two.batches, lost.commandId), 'op-2’s conflict notice');
    expect(Date.now() - resumedAt).toBeLessThan(CAUSE_WAIT_MS); // sent once the event came, not at the bound
    const assigned = hub.control.readLog().find((e) => e.type === 'request.assigned' && e.commandId === won.commandId)!;
    expect(notice).toMatchObject({
      code: 'conflict',
      type: 'request.assign',
      targetId: r.id,
      cause: { type: 'request.assigned', actorKind: 'operator', actorId: 'op-1', at: assigned.at, status: 'assigned', crewId: 'c1', resolution: null },
    });
    // the winner is told its command applied, and nothing of the loser's
    await waitFor(() => noticesOf(one.batches, won.commandId).some((n) => n.kind === 'command_applied'), 'op-1’s applied notice');
    expect(one.batches.flatMap((b) => b.notices).filter((n) => n.kind === 'command_failed')).toEqual([]);
  }, 60_000);

  it('sends the notice without a cause when the event does not come within the bound', async () => {
    const hub = await district();
    const r = hub.control.createRequest();
    const one = await startTestCore(configFor(hub.url, dataDir(), { operatorId: 'op-1' }));
    const two = await startTestCore(configFor(hub.url, dataDir(), { operatorId: 'op-2' }));
    await caughtUp(one, hub);
    await caughtUp(two, hub);
    hub.control.pauseLive();
    const won = await one.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, one.caller);
    await waitFor(() => hub.control.appliedCommands()[won.commandId] === 1, 'op-1’s acknowledgement at the hub');
    const lost = await two.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, two.caller);
    await answered(two);
    const since = Date.now();
    const notice = await waitFor(() => failedOf(two.batches, lost.commandId), 'op-2’s conflict notice', CAUSE_WAIT_MS * 5);
    expect(Date.now() - since).toBeGreaterThan(CAUSE_WAIT_MS / 2);
    expect(notice).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already acknowledged/), cause: null });
    hub.control.resumeLive();
  }, 60_000);

  it('tells only the window that sent it: two sessions on one console, the winner sees no refusal', async () => {
    const hub = await district();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dataDir(), { operatorId: 'op-1' }));
    await caughtUp(tc, hub);
    const sessions = await Promise.all(['window:1', 'window:2'].map(async (session) => {
      const caller = await signedIn(tc.core, 'operator', { session });
      const batches: LiveBatch[] = [];
      const off = tc.core.handlers.subscribe('live', (b) => batches.push(b), caller);
      return { caller, batches, off };
    }));
    const [a, b] = sessions;
    const won = await tc.core.handlers.commands.submit({ type: 'request.assign', data: { id: r.id, crewId: 'c1' } }, a.caller);
    const lost = await tc.core.handlers.commands.submit({ type: 'request.assign', data: { id: r.id, crewId: 'c2' } }, b.caller);
    const notice = await waitFor(() => failedOf(b.batches, lost.commandId), 'the second window’s refusal');
    expect(notice.cause).toMatchObject({ type: 'request.assigned', actorId: 'op-1', crewId: 'c1' });
    await waitFor(() => noticesOf(a.batches, won.commandId).length > 0, 'the first window’s applied notice');
    await caughtUp(tc, hub);
    expect(noticesOf(a.batches, lost.commandId)).toEqual([]);
    expect(noticesOf(b.batches, won.commandId)).toEqual([]);
    // both windows still get the data: the request assigned to c1
    for (const s of sessions) expect(s.batches.flatMap((x) => x.requests).filter((x) => x.id === r.id).at(-1)).toMatchObject({ crewId: 'c1' });
    // the test's own subscriber (another session) heard of neither
    expect(tc.batches.flatMap((x) => x.notices)).toEqual([]);
    sessions.forEach((s) => s.off());
  }, 60_000);
});
