// Who is signed in at this screen, with Lock (Shift+L) and Sign out (docs/sign-in.md). Nothing on
// a screen no one signs in to (the wall display).
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';

const KEYS: readonly ShortcutDef[] = [
  { id: 'session.lock', codes: ['KeyL'], modifiers: { shift: true }, key: 'Shift+L', scope: 'global', label: (t) => t.signin.keys.lock },
];

const failed = (what: string) => (err: unknown) => console.error(`${what} failed`, err);
const lock = () => void useConsole.getState().lock().catch(failed('lock'));
const signOut = () => void useConsole.getState().signOut().catch(failed('sign out'));

export function AccountControls() {
  const t = useT();
  const account = useConsole((s) => s.session?.account ?? null);
  useShortcuts(KEYS, () => (account ? lock() : false));
  if (!account) return null;
  return (
    <div className="account" role="group" aria-label={t.signin.account} data-testid="account">
      <span className="account__who">
        <span className="account__name">{account.displayName}</span>
        <span className="account__role muted">{t.signin.role[account.role]}</span>
      </span>
      <button type="button" aria-label={t.signin.lockLabel} onClick={lock}>
        {t.signin.lock}
        <kbd dir="ltr">⇧L</kbd>
      </button>
      <button type="button" aria-label={t.signin.signOutLabel} onClick={signOut}>
        {t.signin.signOut}
      </button>
    </div>
  );
}
