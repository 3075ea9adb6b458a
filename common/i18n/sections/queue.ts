// The queue's tabs, filters and keys (docs/queue.md).
const fa = {
  tabs: 'صف‌ها',
  open: 'باز',
  closedToday: 'بسته‌شدهٔ امروز',
  filters: 'فیلترهای صف',
  status: 'وضعیت',
  priority: 'اولویت',
  category: 'موضوع',
  crew: 'اکیپ',
  contractor: 'پیمانکار',
  any: 'همه',
  onMap: 'فقط محدودهٔ نقشه',
  mine: 'فقط کارهای من',
  clear: 'پاک کردن فیلترها',
  /** An option or a tab with how many requests it would show. */
  counted: (label: string, n: string) => `${label} (${n})`,
  overdueFlag: 'با تأخیر',
  shortcuts: {
    focusFilters: 'رفتن به فیلترهای صف',
    toggleMine: 'فقط کارهای من / همه',
    toggleOnMap: 'فقط محدودهٔ نقشه / همه',
    switchTab: 'صف باز / بسته‌شده‌های امروز',
  },
};

export const queueText = {
  fa,
  en: {
    tabs: 'Queues',
    open: 'Open',
    closedToday: 'Closed today',
    filters: 'Queue filters',
    status: 'Status',
    priority: 'Priority',
    category: 'Category',
    crew: 'Crew',
    contractor: 'Contractor',
    any: 'Any',
    onMap: 'Only what the map shows',
    mine: 'Only mine',
    clear: 'Clear filters',
    counted: (label, n) => `${label} (${n})`,
    overdueFlag: 'Overdue',
    shortcuts: {
      focusFilters: 'Go to the queue filters',
      toggleMine: 'Only mine / all',
      toggleOnMap: 'Only what the map shows / all',
      switchTab: 'Open queue / closed today',
    },
  } satisfies typeof fa,
};
