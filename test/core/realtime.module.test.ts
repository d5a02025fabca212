/**
 * Realtime overlay module tests: delays propagate downstream until the next update, early running,
 * skipped stops, cancellations, added trips, and trips overtaking each other after a delay.
 */
import { describe, expect, test } from 'vitest';
import { Fixture, tiny } from './helpers.js';
import { RealtimeOverlay, type TripUpdateSpec } from '../../src/core/realtime.js';
import { formatIso, parseDateTime } from '../../src/core/time.js';

const DAY = '2026-11-24';
const net = tiny({
  stops: ['A', 'B', 'C', 'D'],
  trips: [
    { id: 'slow', route: 'R', times: 'A 8:00, B 8:10, C 8:20, D 8:30' },
    { id: 'next', route: 'R', times: 'A 8:15, B 8:25, C 8:35, D 8:45' },
  ],
});
const f = new Fixture(net);
const trip = (id: string) => Array.from(f.tt.tripInput).findIndex((t) => net.trips.id(t) === `f:${id}`);
const day = 1; // 2026-11-24
const overlay = (updates: TripUpdateSpec[], added: ConstructorParameters<typeof RealtimeOverlay>[3] = []) => new RealtimeOverlay(f.tt, net, updates, added);
const hm = (e: number) => formatIso(e, f.zone).slice(11, 16);

