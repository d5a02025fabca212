/**
 * Realtime as an overlay: the static timetable is never rewritten. A trip run with live times
 * (delayed, early, skipping stops) is hidden from its static route for that service day and
 * appears instead as a route of its own holding exactly that one run; a cancelled run is only
 * hidden; an added trip is a one-run route. One-run routes cannot overtake anything, so the
 * search's FIFO assumption holds however trips overtake each other after delays.
 *
 * The overlay's routes form a SearchView of their own (one pseudo service day whose offset is 0,
 * times relative to the timetable's base), scanned by the same RAPTOR code, and mirrored with the
 * same `mirror` for arrive-by. Live runs of one stop pattern are grouped into FIFO routes, so
 * runs that overtake each other after delays land in different routes.
 */
import { indexStopRoutes, mirror } from './compile.js';
import type { NetworkInput } from './input.js';
import { modeOfRouteType } from './query.js';
import { DROPOFF_OK, PICKUP_OK, type SearchView, type Timetable } from './timetable.js';

/** One stop's live data, by position in the trip. Times are epoch seconds; delays seconds. */
export interface StopTimeUpdateSpec {
  pos: number;
  arrivalTime?: number;
  departureTime?: number;
  arrivalDelay?: number;
  departureDelay?: number;
  skipped?: boolean;
}

export interface TripUpdateSpec {
  /** Compiled trip (forward order) and its service day index. */
  trip: number;
  day: number;
  canceled?: boolean;
  /** Sorted by position; delays propagate downstream until the next update. */
  updates: StopTimeUpdateSpec[];
}

export interface AddedTripSpec {
  id: string;
  /** Index of the RouteInput it belongs to. */
  line: number;
  headsign: string;
  stops: Int32Array;
  /** Epoch seconds, one per stop. */
  arrivals: Float64Array;
  departures: Float64Array;
}

/** What one overlay route (one live run) stands for. */
export interface OverlayEntry {
  /** Compiled static trip, or -1 for an added trip. */
  trip: number;
  /** Its service day (static trips), or -1. */
  day: number;
  /** Static route (pattern) of the trip, or -1. */
  route: number;
  added: AddedTripSpec | null;
  /** Live times per position, epoch seconds. */
  arrivals: Float64Array;
  departures: Float64Array;
  skipped: Uint8Array;
}

/** Static runs hidden by the overlay, for one view's trip numbering. */
export interface HiddenRuns {
  /** 1 when the trip is hidden on at least one day. */
  flag: Uint8Array;
  /** `trip * dayCount + day` of every hidden run. */
  keys: Set<number>;
}

export class RealtimeOverlay {
  readonly entries: OverlayEntry[] = [];
  readonly forward: SearchView;
  readonly hiddenForward: HiddenRuns;
  private reverse: SearchView | undefined;
  private hiddenReverse: HiddenRuns | undefined;
  /** Live trips (forward view numbering) → their route in the view, and their entry. */
  tripRoute: Int32Array = new Int32Array(0);
  tripEntry: Int32Array = new Int32Array(0);
  /** Updates refused while building (e.g. unknown position), with reasons. */
  readonly rejected: { index: number; reason: string }[] = [];

  constructor(
    private readonly tt: Timetable,
    input: NetworkInput,
    updates: TripUpdateSpec[],
    added: AddedTripSpec[] = [],
  ) {
    const v = tt.forward;
    const dayCount = v.dayCount;
    const keys = new Set<number>();
    const flag = new Uint8Array(v.tripService.length);
    updates.forEach((u, index) => {
      if (u.trip < 0 || u.trip >= flag.length || u.day < 0 || u.day >= dayCount) {
        this.rejected.push({ index, reason: 'unknown trip or service day' });
        return;
      }
      keys.add(u.trip * dayCount + u.day);
      flag[u.trip] = 1;
      if (u.canceled) return;
      const live = this.liveTimes(u);
      if (live === null) {
        this.rejected.push({ index, reason: 'stop position out of range' });
        return;
      }
      this.entries.push({ trip: u.trip, day: u.day, route: tt.tripRoute[u.trip], added: null, ...live });
    });
    for (const a of added) {
      const n = a.stops.length;
      if (n < 2 || a.arrivals.length !== n || a.departures.length !== n) continue;
      const arr = Float64Array.from(a.arrivals);
      const dep = Float64Array.from(a.departures);
      monotone(arr, dep);
      this.entries.push({ trip: -1, day: -1, route: -1, added: a, arrivals: arr, departures: dep, skipped: new Uint8Array(n) });
    }
    this.hiddenForward = { flag, keys };
    this.forward = this.buildView(input);
  }

