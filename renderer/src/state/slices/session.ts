// Who is at this screen (docs/sign-in.md): the core's session state, followed for the page's
// lifetime, and what follows from it. While someone may read the district (an account signed in,
// or the wall display) the store bootstraps and follows `live`; when the session is signed out or
// locked it stops, and everything the last person's session brought is dropped — the district's
// data, the selection, search hits, toasts, "acted on" — so a locked screen holds nothing of the
// queue. The password passes through `signIn` to the core and is kept nowhere.
import type { StateCreator } from 'zustand';
import type { SessionState, SignInOutcome } from '../../../../common/api/contract';
import type { ConsoleState } from '../store';
import { emptyData } from './data';
import { NO_SELECTION, viewFor } from './ui';

/**
 * At most one `activity` call this often: the core's idle lock counts minutes, not keystrokes. A
 * lock set shorter than two minutes (tests, demos) is told four times within its time instead.
 */
export const ACTIVITY_EVERY_MS = 30_000;
export const activityEveryMs = (idleLockMinutes: number): number => Math.min(ACTIVITY_EVERY_MS, (idleLockMinutes * 60_000) / 4);

const NO_PERMISSIONS = { commands: false, personalData: false, supervise: false } as const;

export interface SessionSlice {
  /** The core's word on this session; null until it has answered. */
  session: SessionState | null;

  /** The core's (new) session state: start or stop following the district as it allows; resolves once bootstrapped, if it does. */
  applySession(s: SessionState): Promise<void>;
  /** Sign in (over a locked screen too); a refusal is the outcome, not an error. */
  signIn(username: string, password: string): Promise<SignInOutcome>;
  signOut(): Promise<void>;
  lock(): Promise<void>;
  /** A keystroke or a click at this screen: tells the core, at most once per `activityEveryMs`. */
  activity(): void;
  /** Drops the session and all it brought (the store stops following the core). */
  forgetSession(): void;
}

/** Who the district's data is read for: null while no one may read it (signed out, locked). */
function readerOf(s: SessionState | null): string | null {
  if (!s || s.role === 'signed_out') return null;
  return `${s.access}|${s.role}|${s.account?.username ?? ''}`;
}

export const createSessionSlice: StateCreator<ConsoleState, [], [], SessionSlice> = (set, get) => {
  let activitySentAt = -Infinity;

  /** Everything derived from the session that ended. */
  function forget(): void {
    const s = get();
    s.unfollowLive();
    s.clearSearch();
    set({
      ...emptyData(s),
      ...NO_SELECTION,
      ready: false,
      error: null,
      permissions: NO_PERMISSIONS,
      operatorId: '',
      link: null,
      actedOn: new Set(),
      toasts: [],
    });
  }

  /** A session call's answer is the new state; the `session` subscription brings the same. */
  const answered = (s: SessionState) => void get().applySession(s);

  return {
    session: null,

    applySession(next) {
      const before = readerOf(get().session);
      const after = readerOf(next);
      if (before !== after && before !== null) forget();
      set({ session: next, error: null, permissions: next.permissions, view: viewFor(next.role) });
      if (before === after || after === null) return Promise.resolve();
      activitySentAt = Date.now(); // signing in was activity enough
      return get().followLive();
    },

    async signIn(username, password) {
      const outcome = await get().command('signIn', { username, password });
      if (outcome.ok) answered(outcome.session);
      return outcome;
    },

    signOut: () => get().command('signOut', {}).then(answered),

    lock: () => get().command('lock', {}).then(answered),

    activity() {
      const s = get().session;
      if (!s?.account || s.role === 'signed_out') return;
      const now = Date.now();
      if (now - activitySentAt < activityEveryMs(s.idleLockMinutes)) return;
      activitySentAt = now;
      get()
        .command('activity', {})
        .catch((err: unknown) => console.error('activity call failed', err));
    },

    forgetSession() {
      forget();
      set({ session: null });
    },
  };
};
