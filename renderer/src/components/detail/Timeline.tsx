// The request's history from the core's event log, oldest first, each entry in words: what, who
// (the operator's id, the crew's name), and the hub's text with its digits in the locale's.
import type { TimelineEntry } from '../../../../common/api/contract';
import { formatDateTime, formatNumber, localDigits, type Locale } from '../../i18n/format';
import { useLocale, useT, type Dict } from '../../i18n';
import { useConsole } from '../../state/store';
import { RequestStatus, Resolution } from '../../../../common/protocol/hub-protocol';

export function Timeline({ entries, failed }: { entries: TimelineEntry[] | null; failed: boolean }) {
  const t = useT();
  const locale = useLocale();
  const crews = useConsole((s) => s.crews);
  const crewName = (id: string) => (crews[id] ? localDigits(crews[id].name, locale) : id);
  return (
    <section className="timeline" aria-label={t.detail.timeline}>
      <h3 className="panel-title">{t.detail.timeline}</h3>
      {failed && <p className="timeline__error">{t.detail.timelineFailed}</p>}
      {!entries && !failed && <p className="muted">{t.detail.loadingTimeline}</p>}
      {entries && (
        <ol className="timeline__list" data-testid="timeline">
          {entries.map((e) => (
            <li key={e.seq} className="timeline__entry">
              <time dateTime={e.at} className="timeline__at muted">
                {formatDateTime(e.at, locale)}
              </time>
              <span className="timeline__what">
                <strong>{t.timeline.type[e.type] ?? e.type}</strong>
                <span className="muted"> · </span>
                <Actor entry={e} crewName={crewName} />
              </span>
              <Summary text={summarise(e, t, locale, crewName)} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Who: a crew by its name, anyone else by their kind and id ("operator op-2"). */
function Actor({ entry: e, crewName }: { entry: TimelineEntry; crewName: (id: string) => string }) {
  const t = useT();
  const kind = t.timeline.actor[e.actorKind] ?? e.actorKind;
  if (!e.actorId) return <span className="muted">{kind}</span>;
  return (
    <span className="muted timeline__actor" data-testid="timeline-actor" data-actor-id={e.actorId}>
      {e.actorKind === 'crew' ? <bdi>{crewName(e.actorId)}</bdi> : <>{kind} <bdi>{e.actorId}</bdi></>}
    </span>
  );
}

function Summary({ text }: { text: string }) {
  return text ? <span className="timeline__summary" dir="auto">{text}</span> : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** One line saying what the event changed, from its (already validated by the core) data. */
export function summarise(e: TimelineEntry, t: Dict, locale: Locale, crewName: (id: string) => string): string {
  const d = e.data;
  // Text and codes from the hub (notes, reasons, tracking codes): digits in the locale's.
  const hub = (v: unknown): string | null => {
    const s = str(v);
    return s && localDigits(s, locale);
  };
  const parts: Array<string | null> = [];
  switch (e.type) {
    case 'request.assigned':
      parts.push(str(d.crewId) && crewName(d.crewId as string));
      break;
    case 'request.status_changed': {
      const s = RequestStatus.safeParse(d.status);
      parts.push(s.success ? t.status[s.data] : null, hub(d.note));
      break;
    }
    case 'request.noted':
      parts.push(hub(d.note), str(d.author) && `— ${d.author as string}`);
      break;
    case 'request.closed': {
      const r = Resolution.safeParse(d.resolution);
      const original = hub(d.duplicateOf);
      const district = hub(d.toDistrictId);
      parts.push(
        r.success ? t.resolution[r.data] : null,
        original && t.timeline.duplicateOf(original),
        district && t.timeline.toDistrict(district),
        hub(d.note),
      );
      break;
    }
    case 'request.unassigned':
    case 'request.reopened':
      parts.push(hub(d.reason));
      break;
    case 'request.feedback':
      parts.push(typeof d.rating === 'number' ? t.timeline.rating(formatNumber(d.rating, locale)) : null, hub(d.comment));
      break;
    case 'request.updated':
      if (d.changes && typeof d.changes === 'object') {
        const fields = Object.keys(d.changes).map((f) => t.timeline.field[f] ?? f);
        parts.push(t.timeline.changed(fields));
      }
      break;
  }
  return parts.filter(Boolean).join(' · ');
}
