// The React side of the dictionaries (common/i18n): hooks that pick one by the store's locale.
import { dictionaries, type Dict, type Locale } from '../../../common/i18n';
import { useConsole } from '../state/store';

export { dictionaries };
export type { Dict, Locale };

export function useT(): Dict {
  return dictionaries[useConsole((s) => s.locale)];
}

export function useLocale(): Locale {
  return useConsole((s) => s.locale);
}

/** Data names (categories, districts) carry both languages. */
export function nameIn(locale: Locale, named: { nameFa: string; nameEn: string }): string {
  return locale === 'fa' ? named.nameFa : named.nameEn || named.nameFa;
}
