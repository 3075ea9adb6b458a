// Choosing the crew to send: available crews, nearest first, trade match shown. Arrow keys move,
// Enter assigns, Esc cancels; it owns its keys while open.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CrewView, RequestView } from '../../../../common/api/contract';
import { formatAge, formatDistance } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { rankCrews, type CrewCandidate as Candidate } from '../../../../common/domain/nearest-crew';
import { useConsole } from '../../state/store';

// The shared ranking (common/domain/nearest-crew) over the UI's crew views.
type CrewCandidate = Candidate<CrewView>;

export function CrewPicker({ request, onDone }: { request: RequestView; onDone(): void }) {
  const t = useT();
  const crews = useConsole((s) => s.crews);
  const submit = useConsole((s) => s.submit);
  // Ranked against the time the picker opened, so rows do not shuffle under the operator's keys.
  const [openedAt] = useState(() => Date.now());
  const candidates = useMemo(
    () => rankCrews(Object.values(crews), request, openedAt).filter((c) => c.crew.id !== request.crewId),
    [crews, request, openedAt],
  );
  const [activeId, setActiveId] = useState<string | null>(null);
  // Take the keys as soon as it opens (autoFocus does not apply to a list).
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => listRef.current?.focus(), []);
  const active = candidates.find((c) => c.crew.id === activeId) ?? candidates[0];

  async function assign(c: CrewCandidate) {
    const replace = request.crewId !== null;
    const id = await submit({ type: 'request.assign', data: { id: request.id, crewId: c.crew.id, ...(replace ? { replace } : {}) } });
    if (id) onDone();
  }

  function onKeyDown(e: KeyboardEvent) {
    const i = active ? candidates.indexOf(active) : -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = candidates[Math.max(0, Math.min(candidates.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setActiveId(next.crew.id);
    } else if (e.key === 'Enter' && active) {
      void assign(active);
    } else if (e.key === 'Escape') {
      onDone();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div className="crew-picker" data-own-keys data-testid="crew-picker">
      <div className="crew-picker__head">
        <h4 className="panel-title">{t.picker.title}</h4>
        <span className="muted">{t.picker.hint}</span>
      </div>
      {candidates.length === 0 ? (
        <p className="muted">{t.picker.none}</p>
      ) : (
        <ul
          className="crew-picker__list"
          role="listbox"
          ref={listRef}
          tabIndex={0}
          aria-label={t.picker.title}
          aria-activedescendant={active ? `crew-option-${active.crew.id}` : undefined}
          onKeyDown={onKeyDown}
        >
          {candidates.map((c) => (
            <CrewOption key={c.crew.id} candidate={c} active={c === active} onPick={() => void assign(c)} />
          ))}
        </ul>
      )}
      <button type="button" onClick={onDone}>
        {t.actions.cancel}
      </button>
    </div>
  );
}

function CrewOption({ candidate: c, active, onPick }: { candidate: CrewCandidate; active: boolean; onPick(): void }) {
  const t = useT();
  const locale = useLocale();
  const contractor = useConsole((s) => s.contractors[c.crew.contractorId]);
  const where =
    c.km !== null ? formatDistance(c.km, locale) : c.fixAgeMs !== null ? t.picker.staleFix(formatAge(c.fixAgeMs, locale)) : t.picker.noFix;
  return (
    <li
      id={`crew-option-${c.crew.id}`}
      role="option"
      aria-selected={active}
      data-testid="crew-option"
      data-crew-id={c.crew.id}
      className={`crew-option${active ? ' crew-option--active' : ''}`}
      onClick={onPick}
    >
      <strong className="crew-option__name" dir="auto">{c.crew.name}</strong>
      <span className="crew-option__contractor muted" dir="auto">{contractor?.name ?? ''}</span>
      <span className={c.km !== null ? 'crew-option__distance' : 'crew-option__distance muted'}>{where}</span>
      <span className={`chip ${c.matchesCategory ? 'chip--match' : 'chip--nomatch'}`}>{c.matchesCategory ? t.picker.match : t.picker.noMatch}</span>
    </li>
  );
}
