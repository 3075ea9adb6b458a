// The caller's name and phone (§7 personal data): shown only where the core's policy grants this
// session personal data, and only on the operator screen — never on the wall display, whatever
// the core sends.
import type { RequestDetail } from '../../../../common/api/contract';
import { localDigits } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { useConsole } from '../../state/store';

export function CitizenCard({ citizen }: { citizen: RequestDetail['citizen'] }) {
  const t = useT();
  const locale = useLocale();
  const allowed = useConsole((s) => s.permissions.personalData && s.view === 'operator');
  if (!allowed || !citizen) return null;
  return (
    <section className="citizen" data-testid="citizen" aria-label={t.detail.citizen}>
      <h3 className="panel-title">{t.detail.citizen}</h3>
      <dl className="facts">
        <div className="fact">
          <dt>{t.detail.citizenName}</dt>
          <dd>{citizen.name ?? <span className="muted">{t.detail.notGiven}</span>}</dd>
        </div>
        <div className="fact">
          <dt>{t.detail.citizenPhone}</dt>
          <dd>{citizen.phone ? <bdi className="ltr">{localDigits(citizen.phone, locale)}</bdi> : <span className="muted">{t.detail.notGiven}</span>}</dd>
        </div>
      </dl>
    </section>
  );
}
