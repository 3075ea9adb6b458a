// The map's toolbar (fit district, heat, trail, follow — the last two not on the wall, where no one
// selects a crew) and legend (what the colours and rings mean, and how many crews are not drawn).
import type { JSX } from 'react';
import { dictionaries } from '../i18n';
import { formatNumber } from '../i18n/format';
import { useConsole } from '../state/store';
import { fitDistrict } from './Camera';
import { useMapCtx, useMapUi, type MapUi } from './context';
import { CREW_COLOR, OVERDUE_COLOR, PRIORITY_COLOR, STALE_COLOR, STATUS_RING } from './palette';
import { PRIORITIES } from '../../../common/domain/priority';
import type { CrewStatus } from '../../../common/protocol/hub-protocol';

function Toggle({ field, label, disabled, title }: { field: 'heat' | 'trail' | 'follow'; label: string; disabled?: boolean; title?: string }) {
  const on = useMapUi((ui: MapUi) => ui[field]);
  return (
    <button
      type="button"
      aria-pressed={on && !disabled}
      disabled={disabled}
      title={title}
      data-testid={`map-toggle-${field}`}
      onClick={() => useMapUi.setState({ [field]: !on })}
    >
      {label}
    </button>
  );
}

export function Toolbar(): JSX.Element {
  const { map } = useMapCtx();
  const locale = useConsole((s) => s.locale);
  const crewSelected = useConsole((s) => s.selectedCrewId !== null);
  const wall = useConsole((s) => s.view === 'wall');
  const m = dictionaries[locale].map;
  const needCrew = crewSelected ? undefined : m.selectCrewFirst;
  return (
    <div className="c137-map-toolbar" role="toolbar" aria-label={m.region}>
      <button type="button" data-testid="map-fit" onClick={() => fitDistrict(map)}>
        {m.fit}
      </button>
      <Toggle field="heat" label={m.heat} />
      {!wall && (
        <>
          <Toggle field="trail" label={m.trail} disabled={!crewSelected} title={needCrew} />
          <Toggle field="follow" label={m.follow} disabled={!crewSelected} title={needCrew} />
        </>
      )}
    </div>
  );
}

const Swatch = ({ fill, ring, width = 0, shape = 'circle' }: { fill: string; ring?: string; width?: number; shape?: 'circle' | 'arrow' }) => (
  <span
    className={`c137-map-swatch c137-map-swatch-${shape}`}
    style={{ background: fill, boxShadow: ring ? `0 0 0 ${width}px ${ring}` : undefined }}
    aria-hidden="true"
  />
);

const SHOWN_CREW_STATUSES: CrewStatus[] = ['available', 'assigned', 'en_route', 'on_site', 'break'];

/** The key (open on the wall, a click away on a workstation) and the counts of crews not drawn. */
export function Legend({ wall }: { wall: boolean }): JSX.Element {
  const locale = useConsole((s) => s.locale);
  const hidden = useMapUi((ui) => ui.hiddenStaleCrews);
  const noFix = useMapUi((ui) => ui.crewsWithoutFix);
  const t = dictionaries[locale];
  const m = dictionaries[locale].map;
  return (
    <div className="c137-map-legend" data-testid="map-legend">
      <details open={wall}>
        <summary>{m.legend}</summary>
        <div className="c137-map-legend-group">
          <span className="c137-map-legend-title">{m.priority}</span>
          {PRIORITIES.map((p) => (
            <span key={p}>
              <Swatch fill={PRIORITY_COLOR[p]} /> {t.priority[p]}
            </span>
          ))}
          <span>
            <Swatch fill={PRIORITY_COLOR.normal} ring={OVERDUE_COLOR} width={4} /> {m.overdue}
          </span>
        </div>
        <div className="c137-map-legend-group">
          <span className="c137-map-legend-title">{m.status}</span>
          {(Object.keys(STATUS_RING) as (keyof typeof STATUS_RING)[]).map((s) => (
            <span key={s}>
              <Swatch fill="#cfd8dc" ring={STATUS_RING[s].color} width={Math.ceil(STATUS_RING[s].width)} /> {t.status[s]}
            </span>
          ))}
        </div>
        <div className="c137-map-legend-group">
          <span className="c137-map-legend-title">{m.crews}</span>
          {SHOWN_CREW_STATUSES.map((s) => (
            <span key={s}>
              <Swatch fill={CREW_COLOR[s]} shape="arrow" /> {t.crewStatus[s]}
            </span>
          ))}
          <span>
            <Swatch fill={STALE_COLOR} shape="arrow" /> {m.staleGrey}
          </span>
        </div>
      </details>
      {hidden > 0 && (
        <div className="c137-map-legend-note" data-testid="map-hidden-crews" data-count={hidden}>
          {m.hiddenStale(formatNumber(hidden, locale))}
        </div>
      )}
      {noFix > 0 && <div className="c137-map-legend-note">{m.withoutFix(formatNumber(noFix, locale))}</div>}
    </div>
  );
}
