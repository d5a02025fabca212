/**
 * calendar.txt + calendar_dates.txt → one global day range and a day bitmap per service.
 * Services defined only by calendar_dates.txt are included.
 */
import type { ServiceInput } from '../core/input.js';
import { addDays, daysBetween, weekday } from '../core/time.js';
import { feedOf, rawId, readIssue, type ReadContext } from './read-context.js';

/** Longest day range kept (days); later days are dropped with a `calendar_truncated` warning. */
export const MAX_DAYS = 800;

interface Service {
  id: string;
  feed: number;
  /** Weekday mask, bit 0 = Monday … bit 6 = Sunday (0 when no calendar.txt row). */
  mask: number;
  /** True when calendar.txt has a row for it. */
  inCalendar: boolean;
  start?: string;
  end?: string;
  added: string[];
  removed: string[];
}

export interface Calendars {
  firstDate: string;
  dayCount: number;
  services: ServiceInput[];
  /** Namespaced service id → index into `services`. */
  index: Map<string, number>;
  /** Per feed: first and last service day (`YYYY-MM-DD`), undefined when it has none. */
  feedRange: ({ first: string; last: string } | undefined)[];
}

/** 20260101 (as stored by node-gtfs) → '2026-01-01'. */
function isoOf(d: number | string): string {
  const s = String(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function readServices(ctx: ReadContext): Service[] {
  const byId = new Map<string, Service>();
  const get = (id: string): Service => {
    let s = byId.get(id);
    if (s === undefined) {
      s = { id, feed: feedOf(ctx, id), mask: 0, inCalendar: false, added: [], removed: [] };
      byId.set(id, s);
    }
    return s;
  };
  const cal = ctx.db.prepare(`SELECT service_id, ${DAYS.join(', ')}, start_date, end_date FROM calendar ORDER BY rowid`).raw();
  for (const row of cal.iterate() as Iterable<[string, ...number[]]>) {
    const s = get(row[0]);
    s.inCalendar = true;
    for (let d = 0; d < 7; d++) if (row[1 + d] === 1) s.mask |= 1 << d;
    s.start = isoOf(row[8]);
    s.end = isoOf(row[9]);
  }
  const dates = ctx.db.prepare('SELECT service_id, date, exception_type FROM calendar_dates ORDER BY rowid').raw();
  for (const [id, date, type] of dates.iterate() as Iterable<[string, number, number]>) {
    (type === 1 ? get(id).added : get(id).removed).push(isoOf(date));
  }
  return [...byId.values()];
}

/** First and last day a service may run (removals ignored), or undefined. */
function bounds(s: Service): [string, string] | undefined {
  let first: string | undefined;
  let last: string | undefined;
  if (s.mask !== 0 && s.start !== undefined && s.end !== undefined && s.start <= s.end) {
    let a = s.start;
    for (let k = 0; k < 7 && a <= s.end && (s.mask & (1 << weekday(a))) === 0; k++) a = addDays(a, 1);
    let b = s.end;
    for (let k = 0; k < 7 && b >= a && (s.mask & (1 << weekday(b))) === 0; k++) b = addDays(b, -1);
    if (a <= b && (s.mask & (1 << weekday(a))) !== 0) [first, last] = [a, b];
  }
  for (const d of s.added) {
    if (first === undefined || d < first) first = d;
    if (last === undefined || d > last) last = d;
  }
  return first === undefined || last === undefined ? undefined : [first, last];
}

/** Build the global day range and every service's bitmap. */
export function readCalendars(ctx: ReadContext): Calendars {
  const services = readServices(ctx);
  const feedRange: Calendars['feedRange'] = ctx.feeds.map(() => undefined);
  let min: string | undefined;
  let max: string | undefined;
  for (const s of services) {
    const b = bounds(s);
    if (b === undefined) continue;
    const r = feedRange[s.feed];
    feedRange[s.feed] = r === undefined ? { first: b[0], last: b[1] } : { first: b[0] < r.first ? b[0] : r.first, last: b[1] > r.last ? b[1] : r.last };
    if (min === undefined || b[0] < min) min = b[0];
    if (max === undefined || b[1] > max) max = b[1];
  }
  const firstDate = addDays(min ?? new Date().toISOString().slice(0, 10), -1);
  let dayCount = daysBetween(firstDate, addDays(max ?? firstDate, 1)) + 1;
  if (dayCount > MAX_DAYS) {
    dayCount = MAX_DAYS;
    const lastKept = addDays(firstDate, MAX_DAYS - 1);
    feedRange.forEach((r, feed) => {
      if (r === undefined || r.last <= lastKept) return;
      readIssue(ctx, feed, 'calendar.txt', 'calendar_truncated', 'warning', `service days after ${lastKept} dropped (at most ${MAX_DAYS} days from ${firstDate})`);
    });
  }
  const w0 = weekday(firstDate);
  const index = new Map<string, number>();
  const out = services.map((s, i): ServiceInput => {
    const days = new Uint8Array(dayCount);
    if (s.mask !== 0 && s.start !== undefined && s.end !== undefined) {
      const from = Math.max(0, daysBetween(firstDate, s.start));
      const to = Math.min(dayCount - 1, daysBetween(firstDate, s.end));
      for (let d = from; d <= to; d++) if ((s.mask & (1 << ((w0 + d) % 7))) !== 0) days[d] = 1;
    }
    for (const [dates, v] of [[s.added, 1], [s.removed, 0]] as const) {
      for (const date of dates) {
        const d = daysBetween(firstDate, date);
        if (d >= 0 && d < dayCount) days[d] = v;
      }
    }
    if (!days.includes(1)) {
      readIssue(ctx, s.feed, s.inCalendar ? 'calendar.txt' : 'calendar_dates.txt', 'no_service_days', 'warning', `service ${rawId(s.id)} runs on no day`);
    }
    index.set(s.id, i);
    ctx.counts[s.feed].services++;
    return { id: s.id, days };
  });
  return { firstDate, dayCount, services: out, index, feedRange };
}
