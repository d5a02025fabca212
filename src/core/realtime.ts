/**
 * Realtime as an overlay: the static timetable is never rewritten. Every (static route, service
 * day) with live data is replaced, for that day only, by a route of the overlay holding all the
 * runs of that route and day — on-time runs with their timetable times, live runs with their live
 * times — as long as they stay in FIFO order (a delayed run slots in between the others); the
 * static route is then not scanned on that day, so a run that keeps its order costs the search
 * nothing extra. Cancelled runs are simply absent. Live runs that would break FIFO (overtaking
 * after delays) or skip stops go to lanes: overlay routes of their own static route, day and
 * pickup/drop-off rules, split into FIFO lanes like compile.ts does for the timetable. Added trips
 * get routes of their own, grouped by line and stops.
 *
 * The overlay's routes form a SearchView (one pseudo service day whose offset is 0, times relative
 * to the timetable's base), mirrored with the same `mirror` for arrive-by. The search scans a
 * replacing route with the same RAPTOR code, reached through the static route it stands for, which
 * the search collects anyway (`replStart`: same stops, so the static route's first marked position
 * serves). Lanes are boarded from the stops marked each round through a per-stop index of their
 * runs (`laneIndex`, see LaneIndex), and only added trips' routes are collected through their stops.
 */
import { indexStopRoutes, mirror } from './compile.js';
import type { NetworkInput } from './input.js';
import { modeOfRouteType } from './query.js';
import { DROPOFF_OK, PICKUP_OK, runsOnDay, searchView, type SearchView, type Timetable } from './timetable.js';

/** One stop's live data, by position in the trip. Times are epoch seconds; delays seconds. */
export interface StopTimeUpdateSpec {
  pos: number;
  arrivalTime?: number;
  departureTime?: number;
  arrivalDelay?: number;
  departureDelay?: number;
  skipped?: boolean;
  /** The stop (index into the input's stops) the run calls at instead, e.g. another platform. */
  assignedStop?: number;
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
  /** Static runs calling at other stops than their route's (StopTimeUpdateSpec.assignedStop): the stop per position; else null. */
  stops: Int32Array | null;
}

/** Static runs hidden by the overlay, for one view's trip numbering. */
export interface HiddenRuns {
  /** `trip * dayCount + day` of every hidden run. */
  keys: Set<number>;
}

/** RealtimeOverlay.daySlack: seconds, per static route (never negative). */
export interface DaySlack {
  late: Float64Array;
  early: Float64Array;
}

export class RealtimeOverlay {
  readonly entries: OverlayEntry[] = [];
  readonly forward: SearchView;
  readonly hiddenForward: HiddenRuns;
  private reverse: SearchView | undefined;
  /** Trips of the overlay view (forward numbering) → their route in the view, and their entry (−1: an on-time static run). */
  tripRoute: Int32Array = new Int32Array(0);
  tripEntry: Int32Array = new Int32Array(0);
  /** Overlay trips that are static runs on time: their compiled trip and service day. */
  tripStatic: Int32Array = new Int32Array(0);
  tripDay: Int32Array = new Int32Array(0);
  /** Static route of each overlay route (−1 for routes of added trips). */
  routeStatic: Int32Array = new Int32Array(0);
  /** Input route (line) of each overlay route: an added trip's own. */
  routeLine: Int32Array = new Int32Array(0);
  /** (static route, day) pairs the overlay replaces: keys `route * dayCount + day`. */
  readonly replaced: HiddenRuns;
  /**
   * How the overlay's routes stand for the static ones. For static route r: `replDay[i]`,
   * `replRoute[i]` for i in `[replStart[r], replStart[r + 1])` are the service days the overlay
   * replaces and the overlay route standing for each (−1: every run of that day cancelled), reached
   * from r (same stops and positions, so r's first marked position serves them too);
   * `laneRoute[i]` for i in `[laneStart[r], laneStart[r + 1])` are r's lanes of extra runs
   * (overtaking, overtaken or skipping stops), boarded through `laneIndex`. The routes of added
   * trips (`addedRoutes`) are found through their own stops, by `addedStops`.
   */
  replStart: Int32Array = new Int32Array(1);
  replDay: Int32Array = new Int32Array(0);
  replRoute: Int32Array = new Int32Array(0);
  laneStart: Int32Array = new Int32Array(1);
  laneRoute: Int32Array = new Int32Array(0);
  /**
   * A lane holds extra runs of one static route and day: `laneRepl[i]` is the index (into
   * `replDay`, `replRoute`) of that route and day's replacement, whose runs may dominate the
   * lane's (see LaneIndex); `laneZoneDays` the (zone, day) pairs of all lanes, as `zone *
   * dayCount + day`.
   */
  laneRepl: Int32Array = new Int32Array(0);
  laneZoneDays: Int32Array = new Int32Array(0);
  addedRoutes: Int32Array = new Int32Array(0);
  private addedIndex: (StopRouteIndex | undefined)[] = [undefined, undefined];
  private laneIndexes: (LaneIndex | undefined)[] = [undefined, undefined];
  private daySlacks: (DaySlack | undefined)[] = [undefined, undefined];
  private readonly excluded = new WeakMap<Uint8Array, Uint8Array>();
  /** `trip * dayCount + day` of each static run with live times → its index in `entries`. */
  private readonly liveIndex = new Map<number, number>();
  /** Updates refused while building (e.g. unknown position), with reasons. */
  readonly rejected: { index: number; reason: string }[] = [];
  /**
   * Updates (`added: false`, index into `updates`) and added trips (`added: true`, index into
   * `added`) whose times ran backwards (a stop reached before the stop before was left, or left
   * before it was reached) and were moved later to keep the run in order: `times` of them. The run
   * is used as corrected; this is the feed's data error, counted for its status.
   */
  readonly corrected: { index: number; added: boolean; times: number }[] = [];

