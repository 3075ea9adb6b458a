// The sentence saying who did what to a request first, so that a command of this operator's no
// longer fitted: "op-1 assigned “…” 12 s ago". From the core's notice (main/core/notices.ts).
import type { NoticeCause } from '../../../common/api/contract';
import type { Dict } from '../i18n';
import { formatAge, isolate, type Locale } from '../i18n/format';

export interface CauseWords {
  t: Dict;
  locale: Locale;
  /** The console's clock: the age is counted from it to the hub's `at` (clamped at zero). */
  now: number;
  /** This console's operator, told apart from the others. */
  operatorId: string;
  crewName(id: string): string;
}

function actorOf(c: NoticeCause, w: CauseWords): string {
  const n = w.t.notices;
  if (c.actorKind === 'operator') return c.actorId ? (c.actorId === w.operatorId ? n.thisStation(c.actorId) : c.actorId) : n.actor.operator;
  if (c.actorKind === 'crew') {
    const crew = c.actorId ?? c.crewId;
    return crew ? w.crewName(crew) : n.actor.crew;
  }
  return n.actor[c.actorKind] ?? c.actorId ?? c.actorKind;
}

/** What the deed's sentence names besides who and when: the crew, the status, the outcome. */
function detailOf(c: NoticeCause, w: CauseWords): string {
  switch (c.type) {
    case 'request.assigned':
      return c.crewId ? w.crewName(c.crewId) : '';
    case 'request.status_changed':
      return w.t.status[c.status];
    case 'request.closed':
      return c.resolution ? w.t.resolution[c.resolution] : w.t.status.closed;
    default:
      return '';
  }
}

export function causeSentence(c: NoticeCause, w: CauseWords): string {
  const n = w.t.notices;
  const who = isolate(actorOf(c, w));
  const age = formatAge(w.now - Date.parse(c.at), w.locale);
  const deed = n.cause[c.type];
  return deed ? deed(who, age, isolate(detailOf(c, w))) : n.otherCause(who, age, w.t.timeline.type[c.type] ?? c.type);
}
