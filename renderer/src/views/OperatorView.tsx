// The operator workstation (1920×1080): queue, map, and the selected request with the crews.
import './layout.css';
import { CrewsPanel } from '../components/CrewsPanel';
import { RequestDetailPanel } from '../components/detail/RequestDetailPanel';
import { Header } from '../components/header/Header';
import { ShortcutHelp } from '../components/help/ShortcutHelp';
import { RequestQueue } from '../components/queue/RequestQueue';
import { Toasts } from '../components/Toasts';
import { WalkIn } from '../components/walkin/WalkIn';
import { DistrictMap } from '../map/DistrictMap';
import { CoreErrorBanner } from './CoreErrorBanner';

export function OperatorView() {
  return (
    <div className="operator" data-testid="operator-view">
      <Header />
      <CoreErrorBanner />
      <main className="operator__main">
        <div className="operator__queue">
          <RequestQueue />
        </div>
        <div className="operator__map">
          <DistrictMap />
        </div>
        <div className="operator__side">
          <RequestDetailPanel />
          <CrewsPanel />
        </div>
      </main>
      <WalkIn />
      <Toasts />
      <ShortcutHelp />
    </div>
  );
}
