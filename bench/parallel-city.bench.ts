/**
 * Parallelism on a compute-heavier network: `jjj matrix` and `jjj plan --batch` on the synthetic
 * city (bench/synthetic.ts CITY_SIZED: 22,500 stops, ≈ 2.5M stop times a day, written as GTFS and
 * imported the honest way), where each row costs 30–100× a row on the bundled region, and so does
 * each thread's network load. Seeded points and trips inside the city, run with 1 and with 2
 * threads, alternating; outputs must be byte-identical. Same figures as bench/matrix.bench.ts and
 * bench/batch.bench.ts: compute time as the command prints it (the main thread's load excluded;
 * the workers load alongside it), and the wall time of the whole command.
 *
 *   node dist/bench/parallel-city.bench.js [--runs 1] [--origins 200] [--destinations 300] [--rows 1000] [--dir DIR]
 *
 * `--dir DIR` keeps the GTFS and its SQLite cache there for the next time (the import takes ≈ 1 min).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/app/load.js';
import { mulberry32 } from './harness.js';
import { points } from './matrix.bench.js';
import { CITY_SIZED, syntheticCity } from './synthetic.js';
import { writeSyntheticGtfs } from './synthetic-gtfs.js';

export interface CityRow {
  what: 'matrix' | 'batch';
  threads: number;
  computeSeconds: number;
  wallSeconds: number;
}

export interface CityOptions {
  runs: number;
  origins: number;
  destinations: number;
  rows: number;
  /** Where to keep the GTFS and the cache (default: a temporary directory, removed after). */
  dir?: string;
}

export function runCity(o: CityOptions, log: (l: string) => void = console.log): CityRow[] {
  const root = o.dir ?? mkdtempSync(join(tmpdir(), 'jjj-city-'));
  mkdirSync(root, { recursive: true });
  const gtfs = join(root, 'synthetic-city');
  const input = syntheticCity(CITY_SIZED, 1);
  if (!existsSync(join(gtfs, 'stop_times.txt'))) writeSyntheticGtfs(input, gtfs);
  const lats = input.stops.map((s) => s.lat);
  const lons = input.stops.map((s) => s.lon);
  const box: [number, number, number, number] = [Math.min(...lats), Math.min(...lons), Math.max(...lats) - Math.min(...lats), Math.max(...lons) - Math.min(...lons)];
  writeFileSync(join(root, 'o.csv'), points('o', o.origins, 1, box));
  writeFileSync(join(root, 'd.csv'), points('d', o.destinations, 2, box));
  const rnd = mulberry32(3);
  const place = () => `"${(box[0] + rnd() * box[2]).toFixed(5)},${(box[1] + rnd() * box[3]).toFixed(5)}"`;
  const trips = ['from,to,depart'];
  for (let i = 0; i < o.rows; i++) {
    const m = 6 * 60 + Math.floor(rnd() * 180);
    trips.push(`${place()},${place()},2026-11-24T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  }
  writeFileSync(join(root, 'batch.csv'), trips.join('\n') + '\n');
  const cli = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
  const feed = ['--feeds', gtfs, '--db', join(root, 'city.sqlite')];
  log('synthetic city: importing into the SQLite cache (once)…');
  spawnSync(process.execPath, [cli, 'import', ...feed], { encoding: 'utf8' });
  const cases = {
    matrix: ['matrix', '--origins', join(root, 'o.csv'), '--destinations', join(root, 'd.csv'), '--depart', '2026-11-24T07:00', '--window', '07:00-07:10', '--out', join(root, 'out.csv')],
    batch: ['plan', '--batch', join(root, 'batch.csv')],
  };
  const rows: CityRow[] = [];
  const outputs = new Map<string, Buffer>();
  for (let run = 0; run < o.runs; run++)
    for (const what of ['matrix', 'batch'] as const)
      for (const threads of [1, 2]) {
        log(`synthetic city ${what}, ${threads} thread(s), run ${run + 1}/${o.runs}, load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores…`);
        const t = performance.now();
        const r = spawnSync(process.execPath, [cli, ...cases[what], ...feed, '--workers', String(threads)], { maxBuffer: 1 << 30 });
        const wall = (performance.now() - t) / 1000;
        const stderr = r.stderr.toString();
        const line = stderr.split('\n').find((l) => / in [\d.]+ s on /.test(l)) ?? '';
        const m = / in ([\d.]+) s on /.exec(line);
        if (r.status !== 0 || m === null) throw new Error(`jjj ${what} failed: ${stderr.slice(-1000)}`);
        const bytes = what === 'matrix' ? readFileSync(join(root, 'out.csv')) : r.stdout;
        const before = outputs.get(what);
        if (before === undefined) outputs.set(what, bytes);
        else if (!bytes.equals(before)) throw new Error(`the ${what} output with ${threads} thread(s) differs`);
        rows.push({ what, threads, computeSeconds: Number(m[1]), wallSeconds: wall });
        log(`  ${line.trim()}; wall ${wall.toFixed(2)} s`);
      }
  if (o.dir === undefined) rmSync(root, { recursive: true, force: true });
  return rows;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export function cityTable(rows: CityRow[], o: CityOptions): string {
  const lines = [
    '| synthetic city (22,500 stops) | threads | runs | compute s (median) | wall s (incl. start-up and load) | speed-up (compute) | speed-up (wall) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const label = { matrix: `matrix ${o.origins} × ${o.destinations} points, 07:00–07:10 every minute`, batch: `plan --batch ${o.rows.toLocaleString('en')} seeded lat,lon trips` };
  for (const what of ['matrix', 'batch'] as const) {
    const of = (threads: number) => rows.filter((r) => r.what === what && r.threads === threads);
    const [c1, w1] = [median(of(1).map((r) => r.computeSeconds)), median(of(1).map((r) => r.wallSeconds))];
    for (const threads of [1, 2]) {
      const rs = of(threads);
      const [c, w] = [median(rs.map((r) => r.computeSeconds)), median(rs.map((r) => r.wallSeconds))];
      lines.push(`| ${label[what]} | ${threads} | ${rs.length} | ${c.toFixed(2)} | ${w.toFixed(2)} | ${(c1 / c).toFixed(2)}× | ${(w1 / w).toFixed(2)}× |`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, origins: { type: 'string' }, destinations: { type: 'string' }, rows: { type: 'string' }, dir: { type: 'string' } },
  });
  const o: CityOptions = {
    runs: Number(values.runs ?? 1),
    origins: Number(values.origins ?? 200),
    destinations: Number(values.destinations ?? 300),
    rows: Number(values.rows ?? 1000),
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
  };
  console.log(cityTable(runCity(o), o));
}
