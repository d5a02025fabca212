/** A worker thread of the pool (pool.ts): loads the network from the shared SQLite cache, then runs chunks of rows. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadNetwork } from '../app/load.js';
import type { PoolJob, PoolReply, PoolWorkerData, TaskModule } from './pool.js';

const { module, job } = workerData as PoolWorkerData;
const [{ network }, mod] = await Promise.all([
  loadNetwork({ ...(job.feeds !== null ? { feeds: job.feeds } : {}), db: job.db, progress: false }),
  import(module) as Promise<TaskModule<PoolJob, unknown>>,
]);
const task = mod.task(network, job);
const port = parentPort!;
port.on('message', ({ from, to }: { from: number; to: number }) => {
  const results: unknown[] = [];
  for (let i = from; i < to; i++) results.push(task(i));
  port.postMessage({ from, results } satisfies PoolReply);
});
port.postMessage('ready' satisfies PoolReply);
