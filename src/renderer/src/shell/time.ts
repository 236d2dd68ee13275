/**
 * A time as the office reads it: Beijing time, YYYY-MM-DD HH:mm (with seconds where the order of
 * events matters), labelled, the same on every screen and slip and in both languages (UTC is 8 hours
 * behind and often another date; a browser's locale would write 12/1/2026, 9:34:01 PM). The data
 * always carries UTC; only the screen converts. China keeps one time zone, UTC+8, which is also the
 * zone the core counts the law's days in.
 */
const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return Object.fromEntries(FORMAT.formatToParts(at).map((x) => [x.type, x.value]));
}

/** "2026-12-02 05:42 Beijing time" / "2026-12-02 05:42 北京时间"; `seconds` adds them. */
export function beijingTime(iso: string, t: (key: string) => string, opts: { seconds?: boolean } = {}): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''} ${t('time.beijing')}`;
}

/** The Beijing date of a time, YYYY-MM-DD. */
export function beijingDate(iso: string): string {
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}