  constructor(
    private readonly tt: Timetable,
    input: NetworkInput,
    updates: TripUpdateSpec[],
    added: AddedTripSpec[] = [],
  ) {
    const v = tt.forward;
    const dayCount = v.dayCount;
    const keys = new Set<number>();
    // several updates of one run: the last one counts
    const last = new Map<number, number>();
    updates.forEach((u, index) => last.set(u.trip * dayCount + u.day, index));
    updates.forEach((u, index) => {
      if (u.trip < 0 || u.trip >= v.tripService.length || u.day < 0 || u.day >= dayCount) {
        this.rejected.push({ index, reason: 'unknown trip or service day' });
        return;
      }
      if (!runsOnDay(v, u.trip, u.day)) {
        // the search scans a (route, day) only where the route runs, so such a run would never be found
        this.rejected.push({ index, reason: 'the trip does not run on that service day' });
        return;
      }
      if (last.get(u.trip * dayCount + u.day) !== index) {
        this.rejected.push({ index, reason: 'superseded by a later update of the same run' });
        return;
      }
      keys.add(u.trip * dayCount + u.day);
      if (u.canceled) return;
      const live = this.liveTimes(u);
      if (live === null) {
        this.rejected.push({ index, reason: 'stop position out of range' });
        return;
      }
      if (live.moved > 0) this.corrected.push({ index, added: false, times: live.moved });
      this.entries.push({ trip: u.trip, day: u.day, route: tt.tripRoute[u.trip], added: null, arrivals: live.arrivals, departures: live.departures, skipped: live.skipped, stops: live.stops });
    });
    added.forEach((a, index) => {
      const n = a.stops.length;
      if (n < 2 || a.arrivals.length !== n || a.departures.length !== n) return;
      const arr = Float64Array.from(a.arrivals);
      const dep = Float64Array.from(a.departures);
      const moved = monotone(arr, dep);
      if (moved > 0) this.corrected.push({ index, added: true, times: moved });
      this.entries.push({ trip: -1, day: -1, route: -1, added: a, arrivals: arr, departures: dep, skipped: new Uint8Array(n), stops: null });
    });
    this.hiddenForward = { keys };
    const rKeys = new Set<number>();
    for (const key of keys) {
      const r = tt.tripRoute[Math.floor(key / dayCount)];
      rKeys.add(r * dayCount + (key % dayCount));
    }
    this.replaced = { keys: rKeys };
    this.forward = this.buildView(input);
    // the forward lanes' index with the rest (the mirrored one comes with the mirrored view, on first use)
    if (this.laneRoute.length > 0) this.laneIndex(false);
  }

  /** The live run of static (compiled trip, service day), or undefined (on time, cancelled, or not in the overlay). */
  liveEntry(trip: number, day: number): OverlayEntry | undefined {
    const i = this.liveIndex.get(trip * this.tt.forward.dayCount + day);
    return i === undefined ? undefined : this.entries[i];
  }

  /** The overlay for arrive-by searches (built on first use). */
  reverseView(): SearchView {
    return (this.reverse ??= mirror(this.forward));
  }

