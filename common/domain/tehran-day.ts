// The district's time zone, which the rooms work in whatever the machine's zone (the UI's dates
// and times, "today"), and "today" in it as an instant. Computed through Intl so it stays right if
// Iran's offset rules change again.
export const DISTRICT_TIME_ZONE = 'Asia/Tehran';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: DISTRICT_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Epoch ms of the start (00:00) of the Tehran calendar day containing `now`. */
export function startOfTehranDay(now: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(now)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const offset = wall - Math.floor(now / 1000) * 1000; // Tehran wall clock minus UTC
  return Date.UTC(+p.year, +p.month - 1, +p.day) - offset;
}
