/**
 * Feature under test: GET /api/realtime/vehicles (issue 7, VehiclePositions). Messages are built
 * with gtfs-realtime-bindings and pushed through POST /api/admin/realtime/{feed}; the answer must
 * match vehicles to their static runs (trip_id + start_date / start_time, as trip updates are),
 * carry route, headsign, the run's delay from a trip update in use, stop and status, list and count
 * the unmatched ones, filter by feed, bbox and route, answer GeoJSON, refuse bad parameters with
 * 400 / 404 naming the field, and leave out positions older than the expiry rule of messages.
 */
import { afterEach, describe, expect, test } from 'vitest';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { Network } from '../../src/core/network.js';
import { createApp } from '../../src/server/app.js';
import { RealtimeHub } from '../../src/server/realtime.js';
import { ServerState } from '../../src/server/state.js';
import { fixtureInput, json, loaded, NOW, type ErrorJson } from './helpers.js';

const { transit_realtime: rt } = GtfsRealtimeBindings;
const TOKEN = 'rt-secret';
const nowS = Math.floor(NOW / 1000);

function message(entities: object[], timestamp: number | null = nowS): Uint8Array {
  const header = timestamp === null ? { gtfsRealtimeVersion: '2.0' } : { gtfsRealtimeVersion: '2.0', timestamp };
  return rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header, entity: entities })).finish();
}

