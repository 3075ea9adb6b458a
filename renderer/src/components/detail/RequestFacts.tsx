// What is known about a request: description, place, channel, times, crew, outcome. The hub's
// free text keeps its words but takes the locale's digits (a house number, a plate).
import type { ReactNode } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { formatDateTime, formatNumber, localDigits } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { CrewStatusChip } from '../Chips';

export function RequestFacts({ request: r }: { request: RequestView }) {
  const t = useT();
  const locale = useLocale();
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, locale)}</time>;
  return (
    <dl className="facts">
      <Fact label={t.detail.description} wide>
        <p className="fact__text" dir="auto">{localDigits(r.description, locale)}</p>
      </Fact>
      <Fact label={t.detail.address} wide>
        <p className="fact__text" dir="auto">{localDigits(r.address, locale)}</p>
      </Fact>
      <Fact label={t.detail.channel}>{t.channel[r.channel]}</Fact>
      <Fact label={t.detail.receivedAt}>{when(r.receivedAt)}</Fact>
      <Fact label={t.detail.ackDueAt}>{when(r.ackDueAt)}</Fact>
      <Fact label={t.detail.resolveDueAt}>{when(r.resolveDueAt)}</Fact>
      {r.acknowledgedAt && <Fact label={t.detail.acknowledgedAt}>{when(r.acknowledgedAt)}</Fact>}
      <Fact label={t.detail.crew} wide>
        <CrewLine crewId={r.crewId} />
      </Fact>
      {r.closedAt && <Fact label={t.detail.closedAt}>{when(r.closedAt)}</Fact>}
      {r.resolution && <Fact label={t.detail.resolution}>{t.resolution[r.resolution]}</Fact>}
      {r.rating !== null && <Fact label={t.detail.rating}>{'★'.repeat(r.rating)} ({formatNumber(r.rating, locale)})</Fact>}
    </dl>
  );
}

function Fact({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fact fact--wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CrewLine({ crewId }: { crewId: string | null }) {
  const t = useT();
  const locale = useLocale();
  const crew = useConsole((s) => (crewId ? s.crews[crewId] : undefined));
  const contractor = useConsole((s) => (crew ? s.contractors[crew.contractorId] : undefined));
  if (!crewId) return <span className="muted">{t.detail.noCrew}</span>;
  if (!crew) return <bdi>{crewId}</bdi>;
  return (
    <span className="crew-line">
      <strong><bdi>{localDigits(crew.name, locale)}</bdi></strong>
      {contractor && <bdi className="muted">{contractor.name}</bdi>}
      {crew.vehicle && <bdi className="muted">{localDigits(crew.vehicle, locale)}</bdi>}
      <CrewStatusChip status={crew.status} />
    </span>
  );
}