  /** The overlay for arrive-by searches (built on first use). */
  reverseView(): SearchView {
    return (this.reverse ??= mirror(this.forward));
  }

  /** Hidden runs in the mirrored trip numbering (trip j of a route ↔ nT − 1 − j). */
  hiddenReverseRuns(): HiddenRuns {
    if (this.hiddenReverse === undefined) {
      const v = this.tt.forward;
      const flag = new Uint8Array(this.hiddenForward.flag.length);
      const keys = new Set<number>();
      for (const key of this.hiddenForward.keys) {
        const trip = Math.floor(key / v.dayCount);
        const day = key % v.dayCount;
        const r = this.tt.tripRoute[trip];
        const t0 = v.routeTripsOffset[r];
        const nT = v.routeTripsOffset[r + 1] - t0;
        const m = t0 + (nT - 1 - (trip - t0));
        flag[m] = 1;
        keys.add(m * v.dayCount + day);
      }
      this.hiddenReverse = { flag, keys };
    }
    return this.hiddenReverse;
  }

  /** Scheduled times of the static trip plus the live data, delays carried downstream. */
  private liveTimes(u: TripUpdateSpec): Pick<OverlayEntry, 'arrivals' | 'departures' | 'skipped'> | null {
    const v = this.tt.forward;
    const r = this.tt.tripRoute[u.trip];
    const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
    const j = u.trip - v.routeTripsOffset[r];
    const off = v.dayOffset[v.routeZone[r] * v.dayCount + u.day] + this.tt.base;
    const arrivals = new Float64Array(n);
    const departures = new Float64Array(n);
    const skipped = new Uint8Array(n);
    const byPos = new Map<number, StopTimeUpdateSpec>();
    for (const s of u.updates) {
      if (s.pos < 0 || s.pos >= n) return null;
      byPos.set(s.pos, s);
    }
    let delay = 0;
    for (let p = 0; p < n; p++) {
      const schedArr = v.arr[v.routeTimesOffset[r] + j * n + p] + off;
      const schedDep = v.dep[v.routeTimesOffset[r] + j * n + p] + off;
      const s = byPos.get(p);
      let a = schedArr + delay;
      let d = schedDep + delay;
      if (s !== undefined) {
        if (s.skipped) skipped[p] = 1;
        const arrDelay = s.arrivalTime !== undefined ? s.arrivalTime - schedArr : s.arrivalDelay;
        const depDelay = s.departureTime !== undefined ? s.departureTime - schedDep : s.departureDelay;
        if (arrDelay !== undefined) {
          a = schedArr + arrDelay;
          delay = arrDelay;
        }
        if (depDelay !== undefined) {
          d = schedDep + depDelay;
          delay = depDelay;
        } else if (arrDelay !== undefined) d = Math.max(schedDep + arrDelay, a);
        if (arrDelay === undefined && depDelay !== undefined) a = Math.min(a, d);
      }
      arrivals[p] = a;
      departures[p] = d;
    }
    monotone(arrivals, departures);
    return { arrivals, departures, skipped };
  }

