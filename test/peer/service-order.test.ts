/**
 * Feature under test: the earliest trip leaving a stop is found although trips of OTHER service
 * days, in first-departure order, leave that stop in another order.
 *
 * raptor-journey-planner 2.2.3 puts the trips of every service day with the same stops into one
 * route, sorted by first departure (it splits a route only when a trip reaches the LAST stop
 * earlier than one before it), and RouteScanner.getTrip walks that list from the end and stops at
 * the first trip leaving the boarding stop too early — whether or not that trip runs on the day.
 * Here the Sunday trip s1 sits between w1 and w2 and leaves B at 08:15: asked at 08:18 on a
 * Tuesday, the peer stops at s1, never sees w1 and answers 09:40. The right earliest arrival is
 * 08:40 on w1:
 *
 *   L  w1 (Mon–Fri)  A 08:00 → B 08:20 → C 08:40
 *   L  s1 (Sun)      A 08:05 → B 08:15 → C 08:40
 *   L  w2 (Mon–Fri)  A 09:00 → B 09:20 → C 09:40
 *   query B → C, depart 2026-11-24 (Tuesday) 08:18
 */
import { expect, test } from 'vitest';
import { peerFixture } from './load-fixture.js';

test('peer difference "service order": B → C on the weekday trip w1 arrives 08:40 (peer: w2, 09:40)', async () => {
  const f = await peerFixture('service-order');
  const r = f.search('B', 'C', '2026-11-24T08:18');
  expect(f.earliest(r)).toBe('2026-11-24T08:40:00+08:00');
  const ride = r.journeys[0].legs.find((l) => l.kind === 'transit')!;
  expect(f.input.trips.id(f.net.timetable.tripInput[ride.trip])).toBe('service-order:w1');
  expect(ride.departure).toBe(Date.parse('2026-11-24T08:20:00+08:00') / 1000);
  // on a Sunday the Sunday trip is the one
  expect(f.earliest(f.search('B', 'C', '2026-11-29T08:10'))).toBe('2026-11-29T08:40:00+08:00');
});