describe('realtime overlay', () => {
  test('RT01 a delay propagates downstream until the next update; early running is kept', () => {
    // +10 min from B; the update at D says +5 min: C inherits +10, D takes +5
    const late = overlay([{ trip: trip('slow'), day, updates: [{ pos: 1, arrivalDelay: 600, departureDelay: 600 }, { pos: 3, arrivalDelay: 300 }] }]).entries[0];
    expect(Array.from(late.arrivals, hm)).toEqual(['08:00', '08:20', '08:30', '08:35']);
    expect(Array.from(late.departures, hm)).toEqual(['08:00', '08:20', '08:30', '08:35']);
    // 2 minutes early from B on
    const early = overlay([{ trip: trip('slow'), day, updates: [{ pos: 1, departureDelay: -120 }] }]).entries[0];
    expect(Array.from(early.departures, hm)).toEqual(['08:00', '08:08', '08:18', '08:28']);
    // times never run backwards: −15 min at D after +10 at C is held at C's departure, and counted
    const o = overlay([
      { trip: trip('next'), day, updates: [{ pos: 1, departureDelay: 60 }] },
      { trip: trip('slow'), day, updates: [{ pos: 2, departureDelay: 600 }, { pos: 3, arrivalDelay: -900 }] },
    ]);
    expect(Array.from(o.entries[1].arrivals, hm)).toEqual(['08:00', '08:10', '08:20', '08:30']);
    expect(o.corrected).toEqual([{ index: 1, added: false, times: 2 }]); // D's arrival and departure
    // a departure before the arrival at one stop is moved too (the run's delay goes on from the departure)
    const dwell = overlay([{ trip: trip('slow'), day, updates: [{ pos: 1, arrivalDelay: 300, departureDelay: 120 }] }]);
    expect(Array.from(dwell.entries[0].departures, hm)).toEqual(['08:00', '08:15', '08:22', '08:32']);
    expect(dwell.corrected).toEqual([{ index: 0, added: false, times: 1 }]);
    expect(overlay([{ trip: trip('slow'), day, updates: [{ pos: 1, departureDelay: -120 }] }]).corrected).toEqual([]);
  });

  test('RT02 the router takes live times: a delayed trip is overtaken by the next one', () => {
    // slow runs 20 min late from B on: at C 08:40, D 08:50 — the 08:15 arrives at D 08:45 first
    const o = overlay([{ trip: trip('slow'), day, updates: [{ pos: 1, departureDelay: 1200 }] }]);
    const r = f.search('B', 'D', `${DAY}T08:05`, { realtime: o });
    expect(r.journeys.map((j) => f.describe(j))).toEqual(['B ~ R 08:25 08:45 ~ D [08:25 08:45]']);
    // without the overlay the timetable's 08:10 is best
    expect(f.search('B', 'D', `${DAY}T08:05`).journeys.map((j) => f.describe(j))).toEqual(['B ~ R 08:10 08:30 ~ D [08:10 08:30]']);
    // the delayed run itself is found live when it is the best: from A at 07:55 to C
    const live = f.search('A', 'C', `${DAY}T07:55`, { realtime: o });
    expect(hm(live.journeys[0].arrival)).toBe('08:35'); // 'next' (08:35) beats the late 'slow' (08:40)
    expect(live.journeys[0].legs[1].live).toBe(-1);
    const viaLive = f.search('A', 'B', `${DAY}T07:55`, { realtime: o });
    expect(viaLive.journeys[0].legs[1].live).toBe(0); // A→B on the delayed run (no delay yet at B's arrival)
  });

  test('RT03 a cancelled run is not used that day, and still is the next day', () => {
    const o = overlay([{ trip: trip('slow'), day, canceled: true, updates: [] }]);
    expect(f.describe(f.search('A', 'D', `${DAY}T07:55`, { realtime: o }).journeys[0])).toBe('A ~ R 08:15 08:45 ~ D [08:15 08:45]');
    expect(f.describe(f.search('A', 'D', '2026-11-25T07:55', { realtime: o }).journeys[0])).toBe('A ~ R 08:00 08:30 ~ D [08:00 08:30]');
  });

  test('RT04 a skipped stop cannot be boarded or alighted at', () => {
    const o = overlay([{ trip: trip('slow'), day, updates: [{ pos: 2, skipped: true }] }]);
    expect(f.describe(f.search('A', 'C', `${DAY}T07:55`, { realtime: o }).journeys[0])).toBe('A ~ R 08:15 08:35 ~ C [08:15 08:35]');
  });

  test('RT05 an added trip with full stop times is routed', () => {
    const t = (x: string) => parseDateTime(`${DAY}T${x}`, f.zone)!;
    const o = overlay([], [{ id: 'extra', line: 0, headsign: 'D', stops: Int32Array.of(0, 3), arrivals: Float64Array.of(t('08:05'), t('08:20')), departures: Float64Array.of(t('08:05'), t('08:20')) }]);
    const j = f.search('A', 'D', `${DAY}T08:01`, { realtime: o }).journeys[0];
    expect(hm(j.arrival)).toBe('08:20');
    expect(j.legs[1].live).toBe(0);
    expect(j.legs[1].trip).toBe(-1);
    expect(o.corrected).toEqual([]);
    // an added trip whose times run backwards is put in order and counted
    const back = overlay([], [{ id: 'odd', line: 0, headsign: 'D', stops: Int32Array.of(0, 2, 3), arrivals: Float64Array.of(t('08:05'), t('08:20'), t('08:10')), departures: Float64Array.of(t('08:05'), t('08:20'), t('08:10')) }]);
    expect(Array.from(back.entries[0].arrivals, hm)).toEqual(['08:05', '08:20', '08:20']);
    expect(back.corrected).toEqual([{ index: 0, added: true, times: 2 }]);
  });

  test('RT06 arrive-by uses live times too', () => {
    const o = overlay([{ trip: trip('slow'), day, updates: [{ pos: 0, departureDelay: 300 }] }]);
    const r = f.search('A', 'D', `${DAY}T08:40`, { direction: 'arrive', realtime: o });
    expect(r.journeys.map((j) => f.describe(j))).toEqual(['A ~ R 08:05 08:35 ~ D [08:05 08:35]']);
  });

  test('RT07 a run so late that it runs on the next calendar day is still found, both ways', () => {
    // +21 h for both runs of the 24th (they keep their order): the 08:00 leaves A at 05:00 on the
    // 25th, before that day's own 08:00
    const late = (id: string): TripUpdateSpec => ({ trip: trip(id), day, updates: [{ pos: 0, departureDelay: 21 * 3600 }] });
    const o = overlay([late('slow'), late('next')]);
    expect(o.laneRoute.length).toBe(0); // one route replaces the 24th's runs
    const dep = f.search('A', 'D', '2026-11-25T04:55', { realtime: o });
    expect(dep.journeys.map((j) => f.describe(j))).toEqual(['A ~ R 05:00 05:30 ~ D [05:00 05:30]']);
    expect(dep.journeys[0].legs[1].live).toBe(0);
    const arr = f.search('A', 'D', '2026-11-25T06:00', { direction: 'arrive', realtime: o });
    expect(arr.journeys.map((j) => f.describe(j))).toEqual(['A ~ R 05:15 05:45 ~ D [05:15 05:45]']);
    // without the overlay the first run that morning is the timetable's 08:00
    expect(f.describe(f.search('A', 'D', '2026-11-25T04:55').journeys[0])).toBe('A ~ R 08:00 08:30 ~ D [08:00 08:30]');
  });

  test('RT08 an overtaken run (its own lane) is boarded in a later round with no time to spare, both ways', () => {
    // slow runs +10 min from B and +20 min at D, so next overtakes it before D and slow goes to a
    // lane; the feeder reaches B at 08:20, the very second slow leaves B (slack 0)
    const n2 = tiny({
      stops: ['X', 'A', 'B', 'C', 'D'],
      trips: [
        { id: 'feeder', route: 'F', times: 'X 8:00, B 8:20' },
        { id: 'slow', route: 'R', times: 'A 8:00, B 8:10, C 8:20, D 8:30' },
        { id: 'next', route: 'R', times: 'A 8:15, B 8:25, C 8:35, D 8:45' },
      ],
    });
    const f2 = new Fixture(n2);
    const slow = Array.from(f2.tt.tripInput).findIndex((t) => n2.trips.id(t) === 'f:slow');
    const o = new RealtimeOverlay(f2.tt, n2, [{ trip: slow, day, updates: [{ pos: 1, departureDelay: 600 }, { pos: 3, arrivalDelay: 1200 }] }]);
    expect(o.laneRoute.length).toBe(1);
    const dep = f2.search('X', 'C', `${DAY}T07:55`, { realtime: o });
    expect(dep.journeys.map((j) => f2.describe(j))).toEqual(['X ~ F 08:00 08:20 ~ B ~ R 08:20 08:30 ~ C [08:00 08:30]']);
    expect(dep.journeys[0].legs.filter((l) => l.kind === 'transit')[1].live).toBe(0);
    // arrive-by: be at X no earlier than the feeder, reach C by 08:30 — only on the lane run
    const arr = f2.search('X', 'C', `${DAY}T08:30`, { direction: 'arrive', realtime: o });
    expect(arr.journeys.map((j) => f2.describe(j))).toEqual(['X ~ F 08:00 08:20 ~ B ~ R 08:20 08:30 ~ C [08:00 08:30]']);
  });

  test('RT09 a lane run is boarded exactly when no run of its route beats it from there: one second decides, both ways', () => {
    // live: mid leaves X 08:05, is overtaken by late at Y (08:18 after 08:17), overtakes it before
    // Z (08:26 before 08:30), so it gets a lane. Boarding it at X is worth it only when the
    // route's 08:00 (Z 08:20, no later anywhere) is missed: ready at 08:00 takes the 08:00,
    // ready at 08:00:01 the lane run, not the route's next (Z 08:30)
    const n3 = tiny({
      stops: ['X', 'Y', 'Z'],
      trips: [
        { id: 'first', route: 'R', times: 'X 8:00, Y 8:10, Z 8:20' },
        { id: 'mid', route: 'R', times: 'X 8:05, Y 8:12, Z 8:22' },
        { id: 'late', route: 'R', times: 'X 8:10, Y 8:17, Z 8:30' },
      ],
    });
    const f3 = new Fixture(n3);
    const mid = Array.from(f3.tt.tripInput).findIndex((t) => n3.trips.id(t) === 'f:mid');
    const o = new RealtimeOverlay(f3.tt, n3, [{ trip: mid, day, updates: [{ pos: 1, arrivalDelay: 360, departureDelay: 360 }, { pos: 2, arrivalDelay: 240 }] }]);
    expect(o.laneRoute.length).toBe(1);
    expect(f3.describe(f3.search('X', 'Z', `${DAY}T08:00`, { realtime: o }).journeys[0])).toBe('X ~ R 08:00 08:20 ~ Z [08:00 08:20]');
    const j = f3.search('X', 'Z', `${DAY}T08:00:01`, { realtime: o }).journeys[0];
    expect(f3.describe(j)).toBe('X ~ R 08:05 08:26 ~ Z [08:05 08:26]');
    expect(j.legs.find((l) => l.kind === 'transit')!.live).toBe(0);
    // arrive-by (the mirror): by 08:26 the lane run leaves last; by 08:25:59 the route's 08:00
    expect(f3.describe(f3.search('X', 'Z', `${DAY}T08:26`, { direction: 'arrive', realtime: o }).journeys[0])).toBe('X ~ R 08:05 08:26 ~ Z [08:05 08:26]');
    expect(f3.describe(f3.search('X', 'Z', `${DAY}T08:25:59`, { direction: 'arrive', realtime: o }).journeys[0])).toBe('X ~ R 08:00 08:20 ~ Z [08:00 08:20]');
  });

  test('RT11 a run assigned another stop (platform) is boarded and left there, not at its timetabled stop, both ways', () => {
    const n5 = tiny({
      stops: ['A', 'B', 'B2', 'C'],
      trips: [
        // r0 is earlier than p at every position: it must not hide p where only p calls (B2)
        { id: 'r0', route: 'R', times: 'A 7:50, B 8:05, C 8:15' },
        { id: 'p', route: 'R', times: 'A 8:00, B 8:10, C 8:20' },
        { id: 'q', route: 'R', times: 'A 9:00, B 9:10, C 9:20' },
      ],
    });
    const f5 = new Fixture(n5);
    const id = (x: string) => Array.from(f5.tt.tripInput).findIndex((t) => n5.trips.id(t) === `f:${x}`);
    const o = new RealtimeOverlay(f5.tt, n5, [{ trip: id('p'), day, updates: [{ pos: 1, assignedStop: f5.stop('B2'), arrivalDelay: 60, departureDelay: 60 }] }]);
    expect(o.laneRoute.length).toBe(1); // its own lane: other stops than the route's
    expect(f5.describe(f5.search('B2', 'C', `${DAY}T08:00`, { realtime: o }).journeys[0])).toBe('B2 ~ R 08:11 08:21 ~ C [08:11 08:21]');
    expect(f5.describe(f5.search('A', 'B2', `${DAY}T07:55`, { realtime: o }).journeys[0])).toBe('A ~ R 08:00 08:11 ~ B2 [08:00 08:11]');
    // at B, p no longer calls: after r0 the next run is the 09:10; on the timetable B2 has no service at all
    expect(f5.describe(f5.search('B', 'C', `${DAY}T08:06`, { realtime: o }).journeys[0])).toBe('B ~ R 09:10 09:20 ~ C [09:10 09:20]');
    expect(f5.search('B2', 'C', `${DAY}T08:00`).journeys).toEqual([]);
    expect(f5.describe(f5.search('B2', 'C', `${DAY}T08:30`, { realtime: o, direction: 'arrive' }).journeys[0])).toBe('B2 ~ R 08:11 08:21 ~ C [08:11 08:21]');
    expect(o.entries[0].stops).toEqual(Int32Array.of(f5.stop('A'), f5.stop('B2'), f5.stop('C')));
  });

  test('RT10 an update for a day its trip does not run is refused with a reason; the other updates apply', () => {
    const n4 = tiny({
      stops: ['A', 'B'],
      services: { weekday: [1] },
      trips: [
        { id: 'w', route: 'R', service: 'weekday', times: 'A 8:00, B 8:10' },
        { id: 'x', route: 'R', times: 'A 9:00, B 9:10' },
      ],
    });
    const f4 = new Fixture(n4);
    const id = (x: string) => Array.from(f4.tt.tripInput).findIndex((t) => n4.trips.id(t) === `f:${x}`);
    const o = new RealtimeOverlay(f4.tt, n4, [
      { trip: id('w'), day: 2, updates: [{ pos: 0, departureDelay: 300 }] },
      { trip: id('x'), day: 2, updates: [{ pos: 0, departureDelay: 300 }] },
    ]);
    expect(o.rejected).toEqual([{ index: 0, reason: 'the trip does not run on that service day' }]);
    expect(o.entries.map((e) => e.trip)).toEqual([id('x')]);
  });
});
