/**
 * Seeded synthetic city networks for benchmarks: a grid of stops (spacing in metres) crossed by
 * bus lines along rows and columns and faster metro lines on every k-th row/column, both ways,
 * with peak and off-peak headways from 05:30 to 23:30. Deterministic for a given seed.
 */
import type { NetworkInput, TripInput } from '../src/core/input.js';
import { StopTimesBuilder, stopTimeCount } from '../src/core/stop-times.js';
import { TripTable } from '../src/core/trips.js';
import type { Network } from '../src/core/network.js';
import { runsOnDay } from '../src/core/timetable.js';
import type { TripUpdateSpec } from '../src/core/realtime.js';
import { mulberry32 } from './harness.js';

export interface CityOptions {
  /** Grid side: side × side stops. */
  side: number;
  spacingMetres: number;
  /** A bus line on every `busEvery`-th row and column (0 = none). */
  busEvery: number;
  /** A metro line on every `metroEvery`-th row and column, stopping every `metroStopEvery` cells. */
  metroEvery: number;
  metroStopEvery: number;
  busHeadway: [peak: number, offPeak: number];
  metroHeadway: [peak: number, offPeak: number];
  days: number;
  /** Split longer lines into pieces of at most this many stops (sharing their end stops); absent = whole rows. */
  maxLineStops?: number;
}

/** ~250k stop events a day: the size of a big-city metro. */
export const METRO_SIZED: CityOptions = {
  side: 60,
  spacingMetres: 600,
  busEvery: 0,
  metroEvery: 6,
  metroStopEvery: 2,
  busHeadway: [600, 900],
  metroHeadway: [180, 360],
  days: 3,
};

/** Tens of thousands of stops, buses and metro: a city. */
export const CITY_SIZED: CityOptions = {
  side: 150,
  spacingMetres: 400,
  busEvery: 3,
  metroEvery: 15,
  metroStopEvery: 3,
  busHeadway: [600, 1200],
  metroHeadway: [180, 420],
  days: 3,
};

export function syntheticCity(o: CityOptions, seed = 1): NetworkInput {
  const rnd = mulberry32(seed);
  const stops: NetworkInput['stops'] = [];
  const dLat = o.spacingMetres / 111_320;
  const dLon = o.spacingMetres / (111_320 * Math.cos((39.9 * Math.PI) / 180));
  for (let y = 0; y < o.side; y++)
    for (let x = 0; x < o.side; x++)
      stops.push({ id: `syn:s${y}_${x}`, feed: 0, name: `S${y}-${x}`, lat: 39.5 + y * dLat, lon: 116.0 + x * dLon, locationType: 0, parent: -1 });
  const routes: NetworkInput['routes'] = [];
  const trips: TripInput[] = [];
  const st = new StopTimesBuilder();
  const days = new Uint8Array(o.days).fill(1);
  const services = [{ id: 'syn:all', days }];

  const addLine = (cells: number[], type: number, secondsPerCell: number, headway: [number, number]) => {
    const max = o.maxLineStops;
    if (max !== undefined && cells.length > max) {
      for (let i = 0; i < cells.length - 1; i += max - 1) addLine(cells.slice(i, i + max), type, secondsPerCell, headway);
      return;
    }
    if (cells.length < 2) return;
    const r = routes.length;
    routes.push({ id: `syn:r${r}`, feed: 0, shortName: `${type === 1 ? 'M' : 'B'}${r}`, longName: '', type });
    for (const dir of [cells, [...cells].reverse()]) {
      const n = dir.length;
      const hop = dir.map((_, i) => (i === 0 ? 0 : Math.round(secondsPerCell * (0.85 + 0.3 * rnd()))));
      let t = 5.5 * 3600 + Math.floor(rnd() * headway[0]);
      while (t < 23.5 * 3600) {
        const peak = (t >= 7 * 3600 && t < 9.5 * 3600) || (t >= 17 * 3600 && t < 19.5 * 3600);
        let c = t;
        for (let i = 0; i < n; i++) {
          c += hop[i];
          const arrival = c;
          const dwell = i === 0 || i === n - 1 ? 0 : 20;
          c += dwell;
          st.push(dir[i], arrival, c);
        }
        st.endTrip();
        trips.push({ id: `syn:t${trips.length}`, route: r, service: 0, headsign: '', shape: -1 });
        t += peak ? headway[0] : headway[1];
      }
    }
  };

  const cell = (y: number, x: number) => y * o.side + x;
  const range = (n: number, step: number) => Array.from({ length: Math.floor((n - 1) / step) + 1 }, (_, i) => i * step);
  const busSec = (o.spacingMetres / 1000 / 18) * 3600; // 18 km/h with stops
  const metroSec = ((o.spacingMetres * o.metroStopEvery) / 1000 / 35) * 3600;
  if (o.busEvery > 0)
    for (let k = 0; k < o.side; k += o.busEvery) {
      addLine(range(o.side, 1).map((x) => cell(k, x)), 3, busSec, o.busHeadway);
      addLine(range(o.side, 1).map((y) => cell(y, k)), 3, busSec, o.busHeadway);
    }
  // metro rows/columns on multiples of the stop spacing so crossing lines share a station
  const first = Math.floor(o.metroEvery / 2 / o.metroStopEvery) * o.metroStopEvery;
  for (let k = first; k < o.side; k += o.metroEvery) {
    addLine(range(o.side, o.metroStopEvery).map((x) => cell(k, x)), 1, metroSec, o.metroHeadway);
    addLine(range(o.side, o.metroStopEvery).map((y) => cell(y, k)), 1, metroSec, o.metroHeadway);
  }
  return {
    firstDate: '2026-11-23',
    dayCount: o.days,
    feeds: [{ name: 'syn', timezone: 'Asia/Shanghai', startDate: '2026-11-23', endDate: '2026-11-25' }],
    stops,
    routes,
    trips: TripTable.from(trips, trips.length),
    stopTimes: st.finish(),
    services,
    transfers: [],
    pathways: [],
    shapes: [],
  };
}

