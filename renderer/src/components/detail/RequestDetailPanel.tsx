// The selected request in full: header, deadlines, facts, the citizen's contact on asking
// (operators only), actions and timeline. Enter on the queue focuses this panel.
import './detail.css';
import type { RequestView } from '../../../../common/api/contract';
import { formatNumber, localDigits } from '../../i18n/format';
import { nameIn, useLocale, useT } from '../../i18n';
import { selectedRequest, useConsole } from '../../state/store';
import { PriorityChip, StatusChip } from '../Chips';
import { Countdown } from '../Countdown';
import { DuplicateBadge } from '../DuplicateBadge';
import { CitizenCard } from './CitizenCard';
import { DuplicateList } from './DuplicateList';
import { RequestActions } from './RequestActions';
import { RequestFacts } from './RequestFacts';
import { Timeline } from './Timeline';
import { useRequestDetail } from './useRequestDetail';

export function RequestDetailPanel() {
  const t = useT();
  const request = useConsole(selectedRequest);
  return (
    <section className="detail" data-testid="request-detail" tabIndex={-1} aria-label={t.detail.label} data-request-id={request?.id}>
      {request ? <DetailBody key={request.id} request={request} /> : <p className="detail__none muted">{t.detail.none}</p>}
    </section>
  );
}

function DetailBody({ request }: { request: RequestView }) {
  const t = useT();
  const locale = useLocale();
  const category = useConsole((s) => s.categories[request.category]);
  const { detail, failed } = useRequestDetail(request);
  return (
    <>
      <header className="detail__head">
        <h2 className="detail__id">
          <bdi>{localDigits(request.id, locale)}</bdi>
        </h2>
        <span className="detail__category">{category ? nameIn(locale, category) : request.category}</span>
        <PriorityChip priority={request.priority} />
        <StatusChip status={request.status} pending={request.pendingCommands} />
        <DuplicateBadge count={request.duplicates} />
        <span className="detail__countdown">
          <Countdown request={request} />
        </span>
      </header>
      {request.pendingCommands > 0 && (
        <p className="detail__pending" role="status">
          <span className="pending-dot" /> {t.detail.pending(formatNumber(request.pendingCommands, locale))}
        </p>
      )}
      <RequestActions request={request} timeline={detail?.timeline ?? null} />
      <div className="detail__scroll">
        <DuplicateList request={request} candidates={detail?.duplicates ?? []} />
        <RequestFacts request={request} />
        <CitizenCard requestId={request.id} />
        <Timeline entries={detail?.timeline ?? null} failed={failed} />
      </div>
    </>
  );
}
