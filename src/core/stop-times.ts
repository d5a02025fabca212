/**
 * Columnar stop times (NetworkInput.stopTimes): the builder loaders and fixtures write them with,
 * the per-trip accessors everything else reads them with, and the hand-over to the compiled
 * timetable after compile (`compactStopTimes`), which drops the stop / arrival / departure
 * columns the timetable already holds.
 *
 * The accessors return views (or, for a shifted frequency template, a fresh copy) allocated per
 * call: fine off the search's hot path. Treat what they return as read-only; a view may alias the
 * compiled timetable.
 */
import type { CompiledStopTimes, NetworkInput, StopTimesInput, TripInput } from './input.js';
import { TripTableBuilder, type TripTable } from './trips.js';
import type { Timetable } from './timetable.js';

/** Stop times of one trip as separate arrays (fixtures, synthetic networks, tests). */
export interface TripStopTimes {
  stops: ArrayLike<number>;
  arrivals: ArrayLike<number>;
  departures: ArrayLike<number>;
  /** Default all 0 (regular). */
  pickup?: ArrayLike<number>;
  dropOff?: ArrayLike<number>;
  shapeDist?: ArrayLike<number>;
  /** stop_sequence values; consecutive ones become TripInput.stopSequenceStart. */
  stopSequence?: ArrayLike<number>;
}

/** A trip with its stop times inline: the shape fixtures are written in. */
export type TripWithTimes = TripInput & TripStopTimes;

/**
 * Growing columns, one trip after another: `push` stop times, then `endTrip()` (or `dropTrip()`
 * to discard the ones pushed since the last `endTrip`). `finish()` trims to exact size.
 * `capacity` (stop times, trips) sizes the columns up front when the loader knows the counts,
 * so they are allocated once instead of doubled and copied.
 */
export class StopTimesBuilder {
  constructor(capacity?: { stopTimes: number; trips: number }) {
    if (capacity === undefined) return;
    const n = Math.max(1024, capacity.stopTimes);
    this.stop = new Int32Array(n);
    this.arrival = new Int32Array(n);
    this.departure = new Int32Array(n);
    this.offsets = new Int32Array(Math.max(1024, capacity.trips + 2));
    this.typeOffsets = new Int32Array(this.offsets.length);
  }

  /** Stop times pushed (including the open trip's). */
  length = 0;
  /** Start of the open trip. */
  start = 0;
  private offsets = new Int32Array(1024);
  private trips = 0;
  stop = new Int32Array(1024);
  arrival = new Int32Array(1024);
  departure = new Int32Array(1024);
  /** The open trip's pickup / drop-off types (scratch, reused). */
  private tripPickup = new Uint8Array(64);
  private tripDropOff = new Uint8Array(64);
  /** Sparse pickup / drop-off columns (trips with a non-zero type only) and their trip offsets. */
  private typeOffsets = new Int32Array(1024);
  private pickup = new Uint8Array(1024);
  private dropOff = new Uint8Array(1024);
  private typeLength = 0;
  /** Allocated on the first non-NaN distance. */
  shapeDist: Float64Array | undefined;
  /** Allocated on the first trip with non-consecutive stop_sequence. */
  stopSequence: Int32Array | undefined;
  /** The open trip's stopSequence entries are not set yet (they then mean position i). */
  private seqUnset = true;

  /** First entry of trip t (t ≤ tripCount). */
  tripOffsetOf(t: number): number {
    return this.offsets[t];
  }

  /** Number of trips ended so far. */
  get tripCount(): number {
    return this.trips;
  }

  /** Append one stop time to the open trip; returns its index in the columns. */
  push(stop: number, arrival: number, departure: number, pickup = 0, dropOff = 0, dist = NaN): number {
    if (this.length === this.stop.length) this.grow();
    const i = this.length++;
    this.stop[i] = stop;
    this.arrival[i] = arrival;
    this.departure[i] = departure;
    const k = i - this.start;
    if (k === this.tripPickup.length) {
      this.tripPickup = grown(this.tripPickup, new Uint8Array(k * 2));
      this.tripDropOff = grown(this.tripDropOff, new Uint8Array(k * 2));
    }
    this.tripPickup[k] = pickup;
    this.tripDropOff[k] = dropOff;
    if (!Number.isNaN(dist) || this.shapeDist !== undefined) {
      if (this.shapeDist === undefined) this.shapeDist = new Float64Array(this.stop.length).fill(NaN);
      this.shapeDist[i] = dist;
    }
    return i;
  }