  /**
   * The live runs as a SearchView with one pseudo day at offset 0: runs of the same stops and
   * pickup/drop-off rules grouped, sorted by departure and split into FIFO lanes (as compile.ts
   * does for the timetable), so a few hundred delayed runs cost a few dozen routes.
   */
  private buildView(input: NetworkInput): SearchView {
    const tt = this.tt;
    const f = tt.forward;
    const stopsOf = (e: OverlayEntry, p: number) =>
      e.added !== null ? e.added.stops[p] : f.routeStops[f.routeStopsOffset[e.route] + p];
    const flagOf = (e: OverlayEntry, p: number, n: number) =>
      e.added !== null
        ? (p < n - 1 ? PICKUP_OK : 0) | (p > 0 ? DROPOFF_OK : 0)
        : e.skipped[p]
          ? 0
          : f.routeStopFlags[f.routeStopsOffset[e.route] + p];
    const groups = new Map<string, number[]>();
    this.entries.forEach((e, i) => {
      const n = e.arrivals.length;
      let key = e.added !== null ? `a${e.added.line}|` : `s${tt.routeLine[e.route]}|`;
      for (let p = 0; p < n; p++) key += `${stopsOf(e, p)}.${flagOf(e, p, n)},`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [i]);
      else g.push(i);
    });
    const lanes: number[][] = [];
    for (const members of groups.values()) {
      members.sort((a, b) => this.entries[a].departures[0] - this.entries[b].departures[0] || a - b);
      const own: number[][] = [];
      for (const i of members) {
        const e = this.entries[i];
        const lane = own.find((l) => {
          const last = this.entries[l[l.length - 1]];
          for (let p = 0; p < e.arrivals.length; p++)
            if (e.arrivals[p] < last.arrivals[p] || e.departures[p] < last.departures[p]) return false;
          return true;
        });
        if (lane === undefined) own.push([i]);
        else lane.push(i);
      }
      lanes.push(...own);
    }
    const R = lanes.length;
    const routeStopsOffset = new Int32Array(R + 1);
    const routeTripsOffset = new Int32Array(R + 1);
    const routeTimesOffset = new Int32Array(R + 1);
    lanes.forEach((l, r) => {
      const n = this.entries[l[0]].arrivals.length;
      routeStopsOffset[r + 1] = routeStopsOffset[r] + n;
      routeTripsOffset[r + 1] = routeTripsOffset[r] + l.length;
      routeTimesOffset[r + 1] = routeTimesOffset[r] + n * l.length;
    });
    const routeStops = new Int32Array(routeStopsOffset[R]);
    const routeStopFlags = new Uint8Array(routeStopsOffset[R]);
    const arr = new Int32Array(routeTimesOffset[R]);
    const dep = new Int32Array(routeTimesOffset[R]);
    const routeMinDep = new Int32Array(R);
    const routeMaxArr = new Int32Array(R);
    const routeMode = new Uint8Array(R);
    const tripCount = routeTripsOffset[R];
    this.tripRoute = new Int32Array(tripCount);
    this.tripEntry = new Int32Array(tripCount);
    lanes.forEach((l, r) => {
      const first = this.entries[l[0]];
      const n = first.arrivals.length;
      for (let p = 0; p < n; p++) {
        routeStops[routeStopsOffset[r] + p] = stopsOf(first, p);
        routeStopFlags[routeStopsOffset[r] + p] = flagOf(first, p, n);
      }
      l.forEach((i, j) => {
        const e = this.entries[i];
        const g = routeTripsOffset[r] + j;
        this.tripRoute[g] = r;
        this.tripEntry[g] = i;
        for (let p = 0; p < n; p++) {
          arr[routeTimesOffset[r] + j * n + p] = Math.round(e.arrivals[p] - tt.base);
          dep[routeTimesOffset[r] + j * n + p] = Math.round(e.departures[p] - tt.base);
        }
      });
      routeMinDep[r] = dep[routeTimesOffset[r]];
      routeMaxArr[r] = arr[routeTimesOffset[r + 1] - 1];
      for (let x = routeTimesOffset[r]; x < routeTimesOffset[r + 1]; x++) {
        routeMinDep[r] = Math.min(routeMinDep[r], dep[x]);
        routeMaxArr[r] = Math.max(routeMaxArr[r], arr[x]);
      }
      const line = first.added !== null ? first.added.line : tt.routeLine[first.route];
      routeMode[r] = modeOfRouteType(input.routes[line]?.type ?? 3);
    });
    const { stopRoutesOffset, stopRoutes, stopRoutePos } = indexStopRoutes(f.stopCount, routeStopsOffset, routeStops);
    return {
      reverse: false,
      stopCount: f.stopCount,
      routeCount: R,
      dayCount: 1,
      dayWords: 1,
      routeStopsOffset,
      routeStops,
      routeStopFlags,
      routeTripsOffset,
      routeTimesOffset,
      arr,
      dep,
      routeMinDep,
      routeMaxArr,
      routeZone: new Uint8Array(R),
      routeMode,
      routeDays: new Uint32Array(R).fill(1),
      tripService: new Int32Array(tripCount),
      serviceDays: Uint32Array.of(1),
      dayOffset: Float64Array.of(0),
      stopRoutesOffset,
      stopRoutes,
      stopRoutePos,
      sameStopSeconds: f.sameStopSeconds,
      footOffset: f.footOffset,
      footTo: f.footTo,
      footSeconds: f.footSeconds,
    };
  }
}

/** Make live times consistent: never earlier than the stop before, departure ≥ arrival. */
function monotone(arr: Float64Array, dep: Float64Array): void {
  let t = -Infinity;
  for (let p = 0; p < arr.length; p++) {
    if (arr[p] < t) arr[p] = t;
    if (dep[p] < arr[p]) dep[p] = arr[p];
    t = dep[p];
  }
}
