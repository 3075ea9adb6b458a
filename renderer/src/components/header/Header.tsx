// The operator workstation's top bar: the district, the hub link, the alerts and their sound, the
// walk-in form, the clock, the language, and who is signed in.
import './header.css';
import { nameIn, useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { AlertCenter } from '../alerts/AlertCenter';
import { SoundControls } from '../alerts/SoundControls';
import { AccountControls } from './AccountControls';
import { Clock } from './Clock';
import { LinkMetrics } from './LinkMetrics';
import { LinkStatus } from './LinkStatus';
import { LocaleSwitch } from './LocaleSwitch';
import { WalkInButton } from '../walkin/WalkIn';

export function Header() {
  return (
    <header className="app-header">
      <Brand />
      <LinkStatus />
      <LinkMetrics />
      <span className="app-header__spacer" />
      <SoundControls />
      <AlertCenter />
      <WalkInButton />
      <Clock />
      <LocaleSwitch />
      <AccountControls />
    </header>
  );
}

export function Brand() {
  const district = useConsole((s) => s.district);
  const t = useT();
  const locale = useLocale();
  return (
    <div className="brand">
      <span className="brand__title">{t.app.title}</span>
      <span className="brand__district" data-testid="district-name">
        {district ? nameIn(locale, district) : t.app.noDistrict}
      </span>
    </div>
  );
}
