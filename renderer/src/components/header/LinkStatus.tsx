// The hub link at a glance (§6): live, catching up (with progress), reconnecting (with a
// countdown to the next try), offline since when, or stopped with the hub's reason.
import type { LinkState } from '../../../../common/api/contract';
import { formatAge, formatClockDuration, formatNumber, formatTimeOfDay } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';

export function LinkStatus() {
  const link = useConsole((s) => s.link);
  const t = useT();
  if (!link) return null;
  return (
    <div className={`link-status link-status--${link.state}`} data-testid="link-status" data-state={link.state} role="status" aria-label={t.link.label}>
      <span className="link-status__dot" aria-hidden="true">●</span>
      <span className="link-status__state">{t.link[link.state]}</span>
      <LinkDetail link={link} />
    </div>
  );
}

function LinkDetail({ link }: { link: LinkState }) {
  const now = useConsole((s) => s.now);
  const t = useT();
  const locale = useLocale();
  const since = Date.parse(link.since);
  const offlineSince = `${t.link.offlineSince(formatTimeOfDay(since, locale))} (${formatAge(now - since, locale)})`;
  switch (link.state) {
    case 'live':
      return null;
    case 'replaying':
      return link.replay ? <ReplayProgress replay={link.replay} /> : null;
    case 'reconnecting': {
      const retry = link.nextRetryAt ? Date.parse(link.nextRetryAt) - now : null;
      return (
        <span className="link-status__detail">
          {offlineSince}
          {retry !== null && <> · {retry > 0 ? t.link.retryIn(formatClockDuration(retry, locale)) : t.link.retryNow}</>}
        </span>
      );
    }
    case 'connecting':
      return <span className="link-status__detail">{offlineSince}</span>;
    case 'stopped':
      return (
        <span className="link-status__detail link-status__error">
          {link.error ? `${link.error.message} (${link.error.code})` : offlineSince}
        </span>
      );
  }
}

function ReplayProgress({ replay }: { replay: NonNullable<LinkState['replay']> }) {
  const t = useT();
  const locale = useLocale();
  const total = Math.max(0, replay.toSeq - replay.fromSeq + 1);
  const done = Math.min(total, Math.max(0, replay.appliedSeq - replay.fromSeq + 1));
  return (
    <span className="link-status__detail">
      <progress className="link-status__progress" max={total || 1} value={done} />
      {t.link.progress(formatNumber(done, locale), formatNumber(total, locale))}
    </span>
  );
}
