/**
 * Hand-made fixtures proving the reference router (test/support/reference-router.ts) right, one
 * rule of the SearchRequest contract (src/core/query.ts) per test.
 */
import { describe, expect, it } from 'vitest';
import { FORBIDDEN } from '../../src/core/query.js';
import { serviceDayOrigin } from '../../src/core/time.js';
import { fixture, query } from '../support/fixture.js';
import { referenceSearch } from '../support/reference-router.js';

const utc = (y: number, mo: number, d: number, h: number, mi: number): number => Date.UTC(y, mo - 1, d, h, mi) / 1000;

describe('reference router on hand-made fixtures', () => {
  it('rides a single route A→B→C, boarding at departure == ready time', () => {
    // Feature under test: boarding needs departure ≥ ready time; egress walk is added; the next
    // day's run is used once today's is missed.
    const fx = fixture({ stops: ['A', 'B', 'C'], trips: [{ stops: ['A', 'B', 'C'], times: ['08:00', '08:10', '08:20'] }] });
    const q = (time: number, walk = 0) => referenceSearch(fx.input, fx.transfers, query(fx, { time, from: { A: walk }, to: { C: 60 } }));
    expect(q(fx.at(0, '07:58'), 120)).toEqual([{ vehicles: 1, time: fx.at(0, '08:21') }]);
    expect(q(fx.at(0, '07:58:01'), 120)).toEqual([{ vehicles: 1, time: fx.at(1, '08:21') }]);
    expect(q(fx.at(1, '08:00:01'))).toEqual([]);
  });

  it('changes vehicles at the same stop after sameStopSeconds + transferSlack', () => {
    // Feature under test: ready again at B after max(0, sameStopSeconds[B]) + transferSlack.
    const fx = fixture({
      stops: ['A', 'B', 'C'],
      sameStop: { B: 60 },
      trips: [
        { stops: ['A', 'B'], times: ['08:00', '08:10'] },
        { stops: ['B', 'C'], times: ['08:12', '08:30'] },
        { stops: ['B', 'C'], times: ['08:20', '08:40'] },
      ],
    });
    const q = (transferSlack: number) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), from: { A: 0 }, to: { C: 0 }, transferSlack }));
    expect(q(60)).toEqual([{ vehicles: 2, time: fx.at(0, '08:30') }]);
    expect(q(61)).toEqual([{ vehicles: 2, time: fx.at(0, '08:40') }]);
  });

  it('walks exactly one footpath between vehicles, plus transferSlack', () => {
    // Feature under test: footpath(B→D) + slack; footpaths never chain (B→D→E is not a transfer).
    const fx = fixture({
      stops: ['A', 'B', 'C', 'D', 'E'],
      footpaths: [['B', 'D', 120], ['D', 'E', 0]],
      trips: [
        { stops: ['A', 'B'], times: ['08:00', '08:10'] },
        { stops: ['D', 'C'], times: ['08:13', '08:25'] },
        { stops: ['E', 'C'], times: ['08:12', '08:15'] },
      ],
    });
    const q = (transferSlack: number) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), from: { A: 0 }, to: { C: 0 }, transferSlack }));
    expect(q(60)).toEqual([{ vehicles: 2, time: fx.at(0, '08:25') }]);
    expect(q(61)).toEqual([{ vehicles: 2, time: fx.at(1, '08:25') }]);
  });

  it('never changes vehicles at a stop whose same-stop transfer is FORBIDDEN, but may walk away', () => {
    // Feature under test: sameStopSeconds = FORBIDDEN (−1) disables the same-stop transfer only.
    const trips = [
      { stops: ['A', 'B'], times: ['08:00', '08:10'] },
      { stops: ['B', 'C'], times: ['08:30', '08:40'] },
      { stops: ['B2', 'C'], times: ['08:30', '08:50'] },
    ];
    const stops = ['A', 'B', 'B2', 'C'];
    const blocked = fixture({ stops, trips, sameStop: { B: FORBIDDEN } });
    const walkable = fixture({ stops, trips, sameStop: { B: FORBIDDEN }, footpaths: [['B', 'B2', 60]] });
    const open = fixture({ stops, trips, sameStop: { B: 0 } });
    for (const [fx, want] of [[blocked, []], [walkable, ['08:50']], [open, ['08:40']]] as const) {
      const got = referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), from: { A: 0 }, to: { C: 0 } }));
      expect(got).toEqual(want.map((t) => ({ vehicles: 2, time: fx.at(0, t) })));
    }
  });

  it('honours forbidden pickup and drop-off, while riding through', () => {
    // Feature under test: pickup 1 = cannot board there, dropOff 1 = cannot alight there.
    const fx = fixture({
      stops: ['A', 'B', 'C'],
      trips: [{ stops: ['A', 'B', 'C'], times: ['08:00', '08:10', '08:20'], pickup: [1, 0, 0], dropOff: [0, 1, 0] }],
      dayCount: 1,
    });
    const q = (from: string, to: string) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), from: { [from]: 0 }, to: { [to]: 0 } }));
    expect(q('A', 'C')).toEqual([]);
    expect(q('B', 'C')).toEqual([{ vehicles: 1, time: fx.at(0, '08:20') }]);
    const rideThrough = fixture({
      stops: ['A', 'B', 'C'],
      trips: [{ stops: ['A', 'B', 'C'], times: ['08:00', '08:10', '08:20'], dropOff: [0, 1, 0] }],
      dayCount: 1,
    });
    const r = (to: string) =>
      referenceSearch(rideThrough.input, rideThrough.transfers, query(rideThrough, { time: rideThrough.at(0, '07:00'), from: { A: 0 }, to: { [to]: 0 } }));
    expect(r('B')).toEqual([]);
    expect(r('C')).toEqual([{ vehicles: 1, time: rideThrough.at(0, '08:20') }]);
  });

  it("uses a previous service day's trip running past 24:00", () => {
    // Feature under test: a day-0 run at 24:30–25:00 happens on calendar day 1 at 00:30–01:00.
    const fx = fixture({ stops: ['A', 'B'], trips: [{ stops: ['A', 'B'], times: ['24:30', '25:00'], days: [1, 0] }] });
    const q = (time: number) => referenceSearch(fx.input, fx.transfers, query(fx, { time, from: { A: 0 }, to: { B: 0 } }));
    expect(fx.at(0, '25:00')).toBe(fx.at(1, '01:00'));
    expect(q(fx.at(1, '00:00'))).toEqual([{ vehicles: 1, time: fx.at(1, '01:00') }]);
    expect(q(fx.at(1, '00:31'))).toEqual([]);
  });

  it('takes the overtaking trip that departs later but arrives earlier', () => {
    // Feature under test: no "earliest departing trip" shortcut on a shared stop pattern.
    const fx = fixture({
      stops: ['A', 'B', 'C'],
      trips: [
        { route: 'R', stops: ['A', 'B', 'C'], times: ['08:00', '08:30', '09:00'] },
        { route: 'R', stops: ['A', 'B', 'C'], times: ['08:10', '08:20', '08:40'] },
      ],
    });
    const got = referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:55'), from: { A: 0 }, to: { C: 0 } }));
    expect(got).toEqual([{ vehicles: 1, time: fx.at(0, '08:40') }]);
  });

  it('finds the latest departure for arrive-by, access walk and horizon included', () => {
    // Feature under test: arrive-by answers the latest instant to leave the origin
    // (first vehicle departure − access walk), with arrival + egress ≤ time and departure ≥ time − maxDuration.
    const fx = fixture({
      stops: ['A', 'C'],
      trips: [
        { stops: ['A', 'C'], times: ['08:00', '08:20'] },
        { stops: ['A', 'C'], times: ['08:30', '08:50'] },
      ],
    });
    const q = (time: number, maxDuration = 86400) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { direction: 'arrive', time, maxDuration, from: { A: 120 }, to: { C: 60 } }));
    expect(q(fx.at(0, '08:51'))).toEqual([{ vehicles: 1, time: fx.at(0, '08:28') }]);
    expect(q(fx.at(0, '08:50:59'))).toEqual([{ vehicles: 1, time: fx.at(0, '07:58') }]);
    expect(q(fx.at(0, '08:51'), 23 * 60)).toEqual([{ vehicles: 1, time: fx.at(0, '08:28') }]);
    expect(q(fx.at(0, '08:51'), 23 * 60 - 1)).toEqual([]);
  });

  it('places a 02:30 trip on the Europe/Berlin spring-forward day at noon − 12 h + 2.5 h', () => {
    // Feature under test: service-day origin is "noon minus 12 h", not local midnight, across DST.
    // 2027-03-28: noon CEST = 10:00Z, origin = 22:00Z on the 27th, so 02:30 → 00:30Z (01:30 CET).
    const fx = fixture({
      zones: ['Europe/Berlin'],
      firstDate: '2027-03-27',
      trips: [{ stops: ['A', 'B'], times: ['02:30', '03:00'] }],
      stops: ['A', 'B'],
    });
    expect(serviceDayOrigin('2027-03-28', 'Europe/Berlin')).toBe(utc(2027, 3, 27, 22, 0));
    const q = (time: number) => referenceSearch(fx.input, fx.transfers, query(fx, { time, from: { A: 0 }, to: { B: 0 } }));
    expect(q(utc(2027, 3, 27, 0, 0))).toEqual([{ vehicles: 1, time: utc(2027, 3, 27, 2, 0) }]);
    expect(q(utc(2027, 3, 28, 0, 0))).toEqual([{ vehicles: 1, time: utc(2027, 3, 28, 1, 0) }]);
    expect(q(utc(2027, 3, 28, 0, 31))).toEqual([]);
  });

  it('uses each trip in its own feed time zone', () => {
    // Feature under test: the zone is that of the trip's route's feed (Berlin 08:00 = 07:00Z,
    // Shanghai 15:30 = 07:30Z), joined by a footpath.
    const fx = fixture({
      zones: ['Asia/Shanghai', 'Europe/Berlin'],
      stops: ['A', 'B', 'C', 'D'],
      footpaths: [['B', 'C', 60]],
      trips: [
        { feed: 1, stops: ['A', 'B'], times: ['08:00', '08:20'] },
        { feed: 0, stops: ['C', 'D'], times: ['15:30', '16:00'] },
      ],
    });
    const got = referenceSearch(fx.input, fx.transfers, query(fx, { time: utc(2026, 11, 23, 6, 0), from: { A: 0 }, to: { D: 0 } }));
    expect(got).toEqual([{ vehicles: 2, time: utc(2026, 11, 23, 8, 0) }]);
  });

  it('keeps both Pareto options: slow direct and fast with a transfer', () => {
    // Feature under test: per k the best with ≤ k vehicles, kept only when strictly better.
    const fx = fixture({
      stops: ['A', 'B', 'C'],
      trips: [
        { stops: ['A', 'C'], times: ['08:10', '09:30'] },
        { stops: ['A', 'B'], times: ['08:00', '08:20'] },
        { stops: ['B', 'C'], times: ['08:25', '08:45'] },
      ],
    });
    const q = (direction: 'depart' | 'arrive', time: number, maxTransfers: number) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { direction, time, maxTransfers, from: { A: 0 }, to: { C: 0 } }));
    const both = [
      { vehicles: 1, time: fx.at(0, '09:30') },
      { vehicles: 2, time: fx.at(0, '08:45') },
    ];
    expect(q('depart', fx.at(0, '07:45'), 4)).toEqual(both);
    expect(q('depart', fx.at(0, '07:45'), 0)).toEqual([both[0]]);
    expect(q('depart', fx.at(0, '08:01'), 4)).toEqual([both[0]]);
    expect(q('arrive', fx.at(0, '09:30'), 1)).toEqual([{ vehicles: 1, time: fx.at(0, '08:10') }]);
    expect(q('arrive', fx.at(0, '09:29'), 1)).toEqual([{ vehicles: 2, time: fx.at(0, '08:00') }]);
  });
});
