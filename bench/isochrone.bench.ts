/**
 * Isochrone benchmarks: single-departure 60-minute circles with polygons, and two-hour windows
 * sampled every minute with 50th/90th percentiles, from seeded places, on the bundled region and
 * the synthetic city. Prints percentiles and a checksum of the areas.
 *
 *   npm run bench:isochrone
 */
import { Network } from '../src/core/network.js';
import { servedStops } from '../src/core/stop-times.js';
import { isochrones, type IsochroneOptions } from '../src/core/isochrone-plan.js';
import { parseDateTime } from '../src/core/time.js';
import { bundledFeeds, loadNetwork } from '../src/app/load.js';
import { CITY_SIZED, syntheticCity } from './synthetic.js';
import { machine, measure, mulberry32, printRows, type Row } from './harness.js';

function places(net: Network, seed: number, n: number): string[] {
  const used = new Set<number>();
  servedStops(net.input).forEach((u, s) => u && used.add(s));
  const ids = [...used].map((s) => net.input.stops[s].id).sort();
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => ids[Math.floor(rnd() * ids.length)]);
}

function options(place: string, start: number, end: number, percentiles: number[], direction: 'depart' | 'arrive'): IsochroneOptions {
  return {
    place,
    direction,
    windowStart: start,
    windowEnd: end,
    stepSeconds: 60,
    cutoffsMinutes: [60],
    percentiles,
    cellMetres: 250,
    maxWalkMinutes: 20,
    maxTransfers: 4,
    modes: null,
    transferSlack: 60,
    excludeFeeds: [],
    excludeRoutes: [],
  };
}

async function suite(name: string, net: Network, rows: Row[], windowQueries: number): Promise<void> {
  const zone = net.input.feeds[0].timezone;
  const t7 = parseDateTime('2026-11-24T07:00', zone)!;
  const t9 = parseDateTime('2026-11-24T09:00', zone)!;
  const area = (o: IsochroneOptions) => isochrones(net, o).features.map((f) => f.properties.areaKm2);
  const single = places(net, 5, 100).map((p, i) => options(p, t7 + (i % 60) * 60, t7 + (i % 60) * 60, [50], i % 2 === 0 ? 'depart' : 'arrive'));
  rows.push(await measure(name, 'single departure, 60-min isochrone with polygons', single, (o) => isochrones(net, o), area, 3000));
  const windows = places(net, 6, windowQueries).map((p, i) => options(p, t7, t9, [50, 90], i % 2 === 0 ? 'depart' : 'arrive'));
  rows.push(await measure(name, 'two-hour window every minute, p50+p90, 60 min', windows, (o) => isochrones(net, o), area, 5000));
}

console.log(`# isochrone benchmarks — ${machine()} — ${new Date().toISOString()}`);
const rows: Row[] = [];
if (bundledFeeds().length > 0) {
  const { network } = await loadNetwork({ progress: false });
  await suite('bundled-region', network, rows, 20);
}
await suite('synthetic-city', new Network(syntheticCity(CITY_SIZED, 11)), rows, 6);
console.log('');
printRows(rows);
