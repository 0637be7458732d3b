/**
 * Dates as people read them, in one fixed form whatever the server's locale and time zone: "27 Nov 2026"
 * and "27 Nov 2026, 14:05 UTC". Machine values (sitemaps, JSON, <time dateTime>) keep toISOString().
 */
const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

type DateLike = Date | string | number;
const toDate = (d: DateLike) => (d instanceof Date ? d : new Date(d));

/** "27 Nov 2026" (UTC). */
export const formatDate = (d: DateLike): string => DATE.format(toDate(d));

/** "27 November 2026" (UTC): certificates and other formal texts. */
export const formatLongDate = (d: DateLike): string => LONG_DATE.format(toDate(d));

/** "27 Nov 2026, 14:05 UTC". */
export const formatDateTime = (d: DateLike): string => `${DATE_TIME.format(toDate(d))} UTC`;

/** formatDateTime, or a dash for "never". */
export const formatDateTimeOrDash = (d: DateLike | null | undefined): string =>
  d == null ? "—" : formatDateTime(d);

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026-08" → "Aug 2026"; anything that is not a month key is returned as it is ("Total"). */
export function formatMonth(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? MONTH.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : key;
}

/** The last `count` calendar months in UTC, oldest first, as "YYYY-MM" (the analytics' month keys). */
export function lastMonths(count = 12, now = new Date()): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

/** Every month of `months`, with the value of the row for it or zero: a chart shows quiet months too. */
export function everyMonth<T extends { label: string; value: number }>(rows: T[], months: string[]) {
  const byMonth = new Map(rows.map((r) => [r.label, r.value]));
  return months.map((label) => ({ label, value: byMonth.get(label) ?? 0 }));
}
