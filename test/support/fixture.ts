/**
 * A small DSL for hand-made networks in tests: stops by name, trips as "HH:MM[:SS]" strings,
 * footpaths as [from, to, seconds], and queries with access / egress as `{ A: 120 }`.
 */
import type { FrequencyInput, NetworkInput, TripInput } from '../../src/core/input.js';
import { LocationType } from '../../src/core/input.js';
import type { SearchRequest, TransferGraph } from '../../src/core/query.js';
import { ALL_MODES } from '../../src/core/query.js';
import { StopTimesBuilder } from '../../src/core/stop-times.js';
import { TripTable } from '../../src/core/trips.js';
import { addDays, parseGtfsTime, serviceDayOrigin } from '../../src/core/time.js';

export interface FixtureTrip {
  /** GTFS route_type (default 3, bus). Each trip gets its own route unless `route` is shared. */
  type?: number;
  route?: string;
  /** Index into FixtureSpec.zones (default 0). */
  feed?: number;
  stops: string[];
  /** One per stop: "HH:MM[:SS]" (arrival = departure) or [arrival, departure]. */
  times: (string | [string, string])[];
  /** Day bitmap (default: runs every day). */
  days?: number[];
  pickup?: number[];
  dropOff?: number[];
  frequencies?: FrequencyInput[];
}

export interface FixtureSpec {
  firstDate?: string;
  dayCount?: number;
  /** One IANA zone per feed (default ['Asia/Shanghai']). */
  zones?: string[];
  stops: string[];
  trips: FixtureTrip[];
  footpaths?: [string, string, number][];
  /** sameStopSeconds by stop name (default 0). */
  sameStop?: Record<string, number>;
}

export interface Fixture {
  input: NetworkInput;
  transfers: TransferGraph;
  /** Stop index of a stop name. */
  stop(name: string): number;
  /** Absolute instant of service-day time "HH:MM[:SS]" on day `day` in feed `feed`'s zone. */
  at(day: number, hhmm: string, feed?: number): number;
}

/** Seconds of "HH:MM" or "HH:MM:SS" (hours may exceed 24). */
export function secondsOf(hhmm: string): number {
  const s = parseGtfsTime(hhmm.length <= 5 ? `${hhmm}:00` : hhmm);
  if (s === null) throw new Error(`bad time ${hhmm}`);
  return s;
}

/** Builds the NetworkInput and TransferGraph of a fixture spec. */
export function fixture(spec: FixtureSpec): Fixture {
  const firstDate = spec.firstDate ?? '2026-11-23';
  const dayCount = spec.dayCount ?? 2;
  const zones = spec.zones ?? ['Asia/Shanghai'];
  const index = new Map(spec.stops.map((name, i) => [name, i]));
  const stop = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`unknown stop ${name}`);
    return i;
  };
  const stopTimes = new StopTimesBuilder();
  const input: NetworkInput = {
    firstDate,
    dayCount,
    feeds: zones.map((timezone, f) => ({
      name: `f${f}`,
      timezone,
      startDate: firstDate,
      endDate: addDays(firstDate, dayCount - 1),
    })),
    stops: spec.stops.map((name) => ({
      id: `f0:${name}`,
      feed: 0,
      name,
      lat: 39.9,
      lon: 116.4,
      locationType: LocationType.Stop,
      parent: -1,
    })),
    routes: [],
    trips: TripTable.empty(),
    stopTimes: { tripOffset: new Int32Array(1), typeOffset: new Int32Array(1), pickup: new Uint8Array(0), dropOff: new Uint8Array(0) },
    services: [],
    transfers: [],
    pathways: [],
    shapes: [],
  };
  const routeIndex = new Map<string, number>();
  const trips: TripInput[] = [];
  spec.trips.forEach((t, i) => {
    const routeName = t.route ?? `route${i}`;
    let route = routeIndex.get(routeName);
    if (route === undefined) {
      route = input.routes.length;
      routeIndex.set(routeName, route);
      input.routes.push({ id: routeName, feed: t.feed ?? 0, shortName: routeName, longName: routeName, type: t.type ?? 3 });
    }
    input.services.push({ id: `svc${i}`, days: Uint8Array.from(t.days ?? Array<number>(dayCount).fill(1)) });
    const pair = (x: string | [string, string]): [number, number] =>
      typeof x === 'string' ? [secondsOf(x), secondsOf(x)] : [secondsOf(x[0]), secondsOf(x[1])];
    const trip: TripInput = { id: `trip${i}`, route, service: i, headsign: '', shape: -1 };
    stopTimes.addTrip({
      stops: t.stops.map(stop),
      arrivals: t.times.map((x) => pair(x)[0]),
      departures: t.times.map((x) => pair(x)[1]),
      ...(t.pickup !== undefined ? { pickup: t.pickup } : {}),
      ...(t.dropOff !== undefined ? { dropOff: t.dropOff } : {}),
    });
    if (t.frequencies !== undefined) trip.frequencies = t.frequencies;
    trips.push(trip);
  });
  input.trips = TripTable.from(trips);
  input.stopTimes = stopTimes.finish();
  const n = spec.stops.length;
  const paths = (spec.footpaths ?? []).map(([a, b, s]) => [stop(a), stop(b), s] as const).sort((x, y) => x[0] - y[0]);
  const footOffset = new Int32Array(n + 1);
  for (const [a] of paths) footOffset[a + 1]++;
  for (let s = 0; s < n; s++) footOffset[s + 1] += footOffset[s];
  const transfers: TransferGraph = {
    sameStopSeconds: Int32Array.from(spec.stops.map((name) => spec.sameStop?.[name] ?? 0)),
    footOffset,
    footTo: Int32Array.from(paths.map((p) => p[1])),
    footSeconds: Int32Array.from(paths.map((p) => p[2])),
  };
  const at = (day: number, hhmm: string, feed = 0): number =>
    serviceDayOrigin(addDays(firstDate, day), zones[feed]) + secondsOf(hhmm);
  return { input, transfers, stop, at };
}

export interface QuerySpec extends Partial<Omit<SearchRequest, 'access' | 'egress'>> {
  time: number;
  /** Access walks by stop name, e.g. `{ A: 120 }`. */
  from: Record<string, number>;
  to: Record<string, number>;
}

/** A SearchRequest with readable defaults: depart-at, 3 transfers, all modes, no slack, 48 h horizon. */
export function query(fx: Fixture, q: QuerySpec): SearchRequest {
  const list = (m: Record<string, number>) => Object.entries(m).map(([name, seconds]) => ({ stop: fx.stop(name), seconds }));
  return {
    direction: q.direction ?? 'depart',
    time: q.time,
    access: list(q.from),
    egress: list(q.to),
    maxTransfers: q.maxTransfers ?? 3,
    modeMask: q.modeMask ?? ALL_MODES,
    transferSlack: q.transferSlack ?? 0,
    maxDuration: q.maxDuration ?? 48 * 3600,
  };
}