  /** Give the open trip non-consecutive stop_sequence values (one per stop time pushed). */
  setStopSequence(seq: ArrayLike<number>): void {
    if (this.stopSequence === undefined) {
      this.stopSequence = new Int32Array(this.stop.length);
      // trips before have no sequence column entry: they mean position i
      for (let t = 0; t < this.trips; t++) for (let k = this.offsets[t]; k < this.offsets[t + 1]; k++) this.stopSequence[k] = k - this.offsets[t];
    }
    for (let k = 0; k < this.length - this.start; k++) this.stopSequence[this.start + k] = seq[k];
    this.seqUnset = false;
  }

  /** Close the open trip; returns its index. Its shape distances are all or nothing. */
  endTrip(): number {
    const d = this.shapeDist;
    if (d !== undefined) {
      let any = false;
      for (let k = this.start; k < this.length && !any; k++) any = Number.isNaN(d[k]);
      if (any) d.fill(NaN, this.start, this.length);
    }
    if (this.stopSequence !== undefined && this.seqUnset) for (let k = this.start; k < this.length; k++) this.stopSequence[k] = k - this.start;
    this.seqUnset = true;
    const n = this.length - this.start;
    let typed = false;
    for (let k = 0; k < n && !typed; k++) typed = this.tripPickup[k] !== 0 || this.tripDropOff[k] !== 0;
    if (typed) {
      if (this.typeLength + n > this.pickup.length) {
        const size = Math.max(this.pickup.length * 2, this.typeLength + n);
        this.pickup = grown(this.pickup, new Uint8Array(size));
        this.dropOff = grown(this.dropOff, new Uint8Array(size));
      }
      for (let k = 0; k < n; k++) {
        this.pickup[this.typeLength + k] = this.tripPickup[k];
        this.dropOff[this.typeLength + k] = this.tripDropOff[k];
      }
      this.typeLength += n;
    }
    if (this.trips + 2 > this.offsets.length) {
      this.offsets = grown(this.offsets, new Int32Array(this.offsets.length * 2));
      this.typeOffsets = grown(this.typeOffsets, new Int32Array(this.typeOffsets.length * 2));
    }
    this.offsets[++this.trips] = this.length;
    this.typeOffsets[this.trips] = this.typeLength;
    this.start = this.length;
    return this.trips - 1;
  }

  /** Discard the stop times of the open trip. */
  dropTrip(): void {
    this.length = this.start;
    this.seqUnset = true;
  }

  /** Append a whole trip given as arrays; returns its stopSequenceStart (undefined: column or none). */
  addTrip(t: TripStopTimes): { index: number; stopSequenceStart?: number } {
    const n = t.stops.length;
    for (let i = 0; i < n; i++) this.push(t.stops[i], t.arrivals[i], t.departures[i], t.pickup?.[i] ?? 0, t.dropOff?.[i] ?? 0, t.shapeDist?.[i] ?? NaN);
    let start: number | undefined;
    if (t.stopSequence !== undefined) {
      let consecutive = true;
      for (let i = 1; i < n && consecutive; i++) consecutive = t.stopSequence[i] === t.stopSequence[0] + i;
      if (consecutive) start = n > 0 ? t.stopSequence[0] : 0;
      else this.setStopSequence(t.stopSequence);
    }
    const index = this.endTrip();
    return start === undefined ? { index } : { index, stopSequenceStart: start };
  }

  private grow(): void {
    const size = this.stop.length * 2;
    const g = grown;
    this.stop = g(this.stop, new Int32Array(size));
    this.arrival = g(this.arrival, new Int32Array(size));
    this.departure = g(this.departure, new Int32Array(size));
    if (this.shapeDist !== undefined) this.shapeDist = g(this.shapeDist, new Float64Array(size).fill(NaN));
    if (this.stopSequence !== undefined) this.stopSequence = g(this.stopSequence, new Int32Array(size));
  }

