/**
 * Feature under test: GET /api/isochrone — the parameters and GeoJSON of `jjj isochrone --json`
 * (the answer equals the core's for the same raw parameters, and on the bundled region the built
 * CLI's output byte for byte), `format=svg`, bad parameters answered 400 naming the field, unknown
 * places/feeds/routes named, the work bounds (cells × minutes, cells × polygons) refused before the
 * work is done, the time budget stopping the computation, 503 while loading, and the OpenAPI entry.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { beforeAll, describe, expect, test } from 'vitest';
import { isochroneOptions, isochroneTitle, type RawIsochroneParams } from '../../src/app/isochrone-params.js';
import { bundledFeeds, loadNetwork, PACKAGE_ROOT } from '../../src/app/load.js';
import { seededRandom } from '../../src/core/isochrone.js';
import { isochrones, type IsochroneResult } from '../../src/core/isochrone-plan.js';
import { Network } from '../../src/core/network.js';
import { isochroneSvg } from '../../src/core/svg.js';
import { createApp } from '../../src/server/app.js';
import { HTTP_ISOCHRONE_LIMITS } from '../../src/server/routes/isochrone.js';
import { ServerState } from '../../src/server/state.js';
import { tiny } from '../core/helpers.js';
import { fixture, json, readyApp, readyState, type ErrorJson } from './helpers.js';

const ZONE = 'Asia/Shanghai';

/** What the core answers for the same raw parameters (the CLI's path). */
function coreAnswer(net: Network, raw: RawIsochroneParams): IsochroneResult {
  return JSON.parse(JSON.stringify(isochrones(net, isochroneOptions(raw, ZONE)))) as IsochroneResult;
}

function url(params: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x);
  return `/api/isochrone?${q}`;
}

