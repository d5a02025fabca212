/**
 * Feature under test: JJJ_WORKERS=2 — two server processes on one port (node:cluster). Both serve
 * (different `loadedAt` on /api/health over new connections); an admin reload taken by one is
 * repeated by the other (every process reaches generation 2); an accepted realtime push is
 * repeated too (every process's /api/realtime shows the pushed feed), a refused one is not.
 * Needs `npm run build` (part of `npm test`).
 */
import { Agent, get } from 'node:http';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
const TOKEN = 'cluster-token';
const { transit_realtime: rt } = GtfsRealtimeBindings;

interface Health {
  loadedAt: string;
  generation: number;
}

describe('cluster of server processes (JJJ_WORKERS=2)', () => {
  let srv: ServerProcess;
  let base = '';
  let log: string[] = [];
  /** One answer per new connection: the kernel and the cluster spread them over the processes. */
  const fresh = async <T>(p: string): Promise<T> => (await (await fetch(base + p, { headers: { connection: 'close' } })).json()) as T;
  /** Ask until `ok` holds for answers from two different processes (told apart by `loadedAt`). */
  async function untilBoth(p: string, ok: (h: Health, body: unknown) => boolean, what: string): Promise<void> {
    const good = new Set<string>();
    const until = Date.now() + 30_000;
    while (good.size < 2) {
      const h = await fresh<Health>('/api/health');
      const body = p === '/api/health' ? h : await fresh<unknown>(p);
      // the second request may reach the other process: pair them only when the health check is enough
      if (p === '/api/health' ? ok(h, h) : ok(h, body)) good.add(h.loadedAt);
      if (Date.now() > until) throw new Error(`${what}: only ${good.size} process(es) within 30 s\n${log.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** GET each path in turn over one kept-alive socket (so from one process), then close it. */
  async function onOneSocket(paths: string[]): Promise<unknown[]> {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const out: unknown[] = [];
      for (const p of paths)
        out.push(
          await new Promise((resolve, reject) => {
            get(base + p, { agent }, (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (d: string) => (text += d));
              res.on('end', () => resolve(JSON.parse(text)));
            }).on('error', reject);
          }),
        );
      return out;
    } finally {
      agent.destroy();
    }
  }

  beforeAll(async () => {
    srv = await startServer({ tmpPrefix: 'jjj-cluster-', env: { JJJ_WORKERS: '2', JJJ_ADMIN_TOKEN: TOKEN } });
    base = srv.base;
    log = srv.log;
    await untilBoth('/api/health', () => true, 'both processes serve');
  }, 120_000);

  afterAll(() => srv?.stop(), 30_000);

  test('a reload taken by one process is repeated by the other', async () => {
    const res = await fetch(`${base}/api/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { generation: number }).generation).toBe(2);
    await untilBoth('/api/health', (h) => h.generation === 2, 'generation 2 everywhere');
  }, 60_000);

  test('an accepted realtime push is repeated by the other process; a refused one is not relayed', async () => {
    const bad = await fetch(`${base}/api/admin/realtime/metro-line22`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: 'not protobuf' });
    expect(bad.status).toBe(422);
    const msg = rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', timestamp: Math.floor(Date.now() / 1000) }, entity: [] })).finish();
    const ok = await fetch(`${base}/api/admin/realtime/metro-line22`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-protobuf' }, body: Buffer.from(msg) });
    expect(ok.status, await ok.clone().text()).toBe(200);
    // both processes report the pushed feed: a health and a status request on one socket reach one process
    const good = new Set<string>();
    const until = Date.now() + 30_000;
    while (good.size < 2) {
      const [h, st] = (await onOneSocket(['/api/health', '/api/realtime'])) as [Health, { feeds: { feed: string; lastSuccess: string | null }[] }];
      if (st.feeds.some((f) => f.feed === 'metro-line22' && f.lastSuccess !== null)) good.add(h.loadedAt);
      if (Date.now() > until) throw new Error(`push not seen by both processes\n${log.join('').slice(-2000)}`);
    }
    expect(good.size).toBe(2);
  }, 60_000);
});
