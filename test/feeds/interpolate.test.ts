import { describe, expect, it } from 'vitest';
import { TripBuffer, haversine, type TripDone, type TripProblem } from '../../src/feeds/interpolate.js';

// Four stops on a meridian: 0→1 is twice as long as 1→2 and 2→3.
const lat = Float64Array.from([40, 40.02, 40.03, 40.04]);
const lon = Float64Array.from([116, 116, 116, 116]);

/** The finished trip's columns in the buffer's builder. */
function columns(b: TripBuffer, r: TripDone | TripProblem) {
  if ('code' in r) throw new Error(r.code);
  const [o, e] = [b.out.tripOffsetOf(r.trip), b.out.tripOffsetOf(r.trip + 1)];
  const d = b.out.shapeDist?.slice(o, e);
  return {
    stops: b.out.stop.slice(o, e),
    arrivals: b.out.arrival.slice(o, e),
    departures: b.out.departure.slice(o, e),
    shapeDist: d === undefined || d.some(Number.isNaN) ? undefined : d,
  };
}

describe('TripBuffer', () => {
  it('interpolates by straight-line distance when shape_dist_traveled is absent', () => {
    const b = new TripBuffer(lat, lon);
    b.push(0, 0, 0, 0, 0, null);
    b.push(1, null, null, 0, 0, null);
    b.push(2, null, null, 0, 0, null);
    b.push(3, 400, 400, 0, 0, null);
    expect(Array.from(columns(b, b.finish('t')).arrivals)).toEqual([0, 200, 300, 400]);
  });

  it('prefers shape_dist_traveled and keeps it', () => {
    const b = new TripBuffer(lat, lon);
    b.push(0, 100, 160, 0, 0, 0);
    b.push(1, null, null, 0, 0, 10);
    b.push(3, 260, 260, 0, 0, 40);
    const r = columns(b, b.finish('t'));
    expect(Array.from(r.arrivals)).toEqual([100, 185, 260]);
    expect(Array.from(r.departures)).toEqual([160, 185, 260]);
    expect(Array.from(r.shapeDist!)).toEqual([0, 10, 40]);
  });

  it('spreads evenly when the stops coincide', () => {
    const b = new TripBuffer(Float64Array.from([1, 1]), Float64Array.from([1, 1]));
    b.push(0, 0, 0, 0, 0, null);
    b.push(1, null, null, 0, 0, null);
    b.push(0, null, null, 0, 0, null);
    b.push(1, 90, 90, 0, 0, null);
    expect(Array.from(columns(b, b.finish('t')).arrivals)).toEqual([0, 30, 60, 90]);
  });

  it('rejects missing end times, decreasing times and single stops', () => {
    const b = new TripBuffer(lat, lon);
    b.push(0, null, null, 0, 0, null);
    b.push(1, 10, 10, 0, 0, null);
    expect(b.finish('t')).toMatchObject({ code: 'missing_time' });
    b.reset();
    b.push(0, 100, 100, 0, 0, null);
    b.push(1, 50, 50, 0, 0, null);
    expect(b.finish('t')).toMatchObject({ code: 'time_travel' });
    b.reset();
    b.push(0, 100, 90, 0, 0, null);
    b.push(1, 150, 150, 0, 0, null);
    expect(b.finish('t')).toMatchObject({ code: 'time_travel' });
    b.reset();
    b.push(0, 100, 100, 0, 0, null);
    expect(b.finish('t')).toMatchObject({ code: 'too_few_stops' });
  });

  it('grows beyond its initial capacity', () => {
    const b = new TripBuffer(lat, lon);
    for (let i = 0; i < 300; i++) b.push(i % 4, i * 60, i * 60 + 30, 0, 1, null);
    const r = columns(b, b.finish('t'));
    expect(r.stops.length).toBe(300);
    expect(r.departures[299]).toBe(299 * 60 + 30);
    const st = b.out.finish(); // drop-off types are kept for trips with some non-zero one
    expect(Array.from(st.typeOffset)).toEqual([0, 300]);
    expect(st.dropOff.every((x) => x === 1)).toBe(true);
  });

  it('haversine ≈ 111.2 km per degree of latitude', () => {
    expect(haversine(40, 116, 41, 116)).toBeCloseTo(111195, -1);
  });
});
