/**
 * Seeded random networks and queries that exercise every rule of the SearchRequest contract:
 * several feeds and time zones (with DST changes inside the day range), times past 24:00,
 * overtaking trips on one stop pattern, loops, forbidden pickups / drop-offs, day bitmaps,
 * frequency templates, asymmetric footpaths and same-stop transfer times (including FORBIDDEN).
 */
import type { FeedInput, NetworkInput, RouteInput, ServiceInput, StopInput } from '../../src/core/input.js';
import { columnarInput, tripStops, type TripWithTimes } from '../../src/core/stop-times.js';
import { LocationType } from '../../src/core/input.js';
import type { SearchRequest, StopAccess, TransferGraph } from '../../src/core/query.js';
import { ALL_MODES, FORBIDDEN, modeOfRouteType } from '../../src/core/query.js';
import { addDays, serviceDayOrigin } from '../../src/core/time.js';
import { Rng } from './prng.js';
import { randomTrips } from './random-trips.js';

/** A generated network plus its compiled transfer rules. */
export interface RandomNetwork {
  input: NetworkInput;
  transfers: TransferGraph;
}

/** Size knobs (defaults in brackets). */
export interface RandomNetworkOptions {
  /** Stop count range [10, 60]. */
  minStops?: number;
  maxStops?: number;
  /** Route count range [stops / 5, stops / 2], at least 3. */
  minRoutes?: number;
  maxRoutes?: number;
  /** Services that never meet: each day runs one of them (weekday / weekend calendars, whose runs compile splits into routes of their own). */
  disjointServices?: boolean;
}

/** First dates whose 2–4 day range always contains a Europe/Berlin DST change. */
const DST_FIRST_DATES = ['2027-03-27', '2027-03-28', '2026-10-24', '2026-10-25'];
const PLAIN_FIRST_DATES = ['2026-11-23', '2027-01-29', '2026-06-30'];

/** Random same-stop transfer seconds: 0, positive, or FORBIDDEN. */
function sameStopSeconds(rng: Rng): number {
  const r = rng.next();
  if (r < 0.5) return 0;
  if (r < 0.8) return rng.int(1, 300);
  return FORBIDDEN;
}

/** Random directed footpaths (never a loop, never duplicated, often asymmetric), as CSR rows. */
function randomFootpaths(rng: Rng, stopCount: number): Pick<TransferGraph, 'footOffset' | 'footTo' | 'footSeconds'> {
  const rows: Map<number, number>[] = Array.from({ length: stopCount }, () => new Map<number, number>());
  for (let a = 0; a < stopCount; a++) {
    const count = rng.chance(0.35) ? 0 : rng.int(1, 3);
    for (let n = 0; n < count; n++) {
      const b = rng.int(0, stopCount - 1);
      if (b === a || rows[a].has(b)) continue;
      const seconds = rng.chance(0.1) ? 0 : rng.int(1, 600);
      rows[a].set(b, seconds);
      if (rng.chance(0.5) && !rows[b].has(a)) rows[b].set(a, rng.chance(0.5) ? seconds : rng.int(0, 600));
    }
  }
  const footOffset = new Int32Array(stopCount + 1);
  const to: number[] = [];
  const secs: number[] = [];
  for (let a = 0; a < stopCount; a++) {
    for (const [b, s] of [...rows[a]].sort((x, y) => x[0] - y[0])) {
      to.push(b);
      secs.push(s);
    }
    footOffset[a + 1] = to.length;
  }
  return { footOffset, footTo: Int32Array.from(to), footSeconds: Int32Array.from(secs) };
}

