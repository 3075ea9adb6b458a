// Crews at a glance: how many in each status (also on the wall), and the crew board — every crew
// with its status and since when, its current request, contractor and fix age; the status is
// changed here (crew.set_status through submit and the outbox) with the mouse or the keyboard.
// B focuses the board; on a row ↑↓ move, 1–6 set the status, Enter finds the crew on the map.
import './crews.css';
import { useMemo, useRef, useState } from 'react';
import type { CrewView } from '../../../common/api/contract';
import { AGING_FIX_MS, STALE_FIX_MS } from '../../../common/domain/nearest-crew';
import { CrewStatus } from '../../../common/protocol/hub-protocol';
import { formatAge, formatDuration, formatNumber, localDigits } from '../i18n/format';
import { useLocale, useT } from '../i18n';
import type { ShortcutDef } from '../keyboard/registry';
import { useShortcuts } from '../keyboard/useShortcuts';
import { useCrewWork } from '../state/crewWork';
import { useConsole } from '../state/store';

/**
 * The crews as counts and board show them. Every fix (several a second) replaces `crews`, but
 * only a crew's name, status and since when matter to the counts: the list is rebuilt, and its
 * readers re-render, when one of those changes, not on every fix.
 */
function useRosterCrews(): CrewView[] {
  const shown = useConsole((s) => {
    let key = '';
    for (const id in s.crews) key += `${id}\u0000${s.crews[id].status}\u0000${s.crews[id].statusSince}\u0000${s.crews[id].name}\n`;
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

const FOCUS_BOARD: readonly ShortcutDef[] = [
  { id: 'board.focus', codes: ['KeyB'], key: 'B', scope: 'operator', label: (t) => t.dispatch.shortcuts.focusBoard },
];
type BoardKey = ShortcutDef & { move?: 1 | -1; status?: CrewStatus; find?: true };
// The board owns its keys (data-own-keys): these apply only on one of its rows.
const onRow = { scope: 'operator', whileTyping: true } as const;
const BOARD_KEYS: readonly BoardKey[] = [
  { ...onRow, id: 'board.next', codes: ['ArrowDown'], key: '↓', label: (t) => t.dispatch.shortcuts.nextCrew, move: 1 },
  { ...onRow, id: 'board.previous', codes: ['ArrowUp'], key: '↑', label: (t) => t.dispatch.shortcuts.previousCrew, move: -1 },
  { ...onRow, id: 'board.find', codes: ['Enter', 'NumpadEnter'], key: 'Enter', label: (t) => t.dispatch.shortcuts.findCrew, find: true },
  ...CrewStatus.options.map(
    (status, i): BoardKey => ({
      ...onRow,
      id: `board.status.${status}`,
      codes: [`Digit${i + 1}`, `Numpad${i + 1}`],
      key: String(i + 1),
      label: (t) => t.dispatch.shortcuts.setStatus(t.crewStatus[status]),
      status,
    }),
  ),
];
const ROW = '[data-board-row]';

export function CrewsPanel() {
  const t = useT();
  const locale = useLocale();
  const crews = useRosterCrews();
  const work = useCrewWork();
  const submit = useConsole((s) => s.submit);
  const selectCrew = useConsole((s) => s.selectCrew);
  const selectedCrewId = useConsole((s) => s.selectedCrewId);
  // By name, not by status: a row stays where it is (and keeps focus) when its status changes.
  const roster = useMemo(() => [...crews].sort((a, b) => a.name.localeCompare(b.name, 'fa') || a.id.localeCompare(b.id)), [crews]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const active = roster.find((c) => c.id === activeId) ?? roster[0];
  const gridRef = useRef<HTMLDivElement>(null);

  const focusRow = (id: string) => {
    setActiveId(id);
    gridRef.current?.querySelector<HTMLElement>(`${ROW}[data-crew-id="${CSS.escape(id)}"]`)?.focus();
  };
  const setStatus = (crew: CrewView, status: CrewStatus) => {
    if (crew.status !== status) void submit({ type: 'crew.set_status', data: { crewId: crew.id, status } });
  };

  useShortcuts(FOCUS_BOARD, () => {
    if (!active) return false;
    focusRow(active.id);
  });
  useShortcuts(BOARD_KEYS, (key, e) => {
    const row = e.target instanceof Element && e.target.matches(ROW) && gridRef.current?.contains(e.target) ? e.target : null;
    const crew = row && roster.find((c) => c.id === row.getAttribute('data-crew-id'));
    if (!crew) return false;
    if (key.move) {
      const next = roster[roster.indexOf(crew) + key.move];
      if (next) focusRow(next.id);
    } else if (key.find) selectCrew(crew.id);
    else if (key.status) setStatus(crew, key.status);
  });

  const cols = t.dispatch.board.columns;
  return (
    <section className="crews" data-testid="crews-panel" aria-labelledby="crew-board-title">
      <div className="crews__bar">
        <h2 className="panel-title" id="crew-board-title">
          {t.dispatch.board.label}
        </h2>
        <span className="muted">{t.dispatch.board.total(formatNumber(roster.length, locale))}</span>
        <span className="crews__keys muted">{t.dispatch.board.keys}</span>
      </div>
      <CrewCounts />
      <div className="board" role="grid" ref={gridRef} aria-labelledby="crew-board-title" aria-rowcount={roster.length + 1} data-own-keys data-testid="crew-board">
        <div role="row" className="board__head visually-hidden">
          {[cols.crew, cols.status, cols.since, cols.contractor, cols.request, cols.fix].map((c) => (
            <span key={c} role="columnheader">
              {c}
            </span>
          ))}
        </div>
        {roster.map((c) => (
          <BoardRow
            key={c.id}
            crew={c}
            current={work.get(c.id)?.current ?? null}
            active={c === active}
            selected={c.id === selectedCrewId}
            onFocus={() => setActiveId(c.id)}
            onFind={() => selectCrew(c.id === selectedCrewId ? null : c.id)}
            onStatus={(s) => setStatus(c, s)}
          />
        ))}
      </div>
    </section>
  );
}

interface RowProps {
  crew: CrewView;
  current: string | null;
  active: boolean;
  selected: boolean;
  onFocus(): void;
  onFind(): void;
  onStatus(s: CrewStatus): void;
}

function BoardRow({ crew: c, current, active, selected, onFocus, onFind, onStatus }: RowProps) {
  const t = useT();
  const b = t.dispatch.board;
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const contractor = useConsole((s) => s.contractors[c.contractorId]?.name ?? '');
  // The fix is read from the store at the clock's tick: fixes arrive faster than ages change.
  const fixAt = useConsole((s) => s.crews[c.id]?.fix?.at ?? null);
  const canCommand = useConsole((s) => s.permissions.commands);
  const fixAge = fixAt === null ? null : Math.max(0, now - Date.parse(fixAt));
  const fixTone = fixAge === null || fixAge > STALE_FIX_MS ? 'stale' : fixAge > AGING_FIX_MS ? 'aging' : 'fresh';
  return (
    <div
      role="row"
      aria-label={c.name}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      className={`board__row${selected ? ' board__row--selected' : ''}`}
      data-board-row
      data-testid="crew-row"
      data-crew-id={c.id}
      data-status={c.status}
      onFocus={(e) => e.target === e.currentTarget && onFocus()}
    >
      <span role="gridcell" className="board__name">
        <button type="button" className="board__find" tabIndex={-1} onClick={onFind} aria-pressed={selected}>
          <bdi>{c.name}</bdi>
        </button>
      </span>
      <span role="gridcell" className="board__status">
        <select
          className={`chip chip--crew-${c.status}`}
          value={c.status}
          tabIndex={active ? 0 : -1}
          disabled={!canCommand}
          aria-label={b.setStatus(c.name)}
          data-testid="crew-status"
          onChange={(e) => onStatus(e.target.value as CrewStatus)}
        >
          {CrewStatus.options.map((s, i) => (
            <option key={s} value={s}>
              {`${formatNumber(i + 1, locale)} · ${t.crewStatus[s]}`}
            </option>
          ))}
        </select>
      </span>
      <span role="gridcell" className="board__since" data-testid="crew-since">
        {c.statusSince === null ? b.unknownSince : formatDuration(Math.max(0, now - Date.parse(c.statusSince)), locale)}
      </span>
      <span role="gridcell" className="board__contractor muted">
        <bdi>{contractor}</bdi>
      </span>
      <span role="gridcell" className="board__request">
        {current ? <bdi>{localDigits(current, locale)}</bdi> : b.noRequest}
      </span>
      <span role="gridcell" className={`board__fix board__fix--${fixTone}`}>
        {fixAge === null ? b.noFix : b.fixAge(formatAge(fixAge, locale))}
      </span>
    </div>
  );
}
