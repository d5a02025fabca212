/**
 * Seeded `/api/plan` query paths for the load script (`bench/load.ts`), drawn from the bundled
 * region's stops (read straight from `data/gtfs/<feed>/stops.txt`, so no network has to be built
 * in the load generator): random origin/destination pairs, as `feed:stop_id` (most), as a stop
 * name (exercises name resolution) or as `lat,lon` near a stop (exercises the walking link), with
 * a random depart-at or arrive-by time between 06:00 and 22:00 on a weekday of 2026-11-24…27.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { bundledFeeds } from '../src/app/load.js';
import { feedNameOf } from '../src/feeds/source.js';
import { mulberry32 } from './harness.js';

export interface BundledStop {
  /** `feed:stop_id`, as the API names stops. */
  id: string;
  name: string;
  lat: number;
  lon: number;
}

/** Boarding stops and stations (location_type 0/empty or 1) of every bundled feed. */
export function bundledStops(feeds: string[] = bundledFeeds()): BundledStop[] {
  const out: BundledStop[] = [];
  for (const dir of feeds) {
    const feed = feedNameOf(dir);
    const rows = parse(readFileSync(path.join(dir, 'stops.txt')), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
    for (const r of rows) {
      const lt = (r.location_type ?? '').trim();
      if (lt !== '' && lt !== '0' && lt !== '1') continue;
      out.push({ id: `${feed}:${r.stop_id}`, name: r.stop_name, lat: Number(r.stop_lat), lon: Number(r.stop_lon) });
    }
  }
  return out;
}

/** Weekdays of the query window (2026-11-24 is a Tuesday; the 28th is a Saturday and left out). */
export const LOAD_DATES = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

/** When the queries are: dates (YYYY-MM-DD) and a range of minutes of the day. */
export interface QueryWindow {
  dates: string[];
  fromMinute: number;
  toMinute: number;
}

/**
 * `count` distinct-ish request paths, the same for the same seed: `/api/plan?from=…&to=…&depart=…`
 * (or `arrive=…`), every parameter percent-encoded; by default at 06:00–22:00 on `LOAD_DATES`.
 */
export function loadQueries(seed: number, count: number, stops: BundledStop[] = bundledStops(), window: QueryWindow = { dates: LOAD_DATES, fromMinute: 6 * 60, toMinute: 22 * 60 }): string[] {
  if (stops.length < 2) throw new Error('need at least two bundled stops to build load queries');
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: T[]): T => xs[int(0, xs.length - 1)];
  const two = (n: number) => String(n).padStart(2, '0');
  const place = (s: BundledStop): string => {
    const r = rnd();
    if (r < 0.7) return s.id;
    if (r < 0.85) return s.name;
    // a point within ~300 m of the stop
    const lat = s.lat + (rnd() - 0.5) * 0.005;
    const lon = s.lon + (rnd() - 0.5) * 0.005;
    return `${lat.toFixed(5)},${lon.toFixed(5)}`;
  };
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = pick(stops);
    let b = pick(stops);
    while (b.id === a.id) b = pick(stops);
    const minutes = int(window.fromMinute, window.toMinute);
    const when = `${pick(window.dates)}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
    const key = rnd() < 0.5 ? 'depart' : 'arrive';
    const q = new URLSearchParams({ from: place(a), to: place(b), [key]: when });
    // URLSearchParams encodes spaces as '+', which a query parser reads as a space too; use %20
    paths.push(`/api/plan?${q.toString().replace(/\+/g, '%20')}`);
  }
  return paths;
}
