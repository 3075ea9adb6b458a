// Reference data of Shiraz municipal district 6 for the demo hub. The district's categories,
// contractors and crews are plausible inventions; the street names are real streets of north-west
// Shiraz. No official boundary of the municipal districts exists in our data
// (../shared/data/geo/SOURCES.md), so BOUNDARY is DRAWN FOR THE DEMO: a 12-vertex polygon around
// Maali-Abad, Chamran and Ghasrodasht (lon 52.452–52.532, lat 29.621–29.681), checked to lie inside
// the OSM Shiraz County polygon. It is not the municipality's boundary.
import type { Category, Contractor, Crew, District } from '../common/protocol/hub-protocol';

export const BOUNDARY_RING: Array<[number, number]> = [
  [52.452, 29.652], [52.458, 29.668], [52.475, 29.678], [52.496, 29.681],
  [52.514, 29.676], [52.528, 29.664], [52.532, 29.648], [52.527, 29.634],
  [52.514, 29.624], [52.494, 29.621], [52.472, 29.626], [52.458, 29.637],
  [52.452, 29.652],
];

export function districtInfo(id: string): District {
  const six = id === '6';
  return {
    id,
    nameFa: six ? 'منطقه ۶ شهرداری شیراز' : `منطقه ${id} شهرداری شیراز`,
    nameEn: `Shiraz Municipality District ${id}`,
    // Other districts of a multi-district test hub reuse district 6's drawn shape.
    boundary: { type: 'Polygon', coordinates: [BOUNDARY_RING] },
    center: [52.492, 29.652],
  };
}

// Deadlines: ackMinutes/resolveMinutes follow how urgent a hazard is (a fallen tree or an open
// manhole blocks or endangers traffic now; graffiti can wait a week).
export const CATEGORIES: Category[] = [
  { code: 'pothole', nameFa: 'چاله و خرابی آسفالت', nameEn: 'Pothole / damaged asphalt', defaultPriority: 'normal', ackMinutes: 60, resolveMinutes: 4320 },
  { code: 'garbage', nameFa: 'پسماند و زباله', nameEn: 'Garbage / uncollected waste', defaultPriority: 'normal', ackMinutes: 30, resolveMinutes: 480 },
  { code: 'street_light', nameFa: 'روشنایی معابر', nameEn: 'Dark street light', defaultPriority: 'normal', ackMinutes: 60, resolveMinutes: 1440 },
  { code: 'fallen_tree', nameFa: 'سقوط درخت', nameEn: 'Fallen tree', defaultPriority: 'urgent', ackMinutes: 10, resolveMinutes: 180 },
  { code: 'flooding', nameFa: 'آبگرفتگی معابر', nameEn: 'Street flooding', defaultPriority: 'urgent', ackMinutes: 10, resolveMinutes: 240 },
  { code: 'stray_animals', nameFa: 'حیوانات بلاتکلیف', nameEn: 'Stray animals', defaultPriority: 'high', ackMinutes: 30, resolveMinutes: 720 },
  { code: 'sewage', nameFa: 'سرریز فاضلاب', nameEn: 'Sewage overflow', defaultPriority: 'high', ackMinutes: 20, resolveMinutes: 360 },
  { code: 'open_manhole', nameFa: 'دریچه بدون درپوش', nameEn: 'Open manhole', defaultPriority: 'urgent', ackMinutes: 10, resolveMinutes: 120 },
  { code: 'sidewalk', nameFa: 'خرابی پیاده‌رو', nameEn: 'Damaged sidewalk', defaultPriority: 'low', ackMinutes: 240, resolveMinutes: 10080 },
  { code: 'debris', nameFa: 'نخاله ساختمانی', nameEn: 'Illegal construction debris', defaultPriority: 'normal', ackMinutes: 120, resolveMinutes: 2880 },
  { code: 'graffiti', nameFa: 'دیوارنویسی', nameEn: 'Graffiti', defaultPriority: 'low', ackMinutes: 480, resolveMinutes: 10080 },
  { code: 'dead_animal', nameFa: 'لاشه حیوان', nameEn: 'Dead animal', defaultPriority: 'high', ackMinutes: 30, resolveMinutes: 240 },
];

