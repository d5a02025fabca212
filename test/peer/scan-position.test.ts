/**
 * Feature under test: a later RAPTOR round may board a LATER trip of a route that an earlier
 * round already scanned for an earlier time.
 *
 * raptor-journey-planner 2.2.3 keeps one scan position per route for the whole search
 * (RouteScanner.routeScanPosition) and only moves it back. In this fixture round 1 scans BACK at
 * A (its last stop) for 15:28 and leaves the position on back1; in round 2, B is reached at 16:48
 * and the peer asks BACK for a trip from B after 16:48 — it starts from back1 (B 14:40), stops
 * there and finds none, so back2 is never boarded. The peer answers 19:26 (DIRECT); the right
 * earliest arrival is 19:25:
 *
 *   OUT     out1    A 16:00 → B 16:48
 *   BACK    back1   B 14:40 → C 15:10 → A 15:30
 *   BACK    back2   B 18:50 → C 19:25 → A 19:45
 *   DIRECT  direct1 A 18:40 → C 19:26
 *   query A → C, depart 2026-11-24 15:28
 */
import { expect, test } from 'vitest';
import { peerFixture } from './load-fixture.js';

test('peer difference "scan position": out on OUT, back on the later BACK trip, arrives 19:25 (peer: 19:26)', async () => {
  const f = await peerFixture('scan-position');
  const r = f.search('A', 'C', '2026-11-24T15:28');
  expect(f.earliest(r)).toBe('2026-11-24T19:25:00+08:00');
  const fastest = r.journeys.find((j) => j.arrival === Math.min(...r.pareto.map((p) => p.time)))!;
  const trips = fastest.legs.filter((l) => l.kind === 'transit').map((l) => f.input.trips.id(f.net.timetable.tripInput[l.trip]));
  expect(trips).toEqual(['scan-position:out1', 'scan-position:back2']);
  // the direct train is the one-vehicle option of the Pareto set
  expect(r.pareto).toEqual([
    { vehicles: 1, time: r.pareto[0].time },
    { vehicles: 2, time: fastest.arrival },
  ]);
  expect(r.pareto[0].time - fastest.arrival).toBe(60);
});
