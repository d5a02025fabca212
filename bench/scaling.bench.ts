/**
 * Scaling curve: seeded synthetic cities of growing size (bench/synthetic.ts `scalingCity`: grid
 * side 45, 90, 180, 360 → ≈2k, 8k, 32k, 130k stops; buses every 3rd row/column every 10–20 min,
 * metro every 15th, lines at most 60 stops long) — import, compile and query time and resident
 * memory for each size, each size in its own process. Prints a table and draws bench/scaling.svg.
 *
 * "Import" is the honest path: the network is written as a GTFS directory and loaded through
 * loadNetwork (node-gtfs → SQLite → NetworkInput) with a fresh SQLite file; sizes above
 * `--import-max` stops (default 40,000) are built in memory instead (their node-gtfs import
 * alone would take minutes; see the feed benchmark for a real 8.65M-stop-time import).
 *
 *   node --expose-gc dist/bench/scaling.bench.js [--sides 45,90,180,360] [--import-max 40000]
 */
import { spawnSync } from 'node:child_process';
import { servedStops } from '../src/core/stop-times.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Network } from '../src/core/network.js';
import { loadNetwork, PACKAGE_ROOT } from '../src/app/load.js';
import { ALL_MODES, type SearchRequest } from '../src/core/query.js';
import { serviceDayOrigin } from '../src/core/time.js';
import { measure, mulberry32 } from './harness.js';
import { scalingCity, stopEvents, syntheticCity } from './synthetic.js';
import { writeSyntheticGtfs } from './synthetic-gtfs.js';

export interface ScalePoint {
  side: number;
  stops: number;
  servedStops: number;
  stopTimes: number;
  imported: boolean;
  /** Generating the network (in memory), and for imported sizes writing its GTFS. */
  generateMs: number;
  writeMs: number;
  /** node-gtfs → SQLite → NetworkInput (imported sizes only). */
  importMs: number;
  /** Walking graph + timetable compile. */
  compileMs: number;
  queries: number;
  p50: number;
  p90: number;
  checksum: string;
  rssMiB: number;
  compiledMiB: number;
}

async function one(side: number, doImport: boolean): Promise<ScalePoint> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let t = performance.now();
  const input = syntheticCity(scalingCity(side), 100 + side);
  const generateMs = performance.now() - t;
  let net: Network;
  let writeMs = 0;
  let importMs = 0;
  let compileMs: number;
  if (doImport) {
    const root = mkdtempSync(join(tmpdir(), 'jjj-scale-'));
    const dir = join(root, `syn${side}`);
    t = performance.now();
    writeSyntheticGtfs(input, dir);
    writeMs = performance.now() - t;
    const loaded = await loadNetwork({ feeds: [dir], db: join(root, 'db.sqlite'), progress: false });
    importMs = loaded.timings.importMs;
    compileMs = loaded.timings.compileMs;
    net = loaded.network;
    rmSync(root, { recursive: true, force: true });
  } else {
    t = performance.now();
    net = new Network(input);
    compileMs = performance.now() - t;
  }
  gc?.();
  const rss = process.memoryUsage().rss;
  const s = net.stats();
  const used = servedStops(net.input);
  const served: number[] = [];
  used.forEach((u, i) => u && served.push(i));
  const rnd = mulberry32(42);
  const origin = serviceDayOrigin('2026-11-24', net.input.feeds[0].timezone);
  const qs: SearchRequest[] = Array.from({ length: 200 }, () => ({
    direction: 'depart' as const,
    time: origin + Math.floor((6 + rnd() * 14) * 3600),
    access: [{ stop: served[Math.floor(rnd() * served.length)], seconds: 0 }],
    egress: [{ stop: served[Math.floor(rnd() * served.length)], seconds: 0 }],
    maxTransfers: 8,
    modeMask: ALL_MODES,
    transferSlack: 60,
    maxDuration: 24 * 3600,
  }));
  const row = await measure(`side ${side}`, 'earliest arrival (depart-at)', qs, (q) => net.router.search(q), (q) =>
    net.router.search(q).pareto.flatMap((p) => [p.vehicles, p.time]),
  1000);
  return {
    side,
    stops: s.stops,
    servedStops: served.length,
    stopTimes: stopEvents(net.input),
    imported: doImport,
    generateMs,
    writeMs,
    importMs,
    compileMs,
    queries: qs.length,
    p50: row.p50,
    p90: row.p90,
    checksum: row.checksum,
    rssMiB: rss / 2 ** 20,
    compiledMiB: s.compiledBytes / 2 ** 20,
  };
}

