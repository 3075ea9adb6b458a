// Figures a supervisor watches beside the link state: age of the newest event, commands still in
// the outbox, and events the console rejected as malformed (§8).
import { formatAge, formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';

export function LinkMetrics() {
  const link = useConsole((s) => s.link);
  const now = useConsole((s) => s.now);
  const t = useT();
  const locale = useLocale();
  if (!link) return null;
  return (
    <dl className="link-metrics">
      <div data-testid="newest-event">
        <dt>{t.link.newestEvent}</dt>
        <dd>{link.lastEventAt ? formatAge(now - Date.parse(link.lastEventAt), locale) : t.link.noEvents}</dd>
      </div>
      <div data-testid="outbox-pending" className={link.outboxPending > 0 ? 'link-metrics--warn' : undefined}>
        <dt>{t.link.outbox}</dt>
        <dd>{formatNumber(link.outboxPending, locale)}</dd>
      </div>
      <div data-testid="rejected-events" className={link.rejectedEvents > 0 ? 'link-metrics--warn' : undefined}>
        <dt>{t.link.rejected}</dt>
        <dd>{formatNumber(link.rejectedEvents, locale)}</dd>
      </div>
    </dl>
  );
}