  /**
   * The columns, exact size (the builder must not be used afterwards). Columns at least 95 %
   * full are handed over as views instead of copied (no second copy at the peak).
   */
  finish(): StopTimesInput {
    if (this.length !== this.start) throw new Error('StopTimesBuilder.finish: a trip is still open');
    const n = this.length;
    const trim = <T extends Int32Array | Uint8Array | Float64Array>(a: T, k: number): T =>
      (k >= a.length * 0.95 ? a.subarray(0, k) : a.slice(0, k)) as T;
    const out: StopTimesInput = {
      tripOffset: trim(this.offsets, this.trips + 1),
      stop: trim(this.stop, n),
      arrival: trim(this.arrival, n),
      departure: trim(this.departure, n),
      typeOffset: this.typeOffsets.slice(0, this.trips + 1),
      pickup: this.pickup.slice(0, this.typeLength),
      dropOff: this.dropOff.slice(0, this.typeLength),
    };
    if (this.shapeDist !== undefined) out.shapeDist = this.shapeDist.slice(0, n);
    if (this.stopSequence !== undefined) out.stopSequence = this.stopSequence.slice(0, n);
    this.stop = this.arrival = this.departure = this.offsets = this.typeOffsets = new Int32Array(0);
    this.pickup = this.dropOff = new Uint8Array(0);
    this.shapeDist = this.stopSequence = undefined;
    return out;
  }
}

/** `b` with `a` copied to its start. */
function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T {
  b.set(a);
  return b;
}

/** Trips with inline stop times → trip metadata + columnar stop times (for NetworkInput). */
export function columnarTrips(trips: readonly TripWithTimes[]): { trips: TripTable; stopTimes: StopTimesInput } {
  const b = new StopTimesBuilder();
  const out = new TripTableBuilder(trips.length);
  for (const t of trips) {
    const { stops: _s, arrivals: _a, departures: _d, pickup: _p, dropOff: _o, shapeDist: _h, stopSequence: _q, ...meta } = t;
    const { stopSequenceStart } = b.addTrip(t);
    const trip: TripInput = meta;
    if (stopSequenceStart !== undefined) trip.stopSequenceStart = stopSequenceStart;
    out.add(trip);
  }
  return { trips: out.finish(), stopTimes: b.finish() };
}

/** A NetworkInput from one whose trips carry their stop times inline. */
export function columnarInput<T extends Omit<NetworkInput, 'trips' | 'stopTimes'> & { trips: readonly TripWithTimes[] }>(
  input: T,
): Omit<T, 'trips'> & NetworkInput {
  return { ...input, ...columnarTrips(input.trips) };
}

/** A trip with its stop times inline as typed arrays (what tripWithTimes returns). */
export interface InlineTrip extends TripInput {
  stops: Int32Array;
  arrivals: Int32Array;
  departures: Int32Array;
  pickup: Uint8Array;
  dropOff: Uint8Array;
  shapeDist?: Float64Array;
  stopSequence?: Int32Array;
}

/** Trip t with its stop times inline (fresh arrays): the inverse of columnarTrips. */
export function tripWithTimes(input: NetworkInput, t: number): InlineTrip {
  const trip = input.trips.get(t);
  const out: InlineTrip = {
    ...trip,
    stops: tripStops(input, t).slice(),
    arrivals: tripArrivals(input, t).slice(),
    departures: tripDepartures(input, t).slice(),
    pickup: tripPickup(input, t).slice(),
    dropOff: tripDropOff(input, t).slice(),
  };
  const d = tripShapeDist(input, t);
  if (d !== undefined) out.shapeDist = d.slice();
  const seq = input.stopTimes.stopSequence;
  if (trip.stopSequenceStart === undefined && seq !== undefined) out.stopSequence = seq.slice(input.stopTimes.tripOffset[t], input.stopTimes.tripOffset[t + 1]);
  return out;
}

/** Number of stop times of trip t. */
export function tripLength(input: NetworkInput, t: number): number {
  const o = input.stopTimes.tripOffset;
  return o[t + 1] - o[t];
}

