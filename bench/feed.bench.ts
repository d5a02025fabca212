/**
 * Benchmark any GTFS feed(s): import (node-gtfs → SQLite, or reuse), compile, memory, and the
 * router suite on a chosen service date.
 *
 *   npm run bench:feed -- --feeds bench/data/nyc-all --date 2026-09-23 [--db FILE]
 */
import { parseArgs } from 'node:util';
import { loadNetwork } from '../src/app/load.js';
import { machine, printRows, type Row } from './harness.js';
import { suite } from './suites.js';

const { values } = parseArgs({
  options: { feeds: { type: 'string', multiple: true }, date: { type: 'string' }, db: { type: 'string' } },
});
if (values.feeds === undefined || values.date === undefined) {
  console.error('usage: feed.bench --feeds PATH [--feeds PATH …] --date YYYY-MM-DD [--db FILE]');
  process.exit(2);
}
console.log(`# feed benchmark — ${machine()} — ${new Date().toISOString()}`);
const gc = (globalThis as { gc?: () => void }).gc;
const loaded = await loadNetwork({ feeds: values.feeds, ...(values.db ? { db: values.db } : {}), progress: process.stderr.isTTY === true });
gc?.();
const s = loaded.network.stats();
const mem = process.memoryUsage();
console.log(
  `feeds ${values.feeds.join(' ')}: ${loaded.reused ? 'reused SQLite' : 'imported'} in ${(loaded.timings.importMs / 1000).toFixed(1)} s, ` +
    `walk graph + compile ${(loaded.timings.compileMs / 1000).toFixed(1)} s; ${s.stops} stops, ${s.trips} trips, ${s.stopTimes} stop times, ` +
    `${s.footpaths} footpaths; compiled arrays ${(s.compiledBytes / 2 ** 20).toFixed(0)} MiB; rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, ` +
    `heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MiB`,
);
const rows: Row[] = [];
const name = values.feeds.map((f) => f.replace(/\/$/, '').split('/').pop()).join('+');
await suite(name, () => loaded.network, rows, values.date);
console.log('');
printRows(rows);
