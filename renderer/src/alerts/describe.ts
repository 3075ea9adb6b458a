// An alert in words, in the current language: what happened (the title) and which request (its
// tracking code, and category and address), digits in the locale's. Shared by the list, the live
// region and the desktop notice, which read the same store.
import type { CategoryView, RequestView } from '../../../common/api/contract';
import { nameIn, type Dict, type Locale } from '../i18n';
import { localDigits } from '../i18n/format';
import type { Alert } from './rules';

export interface AlertWords {
  title: string;
  /** The tracking code, or '' when the alert names no request held. */
  code: string;
  /** Category and address (and why a command was refused). */
  detail: string;
}

/** Code and detail on one line, for plain text (the live region, a desktop notice). */
export const oneLine = (w: AlertWords): string => [w.code, w.detail].filter(Boolean).join(' · ');

export function describeAlert(
  a: Alert,
  r: RequestView | undefined,
  categories: Readonly<Record<string, CategoryView>>,
  t: Dict,
  locale: Locale,
): AlertWords {
  const title =
    a.reason === 'new'
      ? t.alerts.title[a.sound]
      : a.reason === 'deadline'
        ? t.alerts.title[a.deadline]
        : a.reason === 'reopened'
          ? t.alerts.title.reopened
          : t.alerts.title.refused(t.commandType[a.command] ?? a.command);
  // The request as it is now; a refused command may name a crew or a request no longer held.
  const category = r ? categories[r.category] : undefined;
  const parts = [category ? nameIn(locale, category) : (r?.category ?? ''), localDigits(r?.address ?? '', locale)];
  if (a.reason === 'refused') parts.push(t.commandError[a.code]);
  return { title, code: localDigits(a.requestId ?? '', locale), detail: parts.filter(Boolean).join(' · ') };
}