  /** Where the lanes' runs may be boarded, in the forward or the mirrored view (built on first use; see LaneIndex). */
  laneIndex(reverse: boolean): LaneIndex {
    const k = reverse ? 1 : 0;
    return (this.laneIndexes[k] ??= buildLaneIndex(reverse ? this.reverseView() : this.forward, this.laneRoute, this.laneRepl, this.replRoute));
  }

  /**
   * Per static route of `v` (the timetable's forward or mirrored view), how much later its
   * replacing routes' runs may arrive, and how much earlier they may leave, than the route's own
   * bounds on their day: the search widens the days it scans a route on by as much (built on first
   * use per direction; 0 for routes not replaced).
   */
  daySlack(v: SearchView): DaySlack {
    const k = v.reverse ? 1 : 0;
    const cached = this.daySlacks[k];
    if (cached !== undefined) return cached;
    const rt = v.reverse ? this.reverseView() : this.forward;
    const R = this.replStart.length - 1;
    const late = new Float64Array(R);
    const early = new Float64Array(R);
    for (let r = 0; r < R; r++)
      for (let x = this.replStart[r]; x < this.replStart[r + 1]; x++) {
        const o = this.replRoute[x];
        if (o < 0) continue;
        const offD = v.dayOffset[v.routeZone[r] * v.dayCount + this.replDay[x]];
        late[r] = Math.max(late[r], rt.routeMaxArr[o] - offD - v.routeMaxArr[r]);
        early[r] = Math.max(early[r], v.routeMinDep[r] - (rt.routeMinDep[o] - offD));
      }
    return (this.daySlacks[k] = { late, early });
  }

  /** Stop → (route, position) over the added trips' routes only, in the forward or the mirrored view. */
  addedStops(reverse: boolean): StopRouteIndex {
    const k = reverse ? 1 : 0;
    return (this.addedIndex[k] ??= indexSomeRoutes(reverse ? this.reverseView() : this.forward, this.addedRoutes));
  }

  /**
   * Overlay routes excluded by a mask of the timetable's routes (SearchRequest.excludeRoutes): an
   * added trip goes with its line, excluded when a compiled route of that line is. Cached per mask.
   */
  excludedFor(mask: Uint8Array): Uint8Array {
    let out = this.excluded.get(mask);
    if (out === undefined) {
      const lines = new Set<number>();
      for (let r = 0; r < mask.length; r++) if (mask[r] === 1) lines.add(this.tt.routeLine[r]);
      out = Uint8Array.from(this.routeLine, (l, r) => (this.routeStatic[r] >= 0 ? mask[this.routeStatic[r]] : lines.has(l) ? 1 : 0));
      this.excluded.set(mask, out);
    }
    return out;
  }

  /** Scheduled times of the static trip plus the live data (liveStopTimes), its calls moved to assigned stops. */
  private liveTimes(u: TripUpdateSpec): (Pick<OverlayEntry, 'arrivals' | 'departures' | 'skipped' | 'stops'> & { moved: number }) | null {
    const v = this.tt.forward;
    const r = this.tt.tripRoute[u.trip];
    const s0 = v.routeStopsOffset[r];
    const n = v.routeStopsOffset[r + 1] - s0;
    const at = v.routeTimesOffset[r] + (u.trip - v.routeTripsOffset[r]) * n;
    const off = v.dayOffset[v.routeZone[r] * v.dayCount + u.day] + this.tt.base;
    const live = liveStopTimes(
      Float64Array.from(v.arr.subarray(at, at + n), (x) => x + off),
      Float64Array.from(v.dep.subarray(at, at + n), (x) => x + off),
      u.updates,
    );
    if (live === null) return null;
    let stops: Int32Array | null = null;
    for (const s of u.updates) {
      if (s.assignedStop === undefined || s.assignedStop === v.routeStops[s0 + s.pos]) continue;
      if (s.assignedStop < 0 || s.assignedStop >= v.stopCount) return null;
      (stops ??= v.routeStops.slice(s0, s0 + n))[s.pos] = s.assignedStop;
    }
    return { ...live, stops };
  }

