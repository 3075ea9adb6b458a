// Crews at a glance: how many in each status, and the roster (click to find one on the map).
import './crews.css';
import { useMemo } from 'react';
import type { CrewView } from '../../../common/api/contract';
import { CrewStatus } from '../../../common/protocol/hub-protocol';
import { formatNumber } from '../i18n/format';
import { useLocale, useT } from '../i18n';
import { useConsole } from '../state/store';
import { CrewStatusChip } from './Chips';

/**
 * The crews as counts and roster show them. Every fix (several a second) replaces `crews`, but
 * only a crew's name or status matters here: the list is rebuilt, and its readers re-render, when
 * one of those changes, not on every fix.
 */
function useRosterCrews(): CrewView[] {
  const shown = useConsole((s) => {
    let key = '';
    for (const id in s.crews) key += `${id}\u0000${s.crews[id].status}\u0000${s.crews[id].name}\n`;
    return key;
  });
  // `shown` stands for the fields read here: recompute when it changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => Object.values(useConsole.getState().crews), [shown]);
}

function useCrewCounts(): Record<CrewStatus, number> {
  const crews = useRosterCrews();
  return useMemo(() => {
    const counts = Object.fromEntries(CrewStatus.options.map((s) => [s, 0])) as Record<CrewStatus, number>;
    for (const c of crews) counts[c.status]++;
    return counts;
  }, [crews]);
}

export function CrewCounts({ large = false }: { large?: boolean }) {
  const counts = useCrewCounts();
  const t = useT();
  const locale = useLocale();
  return (
    <ul className={`crew-counts${large ? ' crew-counts--large' : ''}`} data-testid="crew-counts">
      {CrewStatus.options.map((s) => (
        <li key={s} className={`crew-counts__item chip--crew-${s}`} data-status={s}>
          <span className="crew-counts__n">{formatNumber(counts[s], locale)}</span>
          <span className="crew-counts__label">{t.crewStatus[s]}</span>
        </li>
      ))}
    </ul>
  );
}

export function CrewsPanel() {
  const t = useT();
  const locale = useLocale();
  const crews = useRosterCrews();
  const selectedCrewId = useConsole((s) => s.selectedCrewId);
  const selectCrew = useConsole((s) => s.selectCrew);
  const roster = useMemo(
    () => [...crews].sort((a, b) => CrewStatus.options.indexOf(a.status) - CrewStatus.options.indexOf(b.status) || a.name.localeCompare(b.name, 'fa')),
    [crews],
  );
  return (
    <section className="crews" data-testid="crews-panel" aria-label={t.crews.label}>
      <div className="crews__bar">
        <h2 className="panel-title">{t.crews.label}</h2>
        <span className="muted">{t.crews.total(formatNumber(roster.length, locale))}</span>
      </div>
      <CrewCounts />
      <ul className="crews__roster">
        {roster.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`crews__crew${c.id === selectedCrewId ? ' crews__crew--selected' : ''}`}
              data-testid="crew-row"
              data-crew-id={c.id}
              aria-pressed={c.id === selectedCrewId}
              onClick={() => selectCrew(c.id === selectedCrewId ? null : c.id)}
            >
              <bdi>{c.name}</bdi>
              <CrewStatusChip status={c.status} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
