// Likely duplicates (docs/duplicates.md): the queue's badge, the detail panel's list, and the
// confirmation before a request is closed as a duplicate of the chosen one.
const fa = {
  /** The badge's text; the count only when there is more than one original. */
  badge: (count: number, n: string) => (count > 1 ? `تکراری؟ ${n}` : 'تکراری؟'),
  badgeLabel: (n: string) => `احتمالاً تکراری: ${n} درخواست باز مشابه در نزدیکی`,
  title: 'احتمالاً تکراری؛ درخواست‌های باز مشابه',
  listLabel: 'درخواست‌های باز مشابه در نزدیکی',
  /** An item's accessible name: code, distance, age, then its text. */
  item: (code: string, distance: string, age: string, text: string) => `${code}، ${distance}، ${age}: ${text}`,
  similarity: (percent: string) => `شباهت ${percent}٪`,
  merge: (code: string) => `بستن به‌عنوان تکراریِ ${code}`,
  confirmTitle: 'بستن به‌عنوان تکراری',
  confirm: (request: string, original: string) => `درخواست ${request} به‌عنوان تکراریِ ${original} بسته شود؟`,
  confirmYes: 'بله، بسته شود',
  cancel: 'انصراف',
  shortcut: 'بستن به‌عنوان تکراریِ درخواست مشابهِ انتخاب‌شده',
};

export const duplicatesText = {
  fa,
  en: {
    badge: (count: number, n: string) => (count > 1 ? `Dup? ${n}` : 'Dup?'),
    badgeLabel: (n: string) => `Likely duplicate: ${n} similar open request(s) nearby`,
    title: 'Likely duplicate of these open requests',
    listLabel: 'Similar open requests nearby',
    item: (code: string, distance: string, age: string, text: string) => `${code}, ${distance}, ${age}: ${text}`,
    similarity: (percent: string) => `${percent}% alike`,
    merge: (code: string) => `Close as duplicate of ${code}`,
    confirmTitle: 'Close as duplicate',
    confirm: (request: string, original: string) => `Close ${request} as a duplicate of ${original}?`,
    confirmYes: 'Yes, close it',
    cancel: 'Cancel',
    shortcut: 'Close as duplicate of the chosen similar request',
  } satisfies typeof fa,
};
