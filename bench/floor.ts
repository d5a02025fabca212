/**
 * The floor: a tight loop over the compiled stop-time arrays that touches every stop time of the
 * searched day once (arrival and departure of every trip running that day, summed into a
 * checksum), timed with the same harness as the queries; each query type's median is reported as a
 * multiple of the floor's median. Also memory against the compiled typed arrays, measured after
 * `global.gc()` as what loading added to the process: V8 heap used + array buffers (typed arrays
 * live outside the heap), and resident memory. Twice: right after load + compile, against the
 * forward view (the reverse, arrive-by view is not built yet), and again after the query suite,
 * which has built the reverse view, against forward + reverse.
 *
 *   node --expose-gc dist/bench/floor.js                       # metro, city, region (one process each)
 *   node --expose-gc dist/bench/floor.js --network city
 *   node --expose-gc dist/bench/floor.js --feeds bench/data/nyc-all --date 2026-09-23 --db /tmp/nyc-all.sqlite
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Network } from '../src/core/network.js';
import type { SearchView } from '../src/core/timetable.js';
import { daysBetween } from '../src/core/time.js';
import { bundledFeeds, loadNetwork } from '../src/app/load.js';
import { CITY_SIZED, METRO_SIZED, syntheticCity } from './synthetic.js';
import { checksum, measure, type Row } from './harness.js';
import { suite } from './suites.js';

export interface FloorResult {
  name: string;
  dayStopTimes: number;
  floorP50: number;
  rows: Row[];
  rssMiB: number;
  /** Resident memory added by loading and compiling (rss after − rss of the process before). */
  rssAddedMiB: number;
  heapMiB: number;
  arrayBuffersMiB: number;
  /** Heap used + array buffers added by loading and compiling (after − before, both after gc). */
  heapAddedMiB: number;
  arrayBuffersAddedMiB: number;
  /** Compiled typed arrays of the forward view. */
  compiledMiB: number;
  /** After the query suite (reverse view built): the same, and the reverse view's own arrays. */
  afterQueries: {
    heapAddedMiB: number;
    arrayBuffersAddedMiB: number;
    rssAddedMiB: number;
    /**
     * Then after 12 s without allocation: V8's memory reducer gives back the young generation the
     * load's allocation burst grew (a server idles between loads; gc() alone keeps it).
     */
    rssIdleAddedMiB: number;
    reverseMiB: number;
  };
  /** Feeds loaded from disk: import (or SQLite reuse) and walk graph + compile, ms. */
  importMs?: number;
  compileMs?: number;
  reused?: boolean;
}

/** [start, length] ranges of arr/dep for every trip that runs on service day `d`. */
function dayRanges(v: SearchView, d: number): Int32Array {
  const out: number[] = [];
  const word = d >>> 5;
  const bit = 1 << (d & 31);
  for (let r = 0; r < v.routeCount; r++) {
    if ((v.routeDays[r * v.dayWords + word] & bit) === 0) continue;
    const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
    const t0 = v.routeTripsOffset[r];
    for (let j = 0; j < v.routeTripsOffset[r + 1] - t0; j++)
      if ((v.serviceDays[v.tripService[t0 + j] * v.dayWords + word] & bit) !== 0) out.push(v.routeTimesOffset[r] + j * n, n);
  }
  return Int32Array.from(out);
}

/** Touch every stop time of the day once: the least any search over that day could read. */
export function floorLoop(v: SearchView, ranges: Int32Array): number {
  const arr = v.arr;
  const dep = v.dep;
  let sum = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const end = ranges[i] + ranges[i + 1];
    for (let k = ranges[i]; k < end; k++) sum = (sum + arr[k] + dep[k]) | 0;
  }
  return sum;
}

export async function floorFor(name: string, net: Network, day: string, rows: Row[]): Promise<{ dayStopTimes: number; floorP50: number }> {
  const v = net.timetable.forward;
  const d = daysBetween(net.timetable.firstDate, day);
  const ranges = dayRanges(v, d);
  let dayStopTimes = 0;
  for (let i = 1; i < ranges.length; i += 2) dayStopTimes += ranges[i];
  const row = await measure(name, `floor: touch each of the day's ${dayStopTimes.toLocaleString('en')} stop times once`, [0], () => floorLoop(v, ranges), () => [floorLoop(v, ranges)]);
  row.checksum = checksum([floorLoop(v, ranges)]);
  rows.push(row);
  return { dayStopTimes, floorP50: row.p50 };
}

/**
 * Full gc, then time for V8's concurrent array-buffer sweeper to free the backing stores gc
 * found dead (`memoryUsage().arrayBuffers` counts them until then), then gc again.
 */
async function settle(gc: (() => void) | undefined): Promise<NodeJS.MemoryUsage> {
  gc?.();
  await new Promise((r) => setTimeout(r, 300));
  gc?.();
  await new Promise((r) => setTimeout(r, 50));
  return process.memoryUsage();
}

