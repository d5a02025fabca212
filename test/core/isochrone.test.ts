/**
 * Isochrones tested against theory: synthetic lines with known headways, so the percentile travel
 * times follow from the timetable alone; nested circles; GeoJSON validity; arrive-by against
 * depart-at.
 */
import { describe, expect, test } from 'vitest';
import booleanValid from '@turf/boolean-valid';
import { Network } from '../../src/core/network.js';
import { isochrones, type IsochroneOptions } from '../../src/core/isochrone-plan.js';
import { percentileOf, travelTimeSurface, cellPercentile, UNREACHED_CELL } from '../../src/core/isochrone.js';
import { placeAccess, plan } from '../../src/core/plan.js';
import { resolvePlace } from '../../src/core/places.js';
import { ALL_MODES } from '../../src/core/query.js';
import { parseDateTime } from '../../src/core/time.js';
import { tiny } from './helpers.js';
import { RealtimeOverlay } from '../../src/core/realtime.js';

const Z = 'Asia/Shanghai';
const at = (hm: string) => parseDateTime(`2026-11-24T${hm}`, Z)!;

/** A line A → B → C (5 km apart), a train every `headway` minutes from 06:00, 10 min per hop. */
function line(headwayMin: number): Network {
  const trips = [];
  for (let m = 6 * 60; m < 11 * 60; m += headwayMin) {
    const hh = (x: number) => `${Math.floor(x / 60)}:${String(x % 60).padStart(2, '0')}`;
    trips.push({ id: `T${m}`, route: 'L', type: 2, times: `A ${hh(m)}, B ${hh(m + 10)}, C ${hh(m + 20)}` });
  }
  return new Network(tiny({ stops: ['A', 'B', 'C'], coords: { A: [39.9, 116.3], B: [39.945, 116.3], C: [39.99, 116.3] }, trips }));
}

function opts(o: Partial<IsochroneOptions>): IsochroneOptions {
  return {
    place: 'A',
    direction: 'depart',
    windowStart: at('07:00'),
    windowEnd: at('07:59'),
    stepSeconds: 60,
    cutoffsMinutes: [30, 60],
    percentiles: [50],
    cellMetres: 200,
    maxWalkMinutes: 10,
    maxTransfers: 2,
    modes: null,
    transferSlack: 0,
    excludeFeeds: [],
    excludeRoutes: [],
    ...o,
  };
}

