/**
 * Per-trip stop-time assembly: fills missing arrival/departure times and validates the trip.
 * Stop times go straight into the growing columns of one StopTimesBuilder (the trip is assembled
 * in place at the builder's tail and dropped again when invalid), so reading 10M stop_times
 * allocates no per-trip arrays at all.
 */

import { StopTimesBuilder } from '../core/stop-times.js';
import { distanceMetres } from '../core/walk.js';

/** Marks a missing time in the buffers. */
const NO_TIME = -1;

/** A completed trip: its index in the builder, and its stop_sequence start when consecutive. */
export interface TripDone {
  trip: number;
  /** stop_sequence values are `stopSequenceStart + position`; absent: the builder's column has them. */
  stopSequenceStart?: number;
}

/** Why a trip was rejected. */
export interface TripProblem {
  code: 'missing_time' | 'time_travel' | 'too_few_stops';
  message: string;
}

/** Great-circle distance in metres between two WGS84 points (degrees): the core's. */
export const haversine = distanceMetres;

export class TripBuffer {
  /** Scratch, reused for every trip: stop_sequence values and cumulative distance for interpolation. */
  private seq = new Int32Array(64);
  private along = new Float64Array(64);

  /** Stop coordinates (degrees) by stop index, for distance-based interpolation. */
  constructor(
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
    readonly out: StopTimesBuilder = new StopTimesBuilder(),
  ) {}

  /** Stop times of the open trip. */
  get n(): number {
    return this.out.length - this.out.start;
  }

  /** Discard the open trip (a finished one stays). */
  reset(): void {
    this.out.dropTrip();
  }

  /** Append one stop time; null times / dist mean "not given". Times in service-day seconds. */
  push(stop: number, arrival: number | null, departure: number | null, pickup: number, dropOff: number, dist: number | null, seq = this.n): void {
    const i = this.n;
    if (i === this.seq.length) {
      const s = new Int32Array(i * 2);
      s.set(this.seq);
      this.seq = s;
      this.along = new Float64Array(i * 2);
    }
    this.seq[i] = seq;
    this.out.push(stop, arrival ?? NO_TIME, departure ?? NO_TIME, pickup, dropOff, dist ?? NaN);
  }

  /** Complete and validate the open trip; `tripId` is used in messages. A rejected trip is dropped. */
  finish(tripId: string): TripDone | TripProblem {
    const problem = this.check(tripId);
    if (problem !== undefined) {
      this.out.dropTrip();
      return problem;
    }
    const n = this.n;
    let consecutive = true;
    for (let i = 1; i < n && consecutive; i++) consecutive = this.seq[i] === this.seq[0] + i;
    if (!consecutive) this.out.setStopSequence(this.seq.subarray(0, n));
    const trip = this.out.endTrip();
    return consecutive ? { trip, stopSequenceStart: this.seq[0] } : { trip };
  }

  /** Fill missing times and validate, in place at the builder's tail (entries o … o+n−1). */
  private check(tripId: string): TripProblem | undefined {
    const n = this.n;
    const o = this.out.start;
    const { arrival: arr, departure: dep } = this.out;
    if (n < 2) return { code: 'too_few_stops', message: `trip ${tripId} has ${n} usable stop time(s); skipped` };
    for (let k = o; k < o + n; k++) {
      if (arr[k] === NO_TIME) arr[k] = dep[k];
      else if (dep[k] === NO_TIME) dep[k] = arr[k];
    }
    if (arr[o] === NO_TIME || arr[o + n - 1] === NO_TIME) {
      return { code: 'missing_time', message: `trip ${tripId}: first or last stop time has no time; skipped` };
    }
    let prev = 0;
    for (let i = 1; i < n; i++) {
      if (arr[o + i] === NO_TIME) continue;
      if (i > prev + 1) this.interpolate(o, prev, i);
      prev = i;
    }
    for (let i = 0; i < n; i++) {
      const k = o + i;
      if (dep[k] < arr[k] || (i + 1 < n && arr[k + 1] < dep[k])) {
        const where = dep[k] < arr[k] ? `at stop #${i + 1}` : `between stops #${i + 1} and #${i + 2}`;
        return { code: 'time_travel', message: `trip ${tripId}: times decrease ${where}; skipped` };
      }
    }
    return undefined;
  }

  /**
   * Fill stops a+1 … b−1 (positions in the trip starting at entry o) linearly between the
   * departure at `a` and the arrival at `b`, weighted by shape_dist_traveled when given (and
   * increasing) for all of a…b, else by straight-line distance between consecutive stops, else
   * evenly.
   */
  private interpolate(o: number, a: number, b: number): void {
    const { arrival: arr, departure: dep, stop: stops, shapeDist: dist } = this.out;
    const along = this.along;
    let byShape = dist !== undefined;
    for (let i = a; i <= b && byShape; i++) if (Number.isNaN(dist![o + i]) || (i > a && dist![o + i] < dist![o + i - 1])) byShape = false;
    if (byShape && dist![o + b] > dist![o + a]) {
      for (let i = a; i <= b; i++) along[i] = dist![o + i] - dist![o + a];
    } else {
      along[a] = 0;
      for (let i = a + 1; i <= b; i++) {
        const s = stops[o + i - 1];
        const t = stops[o + i];
        along[i] = along[i - 1] + haversine(this.lat[s], this.lon[s], this.lat[t], this.lon[t]);
      }
      if (!(along[b] > 0)) for (let i = a; i <= b; i++) along[i] = i - a;
    }
    const t0 = dep[o + a];
    const span = arr[o + b] - t0;
    for (let i = a + 1; i < b; i++) {
      const t = Math.round(t0 + (span * along[i]) / along[b]);
      arr[o + i] = t;
      dep[o + i] = t;
    }
  }
}
