/**
 * NetworkInput + TransferGraph → Timetable: frequency expansion, routes by pattern split by
 * service days that never meet and into FIFO lanes, service day bitsets, stop→route index, and
 * the time-mirrored reverse view.
 */
import { PICKUP_NONE, type NetworkInput } from './input.js';
import { modeOfRouteType, type TransferGraph } from './query.js';
import { fullStopTimes } from './stop-times.js';
import { addDays, serviceDayOrigin } from './time.js';
import { DROPOFF_OK, PICKUP_OK, searchView, type SearchView, type Timetable } from './timetable.js';

/** A trip instance before grouping: an input trip, possibly shifted (frequency instance). */
interface Instance {
  input: number;
  shift: number;
  /** Headway of a frequency-based (exact_times=0) instance, else 0. */
  headway: number;
}

interface Pattern {
  line: number;
  stops: Int32Array;
  flags: Uint8Array;
  instances: Instance[];
}

function patternKey(line: number, stops: Int32Array, flags: Uint8Array): string {
  let key = `${line}|`;
  for (let i = 0; i < stops.length; i++) key += `${stops[i]}.${flags[i]},`;
  return key;
}

/** The stop-time columns compile reads (entries of trip t from `tripOffset[t]`). */
type Columns = ReturnType<typeof fullStopTimes>;

/** Expand frequencies into instances (nominal departures start + k·headway < end). */
function instancesOf(input: NetworkInput, st: Columns, t: number): Instance[] {
  const frequencies = input.trips.frequencies(t);
  if (frequencies === undefined || frequencies.length === 0) return [{ input: t, shift: 0, headway: 0 }];
  const out: Instance[] = [];
  const first = st.departure[st.tripOffset[t]];
  for (const f of frequencies) {
    if (f.headway <= 0) continue;
    for (let s = f.start; s < f.end; s += f.headway) out.push({ input: t, shift: s - first, headway: f.exact ? 0 : f.headway });
  }
  return out;
}

/** Split a pattern's instances (sorted by first departure) into FIFO lanes. */
function fifoLanes(st: Columns, p: Pattern): Instance[][] {
  const n = p.stops.length;
  const { tripOffset: o, arrival, departure } = st;
  const sorted = p.instances.slice().sort((a, b) => {
    const oa = o[a.input];
    const ob = o[b.input];
    return (
      departure[oa] + a.shift - (departure[ob] + b.shift) ||
      arrival[oa + n - 1] + a.shift - (arrival[ob + n - 1] + b.shift) ||
      a.input - b.input ||
      a.shift - b.shift
    );
  });
  const lanes: Instance[][] = [];
  for (const inst of sorted) {
    const ot = o[inst.input];
    let placed = false;
    for (const lane of lanes) {
      const last = lane[lane.length - 1];
      const ol = o[last.input];
      let ok = true;
      for (let i = 0; i < n && ok; i++) {
        if (departure[ot + i] + inst.shift < departure[ol + i] + last.shift) ok = false;
        else if (arrival[ot + i] + inst.shift < arrival[ol + i] + last.shift) ok = false;
      }
      if (ok) {
        lane.push(inst);
        placed = true;
        break;
      }
    }
    if (!placed) lanes.push([inst]);
  }
  return lanes;
}

function groupPatterns(input: NetworkInput, st: Columns): Pattern[] {
  const byKey = new Map<string, Pattern>();
  const { pickup, dropOff, typeOffset } = input.stopTimes;
  for (let t = 0; t < input.trips.length; t++) {
    const line = input.trips.route(t);
    const o = st.tripOffset[t];
    const n = st.tripOffset[t + 1] - o;
    if (n < 2) continue;
    const stops = st.stop.subarray(o, o + n);
    const flags = new Uint8Array(n);
    const ty = typeOffset[t + 1] > typeOffset[t] ? typeOffset[t] : -1; // -1: all regular
    for (let i = 0; i < n; i++) {
      flags[i] =
        ((ty >= 0 && pickup[ty + i] === PICKUP_NONE) || i === n - 1 ? 0 : PICKUP_OK) |
        ((ty >= 0 && dropOff[ty + i] === PICKUP_NONE) || i === 0 ? 0 : DROPOFF_OK);
    }
    const key = patternKey(line, stops, flags);
    for (const inst of instancesOf(input, st, t)) {
      // Frequency-based runs (exact_times=0) of one template and headway form routes of their own,
      // so a search may shift their phase as a whole (Monte Carlo sampling in isochrones).
      const k = inst.headway > 0 ? `${key}|freq${t}/${inst.headway}` : key;
      let p = byKey.get(k);
      if (p === undefined) {
        p = { line, stops, flags, instances: [] };
        byKey.set(k, p);
      }
      p.instances.push(inst);
    }
  }
  return [...byKey.values()];
}