describe('isochrones against theory', () => {
  test('I01 nearest-rank percentile', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileOf(xs, 50)).toBe(5);
    expect(percentileOf(xs, 90)).toBe(9);
    expect(percentileOf(xs, 100)).toBe(10);
    expect(percentileOf(xs, 1)).toBe(1);
  });

  for (const headway of [5, 10, 15, 20]) {
    test(`I02 headway ${headway} min: stop percentiles = ride + the waits of a uniform departure minute`, () => {
      const net = line(headway);
      const r = isochrones(net, opts({ percentiles: [10, 50, 90], cutoffsMinutes: [60] }));
      // departing every minute 07:00–07:59, a train every `headway` minutes from 06:00 (07:00 is one):
      // the wait is (headway − m mod headway) mod headway; arrival at C 20 min later
      const waits = Array.from({ length: 60 }, (_, m) => (headway - (m % headway)) % headway).sort((a, b) => a - b);
      const c = r.stops.find((s) => s.name === 'C')!;
      for (const p of [10, 50, 90]) expect(c.minutes[`p${p}`], `p${p}`).toBe(20 + percentileOf(waits, p));
    });
  }

  test('I03 circles are nested and grow with the cutoff; every polygon is valid GeoJSON', () => {
    const net = line(10);
    const r = isochrones(net, opts({ cutoffsMinutes: [15, 25, 35, 45], percentiles: [50, 90] }));
    for (const p of [50, 90]) {
      const areas = r.features.filter((f) => f.properties.percentile === p).sort((a, b) => a.properties.cutoffMinutes - b.properties.cutoffMinutes).map((f) => f.properties.areaKm2);
      for (let i = 1; i < areas.length; i++) expect(areas[i]).toBeGreaterThanOrEqual(areas[i - 1]);
      expect(areas[areas.length - 1]).toBeGreaterThan(areas[0]);
    }
    for (const f of r.features) {
      expect(booleanValid(f.geometry as never), JSON.stringify(f.properties)).toBe(true);
      for (const poly of f.geometry.coordinates)
        for (const ring of poly) expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    // cell level: reached within 15 min ⇒ reached within 25 min (same percentile grid)
    const place = resolvePlace(net, 'A', 'from');
    const s = travelTimeSurface(net, {
      direction: 'depart', windowStart: at('07:00'), windowEnd: at('07:59'), step: 60, lat: place.lat, lon: place.lon,
      access: placeAccess(net, place, 500, false), maxSeconds: 3600, maxTransfers: 2, modeMask: ALL_MODES, transferSlack: 0, maxWalkSeconds: 600, cellMetres: 200,
    });
    const v50 = cellPercentile(s, 50);
    const v90 = cellPercentile(s, 90);
    for (let c = 0; c < v50.length; c++) if (v90[c] !== UNREACHED_CELL) expect(v50[c]).toBeLessThanOrEqual(v90[c]);
  });

  test('I04 arrive-by circles agree with depart-at searches from the stops they contain', () => {
    const net = line(10);
    const T = at('09:00');
    const r = isochrones(net, opts({ place: 'C', direction: 'arrive', windowStart: T, windowEnd: T, cutoffsMinutes: [60] }));
    for (const stop of r.stops) {
      if (stop.name === 'C') continue;
      const seconds = stop.minutes.p50 * 60;
      const from = net.stopById(stop.id)[0];
      // leaving the stop `seconds` before T gets to C by T …
      const ok = net.router.search({ direction: 'depart', time: T - seconds, access: [{ stop: from, seconds: 0 }], egress: [{ stop: net.stopById('f:C')[0], seconds: 0 }], maxTransfers: 2, modeMask: ALL_MODES, transferSlack: 0, maxDuration: 7200 });
      expect(Math.min(...ok.pareto.map((p) => p.time))).toBeLessThanOrEqual(T);
      // … and leaving a minute later does not
      const late = net.router.search({ direction: 'depart', time: T - seconds + 60, access: [{ stop: from, seconds: 0 }], egress: [{ stop: net.stopById('f:C')[0], seconds: 0 }], maxTransfers: 2, modeMask: ALL_MODES, transferSlack: 0, maxDuration: 7200 });
      expect(Math.min(...late.pareto.map((p) => p.time))).toBeGreaterThan(T);
    }
  });

  test('I06 arrive-by cell times agree with depart-at door-to-door plans from sampled points', () => {
    const net = line(10);
    const T = at('09:00');
    const place = resolvePlace(net, 'C', 'to');
    const s = travelTimeSurface(net, {
      direction: 'arrive', windowStart: T, windowEnd: T, step: 60, lat: place.lat, lon: place.lon,
      access: placeAccess(net, place, 500, true), maxSeconds: 3600, maxTransfers: 2, modeMask: ALL_MODES, transferSlack: 0, maxWalkSeconds: 600, cellMetres: 200,
    });
    const v = cellPercentile(s, 50);
    const g = s.grid;
    // the plan may walk as far as the surface does: secondsFor(metres) ≤ 600 s (it rounds)
    const maxWalkMetres = (600.49 * net.walk.options.speed) / net.walk.options.detour;
    const arrival = (lat: number, lon: number, leave: number) => {
      const r = plan(net, { from: `${lat},${lon}`, to: 'C', time: leave, arriveBy: false, maxTransfers: 2, modes: null, maxWalkMetres, transferSlack: 0, maxDuration: 7200 });
      return Math.min(...r.itineraries.map((i) => Date.parse(i.arrival) / 1000));
    };
    let inside = 0;
    let outside = 0;
    for (let c = 0; c < v.length; c++) {
      const x = c % g.nx;
      const y = Math.floor(c / g.nx);
      const lat = g.south + (y + 0.5) * g.dLat;
      const lon = g.west + (x + 0.5) * g.dLon;
      if (v[c] === UNREACHED_CELL) {
        // not in the circle: leaving an hour before T does not get there by T
        if (c % 7 === 0 && outside++ < 60) expect(arrival(lat, lon, T - 3600), `cell ${c}`).toBeGreaterThan(T);
        continue;
      }
      inside++;
      // in the circle with v seconds: leaving v before T arrives by T, a minute later does not
      expect(arrival(lat, lon, T - v[c]), `cell ${c} (${v[c]} s)`).toBeLessThanOrEqual(T);
      expect(arrival(lat, lon, T - v[c] + 60), `cell ${c} (${v[c]} s) + 1 min`).toBeGreaterThan(T);
    }
    expect(inside).toBeGreaterThan(20);
    expect(outside).toBeGreaterThan(20);
  });

  test('I05 scenario without the line: the area it served is reported lost', () => {
    const net = line(10);
    const r = isochrones(net, opts({ excludeRoutes: ['L'], cutoffsMinutes: [30] }));
    const cmp = r.comparison![0];
    expect(cmp.stops).toBe(3);
    expect(cmp.stopsWithout).toBe(1); // A itself, by walking
    expect(cmp.placesLost).toEqual(['B', 'C']);
    expect(cmp.lostKm2).toBeGreaterThan(0);
    expect(cmp.areaWithoutKm2).toBeLessThan(cmp.areaKm2);
  });

  test('I07 with live times: cancelled runs lengthen the waits, an added trip is used, and goes with its line in a scenario', () => {
    const net = line(10);
    const trip = (id: string) => Array.from(net.timetable.tripInput).findIndex((t) => net.input.trips.id(t) === `f:${id}`);
    // every other run cancelled 07:10–08:10: a train every 20 min (07:00, 07:20 …); an added express A 07:41 → C 07:49
    const overlay = new RealtimeOverlay(
      net.timetable,
      net.input,
      ['T430', 'T450', 'T470', 'T490'].map((id) => ({ trip: trip(id), day: 1, canceled: true, updates: [] })),
      [{ id: 'x', line: 0, headsign: 'C', stops: Int32Array.of(0, 2), arrivals: Float64Array.of(at('07:41'), at('07:49')), departures: Float64Array.of(at('07:41'), at('07:49')) }],
    );
    const minutes = (r: ReturnType<typeof isochrones>, name: string) => r.stops.find((s) => s.name === name)!.minutes.p50;
    const plain = isochrones(net, opts({ cutoffsMinutes: [30] }));
    expect([minutes(plain, 'B'), minutes(plain, 'C')]).toEqual([14, 24]);
    expect(plain.realtime).toBeUndefined();
    const live = isochrones(net, opts({ cutoffsMinutes: [30], realtime: overlay }));
    expect(live.realtime).toBe(true);
    // waits of a uniform minute under a 20-min headway: 0–19 min, p50 = 9. C: 07:00 → 20 min,
    // 07:01–07:20 → 39…20, the added trip from 07:21–07:41 → 28…8, 07:42–07:59 → 38…21: the 30th of
    // the 60 is 25 (the timetable's 20-min headway alone would give 29)
    expect(minutes(live, 'B')).toBe(19);
    expect(minutes(live, 'C')).toBe(25);
    // without line L the added trip (of line L) is gone too: A alone, by walking (with the trip, C
    // would be within the hour at the median: 49…8 min from 07:00–07:41)
    const cmp = isochrones(net, opts({ cutoffsMinutes: [60], excludeRoutes: ['L'], realtime: overlay })).comparison![0];
    expect([cmp.stops, cmp.stopsWithout]).toEqual([3, 1]);
    // the matrix takes the same live times
    const o: MatrixOptions = {
      direction: 'depart', windowStart: at('07:00'), windowEnd: at('07:59'), stepSeconds: 60, percentile: 50,
      maxSeconds: 7200, maxWalkMetres: 500, maxTransfers: 2, modes: null, transferSlack: 0,
    };
    const [a] = preparePlaces(net, [resolvePlace(net, 'A', 'from')], o, false);
    const dests = preparePlaces(net, ['A', 'B', 'C'].map((n) => resolvePlace(net, n, 'to')), o, true);
    expect(Array.from(matrixRow(net, a, dests, o, overlay), (x) => x / 60)).toEqual([0, 19, 25]);
  });
});

