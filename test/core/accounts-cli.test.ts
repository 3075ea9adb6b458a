// The accounts CLI as a real process on a temporary data directory.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../main/core/accounts';
import { AuditTrail } from '../../main/core/audit';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { tempDir } from '../support/temp';

const ROOT = resolve(import.meta.dirname, '../..');
const t = tempDir('c137-accounts-cli-');
afterAll(() => t.cleanup());

function accounts(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'main/cli/accounts.ts', ...args], { cwd: ROOT }, (error, out, err) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
    child.stdin!.end(stdin ?? '');
  });
}

describe('accounts CLI', { timeout: 60_000 }, () => {
  it('creates the first supervisor from stdin, lists without hashes, makes and revokes a wall token', async () => {
    const dir = join(t.dir, 'room');
    const created = await accounts(['create', '--data-dir', dir, '--username', 'sup-1', '--name', 'مریم احمدی', '--role', 'supervisor', '--password-stdin'], 'first-password-137\n');
    expect(created).toMatchObject({ code: 0, out: 'created supervisor sup-1 (مریم احمدی)\n' });
    const list = await accounts(['list', '--data-dir', dir]);
    expect(list.out).toMatch(/^username\s+name\s+role/);
    expect(list.out).toContain('sup-1');
    expect(list.out).not.toMatch(/scrypt|first-password/);
    const made = await accounts(['wall-token', '--data-dir', dir]);
    const [, id, token] = /wall token (\S+): (\S+)/.exec(made.out)!;

    const store = Store.open(join(dir, DB_FILE_NAME));
    const a = new Accounts(store);
    expect((await a.signIn('sup-1', 'first-password-137')).ok).toBe(true);
    expect(a.wallTokenValid(token)).toBe(true);
    // On the trail like a change made in the console, and the token itself nowhere on it.
    const trail = new AuditTrail(store, 'test').list({});
    expect(trail.map((r) => [r.action, r.accountId, r.session, r.targetId]).reverse()).toEqual([
      ['account_created', null, 'cli', 'sup-1'],
      ['wall_token_created', null, 'cli', id],
    ]);
    expect(JSON.stringify(trail)).not.toContain(token);
    store.close();

    expect((await accounts(['wall-token', '--data-dir', dir, '--revoke', id])).code).toBe(0);
    const reopened = Store.open(join(dir, DB_FILE_NAME));
    expect(new Accounts(reopened).wallTokenValid(token)).toBe(false);
    reopened.close();
    expect((await accounts(['reset-password', '--data-dir', dir, '--username', 'sup-1', '--password-stdin'], 'second-password-137\n')).code).toBe(0);
  });

  it('refuses bad input with one line and exit 2, never a stack', async () => {
    const dir = join(t.dir, 'bad');
    for (const [args, stdin, message] of [
      [['create', '--data-dir', dir, '--username', 'op-1', '--name', 'x', '--role', 'admin', '--password-stdin'], 'pw-long-enough\n', /--role is one of operator, supervisor, mayor/],
      [['create', '--data-dir', dir, '--username', 'Op 1', '--name', 'x', '--role', 'operator', '--password-stdin'], 'pw-long-enough\n', /username is 2–32/],
      [['create', '--data-dir', dir, '--username', 'op-1', '--name', 'x', '--role', 'operator', '--password-stdin'], 'short\n', /at least 8/],
      [['create', '--data-dir', dir, '--username', 'op-1', '--name', 'x', '--role', 'operator'], '', /not a terminal/],
      [['disable', '--data-dir', dir, '--username', 'ghost'], '', /no account "ghost"/],
      [['fly', '--data-dir', dir], '', /unknown action "fly"/],
      [['list'], '', /--data-dir is needed/],
    ] as const) {
      const r = await accounts([...args], stdin);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
