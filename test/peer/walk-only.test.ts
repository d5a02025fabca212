/**
 * Feature under test: a walk-only journey is timed from the departure.
 *
 * raptor-journey-planner 2.2.3 answers X → Y, linked by a transfers.txt footpath (type 2, 300 s),
 * with a journey of one footpath whose departure and arrival are both 00:00:00 (its JourneyFactory
 * takes times from timetable legs only and returns 0 when there is none). Our router leaves
 * walk-only journeys to the planner: planning X → Y at 10:00 gives a walk leaving 10:00 and
 * arriving a few minutes later, never before it leaves.
 */
import { expect, test } from 'vitest';
import { peerFixture } from './load-fixture.js';
import { planPlaces, PLAN_DEFAULTS } from '../../src/core/plan.js';
import { resolvePlace } from '../../src/core/places.js';
import { parseDateTime } from '../../src/core/time.js';

test('peer difference "walk-only time": X → Y on foot leaves 10:00 and arrives after it (peer: 00:00 → 00:00)', async () => {
  const f = await peerFixture('walk-only', { speed: 1.2, detour: 1.3, transferRadius: 500 });
  const time = parseDateTime('2026-11-24T10:00', 'Asia/Shanghai')!;
  const res = planPlaces(f.net, resolvePlace(f.net, 'walk-only:X', 'from'), resolvePlace(f.net, 'walk-only:Y', 'to'), {
    from: 'walk-only:X',
    to: 'walk-only:Y',
    time,
    arriveBy: false,
    maxTransfers: 4,
    modes: null,
    maxWalkMetres: PLAN_DEFAULTS.maxWalkMetres,
    transferSlack: 60,
    maxDuration: PLAN_DEFAULTS.maxDuration,
  });
  const walk = res.itineraries.find((i) => i.legs.every((l) => l.mode === 'WALK'))!;
  expect(walk).toBeDefined();
  const dep = Date.parse(walk.departure) / 1000;
  const arr = Date.parse(walk.arrival) / 1000;
  expect(dep).toBe(time);
  expect(arr).toBeGreaterThan(dep);
  expect(arr - dep).toBeLessThan(10 * 60);
});
