// Chooses the screen: startup until the first bootstrap, then the operator workstation or the
// wall display.
import { useEffect } from 'react';
import { useT } from './i18n';
import { useConsole } from './state/store';
import { OperatorView } from './views/OperatorView';
import { StartupScreen } from './views/StartupScreen';
import { WallView } from './views/WallView';

export function App() {
  const ready = useConsole((s) => s.ready);
  const view = useConsole((s) => s.view);
  const t = useT();
  useEffect(() => {
    document.title = t.app.title;
  }, [t]);
  if (!ready) return <StartupScreen />;
  return view === 'wall' ? <WallView /> : <OperatorView />;
}
