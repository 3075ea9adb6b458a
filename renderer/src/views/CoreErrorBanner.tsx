// Shown over a working screen when a re-bootstrap keeps failing: the data on screen may be old.
import { useT } from '../i18n';
import { useConsole } from '../state/store';

export function CoreErrorBanner() {
  const t = useT();
  const error = useConsole((s) => s.error);
  if (!error) return null;
  return (
    <div className="core-error" role="alert" data-testid="core-error">
      {t.app.coreUnavailable}: {error} — {t.app.retrying}
    </div>
  );
}
