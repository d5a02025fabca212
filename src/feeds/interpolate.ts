/**
 * Per-trip stop-time assembly: fills missing arrival/departure times and validates the trip.
 * One TripBuffer is reused for every trip so that reading 10M stop_times allocates only the final
 * exact-size typed arrays.
 */

import { distanceMetres } from '../core/walk.js';

/** Marks a missing time in the buffers. */
const NO_TIME = -1;

/** A completed trip's per-stop arrays (exact size). */
export interface TripTimes {
  stops: Int32Array;
  arrivals: Int32Array;
  departures: Int32Array;
  pickup: Uint8Array;
  dropOff: Uint8Array;
  shapeDist?: Float64Array;
  /** stop_sequence values: `stopSequenceStart + position` when consecutive, else this array. */
  stopSequence?: Int32Array;
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
  n = 0;
  private stops = new Int32Array(64);
  private arr = new Int32Array(64);
  private dep = new Int32Array(64);
  private pickup = new Uint8Array(64);
  private dropOff = new Uint8Array(64);
  private dist = new Float64Array(64);
  private seq = new Int32Array(64);
  /** Scratch: cumulative distance used for interpolation. */
  private along = new Float64Array(64);

  /** Stop coordinates (degrees) by stop index, for distance-based interpolation. */
  constructor(
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
  ) {}

  reset(): void {
    this.n = 0;
  }

  /** Append one stop time; null times / dist mean "not given". Times in service-day seconds. */
  push(stop: number, arrival: number | null, departure: number | null, pickup: number, dropOff: number, dist: number | null, seq = this.n): void {
    if (this.n === this.stops.length) this.grow();
    const i = this.n++;
    this.stops[i] = stop;
    this.arr[i] = arrival ?? NO_TIME;
    this.dep[i] = departure ?? NO_TIME;
    this.pickup[i] = pickup;
    this.dropOff[i] = dropOff;
    this.dist[i] = dist ?? NaN;
    this.seq[i] = seq;
  }

  private grow(): void {
    const size = this.stops.length * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.stops = g(this.stops, (k) => new Int32Array(k));
    this.arr = g(this.arr, (k) => new Int32Array(k));
    this.dep = g(this.dep, (k) => new Int32Array(k));
    this.pickup = g(this.pickup, (k) => new Uint8Array(k));
    this.dropOff = g(this.dropOff, (k) => new Uint8Array(k));
    this.dist = g(this.dist, (k) => new Float64Array(k));
    this.seq = g(this.seq, (k) => new Int32Array(k));
    this.along = new Float64Array(size);
  }

  /** Complete and validate the buffered trip; `tripId` is used in messages. */
  finish(tripId: string): TripTimes | TripProblem {
    const n = this.n;
    const { arr, dep } = this;
    if (n < 2) return { code: 'too_few_stops', message: `trip ${tripId} has ${n} usable stop time(s); skipped` };
    for (let i = 0; i < n; i++) {
      if (arr[i] === NO_TIME) arr[i] = dep[i];
      else if (dep[i] === NO_TIME) dep[i] = arr[i];
    }
    if (arr[0] === NO_TIME || arr[n - 1] === NO_TIME) {
      return { code: 'missing_time', message: `trip ${tripId}: first or last stop time has no time; skipped` };
    }
    let prev = 0;
    for (let i = 1; i < n; i++) {
      if (arr[i] === NO_TIME) continue;
      if (i > prev + 1) this.interpolate(prev, i);
      prev = i;
    }
    for (let i = 0; i < n; i++) {
      if (dep[i] < arr[i] || (i + 1 < n && arr[i + 1] < dep[i])) {
        const where = dep[i] < arr[i] ? `at stop #${i + 1}` : `between stops #${i + 1} and #${i + 2}`;
        return { code: 'time_travel', message: `trip ${tripId}: times decrease ${where}; skipped` };
      }
    }
    const hasDist = !this.dist.subarray(0, n).some(Number.isNaN);
    const out: TripTimes = {
      stops: this.stops.slice(0, n),
      arrivals: arr.slice(0, n),
      departures: dep.slice(0, n),
      pickup: this.pickup.slice(0, n),
      dropOff: this.dropOff.slice(0, n),
    };
    if (hasDist) out.shapeDist = this.dist.slice(0, n);
    let consecutive = true;
    for (let i = 1; i < n && consecutive; i++) consecutive = this.seq[i] === this.seq[0] + i;
    if (consecutive) out.stopSequenceStart = this.seq[0];
    else out.stopSequence = this.seq.slice(0, n);
    return out;
  }

  /**
   * Fill stops a+1 … b−1 linearly between the departure at `a` and the arrival at `b`, weighted by
   * shape_dist_traveled when given (and increasing) for all of a…b, else by straight-line distance
   * between consecutive stops, else evenly.
   */
  private interpolate(a: number, b: number): void {
    const { dist, along, arr, dep } = this;
    let byShape = true;
    for (let i = a; i <= b; i++) if (Number.isNaN(dist[i]) || (i > a && dist[i] < dist[i - 1])) byShape = false;
    if (byShape && dist[b] > dist[a]) {
      for (let i = a; i <= b; i++) along[i] = dist[i] - dist[a];
    } else {
      along[a] = 0;
      for (let i = a + 1; i <= b; i++) {
        const s = this.stops[i - 1];
        const t = this.stops[i];
        along[i] = along[i - 1] + haversine(this.lat[s], this.lon[s], this.lat[t], this.lon[t]);
      }
      if (!(along[b] > 0)) for (let i = a; i <= b; i++) along[i] = i - a;
    }
    const t0 = dep[a];
    const span = arr[b] - t0;
    for (let i = a + 1; i < b; i++) {
      const t = Math.round(t0 + (span * along[i]) / along[b]);
      arr[i] = t;
      dep[i] = t;
    }
  }
}
