/**
 * `npm start`: serve the bundled region (or JJJ_FEEDS, comma separated; JJJ_DB for the SQLite
 * file) on HOST:PORT (default 127.0.0.1:3000). The server listens at once; /api/health turns
 * ready when the network is loaded. JJJ_ADMIN_TOKEN turns on POST /api/admin/reload and POST
 * /api/admin/realtime/{feed}; JJJ_REALTIME="feed=url,…" polls GTFS-Realtime URLs (see config.ts).
 * JJJ_WORKERS=N runs N server processes on the port (src/server/cluster.ts).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { isPrimary, onRelayed, ready, relay, runPrimary, workersFromEnv } from './cluster.js';
import { optionsFromEnv } from './config.js';
import { RealtimeHub } from './realtime.js';
import { LoadInProgressError, ServerState } from './state.js';
import { loadInWorker } from './worker-load.js';

let settings: ReturnType<typeof optionsFromEnv>;
let workers: number;
try {
  settings = optionsFromEnv();
  workers = workersFromEnv();
} catch (err) {
  console.error(`jjj-router: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
if (workers > 1 && isPrimary()) {
  console.log(`jjj-router: ${workers} server processes on ${settings.listen.host}:${settings.listen.port} (JJJ_WORKERS)`);
  runPrimary(workers);
} else serveOne();

function serveOne(): void {
  const { listen, app: appOptions } = settings;
  const feeds = process.env.JJJ_FEEDS?.split(',').filter((f) => f !== '');
  const db = process.env.JJJ_DB;

  // the import runs in a worker thread: the server answers (503 loading / the old network) meanwhile
  const state = new ServerState(() =>
    loadInWorker({
      ...(feeds !== undefined ? { feeds } : {}),
      ...(db ? { db } : {}),
      log: (l) => console.error(l),
    }),
  );

  // GTFS-Realtime: the pollers start once the first network serves (nothing to match before) and
  // stop with the server; their timers are unref'd, they never keep the process alive
  const realtime = new RealtimeHub(state, appOptions.realtime ?? {}, undefined, (l) => console.error(l));

  // In a cluster (JJJ_WORKERS), admin actions taken here are repeated by the sibling processes.
  onRelayed((e) => {
    if (e.kind === 'realtime') {
      const r = realtime.accept(e.feed, e.bytes, 'push');
      if (!r.ok) console.error(`jjj-router: relayed realtime push for ${e.feed} refused: ${r.reason}`);
      return;
    }
    state.reload().then(
      (snap) => console.error(`jjj-router: reloaded after a sibling did (generation ${snap.generation})`),
      (err: unknown) => {
        if (err instanceof LoadInProgressError) return;
        console.error(`jjj-router: relayed reload failed, the old network keeps serving: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  });

  const server = serve({ fetch: createApp(state, { ...appOptions, realtimeHub: realtime, onAdmin: relay }).fetch, port: listen.port, hostname: listen.host }, (addr) => {
    console.log(`jjj-router listening on http://${listen.host}:${addr.port}${appOptions.adminToken ? ' (admin routes on)' : ''}`);
  });
  server.on('close', () => void realtime.stop());
  // Requests Node's HTTP parser refuses before the app sees them (e.g. raw non-ASCII bytes in the
  // path instead of percent-encoding, malformed headers) still get the API's JSON error shape.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({ error: { code: 'bad_request', message: `malformed HTTP request (${err.code ?? 'parse error'}); percent-encode non-ASCII characters in the URL`, field: null } });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.on('error', (err) => {
    console.error(`jjj-router: cannot listen on ${listen.host}:${listen.port}: ${err.message}`);
    process.exit(1);
  });

  state
    .load()
    .then((snap) => {
      const s = snap.network.stats();
      const names = snap.report.feeds.map((f) => f.name).join(', ');
      console.log(`network ready: ${names} — ${s.stops} stops, ${s.trips} trips (import ${Math.round(snap.timings.importMs)} ms, compile ${Math.round(snap.timings.compileMs)} ms)`);
      realtime.start();
      ready();
    })
    .catch((err: unknown) => {
      console.error(`jjj-router: could not load the network: ${err instanceof Error ? err.message : String(err)}`);
    });
}
