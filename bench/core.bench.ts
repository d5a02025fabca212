/**
 * Core router benchmarks on seeded synthetic networks (and the bundled region when present):
 * compile time, compiled size, and query latency percentiles with an answer checksum.
 *
 *   npm run bench            # all suites
 *   npm run bench -- metro   # only suites whose name contains "metro"
 */
import { Network } from '../src/core/network.js';
import { ALL_MODES, type SearchRequest } from '../src/core/query.js';
import { planPlaces, PLAN_DEFAULTS } from '../src/core/plan.js';
import { parseDateTime } from '../src/core/time.js';
import type { NetworkInput } from '../src/core/input.js';
import { CITY_SIZED, METRO_SIZED, stopEvents, syntheticCity } from './synthetic.js';
import { machine, measure, mulberry32, printRows, type Row } from './harness.js';
import { bundledFeeds, loadNetwork } from '../src/app/load.js';

const QUERIES = 500;
const DAY = '2026-11-24';

function served(input: NetworkInput): number[] {
  const used = new Uint8Array(input.stops.length);
  for (const t of input.trips) for (const s of t.stops) used[s] = 1;
  const out: number[] = [];
  used.forEach((u, i) => u && out.push(i));
  return out;
}

function queries(net: Network, seed: number, direction: 'depart' | 'arrive'): SearchRequest[] {
  const rnd = mulberry32(seed);
  const stops = served(net.input);
  const zone = net.input.feeds[0].timezone;
  const midnight = parseDateTime(`${DAY}T00:00`, zone)!;
  const out: SearchRequest[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const a = stops[Math.floor(rnd() * stops.length)];
    const b = stops[Math.floor(rnd() * stops.length)];
    const tod = Math.floor((6 + rnd() * 14) * 3600);
    out.push({
      direction,
      time: midnight + tod + (direction === 'arrive' ? 2 * 3600 : 0),
      access: [{ stop: a, seconds: 0 }],
      egress: [{ stop: b, seconds: 0 }],
      maxTransfers: 8,
      modeMask: ALL_MODES,
      transferSlack: 60,
      maxDuration: PLAN_DEFAULTS.maxDuration,
    });
  }
  return out;
}

async function suite(name: string, build: () => Network, rows: Row[]): Promise<void> {
  const m0 = process.memoryUsage();
  const t0 = performance.now();
  const net = build();
  const compileMs = performance.now() - t0;
  const s = net.stats();
  const m1 = process.memoryUsage();
  console.log(
    `\n## ${name}: ${s.stops} stops, ${s.patterns} patterns, ${s.trips} trips, ${s.stopTimes} stop times, ${s.footpaths} footpaths; ` +
      `walk graph + compile ${compileMs.toFixed(0)} ms; compiled arrays ${(s.compiledBytes / 2 ** 20).toFixed(1)} MiB; ` +
      `heap +${((m1.heapUsed - m0.heapUsed) / 2 ** 20).toFixed(0)} MiB, rss ${(m1.rss / 2 ** 20).toFixed(0)} MiB`,
  );
  const router = net.router;
  const answer = (q: SearchRequest) => router.search(q).pareto.flatMap((p) => [p.vehicles, p.time]);
  const dep = queries(net, 42, 'depart');
  rows.push(await measure(name, 'earliest arrival + Pareto (depart-at)', dep, (q) => router.search(q), answer));
  const eaOnly = dep.map((q) => ({ ...q, maxTransfers: 8 }));
  rows.push(
    await measure(name, 'earliest arrival only (first point)', eaOnly, (q) => router.search(q).pareto.at(-1), (q) => {
      const p = router.search(q).pareto.at(-1);
      return p === undefined ? [] : [p.time];
    }),
  );
  const arr = queries(net, 43, 'arrive');
  router.search(arr[0]); // build the reverse view outside the timing
  rows.push(await measure(name, 'latest departure + Pareto (arrive-by)', arr, (q) => router.search(q), answer));
  const rnd = mulberry32(44);
  const pts = Array.from({ length: 200 }, () => {
    const a = net.input.stops[served(net.input)[Math.floor(rnd() * served(net.input).length)]];
    const b = net.input.stops[served(net.input)[Math.floor(rnd() * served(net.input).length)]];
    return { a, b, time: dep[Math.floor(rnd() * dep.length)].time };
  });
  const planOf = (p: (typeof pts)[number]) =>
    planPlaces(
      net,
      { kind: 'point', text: 'a', lat: p.a.lat + 0.001, lon: p.a.lon + 0.001 },
      { kind: 'point', text: 'b', lat: p.b.lat - 0.001, lon: p.b.lon - 0.001 },
      { from: '', to: '', time: p.time, arriveBy: false, maxTransfers: 8, modes: null, maxWalkMetres: 800, transferSlack: 60, maxDuration: PLAN_DEFAULTS.maxDuration },
    );
  rows.push(
    await measure(name, 'door-to-door plan from coordinates (JSON itineraries)', pts, planOf, (p) =>
      planOf(p).itineraries.map((i) => i.durationSeconds),
    ),
  );
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  console.log(`# core benchmarks — ${machine()} — ${new Date().toISOString()}`);
  const rows: Row[] = [];
  const metro = syntheticCity(METRO_SIZED, 7);
  if ('synthetic-metro'.includes(filter)) {
    console.log(`synthetic-metro: ${stopEvents(metro)} stop events per day`);
    await suite('synthetic-metro', () => new Network(metro), rows);
  }
  const city = syntheticCity(CITY_SIZED, 11);
  if ('synthetic-city'.includes(filter)) {
    console.log(`synthetic-city: ${stopEvents(city)} stop events per day`);
    await suite('synthetic-city', () => new Network(city), rows);
  }
  if ('bundled-region'.includes(filter) && bundledFeeds().length > 0) {
    const loaded = await loadNetwork({ progress: false });
    await suite('bundled-region', () => loaded.network, rows);
  }
  console.log('');
  printRows(rows);
}

await main();
