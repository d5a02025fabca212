/**
 * Parallelism: `jjj matrix` spreads origins over worker threads. A seeded 2,000 × 500 matrix of
 * points in the Beijing–Tianjin box on the bundled region with a 60-minute window (61 searches per
 * origin, percentile 50), run with 1 and with 2 threads (the main thread, plus a worker that loads
 * the network from the shared SQLite cache and joins when loaded); the compute time the command
 * prints (the main thread's load excluded, the worker's included) and the wall time.
 * `jjj plan --batch` on the same pool: bench/batch.bench.ts.
 *
 *   node dist/bench/matrix.bench.js [--origins 2000] [--destinations 500]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

function points(prefix: string, n: number, seed: number): string {
  const rnd = mulberry32(seed);
  const rows = ['id,lat,lon'];
  for (let i = 0; i < n; i++) rows.push(`${prefix}${i},${(39.0 + rnd() * 1.1).toFixed(5)},${(116.2 + rnd() * 1.5).toFixed(5)}`);
  return rows.join('\n') + '\n';
}

export function runMatrix(nOrigins = 2000, nDest = 500, log: (l: string) => void = console.log): MatrixRow[] {
  const root = mkdtempSync(join(tmpdir(), 'jjj-matrix-'));
  writeFileSync(join(root, 'o.csv'), points('o', nOrigins, 1));
  writeFileSync(join(root, 'd.csv'), points('d', nDest, 2));
  const cli = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
  const db = join(root, 'db.sqlite');
  const base = ['matrix', '--origins', join(root, 'o.csv'), '--destinations', join(root, 'd.csv'), '--depart', '2026-11-24T07:00', '--window', '07:00-08:00', '--percentile', '50', '--db', db];
  spawnSync(process.execPath, [cli, 'import', '--db', db], { encoding: 'utf8' }); // warm the cache first
  const rows: MatrixRow[] = [];
  for (const workers of [1, 2]) {
    log(`matrix ${nOrigins} × ${nDest}, window 60 min, ${workers} worker(s)…`);
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, ...base, '--workers', String(workers), '--out', join(root, `out${workers}.csv`)], { encoding: 'utf8' });
    const wall = (performance.now() - t) / 1000;
    const line = r.stderr.split('\n').find((l) => l.startsWith('matrix ')) ?? '';
    const m = / in ([\d.]+) s on/.exec(line);
    if (r.status !== 0 || m === null) throw new Error(`jjj matrix failed: ${r.stderr.slice(-1000)}`);
    rows.push({ workers, computeSeconds: Number(m[1]), wallSeconds: wall, line: line.trim() });
  }
  rmSync(root, { recursive: true, force: true });
  return rows;
}

export function matrixTable(rows: MatrixRow[], nOrigins = 2000, nDest = 500): string {
  const one = rows.find((r) => r.workers === 1)!;
  const lines = [
    '| matrix | workers | compute s | wall s (incl. start-up and load) | speed-up (compute) |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const r of rows)
    lines.push(
      `| ${nOrigins.toLocaleString('en')} × ${nDest} points, 07:00–08:00 every minute, p50 | ${r.workers} | ${r.computeSeconds.toFixed(2)} | ${r.wallSeconds.toFixed(2)} | ${(one.computeSeconds / r.computeSeconds).toFixed(2)}× |`,
    );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { origins: { type: 'string' }, destinations: { type: 'string' } } });
  const o = Number(values.origins ?? 2000);
  const d = Number(values.destinations ?? 500);
  console.log(matrixTable(runMatrix(o, d), o, d));
}
