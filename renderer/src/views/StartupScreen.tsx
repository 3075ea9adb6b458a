// Until the core has said who this session is, and after signing in until the first bootstrap:
// loading, or why the core cannot be reached (retried on its own).
import { useT } from '../i18n';
import { useConsole } from '../state/store';

export function StartupScreen() {
  const t = useT();
  const error = useConsole((s) => s.error);
  return (
    <main className="startup" data-testid="startup" aria-busy={!error}>
      <h1>{t.app.title}</h1>
      <p className="muted">{t.app.subtitle}</p>
      {error ? (
        <p className="startup__error" role="alert">
          {t.app.coreUnavailable}: {error} — {t.app.retrying}
        </p>
      ) : (
        <p>{t.app.loading}</p>
      )}
    </main>
  );
}
