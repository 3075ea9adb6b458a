// The queue's tabs (open, closed today) and filter bar: status, priority, category, crew,
// contractor, "only what the map shows", "only mine". Every option, toggle and tab says how many
// requests it would show given the other filters (queueFilter.ts).
import { Priority } from '../../../../common/protocol/hub-protocol';
import { PRIORITIES } from '../../../../common/domain/priority';
import { formatNumber } from '../../i18n/format';
import { nameIn, useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { DEFAULT_FILTER, YES, type Dimension, type FilterCounts, type OpenStatus, type QueueFilter, type QueueTab } from './queueFilter';

const OPEN_STATUSES: readonly OpenStatus[] = ['new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved'];
const TABS: readonly QueueTab[] = ['open', 'closedToday'];
const FILTERS_ID = 'queue-filters';

interface Props {
  filter: QueueFilter;
  counts: FilterCounts;
  onChange(f: QueueFilter): void;
}

/** Moves focus to the first filter control (the F key). */
export function focusFilters(): void {
  document.getElementById(FILTERS_ID)?.querySelector<HTMLElement>('select, button')?.focus();
}

function useCounted() {
  const t = useT();
  const locale = useLocale();
  return (label: string, n: number) => t.queue.counted(label, formatNumber(n, locale));
}

export function QueueTabs({ filter, counts, onChange }: Props) {
  const t = useT();
  const counted = useCounted();
  return (
    <div className="queue-tabs" role="tablist" aria-label={t.queue.tabs}>
      {TABS.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={filter.tab === tab}
          aria-controls="request-list"
          data-testid={`queue-tab-${tab}`}
          data-count={counts.tab.byValue.get(tab) ?? 0}
          onClick={() => onChange({ ...filter, tab })}
        >
          {counted(t.queue[tab], counts.tab.byValue.get(tab) ?? 0)}
        </button>
      ))}
    </div>
  );
}

export function QueueFilters({ filter, counts, onChange }: Props) {
  const t = useT();
  const locale = useLocale();
  const categories = useConsole((s) => s.categories);
  const crews = useConsole((s) => s.crews);
  const contractors = useConsole((s) => s.contractors);
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], locale);
  const select = (d: Exclude<Dimension, 'tab' | 'onMap' | 'mine'>, label: string, options: Array<[string, string]>) => (
    <FilterSelect
      label={label}
      dimension={d}
      value={filter[d]}
      options={options}
      counts={counts[d]}
      onChange={(v) => onChange({ ...filter, [d]: v })}
    />
  );
  const cleared: QueueFilter = { ...DEFAULT_FILTER, tab: filter.tab };
  const narrowed = (Object.keys(cleared) as Dimension[]).some((d) => filter[d] !== cleared[d]);
  return (
    <div className="queue-filters" id={FILTERS_ID} data-testid="queue-filters" role="group" aria-label={t.queue.filters}>
      {filter.tab === 'open' && select('status', t.queue.status, OPEN_STATUSES.map((s) => [s, t.status[s]]))}
      {select('priority', t.queue.priority, PRIORITIES.map((p: Priority) => [p, t.priority[p]]))}
      {select('category', t.queue.category, Object.values(categories).map((c): [string, string] => [c.code, nameIn(locale, c)]).sort(byName))}
      {select('crew', t.queue.crew, Object.values(crews).map((c): [string, string] => [c.id, c.name]).sort(byName))}
      {select('contractor', t.queue.contractor, Object.values(contractors).map((c): [string, string] => [c.id, c.name]).sort(byName))}
      <FilterToggle dimension="onMap" label={t.queue.onMap} filter={filter} counts={counts} onChange={onChange} />
      <FilterToggle dimension="mine" label={t.queue.mine} filter={filter} counts={counts} onChange={onChange} />
      {narrowed && (
        <button type="button" className="queue-filters__clear" data-testid="filter-clear" onClick={() => onChange(cleared)}>
          {t.queue.clear}
        </button>
      )}
    </div>
  );
}

function FilterSelect(props: {
  label: string;
  dimension: Dimension;
  value: string | null;
  options: Array<[string, string]>;
  counts: FilterCounts[Dimension];
  onChange(v: string | null): void;
}) {
  const t = useT();
  const counted = useCounted();
  return (
    <label className="queue-filters__select">
      <span className="muted">{props.label}</span>
      <select
        data-testid={`filter-${props.dimension}`}
        value={props.value ?? ''}
        data-active={props.value !== null}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">{counted(t.queue.any, props.counts.any)}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value} data-count={props.counts.byValue.get(value) ?? 0}>
            {counted(text, props.counts.byValue.get(value) ?? 0)}
          </option>
        ))}
      </select>
    </label>
  );
}

function FilterToggle({ dimension, label, filter, counts, onChange }: Props & { dimension: 'onMap' | 'mine'; label: string }) {
  const counted = useCounted();
  const n = counts[dimension].byValue.get(YES) ?? 0;
  return (
    <button
      type="button"
      className="queue-filters__toggle"
      aria-pressed={filter[dimension]}
      data-testid={`filter-${dimension}`}
      data-count={n}
      onClick={() => onChange({ ...filter, [dimension]: !filter[dimension] })}
    >
      {counted(label, n)}
    </button>
  );
}
