/** `jjj plan`: one trip, or a CSV batch, on a network loaded once. */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { plan, type PlanResult } from '../core/plan.js';
import { UnknownPlaceError } from '../core/places.js';
import { ParamError, planOptions, type RawPlanParams } from '../app/params.js';
import { FEED_OPTIONS, UsageError, langFlag, load, parse, splitFeeds } from './common.js';
import { offlineLive, offlineOverlay, readRealtimeFiles, ttyReport } from './realtime-files.js';
import { formatPlan } from './table.js';
import type { BatchJob } from './plan-job.js';
import { startPool, workerCount, workerText } from './pool.js';

/**
 * Rows from which `--batch` uses every core by default. A worker's network load mostly overlaps
 * this thread's (from an up-to-date cache), but it costs a core meanwhile, and the worker then
 * plans its first rows slowly while its code warms up (≈ 1 s of CPU in all for the bundled region,
 * the time of ≈ 2,000 rows planned here): below twice that a second thread gains little or nothing.
 * The main thread plans rows from the start either way.
 */
const BATCH_WORKERS_FROM = 4000;

const OPTIONS = {
  ...FEED_OPTIONS,
  from: { type: 'string' },
  to: { type: 'string' },
  depart: { type: 'string' },
  arrive: { type: 'string' },
  'max-transfers': { type: 'string' },
  modes: { type: 'string' },
  'max-walk': { type: 'string' },
  'transfer-slack': { type: 'string' },
  'max-hours': { type: 'string' },
  batch: { type: 'string' },
  workers: { type: 'string' },
  realtime: { type: 'string', multiple: true },
  lang: { type: 'string' },
} as const;

export async function runPlan(args: string[]): Promise<number> {
  const { values } = parse(splitFeeds(args), OPTIONS);
  const raw: RawPlanParams = {
    from: values.from,
    to: values.to,
    depart: values.depart,
    arrive: values.arrive,
    maxTransfers: values['max-transfers'],
    modes: values.modes,
    maxWalk: values['max-walk'],
    transferSlack: values['transfer-slack'],
    maxHours: values['max-hours'],
  };
  if (values.batch !== undefined) return runBatch(values, values.batch, raw);
  if (values.workers !== undefined) throw new UsageError('--workers goes with --batch FILE.csv');
  const loaded = await load(values);
  const zone = loaded.network.input.feeds[0].timezone;
  let result: PlanResult;
  try {
    const o = planOptions(raw, zone);
    const lang = langFlag(values.lang);
    // the message's header timestamp is "now" for matching and expiry, else the query time
    const live = offlineLive(loaded.network, readRealtimeFiles(values.realtime ?? []), o.time, ttyReport);
    result = plan(loaded.network, live === null ? o : { ...o, realtime: live.overlay });
    live?.alerts.attach(result.itineraries, lang);
  } catch (err) {
    if (err instanceof ParamError) throw new UsageError(`--${kebab(err.field)}: ${err.message}`);
    if (err instanceof UnknownPlaceError) throw new UsageError(`--${err.field}: ${err.message}`);
    throw err;
  }
  process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatPlan(loaded.network, result, raw) + '\n');
  return 0;
}

/** The time of the first row that has a valid one (epoch seconds), else now. */
function firstRowTime(rows: Record<string, string>[], defaults: RawPlanParams, zone: string): number {
  for (const row of rows) {
    try {
      return planOptions({ ...defaults, from: row.from, to: row.to, depart: row.depart, arrive: row.arrive }, zone).time;
    } catch {
      // a bad row is reported with the others
    }
  }
  return Math.floor(Date.now() / 1000);
}

function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/**
 * One JSON line per CSV row, in row order: the row's fields plus `itineraries`, or `error`. Rows are
 * spread over this thread and worker threads (pool.ts; `--workers`, by default from
 * BATCH_WORKERS_FROM rows).
 */
async function runBatch(
  values: { feeds?: string[] | undefined; db?: string | undefined; workers?: string | undefined; realtime?: string[] | undefined; lang?: string | undefined },
  file: string,
  defaults: RawPlanParams,
): Promise<number> {
  const realtime = readRealtimeFiles(values.realtime ?? []);
  const lang = langFlag(values.lang);
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new UsageError(`--batch ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]) : [];
  if (rows.length > 0 && (!header.includes('from') || !header.includes('to') || !(header.includes('depart') || header.includes('arrive'))))
    throw new UsageError(`--batch ${file}: header must be from,to,depart or from,to,arrive (got ${header.join(',')})`);
  const workers = workerCount(values.workers, rows.length, BATCH_WORKERS_FROM);
  const module = new URL('./plan-job.js', import.meta.url);
  // workers start now, loading from the cache alongside this thread when it is up to date
  const pool = startPool<BatchJob, Uint8Array>({ module, feeds: values.feeds ?? null, db: values.db ?? null, count: rows.length, workers });
  try {
    const loaded = await load(values); // imports into the cache (once) if it was stale; workers then read it
    // live times: each thread builds the overlay from the same bytes, as of each message's header
    // timestamp, else of the first row's time (checked here first, so a bad message fails the command)
    const realtimeNow = firstRowTime(rows, defaults, loaded.network.input.feeds[0].timezone);
    offlineOverlay(loaded.network, realtime, realtimeNow, ttyReport);
    const job: BatchJob = { feeds: values.feeds ?? null, db: loaded.dbPath, rows, defaults, realtime, realtimeNow, lang };
    const t0 = performance.now();
    const run = await pool.run(job, loaded.network, (bytes) => {
      process.stdout.write(bytes);
    });
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write(`plan --batch ${rows.length} rows in ${seconds.toFixed(2)} s on ${workerText(run)}\n`);
  } finally {
    await pool.close();
  }
  return 0;
}
