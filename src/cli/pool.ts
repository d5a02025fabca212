/**
 * Spreading independent per-row work (matrix origins, batch trips) over worker threads. Each worker
 * loads the network from the same SQLite cache the main thread has already filled, then takes
 * chunks of rows from a shared queue as it frees up, while the main thread computes chunks too;
 * results come back in row order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Network } from '../core/network.js';
import { UsageError } from './common.js';

/**
 * For tests: `JJJ_POOL_MAIN=0` keeps the main thread to handing out rows when there are workers, so
 * that every row goes through one (a small batch would otherwise be done here before they load).
 */
const MAIN_COMPUTES = process.env.JJJ_POOL_MAIN !== '0';

/** What every job carries so a worker can load the same network. */
export interface PoolJob {
  feeds: string[] | null;
  db: string;
}

/** A job module (e.g. `matrix-job.js`) exports `task`: set up once per thread, then one call per row. */
export interface TaskModule<J extends PoolJob, R> {
  task(net: Network, job: J): (row: number) => R;
}

/** workerData of `pool-worker.js`. */
export interface PoolWorkerData {
  module: string;
  job: PoolJob;
}

/** Worker → main: `ready` once loaded, then the results of the chunk that starts at `from`. */
export type PoolReply = 'ready' | { from: number; results: unknown[] };

/** `--workers N` (1 to 64); by default every core when there is at least `threshold` work, else 1. */
export function workerCount(text: string | undefined, work: number, threshold: number): number {
  if (text === undefined) return work >= threshold ? availableParallelism() : 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be a whole number from 1 to 64');
  return n;
}

export interface RunOptions<J extends PoolJob> {
  /** URL of the job module, resolved next to the caller: `new URL('./matrix-job.js', import.meta.url)`. */
  module: URL;
  job: J;
  /** Rows [0, count). */
  count: number;
  /** Threads computing rows: this one (on `network`) and workers − 1 worker threads. */
  workers: number;
  network: Network;
  /** Rows per message at most (default 50); fewer when there are few rows, so every thread gets some. */
  maxChunk?: number;
}

export interface RunStats {
  /** Threads that computed rows (1: this one only; fewer than asked when there are few rows). */
  threads: number;
  /** Seconds from the start until the last worker had loaded its network (0 without workers; null when this thread finished first). */
  loadSeconds: number | null;
  /** CPU seconds (user + system) of the whole process, all threads, during the run. */
  cpuSeconds: number;
  /** Rows computed by this thread (the rest by the workers). */
  rowsHere: number;
}

/**
 * Runs the module's task for every row, handing the results to `onResults` in row order, a chunk at
 * a time (so output streams while later rows run). This thread computes from the start, on the
 * network it already has; each worker joins once it has loaded its own and keeps two chunks in hand
 * (so it does not wait while this thread is busy with one).
 */
export async function runTasks<J extends PoolJob, R>(o: RunOptions<J>, onResults: (results: R[]) => void): Promise<RunStats> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const chunk = Math.max(1, Math.min(o.maxChunk ?? 50, Math.ceil(o.count / (o.workers * 16))));
  const n = Math.max(1, Math.min(o.workers, Math.ceil(o.count / chunk)));
  const here = n === 1 || MAIN_COMPUTES; // does this thread take rows?
  let rowsHere = 0;
  const task = here ? ((await import(o.module.href)) as TaskModule<J, R>).task(o.network, o.job) : null;
  let next = 0; // first row not yet handed out
  const take = (): { from: number; to: number } | null => {
    if (next >= o.count) return null;
    const c = { from: next, to: Math.min(o.count, next + chunk) };
    next = c.to;
    return c;
  };
  const done = new Map<number, R[]>(); // chunks back before those above them, by first row
  let written = 0; // first row not yet given to onResults
  let finish!: { resolve: () => void; reject: (err: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (finish = { resolve, reject }));
  let failed = false;
  finished.catch(() => (failed = true));
  const deliver = (from: number, results: R[]) => {
    done.set(from, results);
    for (let r = done.get(written); r !== undefined; r = done.get(written)) {
      done.delete(written);
      written += r.length;
      onResults(r);
    }
    if (written >= o.count) finish.resolve();
  };
  let ready = 0;
  let loadSeconds: number | null = n > 1 ? null : 0;
  const workers: Worker[] = [];
  try {
    const data: PoolWorkerData = { module: o.module.href, job: o.job };
    for (let k = here ? 1 : 0; k < n; k++) {
      const w = new Worker(new URL('./pool-worker.js', import.meta.url), { workerData: data });
      workers.push(w);
      const give = () => {
        const c = take();
        if (c !== null) w.postMessage(c);
      };
      w.on('message', (m: PoolReply) => {
        if (m === 'ready') {
          if (++ready === workers.length) loadSeconds = (performance.now() - t0) / 1000;
          give();
          give();
          return;
        }
        try {
          deliver(m.from, m.results as R[]);
        } catch (err) {
          finish.reject(err);
          return;
        }
        give();
      });
      w.once('error', (err) => finish.reject(err));
      w.once('exit', (code) => {
        if (written < o.count) finish.reject(new Error(`worker exited with code ${code} before its rows were done`));
      });
    }
    for (let c = here ? take() : null; c !== null && !failed; c = take()) {
      const results: R[] = [];
      for (let i = c.from; i < c.to; i++) results.push(task!(i));
      rowsHere += results.length;
      deliver(c.from, results);
      if (workers.length > 0) await new Promise((r) => setImmediate(r)); // let the workers' messages in
    }
    if (written < o.count || failed) await finished;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const cpu = process.cpuUsage(cpu0);
  return { threads: n, loadSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rowsHere };
}

/** `2 threads (worker networks loaded after 1.23 s; 2850 rows in the main thread), 5.10 s CPU`: how a command reports a run. */
export function workerText(run: RunStats): string {
  const loaded = run.loadSeconds === null ? 'rows done before the workers had loaded' : `worker networks loaded after ${run.loadSeconds.toFixed(2)} s`;
  const threads = run.threads === 1 ? '1 thread' : `${run.threads} threads (${loaded}; ${run.rowsHere} rows in the main thread)`;
  return `${threads}, ${run.cpuSeconds.toFixed(2)} s CPU`;
}
