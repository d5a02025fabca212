/**
 * Feature under test: GTFS-Realtime decoding and matching. Messages are built with the bindings
 * themselves; trips are matched by trip_id + start_date (+ start_time for frequency trips); bad,
 * truncated and random bytes are refused with a reason and never crash.
 */
import { describe, expect, test } from 'vitest';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { Network } from '../../src/core/network.js';
import { RealtimeOverlay } from '../../src/core/realtime.js';
import { plan, PLAN_DEFAULTS } from '../../src/core/plan.js';
import { liveDepartures } from '../../src/core/live-departures.js';
import { parseDateTime } from '../../src/core/time.js';
import { decodeRealtime, mergeDifferential, RealtimeError } from '../../src/feeds/realtime.js';
import { tiny } from '../core/helpers.js';

const { transit_realtime: rt } = GtfsRealtimeBindings;
const net = new Network(
  tiny({
    stops: ['A', 'B', 'C'],
    trips: [
      { id: 'T1', route: 'R', type: 2, times: 'A 8:00, B 8:10, C 8:20' },
      { id: 'T2', route: 'R', type: 2, times: 'A 8:30, B 8:40, C 8:50' },
      { id: 'F', route: 'S', type: 3, times: 'A 6:00, C 6:40', frequencies: [{ start: '9:00', end: '10:00', headway: 900, exact: false }] },
    ],
  }),
);
const now = parseDateTime('2026-11-24T07:50', 'Asia/Shanghai')!;

function encode(entities: object[], timestamp = now): Uint8Array {
  return rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', timestamp }, entity: entities })).finish();
}

function planAt(bytes: Uint8Array, from: string, to: string, when: string) {
  const d = decodeRealtime(net, 'f', bytes, now);
  const overlay = new RealtimeOverlay(net.timetable, net.input, d.updates, d.added);
  return plan(net, { from, to, time: parseDateTime(when, 'Asia/Shanghai')!, arriveBy: false, maxTransfers: 2, modes: null, maxWalkMetres: 500, transferSlack: 0, maxDuration: PLAN_DEFAULTS.maxDuration, realtime: overlay });
}

