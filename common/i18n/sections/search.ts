// The search box over the queue (docs/search.md).
const fa = {
  label: 'جست‌وجوی درخواست‌ها',
  placeholder: 'جست‌وجو: کد رهگیری، تلفن، نشانی، شرح، اکیپ  (/)',
  results: 'نتیجه‌های جست‌وجو',
  count: (n: string) => `${n} نتیجه`,
  countAtLeast: (n: string) => `${n} نتیجهٔ نخست`,
  searching: 'در حال جست‌وجو…',
  tooShort: 'دست‌کم دو حرف بنویسید',
  none: 'چیزی پیدا نشد',
  failed: 'جست‌وجو انجام نشد:',
  matched: 'یافته در',
  fields: { code: 'کد رهگیری', phone: 'تلفن', address: 'نشانی', description: 'شرح', crew: 'اکیپ' },
  keys: '↑/↓ نتیجه · Enter باز کردن · Esc پاک کردن',
  shortcuts: {
    focus: 'رفتن به جست‌وجو',
    next: 'نتیجهٔ بعدی',
    previous: 'نتیجهٔ قبلی',
    open: 'باز کردن نتیجه',
    clear: 'پاک کردن جست‌وجو و بازگشت به صف',
  },
};

export const searchText = {
  fa,
  en: {
    label: 'Search requests',
    placeholder: 'Search: tracking code, phone, address, description, crew  (/)',
    results: 'Search results',
    count: (n: string) => (n === '1' ? '1 result' : `${n} results`),
    countAtLeast: (n: string) => `first ${n} results`,
    searching: 'Searching…',
    tooShort: 'Type at least two characters',
    none: 'No match',
    failed: 'Search failed:',
    matched: 'Matched in',
    fields: { code: 'tracking code', phone: 'phone', address: 'address', description: 'description', crew: 'crew' },
    keys: '↑/↓ result · Enter open · Esc clear',
    shortcuts: {
      focus: 'Go to search',
      next: 'Next result',
      previous: 'Previous result',
      open: 'Open the result',
      clear: 'Clear the search, back to the queue',
    },
  } satisfies typeof fa,
};