describe('GET /api/isochrone on a small network', async () => {
  const net = fixture();
  const { app } = await readyApp({}, net);

  test('answers the core GeoJSON for the same parameters: nested circles, reached stops', async () => {
    const raw = { from: '甲', depart: '2026-11-24T07:55', cutoffs: '15,30', cell: '200' };
    const res = await app.request(url(raw));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json<IsochroneResult>(res);
    expect(body).toEqual(coreAnswer(net, raw));
    expect(body.type).toBe('FeatureCollection');
    const area = (c: number) => body.features.find((f) => f.properties.cutoffMinutes === c)!.properties.areaKm2;
    expect(area(30)).toBeGreaterThan(area(15));
    // 8:00 train: 乙 at 8:10 (15 min after 07:55), 丙 at 8:20 (25 min)
    expect(body.stops.find((s) => s.name === '丙')?.minutes).toEqual({ p50: 25 });
  });

  test('arrive-by with a window and percentiles, as the core', async () => {
    const raw = { to: '丙', arrive: '2026-11-24T09:30', window: '08:30-09:30', percentiles: '50,90', cutoffs: '60', maxWalkMinutes: '10', maxTransfers: '1', modes: 'rail' };
    const res = await app.request(url(raw));
    expect(res.status).toBe(200);
    const body = await json<IsochroneResult>(res);
    expect(body).toEqual(coreAnswer(net, raw));
    expect(body.samples).toBe(61);
    expect(body.features.map((f) => f.properties.percentile).sort()).toEqual([50, 90]);
  });

  test('a scenario: excludeRoute repeated or as a comma list gives the same comparison as the core', async () => {
    const base = { from: '甲', depart: '2026-11-24T07:55', cutoffs: '30', cell: '200' };
    const repeated = await app.request(url({ ...base, excludeRoute: ['R1', 'B'] }));
    const comma = await app.request(url({ ...base, excludeRoute: 'R1,B' }));
    expect(repeated.status).toBe(200);
    const a = await json<IsochroneResult>(repeated);
    expect(await json<IsochroneResult>(comma)).toEqual(a);
    expect(a).toEqual(coreAnswer(net, { ...base, excludeRoute: ['R1', 'B'] }));
    expect(a.comparison?.[0]).toMatchObject({ cutoffMinutes: 30, stops: expect.any(Number), stopsWithout: expect.any(Number) });
    expect(a.comparison![0].placesLost).toContain('丙');
    expect(a.features.some((f) => f.properties.kind === 'lost' && f.properties.areaKm2 > 0)).toBe(true);
    const byFeed = await app.request(url({ ...base, excludeFeed: 'f' }));
    expect(byFeed.status).toBe(200);
  });

  test('format=svg answers the SVG picture of the same circles', async () => {
    const raw = { to: '丙', arrive: '2026-11-24T09:30', cutoffs: '30,60' };
    const res = await app.request(url({ ...raw, format: 'svg' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const text = await res.text();
    expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const o = isochroneOptions(raw, ZONE);
    expect(text).toBe(isochroneSvg(net, isochrones(net, o), isochroneTitle(raw, o)));
  });

  test('bad input → 400 naming the field', async () => {
    const ok = { from: '甲', depart: '2026-11-24T07:55' };
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ depart: '2026-11-24T07:55' }, 'from', 'bad_parameter'],
      [{ from: '甲', to: '丙', depart: '2026-11-24T07:55' }, 'to', 'bad_parameter'],
      [{ from: '甲' }, 'depart', 'bad_parameter'],
      [{ to: '丙', depart: '2026-11-24T07:55' }, 'arrive', 'bad_parameter'],
      [{ from: '甲', depart: 'yesterday' }, 'depart', 'bad_parameter'],
      [{ ...ok, cutoffs: '30,abc' }, 'cutoffs', 'bad_parameter'],
      [{ ...ok, cutoffs: '0' }, 'cutoffs', 'bad_parameter'],
      [{ ...ok, cutoffs: '241' }, 'cutoffs', 'bad_parameter'],
      [{ ...ok, cutoffs: '10,20,30,40,50,60,70,80,90' }, 'cutoffs', 'bad_parameter'],
      [{ ...ok, cutoffs: ['30', '60'] }, 'cutoffs', 'bad_parameter'],
      [{ ...ok, window: '7-9' }, 'window', 'bad_parameter'],
      [{ ...ok, window: '09:00-07:00' }, 'window', 'bad_parameter'],
      [{ ...ok, window: '05:00-09:01' }, 'window', 'bad_parameter'],
      [{ ...ok, percentiles: '101' }, 'percentiles', 'bad_parameter'],
      [{ ...ok, percentiles: '10,20,30,40,50,60' }, 'percentiles', 'bad_parameter'],
      [{ ...ok, cell: '10' }, 'cell', 'bad_parameter'],
      [{ ...ok, cell: 'big' }, 'cell', 'bad_parameter'],
      [{ ...ok, maxWalkMinutes: '61' }, 'maxWalkMinutes', 'bad_parameter'],
      [{ ...ok, maxTransfers: '11' }, 'maxTransfers', 'bad_parameter'],
      [{ ...ok, modes: 'plane' }, 'modes', 'bad_parameter'],
      [{ ...ok, format: 'png' }, 'format', 'bad_parameter'],
      [{ ...ok, excludeFeed: Array.from({ length: 21 }, (_, i) => `f${i}`) }, 'excludeFeed', 'bad_parameter'],
      [{ ...ok, excludeRoute: 'x'.repeat(201) }, 'excludeRoute', 'bad_parameter'],
      [{ ...ok, excludeFeed: 'nope' }, 'excludeFeed', 'unknown_scenario'],
      [{ ...ok, excludeRoute: 'R1,nope' }, 'excludeRoute', 'unknown_scenario'],
      [{ from: '火星', depart: '2026-11-24T07:55' }, 'from', 'unknown_place'],
      [{ to: '火星', arrive: '2026-11-24T07:55' }, 'to', 'unknown_place'],
    ];
    for (const [params, field, code] of cases) {
      const res = await app.request(url(params));
      const body = await json<ErrorJson>(res);
      expect([res.status, body.error?.field, body.error?.code], JSON.stringify(params)).toEqual([400, field, code]);
      expect(body.error.message.length, JSON.stringify(params)).toBeGreaterThan(5);
    }
  });

  test('503 while the network loads', async () => {
    const app = createApp(new ServerState(() => new Promise(() => {})));
    const res = await app.request(url({ from: '甲', depart: '2026-11-24T07:55' }));
    expect(res.status).toBe(503);
    expect((await json<ErrorJson>(res)).error.code).toBe('not_ready');
  });

  test('the computation stops once the time budget is spent: 503 timeout, logged', async () => {
    let calls = 0;
    let t = 0;
    const { app, logs } = await readyApp({ budgetMs: 1000, clock: () => (calls++, (t += 300)) });
    const res = await app.request(url({ from: '甲', depart: '2026-11-24T07:00', window: '07:00-08:00' }));
    expect(res.status).toBe(503);
    expect((await json<ErrorJson>(res)).error).toEqual({ code: 'timeout', message: 'the request took longer than its time budget of 1000 ms', field: null });
    expect(logs.join('\n')).toMatch(/GET \/api\/isochrone took \d+ ms, over the 1000 ms budget/);
    // checked between the 61 searches, and stopped after a few of them
    expect(calls).toBeGreaterThan(3);
    expect(calls).toBeLessThan(15);
  });

  test('random and garbage parameters: always a documented status, JSON errors, never the error handler', async () => {
    const { app, logs } = await readyApp({}, net);
    const rand = seededRandom(Number(process.env.JJJ_FUZZ_SEED ?? 5));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const pools: Record<string, string[]> = {
      from: ['甲', '丙', 'f:甲', '甲站', '39.9,116.4', '91,200', '火星', '', '\u0000', '😀'.repeat(70), 'a'.repeat(201)],
      to: ['丙', '乙', '39.95,116.45', '', '%'],
      depart: ['2026-11-24T07:55', '2026-11-24T07:55+08:00', '2026-13-40T25:61', 'yesterday', '', '9999-12-31T23:59'],
      arrive: ['2026-11-24T09:30', '0000-01-01T00:00', 'now', ''],
      cutoffs: ['30', '15,30', '0', '241', '1,2,3,4,5,6,7,8,9', '30,,60', '-5', '1e3', ' 30 , 60 ', ''],
      window: ['07:00-08:00', '07:00-07:05', '09:00-07:00', '00:00-23:59', '7-9', '25:00-26:00', ''],
      percentiles: ['50', '10,90', '0', '101', '1,2,3,4,5,6', 'p50', ''],
      cell: ['250', '50', '5000', '49', '5001', 'x', '1.5', ''],
      maxWalkMinutes: ['0', '20', '60', '61', '-1', ''],
      maxTransfers: ['0', '4', '10', '11', 'NaN'],
      modes: ['rail', 'rail,bus', 'rocket', ',', ''],
      excludeFeed: ['f', 'nope', 'f,f', ''],
      excludeRoute: ['R1', 'B,R1', 'f:R1', 'nope', ''],
      format: ['json', 'svg', 'png', ''],
    };
    const statuses = new Set<number>();
    for (let i = 0; i < 250; i++) {
      const params: Record<string, string | string[]> = {};
      for (const [k, vs] of Object.entries(pools)) if (rand() < (k === 'from' || k === 'depart' ? 0.8 : 0.3)) params[k] = rand() < 0.05 ? [pick(vs), pick(vs)] : pick(vs);
      const res = await app.request(url(params));
      statuses.add(res.status);
      expect([200, 400, 503], `${url(params)} → ${res.status}`).toContain(res.status);
      if (res.status !== 200) expect((await json<ErrorJson>(res)).error.code, url(params)).toMatch(/^[a-z_]+$/);
      else await res.arrayBuffer();
    }
    expect(statuses.has(200) && statuses.has(400)).toBe(true);
    expect(logs.filter((l) => /internal error/.test(l))).toEqual([]);
  }, 60_000);

  test('listed in the OpenAPI document with its parameters', async () => {
    const doc = await json<{ paths: Record<string, { get?: { parameters?: { name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> } }> }>(await app.request('/api/openapi.json'));
    const op = doc.paths['/api/isochrone']?.get;
    expect(op).toBeDefined();
    const names = op!.parameters!.map((p) => p.name);
    for (const n of ['from', 'to', 'depart', 'arrive', 'cutoffs', 'window', 'percentiles', 'cell', 'maxWalkMinutes', 'maxTransfers', 'modes', 'excludeFeed', 'excludeRoute', 'format']) expect(names).toContain(n);
    expect(Object.keys(op!.responses['200'].content!)).toEqual(['application/json', 'image/svg+xml']);
  });
});

describe('GET /api/isochrone work bounds', async () => {
  // A fast line 300 km north: within the hour the grid is a strip ~6,000 cells of 50 m long.
  const net = new Network(
    tiny({
      stops: ['南', '北'],
      coords: { 南: [39.0, 116.4], 北: [41.7, 116.4] },
      trips: Array.from({ length: 12 }, (_, i) => ({ id: `T${i}`, route: 'L', type: 2, times: `南 ${7 + Math.floor(i / 4)}:${String((i % 4) * 15).padStart(2, '0')}, 北 ${8 + Math.floor(i / 4)}:${String((i % 4) * 15).padStart(2, '0')}` })),
    }),
  );
  const { app } = await readyApp({}, net);
  const heavy = { from: '南', depart: '2026-11-24T07:00', cutoffs: '61', cell: '50' };

  test('cells × sampled minutes over the bound → 400 naming window, before the surfaces are built', async () => {
    const t0 = performance.now();
    const res = await app.request(url({ ...heavy, window: '07:00-10:59' }));
    const body = await json<ErrorJson>(res);
    expect([res.status, body.error.code, body.error.field]).toEqual([400, 'too_large', 'window']);
    expect(body.error.message).toMatch(/at most 40000000/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test('cells × polygons over the bound → 400 naming cell; the same grid with one polygon is answered', async () => {
    const many = await app.request(url({ ...heavy, cutoffs: '20,30,40,50,61,70,80,90', percentiles: '10,30,50,70,90' }));
    const body = await json<ErrorJson>(many);
    expect([many.status, body.error.code, body.error.field]).toEqual([400, 'too_large', 'cell']);
    const one = await app.request(url(heavy));
    expect(one.status).toBe(200);
    const fc = await json<IsochroneResult>(one);
    expect(fc.stops.map((s) => s.name).sort()).toEqual(['北', '南']);
  });

  test('the bounds are the exported ones', () => {
    expect(HTTP_ISOCHRONE_LIMITS).toEqual({ cellSamples: 40_000_000, contourCells: 4_000_000 });
  });
});

const CLI = join(PACKAGE_ROOT, 'dist/src/cli/main.js');

describe.skipIf(bundledFeeds().length === 0)('GET /api/isochrone on the bundled region', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jjj-iso-http-'));
  const db = join(dir, 'region.sqlite');
  let net: Network;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    net = (await loadNetwork({ feeds: bundledFeeds(), db, progress: false })).network;
    app = createApp(await readyState(net), { log: () => {} });
  }, 120_000);

  test('the HTTP answer is the CLI --json output, byte for byte (scenario, window, percentiles)', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build (npm test does)`);
    const r = spawnSync(
      process.execPath,
      [CLI, 'isochrone', '--db', db, '--to', '国贸', '--arrive', '2026-11-24T09:00', '--window', '08:00-09:00', '--cutoffs', '30,60', '--percentiles', '50,90', '--exclude-feed', 'metro-line22', '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const res = await app.request(url({ to: '国贸', arrive: '2026-11-24T09:00', window: '08:00-09:00', cutoffs: '30,60', percentiles: '50,90', excludeFeed: 'metro-line22' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(r.stdout.trimEnd());
  }, 120_000);

  test('the 60-minute arrive-by circle for 国贸 at 09:00 contains 燕郊 and not 石家庄; without Line 22 燕郊 is lost', async () => {
    const res = await app.request(url({ to: '国贸', arrive: '2026-11-24T09:00', cutoffs: '60', excludeFeed: 'metro-line22' }));
    const fc = await json<IsochroneResult>(res);
    const circle = fc.features.find((f) => f.properties.kind === 'isochrone' && f.properties.scenario === 'network')!;
    const without = fc.features.find((f) => f.properties.kind === 'isochrone' && f.properties.scenario === 'without')!;
    const at = (id: string) => {
      const s = net.input.stops[net.stopById(id)[0]];
      return [s.lon, s.lat];
    };
    expect(booleanPointInPolygon(at('metro-line22:yanjiao'), circle.geometry)).toBe(true);
    expect(booleanPointInPolygon(at('intercity-rail:shijiazhuang'), circle.geometry)).toBe(false);
    expect(booleanPointInPolygon(at('metro-line22:yanjiao'), without.geometry)).toBe(false);
    expect(fc.comparison![0].lostKm2).toBeGreaterThan(0);
  });

  test('the heaviest requests are refused at once or answered within the budget', async () => {
    const worst = { to: '国贸', arrive: '2026-11-24T09:00', cutoffs: '240', maxTransfers: '10', maxWalkMinutes: '60' };
    let t0 = performance.now();
    const refused = await app.request(url({ ...worst, window: '05:00-09:00', cell: '50', percentiles: '10,30,50,70,90' }));
    expect(refused.status).toBe(400);
    expect((await json<ErrorJson>(refused)).error.code).toBe('too_large');
    expect(performance.now() - t0).toBeLessThan(3000);
    t0 = performance.now();
    const whole = await app.request(url(worst)); // the whole region at 250 m: ~1.7M cells, one polygon
    expect(whole.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(5000);
  }, 30_000);
});
