// Chooses the screen: startup until the first bootstrap, then the operator workstation or the
// wall display; listens for the keyboard shortcuts on every screen.
import { useEffect } from 'react';
import { useT } from './i18n';
import { useShortcutListener } from './keyboard/useShortcuts';
import { useConsole } from './state/store';
import { OperatorView } from './views/OperatorView';
import { StartupScreen } from './views/StartupScreen';
import { WallView } from './views/WallView';

export function App() {
  const ready = useConsole((s) => s.ready);
  const view = useConsole((s) => s.view);
  const t = useT();
  useShortcutListener();
  useEffect(() => {
    document.title = t.app.title;
  }, [t]);
  if (!ready) return <StartupScreen />;
  return view === 'wall' ? <WallView /> : <OperatorView />;
}
