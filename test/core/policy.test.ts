// The one policy: every query, command and subscription of the contract against every role, and
// what the guarded handlers do with a refusal. The expected table is written out here, not derived
// from the policy, so a grant changed by mistake fails.
import { describe, expect, it } from 'vitest';
import { Role } from '../../common/api/contract';
import { ApiError, dispatch, type ApiHandlers } from '../../common/api/rpc';
import { ALL_CALLS, permissions, refusal, seesNotice, seesPersonalData, withPolicy } from '../../main/core/policy';
import { callerFor } from '../support/callers';

const SELF = ['query session', 'subscription session'];
const SIGNED_IN = [...SELF, 'command signIn', 'command signOut', 'command lock', 'command activity'];
const READ = ['query bootstrap', 'query requestDetail', 'query crewTrail', 'subscription live'];
const OPERATE = ['query actedOn', 'query duplicateCandidates', 'query search', 'command submit', 'command showContact'];
const SUPERVISE = [
  'query accounts',
  'query audit',
  'query handoverNotes',
  'query handoverPending',
  'command accountCreate',
  'command accountDisable',
  'command accountResetPassword',
  'command auditExport',
  'command handoverWrite',
  'command handoverAcknowledge',
];

const ALLOWED: Record<Role, readonly string[]> = {
  signed_out: [...SELF, 'command signIn'],
  operator: [...SIGNED_IN, ...READ, ...OPERATE],
  supervisor: [...SIGNED_IN, ...READ, ...OPERATE, ...SUPERVISE],
  mayor: [...SIGNED_IN, ...READ],
  wall: [...SELF, ...READ],
};
const SEES: Record<Role, { commands: boolean; personalData: boolean; supervise: boolean }> = {
  signed_out: { commands: false, personalData: false, supervise: false },
  operator: { commands: true, personalData: true, supervise: false },
  supervisor: { commands: true, personalData: true, supervise: true },
  mayor: { commands: false, personalData: false, supervise: false },
  wall: { commands: false, personalData: false, supervise: false },
};

describe('policy', () => {
  it('has a row for every role, and the table names only calls of the contract', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...Role.options].sort());
    const calls = new Set(ALL_CALLS.map((c) => `${c.kind} ${c.name}`));
    for (const listed of Object.values(ALLOWED).flat()) expect(calls, listed).toContain(listed);
  });

  for (const role of Role.options) {
    for (const { kind, name } of ALL_CALLS) {
      const allowed = ALLOWED[role].includes(`${kind} ${name}`);
      it(`${role}: ${kind} ${name} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(refusal(role, kind, name) === null).toBe(allowed);
      });
    }
    it(`${role}: personal data ${SEES[role].personalData ? 'on asking' : 'withheld'}, and the UI told the same`, () => {
      expect(seesPersonalData(role)).toBe(SEES[role].personalData);
      expect(permissions(role)).toEqual(SEES[role]);
    });
  }

  it('tells how a command went to the session that sent it only; one no session sent, to those who may send commands', () => {
    expect(seesNotice('operator', 'window:1', 'window:1')).toBe(true);
    expect(seesNotice('operator', 'window:2', 'window:1')).toBe(false);
    expect(seesNotice('wall', 'window:3', 'window:1')).toBe(false);
    expect(seesNotice('operator', 'window:2', null)).toBe(true);
    expect(seesNotice('supervisor', 'window:2', null)).toBe(true);
    expect(seesNotice('wall', 'window:3', null)).toBe(false);
    expect(seesNotice('mayor', 'window:4', null)).toBe(false);
    // A screen locked since it sent the command hears nothing until someone signs in again.
    expect(seesNotice('signed_out', 'window:1', 'window:1')).toBe(false);
  });

  it('refuses before the handler runs, as forbidden, by the role the session has at the time of the call', async () => {
    let ran = 0;
    let role: Role = 'wall';
    const submit = () => ({ commandId: `c${++ran}` });
    const handlers = withPolicy({ queries: {}, commands: { submit }, subscribe: () => () => {} } as unknown as ApiHandlers, () => role);
    const call = { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: { id: 'r-1' } } };
    expect(await dispatch(handlers, call, callerFor('wall'))).toMatchObject({ ok: false, error: { code: 'forbidden', message: /read-only/ } });
    role = 'signed_out';
    expect(await dispatch(handlers, call, callerFor())).toMatchObject({ ok: false, error: { code: 'forbidden', message: /sign in/ } });
    expect(() => handlers.commands.submit({ type: 'request.acknowledge', data: { id: 'r-1' } }, callerFor())).toThrow(ApiError);
    expect(ran).toBe(0);
    role = 'operator';
    expect(await dispatch(handlers, call, callerFor())).toEqual({ ok: true, value: { commandId: 'c1' } });
  });
});
