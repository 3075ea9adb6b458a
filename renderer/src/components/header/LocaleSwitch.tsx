// Persian ⇄ English; the choice persists on this workstation.
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';

export function LocaleSwitch() {
  const locale = useConsole((s) => s.locale);
  const setLocale = useConsole((s) => s.setLocale);
  const t = useT();
  const other = locale === 'fa' ? 'en' : 'fa';
  return (
    <button
      type="button"
      className="locale-switch"
      data-testid="locale-switch"
      lang={other}
      aria-label={t.locale.label}
      onClick={() => setLocale(other)}
    >
      {t.locale.switchTo}
    </button>
  );
}
