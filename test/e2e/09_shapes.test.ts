// Feature under test: shapes.txt — a transit leg's geometry (GeoJSON LineString of [lon, lat])
// follows the trip's shape between the boarding and alighting stops; without a shape it is the
// line through the trip's stops.
//
// Timetable (test/fixtures/e2e/shapes, see its README.md; Asia/Shanghai, daily in Nov 2026):
//   zigzag road: 1 (39.900,116.400) 2 (39.905,116.410) 3 (39.910,116.400) 4 (39.915,116.410)
//                5 (39.920,116.400); stops A, B, C at lon 116.3995 beside points 1, 3, 5
//   T1 R1 A 08:00 → B 08:10 → C 08:20  shape SH1 (with shape_dist_traveled)
//   T2 R1 A 09:00 → B 09:10 → C 09:20  shape SH2 (same points, no distances)
//   T3 R2 X 08:00 → Y 08:10 → Z 08:20  no shape
import { describe, expect, it } from 'vitest';
import { ask, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('shapes'));
const leg = (from: string, to: string, depart: string) => {
  const r = ask(feeds.net, { from, to, depart });
  expect(r.itineraries).toHaveLength(1);
  return r.itineraries[0].legs[0];
};

const A: [number, number] = [116.3995, 39.9];
const B: [number, number] = [116.3995, 39.91];
const C: [number, number] = [116.3995, 39.92];
const pt = [
  [116.4, 39.9],
  [116.41, 39.905],
  [116.4, 39.91],
  [116.41, 39.915],
  [116.4, 39.92],
];

describe('shapes.txt leg geometry', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('with shape_dist_traveled: A → C is the stop, the whole zigzag, the stop', () => {
    const l = leg('A', 'C', '2026-11-24T07:55');
    expect(l.tripId).toBe('shapes:T1');
    expect(l.geometry).toEqual({ type: 'LineString', coordinates: [A, ...pt, C] });
  });

  it('with shape_dist_traveled: B → C is only the slice between B and C', () => {
    const l = leg('B', 'C', '2026-11-24T08:05');
    expect(l.tripId).toBe('shapes:T1');
    expect(l.geometry.coordinates).toEqual([B, pt[2], pt[3], pt[4], C]);
  });

  it('with shape_dist_traveled: A → B is the slice between A and B', () => {
    expect(leg('A', 'B', '2026-11-24T07:55').geometry.coordinates).toEqual([A, pt[0], pt[1], pt[2], B]);
  });

  it('without distances the stops are matched to the nearest shape points in order', () => {
    const l = leg('A', 'C', '2026-11-24T08:30');
    expect(l.tripId).toBe('shapes:T2');
    expect(l.geometry.coordinates).toEqual([A, ...pt, C]);
    expect(leg('B', 'C', '2026-11-24T09:05').geometry.coordinates).toEqual([B, pt[2], pt[3], pt[4], C]);
  });

  it('without a shape: the line through the trip’s stops', () => {
    expect(lines(ask(feeds.net, { from: 'X', to: 'Z', depart: '2026-11-24T07:55' }))).toEqual(['08:00 X —BUS R2→ Z 08:20']);
    expect(leg('X', 'Z', '2026-11-24T07:55').geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [116.5, 39.9],
        [116.51, 39.91],
        [116.5, 39.92],
      ],
    });
    expect(leg('Y', 'Z', '2026-11-24T08:05').geometry.coordinates).toEqual([
      [116.51, 39.91],
      [116.5, 39.92],
    ]);
  });
});