import { matrixRow, preparePlaces, type MatrixOptions } from '../../src/core/matrix.js';

describe('matrix', () => {
  test('M01 percentile travel times between places follow the headway, like the isochrone stops', () => {
    const net = line(10);
    const o: MatrixOptions = {
      direction: 'depart', windowStart: at('07:00'), windowEnd: at('07:59'), stepSeconds: 60, percentile: 50,
      maxSeconds: 7200, maxWalkMetres: 500, maxTransfers: 2, modes: null, transferSlack: 0,
    };
    const [a] = preparePlaces(net, [resolvePlace(net, 'A', 'from')], o, false);
    const dests = preparePlaces(net, ['A', 'B', 'C'].map((n) => resolvePlace(net, n, 'to')), o, true);
    // waits of a uniform minute under a 10-min headway: p50 = 4 min; rides 10 and 20 min
    expect(Array.from(matrixRow(net, a, dests, o), (s) => s / 60)).toEqual([0, 14, 24]);
    const back = { ...o, direction: 'arrive' as const };
    const [c] = preparePlaces(net, [resolvePlace(net, 'C', 'to')], back, true);
    const froms = preparePlaces(net, ['A', 'B'].map((n) => resolvePlace(net, n, 'from')), back, false);
    // arriving by each minute 07:00–07:59: trains reach C at :00, :10 …, so the slack is 0–9 min
    expect(Array.from(matrixRow(net, c, froms, back), (s) => s / 60)).toEqual([24, 14]);
  });
});

