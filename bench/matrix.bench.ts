/**
 * Parallelism: `jjj matrix` spreads origins over worker threads. A seeded 2,000 × 500 matrix of
 * points in the Beijing–Tianjin box on the bundled region with a 60-minute window (61 searches per
 * origin, percentile 50), run with 1 and with 2 threads (the main thread, plus a worker that loads
 * the network from the shared SQLite cache and joins when loaded); the compute time the command
 * prints (the main thread's load excluded; since the pool starts before it, the worker's load
 * mostly overlaps it; the CSV formatting, done per chunk in the thread that computed it, included)
 * and the wall time. Outputs must be byte-identical. `jjj plan --batch` on the same pool:
 * bench/batch.bench.ts; a compute-heavier network: bench/parallel-city.bench.ts.
 *
 *   node dist/bench/matrix.bench.js [--origins 2000] [--destinations 500] [--runs 1] [--window 07:00-08:00]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/app/load.js';
import { mulberry32 } from './harness.js';

export interface MatrixRow {
  workers: number;
  computeSeconds: number;
  wallSeconds: number;
  line: string;
}

export function points(prefix: string, n: number, seed: number, box: [lat: number, lon: number, dLat: number, dLon: number] = [39.0, 116.2, 1.1, 1.5]): string {
  const rnd = mulberry32(seed);
  const rows = ['id,lat,lon'];
  for (let i = 0; i < n; i++) rows.push(`${prefix}${i},${(box[0] + rnd() * box[2]).toFixed(5)},${(box[1] + rnd() * box[3]).toFixed(5)}`);
  return rows.join('\n') + '\n';
}

/** Runs of `jjj matrix` with 1 and with 2 threads, alternating; the outputs must be byte-identical. */
export function runMatrix(nOrigins = 2000, nDest = 500, log: (l: string) => void = console.log, runs = 1, window = '07:00-08:00'): MatrixRow[] {
  const root = mkdtempSync(join(tmpdir(), 'jjj-matrix-'));
  writeFileSync(join(root, 'o.csv'), points('o', nOrigins, 1));
  writeFileSync(join(root, 'd.csv'), points('d', nDest, 2));
  const cli = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
  const db = join(root, 'db.sqlite');
  const base = ['matrix', '--origins', join(root, 'o.csv'), '--destinations', join(root, 'd.csv'), '--depart', `2026-11-24T${window.slice(0, 5)}`, '--window', window, '--percentile', '50', '--db', db];
  spawnSync(process.execPath, [cli, 'import', '--db', db], { encoding: 'utf8' }); // warm the cache first
  const rows: MatrixRow[] = [];
  let first: Buffer | null = null;
  for (let run = 0; run < runs; run++)
    for (const workers of [1, 2]) {
      log(`matrix ${nOrigins} × ${nDest}, window ${window}, ${workers} thread(s), run ${run + 1}/${runs}, load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores…`);
      const out = join(root, `out${workers}.csv`);
      const t = performance.now();
      const r = spawnSync(process.execPath, [cli, ...base, '--workers', String(workers), '--out', out], { encoding: 'utf8' });
      const wall = (performance.now() - t) / 1000;
      const line = r.stderr.split('\n').find((l) => l.startsWith('matrix ')) ?? '';
      const m = / in ([\d.]+) s on/.exec(line);
      if (r.status !== 0 || m === null) throw new Error(`jjj matrix failed: ${r.stderr.slice(-1000)}`);
      const bytes = readFileSync(out);
      if (first === null) first = bytes;
      else if (!bytes.equals(first)) throw new Error(`the output with ${workers} thread(s) differs`);
      rows.push({ workers, computeSeconds: Number(m[1]), wallSeconds: wall, line: line.trim() });
      log(`  ${line.trim()}; wall ${wall.toFixed(2)} s`);
    }
  rmSync(root, { recursive: true, force: true });
  return rows;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export function matrixTable(rows: MatrixRow[], nOrigins = 2000, nDest = 500, window = '07:00-08:00'): string {
  const of = (workers: number) => rows.filter((r) => r.workers === workers);
  const one = median(of(1).map((r) => r.computeSeconds));
  const oneWall = median(of(1).map((r) => r.wallSeconds));
  const lines = [
    '| matrix | threads | runs | compute s (median) | wall s (incl. start-up and load) | speed-up (compute) | speed-up (wall) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const workers of [1, 2]) {
    const rs = of(workers);
    const [c, w] = [median(rs.map((r) => r.computeSeconds)), median(rs.map((r) => r.wallSeconds))];
    lines.push(
      `| ${nOrigins.toLocaleString('en')} × ${nDest} points, ${window.replace('-', '–')} every minute, p50 | ${workers} | ${rs.length} | ${c.toFixed(2)} | ${w.toFixed(2)} | ${(one / c).toFixed(2)}× | ${(oneWall / w).toFixed(2)}× |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { origins: { type: 'string' }, destinations: { type: 'string' }, runs: { type: 'string' }, window: { type: 'string' } } });
  const o = Number(values.origins ?? 2000);
  const d = Number(values.destinations ?? 500);
  const window = values.window ?? '07:00-08:00';
  console.log(matrixTable(runMatrix(o, d, console.log, Number(values.runs ?? 1), window), o, d, window));
}
