// The shift supervisor's wall display, and the mayor's screen: large type, KPIs, the map large,
// the most urgent work. No personal data here (§7): nothing on this screen asks for a contact.
// The mayor's session shows its account (sign out, lock); the wall itself has none.
import './layout.css';
import './wall.css';
import { CrewCounts } from '../components/CrewsPanel';
import { Countdown } from '../components/Countdown';
import { AccountControls } from '../components/header/AccountControls';
import { Brand } from '../components/header/Header';
import { Clock } from '../components/header/Clock';
import { LinkStatus } from '../components/header/LinkStatus';
import { PriorityChip, StatusChip } from '../components/Chips';
import { formatNumber } from '../i18n/format';
import { nameIn, useLocale, useT } from '../i18n';
import { isOpen } from '../../../common/domain/lifecycle';
import { compareUrgency, isOverdue } from '../../../common/domain/urgency';
import { useConsole, useRequestsDerived } from '../state/store';
import { DistrictMap } from '../map/DistrictMap';
import { CoreErrorBanner } from './CoreErrorBanner';

const URGENT_ROWS = 12;

export function WallView() {
  const t = useT();
  return (
    <div className="wall" data-testid="wall-view">
      <header className="wall__header">
        <Brand />
        <LinkStatus />
        <span className="app-header__spacer" />
        <Clock large />
        <AccountControls />
      </header>
      <CoreErrorBanner />
      <WallKpis />
      <main className="wall__main">
        <div className="wall__map">
          <DistrictMap />
        </div>
        <aside className="wall__side">
          <section>
            <h2 className="wall__title">{t.wall.crews}</h2>
            <CrewCounts large />
          </section>
          <MostUrgent />
        </aside>
      </main>
    </div>
  );
}

function WallKpis() {
  const t = useT();
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const k = useRequestsDerived((requests) => {
    const open = Object.values(requests).filter(isOpen);
    return {
      open: open.length,
      overdue: open.filter((r) => isOverdue(r, now)).length,
      unassigned: open.filter((r) => !r.crewId && r.status !== 'resolved').length,
      unacknowledged: open.filter((r) => r.status === 'new').length,
    };
  }, [now]);
  const items = [
    ['open', t.wall.open, k.open],
    ['overdue', t.wall.overdue, k.overdue],
    ['unacknowledged', t.wall.unacknowledged, k.unacknowledged],
    ['unassigned', t.wall.unassigned, k.unassigned],
  ] as const;
  return (
    <ul className="wall__kpis">
      {items.map(([key, label, n]) => (
        <li key={key} className={`kpi kpi--${key}${key === 'overdue' && n > 0 ? ' kpi--alarm' : ''}`} data-testid="kpi" data-kpi={key} data-value={n}>
          <span className="kpi__n">{formatNumber(n, locale)}</span>
          <span className="kpi__label">{label}</span>
        </li>
      ))}
    </ul>
  );
}

function MostUrgent() {
  const t = useT();
  const locale = useLocale();
  const categories = useConsole((s) => s.categories);
  const rows = useRequestsDerived((requests) => Object.values(requests).filter(isOpen).sort(compareUrgency).slice(0, URGENT_ROWS), []);
  return (
    <section className="wall__urgent">
      <h2 className="wall__title">{t.wall.mostUrgent}</h2>
      <ol className="wall__urgent-list" data-testid="wall-urgent">
        {rows.map((r) => (
          <li key={r.id} className="wall__urgent-row">
            <span className="wall__urgent-what">
              <strong>{categories[r.category] ? nameIn(locale, categories[r.category]) : r.category}</strong>
              <span className="muted" dir="auto">{r.address}</span>
            </span>
            <PriorityChip priority={r.priority} />
            <StatusChip status={r.status} />
            <span className="wall__urgent-due">
              <Countdown request={r} withKind={false} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