describe('frequency-based services in isochrones', () => {
  /** A 10-min frequency line A→B (5 min) and B→C (5 min), both starting 06:00: with nominal times the change at B always waits 5 min. */
  function twoLines(exact: boolean): Network {
    const f = [{ start: '6:00', end: '12:00', headway: 600, exact }];
    return new Network(
      tiny({
        stops: ['A', 'B', 'C'],
        coords: { A: [39.9, 116.3], B: [39.945, 116.3], C: [39.99, 116.3] },
        trips: [
          { id: 'AB', type: 3, times: 'A 6:00, B 6:05', frequencies: f },
          { id: 'BC', type: 3, times: 'B 6:00, C 6:05', frequencies: f },
        ],
      }),
    );
  }

  test('F01 exact_times=0 routes get a random phase per sample, so the change at B is no longer always 5 min', () => {
    const run = (exact: boolean) =>
      isochrones(twoLines(exact), opts({ windowStart: at('07:00'), windowEnd: at('10:59'), percentiles: [10, 90], cutoffsMinutes: [60] })).stops.find((s) => s.name === 'C')!.minutes;
    const nominal = run(true);
    const sampled = run(false);
    // nominal: wait at A uniform over 0–9 min (24 samples each), +5 ride +5 wait +5 ride → p10 = 0+15, p90 = 8+15
    expect(nominal).toEqual({ p10: 15, p90: 23 });
    // sampled: the wait at B spreads over 0–10 min too, so the spread widens
    expect(sampled.p90 - sampled.p10).toBeGreaterThan(nominal.p90 - nominal.p10);
    // and the same seed gives the same answer
    expect(run(false)).toEqual(sampled);
  });
});
