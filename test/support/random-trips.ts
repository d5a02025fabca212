/**
 * Random trips for one route of a random network (see random-network.ts): one stop pattern
 * (sometimes visiting a stop twice), 1–6 trips on it that either keep their order (FIFO) or
 * overtake each other, times that may run past 24:00, random forbidden pickups / drop-offs and
 * some frequency templates.
 */
import type { FrequencyInput } from '../../src/core/input.js';
import type { TripWithTimes } from '../../src/core/stop-times.js';
import { PICKUP_NONE } from '../../src/core/input.js';
import type { Rng } from './prng.js';

/**
 * A stop pattern of 2–8 distinct stops from `pool`, often through `hubs` (so routes meet);
 * sometimes a stop is visited again later (a loop).
 */
function randomPattern(rng: Rng, pool: number[], hubs: number[]): number[] {
  const length = Math.min(rng.int(2, 8), pool.length);
  const pattern: number[] = [];
  while (pattern.length < length) {
    const s = rng.chance(0.35) ? rng.pick(hubs) : rng.pick(pool);
    if (!pattern.includes(s)) pattern.push(s);
  }
  if (pattern.length >= 3 && rng.chance(0.2)) {
    const i = rng.int(0, pattern.length - 3);
    pattern.splice(rng.int(i + 2, pattern.length), 0, pattern[i]);
  }
  return pattern;
}

/** 1–2 frequency windows (headway 10–30 min, up to 3 h long), exact_times random. */
function randomFrequencies(rng: Rng): FrequencyInput[] {
  const out: FrequencyInput[] = [];
  const windows = rng.int(1, 2);
  for (let w = 0; w < windows; w++) {
    const start = rng.int(5 * 3600, 26 * 3600);
    out.push({ start, end: start + rng.int(900, 3 * 3600), headway: rng.int(600, 1800), exact: rng.chance(0.5) });
  }
  return out;
}

/** Per-position pickup or drop-off types: mostly regular (0), sometimes PICKUP_NONE. */
function randomAllowed(rng: Rng, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rng.chance(0.12) ? PICKUP_NONE : rng.pick([0, 0, 2, 3])));
}

/**
 * The trips of route `route` (id `routeId`) over stops drawn from `pool` (favouring `hubs`, a
 * subset of it), on random services among the first `serviceCount`.
 */
export function randomTrips(
  rng: Rng,
  route: number,
  routeId: string,
  pool: number[],
  hubs: number[],
  serviceCount: number,
): TripWithTimes[] {
  if (pool.length < 2) return [];
  const pattern = randomPattern(rng, pool, hubs);
  const n = pattern.length;
  const running = Array.from({ length: n - 1 }, () => (rng.chance(0.05) ? 0 : rng.int(60, 900)));
  const dwell = Array.from({ length: n }, () => (rng.chance(0.5) ? 0 : rng.int(10, 90)));
  const overtaking = rng.chance(0.35);
  const firstStart = rng.int(3 * 3600, 27 * 3600);
  const tripCount = rng.int(1, 6);
  const trips: TripWithTimes[] = [];
  let start = firstStart;
  for (let t = 0; t < tripCount; t++) {
    // Overtaking routes: close starts, very different speeds. FIFO routes: one shared profile.
    const factor = overtaking ? 0.4 + rng.next() * 1.8 : 1;
    start = overtaking ? firstStart + rng.int(0, 1500) : start + (t === 0 ? 0 : rng.int(300, 3 * 3600));
    const arrivals = new Int32Array(n);
    const departures = new Int32Array(n);
    let clock = start;
    for (let i = 0; i < n; i++) {
      if (i > 0) clock += Math.round(running[i - 1] * factor);
      arrivals[i] = i === 0 ? clock - dwell[0] : clock;
      clock += i === 0 ? 0 : dwell[i];
      departures[i] = clock;
    }
    const trip: TripWithTimes = {
      id: `${routeId}:t${t}`,
      route,
      service: rng.int(0, serviceCount - 1),
      headsign: `Trip ${t}`,
      shape: -1,
      stops: Int32Array.from(pattern),
      arrivals,
      departures,
      pickup: randomAllowed(rng, n),
      dropOff: randomAllowed(rng, n),
    };
    if (rng.chance(0.15)) trip.frequencies = randomFrequencies(rng);
    trips.push(trip);
  }
  return trips;
}
