/**
 * Parallelism: `jjj plan --batch` spreads rows over threads (the main thread plus worker threads,
 * each worker loading the network from the shared SQLite cache). A seeded batch on the bundled
 * region — stop ids with and without their feed, stop names, `lat,lon` near stops, depart-at and
 * arrive-by through the day, and a few bad rows — run with 1 and with 2 threads; the compute time
 * and CPU time the command prints (the main thread's network load excluded; the pool starts before
 * it, so a worker's load mostly overlaps it and is only partly included) and the wall time of the
 * whole command. Outputs must be byte-identical.
 *
 *   node dist/bench/batch.bench.js [--rows 5000] [--runs 1]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { PACKAGE_ROOT, bundledFeeds } from '../src/app/load.js';
import { mulberry32 } from './harness.js';

export interface BatchRow {
  from: string;
  to: string;
  depart: string;
  arrive: string;
  /** Made bad on purpose (unknown place, bad or missing time, both times, empty place). */
  bad: boolean;
}

/** Seeded rows over the bundled region's stops. */
export function batchRows(n: number, seed: number): BatchRow[] {
  const places: string[] = [];
  const coords: [number, number][] = [];
  const bare = new Map<string, number>();
  const stops = bundledFeeds().flatMap((dir) =>
    (parseCsv(readFileSync(join(dir, 'stops.txt')), { columns: true, bom: true, trim: true }) as Record<string, string>[]).map(
      (s): Record<string, string> => ({ ...s, feed: basename(dir) }),
    ),
  );
  for (const s of stops) bare.set(s.stop_id, (bare.get(s.stop_id) ?? 0) + 1);
  for (const s of stops) {
    places.push(`${s.feed}:${s.stop_id}`, s.stop_name);
    if (bare.get(s.stop_id) === 1) places.push(s.stop_id); // a bare id only where one feed has it
    coords.push([Number(s.stop_lat), Number(s.stop_lon)]);
  }
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const place = (): string => {
    if (rnd() < 0.2) {
      const [lat, lon] = pick(coords); // within ~400 m of a stop
      return `${(lat + (rnd() - 0.5) * 0.007).toFixed(5)},${(lon + (rnd() - 0.5) * 0.009).toFixed(5)}`;
    }
    return pick(places);
  };
  const time = (): string => {
    const m = 5 * 60 + Math.floor(rnd() * 18 * 60);
    return `2026-11-24T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  };
  const rows: BatchRow[] = [];
  for (let i = 0; i < n; i++) {
    const r: BatchRow = { from: place(), to: place(), depart: '', arrive: '', bad: false };
    if (rnd() < 0.6) r.depart = time();
    else r.arrive = time();
    if (rnd() < 0.06) {
      r.bad = true;
      const kind = Math.floor(rnd() * 5);
      if (kind === 0) r.from = `Nowhere ${i}`;
      else if (kind === 1) r.to = '';
      else if (kind === 2) r[r.depart ? 'depart' : 'arrive'] = 'tomorrow';
      else if (kind === 3) [r.depart, r.arrive] = ['', ''];
      else [r.depart, r.arrive] = [time(), time()];
    }
    rows.push(r);
  }
  return rows;
}

export function batchCsv(rows: BatchRow[]): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return ['from,to,depart,arrive', ...rows.map((r) => [r.from, r.to, r.depart, r.arrive].map(q).join(','))].join('\n') + '\n';
}

export interface BatchBenchRow {
  threads: number;
  computeSeconds: number;
  cpuSeconds: number;
  wallSeconds: number;
  line: string;
}

export function runBatch(nRows = 5000, runs = 1, log: (l: string) => void = console.log): BatchBenchRow[] {
  const root = mkdtempSync(join(tmpdir(), 'jjj-batch-'));
  const csv = join(root, 'batch.csv');
  writeFileSync(csv, batchCsv(batchRows(nRows, 1)));
  const cli = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
  const db = join(root, 'db.sqlite');
  spawnSync(process.execPath, [cli, 'import', '--db', db], { encoding: 'utf8' }); // warm the cache first
  const rows: BatchBenchRow[] = [];
  const outputs = new Map<number, string>();
  for (let run = 0; run < runs; run++)
    for (const threads of [1, 2]) {
      log(`plan --batch ${nRows} rows, ${threads} thread(s), run ${run + 1}/${runs}, load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores…`);
      const t = performance.now();
      const r = spawnSync(process.execPath, [cli, 'plan', '--batch', csv, '--db', db, '--workers', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const wall = (performance.now() - t) / 1000;
      const line = r.stderr.split('\n').find((l) => l.startsWith('plan --batch ')) ?? '';
      const m = / in ([\d.]+) s on .*, ([\d.]+) s CPU/.exec(line);
      if (r.status !== 0 || m === null) throw new Error(`jjj plan --batch failed: ${r.stderr.slice(-1000)}`);
      if (outputs.has(threads) ? outputs.get(threads) !== r.stdout : [...outputs.values()].some((o) => o !== r.stdout))
        throw new Error(`the output with ${threads} thread(s) differs`);
      outputs.set(threads, r.stdout);
      rows.push({ threads, computeSeconds: Number(m[1]), cpuSeconds: Number(m[2]), wallSeconds: wall, line: line.trim() });
      log(`  ${line.trim()}; wall ${wall.toFixed(2)} s`);
    }
  rmSync(root, { recursive: true, force: true });
  return rows;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export function batchTable(rows: BatchBenchRow[], nRows = 5000): string {
  const lines = [
    '| batch | threads | runs | compute s (median) | CPU s | wall s (incl. start-up and load) | speed-up (compute) | speed-up (wall) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const of = (threads: number) => rows.filter((r) => r.threads === threads);
  const one = of(1);
  for (const threads of [1, 2]) {
    const rs = of(threads);
    const [c, cpu, w] = [median(rs.map((r) => r.computeSeconds)), median(rs.map((r) => r.cpuSeconds)), median(rs.map((r) => r.wallSeconds))];
    lines.push(
      `| ${nRows.toLocaleString('en')} seeded trips, bundled region | ${threads} | ${rs.length} | ${c.toFixed(2)} | ${cpu.toFixed(2)} | ${w.toFixed(2)} | ${(median(one.map((r) => r.computeSeconds)) / c).toFixed(2)}× | ${(median(one.map((r) => r.wallSeconds)) / w).toFixed(2)}× |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } });
  const n = Number(values.rows ?? 5000);
  const runs = Number(values.runs ?? 1);
  console.log(batchTable(runBatch(n, runs), n));
}
