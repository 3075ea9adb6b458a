// The district's time zone, which the rooms work in whatever the machine's zone (the UI's dates
// and times, "today"), and "today" in it as an instant. Computed through Intl so it stays right if
// Iran's offset rules change again.
export const DISTRICT_TIME_ZONE = 'Asia/Tehran';

const FIELDS = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
const wallClockOptions = { ...FIELDS, timeZone: DISTRICT_TIME_ZONE, hourCycle: 'h23' } as const;
const wallClock = {
  gregory: new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', wallClockOptions),
  persian: new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', wallClockOptions),
};

/** Epoch ms of the start (00:00) of the Tehran calendar day containing `now`. */
export function startOfTehranDay(now: number): number {
  const p = Object.fromEntries(wallClock.gregory.formatToParts(new Date(now)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const offset = wall - Math.floor(now / 1000) * 1000; // Tehran wall clock minus UTC
  return Date.UTC(+p.year, +p.month - 1, +p.day) - offset;
}

/** An instant as Tehran's wall clock, `YYYY-MM-DD HH:mm:ss` in Latin digits, Gregorian or Jalali (for files, not the UI). */
export function tehranWallClock(at: Date | string | number, calendar: 'gregory' | 'persian'): string {
  const p = Object.fromEntries(wallClock[calendar].formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
