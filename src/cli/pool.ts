/**
 * Spreading independent per-row work (matrix origins, batch trips) over worker threads. The pool is
 * started before the main thread loads its own network: each worker loads the network from the
 * SQLite cache at the same time when that cache is already up to date (else once the main thread
 * has imported it), then takes chunks of rows from a shared queue as it frees up, while the main
 * thread computes chunks too. A chunk's result is packed where it was computed (e.g. its output
 * lines as UTF-8 bytes, moved to the main thread without a copy) and handed over in row order.
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
  /** The SQLite cache file the main thread loaded (and, if it was stale, imported). */
  db: string;
}

/** A chunk's packed result; `transfer` lists buffers inside `value` to move rather than copy. */
export interface Chunk<P> {
  value: P;
  transfer?: ArrayBuffer[];
}

/** A job module (e.g. `matrix-job.js`) exports `task`: set up once per thread, then one call per chunk of rows [from, to). */
export interface TaskModule<J extends PoolJob, P> {
  task(net: Network, job: J): (from: number, to: number) => Chunk<P>;
}

/** workerData of `pool-worker.js`: enough to load the network from the cache before the job is known. */
export interface PoolWorkerData {
  module: string;
  feeds: string[] | null;
  /** `--db` as given (null: the default cache file). */
  db: string | null;
}

/** Main → worker: the job first, then chunks of rows. */
export type PoolRequest = { job: PoolJob } | { from: number; to: number };

/**
 * Worker → main: `ready` once loaded and set up (`early`: its network came from the cache while the
 * main thread was loading; `loadSeconds`: how long its load took), then each chunk's result.
 */
export type PoolReply = { ready: true; early: boolean; loadSeconds: number } | { from: number; to: number; value: unknown };

/** `--workers N` (1 to 64); by default every core when there is at least `threshold` work, else 1. */
export function workerCount(text: string | undefined, work: number, threshold: number): number {
  if (text === undefined) return work >= threshold ? availableParallelism() : 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be a whole number from 1 to 64');
  return n;
}

export interface PoolOptions {
  /** URL of the job module, resolved next to the caller: `new URL('./matrix-job.js', import.meta.url)`. */
  module: URL;
  /** `--feeds` and `--db` as given, for the workers' own loads. */
  feeds: string[] | null;
  db: string | null;
  /** Rows [0, count). */
  count: number;
  /** Threads computing rows: this one and workers − 1 worker threads (fewer when there are few rows). */
  workers: number;
  /** Rows per message at most (default 50); fewer when there are few rows, so every thread gets some. */
  maxChunk?: number;
}

export interface RunStats {
  /** Threads that computed rows (1: this one only; fewer than asked when there are few rows). */
  threads: number;
  /** Worker threads among them. */
  workerThreads: number;
  /** Seconds into the run when the last worker was ready; null when the rows were done before. */
  readySeconds: number | null;
  /** The slowest worker's own network load, seconds (0 without workers). */
  loadSeconds: number;
  /** Workers ready (loaded and set up) by the end of the run. */
  ready: number;
  /** Workers among them whose network came from the cache while the main thread was loading its own. */
  early: number;
  /** CPU seconds (user + system) of the whole process, all threads, during the run. */
  cpuSeconds: number;
  /** Rows computed by this thread (the rest by the workers). */
  rowsHere: number;
}

interface Slot {
  worker: Worker;
}

/**
 * Worker threads started ahead of the work: `startPool` before loading the network here, then
 * `run` once, then `close` (always, e.g. in `finally`).
 */
export class Pool<J extends PoolJob, P> {
  readonly threads: number;
  private readonly chunk: number;
  private readonly here: boolean;
  private readonly slots: Slot[] = [];
  private failure: { err: unknown } | null = null;
  private onFailure: ((err: unknown) => void) | null = null;
  private onReady: ((slot: Slot) => void) | null = null;
  private onReply: ((slot: Slot, from: number, to: number, value: P) => void) | null = null;
  private readyCount = 0;
  private early = 0;
  private loadSeconds = 0;
  private closing = false;

  constructor(private readonly o: PoolOptions) {
    this.chunk = Math.max(1, Math.min(o.maxChunk ?? 50, Math.ceil(o.count / (o.workers * 16))));
    this.threads = Math.max(1, Math.min(o.workers, Math.ceil(o.count / this.chunk)));
    this.here = this.threads === 1 || MAIN_COMPUTES;
    const data: PoolWorkerData = { module: o.module.href, feeds: o.feeds, db: o.db };
    for (let k = this.here ? 1 : 0; k < this.threads; k++) {
      const slot: Slot = { worker: new Worker(new URL('./pool-worker.js', import.meta.url), { workerData: data }) };
      this.slots.push(slot);
      slot.worker.on('message', (m: PoolReply) => {
        if ('ready' in m) {
          this.readyCount++;
          if (m.early) this.early++;
          this.loadSeconds = Math.max(this.loadSeconds, m.loadSeconds);
          this.onReady?.(slot);
        } else this.onReply?.(slot, m.from, m.to, m.value as P);
      });
      slot.worker.once('error', (err) => this.fail(err));
      slot.worker.once('exit', (code) => {
        if (!this.closing) this.fail(new Error(`worker exited with code ${code} before its rows were done`));
      });
    }
  }

