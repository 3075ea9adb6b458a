// The header's alerts: the button with what is new since the list was last open, the list itself
// (G), the jump to the newest alert's request (J), and the live region that reads alerts out.
// Mounting it starts the alert feed for this window.
import './alerts.css';
import { useEffect, useRef } from 'react';
import { formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { showRequest, startAlertFeed } from '../../alerts/feed';
import { jumpTarget } from '../../alerts/rules';
import { useAlerts } from '../../alerts/store';
import { useConsole } from '../../state/store';
import { AlertAnnouncer } from './AlertAnnouncer';
import { AlertList } from './AlertList';

const KEYS: readonly (ShortcutDef & { does: 'jump' | 'list' })[] = [
  { id: 'alerts.jump', codes: ['KeyJ'], key: 'J', scope: 'operator', label: (t) => t.alerts.keys.jump, does: 'jump' },
  { id: 'alerts.list', codes: ['KeyG'], key: 'G', scope: 'operator', label: (t) => t.alerts.keys.list, does: 'list' },
];

export function AlertCenter() {
  const t = useT();
  const locale = useLocale();
  const unseen = useAlerts((s) => s.unseen);
  const open = useAlerts((s) => s.listOpen);
  const setListOpen = useAlerts((s) => s.setListOpen);
  const button = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => startAlertFeed(), []);

  useShortcuts(KEYS, ({ does }) => {
    if (does === 'list') return open ? close() : setListOpen(true);
    const id = jumpTarget(useAlerts.getState().alerts, useConsole.getState().requests);
    if (!id) return false;
    setListOpen(false);
    showRequest(id);
  });

  // A click anywhere else closes the list.
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setListOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open, setListOpen]);

  /** Closes the list; focus that was in it goes back to the button, unless the list hands it on. */
  function close(returnFocus = true) {
    if (returnFocus && wrapper.current?.contains(document.activeElement)) button.current?.focus();
    setListOpen(false);
  }

  return (
    <div className="alert-center" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className={`alert-center__button${unseen > 0 ? ' alert-center__button--new' : ''}`}
        data-testid="alert-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'alert-list' : undefined}
        aria-keyshortcuts="G"
        aria-label={t.alerts.open(formatNumber(unseen, locale))}
        onClick={() => (open ? close() : setListOpen(true))}
      >
        <BellIcon />
        <span>{t.alerts.list}</span>
        {unseen > 0 && (
          <span className="alert-center__count" aria-hidden="true">
            {formatNumber(unseen, locale)}
          </span>
        )}
      </button>
      {open && <AlertList onClose={close} />}
      <AlertAnnouncer />
    </div>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}