  /**
   * The overlay as a SearchView with one pseudo day at offset 0: first one route per replaced
   * (static route, day) with its runs of that day in FIFO order, then the live runs that did not
   * fit there, grouped by stops and pickup/drop-off rules, sorted by departure and split into FIFO
   * lanes (as compile.ts does for the timetable).
   */
  private buildView(input: NetworkInput): SearchView {
    const tt = this.tt;
    const f = tt.forward;
    const dayCount = f.dayCount;
    // a run: its times are arr[at + p] + off (static runs read the timetable in place)
    type Row = { entry: number; trip: number; day: number; arr: Int32Array; dep: Int32Array; at: number; off: number };
    // `day`: the service day a replacing route stands for (−1: a lane of extra runs, or added trips)
    // `laneDay`: the service day of a lane's runs
    const routes: { stat: number; day: number; laneDay: number; line: number; stops: Int32Array; flags: Uint8Array; rows: Row[] }[] = [];
    const replacements: { stat: number; day: number; route: number }[] = [];
    const liveOf = this.liveIndex;
    this.entries.forEach((e, i) => {
      if (e.added === null) liveOf.set(e.trip * dayCount + e.day, i);
    });
    const loose: number[] = [];
    const liveRow = (i: number, n: number): Row => {
      const e = this.entries[i];
      const arr = new Int32Array(n);
      const dep = new Int32Array(n);
      for (let p = 0; p < n; p++) {
        arr[p] = Math.round(e.arrivals[p] - tt.base);
        dep[p] = Math.round(e.departures[p] - tt.base);
      }
      return { entry: i, trip: e.trip, day: e.day, arr, dep, at: 0, off: 0 };
    };
    /** `b` may follow `a` in a FIFO route: never earlier at any stop. */
    const fits = (a: Row, b: Row, n: number) => {
      for (let p = 0; p < n; p++)
        if (b.arr[b.at + p] + b.off < a.arr[a.at + p] + a.off || b.dep[b.at + p] + b.off < a.dep[a.at + p] + a.off) return false;
      return true;
    };
    // 1. the replaced (route, day) pairs, in a fixed order
    for (const key of [...this.replaced.keys].sort((a, b) => a - b)) {
      const r = Math.floor(key / dayCount);
      const d = key % dayCount;
      const s0 = f.routeStopsOffset[r];
      const n = f.routeStopsOffset[r + 1] - s0;
      const t0 = f.routeTripsOffset[r];
      const nT = f.routeTripsOffset[r + 1] - t0;
      const base = f.routeTimesOffset[r];
      const off = Math.round(f.dayOffset[f.routeZone[r] * dayCount + d]);
      const word = d >>> 5;
      const bit = 1 << (d & 31);
      const rows: Row[] = [];
      for (let j = 0; j < nT; j++) {
        const g = t0 + j;
        if ((f.serviceDays[f.tripService[g] * f.dayWords + word] & bit) === 0) continue;
        const k = g * dayCount + d;
        if (this.hiddenForward.keys.has(k)) {
          const i = liveOf.get(k);
          if (i === undefined) continue; // cancelled
          if (this.entries[i].skipped.indexOf(1) >= 0 || this.entries[i].stops !== null) {
            loose.push(i); // other pickup/drop-off rules or stops than the route's
            continue;
          }
          rows.push(liveRow(i, n));
          continue;
        }
        rows.push({ entry: -1, trip: g, day: d, arr: f.arr, dep: f.dep, at: base + j * n, off });
      }
      // FIFO by departure; a live run that would overtake (or be overtaken) leaves for a lane
      rows.sort((a, b) => a.dep[a.at] + a.off - (b.dep[b.at] + b.off) || a.arr[a.at] + a.off - (b.arr[b.at] + b.off) || a.trip - b.trip);
      const kept: Row[] = [];
      for (const row of rows) {
        if (kept.length === 0 || fits(kept[kept.length - 1], row, n)) {
          kept.push(row);
          continue;
        }
        if (row.entry >= 0) {
          loose.push(row.entry);
          continue;
        }
        // an on-time run: the live runs before it that it does not follow leave instead
        while (kept.length > 0 && kept[kept.length - 1].entry >= 0 && !fits(kept[kept.length - 1], row, n)) loose.push(kept.pop()!.entry);
        kept.push(row);
      }
      replacements.push({ stat: r, day: d, route: kept.length > 0 ? routes.length : -1 });
      if (kept.length > 0) routes.push({ stat: r, day: d, laneDay: -1, line: tt.routeLine[r], stops: f.routeStops.subarray(s0, s0 + n), flags: f.routeStopFlags.subarray(s0, s0 + n), rows: kept });
    }
    // 2. the rest: added trips, runs skipping stops, runs out of FIFO order
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i].added !== null) loose.push(i);
    const stopsOf = (e: OverlayEntry, p: number) => (e.added !== null ? e.added.stops[p] : e.stops !== null ? e.stops[p] : f.routeStops[f.routeStopsOffset[e.route] + p]);
    const flagOf = (e: OverlayEntry, p: number, n: number) =>
      e.added !== null ? (p < n - 1 ? PICKUP_OK : 0) | (p > 0 ? DROPOFF_OK : 0) : e.skipped[p] ? 0 : f.routeStopFlags[f.routeStopsOffset[e.route] + p];
    const groups = new Map<string, number[]>();
    for (const i of loose) {
      const e = this.entries[i];
      const n = e.arrivals.length;
      // a lane's runs are of one static route and day, whose replacing route may dominate them
      let key = e.added !== null ? `a${e.added.line}|` : `s${e.route}@${e.day}|`;
      for (let p = 0; p < n; p++) key += `${stopsOf(e, p)}.${flagOf(e, p, n)},`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [i]);
      else g.push(i);
    }
    for (const members of groups.values()) {
      members.sort((a, b) => this.entries[a].departures[0] - this.entries[b].departures[0] || a - b);
      const first = this.entries[members[0]];
      const n = first.arrivals.length;
      const lanes: Row[][] = [];
      for (const i of members) {
        const row = liveRow(i, n);
        const lane = lanes.find((l) => fits(l[l.length - 1], row, n));
        if (lane === undefined) lanes.push([row]);
        else lane.push(row);
      }
      const stops = Int32Array.from({ length: n }, (_, p) => stopsOf(first, p));
      const flags = Uint8Array.from({ length: n }, (_, p) => flagOf(first, p, n));
      for (const rows of lanes)
        routes.push({ stat: first.added !== null ? -1 : first.route, day: -1, laneDay: first.day, line: first.added !== null ? first.added.line : tt.routeLine[first.route], stops, flags, rows });
    }
    // 3. the view
    const R = routes.length;
    const routeStopsOffset = new Int32Array(R + 1);
    const routeTripsOffset = new Int32Array(R + 1);
    const routeTimesOffset = new Int32Array(R + 1);
    routes.forEach((rt, r) => {
      const n = rt.stops.length;
      routeStopsOffset[r + 1] = routeStopsOffset[r] + n;
      routeTripsOffset[r + 1] = routeTripsOffset[r] + rt.rows.length;
      routeTimesOffset[r + 1] = routeTimesOffset[r] + n * rt.rows.length;
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
    this.tripStatic = new Int32Array(tripCount).fill(-1);
    this.tripDay = new Int32Array(tripCount).fill(-1);
    this.routeStatic = new Int32Array(R);
    this.routeLine = new Int32Array(R);
    routes.forEach((rt, r) => {
      const n = rt.stops.length;
      routeStops.set(rt.stops, routeStopsOffset[r]);
      routeStopFlags.set(rt.flags, routeStopsOffset[r]);
      let minDep = Infinity;
      let maxArr = -Infinity;
      rt.rows.forEach((row, j) => {
        const g = routeTripsOffset[r] + j;
        this.tripRoute[g] = r;
        this.tripEntry[g] = row.entry;
        if (row.entry < 0) {
          this.tripStatic[g] = row.trip;
          this.tripDay[g] = row.day;
        }
        const to = routeTimesOffset[r] + j * n;
        for (let p = 0; p < n; p++) {
          const a = row.arr[row.at + p] + row.off;
          const d = row.dep[row.at + p] + row.off;
          arr[to + p] = a;
          dep[to + p] = d;
          if (d < minDep) minDep = d;
          if (a > maxArr) maxArr = a;
        }
      });
      routeMinDep[r] = minDep;
      routeMaxArr[r] = maxArr;
      this.routeStatic[r] = rt.stat;
      this.routeLine[r] = rt.line;
      routeMode[r] = modeOfRouteType(input.routes[rt.line]?.type ?? 3);
    });
    // 4. the static route → overlay route index (CSR by static route)
    const staticR = f.routeCount;
    const replStart = new Int32Array(staticR + 1);
    for (const x of replacements) replStart[x.stat + 1]++;
    const laneStart = new Int32Array(staticR + 1);
    const added: number[] = [];
    routes.forEach((rt, r) => {
      if (rt.stat < 0) added.push(r);
      else if (rt.day < 0) laneStart[rt.stat + 1]++;
    });
    for (let r = 0; r < staticR; r++) {
      replStart[r + 1] += replStart[r];
      laneStart[r + 1] += laneStart[r];
    }
    const replDay = new Int32Array(replacements.length);
    const replRoute = new Int32Array(replacements.length);
    const replAt = new Map<number, number>();
    const fill = replStart.slice(0, staticR);
    for (const x of replacements) {
      replAt.set(x.stat * dayCount + x.day, fill[x.stat]);
      replDay[fill[x.stat]] = x.day;
      replRoute[fill[x.stat]++] = x.route;
    }
    const laneRoute = new Int32Array(laneStart[staticR]);
    const laneRepl = new Int32Array(laneStart[staticR]);
    const zoneDays = new Set<number>();
    const laneFill = laneStart.slice(0, staticR);
    routes.forEach((rt, r) => {
      if (rt.stat < 0 || rt.day >= 0) return;
      // a replacing run dominates a lane run only where both call at the same stops
      const same = rt.stops.every((s, p) => s === f.routeStops[f.routeStopsOffset[rt.stat] + p]);
      laneRepl[laneFill[rt.stat]] = same ? (replAt.get(rt.stat * dayCount + rt.laneDay) ?? -1) : -1;
      laneRoute[laneFill[rt.stat]++] = r;
      zoneDays.add(f.routeZone[rt.stat] * dayCount + rt.laneDay);
    });
    this.laneRepl = laneRepl;
    this.laneZoneDays = Int32Array.from([...zoneDays].sort((a, b) => a - b));
    this.replStart = replStart;
    this.replDay = replDay;
    this.replRoute = replRoute;
    this.laneStart = laneStart;
    this.laneRoute = laneRoute;
    this.addedRoutes = Int32Array.from(added);
    return searchView({
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
      ...indexStopRoutes(f.stopCount, routeStopsOffset, routeStops),
      sameStopSeconds: f.sameStopSeconds,
      footOffset: f.footOffset,
      footTo: f.footTo,
      footSeconds: f.footSeconds,
    });
  }
}

