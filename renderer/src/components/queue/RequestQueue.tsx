// The queue pane: filters, counts and the list.
import './queue.css';
import { useMemo, useState } from 'react';
import { formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { isOverdue } from '../../../../common/domain/urgency';
import { useConsole } from '../../state/store';
import { QueueFilters } from './QueueFilters';
import { DEFAULT_FILTER, useQueue, type QueueFilter } from './queueFilter';
import { RequestList } from './RequestList';
import { SearchBox } from '../search/SearchBox';
import { SearchResults } from '../search/SearchResults';

export function RequestQueue() {
  const [filter, setFilter] = useState<QueueFilter>(DEFAULT_FILTER);
  const rows = useQueue(filter);
  const t = useT();
  return (
    <section className="queue" aria-label={t.list.label}>
      <SearchBox />
      <div className="queue__bar">
        <h2 className="panel-title">{t.list.label}</h2>
        <QueueCounts rows={rows} />
        <span className="queue__keys muted">{t.list.keys}</span>
      </div>
      <QueueFilters filter={filter} onChange={setFilter} />
      <SearchResults><RequestList rows={rows} /></SearchResults>
    </section>
  );
}

function QueueCounts({ rows }: { rows: ReturnType<typeof useQueue> }) {
  const now = useConsole((s) => s.now);
  const t = useT();
  const locale = useLocale();
  const overdue = useMemo(() => rows.filter((r) => isOverdue(r, now)).length, [rows, now]);
  return (
    <span className="queue__counts" data-testid="queue-counts">
      {t.list.count(formatNumber(rows.length, locale))}
      {overdue > 0 && <span className="queue__overdue"> · {t.list.overdueCount(formatNumber(overdue, locale))}</span>}
    </span>
  );
}
