#!/usr/bin/env node
// Imports each bundled feed with node-gtfs (the library src/feeds builds on) into an in-memory SQLite
// database and reports row counts. Exits 1 if an import throws or a core table comes back empty.
//   node scripts/region/import-check.mjs [feed ...]
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importGtfs, openDb, closeDb } from 'gtfs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const base = join(ROOT, 'data', 'gtfs');
const names = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(base).filter((d) => statSync(join(base, d)).isDirectory()).sort();
let failed = 0;
for (const name of names) {
  const config = { agencies: [{ path: join(base, name) }], sqlitePath: ':memory:', verbose: false, logFunction: () => {} };
  try {
    await importGtfs(config);
    const db = openDb(config);
    const count = (t) => db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get().n;
    const c = Object.fromEntries(['agency', 'stops', 'routes', 'trips', 'stop_times', 'calendar', 'calendar_dates', 'translations', 'transfers', 'shapes', 'feed_info'].map((t) => [t, count(t)]));
    const empty = ['stops', 'routes', 'trips', 'stop_times', 'translations', 'feed_info'].filter((t) => c[t] === 0);
    if (empty.length) {
      failed++;
      console.error(`${name}: empty after import: ${empty.join(', ')}`);
    }
    console.log(`${name.padEnd(18)} imported: ${Object.entries(c).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    closeDb(db);
  } catch (e) {
    failed++;
    console.error(`${name}: import failed: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