/**
 * Where the search boards the lanes (`laneRoute`) in one view: by stop, the lane runs one may
 * board there, sorted by departure. Entry i of stop s (i in `[stopOffset[s], stopOffset[s + 1])`)
 * is run `run[i]` of lane route `lane[i]`, leaving position `pos[i]` at `dep[i]`.
 *
 * `after[i]`: boarding that run at a ready time up to `after[i]` gives no label that the lane's
 * replacing route (the runs of the same static route and day kept in FIFO order, scanned in the
 * same round from a position no later) does not give first. For: the route's first c runs reach
 * every stop further on where the lane run may be left no later than it does; when run c − 1 leaves
 * at or after the ready time, the route's scan rides one of those from there on (it only moves
 * to earlier runs). So `after[i]` is run c − 1's departure, or −2³¹ when c = 0. It is mostly
 * minutes before `dep[i]`: a lane run is worth boarding only from ready times just after the last
 * route run that beats it.
 *
 * `minAfter[i]`: the least `after` of entries i.. of its stop (one read tells whether any run
 * leaving at or after a ready time is worth boarding). `bits`: per stop, from word `bitStart[s]`,
 * one bit per 2^LANE_SHIFT seconds from `bucketT0[s]` on, set where a ready time may fall in some
 * entry's (after, dep] — at most stops and times one read says there is nothing to board.
 */
