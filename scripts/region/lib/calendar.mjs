// Calendar construction: calendar.txt + calendar_dates.txt from a few service kinds.
// Dates are plain YYYYMMDD strings; arithmetic is done in UTC so the process time zone never matters.
import { FEED_START, FEED_END, HOLIDAYS, MAKEUP_WORKDAYS } from '../data/holidays.mjs';

const DAY_MS = 86400000;

export function parseYmd(s) {
  return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
}
export function fmtYmd(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}
/** 0 = Monday … 6 = Sunday */
export function dow(s) {
  return (new Date(parseYmd(s)).getUTCDay() + 6) % 7;
}
export function* eachDate(from, to) {
  for (let t = parseYmd(from); t <= parseYmd(to); t += DAY_MS) yield fmtYmd(t);
}

export const HOLIDAY_DATES = new Set(HOLIDAYS.flatMap((h) => [...eachDate(h.from, h.to)]));
export const MAKEUP_DATES = new Set(MAKEUP_WORKDAYS.map((m) => m.date));

/** Is the date a working day under the Chinese holiday schedule? */
export function isWorkday(s) {
  if (MAKEUP_DATES.has(s)) return true;
  if (HOLIDAY_DATES.has(s)) return false;
  return dow(s) < 5;
}

const DAY_COLS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Service kinds:
 *  - workday: runs on working days (Mon–Fri minus holidays, plus make-up Saturdays/Sundays)
 *  - offday:  runs on weekends and holidays (minus make-up working days)
 *  - weekly:  runs on the listed weekdays (0=Mon) regardless of holidays (ports and freight trains)
 *  - fixed:   explicit list of dates (calendar_dates only)
 */
export const SERVICES = {
  wd: { kind: 'workday', desc: 'working days (工作日)' },
  we: { kind: 'offday', desc: 'weekends and public holidays (周末及节假日)' },
  daily: { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], desc: 'every day' },
  mon: { kind: 'weekly', days: [0], desc: 'Mondays' },
  tue: { kind: 'weekly', days: [1], desc: 'Tuesdays' },
  wed: { kind: 'weekly', days: [2], desc: 'Wednesdays' },
  thu: { kind: 'weekly', days: [3], desc: 'Thursdays' },
  fri: { kind: 'weekly', days: [4], desc: 'Fridays' },
  sat: { kind: 'weekly', days: [5], desc: 'Saturdays' },
  sun: { kind: 'weekly', days: [6], desc: 'Sundays' },
  mon_thu: { kind: 'weekly', days: [0, 3], desc: 'Mondays and Thursdays' },
  tue_fri: { kind: 'weekly', days: [1, 4], desc: 'Tuesdays and Fridays' },
  wed_sat: { kind: 'weekly', days: [2, 5], desc: 'Wednesdays and Saturdays' },
  tue_sat: { kind: 'weekly', days: [1, 5], desc: 'Tuesdays and Saturdays' },
};

/** Does service `id` run on date `s`? */
export function runsOn(id, s) {
  const sv = SERVICES[id];
  if (!sv) throw new Error(`unknown service ${id}`);
  if (s < FEED_START || s > FEED_END) return false;
  if (sv.kind === 'workday') return isWorkday(s);
  if (sv.kind === 'offday') return !isWorkday(s);
  return sv.days.includes(dow(s));
}

/** calendar.txt and calendar_dates.txt rows for the given service ids. */
export function calendarRows(ids) {
  const calendar = [];
  const dates = [];
  for (const id of [...ids].sort()) {
    const sv = SERVICES[id];
    const base =
      sv.kind === 'workday' ? [0, 1, 2, 3, 4] : sv.kind === 'offday' ? [5, 6] : sv.days;
    const row = { service_id: id, start_date: FEED_START, end_date: FEED_END };
    DAY_COLS.forEach((c, i) => (row[c] = base.includes(i) ? 1 : 0));
    calendar.push(row);
    if (sv.kind === 'weekly') continue;
    for (const s of eachDate(FEED_START, FEED_END)) {
      const byPattern = base.includes(dow(s));
      const actual = runsOn(id, s);
      if (byPattern && !actual) dates.push({ service_id: id, date: s, exception_type: 2 });
      if (!byPattern && actual) dates.push({ service_id: id, date: s, exception_type: 1 });
    }
  }
  dates.sort((a, b) => (a.service_id + a.date < b.service_id + b.date ? -1 : 1));
  return { calendar, dates };
}
