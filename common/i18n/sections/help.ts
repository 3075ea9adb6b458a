// The keyboard help overlay (`?`): every shortcut registered now, grouped by area.
const fa = {
  title: 'میان‌برهای صفحه‌کلید',
  open: 'راهنمای میان‌برهای صفحه‌کلید',
  close: 'بستن راهنما',
  layout: 'کلیدها به جای فیزیکی‌شان بسته‌اند: با چینش فارسی هم همین کلیدها کار می‌کنند.',
  fastPath: 'از هشدار درخواست فوری تا ارجاع به نخستین اکیپ پیشنهادی در سه کلید:',
  /** What each key of the fast path (J, S, Enter) does. */
  fastSteps: ['رفتن به درخواستِ تازه‌ترین هشدار', 'باز کردن فهرست اکیپ‌ها؛ نخستین پیشنهاد برگزیده است', 'ارجاع به آن اکیپ'],
  /** Areas by a shortcut id's prefix ('queue.next' → queue); an area not named here is listed under `other`. */
  areas: {
    queue: 'صف درخواست‌ها',
    action: 'اقدام روی درخواست برگزیده',
    alerts: 'هشدارها',
    walkin: 'ثبت درخواست حضوری و تلفنی',
    board: 'تابلوی اکیپ‌ها',
    search: 'جست‌وجو',
    dialog: 'پرسش‌های تأیید',
    help: 'راهنما',
    session: 'نشست',
    other: 'دیگر',
  } as Record<string, string>,
};

export const helpText = {
  fa,
  en: {
    title: 'Keyboard shortcuts',
    open: 'Keyboard shortcuts help',
    close: 'Close the help',
    layout: 'Keys are bound to their physical place: the same keys work on the Persian layout.',
    fastPath: 'From an urgent request’s alert to the first suggested crew assigned, in three keys:',
    fastSteps: ['Go to the newest alert’s request', 'Open the crew picker; the first suggestion is chosen', 'Assign that crew'],
    areas: {
      queue: 'Request queue',
      action: 'Actions on the selected request',
      alerts: 'Alerts',
      walkin: 'Walk-in and phone requests',
      board: 'Crew board',
      search: 'Search',
      dialog: 'Confirmation questions',
      help: 'Help',
      session: 'Session',
      other: 'Other',
    } as Record<string, string>,
  } satisfies typeof fa,
};