export interface LaneIndex {
  stopOffset: Int32Array;
  dep: Int32Array;
  after: Int32Array;
  minAfter: Int32Array;
  lane: Int32Array;
  run: Int32Array;
  pos: Int32Array;
  bitStart: Int32Array;
  bucketT0: Int32Array;
  buckets: Int32Array;
  bits: Int32Array;
  /**
   * Per bit word (a stop's 32 buckets, 2^(LANE_SHIFT + 5) s): the first entry leaving at or after
   * the word's first bucket's start. One int per word, not per bucket: the table stays as small as
   * `bits` (a per-bucket one was larger than the timetable's arrival times, and its reads missed
   * the cache); the few entries of the word's earlier buckets are stepped over.
   */
  wordFirst: Int32Array;
}

/** LaneIndex.bits has a bucket per 2^LANE_SHIFT seconds (128): a shift, not a division, finds it. */
export const LANE_SHIFT = 7;
const NONE = -0x80000000;

function buildLaneIndex(v: SearchView, laneRoute: Int32Array, laneRepl: Int32Array, replRoute: Int32Array): LaneIndex {
  const S = v.stopCount;
  const stopOffset = new Int32Array(S + 1);
  for (const L of laneRoute) {
    const nT = v.routeTripsOffset[L + 1] - v.routeTripsOffset[L];
    for (let i = v.routeStopsOffset[L]; i < v.routeStopsOffset[L + 1]; i++) if ((v.routeStopFlags[i] & PICKUP_OK) !== 0) stopOffset[v.routeStops[i] + 1] += nT;
  }
  for (let t = 0; t < S; t++) stopOffset[t + 1] += stopOffset[t];
  const E = stopOffset[S];
  const dep = new Int32Array(E);
  const after = new Int32Array(E).fill(NONE);
  const lane = new Int32Array(E);
  const run = new Int32Array(E);
  const pos = new Int32Array(E);
  const fill = stopOffset.slice(0, S);
  laneRoute.forEach((L, x) => {
    const s0 = v.routeStopsOffset[L];
    const n = v.routeStopsOffset[L + 1] - s0;
    const base = v.routeTimesOffset[L];
    const o = laneRepl[x] < 0 ? -1 : replRoute[laneRepl[x]];
    const oBase = o < 0 ? 0 : v.routeTimesOffset[o];
    for (let j = 0; j < v.routeTripsOffset[L + 1] - v.routeTripsOffset[L]; j++) {
      // from the last position back, c = the route's runs no later than run j at every stop after q
      let c = o < 0 ? 0 : v.routeTripsOffset[o + 1] - v.routeTripsOffset[o];
      for (let q = n - 1; q >= 0; q--) {
        const f = v.routeStopFlags[s0 + q];
        if ((f & PICKUP_OK) !== 0) {
          const e = fill[v.routeStops[s0 + q]]++;
          dep[e] = v.dep[base + j * n + q];
          if (c > 0) after[e] = v.dep[oBase + (c - 1) * n + q];
          lane[e] = L;
          run[e] = j;
          pos[e] = q;
        }
        if ((f & DROPOFF_OK) === 0) continue;
        const a = v.arr[base + j * n + q];
        let lo = 0;
        let hi = c;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (v.arr[oBase + mid * n + q] <= a) lo = mid + 1;
          else hi = mid;
        }
        c = lo;
      }
    }
  });
  // each stop's entries by departure; the suffix minima of `after`; the buckets
  const minAfter = new Int32Array(E);
  const bitStart = new Int32Array(S + 1);
  const bucketT0 = new Int32Array(S);
  const buckets = new Int32Array(S);
  for (let t = 0; t < S; t++) {
    const a = stopOffset[t];
    const b = stopOffset[t + 1];
    if (b - a > 1) {
      const order = Array.from({ length: b - a }, (_, i) => a + i).sort((x, y) => dep[x] - dep[y] || lane[x] - lane[y] || run[x] - run[y]);
      for (const col of [dep, after, lane, run, pos]) col.set(order.map((i) => col[i]), a);
    }
    let m = 0x7fffffff;
    for (let i = b - 1; i >= a; i--) {
      if (after[i] < m) m = after[i];
      minAfter[i] = m;
    }
    if (b > a) {
      // buckets from the earliest ready time worth anything (after + 1, or the first departure) to the last departure
      let t0 = dep[a];
      for (let i = a; i < b; i++) if (after[i] !== NONE && after[i] + 1 < t0) t0 = after[i] + 1;
      bucketT0[t] = t0;
      buckets[t] = ((dep[b - 1] - t0) >> LANE_SHIFT) + 1;
    }
    bitStart[t + 1] = bitStart[t] + ((buckets[t] + 31) >>> 5);
  }
  const bits = new Int32Array(bitStart[S]);
  // per stop, the buckets covered by some entry's ready times (after, dep] — below the stop's first
  // bucket they read bucket 0 — as +1/−1 at each interval's ends, summed over the buckets: linear
  // in entries + buckets however long the intervals (a lane run nothing dominates covers all
  // buckets up to its departure)
  let cover = new Int32Array(0);
  for (let t = 0; t < S; t++) {
    const B = buckets[t];
    if (B === 0) continue;
    if (cover.length < B + 1) cover = new Int32Array(2 * B + 1);
    cover.fill(0, 0, B + 1);
    for (let i = stopOffset[t]; i < stopOffset[t + 1]; i++) {
      const lo = after[i] === NONE || after[i] + 1 < bucketT0[t] ? 0 : (after[i] + 1 - bucketT0[t]) >> LANE_SHIFT;
      const hi = (dep[i] - bucketT0[t]) >> LANE_SHIFT;
      // (empty when a replacing run leaving no earlier dominates the lane run)
      if (lo > hi) continue;
      cover[lo]++;
      cover[hi + 1]--;
    }
    for (let k = 0, c = 0; k < B; k++) {
      c += cover[k];
      if (c > 0) bits[bitStart[t] + (k >>> 5)] |= 1 << (k & 31);
    }
  }
  const wordFirst = new Int32Array(bitStart[S]);
  for (let t = 0; t < S; t++) {
    const end = stopOffset[t + 1];
    for (let w = bitStart[t], i = stopOffset[t]; w < bitStart[t + 1]; w++) {
      const start = bucketT0[t] + ((w - bitStart[t]) << (LANE_SHIFT + 5));
      while (i < end && dep[i] < start) i++;
      wordFirst[w] = i;
    }
  }
  return { stopOffset, dep, after, minAfter, lane, run, pos, bitStart, bucketT0, buckets, bits, wordFirst };
}

