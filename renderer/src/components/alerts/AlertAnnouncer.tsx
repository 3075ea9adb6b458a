// Reads the newest alert out to screen readers: assertively when its request is urgent, politely
// otherwise. Two regions, because a region's politeness is read when it changes, not per message.
import { useLocale, useT } from '../../i18n';
import { describeAlert, oneLine } from '../../alerts/describe';
import { useAlerts } from '../../alerts/store';
import { useConsole } from '../../state/store';

export function AlertAnnouncer() {
  const t = useT();
  const locale = useLocale();
  const newest = useAlerts((s) => s.alerts[0]);
  const request = useConsole((s) => (newest?.requestId ? s.requests[newest.requestId] : undefined));
  const categories = useConsole((s) => s.categories);
  const words = newest ? describeAlert(newest, request, categories, t, locale) : null;
  const text = words ? `${words.title}${locale === 'fa' ? '، ' : ', '}${oneLine(words)}` : '';
  const urgent = request?.priority === 'urgent';
  return (
    <>
      <div className="visually-hidden" aria-live="polite" data-testid="alert-live-polite">
        {urgent ? '' : text}
      </div>
      <div className="visually-hidden" aria-live="assertive" data-testid="alert-live-assertive">
        {urgent ? text : ''}
      </div>
    </>
  );
}
