// The chosen language: persisted on this workstation, reflected on <html> (lang, dir).
import type { Locale } from './format';

const KEY = 'console137.locale';

export function loadLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'fa';
  } catch {
    return 'fa'; // storage may be disabled; Persian is the default
  }
}

export function saveLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(KEY, locale);
  } catch {
    // not persisting is acceptable; the switch still applies for this session
  }
}

export function applyLocaleToDocument(locale: Locale): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  document.documentElement.dir = locale === 'fa' ? 'rtl' : 'ltr';
}
