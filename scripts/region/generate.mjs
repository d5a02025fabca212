#!/usr/bin/env node
// Regenerates every bundled region feed under data/gtfs/ from the tables in scripts/region/.
// Deterministic: no clock, no randomness, stable ordering -> byte-identical output on rerun.
//
//   node scripts/region/generate.mjs            # all feeds + test/region/facts.table.ts
//   node scripts/region/generate.mjs metro-line22 intercity-rail   # only these feeds
//   node scripts/region/generate.mjs --out /tmp/x   # write <out>/data/gtfs/... and <out>/test/region/... instead
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEEDS, buildAll } from './lib/build.mjs';
import { writeFactsTable } from './facts.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const root = outAt >= 0 ? args.splice(outAt, 2)[1] : ROOT;
  const only = args.length ? args : Object.keys(FEEDS);
  for (const n of only) if (!FEEDS[n]) throw new Error(`unknown feed ${n}; known: ${Object.keys(FEEDS).join(', ')}`);
  const feeds = buildAll(only);
  for (const [name, f] of Object.entries(feeds)) {
    const c = f.write(join(root, 'data', 'gtfs', name));
    console.log(`${name.padEnd(18)} stops ${String(c.stops).padStart(4)}  routes ${String(c.routes).padStart(3)}  trips ${String(c.trips).padStart(5)}  stop_times ${String(c.stop_times).padStart(6)}`);
  }
  if (only.length === Object.keys(FEEDS).length) {
    const n = writeFactsTable(join(root, 'test', 'region', 'facts.table.ts'), buildAll());
    console.log(`facts table: ${n} rows -> test/region/facts.table.ts`);
  }
}
