// Who is signed in on each session of a real core (real SQLite, the reference hub on loopback):
// signing in and its refusals, the throttle, the idle lock, shift change, a page closing, an
// account disabled, and every step on the audit trail with the account that took it.
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../common/api/contract';
import { callerFor, ensureAccount, signedIn, TEST_PASSWORD } from '../support/callers';
import { caughtUp, configFor, startTestCore, testHub, tmp, waitFor } from './helpers';

const t = tmp('c137-sessions-');
afterAll(() => t.cleanup());
let dirs = 0;
const dataDir = () => t.data(`console-${dirs++}`);

describe('sessions', () => {
  it('signs a person in with their password only, never says which part was wrong, and audits every attempt', async () => {
    const hub = await testHub();
    const tc = await startTestCore(configFor(hub.url, dataDir()), 'supervisor');
    await ensureAccount(tc.core.accounts, 'op-7', 'operator');
    const desk = callerFor('workstation', 'ws:desk');
    const { commands, queries } = tc.core.handlers;

    expect(await commands.signIn({ username: 'op-7', password: 'wrong-password' }, desk)).toEqual({ ok: false, reason: 'bad_credentials', retryAfterMs: null });
    expect(await commands.signIn({ username: 'nobody', password: TEST_PASSWORD }, desk)).toEqual({ ok: false, reason: 'bad_credentials', retryAfterMs: null });
    expect(queries.session({}, desk)).toMatchObject({ role: 'signed_out', account: null, locked: false });
    expect(() => queries.bootstrap({}, desk)).toThrow(/sign in/);

    const ok = await commands.signIn({ username: 'op-7', password: TEST_PASSWORD }, desk);
    expect(ok).toMatchObject({ ok: true, session: { role: 'operator', account: { username: 'op-7' }, permissions: { commands: true, supervise: false } } });
    expect(queries.bootstrap({}, desk)).toMatchObject({ role: 'operator', operatorId: 'op-7' });

    const { entries } = await queries.audit({}, tc.caller);
    const attempts = entries.filter((e) => e.action.startsWith('sign_in') && e.session === 'ws:desk').reverse();
    expect(attempts.map((e) => [e.action, e.accountId, e.detail.username ?? e.targetId])).toEqual([
      ['sign_in_failed', null, 'op-7'],
      ['sign_in_failed', null, 'nobody'],
      ['sign_in', 'op-7', 'op-7'],
    ]);
    const everything = JSON.stringify(entries) + tc.log.lines.join('\n');
    expect(everything).not.toContain(TEST_PASSWORD);
    expect(everything).not.toContain('wrong-password');
  });

  it('slows a username down after five failures, whoever tries it', async () => {
    const hub = await testHub();
    const tc = await startTestCore(configFor(hub.url, dataDir()));
    await ensureAccount(tc.core.accounts, 'op-8', 'operator');
    const desk = callerFor('workstation', 'ws:guess');
    for (let i = 0; i < 5; i++) {
      expect(await tc.core.handlers.commands.signIn({ username: 'op-8', password: `guess-${i}-xx` }, desk)).toMatchObject({ ok: false, reason: 'bad_credentials' });
    }
    const slowed = await tc.core.handlers.commands.signIn({ username: 'op-8', password: TEST_PASSWORD }, callerFor('workstation', 'ws:other'));
    expect(slowed).toMatchObject({ ok: false, reason: 'throttled' });
    expect(!slowed.ok && slowed.retryAfterMs).toBeGreaterThan(0);
  });

  it("sends a person's commands under their own username, so the hub's log names them", async () => {
    const hub = await testHub();
    const r = hub.control.createRequest();
    const tc = await startTestCore(configFor(hub.url, dataDir(), { operatorId: 'configured-id' }));
    await caughtUp(tc, hub);
    const op2 = await signedIn(tc.core, 'operator', { username: 'op-2' });
    const { commandId } = await tc.core.handlers.commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, op2);
    await waitFor(() => hub.control.appliedCommands()[commandId] && tc.core.linkState().outboxPending === 0, 'the hub to apply and ack it');
    const event = hub.control.readLog(0, 100).find((e) => e.type === 'request.acknowledged');
    expect(event?.actor).toEqual({ kind: 'operator', id: 'op-2' });
    const sup = await signedIn(tc.core, 'supervisor');
    // The result is recorded when the ack arrives, which is before the event: both are on the trail.
    const rows = (await tc.core.handlers.queries.audit({ requestId: r.id }, sup)).entries.reverse();
    expect(rows).toMatchObject([
      { action: 'command_submitted', accountId: 'op-2', detail: { commandId, type: 'request.acknowledge' } },
      { action: 'command_result', accountId: 'op-2', detail: { commandId, ok: true } },
    ]);
  });

  it('locks an idle session by itself, tells its page, and lets the next person sign in over it', async () => {
    const hub = await testHub();
    const tc = await startTestCore(configFor(hub.url, dataDir(), { idleLockMinutes: 0.05 }));
    await caughtUp(tc, hub);
    const desk = await signedIn(tc.core, 'operator', { username: 'op-1', session: 'ws:idle' });
    const told: SessionState[] = [];
    tc.core.handlers.subscribe('session', (s) => told.push(s), desk);
    // Activity keeps it open past the idle time…
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      tc.core.handlers.commands.activity({}, desk);
    }
    expect(tc.core.handlers.queries.session({}, desk)).toMatchObject({ role: 'operator', locked: false });
    // …and without it the core locks the screen: the page is told, calls are refused.
    const locked = await waitFor(() => told.find((s) => s.locked), 'the idle lock', 20_000);
    expect(locked).toMatchObject({ role: 'signed_out', account: { username: 'op-1' }, permissions: { commands: false } });
    expect(() => tc.core.handlers.queries.bootstrap({}, desk)).toThrow(/sign in/);

    // Shift change: op-3 signs in over op-1's locked screen.
    await ensureAccount(tc.core.accounts, 'op-3', 'operator');
    const next = await tc.core.handlers.commands.signIn({ username: 'op-3', password: TEST_PASSWORD }, desk);
    expect(next).toMatchObject({ ok: true, session: { role: 'operator', account: { username: 'op-3' }, locked: false } });
    const sup = await signedIn(tc.core, 'supervisor');
    const trail = (await tc.core.handlers.queries.audit({}, sup)).entries.filter((e) => e.session === 'ws:idle').reverse();
    expect(trail.map((e) => [e.action, e.accountId, e.detail.reason ?? null])).toEqual([
      ['sign_in', 'op-1', null],
      ['lock', 'op-1', 'idle'],
      ['sign_out', 'op-1', 'replaced'],
      ['sign_in', 'op-3', null],
    ]);
  });

  it('ends a session with its page, and signs out everyone using an account that is disabled', async () => {
    const hub = await testHub();
    const tc = await startTestCore(configFor(hub.url, dataDir()), 'supervisor');
    const page = await signedIn(tc.core, 'operator', { username: 'op-4', session: 'ws:page' });
    const off = tc.core.handlers.subscribe('session', () => {}, page);
    off();
    expect(tc.core.handlers.queries.session({}, page)).toMatchObject({ role: 'signed_out', account: null });

    const other = await signedIn(tc.core, 'operator', { username: 'op-5', session: 'ws:other' });
    const told: SessionState[] = [];
    tc.core.handlers.subscribe('session', (s) => told.push(s), other);
    await tc.core.handlers.commands.accountDisable({ username: 'op-5' }, tc.caller);
    expect(told.at(-1)).toMatchObject({ role: 'signed_out', account: null });
    expect(await tc.core.handlers.commands.signIn({ username: 'op-5', password: TEST_PASSWORD }, other)).toMatchObject({ ok: false, reason: 'disabled' });
  });

  it('keeps the wall a wall and the mayor read-only, whatever they call', async () => {
    const hub = await testHub();
    const r = hub.control.createRequest({ citizen: { name: 'مریم', phone: '09171234567' } });
    const tc = await startTestCore(configFor(hub.url, dataDir()), 'mayor');
    await caughtUp(tc, hub);
    const { commands, queries } = tc.core.handlers;
    const wall = callerFor('wall');
    await ensureAccount(tc.core.accounts, 'op-6', 'operator');
    expect(() => commands.signIn({ username: 'op-6', password: TEST_PASSWORD }, wall)).toThrow(/read-only/);
    expect(queries.session({}, wall)).toMatchObject({ role: 'wall', access: 'wall', account: null });
    expect(queries.bootstrap({}, tc.caller)).toMatchObject({ role: 'mayor', permissions: { commands: false, personalData: false } });
    expect(() => commands.submit({ type: 'request.acknowledge', data: { id: r.id } }, tc.caller)).toThrow(/read-only/);
    expect(() => commands.showContact({ requestId: r.id }, tc.caller)).toThrow(/read-only/);
    expect(() => queries.search({ text: '0917' }, tc.caller)).toThrow(/mayor/);
  });
});
