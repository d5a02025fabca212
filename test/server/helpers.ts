/**
 * Small networks and server states for the API tests: no SQLite, no feeds on disk. The loader of a
 * ServerState is injected, so a test decides what "loading the feeds" yields (or throws).
 */
import { join } from 'node:path';
import { PACKAGE_ROOT, type Loaded } from '../../src/app/load.js';
import { E7, LocationType, type NetworkInput } from '../../src/core/input.js';
import { TripTable } from '../../src/core/trips.js';
import { Network } from '../../src/core/network.js';
import type { ImportReport } from '../../src/feeds/report.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { ServerState } from '../../src/server/state.js';
import { tiny } from '../core/helpers.js';

/**
 * 甲 → 乙 → 丙 by rail (R1 at 8:00, 9:00; R1 has a shape), 丁 → 乙 by bus (B at 8:30). 甲 is a
 * platform of the station 甲站 (en "Jia Station"); stops have English names; R1 is red.
 */
export function fixtureInput(times = { first: '8:00', second: '9:00' }): NetworkInput {
  const h = (t: string, add: number) => {
    const [hh, mm] = t.split(':').map(Number);
    const m = hh * 60 + mm + add;
    return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  };
  const input = tiny({
    stops: ['甲', '乙', '丙', '丁'],
    trips: [
      { id: 'T1', route: 'R1', type: 2, times: `甲 ${times.first}, 乙 ${h(times.first, 10)}, 丙 ${h(times.first, 20)}` },
      { id: 'T2', route: 'R1', type: 2, times: `甲 ${times.second}, 乙 ${h(times.second, 10)}, 丙 ${h(times.second, 20)}` },
      { id: 'B1', route: 'B', type: 3, times: '丁 8:30, 乙 8:50' },
    ],
    coords: { 甲: [39.9, 116.4], 乙: [39.95, 116.4], 丙: [40.0, 116.4], 丁: [39.95, 116.5] },
  });
  const names = ['Jia', 'Yi', 'Bing', 'Ding'];
  input.stops.forEach((s, i) => (s.names = { en: names[i] }));
  input.stops.push({ id: 'f:JIA', feed: 0, name: '甲站', names: { en: 'Jia Station' }, lat: 39.9001, lon: 116.4001, locationType: LocationType.Station, parent: -1 });
  input.stops[0].parent = 4;
  input.stops[0].platformCode = '1';
  input.routes[0].color = 'c23a30';
  input.routes[0].longName = 'Jia–Bing line';
  input.shapes.push({ id: 'f:S1', lat7: Int32Array.from([39.9, 39.925, 39.95, 39.975, 40.0], (x) => Math.round(x * E7)), lon7: Int32Array.from([116.4, 116.41, 116.4, 116.41, 116.4], (x) => Math.round(x * E7)) });
  input.trips = TripTable.from(input.trips.map((t, i) => (i === 0 ? { ...t, shape: 0 } : t)));
  return input;
}

export const fixture = () => new Network(fixtureInput());

export function report(feedName = 'f'): ImportReport {
  return {
    feeds: [
      {
        name: feedName,
        path: join(PACKAGE_ROOT, 'data', 'gtfs', feedName),
        counts: { stops: 5, routes: 2, trips: 3, stopTimes: 8, services: 1, frequencies: 0, transfers: 0, pathways: 0, shapes: 1 },
        startDate: '2026-11-23',
        endDate: '2026-12-31',
        timezone: 'Asia/Shanghai',
      },
    ],
    issues: [
      { feed: feedName, file: 'stops.txt', code: 'bad_coordinate', severity: 'error', message: 'bad lat', count: 2, line: 7 },
      { feed: feedName, file: 'trips.txt', code: 'unknown_shape', severity: 'warning', message: 'no shape', count: 3 },
      { feed: feedName, file: 'stop_times.txt', code: 'bad_coordinate', severity: 'warning', message: 'x', count: 1 },
    ],
  };
}

export function loaded(network: Network): Loaded {
  return { network, report: report(), dbPath: ':memory:', reused: true, timings: { importMs: 12.4, compileMs: 3.6 } };
}

/** A state that has loaded `network`. */
export async function readyState(network: Network = fixture()): Promise<ServerState> {
  const state = new ServerState(async () => loaded(network));
  await state.load();
  return state;
}

/** Epoch ms of 2026-11-24T07:55 in Asia/Shanghai (the fixture's "now"). */
export const NOW = Date.parse('2026-11-24T07:55:00+08:00');

export async function readyApp(o: AppOptions = {}, network?: Network) {
  const state = await readyState(network);
  const logs: string[] = [];
  const app = createApp(state, { now: () => NOW, log: (l) => logs.push(l), ...o });
  return { app, state, logs };
}

export interface ErrorJson {
  error: { code: string; message: string; field: string | null };
}

export async function json<T = unknown>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
