/**
 * A worker thread of the pool (pool.ts). Loads the network from the SQLite cache as soon as it
 * starts if that cache is up to date (alongside the main thread's own load), else from the file
 * the job names once the main thread has imported it; then runs chunks of rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCachedNetwork, loadNetwork, type LoadOptions } from '../app/load.js';
import type { Network } from '../core/network.js';
import type { Chunk, PoolJob, PoolReply, PoolRequest, PoolWorkerData, TaskModule } from './pool.js';

const data = workerData as PoolWorkerData;
const options = (db: string | null): LoadOptions => ({ ...(data.feeds !== null ? { feeds: data.feeds } : {}), ...(db !== null ? { db } : {}), progress: false });
// a stale or missing cache, or any failure here, is left to the main thread's load (and this one's after it)
const early = loadCachedNetwork(options(data.db)).then(
  (loaded) => (loaded === null ? null : { network: loaded.network, seconds: performance.now() / 1000 }), // since this thread started
  () => null,
);
const mod = import(data.module) as Promise<TaskModule<PoolJob, unknown>>;
const port = parentPort!;
let run: ((from: number, to: number) => Chunk<unknown>) | null = null;
port.on('message', async (m: PoolRequest) => {
  if ('job' in m) {
    const cached = await early;
    let network: Network;
    let loadSeconds: number;
    if (cached !== null) {
      ({ network, seconds: loadSeconds } = cached);
    } else {
      const t = performance.now();
      network = (await loadNetwork(options(m.job.db))).network;
      loadSeconds = (performance.now() - t) / 1000;
    }
    run = (await mod).task(network, m.job);
    port.postMessage({ ready: true, early: cached !== null, loadSeconds } satisfies PoolReply);
    return;
  }
  const { value, transfer } = run!(m.from, m.to);
  port.postMessage({ from: m.from, to: m.to, value } satisfies PoolReply, transfer ?? []);
});
