/**
 * Feature under test: a trip is never boarded at a stop whose pickup_type is 1 (no pickup).
 *
 * raptor-journey-planner 2.2.3 checks pickup only at the stop a route scan starts from (its
 * routesAtStop index); further along the route, at any stop reached in the previous round, it
 * boards an earlier trip without looking at pickUp (RaptorAlgorithm.scanRoutes). Here the scan of X
 * starts at A (reached 08:25 on P, boards x2); at B, reached 08:05 on Q, the peer switches to x1
 * (B 08:10) although x1 and x2 only drop off at B, and answers 08:20. The right earliest arrival
 * is 08:50 on x2:
 *
 *   P  p1  O 07:50 → A 08:25
 *   Q  q1  O 07:50 → B 08:05
 *   X  x1  A 08:00 → B 08:10 (pickup_type 1) → C 08:20
 *   X  x2  A 08:30 → B 08:40 (pickup_type 1) → C 08:50
 *   query O → C, depart 2026-11-24 07:50
 */
import { expect, test } from 'vitest';
import { peerFixture } from './load-fixture.js';

test('peer difference "pickup forbidden": O → C rides P then x2 from A, arrives 08:50 (peer: boards x1 at B, 08:20)', async () => {
  const f = await peerFixture('pickup-forbidden');
  const r = f.search('O', 'C', '2026-11-24T07:50');
  expect(f.earliest(r)).toBe('2026-11-24T08:50:00+08:00');
  const fastest = r.journeys.find((j) => j.arrival === Math.min(...r.pareto.map((p) => p.time)))!;
  const rides = fastest.legs
    .filter((l) => l.kind === 'transit')
    .map((l) => `${f.input.trips.id(f.net.timetable.tripInput[l.trip])}@${f.input.stops[l.from].id}`);
  expect(rides).toEqual(['pickup-forbidden:p1@pickup-forbidden:O', 'pickup-forbidden:x2@pickup-forbidden:A']);
  // B is a drop-off-only stop of X: nothing leaves B for C
  expect(f.search('B', 'C', '2026-11-24T08:05').pareto).toEqual([]);
});
