// Small labelled badges for enumerations; the text says it, the colour only helps.
import type { CrewStatus, Priority, RequestStatus } from '../../../common/protocol/hub-protocol';
import { useT } from '../i18n';

export function PriorityChip({ priority }: { priority: Priority }) {
  const t = useT();
  return <span className={`chip chip--${priority}`}>{t.priority[priority]}</span>;
}

export function StatusChip({ status, pending = 0 }: { status: RequestStatus; pending?: number }) {
  const t = useT();
  return (
    <span className={`chip chip--status-${status}`} title={pending ? t.list.pending : undefined}>
      {pending > 0 && <span className="pending-dot" aria-label={t.list.pending} />}
      {t.status[status]}
    </span>
  );
}

export function CrewStatusChip({ status }: { status: CrewStatus }) {
  const t = useT();
  return <span className={`chip chip--crew-${status}`}>{t.crewStatus[status]}</span>;
}
