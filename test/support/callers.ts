// The callers a test's direct handler calls or raw sockets stand for (a transport builds them in
// the app), and sessions signed in on a real core the way a person's would be.
import type { Access, AccountRole } from '../../common/api/contract';
import type { ApiHandlers, Caller } from '../../common/api/rpc';
import type { Accounts } from '../../main/core/accounts';

export const callerFor = (access: Access = 'workstation', session = `test:${access}`): Caller => ({ access, session });

/** The password of every account tests make (a test's own, never a secret). */
export const TEST_PASSWORD = 'correct-horse-137';

/** The account tests use for each role unless they name another. */
export const TEST_ACCOUNTS: Record<AccountRole, string> = { operator: 'op-1', supervisor: 'sup-1', mayor: 'mayor-1' };

/** Make the account if this core does not have it yet. */
export async function ensureAccount(accounts: Accounts, username: string, role: AccountRole): Promise<void> {
  if (!accounts.get(username)) await accounts.create({ username, displayName: `${role} ${username}`, role, password: TEST_PASSWORD });
}

/** A workstation session of `core` with `username` signed in (made as `role` if it does not exist). */
export async function signedIn(
  core: { accounts: Accounts; handlers: ApiHandlers },
  role: AccountRole,
  o: { username?: string; session?: string } = {},
): Promise<Caller> {
  const username = o.username ?? TEST_ACCOUNTS[role];
  await ensureAccount(core.accounts, username, role);
  const caller = callerFor('workstation', o.session ?? `test:${username}`);
  const outcome = await core.handlers.commands.signIn({ username, password: TEST_PASSWORD }, caller);
  if (!outcome.ok) throw new Error(`test sign-in as ${username} refused: ${outcome.reason}`);
  return caller;
}
