/**
 * HTTP load on `/api/plan` with seeded queries (issue 4 part 4): autocannon drives a few hundred
 * seeded query paths (`bench/load-queries.ts`) for a fixed time, after every path once (preflight)
 * and a short uncounted warm-up, and prints requests/s, latency p50/p99, totals, non-2xx and
 * errors. Exits 1 on any error, timeout or non-2xx answer.
 *
 *   npm run load                                  # own server (bundled feeds, fresh SQLite in a temp dir)
 *   npm run load -- --duration 20 --connections 32 --seed 1
 *   npm run load -- --url http://127.0.0.1:3000   # an already running server
 *   npm run load -- --realtime                    # is the realtime in use behind the feed under load? its CPU per request?
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
import { machine, median } from './harness.js';
import { loadQueries } from './load-queries.js';
import { startLiveFeeds, localClock, type Publication } from './realtime-feed.js';
import { bundledFeeds } from '../src/app/load.js';
import { feedNameOf } from '../src/feeds/source.js';
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
    realtime: { type: 'boolean', default: false },
    'rt-interval': { type: 'string', default: '2' },
    'rt-every': { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (args.help) {
  console.log('usage: npm run load -- [--url http://host:port] [--duration s=20] [--connections n=32] [--seed n=1] [--warmup s=3] [--workers n=1 (server processes, JJJ_WORKERS)] [--realtime [--rt-interval s=2] [--rt-every s=3]]');
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
const realtime = args.realtime;
const rtInterval = positiveInt('rt-interval', args['rt-interval']);
const rtEvery = positiveInt('rt-every', args['rt-every']);
if (realtime && args.url !== undefined) {
  console.error('--realtime starts its own servers (one without realtime, one polling a local live feed): it cannot be used with --url');
  process.exit(2);
}
/** The feeds the live source publishes for (the commuter feeds with timetabled trips). */
const RT_FEEDS = ['metro-line22', 'intercity-rail', 'express-bus'];

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
async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const srv = await startServerProcess({ tmpPrefix: 'jjj-load-', env: { JJJ_WORKERS: String(workers), ...env } });
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

function describe(server: Server, extra = ''): string {
  return `target ${server.base} (${server.child === null ? 'external server' : `own server: ${workers === 1 ? 'one Node process' : `${workers} Node processes (JJJ_WORKERS)`}, child of this script, sharing the cores with the load generator`}${extra})`;
}

/** Preflight, warm-up and the measured run on `server`; prints the figures, answers the number of bad answers. */
async function runLoad(server: Server, paths: string[], during?: () => void): Promise<number> {
  // Preflight: every seeded query once, so a broken query is named before the load starts.
  const statuses = new Map<number, number>();
  let withItinerary = 0;
  let withLive = 0;
  let bytes = 0;
  let failed = 0;
  for (const p of paths) {
    const res = await fetch(server.base + p);
    const text = await res.text();
    bytes += Buffer.byteLength(text);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status !== 200) {
      if (++failed <= 10) console.error(`preflight: ${res.status} ${decodeURIComponent(p)} → ${text.slice(0, 200)}`);
    } else if (!text.startsWith('{"itineraries":[]')) {
      withItinerary++;
      if (text.includes('"realtime":true')) withLive++;
    }
  }
  console.log(
    `queries: ${paths.length} seeded paths (seed ${seed}); preflight statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; ` +
      `${withItinerary} with ≥1 itinerary${withLive > 0 ? ` (${withLive} with a live leg)` : ''}; mean response ${(bytes / paths.length / 1024).toFixed(1)} KiB`,
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
  during?.();
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
  if (bad > 0) console.error(`FAIL: ${r.non2xx} non-2xx and ${errors} errors (status counts: ${JSON.stringify(r.statusCodeStats)})`);
  return bad;
}

async function main(): Promise<number> {
  if (realtime) return mainRealtime();
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
    console.log(describe(server));
    return (await runLoad(server, paths)) > 0 ? 1 : 0;
  } finally {
    await server.stop();
  }
}

