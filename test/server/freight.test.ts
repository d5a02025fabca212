/**
 * Feature under test: the freight HTTP routes on the bundled region (issue 6, part 4).
 *   H01 GET /api/freight/plan answers the seed case (78 TEU, Shijiazhuang dry port → Valencia /
 *       Sines) with the JSON of planFreight / `jjj freight --json`: a sea-rail option cleaner than
 *       the marked all-road one, ISO times with +08:00, the documented schema (nothing extra)
 *   H02 every optional parameter is honoured (teu splits, tonnesPerTeu, horizonDays, customs)
 *   H03 bad input → 400 naming the field; unknown place → 400 unknown_place naming from / to
 *   H04 the freight network is built once per snapshot (WeakMap on the Network), rebuilt after a
 *       reload; 503 while loading and when no freight feed is loaded
 *   H05 GET /api/freight/places lists dry ports, ports, overseas ports and cities, and every id
 *       listed is accepted by the plan route
 *   H06 both routes are in /api/openapi.json
 *   H07 fuzz: 600 seeded random / garbage / huge / unicode parameter sets on the bundled region —
 *       every answer is 200 or a JSON 400 naming a parameter, never a 500
 *   H08 GTFS-Realtime service alerts pushed for the freight feed reach the rail, ship and terminal
 *       legs they inform (terminal station, agency, route, a run used), in `lang`, active during
 *       the leg; truck legs and legs elsewhere get none; the answer keeps its schema
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RealtimeHub } from '../../src/server/realtime.js';
import { rmSync } from 'node:fs';
import { bundledFeeds, loadNetwork, PACKAGE_ROOT, type Loaded } from '../../src/app/load.js';
import { resolveFreightPlace } from '../../src/core/freight/places.js';
import { planFreight, type FreightPlanResult } from '../../src/core/freight/plan.js';
import { parseDateTime } from '../../src/core/time.js';
import { loadFreight } from '../../src/feeds/freight.js';
import { createApp } from '../../src/server/app.js';
import { FreightPlacesResult, FreightPlanResult as PlanSchema } from '../../src/server/freight-schemas.js';
import { freightFor } from '../../src/server/routes/freight.js';
import { ServerState } from '../../src/server/state.js';
import { seededRandom } from '../../src/core/isochrone.js';
import { json, readyApp, type ErrorJson } from './helpers.js';
import { feedMessage, rt, zhEn } from '../support/realtime-message.js';

const DB = join(tmpdir(), `jjj-freight-api-${process.pid}.sqlite`);
let loaded: Loaded;
let state: ServerState;
let app: ReturnType<typeof createApp>;

afterAll(() => rmSync(DB, { force: true }));

beforeAll(async () => {
  loaded = await loadNetwork({ feeds: bundledFeeds(), db: DB, progress: false });
  state = new ServerState(async () => loaded);
  await state.load();
  app = createApp(state, { log: () => {} });
}, 120_000);

const get = (q: Record<string, string>) => app.request(`/api/freight/plan?${new URLSearchParams(q)}`);
const SEED = { from: 'sjz_dry_port', to: 'port_valencia', ready: '2026-11-27T08:00', teu: '78' };

describe('GET /api/freight/plan', () => {
  test('H01 seed case: sea-rail cleaner than all-road, same JSON as planFreight, schema exact', async () => {
    for (const to of ['port_valencia', 'port_sines', 'Valencia', '锡尼什港']) {
      const res = await get({ ...SEED, to });
      expect(res.status, to).toBe(200);
      const body = await json<FreightPlanResult>(res);
      const road = body.options.find((o) => o.allRoad)!;
      const sea = body.options.find((o) => o.kind === 'sea-rail')!;
      expect(road, to).toBeDefined();
      expect(sea, to).toBeDefined();
      expect(sea.legs.map((l) => l.mode)).toEqual(expect.arrayContaining(['RAIL', 'SHIP', 'TERMINAL']));
      expect(road.legs.some((l) => l.mode === 'RAIL')).toBe(false);
      expect(sea.co2eKg).toBeLessThan(road.co2eKg);
      expect(sea.vsAllRoad!.co2eKg).toBeCloseTo(sea.co2eKg - road.co2eKg, 1);
      // ready Friday: the trucks catch Sunday's sailing, the train a week later — a real trade-off
      expect(sea.vsAllRoad!.hours).toBeGreaterThan(0);
      expect(sea.vsAllRoad!.costCny).toBeLessThan(0);
      for (const o of body.options)
        for (const t of [o.departure, o.arrival, ...o.legs.flatMap((l) => [l.departure, l.arrival])]) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
      // the documented schema, nothing more and nothing less
      expect(PlanSchema.parse(body)).toEqual(body);
    }
    // the same answer as the core (and so as `jjj freight --json`)
    const { freight } = loadFreight(loaded.network.input, { feeds: bundledFeeds(), roadDir: join(PACKAGE_ROOT, 'data', 'road') });
    const direct = planFreight(freight, {
      from: resolveFreightPlace(freight, 'sjz_dry_port', 'from', loaded.network),
      to: resolveFreightPlace(freight, 'port_valencia', 'to', loaded.network),
      ready: parseDateTime('2026-11-27T08:00', freight.zone)!,
      teu: 78,
    });
    expect(await json(await get(SEED))).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  test('H02 optional parameters: capacity split, tonnes, horizon, customs', async () => {
    const split = await json<FreightPlanResult>(await get({ from: 'sjz_dry_port', to: 'tianjin_port_rail', ready: '2026-11-23T08:00', teu: '100' }));
    const rail = split.options.find((o) => o.kind === 'rail')!;
    expect(rail.split[0].departures.map((d) => [d.departure, d.teu])).toEqual([
      ['2026-11-23T16:00:00+08:00', 78],
      ['2026-11-26T16:00:00+08:00', 22],
    ]);
    const light = await json<FreightPlanResult>(await get({ ...SEED, tonnesPerTeu: '8' }));
    const heavy = await json<FreightPlanResult>(await get({ ...SEED, tonnesPerTeu: '24.5' }));
    expect(light.tonnesPerTeu).toBe(8);
    expect(heavy.tonnesPerTeu).toBe(24.5);
    const roadCo2 = (r: FreightPlanResult) => r.options.find((o) => o.allRoad)!.co2eKg;
    expect(roadCo2(heavy)).toBeGreaterThan(roadCo2(light));
    // the horizon bounds the departures used: Sunday's sailing (+2.6 days) but not the one a week later (+9.6) the train feeds
    expect((await json<FreightPlanResult>(await get({ ...SEED, horizonDays: '1' }))).options).toEqual([]);
    expect((await json<FreightPlanResult>(await get({ ...SEED, horizonDays: '3' }))).options.map((o) => o.kind)).toEqual(['all-road']);
    expect((await json<FreightPlanResult>(await get({ ...SEED, horizonDays: '10' }))).options.map((o) => o.kind)).toEqual(['all-road', 'sea-rail']);
    // standard customs: 5 days staging at the port instead of 抵港直装
    const std = await json<FreightPlanResult>(await get({ ...SEED, customs: 'standard' }));
    const fast = await json<FreightPlanResult>(await get(SEED));
    expect(std.options[0].arrival > fast.options[0].arrival).toBe(true);
    // an explicit offset and empty optional parameters are accepted
    expect((await get({ ...SEED, ready: '2026-11-27T08:00+08:00', tonnesPerTeu: '', horizonDays: '' })).status).toBe(200);
  });

  test('H03 bad input is a 400 naming the field', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ...SEED, teu: '0' }, 'teu', /between|at least/],
      [{ ...SEED, teu: '10001' }, 'teu', /10000/],
      [{ ...SEED, teu: '1.5' }, 'teu', /whole number/],
      [{ ...SEED, teu: 'many' }, 'teu', /whole number/],
      [{ ...SEED, tonnesPerTeu: '0' }, 'tonnesPerTeu', /greater than 0/],
      [{ ...SEED, tonnesPerTeu: '29' }, 'tonnesPerTeu', /28/],
      [{ ...SEED, tonnesPerTeu: '-3' }, 'tonnesPerTeu', /number/],
      [{ ...SEED, horizonDays: '0' }, 'horizonDays', /at least 1/],
      [{ ...SEED, horizonDays: '121' }, 'horizonDays', /120/],
      [{ ...SEED, lang: 'en_US!' }, 'lang', /language tag/],
      [{ ...SEED, customs: 'fast' }, 'customs', /direct_loading or standard/],
      [{ ...SEED, ready: 'tomorrow' }, 'ready', /invalid time/],
      [{ ...SEED, ready: '2026-13-01T08:00' }, 'ready', /invalid time/],
      [{ from: 'sjz_dry_port', to: 'port_sines', teu: '1' }, 'ready', /required/],
      [{ to: 'port_sines', ready: '2026-11-27T08:00' }, 'from', /required/],
      [{ ...SEED, from: '   ' }, 'from', /required/],
      [{ ...SEED, to: 'x'.repeat(201) }, 'to', /longer/],
    ];
    for (const [q, field, message] of cases) {
      const res = await get(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      const e = (await json<ErrorJson>(res)).error;
      expect(e, JSON.stringify(q)).toMatchObject({ code: 'bad_parameter', field });
      expect(e.message, JSON.stringify(q)).toMatch(message);
    }
    const twice = await app.request('/api/freight/plan?from=sjz_dry_port&from=mafang_hub&to=port_sines&ready=2026-11-27T08:00');
    expect(twice.status).toBe(400);
    expect((await json<ErrorJson>(twice)).error.field).toBe('from');
    for (const [q, field] of [
      [{ ...SEED, from: 'Atlantis' }, 'from'],
      [{ ...SEED, to: 'Atlantis' }, 'to'],
      [{ ...SEED, to: '10,10' }, 'to'], // no road node within reach and not a terminal
      [{ ...SEED, from: '95,10' }, 'from'],
    ] as const) {
      const res = await get(q);
      expect(res.status).toBe(400);
      const e = (await json<ErrorJson>(res)).error;
      expect(e).toMatchObject({ code: 'unknown_place', field });
      expect(e.message).toContain(q[field]);
    }
  });

  test('H04 built once per snapshot, rebuilt after a reload; 503 while loading or without a freight feed', async () => {
    const first = freightFor(state.snapshot()!);
    expect('freight' in first).toBe(true);
    await get(SEED);
    expect(freightFor(state.snapshot()!)).toBe(first);
    // a reload swaps in a new Network: a new freight network for it
    const again = await loadNetwork({ feeds: bundledFeeds(), db: DB, progress: false });
    state.install(again);
    expect((await get(SEED)).status).toBe(200);
    const second = freightFor(state.snapshot()!);
    expect(second).not.toBe(first);
    expect(freightFor(state.snapshot()!)).toBe(second);

    const loading = createApp(new ServerState(() => new Promise(() => {})), { log: () => {} });
    for (const path of [`/api/freight/plan?${new URLSearchParams(SEED)}`, '/api/freight/places']) {
      const res = await loading.request(path);
      expect(res.status).toBe(503);
      expect((await json<ErrorJson>(res)).error.code).toBe('not_ready');
    }
    const { app: plain, logs } = await readyApp(); // the tiny fixture network: no freight feed
    const res = await plain.request(`/api/freight/plan?${new URLSearchParams(SEED)}`);
    expect(res.status).toBe(503);
    expect((await json<ErrorJson>(res)).error).toMatchObject({ code: 'no_freight', field: null });
    expect(logs.join('\n')).toMatch(/no freight network/);
  });
});

describe('GET /api/freight/plan with GTFS-Realtime alerts', () => {
  test('H08 alerts reach the rail, ship and terminal legs they inform, in the language asked for', async () => {
    const hub = new RealtimeHub(state, { maxAgeSeconds: 600 });
    const live = createApp(state, { adminToken: 'tok', log: () => {}, realtimeHub: hub });
    const ready = Date.parse('2026-11-27T08:00:00+08:00') / 1000;
    const body = feedMessage(Math.floor(Date.now() / 1000), [
      // the port station: its rail terminal and quays are platforms of it
      { id: 'fog', alert: { informedEntity: [{ stopId: 'tianjin_port' }], headerText: zhEn('天津港大雾封航', 'Fog: Tianjin port closed to shipping'), effect: rt.Alert.Effect.SIGNIFICANT_DELAYS } },
      { id: 'rail', alert: { informedEntity: [{ agencyId: 'cr_freight' }], headerText: zhEn('班列加开', 'Extra shuttle trains') } },
      // over before the boxes are ready: informs nothing
      { id: 'old', alert: { informedEntity: [{ stopId: 'tianjin_port' }], activePeriod: [{ start: ready - 7200, end: ready - 3600 }], headerText: zhEn('已结束', 'Over') } },
    ]);
    const send = async (bytes: Uint8Array) => {
      const res = await live.request('/api/admin/realtime/sea-rail-freight', { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/x-protobuf' }, body: Buffer.from(bytes) });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    expect(JSON.stringify(await json<FreightPlanResult>(await get(SEED)))).not.toContain('"alerts"');
    await send(body);
    const plan = async (lang: string) => {
      const res = await live.request(`/api/freight/plan?${new URLSearchParams({ ...SEED, lang })}`);
      expect(res.status).toBe(200);
      const out = await json<FreightPlanResult>(res);
      expect(PlanSchema.parse(out)).toEqual(out);
      return out;
    };
    const en = await plan('en');
    const legs = en.options.flatMap((o) => o.legs);
    const ids = (l: (typeof legs)[number]) => (l.alerts ?? []).map((a) => a.id).sort();
    const atPort = (l: (typeof legs)[number]) => [l.from.id, l.to.id].some((id) => id?.startsWith('sea-rail-freight:tianjin_port'));
    expect(legs.some((l) => l.mode === 'RAIL') && legs.some((l) => l.mode === 'SHIP') && legs.some((l) => l.mode === 'TERMINAL')).toBe(true);
    for (const l of legs) {
      const want = l.mode === 'TRUCK' ? [] : [...(atPort(l) ? ['sea-rail-freight:fog'] : []), ...(l.mode === 'RAIL' ? ['sea-rail-freight:rail'] : [])].sort();
      expect(ids(l), `${l.mode} ${l.from.id} → ${l.to.id}`).toEqual(want);
    }
    expect(legs.some((l) => l.mode === 'SHIP' && ids(l).includes('sea-rail-freight:fog'))).toBe(true);
    expect(legs.find((l) => ids(l).includes('sea-rail-freight:fog'))!.alerts!.find((a) => a.id === 'sea-rail-freight:fog')).toMatchObject({ header: 'Fog: Tianjin port closed to shipping', effect: 'SIGNIFICANT_DELAYS' });
    const zh = await plan('zh');
    expect(zh.options.flatMap((o) => o.legs).flatMap((l) => l.alerts ?? []).find((a) => a.id === 'sea-rail-freight:fog')?.header).toBe('天津港大雾封航');
    // a message without them (full dataset): the alerts are gone again
    await send(feedMessage(Math.floor(Date.now() / 1000) + 1, []));
    expect(JSON.stringify(await json<FreightPlanResult>(await get(SEED)))).not.toContain('"alerts"');
    hub.stop();
  });
});

describe('GET /api/freight/places', () => {
  test('H05 terminals, ports, overseas ports and cities; every id plans', async () => {
    const res = await app.request('/api/freight/places');
    expect(res.status).toBe(200);
    const body = await json<{ timeZone: string; places: { id: string; name: string; nameEn?: string; kind: string; overseas: boolean }[] }>(res);
    expect(FreightPlacesResult.parse(body)).toEqual(body);
    expect(body.timeZone).toBe('Asia/Shanghai');
    const byId = new Map(body.places.map((p) => [p.id, p]));
    expect(byId.get('sea-rail-freight:sjz_dry_port')).toMatchObject({ kind: 'dry_port', overseas: false, name: '石家庄国际陆港' });
    expect(byId.get('sea-rail-freight:tianjin_port')).toMatchObject({ kind: 'port', overseas: false });
    expect(byId.get('sea-rail-freight:port_sines')).toMatchObject({ kind: 'overseas_port', overseas: true });
    expect(byId.get('shijiazhuang')).toMatchObject({ kind: 'city', name: '石家庄', nameEn: 'Shijiazhuang' });
    expect(new Set(body.places.map((p) => p.id)).size).toBe(body.places.length);
    // dry ports first, cities last
    expect(body.places[0].kind).toBe('dry_port');
    expect(body.places[body.places.length - 1].kind).toBe('city');
    for (const p of body.places) {
      const r = await get({ from: p.overseas ? 'sjz_dry_port' : p.id, to: p.overseas ? p.id : 'port_busan', ready: '2026-11-23T08:00', teu: '2' });
      expect(r.status, p.id).toBe(200);
    }
  });

  test('H06 both routes are documented in /api/openapi.json', async () => {
    const doc = await json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(await app.request('/api/openapi.json'));
    expect(doc.paths['/api/freight/places']?.get).toBeDefined();
    const params = doc.paths['/api/freight/plan']?.get?.parameters?.map((p) => p.name);
    expect(params).toEqual(['from', 'to', 'ready', 'teu', 'tonnesPerTeu', 'horizonDays', 'customs', 'lang']);
  });
});

describe('fuzz', () => {
  test('H07 random parameters never make a 500', async () => {
    const rnd = seededRandom(Number(process.env.JJJ_FUZZ_SEED ?? 6));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    // each parameter: a good value nine times in ten, else garbage
    const good = {
      from: ['sjz_dry_port', 'sea-rail-freight:tianjin_port', 'mafang_hub', 'Baoding', '石家庄', 'shijiazhuang', '国贸', '燕郊', '39.9,116.4', '38.5,115.5'],
      to: ['port_sines', 'port_busan', 'Valencia', '天津港', 'dahongmen_yard', 'tangshan', '39.1,117.2'],
      ready: ['2026-11-27T08:00', '2026-11-23T00:00+08:00', '2026-11-27T08:00Z', '2026-12-31T23:59-12:00', '2026-12-03T13:37'],
      teu: ['1', '78', '100', '10000', ' 7 ', ''],
      tonnesPerTeu: ['16', '28', '0.5', '12.25', ''],
      horizonDays: ['1', '60', '120', '3.5', ''],
      customs: ['direct_loading', 'standard', ''],
    } as const;
    const garbage = {
      place: ['10,10', '91,0', '0,0', '-90,-180', '', ' ', 'sea-rail-freight:', ':', '\u0000', '\ud83d', '😀', 'x'.repeat(300), '%', 'port_', 'Atlantis'],
      time: ['2027-02-30T08:00', '2026-11-27', '08:00', 'now', '', '9999-12-31T23:59', '1970-01-01T00:00', '2026-11-27T25:00'],
      num: ['10001', '0', '-1', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '28.0001', '121', '99999999999999999999', '😀'],
      customs: ['STANDARD', 'x', ' direct_loading'],
    };
    const bad = (name: string) => (name === 'from' || name === 'to' ? garbage.place : name === 'ready' ? garbage.time : name === 'customs' ? garbage.customs : garbage.num);
    const statuses = new Map<number, number>();
    for (let k = 0; k < 600; k++) {
      const q = new URLSearchParams();
      for (const [name, values] of Object.entries(good)) {
        const r = rnd();
        if (r < 0.04) continue; // absent
        const value = () => (rnd() < 0.9 ? pick(values) : pick(bad(name)));
        q.append(name, value());
        if (r > 0.98) q.append(name, value()); // repeated
      }
      const res = await app.request(`/api/freight/plan?${q}`);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect([200, 400], `${q}`).toContain(res.status);
      const body = await json<ErrorJson & { options?: unknown[] }>(res);
      if (res.status === 400) {
        expect(['bad_parameter', 'unknown_place'], `${q}`).toContain(body.error.code);
        expect(['from', 'to', 'ready', 'teu', 'tonnesPerTeu', 'horizonDays', 'customs', 'lang'], `${q}`).toContain(body.error.field);
      } else expect(Array.isArray(body.options), `${q}`).toBe(true);
    }
    expect(statuses.get(200) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(150); // the generator reaches real plans too
    expect(statuses.get(400) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(100);
  }, 120_000);
});
