/**
 * Calendar and time-zone arithmetic. Absolute instants are integer UTC epoch seconds; the process
 * time zone is never consulted (only Intl with an explicit zone).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(epochSeconds: number, zone: string): LocalParts {
  const parts = formatter(zone).formatToParts(new Date(epochSeconds * 1000));
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of parts) {
    if (p.type === 'year') out.year = Number(p.value);
    else if (p.type === 'month') out.month = Number(p.value);
    else if (p.type === 'day') out.day = Number(p.value);
    else if (p.type === 'hour') out.hour = Number(p.value);
    else if (p.type === 'minute') out.minute = Number(p.value);
    else if (p.type === 'second') out.second = Number(p.value);
  }
  return out;
}

const offsetCache = new Map<string, Map<number, number>>();

/**
 * UTC offset of `zone` at the instant, in seconds (east positive). Offsets change only on
 * quarter-hour boundaries, so they are cached per zone and 15-minute bucket (Intl is slow).
 */
export function zoneOffsetSeconds(epochSeconds: number, zone: string): number {
  let cache = offsetCache.get(zone);
  if (cache === undefined) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  const bucket = Math.floor(epochSeconds / 900);
  let off = cache.get(bucket);
  if (off === undefined) {
    const t = bucket * 900;
    const p = localParts(t, zone);
    off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - t;
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, off);
  }
  return off;
}

/** Local wall-clock fields of an instant, from the cached offset. */
function fastParts(epochSeconds: number, zone: string): LocalParts {
  const d = new Date((Math.floor(epochSeconds) + zoneOffsetSeconds(epochSeconds, zone)) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * Epoch seconds of a local wall time in `zone`. A time that happens twice (clocks fall back) is
 * the earlier instant; a time that never happens (clocks spring forward) is read with the offset
 * in force before the change, i.e. moved forward by the gap — as Temporal's "compatible" does.
 */
export function localToEpoch(
  year: number,
  month: number,
  day: number,
  secondsOfDay: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day) / 1000 + secondsOfDay;
  const before = zoneOffsetSeconds(wall - 86400, zone);
  const after = zoneOffsetSeconds(wall + 86400, zone);
  const tBefore = wall - before;
  const tAfter = wall - after;
  const validBefore = zoneOffsetSeconds(tBefore, zone) === before;
  const validAfter = zoneOffsetSeconds(tAfter, zone) === after;
  if (validBefore && validAfter) return Math.min(tBefore, tAfter);
  if (validBefore) return tBefore;
  if (validAfter) return tAfter;
  return tBefore;
}

/** `YYYY-MM-DD` (or `YYYYMMDD`) → [y, m, d]; throws on malformed input. */
export function parseDate(date: string): [number, number, number] {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
  if (m === null) throw new Error(`invalid date "${date}" (expected YYYY-MM-DD)`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days from `from` to `to` (both `YYYY-MM-DD`), calendar arithmetic. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400000);
}

/** `YYYY-MM-DD` plus `n` days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

/** Day of week of a `YYYY-MM-DD` date, 0 = Monday … 6 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = parseDate(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * GTFS service-day origin: "noon minus 12 h" of `date` in `zone`, as epoch seconds. A stop time
 * `t` of a trip on that service day happens at `serviceDayOrigin(date, zone) + t`, which is right
 * across daylight-saving changes.
 */
export function serviceDayOrigin(date: string, zone: string): number {
  const [y, m, d] = parseDate(date);
  return localToEpoch(y, m, d, 12 * 3600, zone) - 12 * 3600;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** ISO 8601 local time with offset, e.g. `2026-11-24T09:00:00+08:00`. */
export function formatIso(epochSeconds: number, zone: string): string {
  const p = fastParts(epochSeconds, zone);
  const off = zoneOffsetSeconds(epochSeconds, zone);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}`
  );
}

/** Local calendar date `YYYY-MM-DD` of an instant in `zone`. */
export function localDate(epochSeconds: number, zone: string): string {
  const p = fastParts(epochSeconds, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Parse `2026-11-24T08:00[:ss]` (local wall time in `zone`) or the same with `Z` / `±hh:mm`.
 * Returns epoch seconds, or null when malformed.
 */
export function parseDateTime(text: string, zone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (m === null) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 59) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return null;
  const secs = h * 3600 + mi * 60 + s;
  const tz = m[7];
  if (tz === undefined) return localToEpoch(y, mo, d, secs, zone);
  if (tz === 'Z') return Date.UTC(y, mo - 1, d) / 1000 + secs;
  const sign = tz[0] === '-' ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const off = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  return Date.UTC(y, mo - 1, d) / 1000 + secs - off;
}

/** `HH:MM:SS` (hours may exceed 24) → seconds, or null when malformed. */
export function parseGtfsTime(text: string): number | null {
  const m = /^\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*$/.exec(text);
  if (m === null) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Seconds → `HH:MM:SS` (hours may exceed 24). */
export function formatGtfsTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
