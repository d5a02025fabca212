/**
 * HTTP load on `/api/plan` with seeded queries (issue 4 part 4): autocannon drives a few hundred
 * seeded query paths (`bench/load-queries.ts`) for a fixed time, after every path once (preflight)
 * and a short uncounted warm-up, and prints requests/s, latency p50/p99, totals, non-2xx and
 * errors. Exits 1 on any error, timeout or non-2xx answer.
 *
 *   npm run load                                  # own server (bundled feeds, fresh SQLite in a temp dir)
 *   npm run load -- --duration 20 --connections 32 --seed 1
 *   npm run load -- --url http://127.0.0.1:3000   # an already running server
 *
 * Without --url the script starts `node dist/src/server/main.js` as a child process on a free port
 * and stops it at the end; the load generator and the server then share the machine's cores, and
 * the CPU time each used is printed so the split is visible.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { machine } from './harness.js';
import { loadQueries } from './load-queries.js';
import { startServer as startServerProcess } from '../test/support/server-process.js';

/** The slice of autocannon's API used here (the package ships no types). */
interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonClient {
  setRequests(requests: { method: string; path: string }[]): void;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  requests: { method: string; path: string }[];
  setupClient?: (client: AutocannonClient) => void;
}
type Autocannon = (o: AutocannonOptions) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const QUERY_COUNT = 400;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.help) {
  console.log('usage: npm run load -- [--url http://host:port] [--duration s=20] [--connections n=32] [--seed n=1] [--warmup s=3] [--workers n=1 (server processes, JJJ_WORKERS)]');
  process.exit(0);
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive integer, got "${text}"`);
    process.exit(2);
  }
  return n;
}
const duration = positiveInt('duration', args.duration);
const connections = positiveInt('connections', args.connections);
const seed = positiveInt('seed', args.seed);
const warmup = args.warmup === '0' ? 0 : positiveInt('warmup', args.warmup);
const workers = positiveInt('workers', args.workers);

async function waitHealthy(base: string, child: ChildProcess | null, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (child !== null && child.exitCode !== null) throw new Error(`the server exited with status ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${base}/api/health`);
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base}/api/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}

/** CPU seconds (user + system) of a process and its children (the workers of a cluster). */
function procCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const cpu = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); ppid is field 4; utime and stime are fields 14 and 15
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / 100 };
  };
  try {
    let total = cpu(readFileSync(`/proc/${pid}/stat`, 'utf8')).seconds;
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d) || Number(d) === pid) continue;
      try {
        const c = cpu(readFileSync(`/proc/${d}/stat`, 'utf8'));
        if (c.ppid === pid) total += c.seconds;
      } catch {
        // gone meanwhile
      }
    }
    return total;
  } catch {
    return null;
  }
}

interface Server {
  base: string;
  child: ChildProcess | null;
  stop(): Promise<void>;
}

/** The built server as a child (test/support/server-process.ts), with `workers` processes all serving. */
async function startServer(): Promise<Server> {
  const srv = await startServerProcess({ tmpPrefix: 'jjj-load-', env: { JJJ_WORKERS: String(workers) } });
  try {
    // a cluster's other processes start once the first serves: wait until each has answered
    const seen = new Set<string>();
    const until = Date.now() + 60_000;
    while (seen.size < workers && Date.now() < until) {
      const h = (await (await fetch(`${srv.base}/api/health`, { headers: { connection: 'close' } })).json()) as { loadedAt?: string };
      if (h.loadedAt) seen.add(h.loadedAt);
      if (seen.size < workers) await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await srv.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}${srv.logTail()}`);
  }
  const ready = srv.log.join('').split('\n').find((l) => l.startsWith('network ready'));
  if (ready !== undefined) console.log(`server: ${ready}`);
  return { base: srv.base, child: srv.child, stop: srv.stop };
}

