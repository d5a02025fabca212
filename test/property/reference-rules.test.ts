/**
 * More hand-made fixtures for the reference router: frequencies, mode mask, horizon, walk-only,
 * loops and day bitmaps.
 */
import { describe, expect, it } from 'vitest';
import { Mode } from '../../src/core/query.js';
import { fixture, query, secondsOf } from '../support/fixture.js';
import { referenceSearch } from '../support/reference-router.js';

describe('reference router rules', () => {
  it('expands frequencies to start + k·headway < end, ignoring the template times', () => {
    // Feature under test: instances at 06:00, 06:20, 06:40 (not 07:00); template 10:00 unused.
    const fx = fixture({
      stops: ['A', 'B'],
      trips: [
        {
          stops: ['A', 'B'],
          times: ['10:00', '10:10'],
          frequencies: [{ start: secondsOf('06:00'), end: secondsOf('07:00'), headway: 1200, exact: false }],
        },
      ],
    });
    const q = (time: number) => referenceSearch(fx.input, fx.transfers, query(fx, { time, from: { A: 0 }, to: { B: 0 } }));
    expect(q(fx.at(0, '06:20:01'))).toEqual([{ vehicles: 1, time: fx.at(0, '06:50') }]);
    expect(q(fx.at(0, '06:40:01'))).toEqual([{ vehicles: 1, time: fx.at(1, '06:10') }]);
    expect(q(fx.at(0, '09:00'))).toEqual([{ vehicles: 1, time: fx.at(1, '06:10') }]);
  });

  it('filters vehicles by modeMask bit 1 << modeOfRouteType(route.type)', () => {
    // Feature under test: extended type 109 (suburban railway) is Mode.Rail; bus-only skips it.
    const fx = fixture({
      stops: ['A', 'B'],
      trips: [
        { type: 3, stops: ['A', 'B'], times: ['08:00', '08:30'] },
        { type: 109, stops: ['A', 'B'], times: ['08:00', '08:10'] },
      ],
    });
    const q = (modeMask: number) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), modeMask, from: { A: 0 }, to: { B: 0 } }));
    expect(q(1 << Mode.Bus)).toEqual([{ vehicles: 1, time: fx.at(0, '08:30') }]);
    expect(q(1 << Mode.Rail)).toEqual([{ vehicles: 1, time: fx.at(0, '08:10') }]);
    expect(q(1 << Mode.Ferry)).toEqual([]);
  });

  it('accepts an arrival exactly at time + maxDuration and nothing later', () => {
    // Feature under test: the depart-at horizon is inclusive.
    const fx = fixture({ stops: ['A', 'B'], trips: [{ stops: ['A', 'B'], times: ['08:00', '09:00'] }] });
    const q = (maxDuration: number) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), maxDuration, from: { A: 0 }, to: { B: 30 } }));
    expect(q(7230)).toEqual([{ vehicles: 1, time: fx.at(0, '09:00:30') }]);
    expect(q(7229)).toEqual([]);
  });

  it('never answers a walk-only journey, nor walks before the first or after the last vehicle', () => {
    // Feature under test: access and egress are final; 0 vehicles is not a journey.
    const fx = fixture({
      stops: ['A', 'A2', 'B', 'B2'],
      footpaths: [['A', 'A2', 10], ['B', 'B2', 10]],
      trips: [{ stops: ['A2', 'B'], times: ['08:00', '08:10'] }],
    });
    const q = (from: string, to: string) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '07:00'), from: { [from]: 0 }, to: { [to]: 0 } }));
    expect(q('A', 'A')).toEqual([]);
    expect(q('A', 'B')).toEqual([]);
    expect(q('A2', 'B2')).toEqual([]);
    expect(q('A2', 'B')).toEqual([{ vehicles: 1, time: fx.at(0, '08:10') }]);
  });

  it('rides a loop that visits a stop twice, boarding at either visit', () => {
    // Feature under test: positions, not stops, define "later stop of the same trip".
    const fx = fixture({
      stops: ['A', 'B', 'C', 'D'],
      trips: [{ stops: ['A', 'B', 'C', 'A', 'D'], times: ['08:00', '08:10', '08:20', '08:30', '08:40'] }],
    });
    const q = (time: string, from: string, to: string) =>
      referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, time), from: { [from]: 0 }, to: { [to]: 0 } }));
    expect(q('08:25', 'A', 'D')).toEqual([{ vehicles: 1, time: fx.at(0, '08:40') }]);
    expect(q('07:00', 'B', 'A')).toEqual([{ vehicles: 1, time: fx.at(0, '08:30') }]);
    expect(q('08:31', 'A', 'D')).toEqual([{ vehicles: 1, time: fx.at(1, '08:40') }]);
  });

  it('runs a trip only on the days of its service bitmap', () => {
    // Feature under test: services[trip.service].days[d] === 1.
    const fx = fixture({ dayCount: 3, stops: ['A', 'B'], trips: [{ stops: ['A', 'B'], times: ['08:00', '08:10'], days: [1, 0, 1] }] });
    const got = referenceSearch(fx.input, fx.transfers, query(fx, { time: fx.at(0, '09:00'), maxDuration: 3 * 86400, from: { A: 0 }, to: { B: 0 } }));
    expect(got).toEqual([{ vehicles: 1, time: fx.at(2, '08:10') }]);
  });
});