/** Stop events on one service day (arrivals + departures counted once per stop time). */
export function stopEvents(n: NetworkInput): number {
  return stopTimeCount(n);
}

/**
 * Scaling series (bench/scaling.bench.ts): CITY_SIZED's density and headways on a side × side grid,
 * lines cut into pieces of at most 60 stops (24 km for buses, 72 km for metro) so that line lengths
 * stay realistic as the city grows.
 */
export function scalingCity(side: number): CityOptions {
  return { ...CITY_SIZED, side, maxLineStops: 60 };
}

/** Delay models of syntheticUpdates. */
export type DelayModel = 'chaotic' | 'erratic' | 'drifting' | 'steady';
export const DELAY_MODELS: DelayModel[] = ['chaotic', 'erratic', 'drifting', 'steady'];

/**
 * Seeded stop-time updates for service day `day` (default 1: 2026-11-24 of a synthetic network),
 * `stopUpdates` of them at every few stops of random trips running that day (bench:realtime, the
 * realtime oracle and lane-index tests).
 * `chaotic`: every update draws a fresh delay in −1…+9 min (runs jump back and forth and overtake
 * each other, often arriving the moment they left the stop before: 35 % of the metro's live hops take
 * no time once made consistent, which no vehicle does); `erratic`: the same draws, but a run makes up
 * at most a fifth of its running time since the update before (and at most its dwell), so it can
 * only run faster than timetabled by that much (its delay still jumps up at once, and runs overtake
 * each other); `drifting`: a run starts 0…5 min late and its delay drifts by ±30 s per update, as
 * real feeds report it; `steady`: a run keeps one delay of 0…5 min (runs never overtake).
 */
export function syntheticUpdates(net: Network, seed: number, stopUpdates: number, kind: DelayModel, day = 1): TripUpdateSpec[] {
  const rnd = mulberry32(seed);
  const tt = net.timetable;
  const v = tt.forward;
  const out: TripUpdateSpec[] = [];
  const runs = (g: number) => runsOnDay(v, g, day);
  if (!tt.tripInput.some((_, g) => runs(g))) throw new Error(`no trip runs on service day ${day}`);
  let total = 0;
  while (total < stopUpdates) {
    const trip = Math.floor(rnd() * tt.tripInput.length);
    if (!runs(trip)) continue; // (every trip of a synthetic network runs every day)
    const r = tt.tripRoute[trip];
    const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
    const ups: TripUpdateSpec['updates'] = [];
    const at = v.routeTimesOffset[r] + (trip - v.routeTripsOffset[r]) * n;
    let delay = kind === 'chaotic' || kind === 'erratic' ? 0 : Math.floor(rnd() * 300);
    let last = 0; // erratic: the position of the update before
    for (let p = 0; p < n && total < stopUpdates; p += 1 + Math.floor(rnd() * 3)) {
      if (kind === 'chaotic') ups.push({ pos: p, arrivalDelay: Math.floor(rnd() * 600) - 60, departureDelay: Math.floor(rnd() * 600) - 60 });
      else if (kind === 'erratic') {
        // as chaotic, but a run makes up at most a fifth of the running time since the update before, and at most its dwell
        const arrivalDelay = Math.max(Math.floor(rnd() * 600) - 60, p === 0 ? -60 : delay - Math.floor((v.arr[at + p] - v.dep[at + last]) / 5));
        delay = Math.max(Math.floor(rnd() * 600) - 60, arrivalDelay - (v.dep[at + p] - v.arr[at + p]));
        ups.push({ pos: p, arrivalDelay, departureDelay: delay });
        last = p;
      } else {
        if (kind === 'drifting') delay = Math.max(-60, delay + Math.floor(rnd() * 61) - 30);
        ups.push({ pos: p, arrivalDelay: delay, departureDelay: delay });
      }
      total++;
    }
    out.push({ trip, day, updates: ups });
  }
  return out;
}
