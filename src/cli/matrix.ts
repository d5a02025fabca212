/**
 * `jjj matrix`: travel times from many origins to many destinations, CSV in and out, origins spread
 * over this thread and worker threads (pool.ts; each loads the network from the same SQLite cache).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { ParamError, parseModes } from '../app/params.js';
import { PLAN_DEFAULTS } from '../core/plan.js';
import { localDate, parseDateTime } from '../core/time.js';
import type { MatrixOptions } from '../core/matrix.js';
import { FEED_OPTIONS, UsageError, load, parse, splitFeeds } from './common.js';
import type { MatrixChunk, MatrixJob, PlaceRow } from './matrix-job.js';
import { startPool, workerCount, workerText, type Pool } from './pool.js';
import { offlineOverlay, readRealtimeFiles, ttyReport } from './realtime-files.js';

const OPTIONS = {
  ...FEED_OPTIONS,
  origins: { type: 'string' },
  destinations: { type: 'string' },
  depart: { type: 'string' },
  arrive: { type: 'string' },
  window: { type: 'string' },
  percentile: { type: 'string' },
  'max-minutes': { type: 'string' },
  'max-walk': { type: 'string' },
  'max-transfers': { type: 'string' },
  modes: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  realtime: { type: 'string', multiple: true },
} as const;

type Values = ReturnType<typeof parse<typeof OPTIONS>>['values'];

function readPlaces(file: string | undefined, flag: string): PlaceRow[] {
  if (file === undefined) throw new UsageError(`--${flag} FILE.csv is required (columns id,lat,lon or id,place)`);
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new UsageError(`--${flag} ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return rows.map((r, i) => {
    const id = r.id ?? String(i + 1);
    if (r.place !== undefined && r.place !== '') return { id, place: r.place };
    if (r.lat !== undefined && r.lon !== undefined) return { id, place: `${r.lat},${r.lon}` };
    throw new UsageError(`--${flag} ${file}: row ${i + 2} needs place, or lat and lon`);
  });
}

function num(flag: string, text: string | undefined, def: number, min: number, max: number): number {
  if (text === undefined) return def;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Minutes in `--window 07:00-09:00` (0 when there is none or it does not parse: it is checked later). */
function windowMinutes(window: string | undefined): number {
  const m = window === undefined ? null : /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(window.trim());
  return m === null ? 0 : Math.max(0, Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2])));
}

export async function runMatrix(args: string[]): Promise<number> {
  const { values } = parse(splitFeeds(args), OPTIONS);
  const origins = readPlaces(values.origins, 'origins');
  const destinations = readPlaces(values.destinations, 'destinations');
  if ((values.depart === undefined) === (values.arrive === undefined)) throw new UsageError('give exactly one of --depart or --arrive');
  // Workers pay a network load each: worth it only for enough searches (origins × window samples);
  // an origin is one search per minute of the window, so a few make a chunk. They start now,
  // loading from the cache alongside this thread when it is up to date.
  const searches = origins.length * (windowMinutes(values.window) + 1);
  const workers = workerCount(values.workers, searches, 20_000);
  const module = new URL('./matrix-job.js', import.meta.url);
  const pool = startPool<MatrixJob, MatrixChunk>({ module, feeds: values.feeds ?? null, db: values.db ?? null, count: origins.length, workers, maxChunk: 4 });
  try {
    return await matrix(values, origins, destinations, pool);
  } finally {
    await pool.close();
  }
}

async function matrix(values: Values, origins: PlaceRow[], destinations: PlaceRow[], pool: Pool<MatrixJob, MatrixChunk>): Promise<number> {
  const loaded = await load(values);
  const zone = loaded.network.input.feeds[0].timezone;
  const text = (values.depart ?? values.arrive)!;
  const time = parseDateTime(text, zone);
  if (time === null) throw new UsageError(`--${values.depart ? 'depart' : 'arrive'}: not a date-time: "${text}"`);
  let [start, end] = [time, time];
  if (values.window !== undefined) {
    const m = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(values.window.trim());
    const day = localDate(time, zone);
    const a = m && parseDateTime(`${day}T${m[1].padStart(5, '0')}`, zone);
    const b = m && parseDateTime(`${day}T${m[2].padStart(5, '0')}`, zone);
    if (!a || !b || b < a || b - a > 4 * 3600) throw new UsageError('--window must look like 07:00-09:00 (at most 4 h)');
    [start, end] = [a, b];
  }
  let modes;
  try {
    modes = parseModes(values.modes);
  } catch (err) {
    throw new UsageError(`--modes: ${(err as ParamError).message}`);
  }
  const options: MatrixOptions = {
    direction: values.depart !== undefined ? 'depart' : 'arrive',
    windowStart: start,
    windowEnd: end,
    stepSeconds: 60,
    percentile: num('percentile', values.percentile, 50, 1, 100),
    maxSeconds: num('max-minutes', values['max-minutes'], 120, 1, 1440) * 60,
    maxWalkMetres: num('max-walk', values['max-walk'], PLAN_DEFAULTS.maxWalkMetres, 0, 5000),
    maxTransfers: num('max-transfers', values['max-transfers'], PLAN_DEFAULTS.maxTransfers, 0, 10),
    modes,
    transferSlack: PLAN_DEFAULTS.transferSlack,
  };
  // live times: each thread builds the overlay from the same bytes (checked here first, so a bad
  // message fails the command), as of each message's header timestamp, else of the window's start
  const realtime = readRealtimeFiles(values.realtime ?? []);
  offlineOverlay(loaded.network, realtime, start, ttyReport);
  const job: MatrixJob = { feeds: values.feeds ?? null, db: loaded.dbPath, origins, destinations, options, realtime, realtimeNow: start };
  const t0 = performance.now();
  // each chunk arrives as its CSV lines, formatted where it was computed
  const chunks: Uint8Array[] = [Buffer.from('origin,destination,minutes\n')];
  const errors: string[] = [];
  const run = await pool.run(job, loaded.network, (c) => {
    chunks.push(c.bytes);
    for (const e of c.errors) errors.push(`${origins[e.origin].id}: ${e.message}`);
  });
  const seconds = (performance.now() - t0) / 1000;
  if (values.out !== undefined) {
    const fd = openSync(values.out, 'w');
    try {
      for (const c of chunks) writeSync(fd, c);
    } finally {
      closeSync(fd);
    }
  } else for (const c of chunks) process.stdout.write(c);
  process.stderr.write(`matrix ${origins.length} × ${destinations.length} in ${seconds.toFixed(2)} s on ${workerText(run)}${errors.length ? `; ${errors.length} origins failed: ${errors.slice(0, 3).join('; ')}` : ''}\n`);
  return errors.length > 0 ? 2 : 0;
}
