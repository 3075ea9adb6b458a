// Operator commands end to end against the reference hub: optimistic effect, ok and failed acks
// with undo and notices, rate limiting, the outbox across restarts, and role rules.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Notice } from '../../common/api/contract';
import { InvalidCommandError, queueCommand } from '../../main/core/commands';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { summariseDataDir } from '../../main/core/state-summary';
import { signedIn } from '../support/callers';
import { caughtUp, configFor, startTestCore, testHub, tmp, waitFor, type TestCore } from './helpers';

const t = tmp('c137-cmd-');
afterAll(() => t.cleanup());
let dirs = 0;
const dataDir = () => t.data(`console-${dirs++}`);
const notices = (tc: TestCore): Notice[] => tc.batches.flatMap((b) => b.notices);

describe('operator commands', () => {
  it('shows the effect at once, reconciles it with the hub events and reports it applied', async () => {
    const hub = await testHub();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dataDir()));
    await caughtUp(tc, hub);
    const { commandId } = await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, tc.caller);
    const optimistic = (await tc.core.handlers.queries.requestDetail({ id: r.id }, tc.caller)).request;
    expect(optimistic).toMatchObject({ status: 'acknowledged', pendingCommands: 1 });
    await waitFor(() => notices(tc).some((n) => n.kind === 'command_applied' && n.commandId === commandId), 'command_applied');
    await caughtUp(tc, hub);
    await waitFor(() => tc.batches.some((b) => b.requests.some((x) => x.id === r.id && x.pendingCommands === 0)), 'settled view');
    const detail = await tc.core.handlers.queries.requestDetail({ id: r.id }, tc.caller);
    expect(detail.request).toMatchObject({ status: 'acknowledged', pendingCommands: 0 });
    expect(detail.timeline.map((e) => e.type)).toEqual(['request.created', 'request.acknowledged']);
    expect(hub.control.appliedCommands()[commandId]).toBe(1);
  });

  it("answers the requests this operator acted on: its events in the log and its commands still in the outbox", async () => {
    const hub = await testHub();
    const [mine, pending, others, untouched] = [1, 2, 3, 4].map(() => hub.control.createRequest());
    hub.control.applyAsActor({ type: 'request.acknowledge', data: { id: others.id } }, { kind: 'operator', id: 'op-2' });
    const tc = await startTestCore(configFor(hub.url, dataDir()));
    await caughtUp(tc, hub);
    const acted = async () => (await tc.core.handlers.queries.actedOn({}, tc.caller)).ids.sort();
    expect(await acted()).toEqual([]);
    const { commandId } = await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: mine.id } }, tc.caller);
    await waitFor(() => notices(tc).some((n) => n.kind === 'command_applied' && n.commandId === commandId), 'command_applied');
    await caughtUp(tc, hub);
    await hub.close(); // the next command stays in the outbox
    await tc.core.handlers.commands.submit({ type: 'request.note', data: { id: pending.id, note: 'x' } }, tc.caller);
    expect(await acted()).toEqual([mine.id, pending.id].sort());
    expect(await acted()).not.toContain(others.id);
    expect(await acted()).not.toContain(untouched.id);
    await tc.close();
  });

  it('undoes the optimistic effect on a failed ack and tells the operator why', async () => {
    const hub = await testHub();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dataDir()));
    await caughtUp(tc, hub);
    const { commandId } = await tc.core.handlers.commands.submit({ type: 'request.assign', data: { id: r.id, crewId: 'no-such-crew' } }, tc.caller);
    expect((await tc.core.handlers.queries.requestDetail({ id: r.id }, tc.caller)).request).toMatchObject({ status: 'assigned', crewId: 'no-such-crew' });
    const failed = await waitFor(() => notices(tc).find((n) => n.kind === 'command_failed' && n.commandId === commandId), 'command_failed');
    expect(failed).toMatchObject({ code: 'not_found', type: 'request.assign', targetId: r.id });
    expect((await tc.core.handlers.queries.requestDetail({ id: r.id }, tc.caller)).request).toMatchObject({ status: 'new', crewId: null, pendingCommands: 0 });
    await waitFor(() => tc.batches.some((b) => b.requests.some((x) => x.id === r.id && x.status === 'new')), 'reverted view in a batch');

    // the slower of two consoles gets conflict
    await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, tc.caller);
    const second = await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, tc.caller);
    const conflict = await waitFor(() => notices(tc).find((n) => n.kind === 'command_failed' && n.commandId === second.commandId), 'conflict');
    expect(conflict).toMatchObject({ code: 'conflict' });
    await caughtUp(tc, hub);
    expect(summariseDataDir(tc.core.dataDir).outboxPending).toBe(0);
  });

  it('retries rate-limited commands later and keeps their order', async () => {
    const hub = await testHub({ commandRate: 1 });
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dataDir()));
    await caughtUp(tc, hub);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await tc.core.handlers.commands.submit({ type: 'request.note', data: { id: r.id, note: `n${i}` } }, tc.caller)).commandId);
    await waitFor(() => ids.every((id) => hub.control.appliedCommands()[id] === 1), 'all notes applied', 20_000);
    expect(tc.log.lines.some((l) => l.includes('rate limited'))).toBe(true);
    const notes = hub.control.readLog().filter((e) => e.type === 'request.noted').map((e) => e.commandId);
    expect(notes).toEqual(ids);
  }, 30_000);

  it('keeps commands in the durable outbox while offline and across a restart, then sends them once', async () => {
    const hubDir = t.data(`hub-${dirs++}`);
    let hub = await testHub({ dataDir: hubDir });
    const port = hub.port;
    const dir = dataDir();
    const r = hub.control.createRequest();
    let tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    await hub.close();
    await waitFor(() => tc.core.linkState().state === 'reconnecting', 'offline');
    const { commandId } = await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, tc.caller);
    expect(tc.core.linkState().outboxPending).toBe(1);
    await tc.close();
    expect(summariseDataDir(dir).outboxPending).toBe(1);

    hub = await testHub({ dataDir: hubDir, port });
    tc = await startTestCore(configFor(hub.url, dir));
    // the optimistic effect is still shown from the outbox before the hub answers
    await waitFor(() => hub.control.appliedCommands()[commandId] === 1, 'command applied after restart');
    await caughtUp(tc, hub);
    const s = summariseDataDir(dir);
    expect(s.outboxPending).toBe(0);
    expect(s.requests.find((x) => x.id === r.id)?.status).toBe('acknowledged');
  });

  it('sends commands queued into the data directory by another process', async () => {
    const hub = await testHub();
    const dir = dataDir();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    const other = Store.open(join(dir, DB_FILE_NAME));
    const { commandId } = queueCommand(other, { type: 'crew.set_status', data: { crewId: 'crew-03', status: 'break' } }, 'op-2');
    other.close();
    await waitFor(() => hub.control.appliedCommands()[commandId] === 1, 'command from another process applied');
    await waitFor(() => tc.batches.some((b) => b.crews.some((c) => c.id === 'crew-03' && c.status === 'break')), 'crew view updated');
    const again = Store.open(join(dir, DB_FILE_NAME));
    expect(() => queueCommand(again, { type: 'request.fly', data: {} }, 'op')).toThrow(InvalidCommandError);
    expect(() => queueCommand(again, { type: 'request.note', data: { id: r.id } }, 'op')).toThrow(/note/);
    expect(again.outbox.after(0).map((x) => x.commandId)).toEqual([commandId]);
    again.close();
  });

  it('gives citizen data to operators on asking only, audited; a wall display cannot issue commands', async () => {
    const hub = await testHub();
    const r = hub.control.createRequest({ citizen: { name: 'مریم', phone: '09171234567' } });
    const op = await startTestCore(configFor(hub.url, dataDir()));
    const wall = await startTestCore(configFor(hub.url, dataDir()), 'wall');
    await caughtUp(op, hub);
    await caughtUp(wall, hub);
    // The detail never carries it; asking for it does, and the asking is on the audit trail.
    expect(JSON.stringify(await op.core.handlers.queries.requestDetail({ id: r.id }, op.caller))).not.toContain('0917');
    expect(await op.core.handlers.commands.showContact({ requestId: r.id }, op.caller)).toEqual({ name: 'مریم', phone: '09171234567' });
    const sup = await signedIn(op.core, 'supervisor');
    const { entries } = await op.core.handlers.queries.audit({ requestId: r.id }, sup);
    expect(entries.filter((e) => e.action === 'contact_shown')).toMatchObject([{ accountId: 'op-1', targetId: r.id }]);
    const wallDetail = await wall.core.handlers.queries.requestDetail({ id: r.id }, wall.caller);
    expect(JSON.stringify(wallDetail)).not.toContain('0917');
    expect(JSON.stringify(await wall.core.handlers.queries.bootstrap({}, wall.caller))).not.toContain('0917');
    expect(() => wall.core.handlers.commands.showContact({ requestId: r.id }, wall.caller)).toThrow(/read-only/);
    expect(() => wall.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, wall.caller)).toThrow(/wall/);
    await expect(async () => op.core.handlers.queries.requestDetail({ id: 'nope' }, op.caller)).rejects.toThrow(/no request/);
    await op.close();
    await wall.close();
  });
});
