// The map's own strings, Persian first. Status, priority and crew-status names come from the UI's
// shared dictionaries (../i18n).
import type { Locale } from '../i18n/format';

const fa = {
  region: 'نقشهٔ منطقه',
  fit: 'کل منطقه',
  heat: 'نقشهٔ تراکم امروز',
  trail: 'مسیر امروز اکیپ',
  follow: 'دنبال کردن اکیپ',
  selectCrewFirst: 'نخست یک اکیپ را انتخاب کنید',
  legend: 'راهنما',
  priority: 'اولویت',
  status: 'وضعیت درخواست',
  crews: 'اکیپ‌ها',
  overdue: 'دیرکرد',
  staleGrey: 'موقعیت کهنه‌تر از ۲ دقیقه',
  hiddenStale: (n: string) => `${n} اکیپ با موقعیت کهنه‌تر از ۳۰ دقیقه نمایش داده نمی‌شود`,
  withoutFix: (n: string) => `${n} اکیپ هنوز موقعیتی نفرستاده است`,
  noBasemap: 'نقشهٔ پایه نصب نشده است',
  noBasemapHow: 'برای افزودن نقشهٔ پایه، فایل OSM شهر را بسازید و برنامه را دوباره باز کنید:',
  fixAge: 'آخرین موقعیت',
  speed: (v: string) => `${v} کیلومتر بر ساعت`,
  arrival: (crew: string, meters: string) => `اکیپ «${crew}» در ${meters} متری محل درخواست است.`,
  markOnSite: 'ثبت «در محل»',
  dismiss: 'بعداً',
};

export type MapDict = typeof fa;

const en: MapDict = {
  region: 'District map',
  fit: 'Whole district',
  heat: "Today's heat map",
  trail: "Crew's trail today",
  follow: 'Follow crew',
  selectCrewFirst: 'Select a crew first',
  legend: 'Legend',
  priority: 'Priority',
  status: 'Request status',
  crews: 'Crews',
  overdue: 'Overdue',
  staleGrey: 'Position older than 2 minutes',
  hiddenStale: (n) => `${n} crews hidden: position older than 30 minutes`,
  withoutFix: (n) => `${n} crews have not sent a position yet`,
  noBasemap: 'No basemap installed',
  noBasemapHow: "To add one, build it from the city's OSM extract and restart the console:",
  fixAge: 'Last position',
  speed: (v) => `${v} km/h`,
  arrival: (crew, meters) => `Crew “${crew}” is ${meters} m from the request.`,
  markOnSite: 'Mark on site',
  dismiss: 'Later',
};

export const mapDictionaries: Record<Locale, MapDict> = { fa, en };
