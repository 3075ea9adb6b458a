// The caller's name and phone (§7 personal data), on asking: offered only where the core's policy
// grants this session personal data, and only on the operator screen. The answer is held by this
// card alone — for this request, until the selection changes (the card is keyed by request) or
// the screen locks (the operator view goes) — never in the store's request data. The core audits
// each asking.
import { useState } from 'react';
import { localDigits } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';

type Contact = { name: string | null; phone: string | null };
type Asked = { phase: 'idle' } | { phase: 'loading' } | { phase: 'shown'; contact: Contact } | { phase: 'failed'; message: string };

export function CitizenCard({ requestId }: { requestId: string }) {
  const t = useT();
  const locale = useLocale();
  const allowed = useConsole((s) => s.permissions.personalData && s.view === 'operator');
  const [asked, setAsked] = useState<Asked>({ phase: 'idle' });
  if (!allowed) return null;

  function show() {
    setAsked({ phase: 'loading' });
    useConsole
      .getState()
      .command('showContact', { requestId })
      .then(
        (contact) => setAsked({ phase: 'shown', contact }),
        (err: unknown) => setAsked({ phase: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
  }

  return (
    <section className="citizen" data-testid="citizen" aria-label={t.detail.citizen}>
      <h3 className="panel-title">{t.detail.citizen}</h3>
      {asked.phase === 'shown' ? (
        <dl className="facts">
          <div className="fact">
            <dt>{t.detail.citizenName}</dt>
            <dd>{asked.contact.name ?? <span className="muted">{t.detail.notGiven}</span>}</dd>
          </div>
          <div className="fact">
            <dt>{t.detail.citizenPhone}</dt>
            <dd>
              {asked.contact.phone ? <bdi className="ltr">{localDigits(asked.contact.phone, locale)}</bdi> : <span className="muted">{t.detail.notGiven}</span>}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="citizen__ask">
          <button type="button" aria-label={t.signin.contact.showLabel} disabled={asked.phase === 'loading'} onClick={show}>
            {asked.phase === 'loading' ? t.signin.contact.loading : t.signin.contact.show}
          </button>
          {asked.phase === 'failed' && (
            <span className="citizen__error" role="alert">
              {t.signin.contact.failed} {asked.message}
            </span>
          )}
        </p>
      )}
    </section>
  );
}