/**
 * `--realtime`: is the realtime in use behind the feed under load? A local live feed
 * (bench/realtime-feed.ts) publishes a new message per feed every `--rt-every` s; the same queries
 * (today, from now to two hours ahead, so the live runs are the ones ridden) run first on a server
 * without realtime, then on one polling the feed every `--rt-interval` s, while a probe reads
 * `GET /api/realtime` every 200 ms: how long after a newer message was published the server still
 * answered with an older one ("behind the feed"), idle and under the load; then what realtime costs
 * per request (pairedCpu).
 */
async function mainRealtime(): Promise<number> {
  const dirs = bundledFeeds()
    .map((dir) => ({ dir, feed: feedNameOf(dir) }))
    .filter((d) => RT_FEEDS.includes(d.feed));
  const feeds = await startLiveFeeds(dirs, rtEvery * 1000);
  try {
    const zone = 'Asia/Shanghai'; // the bundled feeds' agency_timezone
    const clock = localClock(Date.now(), zone);
    const from = Math.floor(clock.seconds / 60);
    const window = { dates: [clock.iso], fromMinute: Math.min(from, 23 * 60 + 59), toMinute: Math.min(from + 120, 23 * 60 + 59) };
    const paths = loadQueries(seed, QUERY_COUNT, undefined, window);
    console.log(`# load /api/plan with live realtime — ${machine()} — ${new Date().toISOString()}`);
    console.log(
      `live feed: ${[...feeds.last].map(([f, l]) => `${f} ${l.runs} runs / ${l.updates} stop-time updates / ${(l.bytes / 1024).toFixed(0)} KiB`).join('; ')}; ` +
        `a new message every ${rtEvery} s; queries on ${clock.iso} ${hm(window.fromMinute)}–${hm(window.toMinute)} (${zone})`,
    );
    let bad = 0;

    console.log('\nwithout realtime:');
    const plain = await startServer();
    let live: Server | null = null;
    try {
      console.log(describe(plain));
      bad += await runLoad(plain, paths);

      console.log(`\nwith realtime, polled every ${rtInterval} s:`);
      const env = { JJJ_REALTIME: [...feeds.urls].map(([f, u]) => `${f}=${u}`).join(','), JJJ_REALTIME_INTERVAL_S: String(rtInterval) };
      live = await startServer(env);
      console.log(describe(live, `, polling ${feeds.urls.size} feeds`));
      const probe = new FreshnessProbe(live.base, [...feeds.urls.keys()], feeds.published);
      await probe.waitAllInUse(30_000);
      probe.start();
      await new Promise((r) => setTimeout(r, 10_000));
      const idle = probe.takeReport();
      bad += await runLoad(live, paths, () => probe.takeReport());
      const loaded = probe.takeReport();
      await probe.stop();
      console.log(`behind the feed, idle 10 s:   ${idle}`);
      console.log(`behind the feed, under load:  ${loaded}`);
      console.log(`feed requests: ${feeds.requests.ok} × 200, ${feeds.requests.notModified} × 304 (${feeds.published.length} publications)`);
      bad += await pairedCpu(plain, live, paths);
    } finally {
      await plain.stop();
      await live?.stop();
    }
    return bad > 0 ? 1 : 0;
  } finally {
    await feeds.stop();
  }
}

/** Blocks per server in pairedCpu, and seconds per block. */
const PAIRS = 6;
const BLOCK_S = 4;

/**
 * Server CPU per request with realtime ÷ without, from both servers up at once and loaded in
 * alternating blocks (without, with, without, …): one measured after the other, the two runs
 * above differ by as much as the host's speed drifts between them (±30 % seen), which hides a
 * few per cent. The realtime server keeps polling throughout, so its blocks include the polls and
 * rebuilds that fall in them. Prints each pair's ratio and their median; answers the bad answers.
 */
