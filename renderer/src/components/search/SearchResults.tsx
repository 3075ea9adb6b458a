// Search results in place of the queue list while the box holds text (the list, `children`,
// otherwise): best first, open and closed, each with its tracking code, status, address and the
// fields that matched; the count, "too short", "no match" and a refusal said in the live region.
import { useEffect, type ReactNode } from 'react';
import { formatNumber, localDigits } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole, type SearchHit } from '../../state/store';
import { SEARCH_LIMIT } from '../../state/slices/search';
import { StatusChip } from '../Chips';
import { openSearchHit, SEARCH_RESULTS_ID, searchHitId } from './searchDom';
import './search.css';

export function SearchResults({ children }: { children: ReactNode }) {
  const search = useConsole((s) => s.search);
  const t = useT();
  const locale = useLocale();
  useEffect(() => {
    if (search.active >= 0) document.getElementById(searchHitId(search.active))?.scrollIntoView({ block: 'nearest' });
  }, [search.active, search.hits]);
  if (search.phase === 'idle') return children;

  const n = formatNumber(search.hits.length, locale);
  const status =
    search.phase === 'short' ? t.search.tooShort
    : search.phase === 'failed' ? <>{t.search.failed} <bdi>{search.error}</bdi></>
    : search.phase === 'loading' && search.hits.length === 0 ? t.search.searching
    : search.hits.length === 0 ? t.search.none
    : search.hits.length >= SEARCH_LIMIT ? t.search.countAtLeast(n)
    : t.search.count(n);
  return (
    <div className="search-results" data-testid="search-results" data-phase={search.phase}>
      <div className="search-results__bar">
        <span role="status" className={`search-results__status${search.phase === 'failed' ? ' search-results__status--failed' : ''}`} data-testid="search-status">
          {status}
        </span>
        <span className="search-results__keys muted">{t.search.keys}</span>
      </div>
      <ul id={SEARCH_RESULTS_ID} role="listbox" aria-label={t.search.results} className="search-results__list">
        {search.hits.map((hit, i) => (
          <SearchHitRow key={hit.request.id} hit={hit} index={i} active={i === search.active} />
        ))}
      </ul>
    </div>
  );
}

function SearchHitRow({ hit: { request: r, matched }, index, active }: { hit: SearchHit; index: number; active: boolean }) {
  const t = useT();
  const locale = useLocale();
  const selected = useConsole((s) => s.selectedRequestId === r.id);
  return (
    <li
      id={searchHitId(index)}
      role="option"
      aria-selected={active}
      data-request-id={r.id}
      className={`search-hit${active ? ' search-hit--active' : ''}${selected ? ' search-hit--selected' : ''}${r.status === 'closed' ? ' search-hit--closed' : ''}`}
      onClick={() => openSearchHit(index)}
    >
      <bdi className="search-hit__code">{localDigits(r.id, locale)}</bdi>
      <StatusChip status={r.status} pending={r.pendingCommands} />
      <span className="search-hit__address" dir="auto">
        {localDigits(r.address, locale)}
      </span>
      <span className="search-hit__matched muted">
        {t.search.matched}: {matched.map((f) => t.search.fields[f]).join(locale === 'fa' ? '، ' : ', ')}
      </span>
    </li>
  );
}
