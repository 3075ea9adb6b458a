// The last alerts, newest first, each naming its request and why, marked once handled; a click
// (or Enter) selects the request. Also where desktop notifications are turned on: asked only when
// the operator presses the button. ↑/↓ move, Esc closes; the other keys (J, A…) still work.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { formatTimeOfDay } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { askDesktopPermission } from '../../alerts/desktop';
import { describeAlert } from '../../alerts/describe';
import { showRequest } from '../../alerts/feed';
import { alertState, type Alert } from '../../alerts/rules';
import { useAlerts } from '../../alerts/store';
import { useConsole } from '../../state/store';

export function AlertList({ onClose }: { onClose(returnFocus: boolean): void }) {
  const t = useT();
  const alerts = useAlerts((s) => s.alerts);
  const list = useRef<HTMLOListElement>(null);
  const self = useRef<HTMLDivElement>(null);

  // Keys go to the list as soon as it opens: the newest alert, or the list itself when empty.
  useEffect(() => {
    (list.current?.querySelector<HTMLElement>('button') ?? self.current)?.focus();
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') onClose(true);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const items = [...(list.current?.querySelectorAll<HTMLElement>('button') ?? [])];
      const i = items.indexOf(document.activeElement as HTMLElement);
      items[Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div
      ref={self}
      id="alert-list"
      className="alert-list"
      role="dialog"
      aria-label={t.alerts.list}
      data-testid="alert-list"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <DesktopSetting />
      {alerts.length === 0 ? (
        <p className="alert-list__empty muted">{t.alerts.empty}</p>
      ) : (
        <ol className="alert-list__items" ref={list} aria-label={t.alerts.list}>
          {alerts.map((a) => (
            <AlertItem key={a.id} alert={a} onPick={() => onClose(false)} />
          ))}
        </ol>
      )}
    </div>
  );
}

function AlertItem({ alert: a, onPick }: { alert: Alert; onPick(): void }) {
  const t = useT();
  const locale = useLocale();
  const request = useConsole((s) => (a.requestId ? s.requests[a.requestId] : undefined));
  const categories = useConsole((s) => s.categories);
  const state = alertState(a, request);
  const { title, code, detail } = describeAlert(a, request, categories, t, locale);
  const id = a.requestId;
  return (
    <li className={`alert-item alert-item--${state} alert-item--${a.sound}`}>
      <button
        type="button"
        data-testid="alert-item"
        data-reason={a.reason}
        data-request-id={id ?? undefined}
        data-state={state}
        data-sounded={a.sounded}
        disabled={!request}
        onClick={() => {
          if (!id) return;
          onPick();
          showRequest(id);
        }}
      >
        <span className="alert-item__title">{title}</span>
        <time className="alert-item__time muted" dateTime={new Date(a.at).toISOString()}>
          {formatTimeOfDay(a.at, locale)}
        </time>
        <span className="alert-item__detail">
          {code && (
            <>
              <bdi className="alert-item__code">{code}</bdi> ·{' '}
            </>
          )}
          <span dir="auto">{detail}</span>
        </span>
        {state !== 'notice' && <span className={`chip alert-item__state`}>{state === 'handled' ? t.alerts.handled : t.alerts.waiting}</span>}
      </button>
    </li>
  );
}

function DesktopSetting() {
  const t = useT();
  const permission = useAlerts((s) => s.desktop);
  const setDesktop = useAlerts((s) => s.setDesktop);
  return (
    <div className="alert-list__desktop">
      <span>{t.alerts.desktop.label}</span>
      {permission === 'default' ? (
        <button type="button" data-testid="desktop-ask" onClick={() => void askDesktopPermission().then(setDesktop)}>
          {t.alerts.desktop.ask}
        </button>
      ) : (
        <span className="muted" data-testid="desktop-state">
          {permission === 'granted' ? t.alerts.desktop.on : t.alerts.desktop[permission]}
        </span>
      )}
    </div>
  );
}