export interface StopRouteIndex {
  offset: Int32Array;
  routes: Int32Array;
  pos: Int32Array;
}

/** CSR stop → (route, position) over a subset of a view's routes. */
function indexSomeRoutes(v: SearchView, routes: Int32Array): StopRouteIndex {
  const offset = new Int32Array(v.stopCount + 1);
  for (const r of routes) for (let i = v.routeStopsOffset[r]; i < v.routeStopsOffset[r + 1]; i++) offset[v.routeStops[i] + 1]++;
  for (let s = 0; s < v.stopCount; s++) offset[s + 1] += offset[s];
  const fill = offset.slice(0, v.stopCount);
  const out = new Int32Array(offset[v.stopCount]);
  const pos = new Int32Array(offset[v.stopCount]);
  for (const r of routes)
    for (let i = v.routeStopsOffset[r]; i < v.routeStopsOffset[r + 1]; i++) {
      const s = v.routeStops[i];
      out[fill[s]] = r;
      pos[fill[s]++] = i - v.routeStopsOffset[r];
    }
  return { offset, routes: out, pos };
}

/**
 * A run's live times from its scheduled ones (epoch seconds per position) and stop-time updates:
 * an update's delay (or absolute time) holds downstream until the next update, early running
 * included; a departure-only update moves the arrival no later than it; then the times are put in
 * order (monotone: `moved` counts the times it moved). Null when an update's position is out of
 * range. Shared by the overlay's static runs and the feed's DUPLICATED copies.
 */
