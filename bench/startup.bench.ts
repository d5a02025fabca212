/**
 * Start-up: wall time from spawning `node dist/src/cli/main.js plan …` to its first answer on
 * stdout, with a cold SQLite cache (a fresh --db file: GTFS import included) and a warm one (the
 * same file again), for the bundled region and a large synthetic network written as GTFS.
 * Needs `npm run build` first.
 *
 *   node dist/bench/startup.bench.js [--side 180]     # synthetic grid side (360 = 130k stops)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/app/load.js';
import { scalingCity, stopEvents, syntheticCity } from './synthetic.js';
import { writeSyntheticGtfs } from './synthetic-gtfs.js';

export interface StartupRow {
  network: string;
  cache: 'cold' | 'warm';
  seconds: number;
  answer: string;
}

const CLI = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

function timePlan(args: string[]): { seconds: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'plan', ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`jjj plan failed (${r.status}): ${r.stderr.slice(-1000)}`);
  return { seconds, out: r.stdout };
}

function pair(name: string, feedArgs: string[], planArgs: string[], log: (l: string) => void): StartupRow[] {
  const root = mkdtempSync(join(tmpdir(), 'jjj-startup-'));
  const db = join(root, 'cache.sqlite');
  const rows: StartupRow[] = [];
  for (const cache of ['cold', 'warm'] as const) {
    log(`start-up: ${name}, ${cache} cache…`);
    const r = timePlan([...feedArgs, '--db', db, ...planArgs]);
    const first = r.out.split('\n').find((l) => l.startsWith('Option 1')) ?? r.out.split('\n')[0];
    rows.push({ network: name, cache, seconds: r.seconds, answer: first.trim() });
  }
  rmSync(root, { recursive: true, force: true });
  return rows;
}

export function runStartup(side: number, log: (l: string) => void = console.log): { rows: StartupRow[]; nodeOnly: number; syntheticStopTimes: number } {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  const nodeOnly = (performance.now() - t) / 1000;
  const rows = pair('bundled region', [], ['--from', '燕郊', '--to', '国贸', '--depart', '2026-11-24T07:30'], log);
  const root = mkdtempSync(join(tmpdir(), 'jjj-startup-gtfs-'));
  const dir = join(root, `syn${side}`);
  const input = syntheticCity(scalingCity(side), 100 + side);
  writeSyntheticGtfs(input, dir);
  const mid = Math.floor(side / 2);
  rows.push(
    ...pair(
      `synthetic ${side}×${side} (${(side * side).toLocaleString('en')} stops, ${stopEvents(input).toLocaleString('en')} stop times)`,
      ['--feeds', dir],
      ['--from', `s0_0`, '--to', `s${mid}_${mid}`, '--depart', '2026-11-24T08:00'],
      log,
    ),
  );
  rmSync(root, { recursive: true, force: true });
  return { rows, nodeOnly, syntheticStopTimes: stopEvents(input) };
}

export function startupTable(r: ReturnType<typeof runStartup>): string {
  const lines = ['| network | SQLite cache | process start → first answer | first answer |', '|---|---|---:|---|'];
  for (const x of r.rows) lines.push(`| ${x.network} | ${x.cache} | ${x.seconds.toFixed(2)} s | ${x.answer} |`);
  lines.push(`| (node -e 0, for reference) | – | ${r.nodeOnly.toFixed(2)} s | |`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { side: { type: 'string' } } });
  console.log(startupTable(runStartup(Number(values.side ?? 180))));
}
