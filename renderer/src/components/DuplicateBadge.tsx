// "Likely duplicate" on a request: how many open requests it may repeat (counted by the core when
// it arrived; docs/duplicates.md). Nothing when there are none. Its own `dir` keeps it out of a
// `dir="auto"` cell's guess (the address beside it decides the cell's direction).
import './duplicates.css';
import { formatNumber } from '../i18n/format';
import { useLocale, useT } from '../i18n';

export function DuplicateBadge({ count }: { count: number }) {
  const t = useT();
  const locale = useLocale();
  if (count === 0) return null;
  const n = formatNumber(count, locale);
  const label = t.duplicates.badgeLabel(n);
  return (
    <span className="duplicate-badge" dir={locale === 'fa' ? 'rtl' : 'ltr'} role="img" aria-label={label} title={label} data-testid="duplicate-badge">
      {t.duplicates.badge(count, n)}
    </span>
  );
}
