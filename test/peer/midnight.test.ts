/**
 * Feature under test: a journey across midnight that needs a trip of the NEXT service day followed
 * by a trip of the query's service day still running past 24:00.
 *
 * raptor-journey-planner 2.2.3 searches one service day at a time (GroupStationDepartAfterQuery):
 * day 1 sees only the query date's trips, day 2 only the next date's. `early` runs on the next
 * date's service, `late` on the query date's (24:45 = 00:45 the next morning), so no single day of
 * its search holds both, and it answers with the next night's `late` instead — 24 h later:
 *
 *   E1  evening  X 23:10 → X2 23:20        (daily)
 *   E2  early    X2 00:30 → Y 00:40        (daily)
 *   E3  late     Y 24:45 → Z 25:00         (daily, times past midnight of its service day)
 *   query X → Z, depart 2026-11-24 23:00   ours: 2026-11-25 01:00   peer: 2026-11-26 01:00
 */
import { expect, test } from 'vitest';
import { peerFixture } from './load-fixture.js';

test('peer difference "midnight": next-day trip then previous-day trip past 24:00 arrives 2026-11-25 01:00 (peer: a day later)', async () => {
  const f = await peerFixture('midnight');
  const r = f.search('X', 'Z', '2026-11-24T23:00');
  expect(f.earliest(r)).toBe('2026-11-25T01:00:00+08:00');
  const j = r.journeys.find((x) => x.arrival === Date.parse('2026-11-25T01:00:00+08:00') / 1000)!;
  const rides = j.legs.filter((l) => l.kind === 'transit');
  const at = (s: string) => Date.parse(s) / 1000;
  expect(rides.map((l) => [f.input.trips.id(f.net.timetable.tripInput[l.trip]), l.departure])).toEqual([
    ['midnight:evening', at('2026-11-24T23:10:00+08:00')],
    ['midnight:early', at('2026-11-25T00:30:00+08:00')],
    ['midnight:late', at('2026-11-25T00:45:00+08:00')],
  ]);
});
