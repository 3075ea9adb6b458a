// The queue's filter bar: open/all, status, priority, category.
import { Priority, RequestStatus } from '../../../../common/protocol/hub-protocol';
import { nameIn, useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';
import type { QueueFilter } from './queueFilter';

export function QueueFilters({ filter, onChange }: { filter: QueueFilter; onChange(f: QueueFilter): void }) {
  const t = useT();
  const locale = useLocale();
  const categories = useConsole((s) => s.categories);
  const set = (patch: Partial<QueueFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="queue-filters" role="group" aria-label={t.filters.label}>
      <div className="segmented" role="radiogroup">
        {(['open', 'all'] as const).map((scope) => (
          <button
            key={scope}
            type="button"
            role="radio"
            aria-checked={filter.scope === scope}
            data-testid={`filter-scope-${scope}`}
            onClick={() => set({ scope, status: scope === 'open' && filter.status === 'closed' ? null : filter.status })}
          >
            {t.filters[scope]}
          </button>
        ))}
      </div>
      <FilterSelect
        label={t.filters.status}
        testId="filter-status"
        value={filter.status}
        options={RequestStatus.options.map((s) => [s, t.status[s]])}
        onChange={(status) => set({ status: status as RequestStatus | null, scope: status === 'closed' ? 'all' : filter.scope })}
      />
      <FilterSelect
        label={t.filters.priority}
        testId="filter-priority"
        value={filter.priority}
        options={Priority.options.map((p) => [p, t.priority[p]])}
        onChange={(priority) => set({ priority: priority as Priority | null })}
      />
      <FilterSelect
        label={t.filters.category}
        testId="filter-category"
        value={filter.category}
        options={Object.values(categories).map((c) => [c.code, nameIn(locale, c)])}
        onChange={(category) => set({ category })}
      />
    </div>
  );
}

function FilterSelect(props: {
  label: string;
  testId: string;
  value: string | null;
  options: Array<[string, string]>;
  onChange(v: string | null): void;
}) {
  const t = useT();
  return (
    <label className="queue-filters__select">
      <span className="muted">{props.label}</span>
      <select data-testid={props.testId} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
        <option value="">{t.filters.any}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