describe('GTFS-Realtime', () => {
  test('a delay matched by trip_id and start_date shows in the itinerary with scheduled times', () => {
    const bytes = encode([{ id: '1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 300 } }] } }]);
    const d = decodeRealtime(net, 'f', bytes, now);
    expect(d.counts).toMatchObject({ entities: 1, tripUpdates: 1, matched: 1, unmatched: 0 });
    const leg = planAt(bytes, 'A', 'C', '2026-11-24T07:55').itineraries[0].legs[0];
    expect(leg).toMatchObject({
      realtime: true,
      departure: '2026-11-24T08:05:00+08:00',
      arrival: '2026-11-24T08:25:00+08:00',
      scheduledDeparture: '2026-11-24T08:00:00+08:00',
      scheduledArrival: '2026-11-24T08:20:00+08:00',
      delaySeconds: 300,
    });
  });

  test('stops are matched by stop_id when stop_sequence is absent; absolute times work', () => {
    const t = parseDateTime('2026-11-24T08:15', 'Asia/Shanghai')!;
    const bytes = encode([{ id: '1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopId: 'B', arrival: { time: t }, departure: { time: t } }] } }]);
    expect(planAt(bytes, 'A', 'C', '2026-11-24T07:55').itineraries[0].arrival).toBe('2026-11-24T08:25:00+08:00');
  });

  test('a cancelled trip is not offered; an unknown trip is counted with its reason', () => {
    const bytes = encode([
      { id: '1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124', scheduleRelationship: rt.TripDescriptor.ScheduleRelationship.CANCELED } } },
      { id: '2', tripUpdate: { trip: { tripId: 'nope', startDate: '20261124' } } },
    ]);
    const d = decodeRealtime(net, 'f', bytes, now);
    expect(d.counts.matched).toBe(1);
    expect(d.counts.reasons).toEqual({ 'unknown trip_id': 1 });
    expect(planAt(bytes, 'A', 'C', '2026-11-24T07:55').itineraries[0].legs[0].departure).toBe('2026-11-24T08:30:00+08:00');
  });

  test('without trip_id, a run is matched by route_id, start_date and start_time (and direction_id), trip updates and vehicles alike', () => {
    const both = new Network(
      tiny({
        stops: ['A', 'B', 'C'],
        trips: [
          { id: 'out8', route: 'R', type: 2, directionId: 0, times: 'A 8:00, B 8:10, C 8:20' },
          { id: 'back8', route: 'R', type: 2, directionId: 1, times: 'C 8:00, B 8:10, A 8:20' },
          { id: 'out830', route: 'R', type: 2, directionId: 0, times: 'A 8:30, B 8:40, C 8:50' },
        ],
      }),
    );
    const tu = (trip: object, id = 'u') => ({ id, tripUpdate: { trip, stopTimeUpdate: [{ stopSequence: 1, arrival: { delay: 120 } }] } });
    const d = decodeRealtime(
      both,
      'f',
      encode([
        tu({ routeId: 'R', startDate: '20261124', startTime: '08:30:00' }, 'a'),
        tu({ routeId: 'R', directionId: 1, startDate: '20261124', startTime: '08:00:00' }, 'b'),
        tu({ routeId: 'R', startDate: '20261124', startTime: '08:00:00' }, 'c'), // two directions leave at 08:00
        tu({ routeId: 'R', directionId: 0, startDate: '20261124', startTime: '08:15:00' }, 'd'),
        tu({ routeId: 'NOPE', startDate: '20261124', startTime: '08:00:00' }, 'e'),
        tu({ routeId: 'R', startTime: '08:30:00' }, 'f'), // no start_date: not enough
        {
          id: 'v',
          vehicle: { trip: { routeId: 'R', directionId: 0, startDate: '20261124', startTime: '08:00:00' }, position: { latitude: 39.9, longitude: 116.4 } },
        },
      ]),
      now,
    );
    const id = (g: number) => both.input.trips.id(both.timetable.tripInput[g]);
    expect(d.updates.map((u) => [id(u.trip), u.day])).toEqual([
      ['f:out830', 1],
      ['f:back8', 1],
    ]);
    expect(d.counts).toMatchObject({ matched: 3, unmatched: 4 });
    expect(d.counts.reasons).toEqual({
      'several runs of route_id at start_time (give direction_id or trip_id)': 1,
      'no run of route_id at start_date and start_time': 1,
      'unknown route_id': 1,
      'trip update without trip_id': 1,
    });
    expect(d.vehicles.map((v) => [v.tripId, v.day])).toEqual([['f:out8', 1]]);
  });

  test('TripUpdate.delay: the whole run without stop_time_updates, the stops before the first one with them; DELETED runs are cancelled', () => {
    const live = (trip: object, extra: object = {}) => {
      const d = decodeRealtime(net, 'f', encode([{ id: '1', tripUpdate: { trip, ...extra } }]), now);
      return new RealtimeOverlay(net.timetable, net.input, d.updates, d.added);
    };
    const hm = (x: number) => new Date(x * 1000).toISOString().slice(11, 16); // UTC: 08:00 +08:00 is 00:00
    const only = live({ tripId: 'T1', startDate: '20261124' }, { delay: 240 });
    expect(Array.from(only.entries[0].departures, hm)).toEqual(['00:04', '00:14', '00:24']);
    // +4 min until C, whose own update says +1 min
    const mixed = live({ tripId: 'T1', startDate: '20261124' }, { delay: 240, stopTimeUpdate: [{ stopSequence: 2, arrival: { delay: 60 } }] });
    expect(Array.from(mixed.entries[0].arrivals, hm)).toEqual(['00:04', '00:14', '00:21']);
    // DELETED (7) is newer than the bindings' enum: a descriptor made with it decodes to 7
    const bytes = rt.FeedMessage.encode(
      rt.FeedMessage.create({
        header: rt.FeedHeader.create({ gtfsRealtimeVersion: '2.0', timestamp: now }),
        entity: [rt.FeedEntity.create({ id: 'x', tripUpdate: rt.TripUpdate.create({ trip: rt.TripDescriptor.create({ tripId: 'T2', startDate: '20261124', scheduleRelationship: 7 as never }) }) })],
      }),
    ).finish();
    const gone = decodeRealtime(net, 'f', bytes, now);
    expect(gone.counts).toMatchObject({ matched: 1, unmatched: 0 });
    expect(gone.updates).toEqual([expect.objectContaining({ canceled: true })]);
    expect(planAt(bytes, 'A', 'C', '2026-11-24T08:05').itineraries.flatMap((i) => i.legs).some((l) => l.tripId === 'f:T2')).toBe(false);
  });

  test('a DUPLICATED trip is a new run copying the trip at trip_properties start time, with its updates', () => {
    const dup = (props: object, extra: object = {}) =>
      encode([{ id: 'd', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124', scheduleRelationship: rt.TripDescriptor.ScheduleRelationship.DUPLICATED }, tripProperties: props, ...extra } }]);
    const bytes = dup({ tripId: 'T1-extra', startDate: '20261124', startTime: '08:45:00' }, { stopTimeUpdate: [{ stopSequence: 1, arrival: { delay: 120 } }] });
    const d = decodeRealtime(net, 'f', bytes, now);
    expect(d.counts).toMatchObject({ matched: 1, unmatched: 0 });
    expect(d.updates).toEqual([]); // T1 itself still runs
    const hm = (x: number) => new Date((x + 8 * 3600) * 1000).toISOString().slice(11, 16);
    expect(d.added.map((a) => [a.id, Array.from(a.departures, hm)])).toEqual([['f:T1-extra', ['08:45', '08:57', '09:07']]]);
    const legs = planAt(bytes, 'A', 'C', '2026-11-24T08:40').itineraries[0].legs;
    expect(legs[0]).toMatchObject({ added: true, departure: '2026-11-24T08:45:00+08:00', arrival: '2026-11-24T09:07:00+08:00' });
    expect(planAt(bytes, 'A', 'C', '2026-11-24T07:55').itineraries[0].legs[0]).toMatchObject({ tripId: 'f:T1', departure: '2026-11-24T08:00:00+08:00' });
    const missing = decodeRealtime(net, 'f', dup({ tripId: 'T1-extra' }), now);
    expect(missing.counts.reasons).toEqual({ 'duplicated trip needs trip_properties start_date and start_time': 1 });
  });

  test('a DIFFERENTIAL message is applied to the one in use by entity id; is_deleted entities remove theirs', () => {
    const msg = (incrementality: number, entity: object[], timestamp = now) =>
      rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', timestamp, incrementality }, entity })).finish();
    const FULL = rt.FeedHeader.Incrementality.FULL_DATASET;
    const DIFF = rt.FeedHeader.Incrementality.DIFFERENTIAL;
    const delay = (id: string, trip: string, d: number) => ({ id, tripUpdate: { trip: { tripId: trip, startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: d } }] } });
    const full = msg(FULL, [delay('a', 'T1', 300), delay('b', 'T2', 600)]);
    expect(mergeDifferential(null, full)).toBe(full); // a full message is used as it is
    const diff = msg(DIFF, [delay('a', 'T1', 60), { id: 'b', isDeleted: true }, { id: 'c', alert: { informedEntity: [{ stopId: 'B' }], headerText: { translation: [{ text: 'lift out' }] } } }], now + 30);
    const merged = rt.FeedMessage.decode(mergeDifferential(full, diff));
    expect(merged.header.incrementality).toBe(FULL);
    expect(Number(merged.header.timestamp)).toBe(now + 30);
    expect(merged.entity.map((e) => e.id)).toEqual(['a', 'c']);
    const d = decodeRealtime(net, 'f', mergeDifferential(full, diff), now);
    expect(d.updates.map((u) => u.updates[0].departureDelay)).toEqual([60]);
    expect(d.alerts).toHaveLength(1);
    // a differential message first: applied to nothing; is_deleted entities in a full one are skipped
    expect(rt.FeedMessage.decode(mergeDifferential(null, diff)).entity.map((e) => e.id)).toEqual(['a', 'c']);
    expect(decodeRealtime(net, 'f', msg(FULL, [{ ...delay('x', 'T1', 120), isDeleted: true }]), now).updates).toEqual([]);
    expect(() => mergeDifferential(full, Uint8Array.of(0x0a, 0xff, 0xff))).toThrow(RealtimeError);
  });

  test('assigned_stop_id moves the call to another stop (platform): the itinerary and the update say so; an unknown stop is refused', () => {
    const plat = new Network(tiny({ stops: ['A', 'B', 'B2', 'C'], trips: [{ id: 'T1', route: 'R', type: 2, times: 'A 8:00, B 8:10, C 8:20' }] }));
    const moved = (stop: string) =>
      encode([{ id: '1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 1, arrival: { delay: 0 }, stopTimeProperties: { assignedStopId: stop } }] } }]);
    const d = decodeRealtime(plat, 'f', moved('B2'), now);
    expect(d.updates[0].updates[0].assignedStop).toBe(2);
    const overlay = new RealtimeOverlay(plat.timetable, plat.input, d.updates, d.added);
    const legs = plan(plat, { from: 'A', to: 'C', time: parseDateTime('2026-11-24T07:55', 'Asia/Shanghai')!, arriveBy: false, maxTransfers: 2, modes: null, maxWalkMetres: 0, transferSlack: 0, maxDuration: PLAN_DEFAULTS.maxDuration, realtime: overlay }).itineraries[0].legs;
    const ride = legs.find((l) => l.mode !== 'WALK')!;
    expect(ride).toMatchObject({ realtime: true, tripId: 'f:T1' });
    expect(ride.intermediateStops?.map((x) => x.name)).toEqual(['B2']);
    // the departure boards: at B2, not at B
    const board = (stop: number) => liveDepartures(plat, overlay, [stop], parseDateTime('2026-11-24T07:55', 'Asia/Shanghai')!, 3600, 10).map((x) => [x.tripId, x.stop.id, x.departure]);
    expect(board(2)).toEqual([['f:T1', 'f:B2', '2026-11-24T08:10:00+08:00']]);
    expect(board(1)).toEqual([]);
    expect(decodeRealtime(plat, 'f', moved('NOPE'), now).counts.reasons).toEqual({ 'assigned_stop_id names no stop of the feed': 1 });
  });

  test('ADDED (and NEW) trips with full stop times are routed; without a known route or times they are refused', () => {
    const t = (hm: string) => parseDateTime(`2026-11-24T${hm}`, 'Asia/Shanghai')!;
    const extra = (rel: number, trip: object, stops: object[]) =>
      rt.FeedMessage.encode(
        rt.FeedMessage.create({
          header: rt.FeedHeader.create({ gtfsRealtimeVersion: '2.0', timestamp: now }),
          entity: [rt.FeedEntity.create({ id: 'n', tripUpdate: rt.TripUpdate.fromObject({ trip: { ...trip, scheduleRelationship: rel }, stopTimeUpdate: stops }) })],
        }),
      ).finish();
    const calls = [
      { stopId: 'A', departure: { time: t('08:40') } },
      { stopId: 'C', arrival: { time: t('08:55') } },
    ];
    for (const rel of [rt.TripDescriptor.ScheduleRelationship.ADDED, 8]) {
      const bytes = extra(rel, { tripId: 'X1', routeId: 'R' }, calls);
      expect(decodeRealtime(net, 'f', bytes, now).counts, `schedule_relationship ${rel}`).toMatchObject({ matched: 1, unmatched: 0 });
      expect(planAt(bytes, 'A', 'C', '2026-11-24T08:35').itineraries[0].legs[0]).toMatchObject({ added: true, tripId: 'f:X1', departure: '2026-11-24T08:40:00+08:00', arrival: '2026-11-24T08:55:00+08:00' });
    }
    const reasons = (trip: object, stops: object[]) => decodeRealtime(net, 'f', extra(rt.TripDescriptor.ScheduleRelationship.ADDED, trip, stops), now).counts.reasons;
    expect(reasons({ tripId: 'X2', routeId: 'NOPE' }, calls)).toEqual({ 'added trip without a known route_id': 1 });
    expect(reasons({ tripId: 'X3', routeId: 'R' }, [{ stopId: 'A', departure: { delay: 60 } }, ...calls.slice(1)])).toEqual({ 'added trip needs stop_id and absolute times at every stop': 1 });
  });

  test('frequency-based trips are matched by start_time', () => {
    const bytes = encode([{ id: '1', tripUpdate: { trip: { tripId: 'F', startDate: '20261124', startTime: '09:15:00' }, stopTimeUpdate: [{ stopSequence: 0, departure: { delay: 120 } }] } }]);
    const d = decodeRealtime(net, 'f', bytes, now);
    expect(d.counts.matched).toBe(1);
    const it = planAt(bytes, 'A', 'C', '2026-11-24T09:14').itineraries[0];
    expect(it.legs[0]).toMatchObject({ realtime: true, departure: '2026-11-24T09:17:00+08:00', delaySeconds: 120 });
    expect(decodeRealtime(net, 'f', encode([{ id: '1', tripUpdate: { trip: { tripId: 'F', startDate: '20261124' } } }]), now).counts.reasons).toEqual({ 'frequency-based trip without start_time': 1 });
    // between two runs, and before the first: no run leaves then
    for (const startTime of ['09:16:00', '05:00:00'])
      expect(decodeRealtime(net, 'f', encode([{ id: '1', tripUpdate: { trip: { tripId: 'F', startDate: '20261124', startTime } } }]), now).counts.reasons, startTime).toEqual({ 'no run at start_time': 1 });
  });

  test('alerts keep their texts and informed entities (namespaced)', () => {
    const bytes = encode([{ id: 'a1', alert: { headerText: { translation: [{ text: '22号线延误', language: 'zh' }] }, informedEntity: [{ routeId: 'R' }, { stopId: 'B' }], effect: rt.Alert.Effect.SIGNIFICANT_DELAYS } }]);
    const d = decodeRealtime(net, 'f', bytes, now);
    expect(d.alerts).toEqual([
      { id: 'f:a1', feed: 'f', header: [{ language: 'zh', text: '22号线延误' }], description: [], url: [], cause: 'UNKNOWN_CAUSE', effect: 'SIGNIFICANT_DELAYS', activePeriods: [], informed: [{ route: 'f:R' }, { stop: 'f:B' }] },
    ]);
  });

  test('corrupt, truncated and random bytes are refused with a reason, never a crash', () => {
    const good = encode([{ id: '1', tripUpdate: { trip: { tripId: 'T1', startDate: '20261124' }, stopTimeUpdate: [{ stopSequence: 1, departure: { delay: 60 } }] } }]);
    expect(() => decodeRealtime(net, 'f', good.subarray(0, good.length - 3), now)).toThrow(RealtimeError);
    expect(() => decodeRealtime(net, 'nofeed', good, now)).toThrow(/unknown feed/);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256));
      if (i % 3 === 0) bytes.set(good.subarray(0, Math.min(good.length, bytes.length)));
      try {
        const d = decodeRealtime(net, 'f', bytes, now);
        new RealtimeOverlay(net.timetable, net.input, d.updates, d.added); // whatever decodes must build
      } catch (err) {
        expect(err, String(err)).toBeInstanceOf(RealtimeError);
      }
    }
  });
});
