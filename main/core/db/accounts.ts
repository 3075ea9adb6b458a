// The console's accounts, the failed sign-ins per attempted username, and the wall's lasting
// tokens (hashes only). The rules (who may sign in, the throttle) are ../accounts.ts's.
import type { AccountRole } from '../../../common/domain/account';
import type { Connection } from './connection';
import { Table } from './table';

export interface AccountRow {
  username: string;
  displayName: string;
  role: AccountRole;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface FailureRow {
  failures: number;
  lastFailedAt: string;
}

export interface WallTokenRow {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

const ACCOUNTS = new Table<AccountRow>('accounts', {
  username: 'username',
  displayName: 'display_name',
  role: 'role',
  passwordHash: 'password_hash',
  createdAt: 'created_at',
  disabledAt: 'disabled_at',
});
const FAILURES = new Table<FailureRow>('sign_in_failures', { failures: 'failures', lastFailedAt: 'last_failed_at' });
const WALL_TOKENS = new Table<WallTokenRow>('wall_tokens', { id: 'id', createdAt: 'created_at', revokedAt: 'revoked_at' });

export class AccountStore {
  constructor(private readonly c: Connection) {}

  /** False when the username is taken. */
  insert(a: AccountRow): boolean {
    const cols = `username, display_name, role, password_hash, created_at, disabled_at`;
    const r = this.c.st(`INSERT OR IGNORE INTO accounts (${cols}) VALUES (?, ?, ?, ?, ?, ?)`).run(
      a.username, a.displayName, a.role, a.passwordHash, a.createdAt, a.disabledAt,
    );
    return r.changes === 1;
  }

  get(username: string): AccountRow | null {
    return ACCOUNTS.one(this.c.st(`${ACCOUNTS.select} WHERE username = ?`).get(username));
  }

  all(): AccountRow[] {
    return ACCOUNTS.all(this.c.st(`${ACCOUNTS.select} ORDER BY username`).all());
  }

  enabledCount(role: AccountRole): number {
    return (this.c.st('SELECT count(*) AS n FROM accounts WHERE role = ? AND disabled_at IS NULL').get(role) as { n: number }).n;
  }

  disable(username: string, at: string): void {
    this.c.st('UPDATE accounts SET disabled_at = ? WHERE username = ? AND disabled_at IS NULL').run(at, username);
  }

  setPasswordHash(username: string, hash: string): void {
    this.c.st('UPDATE accounts SET password_hash = ? WHERE username = ?').run(hash, username);
  }

  failures(username: string): FailureRow | null {
    return FAILURES.one(this.c.st(`${FAILURES.select} WHERE username = ?`).get(username));
  }

  /** One more failure in a row for `username`; the count after it. */
  addFailure(username: string, at: string): number {
    const row = this.c
      .st(`INSERT INTO sign_in_failures (username, failures, last_failed_at) VALUES (?, 1, ?)
           ON CONFLICT (username) DO UPDATE SET failures = failures + 1, last_failed_at = excluded.last_failed_at
           RETURNING failures`)
      .get(username, at) as { failures: number };
    return row.failures;
  }

  clearFailures(username: string): void {
    this.c.st('DELETE FROM sign_in_failures WHERE username = ?').run(username);
  }

  insertWallToken(id: string, tokenHash: string, at: string): void {
    this.c.st('INSERT INTO wall_tokens (id, token_hash, created_at) VALUES (?, ?, ?)').run(id, tokenHash, at);
  }

  /** False when there is no such token still in force. */
  revokeWallToken(id: string, at: string): boolean {
    return this.c.st('UPDATE wall_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
  }

  wallTokens(): WallTokenRow[] {
    return WALL_TOKENS.all(this.c.st(`${WALL_TOKENS.select} ORDER BY created_at, id`).all());
  }

  wallTokenInForce(tokenHash: string): boolean {
    return this.c.st('SELECT 1 FROM wall_tokens WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash) !== undefined;
  }
}
