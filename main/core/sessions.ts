// Who is signed in on each session of this console. A transport's caller names its session and
// what its credential opened (a workstation or the wall); here that session gets the role it acts
// as right now — the signed-in account's, the wall's, or signed out — for ./policy to judge every
// call by. Sessions live in memory: a page's session ends with the page (its `session`
// subscription), and a restarted core asks everyone to sign in again.
import type { AccountView, Role, SessionState, SignInOutcome } from '../../common/api/contract';
import type { Caller } from '../../common/api/rpc';
import type { Accounts } from './accounts';
import type { AuditTrail } from './audit';
import type { Logger } from './log';
import { permissions } from './policy';

interface Session {
  account: AccountView | null;
  /** Locked: `account` is who locked it; the session acts as signed out until someone signs in. */
  locked: boolean;
  /** Epoch ms of the last keystroke, click or command. */
  activeAt: number;
  listeners: Set<(s: SessionState) => void>;
}

export interface SessionDeps {
  accounts: Accounts;
  audit: AuditTrail;
  idleLockMinutes: number;
  /** This console's id, as the audit trail names the workstation. */
  workstation: string;
  /** The audit chain's first broken row (checked at start), told to supervisors. */
  auditBroken(): { seq: number; reason: string } | null;
  log: Logger;
  now?: () => number;
}

type EndReason = 'signed_out' | 'replaced' | 'page_closed' | 'account_disabled';

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private readonly idleMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly d: SessionDeps) {
    this.now = d.now ?? Date.now;
    this.idleMs = d.idleLockMinutes * 60_000;
    // Often enough that a screen locks within a few seconds of its time, however short it is set.
    this.sweeper = setInterval(() => this.lockIdle(), Math.min(15_000, Math.max(1000, this.idleMs / 4)));
    this.sweeper.unref();
  }

  /** The role `caller`'s session acts as now. */
  roleOf(caller: Caller): Role {
    if (caller.access === 'wall') return 'wall';
    const s = this.sessions.get(caller.session);
    return s?.account && !s.locked ? s.account.role : 'signed_out';
  }

  /** The account signed in (and not locked) on `caller`'s session. */
  accountOf(caller: Caller): AccountView | null {
    const s = this.sessions.get(caller.session);
    return caller.access === 'workstation' && s?.account && !s.locked ? s.account : null;
  }

  state(caller: Caller): SessionState {
    const role = this.roleOf(caller);
    const s = this.sessions.get(caller.session);
    const account = s?.account ?? null;
    return {
      role,
      access: caller.access,
      account: account && { username: account.username, displayName: account.displayName, role: account.role },
      locked: s?.locked ?? false,
      permissions: permissions(role),
      idleLockMinutes: this.d.idleLockMinutes,
      workstation: this.d.workstation,
      auditBroken: permissions(role).supervise ? this.d.auditBroken() : null,
    };
  }

  async signIn(caller: Caller, username: string, password: string): Promise<SignInOutcome> {
    const result = await this.d.accounts.signIn(username, password, new Date(this.now()));
    if (!result.ok) {
      const detail = { username: username.slice(0, 64), reason: result.reason, failures: result.failures };
      this.d.audit.record({ accountId: null, session: caller.session, action: 'sign_in_failed', targetKind: 'account', targetId: null, detail });
      return { ok: false, reason: result.reason, retryAfterMs: result.retryAfterMs };
    }
    const s = this.session(caller);
    // The next shift's person over the last one's screen (locked or not): the last one's session ends.
    if (s.account && s.account.username !== result.account.username) this.end(caller, s, 'replaced');
    const unlocked = s.locked;
    s.account = result.account;
    s.locked = false;
    s.activeAt = this.now();
    this.d.audit.record({
      accountId: result.account.username,
      session: caller.session,
      action: 'sign_in',
      targetKind: 'account',
      targetId: result.account.username,
      detail: { role: result.account.role, ...(unlocked ? { unlocked: true } : {}) },
    });
    this.tell(caller, s);
    return { ok: true, session: this.state(caller) };
  }

  signOut(caller: Caller): SessionState {
    const s = this.sessions.get(caller.session);
    if (s?.account) this.end(caller, s, 'signed_out');
    return this.state(caller);
  }

  lock(caller: Caller, reason: 'manual' | 'idle' = 'manual'): SessionState {
    const s = this.sessions.get(caller.session);
    if (s?.account && !s.locked) {
      s.locked = true;
      this.d.audit.record({ accountId: s.account.username, session: caller.session, action: 'lock', targetKind: null, targetId: null, detail: { reason } });
      this.tell(caller, s);
    }
    return this.state(caller);
  }

  /** A keystroke, a click or a command: the idle lock starts counting again. */
  touch(caller: Caller): void {
    const s = this.sessions.get(caller.session);
    if (s && !s.locked) s.activeAt = this.now();
  }

  /** Follow the session's state; when the page's last follower goes, the page is gone: its session ends. */
  subscribe(caller: Caller, listener: (s: SessionState) => void): () => void {
    const s = this.session(caller);
    s.listeners.add(listener);
    return () => {
      s.listeners.delete(listener);
      if (s.listeners.size || this.sessions.get(caller.session) !== s) return;
      if (s.account && !s.locked) this.end(caller, s, 'page_closed');
      this.sessions.delete(caller.session);
    };
  }

  /** An account was disabled: whoever is signed in with it is signed out now. */
  accountDisabled(username: string): void {
    for (const [session, s] of this.sessions) {
      if (s.account?.username !== username) continue;
      this.end({ access: 'workstation', session }, s, 'account_disabled');
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private lockIdle(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [session, s] of this.sessions) {
      if (s.account && !s.locked && s.activeAt <= cutoff) this.lock({ access: 'workstation', session }, 'idle');
    }
  }

  private end(caller: Caller, s: Session, reason: EndReason): void {
    const account = s.account!;
    this.d.audit.record({ accountId: account.username, session: caller.session, action: 'sign_out', targetKind: 'account', targetId: account.username, detail: { reason } });
    s.account = null;
    s.locked = false;
    this.tell(caller, s);
  }

  private session(caller: Caller): Session {
    let s = this.sessions.get(caller.session);
    if (!s) {
      s = { account: null, locked: false, activeAt: this.now(), listeners: new Set() };
      this.sessions.set(caller.session, s);
    }
    return s;
  }

  private tell(caller: Caller, s: Session): void {
    const state = this.state(caller);
    for (const l of s.listeners) {
      try {
        l(state);
      } catch (err) {
        this.d.log.warn(`session listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