export function scalingTable(points: ScalePoint[]): string {
  const f = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(1));
  const lines = [
    '| grid | stops (served) | stop times / day | import | write GTFS s | import s | compile s | query p50 ms | p90 ms | rss MiB | compiled MiB | checksum |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const p of points)
    lines.push(
      `| ${p.side}×${p.side} | ${p.stops.toLocaleString('en')} (${p.servedStops.toLocaleString('en')}) | ${p.stopTimes.toLocaleString('en')} | ` +
        `${p.imported ? 'GTFS → node-gtfs → SQLite' : 'in memory'} | ${p.imported ? (p.writeMs / 1000).toFixed(1) : '–'} | ` +
        `${p.imported ? (p.importMs / 1000).toFixed(1) : '–'} | ${(p.compileMs / 1000).toFixed(2)} | ${f(p.p50)} | ${f(p.p90)} | ` +
        `${p.rssMiB.toFixed(0)} | ${p.compiledMiB.toFixed(1)} | ${p.checksum} |`,
    );
  return lines.join('\n');
}

/** A hand-written log–log line chart: x = stops, y = median query ms, compile s, import s. */
export function scalingSvg(points: ScalePoint[]): string {
  const W = 640;
  const H = 400;
  const L = 70;
  const R = 20;
  const T = 40;
  const B = 60;
  const xs = points.map((p) => p.stops);
  const series = [
    { name: 'median earliest-arrival query (ms)', color: '#d62728', v: points.map((p) => p.p50) },
    { name: 'walk graph + compile (s)', color: '#1f77b4', v: points.map((p) => p.compileMs / 1000) },
    { name: 'GTFS import via node-gtfs (s)', color: '#2ca02c', v: points.map((p) => (p.imported ? p.importMs / 1000 : NaN)) },
  ];
  const all = series.flatMap((s) => s.v).filter((v) => Number.isFinite(v) && v > 0);
  const y0 = Math.floor(Math.log10(Math.min(...all)));
  const y1 = Math.ceil(Math.log10(Math.max(...all)));
  const x0 = Math.floor(Math.log10(Math.min(...xs)));
  const x1 = Math.ceil(Math.log10(Math.max(...xs)));
  const X = (v: number) => L + ((Math.log10(v) - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v: number) => H - B - ((Math.log10(v) - y0) / (y1 - y0)) * (H - T - B);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">jjj-router on synthetic cities of growing size (log–log)</text>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = X(10 ** e);
    out.push(`<line x1="${x}" y1="${T}" x2="${x}" y2="${H - B}" stroke="#ddd"/>`);
    out.push(`<text x="${x}" y="${H - B + 16}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`);
  }
  for (let e = y0; e <= y1; e++) {
    const y = Y(10 ** e);
    out.push(`<line x1="${L}" y1="${y}" x2="${W - R}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${L - 6}" y="${y + 4}" text-anchor="end">${10 ** e >= 1 ? (10 ** e).toString() : (10 ** e).toPrecision(1)}</text>`);
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - B + 36}" text-anchor="middle">stops in the network</text>`);
  out.push(`<text x="16" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(T + H - B) / 2})">ms (query) / s (compile, import)</text>`);
  series.forEach((s, i) => {
    const pts = points.map((p, k) => [X(p.stops), s.v[k]] as const).filter(([, v]) => Number.isFinite(v) && v > 0);
    if (pts.length === 0) return;
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map(([x, v]) => `${x.toFixed(1)},${Y(v).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const [x, v] of pts) out.push(`<circle cx="${x.toFixed(1)}" cy="${Y(v).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
    out.push(`<rect x="${L + 10}" y="${T + 6 + i * 18}" width="12" height="4" fill="${s.color}"/>`);
    out.push(`<text x="${L + 28}" y="${T + 12 + i * 18}">${s.name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function runScaling(sides: number[], importMax: number, log: (l: string) => void = console.log): ScalePoint[] {
  const self = fileURLToPath(import.meta.url);
  const points: ScalePoint[] = [];
  for (const side of sides) {
    const doImport = side * side <= importMax;
    log(`scaling: ${side}×${side} grid (${(side * side).toLocaleString('en')} stops), ${doImport ? 'GTFS import' : 'in memory'}…`);
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16000', self, '--one', String(side), ...(doImport ? ['--import'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 2 ** 20,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (line === undefined) throw new Error(`scaling side ${side} failed (status ${r.status})`);
    points.push(JSON.parse(line) as ScalePoint);
  }
  writeFileSync(join(PACKAGE_ROOT, 'bench', 'scaling.svg'), scalingSvg(points));
  return points;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { one: { type: 'string' }, import: { type: 'boolean' }, sides: { type: 'string' }, 'import-max': { type: 'string' } },
  });
  if (values.one !== undefined) {
    console.log(JSON.stringify(await one(Number(values.one), values.import === true)));
  } else {
    const sides = (values.sides ?? '45,90,180,360').split(',').map(Number);
    const points = runScaling(sides, Number(values['import-max'] ?? 40_000));
    console.log(scalingTable(points));
    console.log('chart: bench/scaling.svg');
  }
}
