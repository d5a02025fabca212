/**
 * Feature under test: the HTTP API's happy paths and answers — /api/plan takes the CLI's parameters
 * and answers its JSON; bad input is a 400 naming the field; an unknown place is named;
 * /api/health tells readiness; /api/stops searches names; /api/stops/{id} lists departures;
 * /api/feeds, /api/config and /api/network describe what is loaded.
 */
import { describe, expect, test } from 'vitest';
import { Network } from '../../src/core/network.js';
import { createApp } from '../../src/server/app.js';
import { ServerState } from '../../src/server/state.js';
import { tiny } from '../core/helpers.js';
import { fixture, json, NOW, readyApp, readyState, type ErrorJson } from './helpers.js';

const net = new Network(
  tiny({
    stops: ['甲', '乙', '丙'],
    trips: [
      { id: 'R1', type: 2, times: '甲 8:00, 乙 8:10, 丙 8:20' },
      { id: 'R2', type: 2, times: '甲 9:00, 乙 9:10, 丙 9:20' },
    ],
  }),
);
const loading = () => new ServerState(() => new Promise(() => {}));

describe('GET /api/plan', async () => {
  const app = createApp(await readyState(net));

  test('answers itineraries with ISO times and offsets', async () => {
    const res = await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:55');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json<{ itineraries: { departure: string; arrival: string; legs: { mode: string; routeId: string }[] }[] }>(res);
    expect(body.itineraries).toHaveLength(1);
    expect(body.itineraries[0].departure).toBe('2026-11-24T08:00:00+08:00');
    expect(body.itineraries[0].arrival).toBe('2026-11-24T08:20:00+08:00');
    expect(body.itineraries[0].legs.map((l) => l.mode)).toEqual(['RAIL']);
  });

  test('arrive-by', async () => {
    const res = await app.request('/api/plan?from=f:甲&to=f:丙&arrive=2026-11-24T09:15');
    const body = await json<{ itineraries: { departure: string }[] }>(res);
    expect(body.itineraries[0].departure).toBe('2026-11-24T08:00:00+08:00');
  });

  test('percent-encoded Chinese and every optional parameter', async () => {
    const q = new URLSearchParams({ from: '甲', to: '丙', depart: '2026-11-24T07:55+08:00', maxTransfers: '0', modes: 'rail,bus', maxWalk: '500', transferSlack: '120', maxHours: '2' });
    const res = await app.request(`/api/plan?${q}`);
    expect(res.status).toBe(200);
    expect((await json<{ itineraries: unknown[] }>(res)).itineraries).toHaveLength(1);
  });

  test('bad input → 400 naming the field, unknown place → named', async () => {
    const cases: [string, string, string][] = [
      ['/api/plan?to=丙&depart=2026-11-24T08:00', 'from', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙', 'depart', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&arrive=2026-11-24T09:00', 'arrive', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=yesterday', 'depart', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&maxTransfers=-1', 'maxTransfers', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&maxTransfers=11', 'maxTransfers', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&maxHours=1441', 'maxHours', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&maxWalk=5001', 'maxWalk', 'bad_parameter'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&modes=rocket', 'modes', 'bad_parameter'],
      ['/api/plan?from=甲&from=乙&to=丙&depart=2026-11-24T08:00', 'from', 'bad_parameter'],
      [`/api/plan?from=${'x'.repeat(201)}&to=丙&depart=2026-11-24T08:00`, 'from', 'bad_parameter'],
      ['/api/plan?from=甲&to=Atlantis&depart=2026-11-24T08:00', 'to', 'unknown_place'],
      ['/api/plan?from=91,200&to=丙&depart=2026-11-24T08:00', 'from', 'unknown_place'],
    ];
    for (const [url, field, code] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      const body = await json<ErrorJson>(res);
      expect(body.error.field, url).toBe(field);
      expect(body.error.code, url).toBe(code);
      if (code === 'bad_parameter') expect(body.error.message.toLowerCase(), url).toContain(field.replace(/s$/, '').toLowerCase());
    }
    const res = await app.request('/api/plan?from=甲&to=Atlantis&depart=2026-11-24T08:00');
    expect((await json<ErrorJson>(res)).error.message).toContain('Atlantis');
  });

  test('no journey is an empty list, not an error', async () => {
    const res = await app.request('/api/plan?from=丙&to=甲&depart=2026-11-24T08:00');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ itineraries: [] });
  });

  test('503 not_ready while the network loads', async () => {
    const res = await createApp(loading()).request('/api/plan?from=a&to=b&depart=2026-11-24T08:00');
    expect(res.status).toBe(503);
    expect((await json<ErrorJson>(res)).error.code).toBe('not_ready');
  });
});

