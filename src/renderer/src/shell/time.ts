/**
 * A time as the office reads it: Beijing time, YYYY-MM-DD HH:mm, labelled (UTC is 8 hours behind and
 * often another date). The data always carries UTC; only the screen converts.
 */
const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function beijingTime(iso: string, t: (key: string) => string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = Object.fromEntries(FORMAT.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${t('time.beijing')}`;
}