export const CONTRACTORS: Contractor[] = [
  { id: 'ctr-parspak', name: 'شرکت خدمات شهری پارس‌پاک', phone: '071-36281400', categories: ['garbage', 'debris', 'dead_animal', 'graffiti'] },
  { id: 'ctr-sepehr', name: 'شرکت عمرانی سپهر فارس', phone: '071-36352210', categories: ['pothole', 'sidewalk', 'open_manhole'] },
  { id: 'ctr-noorgostar', name: 'شرکت روشنایی نورگستر شیراز', phone: '071-32307745', categories: ['street_light'] },
  { id: 'ctr-eram', name: 'شرکت فضای سبز باغ ارم', phone: '071-36264090', categories: ['fallen_tree', 'stray_animals'] },
  { id: 'ctr-zagros', name: 'شرکت تأسیسات شهری زاگرس', phone: '071-38412260', categories: ['flooding', 'sewage', 'open_manhole'] },
];

const crew = (n: number, name: string, contractorId: string, vehicle: string, categories?: string[]): Crew => ({
  id: `crew-${String(n).padStart(2, '0')}`,
  name,
  contractorId,
  categories: categories ?? CONTRACTORS.find((c) => c.id === contractorId)!.categories,
  vehicle,
  phone: `0917${String(3100000 + n * 7919).padStart(7, '0')}`,
});

export const CREWS: Crew[] = [
  crew(1, 'اکیپ پسماند ۱ — رضا کشاورز', 'ctr-parspak', 'کامیونت حمل زباله ایسوزو', ['garbage', 'dead_animal']),
  crew(2, 'اکیپ پسماند ۲ — محمد جعفری', 'ctr-parspak', 'کامیونت حمل زباله ایسوزو', ['garbage', 'dead_animal']),
  crew(3, 'اکیپ نخاله — حسین شریفی', 'ctr-parspak', 'بابکت و کمپرسی', ['debris', 'garbage']),
  crew(4, 'اکیپ پاکسازی — علی دهقان', 'ctr-parspak', 'وانت نیسان', ['graffiti', 'garbage']),
  crew(5, 'اکیپ آسفالت ۱ — مهدی زارعی', 'ctr-sepehr', 'کامیون آسفالت‌ریز', ['pothole']),
  crew(6, 'اکیپ آسفالت ۲ — سعید موسوی', 'ctr-sepehr', 'وانت مزدا و غلتک دستی', ['pothole', 'sidewalk']),
  crew(7, 'اکیپ پیاده‌رو — جواد نوروزی', 'ctr-sepehr', 'وانت نیسان', ['sidewalk', 'open_manhole']),
  crew(8, 'اکیپ روشنایی ۱ — امیر قاسمی', 'ctr-noorgostar', 'خودرو بالابر روشنایی'),
  crew(9, 'اکیپ روشنایی ۲ — مجید رحیمی', 'ctr-noorgostar', 'خودرو بالابر روشنایی'),
  crew(10, 'اکیپ فضای سبز ۱ — کریم اسدی', 'ctr-eram', 'جرثقیل و اره موتوری', ['fallen_tree']),
  crew(11, 'اکیپ فضای سبز ۲ — بهروز صادقی', 'ctr-eram', 'وانت نیسان با تریلر', ['fallen_tree']),
  crew(12, 'اکیپ حیوانات — فرهاد کریمی', 'ctr-eram', 'ون حمل حیوانات', ['stray_animals']),
  crew(13, 'اکیپ آبگرفتگی ۱ — ناصر حیدری', 'ctr-zagros', 'پمپ سیار و وانت', ['flooding']),
  crew(14, 'اکیپ آبگرفتگی ۲ — یوسف عباسی', 'ctr-zagros', 'پمپ سیار و وانت', ['flooding', 'sewage']),
  crew(15, 'اکیپ فاضلاب — اکبر مرادی', 'ctr-zagros', 'تانکر لجن‌کش', ['sewage', 'open_manhole']),
  crew(16, 'اکیپ دریچه — عباس رستمی', 'ctr-zagros', 'وانت مزدا', ['open_manhole', 'sewage']),
];

