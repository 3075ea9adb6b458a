// The UI's dictionaries and the hooks that pick one by the store's locale.
import { useConsole } from '../state/store';
import { en } from './en';
import { fa, type Dict } from './fa';
import type { Locale } from './format';

export type { Dict, Locale };
export const dictionaries: Record<Locale, Dict> = { fa, en };

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
