// The one policy: every query, command and subscription of the contract against every role, and
// what the guarded handlers do with a refusal.
import { describe, expect, it } from 'vitest';
import { api, Role } from '../../common/api/contract';
import { ApiError, dispatch, type ApiHandlers } from '../../common/api/rpc';
import { permissions, refusal, seesNotice, seesPersonalData, withPolicy } from '../../main/core/policy';
import { callerFor } from '../support/callers';

const may: Record<Role, { query: boolean; command: boolean; subscription: boolean; personalData: boolean }> = {
  operator: { query: true, command: true, subscription: true, personalData: true },
  wall: { query: true, command: false, subscription: true, personalData: false },
};
/** Calls a role may not make although its row above allows their kind. */
const except: Record<Role, readonly string[]> = { operator: [], wall: ['query search', 'query duplicateCandidates'] };

describe('policy', () => {
  it('has a row for every role', () => expect(Object.keys(may).sort()).toEqual([...Role.options].sort()));

  for (const role of Role.options) {
    const caller = callerFor(role);
    const calls = [
      ...Object.keys(api.queries).map((name) => ['query', name] as const),
      ...Object.keys(api.commands).map((name) => ['command', name] as const),
      ...Object.keys(api.subscriptions).map((name) => ['subscription', name] as const),
    ];
    for (const [kind, name] of calls) {
      const allowed = may[role][kind] && !except[role].includes(`${kind} ${name}`);
      it(`${role}: ${kind} ${name} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(refusal(caller, kind, name) === null).toBe(allowed);
      });
    }
    it(`${role}: personal data ${may[role].personalData ? 'shown' : 'withheld'}, and the UI told the same`, () => {
      expect(seesPersonalData(caller)).toBe(may[role].personalData);
      expect(permissions(caller)).toEqual({ commands: may[role].command, personalData: may[role].personalData });
    });
  }

  it('tells how a command went to the session that sent it only; one no session sent, to those who may send commands', () => {
    expect(seesNotice(callerFor('operator', 'window:1'), 'window:1')).toBe(true);
    expect(seesNotice(callerFor('operator', 'window:2'), 'window:1')).toBe(false);
    expect(seesNotice(callerFor('wall', 'window:3'), 'window:1')).toBe(false);
    expect(seesNotice(callerFor('operator', 'window:2'), null)).toBe(true);
    expect(seesNotice(callerFor('wall', 'window:3'), null)).toBe(false);
  });

  it('refuses before the handler runs, as forbidden, through the dispatcher and direct calls alike', async () => {
    let ran = 0;
    const handlers: ApiHandlers = withPolicy({
      queries: {
        bootstrap: () => {
          throw new Error('not used');
        },
        requestDetail: () => {
          throw new Error('not used');
        },
        crewTrail: ({ crewId }) => ({ crewId, points: [] }),
        actedOn: () => ({ ids: [] }),
        duplicateCandidates: () => ({ candidates: [] }),
        search: () => {
          throw new Error('not used');
        },
      },
      commands: { submit: () => ({ commandId: `c${++ran}` }) },
      subscribe: () => () => {},
    });
    const call = { kind: 'command', name: 'submit', input: { type: 'request.acknowledge', data: { id: 'r-1' } } };
    expect(await dispatch(handlers, call, callerFor('wall'))).toMatchObject({ ok: false, error: { code: 'forbidden', message: /read-only/ } });
    expect(() => handlers.commands.submit({ type: 'request.acknowledge', data: { id: 'r-1' } }, callerFor('wall'))).toThrow(ApiError);
    expect(ran).toBe(0);
    expect(await dispatch(handlers, call, callerFor('operator'))).toEqual({ ok: true, value: { commandId: 'c1' } });
  });
});
