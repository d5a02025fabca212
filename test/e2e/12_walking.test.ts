// Feature under test: coordinates as origin and destination — walking at both ends, maxWalk
// limiting the access walk, and a walk-only itinerary when origin and destination are close.
//
// Timetable (test/fixtures/e2e/walking, Asia/Shanghai, daily in Nov 2026):
//   R1  A (39.9000,116.40) 08:00 → B (39.9500,116.40) 08:20
//   points: 300 m south of A (39.8973,116.40), 200 m north of B (39.9518,116.40)
//   walking = straight line × 1.3 detour / 1.2 m/s: 300 m → 325 s, 200 m → 217 s
import { describe, expect, it } from 'vitest';
import { ask, expectCleanImport, feedDir, lines, useFeeds } from './helpers.js';

const feeds = useFeeds(feedDir('walking'));
const SOUTH_OF_A = '39.8973,116.40';
const NORTH_OF_B = '39.9518,116.40';

describe('coordinate origin and destination', () => {
  it('imports without issues', () => {
    expectCleanImport(feeds);
  });

  it('walks to the first stop and from the last one', () => {
    const r = ask(feeds.net, { from: SOUTH_OF_A, to: NORTH_OF_B, depart: '2026-11-24T07:50' });
    expect(lines(r)).toEqual([`07:54 ${SOUTH_OF_A} walk 5m25s → A 08:00 | 08:00 A —BUS R1→ B 08:20 | walk 3m37s → ${NORTH_OF_B} 08:23`]);
    const it0 = r.itineraries[0];
    expect(it0).toMatchObject({
      departure: '2026-11-24T07:54:35+08:00',
      arrival: '2026-11-24T08:23:37+08:00',
      durationSeconds: 1742,
      transfers: 0,
      walkSeconds: 325 + 217,
    });
    expect(it0.legs[0]).toMatchObject({ mode: 'WALK', from: { id: null, name: SOUTH_OF_A, lat: 39.8973, lon: 116.4 }, to: { id: 'walking:A' }, distanceMetres: 300 });
    expect(it0.legs[2]).toMatchObject({ mode: 'WALK', from: { id: 'walking:B' }, to: { id: null, name: NORTH_OF_B }, distanceMetres: 200 });
    expect(it0.legs[0].geometry).toEqual({ type: 'LineString', coordinates: [[116.4, 39.8973], [116.4, 39.9]] });
  });

  it('mixes a stop name origin with a coordinate destination', () => {
    expect(lines(ask(feeds.net, { from: 'A', to: NORTH_OF_B, depart: '2026-11-24T07:50' }))).toEqual([
      `08:00 A —BUS R1→ B 08:20 | walk 3m37s → ${NORTH_OF_B} 08:23`,
    ]);
  });

  it('maxWalk below the distance to the nearest stop: no access, no journey', () => {
    expect(ask(feeds.net, { from: SOUTH_OF_A, to: 'B', depart: '2026-11-24T07:50', maxWalk: '299' }).itineraries).toEqual([]);
    expect(lines(ask(feeds.net, { from: SOUTH_OF_A, to: 'B', depart: '2026-11-24T07:50', maxWalk: '301' }))).toEqual([
      `07:54 ${SOUTH_OF_A} walk 5m25s → A 08:00 | 08:00 A —BUS R1→ B 08:20`,
    ]);
  });

  it('maxWalk limits the egress walk too', () => {
    expect(ask(feeds.net, { from: 'A', to: NORTH_OF_B, depart: '2026-11-24T07:50', maxWalk: '150' }).itineraries).toEqual([]);
  });

  it('close origin and destination: a walk-only itinerary leaving at the requested time', () => {
    const r = ask(feeds.net, { from: '39.9010,116.40', to: '39.9035,116.40', depart: '2026-11-24T07:50' });
    expect(lines(r)).toEqual(['07:50 39.9010,116.40 walk 5m01s → 39.9035,116.40 07:55']);
    expect(r.itineraries[0]).toMatchObject({ transfers: 0, durationSeconds: 301, walkSeconds: 301, departure: '2026-11-24T07:50:00+08:00' });
    expect(r.itineraries[0].legs[0].distanceMetres).toBe(278);
  });

  it('no walk-only option beyond maxWalk', () => {
    expect(ask(feeds.net, { from: '39.9010,116.40', to: '39.9035,116.40', depart: '2026-11-24T07:50', maxWalk: '200' }).itineraries).toEqual([]);
  });

  it('a point exactly at a stop gets no zero-length walk legs', () => {
    const r = ask(feeds.net, { from: '39.9,116.4', to: '39.95,116.4', depart: '2026-11-24T07:50' });
    expect(lines(r)).toEqual(['08:00 A —BUS R1→ B 08:20']);
  });
});
