// The console's accounts from a terminal: the first supervisor of a new room, and what IT staff
// do without the UI. It opens the data directory's database as the `command` CLI does (next to a
// running console, through SQLite's own locking). Passwords are read from the terminal without
// echo (asked twice) or, for scripts, from the first line of stdin with --password-stdin. Every
// change is on the audit trail like one made in the console, by no account, from session `cli`.
//   npm run accounts -- create --data-dir DIR --username U --name "…" --role supervisor [--password-stdin]
//   npm run accounts -- list --data-dir DIR
//   npm run accounts -- disable --data-dir DIR --username U
//   npm run accounts -- reset-password --data-dir DIR --username U [--password-stdin]
//   npm run accounts -- wall-token --data-dir DIR [--revoke ID]
//   npm run accounts -- wall-tokens --data-dir DIR
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ACCOUNT_ROLES, type AccountRole } from '../../common/domain/account';
import { AccountError, Accounts } from '../core/accounts';
import { AuditTrail, type AuditEntry } from '../core/audit';
import { ensureConsoleId, parseFlags } from '../core/config';
import { createPrivateDir } from '../core/data-dir';
import { DB_FILE_NAME, Store } from '../core/db/store';

const USAGE = `usage: accounts <create|list|disable|reset-password|wall-token|wall-tokens> --data-dir DIR [options]
  create --username U --name "…" --role ${ACCOUNT_ROLES.join('|')} [--password-stdin]
  disable --username U
  reset-password --username U [--password-stdin]
  wall-token [--revoke ID]`;

class UsageError extends Error {}

const FLAGS = { '--data-dir': 'dataDir', '--username': 'username', '--name': 'name', '--role': 'role', '--revoke': 'revoke' };

async function readLineFromStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new UsageError('--password-stdin: stdin gave no line');
}

/** A password typed at the terminal: nothing echoed, asked twice. */
async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('stdin is not a terminal: pass the password with --password-stdin');
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      rl.question(q, (a) => {
        process.stderr.write('\n');
        resolve(a);
      });
      muted = true;
    });
  try {
    const first = await ask('password: ');
    const again = await ask('again: ');
    if (first !== again) throw new UsageError('the two passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

const password = (argv: string[]) => (argv.includes('--password-stdin') ? readLineFromStdin() : askPassword());

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is needed\n${USAGE}`);
  return value;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd()).join('\n') + '\n';
}

async function run(argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  const f = parseFlags(rest, FLAGS);
  const dataDir = need(f.dataDir, '--data-dir');
  createPrivateDir(dataDir);
  const store = Store.open(join(dataDir, DB_FILE_NAME));
  try {
    const accounts = new Accounts(store);
    const trail = new AuditTrail(store, ensureConsoleId(dataDir));
    const audit = (e: Omit<AuditEntry, 'accountId' | 'session'>) => trail.record({ accountId: null, session: 'cli', ...e });
    switch (action) {
      case 'create': {
        const role = need(f.role, '--role');
        if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role is one of ${ACCOUNT_ROLES.join(', ')}, not "${role}"`);
        const input = { username: need(f.username, '--username'), displayName: need(f.name, '--name'), role: role as AccountRole };
        const a = await accounts.create({ ...input, password: await password(rest) });
        audit({ action: 'account_created', targetKind: 'account', targetId: a.username, detail: { username: a.username, role: a.role } });
        process.stdout.write(`created ${a.role} ${a.username} (${a.displayName})\n`);
        return;
      }
      case 'list': {
        const rows = accounts.list().map((a) => [a.username, a.displayName, a.role, a.createdAt, a.disabledAt ?? '']);
        process.stdout.write(table([['username', 'name', 'role', 'created', 'disabled'], ...rows]));
        return;
      }
      case 'disable': {
        const a = accounts.disable(need(f.username, '--username'));
        audit({ action: 'account_disabled', targetKind: 'account', targetId: a.username, detail: { username: a.username } });
        process.stdout.write(`disabled ${a.username} (${a.disabledAt})\n`);
        return;
      }
      case 'reset-password': {
        const username = need(f.username, '--username');
        if (!accounts.get(username)) throw new AccountError('not_found', `no account "${username}"`);
        await accounts.resetPassword(username, await password(rest));
        audit({ action: 'password_reset', targetKind: 'account', targetId: username, detail: { username } });
        process.stdout.write(`password of ${username} reset\n`);
        return;
      }
      case 'wall-token': {
        if (f.revoke) {
          accounts.revokeWallToken(f.revoke);
          audit({ action: 'wall_token_revoked', targetKind: 'wall_token', targetId: f.revoke, detail: { id: f.revoke } });
          process.stdout.write(`wall token ${f.revoke} revoked\n`);
          return;
        }
        const { id, token } = accounts.createWallToken();
        audit({ action: 'wall_token_created', targetKind: 'wall_token', targetId: id, detail: { id } });
        process.stdout.write(`wall token ${id}: ${token}\n(shown only now: only its hash is kept. Open the wall at http://HOST:PORT/?token=<it>)\n`);
        return;
      }
      case 'wall-tokens': {
        const rows = accounts.wallTokens().map((t) => [t.id, t.createdAt, t.revokedAt ?? '']);
        process.stdout.write(table([['id', 'created', 'revoked'], ...rows]));
        return;
      }
      default:
        throw new UsageError(action ? `unknown action "${action}"\n${USAGE}` : USAGE);
    }
  } finally {
    store.close();
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`accounts: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
