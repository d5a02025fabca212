/**
 * Columnar stop times: the builder, the accessors, and the hand-over of stop / arrival /
 * departure to the compiled timetable (a Network drops those columns and serves them from its
 * timetable; every accessor must answer as before, and compiling the same input again must give
 * the same timetable).
 */
import { describe, expect, it } from 'vitest';
import type { NetworkInput } from '../../src/core/input.js';
import { Network } from '../../src/core/network.js';
import {
  StopTimesBuilder,
  columnarInput,
  positionOfSequence,
  tripArrival,
  tripDeparture,
  tripLength,
  tripStopSequence,
  tripWithTimes,
  type TripWithTimes,
} from '../../src/core/stop-times.js';
import { randomNetwork } from '../support/random-network.js';
import { networkSeed } from '../support/seeds.js';

function everyTrip(input: NetworkInput) {
  return input.trips.map((_, t) => {
    const n = tripLength(input, t);
    return {
      ...tripWithTimes(input, t),
      scalar: Array.from({ length: n }, (_, i) => [tripArrival(input, t, i), tripDeparture(input, t, i), tripStopSequence(input, t, i)]),
    };
  });
}

function timetableArrays(net: Network) {
  const f = net.timetable.forward;
  return { routeStops: f.routeStops, arr: f.arr, dep: f.dep, flags: f.routeStopFlags, tripInput: net.timetable.tripInput, tripShift: net.timetable.tripShift };
}

/** A small network with what the timetable lacks: a one-stop trip, a template without runs. */
function oddInput(): NetworkInput {
  const trip = (id: string, stops: number[], times: number[], extra: Partial<TripWithTimes> = {}): TripWithTimes => ({
    id,
    route: 0,
    service: 0,
    headsign: '',
    shape: -1,
    stops,
    arrivals: times,
    departures: times.map((x) => x + 30),
    ...extra,
  });
  return columnarInput({
    firstDate: '2026-11-23',
    dayCount: 2,
    feeds: [{ name: 'f', timezone: 'Asia/Shanghai', startDate: '2026-11-23', endDate: '2026-11-24' }],
    stops: [0, 1, 2].map((i) => ({ id: `f:s${i}`, feed: 0, name: `S${i}`, lat: 39.9 + i * 0.01, lon: 116.4, locationType: 0, parent: -1 })),
    routes: [{ id: 'f:r', feed: 0, shortName: 'R', longName: '', type: 3 }],
    services: [{ id: 'f:all', days: Uint8Array.of(1, 1) }],
    transfers: [],
    pathways: [],
    shapes: [],
    trips: [
      trip('plain', [0, 1, 2], [28800, 29400, 30000], { pickup: [0, 0, 1], dropOff: [1, 0, 0], shapeDist: [0, 500, 1000], stopSequence: [3, 7, 9] }),
      trip('single', [1], [30000]),
      trip('no-runs', [0, 2], [36000, 36600], { frequencies: [{ start: 40000, end: 40000, headway: 600, exact: true }] }),
      trip('template', [2, 1, 0], [36000, 36300, 36600], { stopSequence: [1, 2, 3], frequencies: [{ start: 43200, end: 45000, headway: 600, exact: false }] }),
    ],
  });
}

describe('columnar stop times', () => {
  it('keep inline trips as given: types and distances only where set, sequences as start or column', () => {
    const input = oddInput();
    const st = input.stopTimes;
    expect(Array.from(st.tripOffset)).toEqual([0, 3, 4, 6, 9]);
    expect(Array.from(st.typeOffset)).toEqual([0, 3, 3, 3, 3]); // only the first trip has non-regular types
    expect(Array.from(st.pickup)).toEqual([0, 0, 1]);
    expect(input.trips.map((t) => t.stopSequenceStart)).toEqual([undefined, undefined, undefined, 1]);
    expect(positionOfSequence(input, 0, 7)).toBe(1);
    expect(positionOfSequence(input, 0, 8)).toBe(-1);
    expect(positionOfSequence(input, 3, 3)).toBe(2);
    expect(positionOfSequence(input, 1, 0)).toBe(0); // neither: position i
    const t0 = tripWithTimes(input, 0);
    expect(Array.from(t0.shapeDist!)).toEqual([0, 500, 1000]);
    expect(tripWithTimes(input, 3).shapeDist).toBeUndefined();
    expect(Array.from(tripWithTimes(input, 1).dropOff)).toEqual([0]);
  });

  it('answer the same after a Network hands them to its timetable, and compile again to the same timetable', () => {
    const inputs = [oddInput(), ...Array.from({ length: 30 }, (_, n) => randomNetwork(networkSeed(20261201, n)).input)];
    for (const input of inputs) {
      const before = everyTrip(input);
      const net = new Network(input);
      expect(input.stopTimes.stop).toBeUndefined(); // dropped: served by the timetable
      expect(input.stopTimes.compiled).toBeDefined();
      expect(everyTrip(input)).toEqual(before);
      const again = new Network(input); // compiles from the timetable-backed stop times
      expect(timetableArrays(again)).toEqual(timetableArrays(net));
      expect(everyTrip(input)).toEqual(before);
    }
  });

  it('builder: drops an open trip, sizes up front, grows past its capacity', () => {
    const b = new StopTimesBuilder({ stopTimes: 2, trips: 1 });
    b.push(0, 10, 20);
    b.dropTrip();
    for (let i = 0; i < 3000; i++) b.push(i % 5, i, i + 1, 0, i === 2999 ? 1 : 0);
    expect(b.endTrip()).toBe(0);
    b.push(1, 5, 5);
    b.endTrip();
    const st = b.finish();
    expect(Array.from(st.tripOffset)).toEqual([0, 3000, 3001]);
    expect(st.departure![2999]).toBe(3000);
    expect(Array.from(st.typeOffset)).toEqual([0, 3000, 3000]);
    expect(st.dropOff[2999]).toBe(1);
    expect(st.shapeDist).toBeUndefined();
  });
});
