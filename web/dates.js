// dates.js - calendar days as "YYYY-MM-DD" strings, computed in UTC so no
// time zone can shift them; shared by the calendar, the homework pages and
// the public notice (which loads no other module of the signed-in UI).

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function pad(n) {
  return String(n).padStart(2, '0');
}
export function ymd(y, m, d) {
  return y + '-' + pad(m) + '-' + pad(d);
}
export function parts(s) {
  return { y: +s.slice(0, 4), m: +s.slice(5, 7), d: +s.slice(8, 10) };
}
/** 0 = Sunday … 6 = Saturday. */
export function weekday(s) {
  const p = parts(s);
  return new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
}
export function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
export function addMonths(ym, n) {
  const t = new Date(Date.UTC(ym.y, ym.m - 1 + n, 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1 };
}
/** "2026-11-30" + 2 -> "2026-12-02". */
export function addDays(s, n) {
  const p = parts(s);
  return new Date(Date.UTC(p.y, p.m - 1, p.d + n)).toISOString().slice(0, 10);
}
export function daysBetween(a, b) {
  const pa = parts(a);
  const pb = parts(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86400000);
}
export function validDate(s) {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const p = parts(s);
  return p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= daysInMonth(p.y, p.m);
}
/** "2026-10-01" -> "2026年10月1日（星期四）". */
export function dateText(s) {
  const p = parts(s);
  return p.y + '年' + p.m + '月' + p.d + '日（' + WEEKDAY_NAMES[weekday(s)] + '）';
}
/** "2026-10-01" -> "10月1日 周四". */
export function shortDate(s) {
  const p = parts(s);
  return p.m + '月' + p.d + '日 周' + '日一二三四五六'[weekday(s)];
}
/** Today in the given IANA zone (the district's), else the browser's date. */
export function todayIn(tz) {
  try {
    const f = new Intl.DateTimeFormat('en-CA', { timeZone: tz || 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    const s = f.format(new Date());
    if (DATE_RE.test(s)) return s;
  } catch {
    // fall back to the browser's date
  }
  const d = new Date();
  return ymd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