describe('GET /api/health', () => {
  test('503 loading, 503 failed (with the reason), 200 ok', async () => {
    const l = await createApp(loading()).request('/api/health');
    expect(l.status).toBe(503);
    expect(await l.json()).toMatchObject({ status: 'loading', error: { code: 'not_ready' } });

    const broken = new ServerState(async () => {
      throw new Error('feed "x": stops.txt is missing');
    });
    await expect(broken.load()).rejects.toThrow();
    const f = await createApp(broken).request('/api/health');
    expect(f.status).toBe(503);
    expect(await f.json()).toMatchObject({ status: 'failed', lastError: 'feed "x": stops.txt is missing', error: { code: 'load_failed' } });

    const { app } = await readyApp();
    const ok = await app.request('/api/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', feeds: ['f'], generation: 1, reloading: false, stops: 5, trips: 3 });
  });
});

describe('GET /api/stops', async () => {
  const { app } = await readyApp();
  const search = async (q: string, extra = '') =>
    (await json<{ stops: { id: string; name: string }[] }>(await app.request(`/api/stops?q=${encodeURIComponent(q)}${extra}`))).stops;

  test('Chinese and English, exact before prefix before substring', async () => {
    expect((await search('甲')).map((s) => s.id)).toEqual(['f:甲', 'f:JIA']); // exact, then prefix
    expect((await search('jia')).map((s) => s.name)).toEqual(['甲', '甲站']);
    expect((await search('Station')).map((s) => s.name)).toEqual(['甲站']);
    expect((await search('i')).map((s) => s.name)).toEqual(['甲', '乙', '丙', '丁', '甲站']);
    const [yi] = await search('yi');
    expect(yi).toEqual({ id: 'f:乙', name: '乙', names: { en: 'Yi' }, lat: 39.95, lon: 116.4, feed: 'f', modes: ['rail', 'bus'] });
  });

  test('limit, and 400 naming q or limit', async () => {
    expect(await search('i', '&limit=2')).toHaveLength(2);
    for (const [url, field] of [
      ['/api/stops', 'q'],
      ['/api/stops?q=', 'q'],
      ['/api/stops?q=%20%20', 'q'],
      [`/api/stops?q=${'x'.repeat(101)}`, 'q'],
      ['/api/stops?q=a&limit=0', 'limit'],
      ['/api/stops?q=a&limit=51', 'limit'],
      ['/api/stops?q=a&limit=ten', 'limit'],
    ]) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      expect((await json<ErrorJson>(res)).error, url).toMatchObject({ code: 'bad_parameter', field });
    }
  });
});

