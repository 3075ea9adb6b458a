// The deadlines the request will get if sent now: the shared rule the hub applies (deadlinesFor,
// from the category), shown in Tehran time in the locale's digits, ticking with the clock.
import type { CategoryView } from '../../../../common/api/contract';
import { deadlinesFor } from '../../../../common/domain/deadlines';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatDuration } from '../../i18n/format';
import { useConsole } from '../../state/store';

export function Deadlines({ category }: { category: CategoryView | null }) {
  const t = useT();
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const due = category && deadlinesFor(category, new Date(now).toISOString());
  return (
    <section className="walkin__preview" aria-labelledby="walkin-deadlines" data-testid="walkin-deadlines">
      <h3 id="walkin-deadlines">{t.walkin.deadlines}</h3>
      {category && due ? (
        <dl className="walkin__deadlines">
          <dt>{t.walkin.ackBy}</dt>
          <dd>
            <time dateTime={due.ackDueAt}>{formatDateTime(due.ackDueAt, locale)}</time>
            <span className="muted"> ({formatDuration(category.ackMinutes * 60_000, locale)})</span>
          </dd>
          <dt>{t.walkin.resolveBy}</dt>
          <dd>
            <time dateTime={due.resolveDueAt}>{formatDateTime(due.resolveDueAt, locale)}</time>
            <span className="muted"> ({formatDuration(category.resolveMinutes * 60_000, locale)})</span>
          </dd>
        </dl>
      ) : (
        <p className="muted">{t.walkin.chooseCategoryFirst}</p>
      )}
    </section>
  );
}