/** One network in this process: the query suite, the floor, memory. */
export async function floorNetwork(
  name: string,
  build: () => Promise<Network> | Network,
  day: string,
  timings?: { importMs: number; compileMs: number; reused: boolean },
): Promise<FloorResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const m0 = await settle(gc);
  const net = await build();
  const mem = await settle(gc);
  const compiled = net.stats().compiledBytes;
  const rows: Row[] = [];
  await suite(name, () => net, rows, day);
  const f = await floorFor(name, net, day, rows);
  const reverse = net.timetable.reverseView(); // built by the arrive-by queries already; make sure
  const m2 = await settle(gc);
  // last, as the memory reducer's gcs would fall into the timed queries otherwise
  await new Promise((r) => setTimeout(r, 12_000));
  const memIdle = await settle(gc);
  // the reverse view's own arrays (it shares some, e.g. the day bitsets, with the forward view)
  const shared = new Set(Object.values(net.timetable.forward).filter((x) => ArrayBuffer.isView(x)));
  let reverseBytes = 0;
  for (const x of Object.values(reverse)) if (ArrayBuffer.isView(x) && !shared.has(x)) reverseBytes += x.byteLength;
  const MiB = 2 ** 20;
  return {
    name,
    dayStopTimes: f.dayStopTimes,
    floorP50: f.floorP50,
    rows,
    rssMiB: mem.rss / MiB,
    rssAddedMiB: (mem.rss - m0.rss) / MiB,
    heapMiB: mem.heapUsed / MiB,
    arrayBuffersMiB: mem.arrayBuffers / MiB,
    heapAddedMiB: (mem.heapUsed - m0.heapUsed) / MiB,
    arrayBuffersAddedMiB: (mem.arrayBuffers - m0.arrayBuffers) / MiB,
    compiledMiB: compiled / MiB,
    afterQueries: {
      heapAddedMiB: (m2.heapUsed - m0.heapUsed) / MiB,
      arrayBuffersAddedMiB: (m2.arrayBuffers - m0.arrayBuffers) / MiB,
      rssAddedMiB: (m2.rss - m0.rss) / MiB,
      rssIdleAddedMiB: (memIdle.rss - m0.rss) / MiB,
      reverseMiB: reverseBytes / MiB,
    },
    ...(timings ?? {}),
  };
}

export function floorTable(results: FloorResult[]): string {
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  const lines = [
    '| network | stop times on the day | floor p50 ms | depart-at p50 ms (× floor) | arrive-by p50 ms (× floor) | door-to-door p50 ms (× floor) | rss MiB | compiled MiB (forward) | ' +
      'added by load: heap + typed arrays MiB (÷ compiled) | added rss MiB (÷ compiled) | after queries, + reverse view MiB: heap + typed arrays (÷ forward + reverse) | rss (÷ forward + reverse) | rss after 12 s idle (÷ forward + reverse) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const q = (i: number) => `${f(r.rows[i].p50)} (${(r.rows[i].p50 / r.floorP50).toFixed(1)}×)`;
    const held = r.heapAddedMiB + r.arrayBuffersAddedMiB;
    const a = r.afterQueries;
    const both = r.compiledMiB + a.reverseMiB;
    const heldAfter = a.heapAddedMiB + a.arrayBuffersAddedMiB;
    lines.push(
      `| ${r.name} | ${r.dayStopTimes.toLocaleString('en')} | ${f(r.floorP50)} | ${q(0)} | ${q(1)} | ${q(2)} | ${r.rssMiB.toFixed(0)} | ${r.compiledMiB.toFixed(1)} | ` +
        `${r.heapAddedMiB.toFixed(0)} + ${r.arrayBuffersAddedMiB.toFixed(0)} (${(held / r.compiledMiB).toFixed(1)}×) | ${r.rssAddedMiB.toFixed(0)} (${(r.rssAddedMiB / r.compiledMiB).toFixed(1)}×) | ` +
        `+${a.reverseMiB.toFixed(1)}: ${a.heapAddedMiB.toFixed(0)} + ${a.arrayBuffersAddedMiB.toFixed(0)} (${(heldAfter / both).toFixed(1)}×) | ${a.rssAddedMiB.toFixed(0)} (${(a.rssAddedMiB / both).toFixed(1)}×) | ${a.rssIdleAddedMiB.toFixed(0)} (${(a.rssIdleAddedMiB / both).toFixed(1)}×) |`,
    );
  }
  return lines.join('\n');
}

/** Runs each network in its own process (clean resident memory) and returns the results. */
export function runFloors(networks: string[], extra: string[] = []): FloorResult[] {
  const self = fileURLToPath(import.meta.url);
  const out: FloorResult[] = [];
  for (const n of networks) {
    const args = n === 'feed' ? extra : ['--network', n];
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16000', self, ...args, '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{"name"'));
    if (line === undefined) throw new Error(`floor ${n} failed: ${r.stdout.slice(-2000)}`);
    out.push(JSON.parse(line) as FloorResult);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      network: { type: 'string' },
      feeds: { type: 'string', multiple: true },
      date: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.network === undefined && values.feeds === undefined) {
    const nets = ['metro', 'city', ...(bundledFeeds().length > 0 ? ['region'] : [])];
    console.log(floorTable(runFloors(nets)));
  } else {
    let res: FloorResult;
    const day = values.date ?? '2026-11-24';
    if (values.feeds !== undefined) {
      const name = values.feeds.map((f) => f.replace(/\/$/, '').split('/').pop()).join('+');
      const timings = { importMs: 0, compileMs: 0, reused: false };
      res = await floorNetwork(
        name,
        async () => {
          const l = await loadNetwork({ feeds: values.feeds, ...(values.db ? { db: values.db } : {}), progress: false });
          Object.assign(timings, l.timings, { reused: l.reused });
          return l.network;
        },
        day,
        timings,
      );
    } else if (values.network === 'metro') res = await floorNetwork('synthetic-metro', () => new Network(syntheticCity(METRO_SIZED, 7)), day);
    else if (values.network === 'city') res = await floorNetwork('synthetic-city', () => new Network(syntheticCity(CITY_SIZED, 11)), day);
    else res = await floorNetwork('bundled-region', async () => (await loadNetwork({ progress: false })).network, day);
    if (values.json) console.log(JSON.stringify(res));
    else console.log(floorTable([res]));
  }
}
