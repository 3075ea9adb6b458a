// One queue row; re-renders on its own each second (ages, countdowns) while the list stays put.
import { memo } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { urgencyOf } from '../../../../common/domain/urgency';
import { formatAge, localDigits } from '../../i18n/format';
import { nameIn, useLocale } from '../../i18n';
import { useConsole } from '../../state/store';
import { PriorityChip, StatusChip } from '../Chips';
import { Countdown } from '../Countdown';
import { DuplicateBadge } from '../DuplicateBadge';

interface Props {
  request: RequestView;
  index: number;
  start: number;
  selected: boolean;
}

export const RequestRow = memo(function RequestRow({ request: r, index, start, selected }: Props) {
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const category = useConsole((s) => s.categories[r.category]);
  const crewName = useConsole((s) => (r.crewId ? (s.crews[r.crewId]?.name ?? r.crewId) : null));
  const selectRequest = useConsole((s) => s.selectRequest);
  const hoverRequest = useConsole((s) => s.hoverRequest);
  const urgency = urgencyOf(r, now).level;
  const address = localDigits(r.address, locale);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="request-row"
      data-request-id={r.id}
      data-urgency={urgency}
      className={`request-row request-row--${urgency}${selected ? ' request-row--selected' : ''}${r.status === 'closed' ? ' request-row--closed' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => selectRequest(r.id)}
      onMouseEnter={() => hoverRequest(r.id)}
      onMouseLeave={() => hoverRequest(null)}
    >
      <span role="gridcell" className="cell cell--id"><bdi>{localDigits(r.id, locale)}</bdi></span>
      <span role="gridcell" className="cell cell--category" dir="auto">{category ? nameIn(locale, category) : r.category}</span>
      <span role="gridcell" className="cell cell--priority"><PriorityChip priority={r.priority} /></span>
      <span role="gridcell" className="cell cell--status"><StatusChip status={r.status} pending={r.pendingCommands} /></span>
      <span role="gridcell" className="cell cell--address" dir="auto" title={address}><DuplicateBadge count={r.duplicates} />{address}</span>
      <span role="gridcell" className="cell cell--age">{formatAge(now - Date.parse(r.receivedAt), locale)}</span>
      <span role="gridcell" className="cell cell--deadline"><Countdown request={r} withKind={false} /></span>
      <span role="gridcell" className="cell cell--crew" dir={crewName ? 'auto' : undefined} title={crewName ?? undefined}>{crewName ?? '—'}</span>
    </div>
  );
});
