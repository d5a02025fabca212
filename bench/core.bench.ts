/**
 * Core router benchmarks on seeded synthetic networks (and the bundled region when present):
 * compile time, compiled size, and query latency percentiles with an answer checksum.
 *
 *   npm run bench            # all suites
 *   npm run bench -- metro   # only suites whose name contains "metro"
 */
import { Network } from '../src/core/network.js';
import { CITY_SIZED, METRO_SIZED, stopEvents, syntheticCity } from './synthetic.js';
import { machine, printRows, type Row } from './harness.js';
import { suite } from './suites.js';
import { bundledFeeds, loadNetwork } from '../src/app/load.js';

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  console.log(`# core benchmarks — ${machine()} — ${new Date().toISOString()}`);
  const rows: Row[] = [];
  const metro = syntheticCity(METRO_SIZED, 7);
  if ('synthetic-metro'.includes(filter)) {
    console.log(`synthetic-metro: ${stopEvents(metro)} stop events per day`);
    await suite('synthetic-metro', () => new Network(metro), rows);
  }
  const city = syntheticCity(CITY_SIZED, 11);
  if ('synthetic-city'.includes(filter)) {
    console.log(`synthetic-city: ${stopEvents(city)} stop events per day`);
    await suite('synthetic-city', () => new Network(city), rows);
  }
  if ('bundled-region'.includes(filter) && bundledFeeds().length > 0) {
    const loaded = await loadNetwork({ progress: false });
    await suite('bundled-region', () => loaded.network, rows);
  }
  console.log('');
  printRows(rows);
}

await main();
