// What the console tells an operator about a command of theirs the hub refused — for a conflict,
// who did what first — and the confirmation asked before closing as resolved with no crew on site.
// `who`, `age` and `detail` come in already formatted (and isolated) by the renderer.
type Deed = (who: string, age: string, detail: string) => string;

const fa = {
  /** The actor is this console's own operator (another window, or the same one earlier). */
  thisStation: (id: string) => `${id} (همین ایستگاه)`,
  /** Actors without an id of their own to show. */
  actor: { citizen: 'شهروند', hub: 'ستاد ۱۳۷', system: 'سامانه', operator: 'اپراتوری دیگر', crew: 'اکیپ' } as Record<string, string>,
  /** One sentence per event that can make a command not fit; `detail` is the crew, status or outcome. */
  cause: {
    'request.acknowledged': (who, age) => `${who} ${age} دریافت آن را تأیید کرد.`,
    'request.assigned': (who, age, crew) => `${who} ${age} آن را به «${crew}» ارجاع داد.`,
    'request.unassigned': (who, age) => `${who} ${age} ارجاع آن را لغو کرد.`,
    'request.status_changed': (who, age, status) => `${who} ${age} وضعیت آن را «${status}» کرد.`,
    'request.closed': (who, age, outcome) => `${who} ${age} آن را بست (${outcome}).`,
    'request.reopened': (who, age) => `${who} ${age} آن را دوباره باز کرد.`,
  } as Record<string, Deed>,
  /** Any other event: its name from the timeline's words. */
  otherCause: ((who, age, what) => `${who} ${age}: ${what}.`) as Deed,
  confirmResolved: {
    title: 'بستن با نتیجهٔ «رفع شد» بی‌آنکه اکیپی در محل بوده باشد؟',
    body: (id: string) =>
      `هیچ اکیپی برای درخواست ${id} در محل حاضر نشده است. اگر مشکل به‌راستی رفع شده تأیید کنید؛ وگرنه نتیجهٔ دیگری برگزینید یا اکیپ بفرستید.`,
    confirm: 'بله، بسته شود',
    cancel: 'بازگشت به فرم',
  },
  /** The keys of any question the console asks (the `?` overlay lists them while one is open). */
  questionKeys: { confirm: 'تأیید پرسش', cancel: 'بازگشت از پرسش' },
};

export const noticesText = {
  fa,
  en: {
    thisStation: (id) => `${id} (this workstation)`,
    actor: { citizen: 'The citizen', hub: 'The 137 hub', system: 'The system', operator: 'Another operator', crew: 'A crew' },
    cause: {
      'request.acknowledged': (who, age) => `${who} acknowledged it ${age}.`,
      'request.assigned': (who, age, crew) => `${who} assigned “${crew}” ${age}.`,
      'request.unassigned': (who, age) => `${who} took its crew off ${age}.`,
      'request.status_changed': (who, age, status) => `${who} set it to “${status}” ${age}.`,
      'request.closed': (who, age, outcome) => `${who} closed it (${outcome}) ${age}.`,
      'request.reopened': (who, age) => `${who} reopened it ${age}.`,
    },
    otherCause: (who, age, what) => `${who}: ${what}, ${age}.`,
    confirmResolved: {
      title: 'Close as resolved with no crew ever on site?',
      body: (id) => `No crew has been on site for ${id}. Confirm only if the problem really is fixed; otherwise pick another outcome or send a crew.`,
      confirm: 'Yes, close it',
      cancel: 'Back to the form',
    },
    questionKeys: { confirm: 'Confirm the question', cancel: 'Go back from the question' },
  } satisfies typeof fa,
};
