// The console's accounts and what signing in checks: the password (./auth/password), a disabled
// account, the throttle on guessing (./auth/throttle). Nothing here logs or returns a password or a
// hash. The wall display's lasting tokens live here too: a screen's credential, not a person's.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ACCOUNT_PROBLEM_TEXT,
  ACCOUNT_ROLES,
  displayNameProblem,
  passwordProblem,
  usernameProblem,
  type AccountProblem,
  type AccountRole,
} from '../../common/domain/account';
import { hashPassword, verifyPassword } from './auth/password';
import { retryAfterMs } from './auth/throttle';
import type { AccountRow } from './db/accounts';
import type { Store } from './db/store';

export interface AccountView {
  username: string;
  displayName: string;
  role: AccountRole;
  createdAt: string;
  disabledAt: string | null;
}

export type SignInResult =
  | { ok: true; account: AccountView }
  | { ok: false; reason: 'bad_credentials' | 'disabled' | 'throttled'; retryAfterMs: number | null; failures: number };

export class AccountError extends Error {
  constructor(
    readonly code: 'invalid' | 'exists' | 'not_found' | 'last_supervisor',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/** Attempted usernames are kept (for the throttle) at most this long. */
const MAX_ATTEMPTED_USERNAME = 64;

const view = ({ username, displayName, role, createdAt, disabledAt }: AccountRow): AccountView => ({ username, displayName, role, createdAt, disabledAt });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function refuse(problem: AccountProblem | null): void {
  if (problem) throw new AccountError('invalid', ACCOUNT_PROBLEM_TEXT[problem]);
}

export class Accounts {
  /** Spent on an unknown username, so its refusal takes as long as a wrong password's. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly store: Store) {}

  async create(input: { username: string; displayName: string; role: AccountRole; password: string }, now = new Date()): Promise<AccountView> {
    refuse(usernameProblem(input.username));
    refuse(displayNameProblem(input.displayName));
    refuse(passwordProblem(input.password));
    if (!ACCOUNT_ROLES.includes(input.role)) throw new AccountError('invalid', `a role is one of ${ACCOUNT_ROLES.join(', ')}`);
    const row: AccountRow = {
      username: input.username,
      displayName: input.displayName.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now.toISOString(),
      disabledAt: null,
    };
    if (!this.store.tx(() => this.store.accounts.insert(row))) throw new AccountError('exists', `the username "${input.username}" is taken`);
    return view(row);
  }

  list(): AccountView[] {
    return this.store.accounts.all().map(view);
  }

  get(username: string): AccountView | null {
    const row = this.store.accounts.get(username);
    return row && view(row);
  }

  /** Refuses to disable the last enabled supervisor: no one would be left to manage accounts. */
  disable(username: string, now = new Date()): AccountView {
    return this.store.tx(() => {
      const row = this.existing(username);
      if (row.disabledAt) return view(row);
      if (row.role === 'supervisor' && this.store.accounts.enabledCount('supervisor') === 1) {
        throw new AccountError('last_supervisor', 'the last supervisor cannot be disabled: make another supervisor first');
      }
      this.store.accounts.disable(username, now.toISOString());
      return view(this.existing(username));
    });
  }

  async resetPassword(username: string, password: string): Promise<void> {
    this.existing(username);
    refuse(passwordProblem(password));
    const hash = await hashPassword(password);
    this.store.tx(() => {
      this.store.accounts.setPasswordHash(username, hash);
      this.store.accounts.clearFailures(username);
    });
  }

  async signIn(username: string, password: string, now = new Date()): Promise<SignInResult> {
    const attempted = username.slice(0, MAX_ATTEMPTED_USERNAME);
    const failures = this.store.accounts.failures(attempted);
    const wait = failures ? retryAfterMs(failures, now) : 0;
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait, failures: failures!.failures };
    const row = this.store.accounts.get(username);
    const matches = await verifyPassword(password, row?.passwordHash ?? (await this.dummy()));
    if (!row || !matches) {
      const count = this.store.tx(() => this.store.accounts.addFailure(attempted, now.toISOString()));
      return { ok: false, reason: 'bad_credentials', retryAfterMs: null, failures: count };
    }
    // Told only to whoever knows the password: a disabled account is not revealed to a guesser.
    if (row.disabledAt) return { ok: false, reason: 'disabled', retryAfterMs: null, failures: failures?.failures ?? 0 };
    if (failures) this.store.tx(() => this.store.accounts.clearFailures(attempted));
    return { ok: true, account: view(row) };
  }

  hasSupervisor(): boolean {
    return this.store.accounts.enabledCount('supervisor') > 0;
  }

  /** A new lasting wall token: 32 random bytes, base64url; only its hash is kept, so it is shown once. */
  createWallToken(now = new Date()): { id: string; token: string } {
    const id = randomUUID().slice(0, 8);
    const token = randomBytes(32).toString('base64url');
    this.store.tx(() => this.store.accounts.insertWallToken(id, sha256(token), now.toISOString()));
    return { id, token };
  }

  revokeWallToken(id: string, now = new Date()): void {
    if (!this.store.tx(() => this.store.accounts.revokeWallToken(id, now.toISOString()))) {
      throw new AccountError('not_found', `no wall token "${id}" in force`);
    }
  }

  wallTokens(): Array<{ id: string; createdAt: string; revokedAt: string | null }> {
    return this.store.accounts.wallTokens();
  }

  /** Looked up by its hash: equal hashes are found by the index, so no comparison of secrets leaks timing. */
  wallTokenValid(token: string): boolean {
    return this.store.accounts.wallTokenInForce(sha256(token));
  }

  private existing(username: string): AccountRow {
    const row = this.store.accounts.get(username);
    if (!row) throw new AccountError('not_found', `no account "${username}"`);
    return row;
  }

  private dummy(): Promise<string> {
    return (this.dummyHash ??= hashPassword(randomBytes(16).toString('hex')));
  }
}