async function main(): Promise<number> {
  let server: Server;
  if (args.url !== undefined) {
    const base = args.url.replace(/\/+$/, '');
    await waitHealthy(base, null, 60_000);
    server = { base, child: null, stop: async () => {} };
  } else {
    server = await startServer();
  }
  try {
    const paths = loadQueries(seed, QUERY_COUNT);
    console.log(`# load /api/plan — ${machine()} — ${new Date().toISOString()}`);
    console.log(
      `target ${server.base} (${server.child === null ? 'external server' : `own server: ${workers === 1 ? 'one Node process' : `${workers} Node processes (JJJ_WORKERS)`}, child of this script, sharing the cores with the load generator`})`,
    );

    // Preflight: every seeded query once, so a broken query is named before the load starts.
    const statuses = new Map<number, number>();
    let withItinerary = 0;
    let bytes = 0;
    let failed = 0;
    for (const p of paths) {
      const res = await fetch(server.base + p);
      const text = await res.text();
      bytes += Buffer.byteLength(text);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 200) {
        if (++failed <= 10) console.error(`preflight: ${res.status} ${decodeURIComponent(p)} → ${text.slice(0, 200)}`);
      } else if (!text.startsWith('{"itineraries":[]')) withItinerary++;
    }
    console.log(
      `queries: ${paths.length} seeded paths (seed ${seed}); preflight statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; ` +
        `${withItinerary} with ≥1 itinerary; mean response ${(bytes / paths.length / 1024).toFixed(1)} KiB`,
    );

    // Each connection cycles through the same paths from its own starting point.
    const requests = paths.map((p) => ({ method: 'GET', path: p }));
    let client = 0;
    const stride = Math.max(1, Math.floor(paths.length / connections));
    const setupClient = (c: AutocannonClient) => {
      const k = (client++ * stride) % requests.length;
      c.setRequests([...requests.slice(k), ...requests.slice(0, k)]);
    };

    // Warm-up (JIT, caches), not counted: the first second otherwise runs at a third of the rate.
    let warmBad = 0;
    if (warmup > 0) {
      const w = await autocannon({ url: server.base, connections, duration: warmup, timeout: 10, requests, setupClient });
      warmBad = w.non2xx + w.errors;
      console.log(`warm-up ${warmup} s: ${w.requests.total} requests (${w.requests.mean.toFixed(0)}/s), ${w.non2xx} non-2xx, ${w.errors} errors — not counted below`);
      client = 0;
    }

    const cpuServer0 = procCpuSeconds(server.child?.pid);
    const cpuSelf0 = process.cpuUsage();
    const r = await autocannon({ url: server.base, connections, duration, timeout: 10, requests, setupClient });
    const cpuSelf = process.cpuUsage(cpuSelf0);
    const cpuServer1 = procCpuSeconds(server.child?.pid);

    const total = r.requests.total;
    const errors = r.errors;
    console.log(`duration ${r.duration.toFixed(1)} s, ${connections} connections, pipelining 1`);
    console.log(`requests/s   mean ${r.requests.mean.toFixed(0)} (stddev ${r.requests.stddev.toFixed(0)}, min ${r.requests.min}, max ${r.requests.max})`);
    console.log(`latency ms   p50 ${r.latency.p50}  p90 ${r.latency.p90}  p99 ${r.latency.p99}  mean ${r.latency.mean.toFixed(2)}  max ${r.latency.max}`);
    console.log(`throughput   ${(r.throughput.mean / 2 ** 20).toFixed(1)} MiB/s`);
    console.log(`requests     ${total} total, ${r['2xx']} 2xx, ${r.non2xx} non-2xx, ${errors} errors (of which ${r.timeouts} timeouts)`);
    const cpu = [`load generator ${((cpuSelf.user + cpuSelf.system) / 1e6).toFixed(1)} s`];
    if (cpuServer0 !== null && cpuServer1 !== null) cpu.unshift(`server ${(cpuServer1 - cpuServer0).toFixed(1)} s`);
    console.log(`CPU time     ${cpu.join(', ')} over ${r.duration.toFixed(1)} s wall on ${os.cpus().length} cores`);
    if (cpuServer0 !== null && cpuServer1 !== null && total > 0) {
      // robust to other load on the machine: what one fully used core would serve
      const perReq = ((cpuServer1 - cpuServer0) * 1000) / total;
      console.log(`server CPU   ${perReq.toFixed(3)} ms per request → ${(1000 / perReq).toFixed(0)} requests per server CPU-second`);
    }
    const bad = r.non2xx + errors + warmBad;
    if (bad > 0) {
      console.error(`FAIL: ${r.non2xx} non-2xx and ${errors} errors (status counts: ${JSON.stringify(r.statusCodeStats)})`);
      return 1;
    }
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