/** Groups of runs with day sets that never meet, above which a pattern stays one route (see byServiceGroup). */
const MAX_SERVICE_GROUPS = 8;

/** Runs a pattern needs before byServiceGroup splits it (CompileOptions.serviceSplitMinRuns). */
export const SERVICE_SPLIT_MIN_RUNS = 64;

export interface CompileOptions {
  /**
   * A pattern with at least this many runs is split by service days that never meet (default
   * SERVICE_SPLIT_MIN_RUNS; 0 splits every pattern, as the property tests do).
   */
  serviceSplitMinRuns?: number;
}

/**
 * A pattern's instances split into groups whose service days never meet — weekday, Saturday and
 * Sunday runs of one line, say — each to be routes of its own: on any day at most one group
 * runs, so a scan of the route on a day meets that day's runs only, where before it stepped over
 * the other days' (59 % of New York's subway runs on a weekday; the day loop skips a group's
 * route on the days it does not run, by its day bits). Services meeting on some day stay together
 * (transitively). A pattern stays one route with fewer than `minRuns` runs (a few buses a day: an
 * extra route costs more than the runs it saves stepping over) or more than MAX_SERVICE_GROUPS
 * groups (a service per date, as some feeds have: a stop's route list would grow with the days).
 */
function byServiceGroup(input: NetworkInput, p: Pattern, serviceDays: Uint32Array, dayWords: number, dayCount: number, minRuns: number): Pattern[] {
  if (p.instances.length < minRuns) return [p];
  const services = [...new Set(p.instances.map((i) => input.trips.service(i.input)))];
  if (services.length < 2) return [p];
  const parent = services.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // services running on one day are one group: each day's first service takes the others in
  const owner = new Int32Array(dayCount).fill(-1);
  services.forEach((svc, i) => {
    for (let d = 0; d < dayCount; d++) {
      if ((serviceDays[svc * dayWords + (d >>> 5)] & (1 << (d & 31))) === 0) continue;
      if (owner[d] < 0) owner[d] = i;
      else parent[find(i)] = find(owner[d]);
    }
  });
  const index = new Map(services.map((svc, i) => [svc, i]));
  const groups = new Map<number, Instance[]>();
  for (const inst of p.instances) {
    const g = find(index.get(input.trips.service(inst.input))!);
    let list = groups.get(g);
    if (list === undefined) groups.set(g, (list = []));
    list.push(inst);
  }
  if (groups.size < 2 || groups.size > MAX_SERVICE_GROUPS) return [p];
  return [...groups.values()].map((instances) => ({ ...p, instances }));
}

