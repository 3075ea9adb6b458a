// Time left to a request's next deadline, ticking with the store's clock; "late" once past it.
import type { RequestView } from '../../../common/api/contract';
import { formatCountdown } from '../i18n/format';
import { useLocale, useT } from '../i18n';
import { nextDeadline, urgencyOf } from '../state/deadlines';
import { useConsole } from '../state/store';

export function Countdown({ request, withKind = true }: { request: RequestView; withKind?: boolean }) {
  const now = useConsole((s) => s.now);
  const t = useT();
  const locale = useLocale();
  const d = nextDeadline(request);
  if (!d) return <span className="muted">—</span>;
  const urgency = urgencyOf(request, now);
  const left = d.at - now;
  const clock = formatCountdown(left, locale);
  const kind = d.kind === 'ack' ? t.detail.ackDueAt : t.detail.resolveDueAt;
  return (
    <span className={`countdown countdown--${urgency}`} title={withKind ? undefined : kind} data-deadline={d.kind}>
      {withKind && <span className="countdown__kind">{kind}</span>}
      <span>{left < 0 ? t.list.late(clock) : clock}</span>
    </span>
  );
}
