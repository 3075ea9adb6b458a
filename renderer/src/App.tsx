// Chooses the screen: startup until the core has said who this session is, sign-in while no one
// is signed in (or the screen is locked), then — once bootstrapped — the operator workstation or
// the wall display (the wall's and the mayor's); listens for the keyboard shortcuts and tells the
// core of activity on every screen.
import { useEffect } from 'react';
import { SignInScreen } from './components/signin/SignInScreen';
import { useT } from './i18n';
import { useShortcutListener } from './keyboard/useShortcuts';
import { useConsole } from './state/store';
import { OperatorView } from './views/OperatorView';
import { StartupScreen } from './views/StartupScreen';
import { WallView } from './views/WallView';

const noteActivity = () => useConsole.getState().activity();

/** Keys and clicks anywhere in the window keep the session from locking (the slice sends at most one call per 30 s). */
function useActivity(): void {
  useEffect(() => {
    const options = { capture: true, passive: true };
    window.addEventListener('keydown', noteActivity, options);
    window.addEventListener('pointerdown', noteActivity, options);
    return () => {
      window.removeEventListener('keydown', noteActivity, options);
      window.removeEventListener('pointerdown', noteActivity, options);
    };
  }, []);
}

export function App() {
  const signedOut = useConsole((s) => s.session?.role === 'signed_out');
  const known = useConsole((s) => s.session !== null);
  const ready = useConsole((s) => s.ready);
  const view = useConsole((s) => s.view);
  const t = useT();
  useShortcutListener();
  useActivity();
  useEffect(() => {
    document.title = t.app.title;
  }, [t]);
  if (!known) return <StartupScreen />;
  if (signedOut) return <SignInScreen />;
  if (!ready) return <StartupScreen />;
  return view === 'wall' ? <WallView /> : <OperatorView />;
}