  private failed(): boolean {
    return this.failure !== null;
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.err;
  }

  private fail(err: unknown): void {
    if (this.failure !== null) return;
    this.failure = { err };
    this.onFailure?.(err);
  }

  /**
   * Runs the module's task over every row, handing each chunk's packed result to `onChunk` in row
   * order (so output streams while later rows run). This thread computes from the start on
   * `network`; each worker, once ready, keeps two chunks in hand (so it does not wait while this
   * thread is busy with one).
   */
  async run(job: J, network: Network, onChunk: (value: P, rows: number) => void): Promise<RunStats> {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const count = this.o.count;
    let rowsHere = 0;
    let next = 0; // first row not yet handed out
    const take = (): { from: number; to: number } | null => {
      if (next >= count) return null;
      const c = { from: next, to: Math.min(count, next + this.chunk) };
      next = c.to;
      return c;
    };
    const done = new Map<number, { value: P; rows: number }>(); // chunks back before those above them, by first row
    let written = 0; // first row not yet given to onChunk
    let finish!: { resolve: () => void; reject: (err: unknown) => void };
    const finished = new Promise<void>((resolve, reject) => (finish = { resolve, reject }));
    finished.catch(() => {});
    const deliver = (from: number, to: number, value: P) => {
      done.set(from, { value, rows: to - from });
      for (let r = done.get(written); r !== undefined; r = done.get(written)) {
        done.delete(written);
        written += r.rows;
        onChunk(r.value, r.rows);
      }
      if (written >= count) finish.resolve();
    };
    let readySeconds: number | null = this.slots.length === 0 ? 0 : null;
    const give = (slot: Slot) => {
      const c = take();
      if (c !== null) slot.worker.postMessage(c satisfies PoolRequest);
    };
    const start = (slot: Slot) => {
      if (this.readyCount === this.slots.length) readySeconds = (performance.now() - t0) / 1000;
      give(slot);
      give(slot);
    };
    this.onFailure = (err) => finish.reject(err);
    this.onReady = start;
    this.onReply = (slot, from, to, value) => {
      try {
        deliver(from, to, value);
      } catch (err) {
        finish.reject(err);
        return;
      }
      give(slot);
    };
    this.throwIfFailed();
    for (const slot of this.slots) slot.worker.postMessage({ job } satisfies PoolRequest); // each answers `ready`
    const task = this.here ? ((await import(this.o.module.href)) as TaskModule<J, P>).task(network, job) : null;
    for (let c = this.here ? take() : null; c !== null && !this.failed(); c = take()) {
      const { value } = task!(c.from, c.to);
      rowsHere += c.to - c.from;
      deliver(c.from, c.to, value);
      if (this.slots.length > 0) await new Promise((r) => setImmediate(r)); // let the workers' messages in
    }
    this.throwIfFailed();
    if (written < count) await finished;
    const cpu = process.cpuUsage(cpu0);
    return {
      threads: this.threads,
      workerThreads: this.slots.length,
      readySeconds,
      ready: this.readyCount,
      loadSeconds: this.loadSeconds,
      early: this.early,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rowsHere,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Starts the pool's worker threads (none for one thread); call before loading the network here. */
export function startPool<J extends PoolJob, P>(o: PoolOptions): Pool<J, P> {
  return new Pool<J, P>(o);
}

/**
 * `2 threads (worker ready 0.01 s into the run, its network loaded alongside this thread's in
 * 0.45 s; 2850 rows in the main thread), 5.10 s CPU`: how a command reports a run.
 */
export function workerText(run: RunStats): string {
  if (run.threads === 1) return `1 thread, ${run.cpuSeconds.toFixed(2)} s CPU`;
  const [w, its] = run.workerThreads === 1 ? ['worker', 'its network'] : ['workers', 'networks'];
  const how = run.early === run.ready ? "alongside this thread's" : run.early === 0 ? "after this thread's" : `(${run.early} alongside this thread's)`;
  const ready =
    run.ready === 0
      ? `rows done before the ${w} had loaded`
      : `${run.readySeconds === null ? `rows done before every worker was ready` : `${w} ready ${run.readySeconds.toFixed(2)} s into the run`}, ${its} loaded ${how} in ${run.loadSeconds.toFixed(2)} s`;
  return `${run.threads} threads (${ready}; ${run.rowsHere} rows in the main thread), ${run.cpuSeconds.toFixed(2)} s CPU`;
}
