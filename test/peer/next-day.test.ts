/**
 * Feature under test: a journey that leaves the next morning is found from the origin itself.
 *
 * raptor-journey-planner 2.2.3, when nothing arrives on the query day, searches the next day
 * starting only from the stops reached on day 1 (GroupStationDepartAfterQuery.getFoundStations
 * keeps stops with a connection, and the origin has none), so it answers nothing here. The only
 * bus leaves L at 07:00 every day; asked at 09:47, the earliest arrival is 08:00 the next day:
 *
 *   BUS  morning  L 07:00 → S 08:00   (daily)
 *   query L → S, depart 2026-11-24 09:47
 */
import { expect, test } from 'vitest';
import { peerFixture } from './load-fixture.js';

test('peer difference "next day": the next-morning bus arrives 2026-11-25 08:00 (peer: no journey)', async () => {
  const f = await peerFixture('next-day');
  const r = f.search('L', 'S', '2026-11-24T09:47');
  expect(f.earliest(r)).toBe('2026-11-25T08:00:00+08:00');
  expect(r.journeys[0].legs.find((l) => l.kind === 'transit')!.departure).toBe(Date.parse('2026-11-25T07:00:00+08:00') / 1000);
});
