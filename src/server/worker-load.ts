/**
 * The server's loader: import in a worker thread (src/server/import-worker.ts), compile the
 * Network on the main thread. While the import runs the server answers as usual (the first load:
 * 503 "loading"; a reload: from the old network); only the compile step (≈ 0.1 s for the bundled
 * region, seconds at city scale) holds the main thread. When the compiled worker file is absent
 * (running from sources) it falls back to loading on the main thread.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundledFeeds, loadNetwork, type Loaded, type LoadOptions } from '../app/load.js';
import type { NetworkInput } from '../core/input.js';
import { Network } from '../core/network.js';
import { TripTable, type TripColumns } from '../core/trips.js';
import type { ImportReport } from '../feeds/report.js';

interface WorkerResult {
  input: Omit<NetworkInput, 'trips'> & { trips: TripColumns };
  report: ImportReport;
  dbPath: string;
  reused: boolean;
  importMs: number;
}

type Message = { log: string } | { result: WorkerResult } | { error: string };

export function loadInWorker(o: Omit<LoadOptions, 'progress'>): Promise<Loaded> {
  const script = new URL('./import-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(script))) return loadNetwork(o);
  const feeds = o.feeds !== undefined && o.feeds.length > 0 ? o.feeds.map((f) => resolve(f)) : bundledFeeds();
  if (feeds.length === 0) return Promise.reject(new Error('no feeds given and no bundled feeds under data/gtfs'));
  return new Promise<Loaded>((done, fail) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) {
        settled = true;
        f();
      }
    };
    const worker = new Worker(script, { workerData: { feeds, db: o.db ?? null } });
    worker.on('message', (m: Message) => {
      if ('log' in m) o.log?.(m.log);
      else if ('error' in m) settle(() => fail(new Error(m.error)));
      else
        settle(() => {
          try {
            const t0 = performance.now();
            const network = new Network({ ...m.result.input, trips: new TripTable(m.result.input.trips) });
            const { report, dbPath, reused, importMs } = m.result;
            done({ network, report, dbPath, reused, timings: { importMs, compileMs: performance.now() - t0 } });
          } catch (err) {
            fail(err instanceof Error ? err : new Error(String(err)));
          }
        });
    });
    worker.on('error', (err) => settle(() => fail(err)));
    worker.on('exit', (code) => settle(() => fail(new Error(`the import worker stopped (exit code ${code})`))));
  });
}