/** Streets and landmarks of north-west Shiraz, used to write plausible Persian addresses. */
export const STREETS = [
  'بلوار چمران', 'خیابان قصردشت', 'بلوار معالی‌آباد', 'بلوار عدالت', 'بلوار نیایش',
  'خیابان ستارخان', 'بلوار ارم', 'خیابان دانشجو', 'بلوار کوهسار', 'خیابان فرهنگ‌شهر',
  'بلوار پاسداران', 'خیابان پوستچی', 'بلوار جمهوری', 'خیابان ملاصدرا', 'کوچه‌باغ‌های قصردشت',
];
export const LANDMARKS = [
  'نرسیده به میدان مخابرات', 'روبروی باغ ارم', 'جنب پارک آزادی', 'کنار ایستگاه اتوبوس',
  'نبش کوچه ۱۲', 'پشت مجتمع تجاری', 'جنب مسجد محله', 'روبروی درمانگاه', 'ابتدای کوچه ۷',
  'نزدیک پل معالی‌آباد', 'کنار پمپ بنزین', 'انتهای کوچه ۲۳',
];

/** Short Persian descriptions a citizen would give, per category. */
export const DESCRIPTIONS: Record<string, string[]> = {
  pothole: ['چاله بزرگ وسط خیابان، خودروها آسیب می‌بینند', 'آسفالت بعد از حفاری ترمیم نشده', 'ترک و نشست آسفالت کنار جدول'],
  garbage: ['مخزن زباله پر شده و زباله‌ها روی زمین ریخته', 'زباله از دیشب جمع‌آوری نشده', 'بوی نامطبوع از کنار مخزن'],
  street_light: ['چراغ‌های کوچه از دیشب خاموش است', 'تیر چراغ برق چشمک می‌زند', 'سه چراغ پشت سر هم خاموش است'],
  fallen_tree: ['درخت روی خیابان افتاده و راه بسته شده', 'شاخه بزرگ روی خودرو افتاده', 'درخت کج شده و در حال افتادن است'],
  flooding: ['آبگرفتگی شدید زیر پل، خودروها گیر کرده‌اند', 'آب باران در تقاطع جمع شده', 'جوی آب گرفته و آب به پیاده‌رو آمده'],
  stray_animals: ['چند سگ بلاتکلیف در پارک، کودکان می‌ترسند', 'سگ زخمی کنار خیابان', 'گله سگ‌ها شب‌ها در کوچه'],
  sewage: ['فاضلاب از دریچه بیرون زده', 'بوی شدید فاضلاب در کوچه', 'آب فاضلاب وارد جوی شده'],
  open_manhole: ['درپوش دریچه فاضلاب برداشته شده، خطرناک است', 'دریچه آبرو باز مانده', 'درپوش شکسته و عابرین در خطرند'],
  sidewalk: ['موزاییک‌های پیاده‌رو شکسته', 'جدول کنار پیاده‌رو تخریب شده', 'پیاده‌رو برای ویلچر قابل عبور نیست'],
  debris: ['نخاله ساختمانی در کوچه تخلیه شده', 'کامیون شبانه نخاله خالی کرده', 'مصالح ساختمانی پیاده‌رو را بسته'],
  graffiti: ['دیوارنویسی روی دیوار مدرسه', 'تبلیغات غیرمجاز روی دیوار', 'رنگ‌پاشی روی تابلوی خیابان'],
  dead_animal: ['لاشه گربه وسط خیابان', 'لاشه سگ کنار جوی', 'لاشه پرنده در پارک'],
};

export const CITIZEN_NAMES = [
  'زهرا احمدی', 'مریم حسینی', 'فاطمه کریمی', 'علی محمدی', 'حسن رضایی', 'نرگس موسوی',
  'سارا جمالی', 'امید فرهادی', 'لیلا نیک‌نام', 'محسن شیرازی', 'پریسا افشار', 'کامران طاهری',
];

export const NOTES = [
  'با شهروند تماس گرفته شد', 'پیمانکار در جریان است', 'نیاز به هماهنگی با آب و فاضلاب',
  'اکیپ تجهیزات اضافی درخواست کرد', 'شهروند تصویر ارسال کرد',
];
export const FEEDBACK_COMMENTS = [
  'سریع رسیدگی شد، ممنون', 'کار تمیز انجام شد', 'خیلی دیر آمدند', 'مشکل کامل حل نشده', 'برخورد اکیپ خوب بود',
];