async function pairedCpu(plain: Server, live: Server, paths: string[]): Promise<number> {
  const requests = paths.map((p) => ({ method: 'GET', path: p }));
  let bad = 0;
  const block = async (server: Server): Promise<number> => {
    const c0 = procCpuSeconds(server.child?.pid);
    const r = await autocannon({ url: server.base, connections, duration: BLOCK_S, timeout: 10, requests });
    const c1 = procCpuSeconds(server.child?.pid);
    bad += r.non2xx + r.errors;
    return c0 === null || c1 === null || r.requests.total === 0 ? NaN : ((c1 - c0) * 1000) / r.requests.total;
  };
  const ratios: number[] = [];
  const per: [number, number][] = [];
  for (let i = 0; i < PAIRS; i++) {
    const a = await block(plain);
    const b = await block(live);
    per.push([a, b]);
    ratios.push(b / a);
  }
  const med = median(ratios);
  console.log(
    `\nserver CPU per request, paired (${PAIRS} × ${BLOCK_S} s blocks each, alternating, both servers up): ` +
      `without ${per.map(([a]) => a.toFixed(3)).join(' ')} ms; with realtime ${per.map(([, b]) => b.toFixed(3)).join(' ')} ms`,
  );
  console.log(`with realtime ÷ without: median ${med.toFixed(2)} (pairs ${ratios.map((x) => x.toFixed(2)).join(' ')})`);
  return bad;
}

function hm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Reads `GET /api/realtime` every 200 ms. A sample is behind the feed by how long a message newer
 * than the one in use (of any feed) had been published when the answer arrived (0 when the newest
 * is in use); samples are taken until `takeReport`, which summarises and starts afresh.
 */
class FreshnessProbe {
  private behind: number[] = [];
  private latency: number[] = [];
  private seen = new Set<string>();
  private failures = 0;
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly base: string,
    private readonly feeds: string[],
    private readonly published: Publication[],
  ) {}

  private async sample(): Promise<Map<string, number> | null> {
    const t0 = Date.now();
    try {
      const res = await fetch(`${this.base}/api/realtime`);
      const body = (await res.json()) as { feeds: { feed: string; message: { timestamp: string | null } | null }[] };
      this.latency.push(Date.now() - t0);
      const out = new Map<string, number>();
      for (const f of body.feeds) if (f.message?.timestamp) out.set(f.feed, Math.floor(Date.parse(f.message.timestamp) / 1000));
      return out;
    } catch {
      this.failures++;
      return null;
    }
  }

  async waitAllInUse(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const m = await this.sample();
      if (m !== null && this.feeds.every((f) => m.has(f))) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server had not taken a message of every feed within ${timeoutMs / 1000} s`);
  }

  start(): void {
    this.takeReport();
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const m = await this.sample();
        const at = Date.now();
        if (m !== null) {
          let worst = 0;
          for (const f of this.feeds) {
            const ts = m.get(f);
            // the first publication newer than the message in use, if out by now
            const next = this.published.find((p) => p.timestamp > (ts ?? -1) && p.at <= at);
            if (next !== undefined) worst = Math.max(worst, at - next.at);
            if (ts !== undefined) this.seen.add(`${f}@${ts}`);
          }
          this.behind.push(worst);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
  }

  takeReport(): string {
    const b = [...this.behind].sort((x, y) => x - y);
    const l = [...this.latency].sort((x, y) => x - y);
    const q = (xs: number[], p: number) => (xs.length === 0 ? NaN : xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]);
    const text =
      b.length === 0
        ? 'no samples'
        : `${b.length} samples: p50 ${q(b, 0.5)} ms, p90 ${q(b, 0.9)} ms, p99 ${q(b, 0.99)} ms, max ${b[b.length - 1]} ms; ` +
          `${this.seen.size} messages seen in use; status answered in p50 ${q(l, 0.5)} / max ${l[l.length - 1]} ms` +
          (this.failures > 0 ? `; ${this.failures} probe failures` : '');
    this.behind = [];
    this.latency = [];
    this.seen = new Set();
    this.failures = 0;
    return text;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