/** Build the forward view plus trip metadata; the reverse view is derived lazily. */
export function compileTimetable(input: NetworkInput, transfers: TransferGraph, options: CompileOptions = {}): Timetable {
  const splitMinRuns = options.serviceSplitMinRuns ?? SERVICE_SPLIT_MIN_RUNS;
  const stopCount = input.stops.length;
  const dayCount = input.dayCount;
  const dayWords = Math.max(1, Math.ceil(dayCount / 32));
  const zones = [...new Set(input.feeds.map((f) => f.timezone))];
  const feedZone = input.feeds.map((f) => zones.indexOf(f.timezone));

  // Day origins per zone, relative to `base`.
  const origins = new Float64Array(zones.length * dayCount);
  for (let z = 0; z < zones.length; z++)
    for (let d = 0; d < dayCount; d++) origins[z * dayCount + d] = serviceDayOrigin(addDays(input.firstDate, d), zones[z]);
  let base = Infinity;
  for (const o of origins) base = Math.min(base, o);
  if (!Number.isFinite(base)) base = serviceDayOrigin(input.firstDate, zones[0] ?? 'UTC');
  base -= 86400; // room for trips of the day before day 0 in reverse arithmetic
  const dayOffset = origins.map((o) => o - base);

  // Service bitsets.
  const serviceDays = new Uint32Array(input.services.length * dayWords);
  input.services.forEach((s, i) => {
    for (let d = 0; d < dayCount; d++) if (s.days[d] === 1) serviceDays[i * dayWords + (d >>> 5)] |= 1 << (d & 31);
  });

  // Routes = FIFO lanes of patterns.
  const st = fullStopTimes(input);
  const lanes: { pattern: Pattern; trips: Instance[] }[] = [];
  for (const whole of groupPatterns(input, st))
    for (const p of byServiceGroup(input, whole, serviceDays, dayWords, dayCount, splitMinRuns)) for (const lane of fifoLanes(st, p)) lanes.push({ pattern: p, trips: lane });

  const routeCount = lanes.length;
  const routeStopsOffset = new Int32Array(routeCount + 1);
  const routeTripsOffset = new Int32Array(routeCount + 1);
  const routeTimesOffset = new Int32Array(routeCount + 1);
  for (let r = 0; r < routeCount; r++) {
    const { pattern, trips } = lanes[r];
    routeStopsOffset[r + 1] = routeStopsOffset[r] + pattern.stops.length;
    routeTripsOffset[r + 1] = routeTripsOffset[r] + trips.length;
    routeTimesOffset[r + 1] = routeTimesOffset[r] + pattern.stops.length * trips.length;
  }
  const tripCount = routeTripsOffset[routeCount];
  const routeStops = new Int32Array(routeStopsOffset[routeCount]);
  const routeStopFlags = new Uint8Array(routeStopsOffset[routeCount]);
  const arr = new Int32Array(routeTimesOffset[routeCount]);
  const dep = new Int32Array(routeTimesOffset[routeCount]);
  const routeMinDep = new Int32Array(routeCount);
  const routeMaxArr = new Int32Array(routeCount);
  const routeZone = new Uint8Array(routeCount);
  const routeMode = new Uint8Array(routeCount);
  const routeLine = new Int32Array(routeCount);
  const routeDays = new Uint32Array(routeCount * dayWords);
  const routeHeadway = new Int32Array(routeCount);
  const tripService = new Int32Array(tripCount);
  const tripInput = new Int32Array(tripCount);
  const tripShift = new Int32Array(tripCount);
  const tripRoute = new Int32Array(tripCount);
  let maxServiceTime = 0;

  for (let r = 0; r < routeCount; r++) {
    const { pattern, trips } = lanes[r];
    const n = pattern.stops.length;
    const nT = trips.length;
    routeStops.set(pattern.stops, routeStopsOffset[r]);
    routeStopFlags.set(pattern.flags, routeStopsOffset[r]);
    const line = input.routes[pattern.line];
    routeLine[r] = pattern.line;
    routeZone[r] = feedZone[line.feed];
    routeMode[r] = modeOfRouteType(line.type);
    let minDep = Infinity;
    let maxArr = -Infinity;
    const base0 = routeTimesOffset[r];
    for (let j = 0; j < nT; j++) {
      const g = routeTripsOffset[r] + j;
      const inst = trips[j];
      const service = input.trips.service(inst.input);
      const o = st.tripOffset[inst.input];
      tripService[g] = service;
      tripInput[g] = inst.input;
      tripShift[g] = inst.shift;
      tripRoute[g] = r;
      for (let w = 0; w < dayWords; w++) routeDays[r * dayWords + w] |= serviceDays[service * dayWords + w];
      for (let p = 0; p < n; p++) {
        const a = st.arrival[o + p] + inst.shift;
        const d = st.departure[o + p] + inst.shift;
        arr[base0 + j * n + p] = a;
        dep[base0 + j * n + p] = d;
        if (d < minDep) minDep = d;
        if (a > maxArr) maxArr = a;
      }
    }
    routeMinDep[r] = minDep;
    routeMaxArr[r] = maxArr;
    routeHeadway[r] = trips[0].headway;
    if (maxArr > maxServiceTime) maxServiceTime = maxArr;
  }

  const { stopRoutesOffset, stopRoutes, stopRoutePos } = indexStopRoutes(stopCount, routeStopsOffset, routeStops);

  const forward: SearchView = searchView({
    reverse: false,
    stopCount,
    routeCount,
    dayCount,
    dayWords,
    routeStopsOffset,
    routeStops,
    routeStopFlags,
    routeTripsOffset,
    routeTimesOffset,
    arr,
    dep,
    routeMinDep,
    routeMaxArr,
    routeZone,
    routeMode,
    routeDays,
    tripService,
    serviceDays,
    dayOffset,
    stopRoutesOffset,
    stopRoutes,
    stopRoutePos,
    sameStopSeconds: transfers.sameStopSeconds,
    footOffset: transfers.footOffset,
    footTo: transfers.footTo,
    footSeconds: transfers.footSeconds,
  });
  let reverse: SearchView | undefined;
  return {
    base,
    firstDate: input.firstDate,
    zones,
    forward,
    reverseView: () => (reverse ??= mirror(forward)),
    reverseBuilt: () => reverse !== undefined,
    tripInput,
    tripShift,
    tripRoute,
    routeLine,
    routeHeadway,
    maxServiceTime,
  };
}

