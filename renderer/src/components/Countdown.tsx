// Time left to a request's next deadline in the locale's digits, ticking with the store's clock;
// once past it, how late. Its colour is the shared urgency rule's (common/domain/urgency).
import type { RequestView } from '../../../common/api/contract';
import { urgencyOf } from '../../../common/domain/urgency';
import { formatCountdown } from '../i18n/format';
import { useLocale, useT } from '../i18n';
import { useConsole } from '../state/store';

export function Countdown({ request, withKind = true }: { request: RequestView; withKind?: boolean }) {
  const now = useConsole((s) => s.now);
  const t = useT();
  const locale = useLocale();
  const { level, window, left } = urgencyOf(request, now);
  if (!window || left === null) return <span className="muted">—</span>;
  const clock = formatCountdown(left, locale);
  const kind = window.kind === 'ack' ? t.detail.ackDueAt : t.detail.resolveDueAt;
  return (
    <span className={`countdown countdown--${level}`} title={withKind ? undefined : kind} data-deadline={window.kind} data-urgency={level}>
      {withKind && <span className="countdown__kind">{kind}</span>}
      {level === 'overdue' && <span className="countdown__flag" aria-hidden="true" title={t.queue.overdueFlag}>⚑</span>}
      <span>{level === 'overdue' ? t.list.late(clock) : clock}</span>
    </span>
  );
}
