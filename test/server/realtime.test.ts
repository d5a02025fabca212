/**
 * Feature under test: GTFS-Realtime in the server. Messages are built with gtfs-realtime-bindings
 * here; a local node:http server serves them to the poller (fast interval), and /api/plan answers
 * with the live legs; the server going bad (garbage, 500, hanging past the timeout) shows in GET
 * /api/realtime while the previous overlay stays; POST /api/admin/realtime/{feed} with and without
 * the token, refusing random bytes (422) without harm; expiry by header timestamp; a reload
 * re-matches the message to the new network; alerts on the legs and stops they inform.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { Network } from '../../src/core/network.js';
import { createApp } from '../../src/server/app.js';
import { realtimeFromEnv } from '../../src/server/config.js';
import { RealtimeHub } from '../../src/server/realtime.js';
import { ServerState } from '../../src/server/state.js';
import { fixtureInput, json, loaded, NOW, type ErrorJson } from './helpers.js';
import { Rng } from '../support/prng.js';

const { transit_realtime: rt } = GtfsRealtimeBindings;
const TOKEN = 'rt-secret';
const auth = { Authorization: `Bearer ${TOKEN}` };
const nowS = Math.floor(NOW / 1000);

function message(entities: object[], timestamp: number | null = nowS): Uint8Array {
  const header = timestamp === null ? { gtfsRealtimeVersion: '2.0' } : { gtfsRealtimeVersion: '2.0', timestamp };
  return rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header, entity: entities })).finish();
}

/** T1 (甲 8:00 → 丙 8:20) running `delay` seconds late from its first stop. */
const delayed = (delay: number, timestamp: number | null = nowS) =>
  message([{ id: 'd1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay } }] } }], timestamp);

interface Leg {
  mode: string;
  departure: string;
  realtime?: true;
  delaySeconds?: number;
  scheduledDeparture?: string;
  alerts?: { id: string; header: string; description: string; url: string | null; effect: string; activePeriods: { start: string | null; end: string | null }[] }[];
}
interface Plan {
  itineraries: { legs: Leg[] }[];
}
interface FeedStatus {
  feed: string;
  source: string;
  url: string | null;
  lastAttempt: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  messagesAccepted: number;
  messagesRefused: number;
  expiredAt: string | null;
  message: { timestamp: string | null; ageSeconds: number; bytes: number } | null;
  entities: { total: number; matched: number; unmatched: number; unmatchedReasons: Record<string, number>; rejected: number; corrected: number } | null;
}
interface Status {
  liveRuns: number;
  alerts: number;
  feeds: FeedStatus[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A server state + app; `clock.ms` is the wall clock of the app and the hub. */
async function setup(o: { token?: string | null; sources?: { feed: string; url: string; headers?: Record<string, string> }[]; timeoutMs?: number; intervalMs?: number } = {}) {
  const clock = { ms: NOW };
  const now = () => clock.ms;
  const next = { net: new Network(fixtureInput()) };
  const state = new ServerState(async () => loaded(next.net));
  await state.load();
  const logs: string[] = [];
  const hub = new RealtimeHub(state, { sources: o.sources ?? [], intervalMs: o.intervalMs ?? 40, timeoutMs: o.timeoutMs ?? 300, maxBackoffMs: 200, maxAgeSeconds: 600 }, now, (l) => logs.push(l));
  cleanups.push(() => hub.stop());
  const app = createApp(state, { adminToken: o.token === undefined ? TOKEN : o.token, now, log: (l) => logs.push(l), realtimeHub: hub });
  const firstLeg = async (q = 'from=甲&to=丙&depart=2026-11-24T07:50') => {
    const res = await app.request(`/api/plan?${q}`);
    expect(res.status).toBe(200);
    return (await json<Plan>(res)).itineraries[0].legs.find((l) => l.mode !== 'WALK')!;
  };
  const status = async () => {
    const res = await app.request('/api/realtime');
    expect(res.status).toBe(200);
    return json<Status>(res);
  };
  const push = (body: Uint8Array, headers: Record<string, string> = auth, feed = 'f') =>
    app.request(`/api/admin/realtime/${feed}`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', ...headers }, body: Buffer.from(body) });
  return { clock, state, hub, app, logs, next, firstLeg, status, push };
}

/** A local feed server whose answer the test switches. */
async function feedServer() {
  const mode: { kind: 'pb' | 'garbage' | '500' | 'hang'; body: Uint8Array; etag: string } = { kind: 'pb', body: delayed(300), etag: '"v1"' };
  const seen = { requests: 0, notModified: 0, apiKey: undefined as string | string[] | undefined };
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.requests++;
    seen.apiKey = req.headers['x-api-key'];
    if (mode.kind === 'hang') {
      hanging.add(res);
      return;
    }
    if (mode.kind === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      return;
    }
    if (mode.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
      return;
    }
    if (req.headers['if-none-match'] === mode.etag) {
      seen.notModified++;
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-protobuf', etag: mode.etag }).end(Buffer.from(mode.body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tripupdates.pb`;
  cleanups.push(
    () =>
      new Promise<void>((ok) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  );
  return { url, mode, seen };
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 4000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('realtime: polling a URL', () => {
  test('the poller fetches the feed, the plan shows the live leg; garbage, 500 and a hanging server are errors and the overlay stays', async () => {
    const feed = await feedServer();
    const s = await setup({ sources: [{ feed: 'f', url: feed.url }], timeoutMs: 250 });
    expect((await s.firstLeg()).realtime).toBeUndefined();
    s.hub.start();
    const ok = await until(s.status, (st) => st.feeds[0].lastSuccess !== null && st.feeds[0].message !== null);
    expect(ok.feeds[0]).toMatchObject({ feed: 'f', source: 'url', url: feed.url, lastError: null, entities: { total: 1, matched: 1, unmatched: 0 } });
    expect(ok.liveRuns).toBe(1);
    const leg = await s.firstLeg();
    expect(leg).toMatchObject({ realtime: true, departure: '2026-11-24T08:05:00+08:00', scheduledDeparture: '2026-11-24T08:00:00+08:00', delaySeconds: 300 });

    // unchanged feed: conditional requests answered 304, still a success
    await until(async () => feed.seen.notModified, (n) => n >= 2);
    expect((await s.status()).feeds[0].lastError).toBeNull();

    for (const [kind, reason] of [
      ['garbage', /not a GTFS-Realtime FeedMessage/],
      ['500', /HTTP 500/],
      ['hang', /timed out after 250 ms/],
    ] as const) {
      feed.mode.kind = kind;
      const bad = await until(s.status, (st) => reason.test(st.feeds[0].lastError ?? ''));
      expect(bad.feeds[0].consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(bad.feeds[0].message).not.toBeNull(); // the previous message stays in use
      expect((await s.firstLeg()).delaySeconds).toBe(300);
      feed.mode.kind = 'pb';
      await until(s.status, (st) => st.feeds[0].lastError === null);
    }

    // a new message replaces the old one
    feed.mode.body = delayed(120);
    feed.mode.etag = '"v2"';
    await until(s.firstLeg, (l) => l.delaySeconds === 120);
    expect(s.logs.some((l) => /realtime f: HTTP 500/.test(l))).toBe(true);

    await s.hub.stop();
    const after = feed.seen.requests;
    await new Promise((r) => setTimeout(r, 150));
    expect(feed.seen.requests).toBe(after); // stopped: no more polls
  });

  test('JJJ_REALTIME and its settings are read from the environment; malformed values are refused', () => {
    expect(realtimeFromEnv({ JJJ_REALTIME: 'metro-line22=http://127.0.0.1:9/tu.pb, f=https://x.test/a.pb', JJJ_REALTIME_INTERVAL_S: '15' })).toMatchObject({
      sources: [
        { feed: 'metro-line22', url: 'http://127.0.0.1:9/tu.pb' },
        { feed: 'f', url: 'https://x.test/a.pb' },
      ],
      intervalMs: 15_000,
      timeoutMs: 10_000,
      maxAgeSeconds: 600,
      finishedGraceSeconds: 3600,
    });
    expect(realtimeFromEnv({}).sources).toEqual([]);
    expect(() => realtimeFromEnv({ JJJ_REALTIME: 'nofeed' })).toThrow(/JJJ_REALTIME must be/);
    expect(() => realtimeFromEnv({ JJJ_REALTIME: 'f=ftp://x' })).toThrow(/JJJ_REALTIME must be/);
    expect(() => realtimeFromEnv({ JJJ_REALTIME_INTERVAL_S: '0' })).toThrow(/JJJ_REALTIME_INTERVAL_S/);
    // request headers per feed (API keys)
    const env = { JJJ_REALTIME: 'f=https://x.test/a.pb,g=https://y.test/b.pb' };
    expect(realtimeFromEnv({ ...env, JJJ_REALTIME_HEADERS: '{"f":{"X-Api-Key":"k1"}}' }).sources).toEqual([
      { feed: 'f', url: 'https://x.test/a.pb', headers: { 'x-api-key': 'k1' } },
      { feed: 'g', url: 'https://y.test/b.pb' },
    ]);
    for (const [bad, why] of [
      ['{', /not JSON/],
      ['[]', /not an object/],
      ['{"h":{"a":"b"}}', /feed "h" is not in JJJ_REALTIME/],
      ['{"f":"k1"}', /"f" must map header names/],
      ['{"f":{"bad name":"v"}}', /bad header name/],
      ['{"f":{"a":"x\\ny"}}', /one-line string/],
    ] as const)
      expect(() => realtimeFromEnv({ ...env, JJJ_REALTIME_HEADERS: bad })).toThrow(why);
  });

  test('request headers of a feed are sent with every poll, and not shown in the status', async () => {
    const feed = await feedServer();
    const s = await setup({ sources: [{ feed: 'f', url: feed.url, headers: { 'x-api-key': 'k-secret' } }] });
    s.hub.start();
    await until(s.status, (st) => st.feeds[0].lastSuccess !== null);
    expect(feed.seen.apiKey).toBe('k-secret');
    expect(JSON.stringify(await s.status())).not.toContain('k-secret');
    await s.hub.stop();
  });
});

describe('realtime: POST /api/admin/realtime/{feed}', () => {
  test('off without an admin token; 401 without the right one; 200 with the counters; 404 for an unknown feed', async () => {
    const off = await setup({ token: null });
    expect((await off.push(delayed(300))).status).toBe(404);
    const s = await setup();
    for (const h of [{}, { Authorization: 'Bearer nope' }, { Authorization: TOKEN }] as Record<string, string>[]) {
      const res = await s.push(delayed(300), h);
      expect(res.status).toBe(401);
      expect((await json<ErrorJson>(res)).error.code).toBe('unauthorized');
    }
    expect((await s.firstLeg()).realtime).toBeUndefined();
    const res = await s.push(
      message([
        { id: 'd1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 300 } }] } },
        { id: 'x', tripUpdate: { trip: { tripId: 'NOPE', startDate: '20261124' } } },
      ]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: true,
      feed: 'f',
      timestamp: '2026-11-24T07:55:00+08:00',
      entities: { total: 2, tripUpdates: 2, alerts: 0, vehicles: 0, matched: 1, unmatched: 1, unmatchedReasons: { 'unknown trip_id': 1 } },
      liveRuns: 1,
    });
    expect(await s.firstLeg()).toMatchObject({ realtime: true, delaySeconds: 300 });
    const st = await s.status();
    expect(st.feeds[0]).toMatchObject({ feed: 'f', source: 'push', url: null, messagesAccepted: 1, lastError: null, entities: { unmatchedReasons: { 'unknown trip_id': 1 } } });
    // times that run backwards (+25 min leaving 甲, then on time at 乙) are put in order and counted
    expect(st.feeds[0].entities!.corrected).toBe(0);
    expect((await s.push(message([{ id: 'b', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 1500 } }, { stopSequence: 1, arrival: { delay: 0 } }] } }]))).status).toBe(200);
    expect((await s.status()).feeds[0].entities).toMatchObject({ matched: 1, rejected: 0, corrected: 1 });
    const unknown = await s.push(delayed(60), auth, 'nosuchfeed');
    expect(unknown.status).toBe(404);
    expect((await json<ErrorJson>(unknown)).error).toMatchObject({ code: 'unknown_feed', field: 'feed' });
    // the OpenAPI document has both routes
    const doc = await json<{ paths: Record<string, unknown> }>(await s.app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/realtime', '/api/admin/realtime/{feed}']));
  });

  test('truncated, corrupt and random bytes are refused with 422 and a reason; the previous overlay stays; the server keeps answering', async () => {
    const s = await setup();
    expect((await s.push(delayed(300))).status).toBe(200);
    const good = delayed(300);
    const rng = new Rng(20261124);
    const rnd = () => rng.next();
    const bodies: Uint8Array[] = [good.subarray(0, good.length - 3), Uint8Array.from([0xff, 0xff, 0xff]), new Uint8Array(0)];
    for (let i = 0; i < 300; i++) {
      const n = Math.floor(rnd() * 200);
      const b = new Uint8Array(n);
      for (let j = 0; j < n; j++) b[j] = Math.floor(rnd() * 256);
      // half the cases: a valid message with some bytes flipped
      if (i % 2 === 1) {
        const m = Uint8Array.from(good);
        for (let k = 0; k < 3; k++) m[Math.floor(rnd() * m.length)] = Math.floor(rnd() * 256);
        bodies.push(m);
      } else bodies.push(b);
    }
    let refused = 0;
    for (const body of bodies) {
      const res = await s.push(body);
      expect([200, 422]).toContain(res.status);
      if (res.status === 422) {
        refused++;
        const e = (await json<ErrorJson>(res)).error;
        expect(e.code).toBe('realtime_rejected');
        expect(e.field).toBe('body');
        expect(e.message.length).toBeGreaterThan(0);
      } else await res.body?.cancel();
    }
    expect(refused).toBeGreaterThan(250);
    expect((await s.push(bodies[0])).status).toBe(422);
    expect((await json<ErrorJson>(await s.push(new Uint8Array(0)))).error.message).toMatch(/header/);
    expect((await s.app.request('/api/health')).status).toBe(200);
    expect((await s.status()).feeds[0].messagesRefused).toBeGreaterThan(250);
    // a flipped byte may still decode: only check the plan still answers and, after one more good push, is live again
    expect((await s.push(delayed(300))).status).toBe(200);
    expect((await s.firstLeg()).delaySeconds).toBe(300);
  });

  test('a refused message keeps the previous overlay (corrupt right after a good one)', async () => {
    const s = await setup();
    expect((await s.push(delayed(300))).status).toBe(200);
    const res = await s.push(Uint8Array.from([0x0a, 0x05, 0x01]));
    expect(res.status).toBe(422);
    expect((await json<ErrorJson>(res)).error.message).toMatch(/not a GTFS-Realtime FeedMessage/);
    expect((await s.firstLeg()).delaySeconds).toBe(300);
    const st = await s.status();
    expect(st.feeds[0]).toMatchObject({ messagesAccepted: 1, messagesRefused: 1, lastError: expect.stringMatching(/not a GTFS-Realtime/) });
    expect(st.feeds[0].message).not.toBeNull();
  });

  test('a body over the realtime limit is 413', async () => {
    const state = new ServerState(async () => loaded(new Network(fixtureInput())));
    await state.load();
    const hub = new RealtimeHub(state, { maxBytes: 1000 }, () => NOW);
    const app = createApp(state, { adminToken: TOKEN, now: () => NOW, realtimeHub: hub, log: () => {} });
    const res = await app.request('/api/admin/realtime/f', { method: 'POST', headers: auth, body: new Uint8Array(5000) });
    expect(res.status).toBe(413);
    expect((await json<ErrorJson>(res)).error.code).toBe('body_too_large');
    // larger than the 64 KiB of other routes, within the realtime limit: accepted as a body
    const s = await setup();
    const big = message(Array.from({ length: 3000 }, (_, i) => ({ id: `u${i}`, tripUpdate: { trip: { tripId: `NOPE${i}` } } })));
    expect(big.length).toBeGreaterThan(64 * 1024);
    const ok = await s.push(big);
    expect(ok.status).toBe(200);
    expect((await json<{ entities: { unmatched: number } }>(ok)).entities.unmatched).toBe(3000);
  });
});

describe('realtime: expiry and reloads', () => {
  test('a message older than the max age (header timestamp) is refused; one in use expires as time passes; older than the one in use is refused', async () => {
    const s = await setup();
    const old = await s.push(delayed(300, nowS - 601));
    expect(old.status).toBe(422);
    expect((await json<ErrorJson>(old)).error.message).toMatch(/too old.*601 s old/);
    expect((await s.push(delayed(300, nowS - 60))).status).toBe(200);
    const older = await s.push(delayed(200, nowS - 120));
    expect(older.status).toBe(422);
    expect((await json<ErrorJson>(older)).error.message).toMatch(/older than the one in use/);
    const future = await s.push(delayed(200, nowS + 400));
    expect(future.status).toBe(422);
    expect((await json<ErrorJson>(future)).error.message).toMatch(/in the future/);
    expect((await s.firstLeg()).delaySeconds).toBe(300);
    s.clock.ms += 500 * 1000; // 560 s old: still in use
    expect((await s.status()).feeds[0].message?.ageSeconds).toBe(560);
    s.clock.ms += 60 * 1000; // 620 s old
    const st = await s.status();
    expect(st.feeds[0].message).toBeNull();
    expect(st.feeds[0].expiredAt).not.toBeNull();
    expect(st.liveRuns).toBe(0);
    expect((await s.firstLeg()).realtime).toBeUndefined();
  });

  test('a message without header timestamp expires by when it arrived; updates of runs finished long ago are dropped', async () => {
    const s = await setup();
    expect((await s.push(delayed(300, null))).status).toBe(200);
    s.clock.ms += 601 * 1000;
    expect((await s.status()).feeds[0].message).toBeNull();
    // 11:30, T1 finished 08:20 (+ 1 h grace): its update is not used
    s.clock.ms = Date.parse('2026-11-24T11:30:00+08:00');
    const res = await s.push(delayed(300, Math.floor(s.clock.ms / 1000)));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ entities: { matched: 0, unmatched: 1, unmatchedReasons: { 'trip already finished': 1 } }, liveRuns: 0 });
  });

  test('a network reload re-matches the message in use before the new network serves', async () => {
    const s = await setup();
    expect((await s.push(delayed(300))).status).toBe(200);
    s.next.net = new Network(fixtureInput({ first: '8:02', second: '9:00' }));
    await s.state.reload();
    const snap = s.state.snapshot()!;
    expect(snap.generation).toBe(2);
    expect(snap.realtime?.overlay?.entries.length).toBe(1); // in the very snapshot that serves
    expect(await s.firstLeg()).toMatchObject({ realtime: true, scheduledDeparture: '2026-11-24T08:02:00+08:00', departure: '2026-11-24T08:07:00+08:00', delaySeconds: 300 });
  });
});

describe('realtime: departures', () => {
  test('the departure board shows live times and leaves cancelled runs out', async () => {
    const s = await setup();
    const board = async () =>
      (await json<{ departures: { tripId: string; departure: string; realtime?: true; scheduledDeparture?: string; delaySeconds?: number }[] }>(await s.app.request('/api/stops/f:甲?time=2026-11-24T07:50&windowMinutes=180'))).departures;
    expect((await board()).map((d) => [d.tripId, d.departure.slice(11, 16)])).toEqual([['f:T1', '08:00'], ['f:T2', '09:00']]);
    const res = await s.push(
      message([
        { id: 'd1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 300 } }] } },
        { id: 'c2', tripUpdate: { trip: { tripId: 'T2', startDate: '20261124', scheduleRelationship: rt.TripDescriptor.ScheduleRelationship.CANCELED } } },
      ]),
    );
    expect(res.status).toBe(200);
    expect(await board()).toEqual([
      expect.objectContaining({ tripId: 'f:T1', departure: '2026-11-24T08:05:00+08:00', realtime: true, scheduledDeparture: '2026-11-24T08:00:00+08:00', delaySeconds: 300 }),
    ]);
    const after = await json<Plan>(await s.app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T08:10'));
    expect(after.itineraries.filter((i) => i.legs.some((l) => l.mode !== 'WALK'))).toEqual([]); // T2 cancelled: nothing after 08:05
  });
});

describe('realtime: DIFFERENTIAL messages', () => {
  test('a DIFFERENTIAL push updates the message in use entity by entity', async () => {
    const s = await setup();
    const diff = (entity: object[], timestamp: number) =>
      rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', timestamp, incrementality: rt.FeedHeader.Incrementality.DIFFERENTIAL }, entity })).finish();
    const late = (id: string, trip: string, delay: number) => ({ id, tripUpdate: { trip: { tripId: trip, startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay } }] } });
    expect((await s.push(message([late('d1', 'T1', 300), late('d2', 'T2', 600)]))).status).toBe(200);
    expect((await s.status()).liveRuns).toBe(2);
    // T1's entity replaced, T2's deleted: one live run, 2 min late
    expect((await s.push(diff([late('d1', 'T1', 120), { id: 'd2', isDeleted: true }], nowS + 1))).status).toBe(200);
    expect(await s.firstLeg()).toMatchObject({ realtime: true, delaySeconds: 120 });
    const st = await s.status();
    expect(st.liveRuns).toBe(1);
    expect(st.feeds[0].entities).toMatchObject({ total: 1, matched: 1 });
  });
});

describe('realtime: isochrones', () => {
  test('realtime=true draws the circles on live times (a cancelled run is missing); default and false: the timetable', async () => {
    const s = await setup();
    const reached = async (extra: string) => {
      const res = await s.app.request(`/api/isochrone?from=甲&depart=2026-11-24T07:50&cutoffs=40&cell=500${extra}`);
      expect(res.status).toBe(200);
      const body = await json<{ stops: { name: string; minutes: { p50: number } }[]; realtime?: true }>(res);
      return { realtime: body.realtime, stops: body.stops.map((x) => [x.name, x.minutes.p50]) };
    };
    const timetable = await reached('');
    expect(timetable.stops).toEqual(expect.arrayContaining([['乙', 20], ['丙', 30]]));
    expect(timetable.realtime).toBeUndefined();
    // no message in use yet: realtime=true is the timetable, and says nothing of live times
    expect(await reached('&realtime=true')).toEqual(timetable);
    const res = await s.push(message([{ id: 'c1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124', scheduleRelationship: rt.TripDescriptor.ScheduleRelationship.CANCELED } } }]));
    expect(res.status).toBe(200);
    const live = await reached('&realtime=true');
    expect(live.realtime).toBe(true);
    expect(live.stops.map(([n]) => n)).not.toContain('乙'); // the next run, at 09:00, is past the 40 min
    expect(live.stops.map(([n]) => n)).not.toContain('丙');
    expect(await reached('&realtime=false')).toEqual(timetable);
    const bad = await s.app.request('/api/isochrone?from=甲&depart=2026-11-24T07:50&realtime=yes');
    expect(bad.status).toBe(400);
    expect((await json<ErrorJson>(bad)).error).toMatchObject({ code: 'bad_parameter', field: 'realtime' });
  });
});

describe('realtime: alerts', () => {
  const alerts = (periods: { start?: number; end?: number }[] = []) =>
    message([
      {
        id: 'a-stop',
        alert: {
          activePeriod: periods,
          informedEntity: [{ stopId: '丙' }],
          cause: rt.Alert.Cause.CONSTRUCTION,
          effect: rt.Alert.Effect.REDUCED_SERVICE,
          headerText: { translation: [{ text: '丙站施工', language: 'zh' }, { text: 'Works at Bing', language: 'en' }] },
          descriptionText: { translation: [{ text: '出口B关闭', language: 'zh' }, { text: 'Exit B closed', language: 'en' }] },
          url: { translation: [{ text: 'https://example.test/a', language: 'en' }] },
        },
      },
      { id: 'a-route-bus', alert: { informedEntity: [{ routeId: 'B' }], headerText: { translation: [{ text: 'bus diverted' }] } } },
      { id: 'a-trip', alert: { informedEntity: [{ trip: { tripId: 'T1' } }], headerText: { translation: [{ text: 'T1 short formed' }] } } },
      { id: 'a-route-stop', alert: { informedEntity: [{ routeId: 'B', stopId: '丙' }], headerText: { translation: [{ text: 'B at Bing' }] } } },
      { id: 'a-none', alert: { headerText: { translation: [{ text: 'informs nothing' }] } } },
    ]);

  test('alerts attach to the legs whose stop, route or trip they inform, in the language asked for', async () => {
    const s = await setup();
    const res = await s.push(alerts());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ entities: { alerts: 5, matched: 4, unmatched: 1, unmatchedReasons: { 'alert informs no agency, route, trip or stop': 1 } } });
    const leg = await s.firstLeg();
    expect(leg.alerts?.map((a) => a.id)).toEqual(['f:a-stop', 'f:a-trip']);
    expect(leg.alerts?.[0]).toEqual({ id: 'f:a-stop', header: '丙站施工', description: '出口B关闭', url: 'https://example.test/a', effect: 'REDUCED_SERVICE', cause: 'CONSTRUCTION', activePeriods: [] });
    const en = await s.firstLeg('from=甲&to=丙&depart=2026-11-24T07:50&lang=en');
    expect(en.alerts?.[0]).toMatchObject({ header: 'Works at Bing', description: 'Exit B closed' });
    // the 9:00 run: only the stop alert (the trip alert is T1's)
    const later = await s.firstLeg('from=甲&to=丙&depart=2026-11-24T08:30');
    expect(later.alerts?.map((a) => a.id)).toEqual(['f:a-stop']);
    // the bus leg 丁 → 乙 gets the bus route alert, not the stop-on-route one (it does not stop at 丙)
    const bus = await s.firstLeg('from=丁&to=乙&depart=2026-11-24T08:00');
    expect(bus.alerts?.map((a) => a.id)).toEqual(['f:a-route-bus']);
    const bad = await s.app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:50&lang=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect((await json<ErrorJson>(bad)).error.field).toBe('lang');
    // the stop answer lists the alerts naming it
    const stop = await json<{ alerts: { id: string; header: string }[] }>(await s.app.request('/api/stops/f:丙?time=2026-11-24T08:00&lang=en'));
    expect(stop.alerts.map((a) => a.id)).toEqual(['f:a-stop', 'f:a-route-stop']);
    expect(stop.alerts[0].header).toBe('Works at Bing');
    expect((await json<{ alerts: unknown[] }>(await s.app.request('/api/stops/f:甲?time=2026-11-24T08:00'))).alerts).toEqual([]);
  });

  test('an agency or route-type alert reaches the legs of that agency / type only', async () => {
    const s = await setup();
    const input = fixtureInput();
    input.routes[0].agencyId = 'f:RAIL';
    input.routes[1].agencyId = 'f:BUSCO';
    s.next.net = new Network(input);
    await s.state.reload();
    expect(
      (await s.push(message([
        { id: 'ag', alert: { informedEntity: [{ agencyId: 'RAIL' }], headerText: { translation: [{ text: 'rail strike' }] } } },
        { id: 'bus', alert: { informedEntity: [{ routeType: 3 }], headerText: { translation: [{ text: 'all buses' }] } } },
      ]))).status,
    ).toBe(200);
    expect((await s.firstLeg()).alerts?.map((a) => a.id)).toEqual(['f:ag']);
    expect((await s.firstLeg('from=丁&to=乙&depart=2026-11-24T08:00')).alerts?.map((a) => a.id)).toEqual(['f:bus']);
  });

  test('an alert attaches only when active during the leg; periods are ISO local times', async () => {
    const s = await setup();
    const at = (t: string) => Math.floor(Date.parse(`2026-11-24T${t}:00+08:00`) / 1000);
    expect((await s.push(alerts([{ start: at('08:30'), end: at('10:00') }]))).status).toBe(200);
    const early = await s.firstLeg(); // 8:00–8:20
    expect(early.alerts?.map((a) => a.id)).toEqual(['f:a-trip']);
    const later = await s.firstLeg('from=甲&to=丙&depart=2026-11-24T08:30'); // 9:00–9:20
    expect(later.alerts?.[0]).toMatchObject({ id: 'f:a-stop', activePeriods: [{ start: '2026-11-24T08:30:00+08:00', end: '2026-11-24T10:00:00+08:00' }] });
    expect((await s.status()).alerts).toBe(4);
  });
});