describe('GET /api/stops/{id}', async () => {
  const { app } = await readyApp();
  type Detail = { stop: { id: string; parent?: { id: string }; platforms?: { id: string; platformCode?: string }[] }; time: string; departures: { departure: string; routeId: string; destination: { name: string } }[] };

  test('a platform: next departures from now, with the parent station', async () => {
    const res = await app.request(`/api/stops/${encodeURIComponent('f:甲')}`);
    expect(res.status).toBe(200);
    const body = await json<Detail>(res);
    expect(body.stop.parent).toEqual({ id: 'f:JIA', name: '甲站' });
    expect(body.time).toBe('2026-11-24T07:55:00+08:00');
    expect(body.departures.map((d) => d.departure)).toEqual(['2026-11-24T08:00:00+08:00', '2026-11-24T09:00:00+08:00']);
    expect(body.departures[0]).toMatchObject({ routeId: 'f:R1', destination: { name: '丙' }, mode: 'RAIL', serviceDate: '2026-11-24' });
  });

  test('a station lists its platforms and their departures; bare ids; time, window, limit', async () => {
    const body = await json<Detail>(await app.request('/api/stops/JIA?time=2026-11-24T08:30&windowMinutes=60&limit=5'));
    expect(body.stop.platforms).toMatchObject([{ id: 'f:甲', platformCode: '1' }]);
    expect(body.departures.map((d) => d.departure)).toEqual(['2026-11-24T09:00:00+08:00']);
    const one = await json<Detail>(await app.request('/api/stops/f:JIA?time=2026-11-24T07:00&limit=1&windowMinutes=1440'));
    expect(one.departures).toHaveLength(1);
  });

  test('unknown stop → 404 naming it; bad parameters → 400 naming them', async () => {
    const res = await app.request('/api/stops/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'unknown_stop', message: 'unknown stop "nowhere"', field: 'id' } });
    for (const [url, field] of [
      ['/api/stops/JIA?time=noon', 'time'],
      ['/api/stops/JIA?windowMinutes=1441', 'windowMinutes'],
      ['/api/stops/JIA?limit=101', 'limit'],
      [`/api/stops/${'x'.repeat(201)}`, 'id'],
    ]) {
      const r = await app.request(url);
      expect(r.status, url).toBe(400);
      expect((await json<ErrorJson>(r)).error.field, url).toBe(field);
    }
  });

  test('a bare id in two feeds is ambiguous (400), the namespaced one works', async () => {
    const input = tiny({ stops: ['A', 'B'], trips: [{ id: 'T', times: 'A 8:00, B 8:10' }] });
    input.feeds.push({ ...input.feeds[0], name: 'g' });
    input.stops.push({ ...input.stops[0], id: 'g:A', feed: 1 });
    const two = await readyApp({}, new Network(input));
    const res = await two.app.request('/api/stops/A');
    expect(res.status).toBe(400);
    expect((await json<ErrorJson>(res)).error).toMatchObject({ code: 'ambiguous_stop', field: 'id' });
    expect((await two.app.request('/api/stops/g:A')).status).toBe(200);
  });
});

describe('GET /api/feeds, /api/config, /api/network', async () => {
  const { app } = await readyApp({ tileUrl: 'https://tile.example/{z}/{x}/{y}.png', tileAttribution: '© example' });

  test('feeds: names, relative paths, validity, counts, issue totals', async () => {
    const body = await json<Record<string, unknown>>(await app.request('/api/feeds'));
    expect(body).toMatchObject({
      feeds: [{ name: 'f', path: 'data/gtfs/f', timezone: 'Asia/Shanghai', startDate: '2026-11-23', endDate: '2026-12-31', counts: { stops: 5 } }],
      issues: { errors: 2, warnings: 4, byCode: { bad_coordinate: 3, unknown_shape: 3 } },
      reused: true,
      generation: 1,
      timings: { importMs: 12, compileMs: 4 },
    });
    expect(typeof body.loadedAt).toBe('string');
  });

  test('config: tiles from options, view over the stops, zone, tomorrow as default date', async () => {
    const body = await json<Record<string, unknown>>(await app.request('/api/config'));
    expect(body).toMatchObject({ tileUrl: 'https://tile.example/{z}/{x}/{y}.png', tileAttribution: '© example', timezone: 'Asia/Shanghai', defaultDate: '2026-11-25' });
    const [lat, lon] = body.center as [number, number];
    expect(lat).toBeGreaterThan(39.9);
    expect(lat).toBeLessThan(40);
    expect(lon).toBeGreaterThanOrEqual(116.4);
    expect(body.zoom).toBeGreaterThanOrEqual(8);
    const late = createApp(await readyState(), { now: () => Date.parse('2027-03-01T00:00:00Z') });
    expect(await json(await late.request('/api/config'))).toMatchObject({ tileUrl: null, defaultDate: '2026-11-23' });
  });

  test('network: a line per route (shape when there is one), a point per served station or stop', async () => {
    const res = await app.request('/api/network');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    type F = { geometry: { type: string; coordinates: number[][] | number[] }; properties: Record<string, unknown> };
    const body = await json<{ type: string; features: F[] }>(res);
    expect(body.type).toBe('FeatureCollection');
    const routes = body.features.filter((f) => f.properties.kind === 'route');
    expect(routes.map((f) => f.properties)).toEqual([
      { kind: 'route', feed: 'f', routeId: 'f:R1', name: 'R1', longName: 'Jia–Bing line', mode: 'rail', color: '#C23A30' },
      { kind: 'route', feed: 'f', routeId: 'f:B', name: 'B', longName: null, mode: 'bus', color: null },
    ]);
    expect(routes[0].geometry.coordinates).toHaveLength(5); // the shape
    expect(routes[1].geometry.coordinates).toEqual([[116.5, 39.95], [116.4, 39.95]]);
    const stops = body.features.filter((f) => f.properties.kind === 'stop').map((f) => f.properties);
    expect(stops.map((s) => s.id)).toEqual(['f:乙', 'f:丙', 'f:丁', 'f:JIA']);
    expect(stops[3]).toEqual({ kind: 'stop', id: 'f:JIA', name: '甲站', names: { en: 'Jia Station' }, feed: 'f', modes: ['rail'] });
    expect(await (await app.request('/api/network')).text()).toBe(JSON.stringify(body)); // cached text
  });

  test('503 while loading', async () => {
    for (const p of ['/api/feeds', '/api/config', '/api/network', '/api/stops?q=a', '/api/stops/a']) {
      const res = await createApp(loading()).request(p);
      expect(res.status, p).toBe(503);
      expect((await json<ErrorJson>(res)).error.code, p).toBe('not_ready');
    }
  });
});

describe('unknown routes', () => {
  test('are JSON 404s', async () => {
    const app = createApp(await readyState(fixture()));
    for (const [method, path] of [['GET', '/api/nothing'], ['POST', '/api/plan'], ['DELETE', '/api/stops'], ['GET', '/api/plan/']]) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await json<ErrorJson>(res)).error.code).toBe('not_found');
    }
    void NOW;
  });
});
