// An alert in words, in the current language: what happened (the title) and which request (the
// detail: tracking code, category, address). Shared by the list, the live region and the desktop
// notice, which read the same store.
import type { CategoryView, RequestView } from '../../../common/api/contract';
import { nameIn, type Dict, type Locale } from '../i18n';
import type { Alert } from './rules';

export interface AlertWords {
  title: string;
  detail: string;
}

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
  const parts = [a.requestId ?? '', category ? nameIn(locale, category) : (r?.category ?? ''), r?.address ?? ''];
  if (a.reason === 'refused') parts.push(t.commandError[a.code]);
  return { title, detail: parts.filter(Boolean).join(' · ') };
}
