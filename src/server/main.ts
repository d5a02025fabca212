/**
 * `npm start`: serve the bundled region (or JJJ_FEEDS, comma separated) on HOST:PORT
 * (default 127.0.0.1:3000). The server listens at once; /api/health turns ready when loaded.
 */
import { serve } from '@hono/node-server';
import { loadNetwork } from '../app/load.js';
import type { Network } from '../core/network.js';
import { createApp, type NetworkHolder } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const feeds = process.env.JJJ_FEEDS?.split(',').filter((f) => f !== '');

let network: Network | null = null;
let loadedAt: string | null = null;
let loadError: string | null = null;
let feedNames: string[] = [];

const holder: NetworkHolder = {
  current: () => network,
  info: () => ({ feeds: feedNames, loadedAt, error: loadError }),
};

serve({ fetch: createApp(holder).fetch, port, hostname: host }, (addr) => {
  console.log(`jjj-router listening on http://${host}:${addr.port}`);
});

loadNetwork({ ...(feeds !== undefined ? { feeds } : {}), ...(process.env.JJJ_DB ? { db: process.env.JJJ_DB } : {}), progress: process.stderr.isTTY === true, log: (l) => console.error(l) })
  .then((loaded) => {
    network = loaded.network;
    feedNames = loaded.report.feeds.map((f) => f.name);
    loadedAt = new Date().toISOString();
    const s = loaded.network.stats();
    console.log(`network ready: ${feedNames.join(', ')} — ${s.stops} stops, ${s.trips} trips (import ${Math.round(loaded.timings.importMs)} ms, compile ${Math.round(loaded.timings.compileMs)} ms)`);
  })
  .catch((err: unknown) => {
    loadError = err instanceof Error ? err.message : String(err);
    console.error(`jjj-router: could not load the network: ${loadError}`);
  });
