// Choosing the crew to send: the shared ranking (common/domain/nearest-crew) in its groups — same
// trade, after the current job, other trade — with distance, ETA, load and how old the fix is.
// It opens on the best assignable crew, so S then Enter sends it. Arrow keys move, Enter assigns,
// Esc cancels; it owns its keys while open.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CrewView, RequestView } from '../../../../common/api/contract';
import { crewLoads } from '../../../../common/domain/crew-work';
import { GROUP_ORDER, isAssignable, rankCrews, type CrewCandidate as Candidate } from '../../../../common/domain/nearest-crew';
import { formatAge, formatDistance, formatDuration, formatNumber, localDigits } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useCrewWork } from '../../state/crewWork';
import { useConsole } from '../../state/store';

type CrewCandidate = Candidate<CrewView>;

export function CrewPicker({ request, onDone }: { request: RequestView; onDone(): void }) {
  const dict = useT();
  const t = dict.dispatch.picker;
  const crews = useConsole((s) => s.crews);
  const submit = useConsole((s) => s.submit);
  const work = useCrewWork();
  // Ranked against the time the picker opened, so rows do not shuffle under the operator's keys.
  const [openedAt] = useState(() => Date.now());
  const candidates = useMemo(
    () => rankCrews(Object.values(crews), request, openedAt, crewLoads(work)).filter((c) => c.crew.id !== request.crewId),
    [crews, request, openedAt, work],
  );
  const choices = candidates.filter(isAssignable);
  const [activeId, setActiveId] = useState<string | null>(null);
  // Take the keys as soon as it opens (autoFocus does not apply to a list).
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => listRef.current?.focus(), []);
  const active = choices.find((c) => c.crew.id === activeId) ?? choices[0];

  async function assign(c: CrewCandidate) {
    const replace = request.crewId !== null;
    const id = await submit({ type: 'request.assign', data: { id: request.id, crewId: c.crew.id, ...(replace ? { replace } : {}) } });
    if (id) onDone();
  }

  function onKeyDown(e: KeyboardEvent) {
    const i = active ? choices.indexOf(active) : -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = choices[Math.max(0, Math.min(choices.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setActiveId(next.crew.id);
    } else if (e.key === 'Enter' && active) {
      void assign(active);
    } else if (e.key === 'Escape') {
      onDone();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  const groups = GROUP_ORDER.map((g) => ({ group: g, members: candidates.filter((c) => c.group === g) })).filter((g) => g.members.length);
  return (
    <div className="crew-picker" data-own-keys data-testid="crew-picker">
      <div className="crew-picker__head">
        <h4 className="panel-title" id="crew-picker-title">{t.title}</h4>
        <span className="muted">{t.hint}</span>
      </div>
      {candidates.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div
          className="crew-picker__list"
          role="listbox"
          ref={listRef}
          tabIndex={0}
          aria-labelledby="crew-picker-title"
          aria-activedescendant={active ? `crew-option-${active.crew.id}` : undefined}
          onKeyDown={onKeyDown}
        >
          {groups.map(({ group, members }) => (
            <div key={group} role="group" aria-labelledby={`crew-group-${group}`} data-group={group}>
              <div className={`crew-picker__group crew-picker__group--${group}`} id={`crew-group-${group}`} role="presentation">
                {t.group[group]}
              </div>
              {members.map((c) => (
                <CrewOption key={c.crew.id} candidate={c} current={work.get(c.crew.id)?.current ?? null} active={c === active} onPick={() => void assign(c)} />
              ))}
            </div>
          ))}
        </div>
      )}
      <button type="button" onClick={onDone}>
        {dict.actions.cancel}
      </button>
    </div>
  );
}

type Tone = 'plain' | 'mark' | 'warn';
interface Fact {
  text: string;
  tone: Tone;
}

/** What an option says of its crew: its group's mark, where it is (or how old its fix is), how soon it can be there, its load. */
function useOptionFacts(c: CrewCandidate, current: string | null): Fact[] {
  const t = useT().dispatch.picker;
  const locale = useLocale();
  const age = c.fixAgeMs === null ? '' : formatAge(c.fixAgeMs, locale);
  const facts: Fact[] = [];
  const add = (text: string, tone: Tone = 'plain') => facts.push({ text, tone });
  if (c.group === 'other_trade') add(t.otherTrade, 'mark');
  // A tracking code reads left to right in either language (isolated: its groups keep their order).
  if (c.group === 'after_job' && current) add(t.afterJob(`\u2066${localDigits(current, locale)}\u2069`), 'mark');
  if (c.km !== null && c.etaMin !== null) {
    add(formatDistance(c.km, locale));
    add(t.eta(formatDuration(Math.max(1, Math.ceil(c.etaMin)) * 60_000, locale)));
  }
  if (c.fixState === 'aging') add(t.agingFix(age), 'warn');
  else if (c.fixState === 'stale') add(t.staleFix(age), 'warn');
  else if (c.fixState === 'none') add(t.noFix, 'warn');
  add(c.load ? t.load(formatNumber(c.load, locale)) : t.noLoad);
  return facts;
}

function CrewOption({ candidate: c, current, active, onPick }: { candidate: CrewCandidate; current: string | null; active: boolean; onPick(): void }) {
  const t = useT().dispatch.picker;
  const contractor = useConsole((s) => s.contractors[c.crew.contractorId]);
  const facts = useOptionFacts(c, current);
  const assignable = isAssignable(c);
  return (
    <div
      id={`crew-option-${c.crew.id}`}
      role="option"
      aria-selected={active}
      aria-disabled={!assignable || undefined}
      aria-label={[c.crew.name, ...facts.map((f) => f.text)].join(t.separator)}
      data-testid="crew-option"
      data-crew-id={c.crew.id}
      data-fix={c.fixState}
      className={`crew-option crew-option--${c.group}${active ? ' crew-option--active' : ''}`}
      onClick={assignable ? onPick : undefined}
    >
      <strong className="crew-option__name">
        <bdi>{c.crew.name}</bdi>
      </strong>
      <span className="crew-option__contractor muted">
        <bdi>{contractor?.name ?? ''}</bdi>
      </span>
      <span className="crew-option__facts">
        {facts.map((f) => (
          <span key={f.text} className={`crew-option__fact crew-option__fact--${f.tone}`}>
            {f.text}
          </span>
        ))}
      </span>
    </div>
  );
}