/** Total number of stop times. */
export function stopTimeCount(input: NetworkInput): number {
  const o = input.stopTimes.tripOffset;
  return o[o.length - 1];
}

/** Trip t's compiled run g, its route r and the start of its times in arr/dep; null when not compiled. */
function runOf(c: CompiledStopTimes, t: number): { g: number; r: number; n: number; at: number } | null {
  const g = c.tripRun[t];
  if (g < 0) return null;
  const r = c.tripRoute[g];
  const n = c.routeStopsOffset[r + 1] - c.routeStopsOffset[r];
  return { g, r, n, at: c.routeTimesOffset[r] + (g - c.routeTripsOffset[r]) * n };
}

/** Stop indices of trip t in stop_sequence order. */
export function tripStops(input: NetworkInput, t: number): Int32Array {
  const st = input.stopTimes;
  if (st.stop !== undefined) return st.stop.subarray(st.tripOffset[t], st.tripOffset[t + 1]);
  const c = st.compiled!;
  const run = runOf(c, t);
  if (run === null) return c.rest.get(t)!.stop;
  return c.routeStops.subarray(c.routeStopsOffset[run.r], c.routeStopsOffset[run.r + 1]);
}

function times(input: NetworkInput, t: number, which: 'arrival' | 'departure'): Int32Array {
  const st = input.stopTimes;
  const col = st[which];
  if (col !== undefined) return col.subarray(st.tripOffset[t], st.tripOffset[t + 1]);
  const c = st.compiled!;
  const run = runOf(c, t);
  if (run === null) return c.rest.get(t)![which];
  const src = (which === 'arrival' ? c.arr : c.dep).subarray(run.at, run.at + run.n);
  const shift = c.tripShift[run.g];
  return shift === 0 ? src : src.map((x) => x - shift);
}

/** Arrival times of trip t (service-day seconds). */
export function tripArrivals(input: NetworkInput, t: number): Int32Array {
  return times(input, t, 'arrival');
}

/** Departure times of trip t (service-day seconds). */
export function tripDepartures(input: NetworkInput, t: number): Int32Array {
  return times(input, t, 'departure');
}

function timeAt(input: NetworkInput, t: number, i: number, which: 'arrival' | 'departure'): number {
  const st = input.stopTimes;
  const col = st[which];
  if (col !== undefined) return col[st.tripOffset[t] + i];
  const c = st.compiled!;
  const run = runOf(c, t);
  if (run === null) return c.rest.get(t)![which][i];
  return (which === 'arrival' ? c.arr : c.dep)[run.at + i] - c.tripShift[run.g];
}

/** Arrival of trip t at its stop position i, without allocating. */
export function tripArrival(input: NetworkInput, t: number, i: number): number {
  return timeAt(input, t, i, 'arrival');
}

/** Departure of trip t at its stop position i, without allocating. */
export function tripDeparture(input: NetworkInput, t: number, i: number): number {
  return timeAt(input, t, i, 'departure');
}

/** pickup_type per stop of trip t. */
export function tripPickup(input: NetworkInput, t: number): Uint8Array {
  return types(input, t, input.stopTimes.pickup);
}

/** drop_off_type per stop of trip t. */
export function tripDropOff(input: NetworkInput, t: number): Uint8Array {
  return types(input, t, input.stopTimes.dropOff);
}

function types(input: NetworkInput, t: number, col: Uint8Array): Uint8Array {
  const st = input.stopTimes;
  const a = st.typeOffset[t];
  const b = st.typeOffset[t + 1];
  return b > a ? col.subarray(a, b) : new Uint8Array(st.tripOffset[t + 1] - st.tripOffset[t]);
}

/** shape_dist_traveled per stop of trip t, or undefined when the trip has none. */
export function tripShapeDist(input: NetworkInput, t: number): Float64Array | undefined {
  const st = input.stopTimes;
  const d = st.shapeDist;
  const o = st.tripOffset[t];
  if (d === undefined || st.tripOffset[t + 1] === o || Number.isNaN(d[o])) return undefined;
  return d.subarray(o, st.tripOffset[t + 1]);
}

