// The room's clock: Jalali date and time in Persian, Gregorian in English, always Tehran time.
import { formatClockTime, formatLongDate } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';

export function Clock({ large = false }: { large?: boolean }) {
  const now = useConsole((s) => s.now);
  const locale = useLocale();
  const t = useT();
  return (
    <div className={`clock${large ? ' clock--large' : ''}`} data-testid="clock">
      <time className="clock__time" dateTime={new Date(now).toISOString()}>
        {formatClockTime(now, locale)}
      </time>
      <span className="clock__date">
        {formatLongDate(now, locale)} <span className="muted">· {t.clock.tehranTime}</span>
      </span>
    </div>
  );
}