/** A deterministic random network for `seed`. */
export function randomNetwork(seed: number, opts: RandomNetworkOptions = {}): RandomNetwork {
  const rng = new Rng(seed);
  const withBerlin = rng.chance(0.4);
  const firstDate = withBerlin ? rng.pick(DST_FIRST_DATES) : rng.pick(PLAIN_FIRST_DATES);
  const dayCount = rng.int(2, 4);
  const feed = (name: string, timezone: string): FeedInput => ({
    name,
    timezone,
    startDate: firstDate,
    endDate: addDays(firstDate, dayCount - 1),
  });
  const feeds = [feed('cn', 'Asia/Shanghai')];
  if (withBerlin) feeds.push(feed('de', 'Europe/Berlin'));

  const stopCount = rng.int(opts.minStops ?? 10, opts.maxStops ?? 60);
  const stops: StopInput[] = [];
  for (let i = 0; i < stopCount; i++) {
    // With two feeds, the last ~40 % of the stops belong to Berlin.
    const f = withBerlin && i >= Math.ceil(stopCount * 0.6) ? 1 : 0;
    stops.push({
      id: `${feeds[f].name}:s${i}`,
      feed: f,
      name: `Stop ${i}`,
      lat: 39 + rng.next(),
      lon: 116 + rng.next(),
      locationType: LocationType.Stop,
      parent: -1,
    });
  }

  const services: ServiceInput[] = [];
  const serviceCount = rng.int(1, 4);
  if (opts.disjointServices) {
    // each day to one service (a day of none too): their days never meet
    const owner = Array.from({ length: dayCount }, () => rng.int(-1, serviceCount - 1));
    for (let s = 0; s < serviceCount; s++) services.push({ id: `cn:svc${s}`, days: Uint8Array.from(owner, (o) => (o === s ? 1 : 0)) });
  } else
    for (let s = 0; s < serviceCount; s++) {
      const days = new Uint8Array(dayCount);
      for (let d = 0; d < dayCount; d++) days[d] = rng.chance(s === 0 ? 0.9 : 0.6) ? 1 : 0;
      services.push({ id: `cn:svc${s}`, days });
    }

  const routes: RouteInput[] = [];
  const trips: TripWithTimes[] = [];
  const minRoutes = opts.minRoutes ?? Math.max(3, Math.floor(stopCount / 5));
  const routeCount = rng.int(minRoutes, Math.max(minRoutes, opts.maxRoutes ?? stopCount >> 1));
  const pools = feeds.map((_, f) => stops.flatMap((s, i) => (s.feed === f ? [i] : [])));
  const hubs = pools.map((pool) => rng.sample(pool, Math.max(2, Math.ceil(pool.length / 6))));
  for (let r = 0; r < routeCount; r++) {
    const f = rng.int(0, feeds.length - 1);
    const type = rng.pick([2, 1, 3, 3, 4, 0, 109, 700, 715, 1000]);
    routes.push({ id: `${feeds[f].name}:r${r}`, feed: f, shortName: `R${r}`, longName: `Route ${r}`, type });
    trips.push(...randomTrips(rng, r, `${feeds[f].name}:r${r}`, pools[f], hubs[f], serviceCount));
  }

  const transfers: TransferGraph = {
    sameStopSeconds: Int32Array.from({ length: stopCount }, () => sameStopSeconds(rng)),
    ...randomFootpaths(rng, stopCount),
  };
  const input: NetworkInput = columnarInput({
    firstDate,
    dayCount,
    feeds,
    stops,
    routes,
    trips,
    services,
    transfers: [],
    pathways: [],
    shapes: [],
  });
  return { input, transfers };
}

/** 1–3 distinct served stops with 0–300 s walks. */
function randomAccess(rng: Rng, served: number[]): StopAccess[] {
  return rng.sample(served, rng.int(1, 3)).map((stop) => ({
    stop,
    seconds: rng.chance(0.25) ? 0 : rng.int(1, 300),
  }));
}

/** A deterministic random request on `net` for `seed`. */
export function randomQuery(seed: number, net: RandomNetwork): SearchRequest {
  const rng = new Rng(seed);
  const { input } = net;
  const servedSet = new Set<number>();
  for (let t = 0; t < input.trips.length; t++) for (const s of tripStops(input, t)) servedSet.add(s);
  const served = [...servedSet].sort((a, b) => a - b);
  const start = serviceDayOrigin(input.firstDate, input.feeds[0].timezone);
  const direction = rng.chance(0.5) ? 'depart' : 'arrive';
  // Depart-at queries lean towards the start of the range, arrive-by ones towards its end.
  const span = input.dayCount * 86400;
  const time = direction === 'depart' ? start + rng.int(0, span - 6 * 3600) : start + rng.int(6 * 3600, span + 4 * 3600);
  // Usually every mode; sometimes without one or two of the modes the network has; rarely random.
  let modeMask = ALL_MODES;
  if (rng.chance(0.2)) {
    const present = [...new Set(input.routes.map((r) => modeOfRouteType(r.type)))];
    for (const mode of rng.sample(present, rng.int(1, 2))) modeMask &= ~(1 << mode);
  } else if (rng.chance(0.05)) {
    modeMask = rng.int(0, ALL_MODES);
  }
  return {
    direction,
    time,
    access: randomAccess(rng, served),
    egress: randomAccess(rng, served),
    maxTransfers: rng.int(0, 4),
    modeMask,
    transferSlack: rng.chance(0.4) ? 0 : rng.int(1, 120),
    maxDuration: rng.chance(0.15) ? rng.int(1800, 6 * 3600) : rng.int(24 * 3600, 36 * 3600),
  };
}