/** stop_sequence of trip t's stop at position i. */
export function tripStopSequence(input: NetworkInput, t: number, i: number): number {
  const start = input.trips.stopSequenceStart(t);
  if (start !== undefined) return start + i;
  const seq = input.stopTimes.stopSequence;
  return seq !== undefined ? seq[input.stopTimes.tripOffset[t] + i] : i;
}

/** Position of the stop with stop_sequence `seq` in trip t, or −1. */
export function positionOfSequence(input: NetworkInput, t: number, seq: number): number {
  const n = tripLength(input, t);
  const start = input.trips.stopSequenceStart(t);
  const col = input.stopTimes.stopSequence;
  if (start === undefined && col !== undefined) {
    const o = input.stopTimes.tripOffset[t];
    for (let i = 0; i < n; i++) if (col[o + i] === seq) return i;
    return -1;
  }
  const p = seq - (start ?? 0);
  return p >= 0 && p < n ? p : -1;
}

/**
 * The stop, arrival and departure columns in full: the input's own, or rebuilt from the compiled
 * timetable after `compactStopTimes` (for compiling the same input again).
 */
export function fullStopTimes(input: NetworkInput): { tripOffset: Int32Array; stop: Int32Array; arrival: Int32Array; departure: Int32Array } {
  const st = input.stopTimes;
  if (st.stop !== undefined && st.arrival !== undefined && st.departure !== undefined)
    return { tripOffset: st.tripOffset, stop: st.stop, arrival: st.arrival, departure: st.departure };
  const n = stopTimeCount(input);
  const stop = new Int32Array(n);
  const arrival = new Int32Array(n);
  const departure = new Int32Array(n);
  for (let t = 0; t < input.trips.length; t++) {
    const o = st.tripOffset[t];
    stop.set(tripStops(input, t), o);
    arrival.set(tripArrivals(input, t), o);
    departure.set(tripDepartures(input, t), o);
  }
  return { tripOffset: st.tripOffset, stop, arrival, departure };
}

/**
 * Hand the stop, arrival and departure columns over to the compiled timetable: afterwards the
 * accessors read them from `tt` (each input trip's first compiled run, minus its shift), and the
 * columns are dropped. Trips the timetable lacks keep their own small arrays in `rest`.
 */
export function compactStopTimes(input: NetworkInput, tt: Timetable): void {
  const st = input.stopTimes;
  if (st.compiled !== undefined || st.stop === undefined) return;
  const f = tt.forward;
  const tripRun = new Int32Array(input.trips.length).fill(-1);
  for (let g = tt.tripInput.length - 1; g >= 0; g--) tripRun[tt.tripInput[g]] = g;
  const rest: CompiledStopTimes['rest'] = new Map();
  for (let t = 0; t < input.trips.length; t++) {
    if (tripRun[t] >= 0) continue;
    const a = st.tripOffset[t];
    const b = st.tripOffset[t + 1];
    rest.set(t, { stop: st.stop.slice(a, b), arrival: st.arrival!.slice(a, b), departure: st.departure!.slice(a, b) });
  }
  st.compiled = {
    tripRun,
    tripShift: tt.tripShift,
    tripRoute: tt.tripRoute,
    routeStopsOffset: f.routeStopsOffset,
    routeStops: f.routeStops,
    routeTripsOffset: f.routeTripsOffset,
    routeTimesOffset: f.routeTimesOffset,
    arr: f.arr,
    dep: f.dep,
    rest,
  };
  delete st.stop;
  delete st.arrival;
  delete st.departure;
}

/** The input with only the trips `keep` accepts (stop times rebuilt to match). */
export function filterTrips(input: NetworkInput, keep: (trip: TripInput, t: number) => boolean): NetworkInput {
  const kept: TripWithTimes[] = [];
  input.trips.forEach((trip, t) => {
    if (keep(trip, t)) kept.push(tripWithTimes(input, t));
  });
  return { ...input, ...columnarTrips(kept) };
}

/** 1 for every stop some trip calls at. */
export function servedStops(input: NetworkInput): Uint8Array {
  const used = new Uint8Array(input.stops.length);
  for (let t = 0; t < input.trips.length; t++) for (const s of tripStops(input, t)) used[s] = 1;
  return used;
}
