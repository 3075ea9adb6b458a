// The walk-in form's place on the operator workstation: W opens it, and only a session the policy
// lets send commands and see citizens' names and phones (§7) gets it — the form asks for both.
import { useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useConsole } from '../../state/store';
import { openWalkInForm, useWalkInForm } from './state';
import { WalkInForm } from './WalkInForm';
import './walkin.css';

const OPEN_KEY: readonly ShortcutDef[] = [{ id: 'walkin.open', codes: ['KeyW'], key: 'W', scope: 'operator', label: (t) => t.walkin.shortcut.open }];

const useMayRegister = () => useConsole((s) => s.permissions.commands && s.permissions.personalData);

export function WalkIn() {
  const allowed = useMayRegister();
  const open = useWalkInForm((s) => s.open);
  useShortcuts(OPEN_KEY, () => {
    if (!allowed) return false;
    openWalkInForm();
  });
  return allowed && open ? <WalkInForm /> : null;
}

/** The header's button to the form. */
export function WalkInButton() {
  const t = useT();
  const allowed = useMayRegister();
  const open = useWalkInForm((s) => s.open);
  if (!allowed) return null;
  return (
    <button type="button" className="walkin-open" data-testid="walkin-open" aria-keyshortcuts="W" aria-expanded={open} title={t.walkin.open} onClick={openWalkInForm}>
      {t.walkin.openShort}
      <kbd>W</kbd>
    </button>
  );
}
