/**
 * Module tests of the router, numbered like a catalogue. Each opens with the feature under test,
 * a text timetable, and the expected journeys as one line each (see Fixture.describe).
 */
import { describe, expect, test } from 'vitest';
import { Fixture, tiny } from './helpers.js';
import { FORBIDDEN, Mode } from '../../src/core/query.js';
import { formatIso } from '../../src/core/time.js';

const DAY = '2026-11-24';

describe('raptor module tests', () => {
  test('A01 single route: board at the first stop, alight at a later one', () => {
    const f = new Fixture(tiny({ stops: ['A', 'B', 'C'], trips: [{ id: 'R1', times: 'A 8:00, B 8:10, C 8:20' }] }));
    const r = f.search('A', 'C', `${DAY}T07:55`);
    expect(r.journeys.map((j) => f.describe(j))).toEqual(['A ~ R1 08:00 08:20 ~ C [08:00 08:20]']);
  });

  test('A02 Pareto set: the fastest trip and a slower one with fewer transfers', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'C', 'D'],
        trips: [
          { id: 'R1', times: 'A 8:00, B 8:10, C 8:20' },
          { id: 'R2', times: 'B 8:15, D 8:25' },
          { id: 'R3', times: 'A 8:05, D 9:00' },
        ],
      }),
    );
    const r = f.search('A', 'D', `${DAY}T07:50`);
    expect(r.journeys.map((j) => f.describe(j))).toEqual([
      'A ~ R3 08:05 09:00 ~ D [08:05 09:00]',
      'A ~ R1 08:00 08:10 ~ B ~ R2 08:15 08:25 ~ D [08:00 08:25]',
    ]);
    expect(r.pareto.map((p) => p.vehicles)).toEqual([1, 2]);
  });

  test('A03 transfer slack and same-stop minimum transfer time decide the connection', () => {
    const net = tiny({
      stops: ['A', 'B', 'C'],
      trips: [
        { id: 'R1', times: 'A 8:00, B 8:10' },
        { id: 'R2a', route: 'R2', times: 'B 8:12, C 8:30' },
        { id: 'R2b', route: 'R2', times: 'B 8:20, C 8:38' },
      ],
    });
    const f = new Fixture(net);
    expect(f.describe(f.search('A', 'C', `${DAY}T08:00`).journeys[0])).toBe('A ~ R1 08:00 08:10 ~ B ~ R2 08:12 08:30 ~ C [08:00 08:30]');
    // 3 minutes of slack miss the 08:12
    expect(f.describe(f.search('A', 'C', `${DAY}T08:00`, { transferSlack: 180 }).journeys[0])).toBe(
      'A ~ R1 08:00 08:10 ~ B ~ R2 08:20 08:38 ~ C [08:00 08:38]',
    );
    // transfers.txt type 2 at B: 5 minutes
    const g5 = new Fixture(net, { sameStopSeconds: Int32Array.from([0, 300, 0]), footOffset: new Int32Array(4), footTo: new Int32Array(0), footSeconds: new Int32Array(0) });
    expect(g5.describe(g5.search('A', 'C', `${DAY}T08:00`).journeys[0])).toMatch(/R2 08:20 08:38/);
    // type 3 at B: no transfer at all
    const no = new Fixture(net, { sameStopSeconds: Int32Array.from([0, FORBIDDEN, 0]), footOffset: new Int32Array(4), footTo: new Int32Array(0), footSeconds: new Int32Array(0) });
    expect(no.search('A', 'C', `${DAY}T08:00`).journeys).toEqual([]);
  });

  test('A04 footpath between nearby stops is a transfer with its walking time', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'B2', 'C'],
        coords: { A: [39.8, 116.3], B: [39.9, 116.4], B2: [39.9018, 116.4], C: [40.0, 116.5] }, // B–B2 ≈ 200 m
        trips: [
          { id: 'R1', times: 'A 8:00, B 8:10' },
          { id: 'R2', times: 'B2 8:14, C 8:30' },
        ],
      }),
    );
    // 200 m × 1.3 / 1.2 m/s ≈ 217 s: arrives B2 08:13:37, catches 08:14
    expect(f.describe(f.search('A', 'C', `${DAY}T08:00`).journeys[0])).toBe('A ~ R1 08:00 08:10 ~ B ~ Walk 4m ~ B2 ~ R2 08:14 08:30 ~ C [08:00 08:30]');
  });

  test('A05 pickup_type/drop_off_type 1: no boarding or alighting there', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'C'],
        trips: [
          { id: 'X', times: 'A 8:00, B 8:10?, C 8:20' }, // ? = no drop-off at B
          { id: 'Y', times: 'A 8:30, B 8:40!, C 8:50' }, // ! = no pickup at B
          { id: 'Z', times: 'A 9:00, B 9:10, C 9:20' },
        ],
      }),
    );
    expect(f.describe(f.search('A', 'B', `${DAY}T07:55`).journeys[0])).toBe('A ~ Y 08:30 08:40 ~ B [08:30 08:40]');
    expect(f.describe(f.search('B', 'C', `${DAY}T07:55`).journeys[0])).toBe('B ~ X 08:10 08:20 ~ C [08:10 08:20]');
    expect(f.describe(f.search('B', 'C', `${DAY}T08:15`).journeys[0])).toBe('B ~ Z 09:10 09:20 ~ C [09:10 09:20]');
  });

  test('A06 a trip of the previous service day running past midnight (25:10) is found', () => {
    const f = new Fixture(tiny({ stops: ['A', 'B'], trips: [{ id: 'N1', times: 'A 24:50, B 25:10' }], services: { all: [0] } }));
    // service runs only on day 0 (2026-11-23); its 24:50 is 00:50 on the 24th
    const r = f.search('A', 'B', `${DAY}T00:30`);
    expect(r.journeys.map((j) => f.describe(j))).toEqual(['A ~ N1 00:50 01:10 ~ B [00:50 01:10]']);
    expect(formatIso(r.journeys[0].arrival, f.zone)).toBe('2026-11-24T01:10:00+08:00');
  });

  test('A06b a route shift (isochrone phases) carries a previous day\'s run into the search window, both ways', () => {
    // N1 runs on day 0 only: 00:50 → 01:10 on the 24th; shifted by 30 min, 01:20 → 01:40. The search
    // scans a route only on the days whose runs can fall within its window, shifted runs included.
    const f = new Fixture(tiny({ stops: ['A', 'B'], trips: [{ id: 'N1', times: 'A 24:50, B 25:10' }], services: { all: [0] } }));
    const routeShift = new Int32Array(f.tt.forward.routeCount).fill(1800);
    // depart at 01:15: unshifted, N1 has arrived everywhere by then
    expect(f.search('A', 'B', `${DAY}T01:15`, { routeShift }).journeys.map((j) => f.describe(j))).toEqual(['A ~ N1 01:20 01:40 ~ B [01:20 01:40]']);
    expect(f.search('A', 'B', `${DAY}T01:15`).journeys).toEqual([]);
    // arrive by 01:45 within 30 min: unshifted, N1 arrives before the window opens
    const by = { direction: 'arrive' as const, maxDuration: 1800 };
    expect(f.search('A', 'B', `${DAY}T01:45`, { ...by, routeShift }).journeys.map((j) => f.describe(j))).toEqual(['A ~ N1 01:20 01:40 ~ B [01:20 01:40]']);
    expect(f.search('A', 'B', `${DAY}T01:45`, by).journeys).toEqual([]);
  });

  test('A07 overtaking trips on the same stops: the later, faster one is taken', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'C'],
        trips: [
          { id: 'slow', route: 'R', times: 'A 8:00, B 8:30, C 9:00' },
          { id: 'fast', route: 'R', times: 'A 8:05, B 8:15, C 8:25' },
        ],
      }),
    );
    expect(f.describe(f.search('A', 'C', `${DAY}T07:59`).journeys[0])).toBe('A ~ R 08:05 08:25 ~ C [08:05 08:25]');
  });

  test('A08 arrive-by: the latest departure that arrives in time, per number of vehicles', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'C'],
        trips: [
          { id: 'R1a', route: 'R1', times: 'A 7:00, C 8:00' },
          { id: 'R1b', route: 'R1', times: 'A 7:30, C 8:30' },
          { id: 'R2', times: 'A 7:40, B 7:50' },
          { id: 'R3', times: 'B 7:55, C 8:10' },
        ],
      }),
    );
    const r = f.search('A', 'C', `${DAY}T08:15`, { direction: 'arrive' });
    expect(r.journeys.map((j) => f.describe(j))).toEqual([
      'A ~ R1 07:00 08:00 ~ C [07:00 08:00]',
      'A ~ R2 07:40 07:50 ~ B ~ R3 07:55 08:10 ~ C [07:40 08:10]',
    ]);
  });

  test('A09 calendars: a service running only on some days', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B'],
        services: { weekday: [1], other: [0, 2] },
        trips: [
          { id: 'wk', service: 'weekday', times: 'A 8:00, B 8:10' },
          { id: 'ot', service: 'other', times: 'A 9:00, B 9:10' },
        ],
      }),
    );
    expect(f.describe(f.search('A', 'B', `${DAY}T07:00`).journeys[0])).toBe('A ~ wk 08:00 08:10 ~ B [08:00 08:10]');
    expect(f.describe(f.search('A', 'B', '2026-11-23T07:00').journeys[0])).toBe('A ~ ot 09:00 09:10 ~ B [09:00 09:10]');
  });

  test('A09b a scan moves to an earlier run across runs of other service days between them', () => {
    // one route, its runs by time: e1, x (not today), e2 — one route as their services meet on
    // day 2; reached at A too late for e1 and at C (a second access, 15 min) in time for it: the
    // scan boarding e2 at A must move back to e1 at C over x, which does not run
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'C', 'D'],
        services: { weekday: [1, 2], other: [0, 2] },
        trips: [
          { id: 'e1', route: 'R', service: 'weekday', times: 'A 8:00, B 8:10, C 8:20, D 8:30' },
          { id: 'x', route: 'R', service: 'other', times: 'A 8:05, B 8:15, C 8:25, D 8:35' },
          { id: 'e2', route: 'R', service: 'weekday', times: 'A 8:10, B 8:20, C 8:30, D 8:40' },
        ],
      }),
    );
    const access = [
      { stop: f.stop('A'), seconds: 0 },
      { stop: f.stop('C'), seconds: 15 * 60 },
    ];
    const r = f.search('A', 'D', `${DAY}T08:01`, { access });
    expect(r.journeys.map((j) => f.describe(j))).toEqual(['C ~ R 08:20 08:30 ~ D [08:05 08:30]']);
    expect(f.tt.forward.routeCount).toBe(1); // the three runs share one route: the case the scan handles
  });

  test('A09c runs whose service days never meet are routes of their own; each day finds its own', () => {
    const trips = [
      { id: 'w1', route: 'R', service: 'weekday', times: 'A 8:00, B 8:10' },
      { id: 's1', route: 'R', service: 'weekend', times: 'A 8:05, B 8:12' },
      { id: 'w2', route: 'R', service: 'weekday', times: 'A 8:20, B 8:30' },
      { id: 'o1', route: 'R', service: 'both', times: 'A 9:00, B 9:10' },
    ];
    // weekday (day 1) and weekend (days 0, 2) never meet: two routes; with a service on days 1 and 2 they are one
    // (serviceSplitMinRuns 0: split however few the runs; by default a pattern of 4 runs stays whole)
    const apart = { stops: ['A', 'B'], services: { weekday: [1], weekend: [0, 2], both: [0] }, trips };
    const split = new Fixture(tiny(apart), undefined, { serviceSplitMinRuns: 0 });
    const joined = new Fixture(tiny({ stops: ['A', 'B'], services: { weekday: [1], weekend: [0, 2], both: [1, 2] }, trips }), undefined, { serviceSplitMinRuns: 0 });
    expect(split.tt.forward.routeCount).toBe(2);
    expect(joined.tt.forward.routeCount).toBe(1);
    expect(new Fixture(tiny(apart)).tt.forward.routeCount).toBe(1);
    for (const f of [split, joined]) {
      expect(f.describe(f.search('A', 'B', `${DAY}T08:01`).journeys[0])).toBe('A ~ R 08:20 08:30 ~ B [08:20 08:30]');
      expect(f.describe(f.search('A', 'B', '2026-11-23T08:01').journeys[0])).toBe('A ~ R 08:05 08:12 ~ B [08:05 08:12]');
      // each day its own runs: day 0's search is not served a weekday run, day 1's not a weekend one
      expect(f.search('A', 'B', '2026-11-23T08:06').journeys.map((j) => f.describe(j))[0]).not.toMatch(/08:20/);
    }
  });

  test('A10 daylight saving: stop times count from noon minus 12 h of the service day', () => {
    // Europe/Berlin springs forward on 2027-03-28 at 02:00. Noon (CEST) − 12 h = 2027-03-27T22:00Z,
    // so service-day time 01:00 is 23:00Z = 00:00 CET, and 04:00 is 02:00Z = 04:00 CEST.
    const f = new Fixture(
      tiny({ stops: ['A', 'B'], firstDate: '2027-03-27', timezone: 'Europe/Berlin', trips: [{ id: 'E', times: 'A 1:00, B 4:00' }] }),
    );
    const j = f.search('A', 'B', '2027-03-27T23:30').journeys[0];
    expect(formatIso(j.legs[1].departure, 'Europe/Berlin')).toBe('2027-03-28T00:00:00+01:00');
    expect(formatIso(j.legs[1].arrival, 'Europe/Berlin')).toBe('2027-03-28T04:00:00+02:00');
    expect(j.arrival - j.legs[1].departure).toBe(3 * 3600); // 4 h on the wall clock, 3 h of real time
  });

  test('A11 frequencies: template trips repeat every headway before end_time', () => {
    const f = new Fixture(
      tiny({ stops: ['A', 'B'], trips: [{ id: 'F', times: 'A 6:00, B 6:20', frequencies: [{ start: '7:00', end: '8:00', headway: 600, exact: true }] }] }),
    );
    expect(f.describe(f.search('A', 'B', `${DAY}T07:01`).journeys[0])).toBe('A ~ F 07:10 07:30 ~ B [07:10 07:30]');
    // 07:50 is the last departure (08:00 = end_time is excluded): at 07:51 the next is tomorrow's 07:00
    expect(f.describe(f.search('A', 'B', `${DAY}T07:51`).journeys[0], DAY)).toBe('A ~ F 07:00+1d 07:20+1d ~ B [07:00+1d 07:20+1d]');
  });

  test('A12 mode filter and max transfers', () => {
    const f = new Fixture(
      tiny({
        stops: ['A', 'B', 'C'],
        trips: [
          { id: 'Bus', type: 3, times: 'A 8:00, C 9:00' },
          { id: 'Rail1', type: 2, times: 'A 8:00, B 8:10' },
          { id: 'Rail2', type: 2, times: 'B 8:15, C 8:30' },
        ],
      }),
    );
    const railOnly = f.search('A', 'C', `${DAY}T07:59`, { modeMask: 1 << Mode.Rail });
    expect(railOnly.journeys.map((j) => f.describe(j))).toEqual(['A ~ Rail1 08:00 08:10 ~ B ~ Rail2 08:15 08:30 ~ C [08:00 08:30]']);
    const direct = f.search('A', 'C', `${DAY}T07:59`, { maxTransfers: 0 });
    expect(direct.journeys.map((j) => f.describe(j))).toEqual(['A ~ Bus 08:00 09:00 ~ C [08:00 09:00]']);
  });

  test('A13 a route visiting a stop twice (loop) can be ridden across the loop', () => {
    const f = new Fixture(tiny({ stops: ['A', 'B', 'C'], trips: [{ id: 'L', times: 'A 8:00, B 8:10, C 8:20, B 8:30, A 8:40' }] }));
    expect(f.describe(f.search('C', 'A', `${DAY}T08:00`).journeys[0])).toBe('C ~ L 08:20 08:40 ~ A [08:20 08:40]');
  });
});

import { nextDepartures } from '../../src/core/departures.js';
import { Network } from '../../src/core/network.js';
import { parseDateTime } from '../../src/core/time.js';

describe('departure board', () => {
  test('B01 next departures from a stop: boardable stop times in order, across service days', () => {
    const net = new Network(
      tiny({
        stops: ['A', 'B', 'C'],
        services: { d0: [0] },
        trips: [
          { id: 'R1', times: 'A 8:00, B 8:10, C 8:20' },
          { id: 'R2', times: 'A 8:05, B 8:12!, C 8:30' }, // no pickup at B
          { id: 'N', service: 'd0', times: 'B 24:30, C 24:40' }, // yesterday's, after midnight
        ],
      }),
    );
    const b = net.stopById('f:B');
    const t = parseDateTime('2026-11-24T00:00', 'Asia/Shanghai')!;
    const deps = nextDepartures(net, b, t, 12 * 3600, 10);
    expect(deps.map((d) => `${d.departure.slice(11, 16)} ${d.tripId} ${d.serviceDate}`)).toEqual(['00:30 f:N 2026-11-23', '08:10 f:R1 2026-11-24']);
    expect(deps[1].destination.name).toBe('C');
  });
});