export function liveStopTimes(
  schedArr: Float64Array,
  schedDep: Float64Array,
  updates: readonly StopTimeUpdateSpec[],
): { arrivals: Float64Array; departures: Float64Array; skipped: Uint8Array; moved: number } | null {
  const n = schedArr.length;
  const arrivals = new Float64Array(n);
  const departures = new Float64Array(n);
  const skipped = new Uint8Array(n);
  const byPos = new Map<number, StopTimeUpdateSpec>();
  for (const s of updates) {
    if (s.pos < 0 || s.pos >= n) return null;
    byPos.set(s.pos, s);
  }
  let delay = 0;
  for (let p = 0; p < n; p++) {
    const s = byPos.get(p);
    let a = schedArr[p] + delay;
    let d = schedDep[p] + delay;
    if (s !== undefined) {
      if (s.skipped) skipped[p] = 1;
      const arrDelay = s.arrivalTime !== undefined ? s.arrivalTime - schedArr[p] : s.arrivalDelay;
      const depDelay = s.departureTime !== undefined ? s.departureTime - schedDep[p] : s.departureDelay;
      if (arrDelay !== undefined) {
        a = schedArr[p] + arrDelay;
        delay = arrDelay;
      }
      if (depDelay !== undefined) {
        d = schedDep[p] + depDelay;
        delay = depDelay;
      } else if (arrDelay !== undefined) d = Math.max(schedDep[p] + arrDelay, a);
      if (arrDelay === undefined && depDelay !== undefined) a = Math.min(a, d);
    }
    arrivals[p] = a;
    departures[p] = d;
  }
  const moved = monotone(arrivals, departures);
  return { arrivals, departures, skipped, moved };
}

/** Make live times consistent: never earlier than the stop before, departure ≥ arrival. Returns how many times it moved. */
function monotone(arr: Float64Array, dep: Float64Array): number {
  let t = -Infinity;
  let moved = 0;
  for (let p = 0; p < arr.length; p++) {
    if (arr[p] < t) (arr[p] = t), moved++;
    if (dep[p] < arr[p]) (dep[p] = arr[p]), moved++;
    t = dep[p];
  }
  return moved;
}
