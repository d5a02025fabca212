/**
 * The router benchmark suite shared by core.bench.ts (synthetic networks, bundled region) and
 * feed.bench.ts (any GTFS feed): seeded stop-to-stop depart-at and arrive-by searches, and
 * door-to-door plans from coordinates, each with percentiles and an answer checksum.
 */
import type { Network } from '../src/core/network.js';
import { servedStops } from '../src/core/stop-times.js';
import { ALL_MODES, type SearchRequest } from '../src/core/query.js';
import { planPlaces, PLAN_DEFAULTS } from '../src/core/plan.js';
import { parseDateTime } from '../src/core/time.js';
import type { NetworkInput } from '../src/core/input.js';
import { measure, mulberry32, type Row } from './harness.js';

const QUERIES = 500;

function served(input: NetworkInput): number[] {
  const used = servedStops(input);
  const out: number[] = [];
  used.forEach((u, i) => u && out.push(i));
  return out;
}

function queries(net: Network, day: string, seed: number, direction: 'depart' | 'arrive'): SearchRequest[] {
  const rnd = mulberry32(seed);
  const stops = served(net.input);
  const zone = net.input.feeds[0].timezone;
  const midnight = parseDateTime(`${day}T00:00`, zone)!;
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

/** Build (timed) and benchmark a network; `day` is the local date queried. */
export async function suite(name: string, build: () => Network, rows: Row[], day = '2026-11-24'): Promise<Network> {
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
  const dep = queries(net, day, 42, 'depart');
  rows.push(await measure(name, 'earliest arrival, Pareto over transfers (depart-at)', dep, (q) => router.search(q), answer));
  const arr = queries(net, day, 43, 'arrive');
  router.search(arr[0]); // build the reverse view outside the timing
  rows.push(await measure(name, 'latest departure, Pareto over transfers (arrive-by)', arr, (q) => router.search(q), answer));
  const rnd = mulberry32(44);
  const servedStops = served(net.input);
  const pts = Array.from({ length: 200 }, () => {
    const a = net.input.stops[servedStops[Math.floor(rnd() * servedStops.length)]];
    const b = net.input.stops[servedStops[Math.floor(rnd() * servedStops.length)]];
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
  return net;
}
