/**
 * Worker thread of the server's loader: imports the feeds (node-gtfs and SQLite are synchronous)
 * off the main thread, so the server keeps answering while a (re)load runs, and posts the
 * NetworkInput back (structured clone). Messages: `{log}`, then `{result}` or `{error}`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadFeeds } from '../feeds/load.js';

const job = workerData as { feeds: string[]; db: string | null };
const port = parentPort!;
try {
  const t0 = performance.now();
  const r = await loadFeeds(job.feeds, { ...(job.db !== null ? { db: job.db } : {}), progress: false, log: (line) => port.postMessage({ log: line }) });
  // the trip table crosses as its columns (a structured clone keeps no class)
  port.postMessage({ result: { input: { ...r.input, trips: r.input.trips.columns() }, report: r.report, dbPath: r.dbPath, reused: r.reused, importMs: performance.now() - t0 } });
} catch (err) {
  port.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
