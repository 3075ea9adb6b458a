// The queue pane: the open / closed-today tabs, filters with their counts, and the list. The
// filters are remembered per operator on this workstation; F, M, V and L reach them by keyboard.
import './queue.css';
import { useMemo, useState } from 'react';
import { isOverdue } from '../../../../common/domain/urgency';
import { startOfTehranDay } from '../../../../common/domain/tehran-day';
import { formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useConsole, useRequestsDerived } from '../../state/store';
import { QueueFilters, QueueTabs, focusFilters } from './QueueFilters';
import { queueView, type QueueFilter } from './queueFilter';
import { loadFilter, saveFilter } from './rememberedFilter';
import { RequestList } from './RequestList';
import { SearchBox } from '../search/SearchBox';
import { SearchResults } from '../search/SearchResults';

type FilterKey = ShortcutDef & { apply(f: QueueFilter): QueueFilter | null };
const FILTER_KEYS: readonly FilterKey[] = [
  { id: 'queue.focusFilters', codes: ['KeyF'], key: 'F', scope: 'operator', label: (t) => t.queue.shortcuts.focusFilters, apply: () => null },
  { id: 'queue.toggleMine', codes: ['KeyM'], key: 'M', scope: 'operator', label: (t) => t.queue.shortcuts.toggleMine, apply: (f) => ({ ...f, mine: !f.mine }) },
  { id: 'queue.toggleOnMap', codes: ['KeyV'], key: 'V', scope: 'operator', label: (t) => t.queue.shortcuts.toggleOnMap, apply: (f) => ({ ...f, onMap: !f.onMap }) },
  {
    id: 'queue.switchTab', codes: ['KeyL'], key: 'L', scope: 'operator', label: (t) => t.queue.shortcuts.switchTab,
    apply: (f) => ({ ...f, tab: f.tab === 'open' ? 'closedToday' : 'open' }),
  },
];

/** One queue per operator: another operator on this workstation (a later bootstrap) gets their filters. */
export function RequestQueue() {
  const operatorId = useConsole((s) => s.operatorId);
  return <OperatorQueue key={operatorId} operatorId={operatorId} />;
}

function OperatorQueue({ operatorId }: { operatorId: string }) {
  const [filter, setFilterState] = useState(() => loadFilter(operatorId));
  const setFilter = (f: QueueFilter) => {
    saveFilter(operatorId, f);
    setFilterState(f);
  };
  const crews = useConsole((s) => s.crews);
  const actedOn = useConsole((s) => s.actedOn);
  const mapBounds = useConsole((s) => s.mapBounds);
  const dayStart = useConsole((s) => startOfTehranDay(s.now));
  const { rows, counts } = useRequestsDerived(
    (requests) => queueView(Object.values(requests), filter, { crews, actedOn, mapBounds, dayStart }),
    [filter, crews, actedOn, mapBounds, dayStart],
  );
  useShortcuts(FILTER_KEYS, (key) => {
    const next = key.apply(filter);
    if (next) setFilter(next);
    else focusFilters();
  });
  const t = useT();
  return (
    <section className="queue" aria-label={t.list.label}>
      <SearchBox />
      <div className="queue__bar">
        <h2 className="panel-title">{t.list.label}</h2>
        <QueueTabs filter={filter} counts={counts} onChange={setFilter} />
        <QueueCounts rows={rows} />
        <span className="queue__keys muted">{t.list.keys}</span>
      </div>
      <QueueFilters filter={filter} counts={counts} onChange={setFilter} />
      <SearchResults><RequestList rows={rows} /></SearchResults>
    </section>
  );
}

function QueueCounts({ rows }: { rows: ReturnType<typeof queueView>['rows'] }) {
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