interface Vehicle {
  id: string;
  label: string | null;
  feed: string;
  lat: number;
  lon: number;
  bearing: number | null;
  speed: number | null;
  timestamp: string | null;
  ageSeconds: number;
  tripId: string | null;
  matched: boolean;
  trip: { id: string; serviceDate: string } | null;
  route: { id: string; shortName: string; longName: string; mode: string; color: string | null } | null;
  headsign: string | null;
  delaySeconds: number | null;
  canceled?: true;
  stop: { id: string; name: string | null } | null;
  status: string | null;
  stopSequence: number | null;
}
interface Vehicles {
  now: string;
  maxAgeSeconds: number;
  feeds: { feed: string; message: { timestamp: string | null; ageSeconds: number } | null; vehicles: number; stale: number }[];
  vehicles: Vehicle[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup() {
  const clock = { ms: NOW };
  const now = () => clock.ms;
  const next = { net: new Network(fixtureInput()) };
  const state = new ServerState(async () => loaded(next.net));
  await state.load();
  const hub = new RealtimeHub(state, { maxAgeSeconds: 600 }, now);
  cleanups.push(() => hub.stop());
  const app = createApp(state, { adminToken: TOKEN, now, log: () => {}, realtimeHub: hub });
  const push = async (body: Uint8Array) => {
    const res = await app.request('/api/admin/realtime/f', { method: 'POST', headers: { 'content-type': 'application/x-protobuf', Authorization: `Bearer ${TOKEN}` }, body: Buffer.from(body) });
    expect(res.status).toBe(200);
    return json<{ entities: { vehicles: number; matched: number; unmatched: number; unmatchedReasons: Record<string, number> } }>(res);
  };
  const vehicles = async (q = '') => {
    const res = await app.request(`/api/realtime/vehicles${q}`);
    expect(res.status).toBe(200);
    return json<Vehicles>(res);
  };
  return { clock, state, next, app, push, vehicles };
}

/** T1 (R1, 甲 8:00 → 乙 8:10 → 丙 8:20) 4 min late; its train near 甲 stopped there; a bus of B1 with only a position; a vehicle of an unknown trip. */
const MIXED = () =>
  message([
    { id: 'd1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 240 } }] } },
    {
      id: 'v1',
      vehicle: {
        trip: { tripId: 'T1', startDate: '20261124' },
        vehicle: { id: 'train-7', label: 'G7' },
        position: { latitude: 39.9, longitude: 116.4, bearing: 10, speed: 0 },
        currentStopSequence: 0,
        currentStatus: rt.VehiclePosition.VehicleStopStatus.STOPPED_AT,
        timestamp: nowS - 30,
      },
    },
    { id: 'v2', vehicle: { trip: { tripId: 'B1' }, position: { latitude: 39.95, longitude: 116.5 } } },
    { id: 'v3', vehicle: { trip: { tripId: 'NOPE' }, vehicle: { id: 'ghost' }, position: { latitude: 39.97, longitude: 116.45 }, stopId: '乙' } },
  ]);

describe('GET /api/realtime/vehicles', () => {
  test('without a message: no vehicles, no feeds', async () => {
    const s = await setup();
    expect(await s.vehicles()).toMatchObject({ maxAgeSeconds: 600, feeds: [], vehicles: [] });
    const one = await s.vehicles('?feed=f');
    expect(one.feeds).toEqual([{ feed: 'f', message: null, vehicles: 0, stale: 0 }]);
  });

  test('vehicles matched to their runs with route, headsign, delay, stop and status; unmatched ones listed and counted', async () => {
    const s = await setup();
    const pushed = await s.push(MIXED());
    expect(pushed.entities).toMatchObject({ vehicles: 3, matched: 3, unmatched: 1, unmatchedReasons: { 'vehicle: unknown trip_id': 1 } });
    const a = await s.vehicles();
    expect(a.feeds).toEqual([{ feed: 'f', message: { timestamp: '2026-11-24T07:55:00+08:00', ageSeconds: 0, receivedAt: '2026-11-24T07:55:00+08:00' }, vehicles: 3, stale: 0 }]);
    const [v1, v2, v3] = a.vehicles;
    expect(v1).toEqual({
      id: 'f:train-7',
      label: 'G7',
      feed: 'f',
      lat: expect.closeTo(39.9, 5),
      lon: expect.closeTo(116.4, 5),
      bearing: 10,
      speed: 0,
      timestamp: '2026-11-24T07:54:30+08:00',
      ageSeconds: 30,
      tripId: 'f:T1',
      matched: true,
      trip: { id: 'f:T1', serviceDate: '2026-11-24' },
      route: { id: 'f:R1', shortName: 'R1', longName: 'Jia–Bing line', mode: 'RAIL', color: '#c23a30' },
      headsign: '丙',
      delaySeconds: 240,
      stop: { id: 'f:甲', name: '甲' },
      status: 'STOPPED_AT',
      stopSequence: 0,
    });
    // a bus with a position only: matched (its only run today), no trip update → no delay; nothing sent → null
    expect(v2).toMatchObject({ id: 'f:v2', tripId: 'f:B1', matched: true, route: { id: 'f:B', mode: 'BUS', color: null }, headsign: '乙', delaySeconds: null });
    expect(v2).toMatchObject({ bearing: null, speed: null, timestamp: null, stop: null, status: null, stopSequence: null, ageSeconds: 0 });
    // unknown trip: listed, no route, the stop it names still resolved
    expect(v3).toMatchObject({ id: 'f:ghost', tripId: 'f:NOPE', matched: false, trip: null, route: null, headsign: null, delaySeconds: null, stop: { id: 'f:乙', name: '乙' } });
    const st = await json<{ feeds: { entities: { vehicles: number; unmatched: number } }[] }>(await s.app.request('/api/realtime'));
    expect(st.feeds[0].entities).toMatchObject({ vehicles: 3, unmatched: 1 });
  });

  test('start_time picks the run; a cancelled run says so; a run that does not run on start_date is unmatched', async () => {
    const s = await setup();
    const pushed = await s.push(
      message([
        { id: 'c', tripUpdate: { trip: { tripId: 'T2', startDate: '20261124', scheduleRelationship: rt.TripDescriptor.ScheduleRelationship.CANCELED } } },
        { id: 'v1', vehicle: { trip: { tripId: 'T2', startDate: '20261124', startTime: '09:00:00' }, position: { latitude: 39.9, longitude: 116.4 } } },
        { id: 'v2', vehicle: { trip: { tripId: 'T1', startDate: '20261124', startTime: '07:00:00' }, position: { latitude: 39.9, longitude: 116.4 } } },
        { id: 'v3', vehicle: { trip: { tripId: 'T1', startDate: '20200101' }, position: { latitude: 39.9, longitude: 116.4 } } },
      ]),
    );
    expect(pushed.entities.unmatchedReasons).toEqual({ 'vehicle: no run at start_time': 1, 'vehicle: trip does not run on start_date': 1 });
    const a = await s.vehicles();
    expect(a.vehicles.map((v) => [v.id, v.matched, v.trip?.id ?? null, v.canceled ?? false])).toEqual([
      ['f:v1', true, 'f:T2', true],
      ['f:v2', false, null, false],
      ['f:v3', false, null, false],
    ]);
  });

  test('filters: feed, bbox, route (feed:route_id or bare id); geojson', async () => {
    const s = await setup();
    await s.push(MIXED());
    const ids = async (q: string) => (await s.vehicles(q)).vehicles.map((v) => v.id);
    expect(await ids('?feed=f')).toEqual(['f:train-7', 'f:v2', 'f:ghost']);
    expect(await ids('?bbox=116.3,39.8,116.42,39.91')).toEqual(['f:train-7']);
    expect(await ids('?bbox=116.44,39.9,116.6,40')).toEqual(['f:v2', 'f:ghost']);
    expect(await ids('?bbox=0,0,1,1')).toEqual([]);
    expect(await ids('?route=f:R1')).toEqual(['f:train-7']);
    expect(await ids('?route=B&bbox=116,39,117,40')).toEqual(['f:v2']);
    expect((await s.vehicles('?route=B')).feeds[0]).toMatchObject({ vehicles: 1, stale: 0 });

    const res = await s.app.request('/api/realtime/vehicles?format=geojson&route=R1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const g = await json<{ type: string; feeds: unknown[]; features: { type: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] }>(res);
    expect(g.type).toBe('FeatureCollection');
    expect(g.feeds).toHaveLength(1);
    expect(g.features).toHaveLength(1);
    expect(g.features[0].geometry.type).toBe('Point');
    expect(g.features[0].geometry.coordinates[0]).toBeCloseTo(116.4, 5);
    expect(g.features[0].geometry.coordinates[1]).toBeCloseTo(39.9, 5);
    expect(g.features[0].properties).toMatchObject({ id: 'f:train-7', delaySeconds: 240, route: { id: 'f:R1' } });
    expect(g.features[0].properties.lat).toBeUndefined();
  });

  test('bad parameters: 400 naming the field; unknown feed or route: 404 naming it', async () => {
    const s = await setup();
    await s.push(MIXED());
    for (const [q, status, code, field, msg] of [
      ['bbox=1,2,3', 400, 'bad_parameter', 'bbox', /four numbers/],
      ['bbox=a,b,c,d', 400, 'bad_parameter', 'bbox', /four numbers/],
      ['bbox=1,2,3,4,5', 400, 'bad_parameter', 'bbox', /four numbers/],
      ['bbox=', 400, 'bad_parameter', 'bbox', /four numbers/],
      ['bbox=117,39,116,40', 400, 'bad_parameter', 'bbox', /min ≤ max/],
      ['bbox=116,-95,117,40', 400, 'bad_parameter', 'bbox', /±90/],
      [`bbox=${'1'.repeat(300)}`, 400, 'bad_parameter', 'bbox', /longer than 200/],
      ['format=xml', 400, 'bad_parameter', 'format', /json or geojson/],
      ['feed=', 400, 'bad_parameter', 'feed', /empty/],
      ['route=', 400, 'bad_parameter', 'route', /empty/],
      ['feed=nope', 404, 'unknown_feed', 'feed', /unknown feed "nope" \(feeds: f\)/],
      ['route=X9', 404, 'unknown_route', 'route', /unknown route "X9"/],
    ] as const) {
      const res = await s.app.request(`/api/realtime/vehicles?${q}`);
      expect(res.status, q).toBe(status);
      const e = await json<ErrorJson>(res);
      expect(e.error, q).toMatchObject({ code, field });
      expect(e.error.message, q).toMatch(msg);
    }
  });

  test('positions older than maxAgeSeconds are left out; the whole message expires by the same rule', async () => {
    const s = await setup();
    await s.push(
      message([
        { id: 'old', vehicle: { trip: { tripId: 'T1' }, position: { latitude: 39.9, longitude: 116.4 }, timestamp: nowS - 601 } },
        { id: 'fresh', vehicle: { trip: { tripId: 'T1' }, position: { latitude: 39.9, longitude: 116.4 }, timestamp: nowS - 599 } },
        { id: 'untimed', vehicle: { position: { latitude: 39.9, longitude: 116.4 } } },
      ]),
    );
    let a = await s.vehicles();
    expect(a.vehicles.map((v) => [v.id, v.ageSeconds])).toEqual([
      ['f:fresh', 599],
      ['f:untimed', 0],
    ]);
    expect(a.feeds[0]).toMatchObject({ vehicles: 2, stale: 1 });
    s.clock.ms += 120_000; // 'fresh' is now too old; the message (header 2 min old) is still in use
    a = await s.vehicles();
    expect(a.vehicles.map((v) => v.id)).toEqual(['f:untimed']);
    expect(a.feeds[0]).toMatchObject({ message: { ageSeconds: 120 }, vehicles: 1, stale: 2 });
    s.clock.ms += 600_000; // the message itself expires
    a = await s.vehicles();
    expect(a.vehicles).toEqual([]);
    expect(a.feeds).toEqual([{ feed: 'f', message: null, vehicles: 0, stale: 0 }]);
  });

  test('without a stop the delay is read at the next stop not yet left; a reload re-matches the vehicles to the new network', async () => {
    const s = await setup();
    await s.push(
      message([
        { id: 'd1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 240 } }, { stopSequence: 1, arrival: { delay: 60 } }] } },
        { id: 'v1', vehicle: { trip: { tripId: 'T1', startDate: '20261124' }, position: { latitude: 39.9, longitude: 116.4 } } },
        { id: 'v2', vehicle: { trip: { tripId: 'T1', startDate: '20261124' }, position: { latitude: 39.95, longitude: 116.4 }, currentStopSequence: 1, currentStatus: rt.VehiclePosition.VehicleStopStatus.IN_TRANSIT_TO } },
      ]),
    );
    let a = await s.vehicles();
    expect(a.vehicles.map((v) => [v.id, v.delaySeconds, v.stop?.id ?? null, v.status])).toEqual([
      ['f:v1', 240, null, null], // 07:55: not yet left 甲 (live 08:04)
      ['f:v2', 60, 'f:乙', 'IN_TRANSIT_TO'],
    ]);
    s.clock.ms += 10 * 60_000; // 08:05: left 甲, next 乙 (arrival delay 60)
    a = await s.vehicles();
    expect(a.vehicles[0].delaySeconds).toBe(60);

    // the network changes: T1 now runs 8:30 → 8:50 and R1 loses its colour; the kept message is re-matched
    const input = fixtureInput({ first: '8:30', second: '9:30' });
    delete input.routes[0].color;
    s.next.net = new Network(input);
    await s.state.load();
    a = await s.vehicles();
    expect(a.vehicles.map((v) => [v.id, v.matched, v.route?.color ?? null])).toEqual([
      ['f:v1', true, null],
      ['f:v2', true, null],
    ]);
    expect(a.vehicles[0].delaySeconds).toBe(240); // 08:05 < live departure 08:34 from 甲
  });

  test('vehicles without a usable position are refused and counted; the rest of the message is used', async () => {
    const s = await setup();
    const pushed = await s.push(
      message([
        { id: 'nopos', vehicle: { trip: { tripId: 'T1' } } },
        { id: 'far', vehicle: { position: { latitude: 95, longitude: 116.4 } } },
        { id: 'nan', vehicle: { position: { latitude: Number.NaN, longitude: 116.4 } } },
        { id: 'ok', vehicle: { position: { latitude: 39.9, longitude: 116.4 } } },
      ]),
    );
    expect(pushed.entities.unmatchedReasons).toEqual({ 'vehicle without position': 1, 'vehicle with a position out of range': 2, 'vehicle without trip_id': 1 });
    expect((await s.vehicles()).vehicles.map((v) => v.id)).toEqual(['f:ok']);
  });
});