/** CSR index stop → (route, position) for every occurrence of the stop in a route. */
export function indexStopRoutes(stopCount: number, routeStopsOffset: Int32Array, routeStops: Int32Array) {
  const counts = new Int32Array(stopCount + 1);
  for (let i = 0; i < routeStops.length; i++) counts[routeStops[i] + 1]++;
  for (let s = 0; s < stopCount; s++) counts[s + 1] += counts[s];
  const stopRoutesOffset = counts.slice();
  const fill = counts.slice(0, stopCount);
  const stopRoutes = new Int32Array(routeStops.length);
  const stopRoutePos = new Int32Array(routeStops.length);
  const routeCount = routeStopsOffset.length - 1;
  for (let r = 0; r < routeCount; r++) {
    for (let i = routeStopsOffset[r]; i < routeStopsOffset[r + 1]; i++) {
      const s = routeStops[i];
      stopRoutes[fill[s]] = r;
      stopRoutePos[fill[s]] = i - routeStopsOffset[r];
      fill[s]++;
    }
  }
  return { stopRoutesOffset, stopRoutes, stopRoutePos };
}

/** Reverse footpaths: a→b becomes b→a. */
function reverseFootpaths(v: SearchView) {
  const n = v.stopCount;
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < v.footTo.length; i++) counts[v.footTo[i] + 1]++;
  for (let s = 0; s < n; s++) counts[s + 1] += counts[s];
  const footOffset = counts.slice();
  const fill = counts.slice(0, n);
  const footTo = new Int32Array(v.footTo.length);
  const footSeconds = new Int32Array(v.footTo.length);
  for (let a = 0; a < n; a++) {
    for (let i = v.footOffset[a]; i < v.footOffset[a + 1]; i++) {
      const b = v.footTo[i];
      footTo[fill[b]] = a;
      footSeconds[fill[b]] = v.footSeconds[i];
      fill[b]++;
    }
  }
  return { footOffset, footTo, footSeconds };
}

/**
 * The time mirror of a view: a stop time t becomes −t, route stop order and trip order are
 * reversed, arrival and departure swap, pickup and drop-off swap. A forward search on the mirror
 * is a backward (latest departure) search on the original.
 */
export function mirror(v: SearchView): SearchView {
  const routeStops = new Int32Array(v.routeStops.length);
  const routeStopFlags = new Uint8Array(v.routeStopFlags.length);
  const arr = new Int32Array(v.arr.length);
  const dep = new Int32Array(v.dep.length);
  const tripService = new Int32Array(v.tripService.length);
  const routeMinDep = new Int32Array(v.routeCount);
  const routeMaxArr = new Int32Array(v.routeCount);
  for (let r = 0; r < v.routeCount; r++) {
    const s0 = v.routeStopsOffset[r];
    const n = v.routeStopsOffset[r + 1] - s0;
    const t0 = v.routeTripsOffset[r];
    const nT = v.routeTripsOffset[r + 1] - t0;
    const b = v.routeTimesOffset[r];
    for (let p = 0; p < n; p++) {
      routeStops[s0 + p] = v.routeStops[s0 + n - 1 - p];
      const f = v.routeStopFlags[s0 + n - 1 - p];
      routeStopFlags[s0 + p] = (f & PICKUP_OK ? DROPOFF_OK : 0) | (f & DROPOFF_OK ? PICKUP_OK : 0);
    }
    for (let j = 0; j < nT; j++) tripService[t0 + j] = v.tripService[t0 + nT - 1 - j];
    for (let p = 0; p < n; p++) {
      for (let j = 0; j < nT; j++) {
        const src = b + (nT - 1 - j) * n + (n - 1 - p);
        arr[b + j * n + p] = -v.dep[src];
        dep[b + j * n + p] = -v.arr[src];
      }
    }
    routeMinDep[r] = -v.routeMaxArr[r];
    routeMaxArr[r] = -v.routeMinDep[r];
  }
  const { stopRoutesOffset, stopRoutes, stopRoutePos } = indexStopRoutes(v.stopCount, v.routeStopsOffset, routeStops);
  return searchView({
    ...v,
    reverse: true,
    routeStops,
    routeStopFlags,
    arr,
    dep,
    tripService,
    routeMinDep,
    routeMaxArr,
    dayOffset: v.dayOffset.map((o) => -o),
    stopRoutesOffset,
    stopRoutes,
    stopRoutePos,
    ...reverseFootpaths(v),
  });
}
