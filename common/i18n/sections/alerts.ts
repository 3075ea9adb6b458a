// The alerts: sounds, the alert list, desktop notifications, and their keys.
const fa = {
  list: 'هشدارها',
  open: (n: string) => `هشدارها، ${n} تازه`,
  empty: 'هنوز هشداری نیامده است',
  handled: 'رسیدگی شد',
  waiting: 'در انتظار اپراتور',
  title: {
    urgent: 'درخواست فوری تازه',
    high: 'درخواست تازه با اولویت بالا',
    normal: 'درخواست تازه',
    low: 'درخواست تازه با اولویت پایین',
    ack: 'مهلت تأیید گذشت',
    resolve: 'مهلت رفع گذشت',
    reopened: 'درخواست دوباره باز شد',
    refused: (command: string) => `«${command}» پذیرفته نشد`,
  },
  sound: {
    mute: 'بی‌صدا کردن هشدارها',
    muted: 'هشدارها بی‌صداست',
    volume: 'بلندی صدای هشدار',
    blocked: 'صدا را مرورگر بسته است؛ کلیدی بزنید',
    unavailable: 'پخش صدا در این صفحه ممکن نیست',
  },
  desktop: {
    label: 'اعلان دسکتاپ وقتی پنجره در پیش‌زمینه نیست',
    ask: 'فعال کردن',
    on: 'فعال',
    denied: 'در تنظیمات سیستم بسته شده',
    unsupported: 'در این محیط پشتیبانی نمی‌شود',
  },
  keys: {
    jump: 'رفتن به درخواستِ تازه‌ترین هشدار',
    mute: 'بی‌صدا / باصدا کردن هشدارها',
    list: 'باز و بسته کردن فهرست هشدارها',
  },
};

export const alertsText = {
  fa,
  en: {
    list: 'Alerts',
    open: (n: string) => `Alerts, ${n} new`,
    empty: 'No alerts yet',
    handled: 'Handled',
    waiting: 'Waiting for an operator',
    title: {
      urgent: 'New urgent request',
      high: 'New high-priority request',
      normal: 'New request',
      low: 'New low-priority request',
      ack: 'Acknowledgement deadline passed',
      resolve: 'Resolution deadline passed',
      reopened: 'Request reopened',
      refused: (command: string) => `“${command}” was refused`,
    },
    sound: {
      mute: 'Mute alert sounds',
      muted: 'Alert sounds are muted',
      volume: 'Alert volume',
      blocked: 'Sound blocked by the browser: press any key',
      unavailable: 'This page cannot play sound',
    },
    desktop: {
      label: 'Desktop notifications when the window is in the background',
      ask: 'Turn on',
      on: 'On',
      denied: 'Blocked in the system settings',
      unsupported: 'Not supported here',
    },
    keys: {
      jump: 'Go to the newest alert’s request',
      mute: 'Mute or unmute alert sounds',
      list: 'Open or close the alert list',
    },
  } satisfies typeof fa,
};
