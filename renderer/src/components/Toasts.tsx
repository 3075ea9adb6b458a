// Messages the operator must read: commands the hub or the core refused, and why, in the
// current language with the hub's own words beside. Failures stay until read or timed out.
import './toasts.css';
import { useEffect } from 'react';
import { useT, type Dict } from '../i18n';
import { useConsole, type Toast } from '../state/store';

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
  const dismiss = useConsole((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.key), SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast.key, dismiss]);
  const { title, reason, detail } = describe(toast, t);
  return (
    <div className="toast toast--error" role="alert" data-testid="toast" data-kind={toast.kind} data-code={'code' in toast ? toast.code : undefined}>
      <div className="toast__body">
        <strong className="toast__title">{title}</strong>
        <span>{reason}</span>
        {detail && <span className="toast__detail muted">{detail}</span>}
      </div>
      <button type="button" className="toast__close" aria-label={t.toast.dismiss} onClick={() => dismiss(toast.key)}>
        ×
      </button>
    </div>
  );
}

function describe(toast: Toast, t: Dict): { title: string; reason: string; detail: string | null } {
  switch (toast.kind) {
    case 'command_failed':
      return {
        title: t.toast.failed(t.commandType[toast.type] ?? toast.type, toast.targetId ?? ''),
        reason: t.commandError[toast.code],
        detail: `${t.toast.hubSaid}: ${toast.message} (${toast.code})`,
      };
    case 'call_failed':
      return {
        title: t.toast.failed(t.commandType[toast.type] ?? toast.type, toast.targetId ?? ''),
        reason: t.callError[toast.code],
        detail: `${toast.message} (${toast.code})`,
      };
    case 'live_invalid':
      return { title: t.toast.liveInvalid, reason: '', detail: toast.message };
  }
}
