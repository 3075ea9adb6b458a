// Messages the operator must read: commands the hub or the core refused, and why, in the
// current language with the hub's own words beside. Failures stay until read or timed out.
// A conflict says who did what first (its age live, from the store's clock: it stays true for
// as long as the toast is shown); the hub's English words are isolated in a Persian sentence.
import './toasts.css';
import { useEffect, type ReactNode } from 'react';
import type { NoticeCause } from '../../../common/api/contract';
import { useLocale, useT, type Dict } from '../i18n';
import { isolate, localDigits, type Locale } from '../i18n/format';
import { useConsole, type Toast } from '../state/store';
import { causeSentence } from './causeText';

const SHOW_MS = 15_000;

export function Toasts() {
  const toasts = useConsole((s) => s.toasts);
  return (
    <div className="toasts" data-testid="toasts" aria-live="assertive">
      {toasts.map((toast) => (
        <ToastCard key={toast.key} toast={toast} />
      ))}
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const t = useT();
  const locale = useLocale();
  const dismiss = useConsole((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.key), SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast.key, dismiss]);
  const { title, reason, detail } = describe(toast, t, locale);
  return (
    <div className="toast toast--error" role="alert" data-testid="toast" data-kind={toast.kind} data-code={'code' in toast ? toast.code : undefined}>
      <div className="toast__body">
        <strong className="toast__title">{title}</strong>
        {reason}
        {detail && <span className="toast__detail muted">{detail}</span>}
      </div>
      <button type="button" className="toast__close" aria-label={t.toast.dismiss} onClick={() => dismiss(toast.key)}>
        ×
      </button>
    </div>
  );
}

/** Who did what first, ticking with the store's clock. */
function Cause({ cause }: { cause: NoticeCause }) {
  const t = useT();
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const operatorId = useConsole((s) => s.operatorId);
  const crews = useConsole((s) => s.crews);
  const text = causeSentence(cause, { t, locale, now, operatorId, crewName: (id) => (crews[id] ? localDigits(crews[id].name, locale) : id) });
  return (
    <span data-testid="toast-cause" data-actor-id={cause.actorId ?? undefined}>
      {text}
    </span>
  );
}

/** The core's or hub's own words (English), isolated so they read right inside a Persian line. */
const ownWords = (label: string | null, message: string, code: string): ReactNode => (
  <>
    {label && `${label}: `}
    <bdi>{message}</bdi> <bdi>({code})</bdi>
  </>
);

function describe(toast: Toast, t: Dict, locale: Locale): { title: string; reason: ReactNode; detail: ReactNode | null } {
  const target = toast.kind === 'live_invalid' || !toast.targetId ? '' : isolate(localDigits(toast.targetId, locale));
  switch (toast.kind) {
    case 'command_failed':
      return {
        title: t.toast.failed(t.commandType[toast.type] ?? toast.type, target),
        reason: toast.cause ? <Cause cause={toast.cause} /> : <span>{t.commandError[toast.code]}</span>,
        detail: ownWords(t.toast.hubSaid, toast.message, toast.code),
      };
    case 'call_failed':
      return {
        title: t.toast.failed(t.commandType[toast.type] ?? toast.type, target),
        reason: <span>{t.callError[toast.code]}</span>,
        detail: ownWords(null, toast.message, toast.code),
      };
    case 'live_invalid':
      return { title: t.toast.liveInvalid, reason: null, detail: <bdi>{toast.message}</bdi> };
  }
}
