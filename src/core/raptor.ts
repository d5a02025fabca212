/**
 * RAPTOR over a SearchView (Delling, Pajor, Werneck 2012), with:
 * - separate labels for "arrived by vehicle" and "ready to board" so transfer slack and
 *   same-stop transfer times are exact;
 * - each (route, service day) scanned as its own FIFO instance, so trips of the previous service
 *   day running past midnight, and daylight-saving days, need no special case;
 * - local and target pruning; the Pareto set over (arrival, vehicles) read off the rounds.
 * Arrive-by runs the very same loop on the time-mirrored view (see compile.ts `mirror`).
 *
 * All state is allocated once per Raptor and reused; a search allocates only its result.
 */
import { FORBIDDEN, UNREACHED, type ParetoPoint, type SearchRequest } from './query.js';
import { DROPOFF_OK, PICKUP_OK, type SearchView, type Timetable } from './timetable.js';
import { SearchState } from './state.js';
import { LANE_SHIFT, type LaneIndex, type RealtimeOverlay, type StopRouteIndex } from './realtime.js';

export interface Leg {
  kind: 'access' | 'transit' | 'transfer' | 'egress';
  /** Stop index, or -1 for the origin place. */
  from: number;
  /** Stop index, or -1 for the destination place. */
  to: number;
  departure: number;
  arrival: number;
  /** Transit legs: compiled trip (forward order), route, and stop positions in the route. */
  trip: number;
  route: number;
  boardPos: number;
  alightPos: number;
  /** Transit legs: service day index of the trip. */
  day: number;
  /** Transit legs run on live times: index of the realtime overlay entry, else -1. */
  live: number;
}

export interface Journey {
  vehicles: number;
  /** Epoch seconds: leaving the origin / reaching the destination. */
  departure: number;
  arrival: number;
  legs: Leg[];
}

export interface SearchResult {
  pareto: ParetoPoint[];
  journeys: Journey[];
}

/**
 * Hard cap on vehicles per journey (rounds). The per-round state grows to the rounds a request
 * asks for (the public API allows 11 vehicles), so the cap costs nothing until it is used; the peer
 * comparison asks for all of it, as the peer has no limit (New York has 22-bus journeys).
 */
export const MAX_VEHICLES = 64;

export class Raptor {
  private readonly state: SearchState;

  constructor(private readonly tt: Timetable) {
    this.state = new SearchState(tt.forward.stopCount, tt.forward.routeCount);
  }

  /** View, rounds and start time of a request, with the state prepared for it. */
  private begin(req: SearchRequest): { reverse: boolean; view: SearchView; rounds: number; st: SearchState; t0: number } {
    const reverse = req.direction === 'arrive';
    const view = reverse ? this.tt.reverseView() : this.tt.forward;
    const rounds = Math.min(MAX_VEHICLES, Math.max(1, Math.floor(req.maxTransfers) + 1));
    this.state.prepare(rounds);
    const t0 = reverse ? -(req.time - this.tt.base) : req.time - this.tt.base;
    return { reverse, view, rounds, st: this.state, t0 };
  }

  search(req: SearchRequest): SearchResult {
    const { reverse, view, rounds, st, t0 } = this.begin(req);
    const start = reverse ? req.egress : req.access;
    const end = reverse ? req.access : req.egress;
    try {
      this.run(view, st, t0, start, end, rounds, req);
      return this.collect(view, st, rounds, reverse, req.realtime);
    } finally {
      st.reset();
    }
  }

  /**
   * One-to-all: the same search without a destination, bounded by `req.maxDuration`. Writes into
   * `out` (one entry per stop) the seconds from `req.time` to reaching each stop — by vehicle, or
   * by the access walk itself — or -1; arrive-by: the seconds from leaving each stop (boarding
   * there) to arriving by `req.time`. `req.access` holds the place's walks in both directions
   * (arrive-by: stop → place); `req.egress` is ignored. Returns the number of stops reached.
   */
  reach(req: SearchRequest, out: Int32Array): number {
    const { view, rounds, st, t0 } = this.begin(req);
    out.fill(-1);
    try {
      this.run(view, st, t0, req.access, [], rounds, req);
      return st.forTouched((s) => {
        let best = st.bestVeh[s];
        const walk = st.accessSec[s];
        if (walk >= 0 && t0 + walk < best) best = t0 + walk;
        if (best === UNREACHED || best - t0 > req.maxDuration) return false;
        out[s] = best - t0;
        return true;
      });
    } finally {
      st.reset();
    }
  }

  private run(
    v: SearchView,
    st: SearchState,
    t0: number,
    start: SearchRequest['access'],
    end: SearchRequest['egress'],
    rounds: number,
    req: SearchRequest,
  ): void {
    const S = v.stopCount;
    st.bound = t0 + Math.max(0, req.maxDuration) + 1;
    for (const e of end) {
      if (e.stop < 0 || e.stop >= S) continue;
      if (st.egressSec[e.stop] < 0 || e.seconds < st.egressSec[e.stop]) st.egressSec[e.stop] = e.seconds;
      st.touch(e.stop);
    }
    for (const a of start) {
      if (a.stop < 0 || a.stop >= S) continue;
      const t = t0 + a.seconds;
      st.touch(a.stop);
      if (st.accessSec[a.stop] < 0 || a.seconds < st.accessSec[a.stop]) st.accessSec[a.stop] = a.seconds;
      if (t < st.bestReady[a.stop] && t < st.bound) {
        st.readyFrom[a.stop] = -1;
        st.bestReady[a.stop] = t;
        st.readyRound[a.stop] = 0;
        st.mark(a.stop);
      }
    }
    const shift = req.routeShift;
    st.routeShift = shift;
    const live = req.realtime;
    const rtView = live === undefined ? undefined : v.reverse ? live.reverseView() : live.forward;
    // Overlay routes are reached from the static route they stand for (replacing its runs on some
    // days, or lanes of extra runs), scanned from its first marked position; only added trips'
    // routes are collected through their own stops.
    const replStart = live === undefined ? undefined : live.replStart;
    const added = live === undefined || live.addedRoutes.length === 0 ? undefined : live.addedStops(v.reverse);
    const addedExcluded = added === undefined || req.excludeRoutes === undefined ? undefined : live!.excludedFor(req.excludeRoutes);
    if (rtView !== undefined) st.ensureLiveRoutes(rtView.routeCount);
    const liveBase = this.tt.tripInput.length;
    const days = st.candidateDays(v, t0, this.tt.maxServiceTime + (shift === undefined ? 0 : 86400));
    const dayOffs = st.dayOffsets;
    const slack = live === undefined || live.replRoute.length === 0 ? undefined : live.daySlack(v);
    // lanes of extra runs are boarded at the stops marked the round before (boardLanes); runs a
    // lane's replacing route dominates are left out if that route is scanned whenever its static
    // route is, that is if the lane's day is among the days searched
    const lanes = live === undefined || live.laneRoute.length === 0 ? undefined : live.laneIndex(v.reverse);
    const lanesPruned = lanes !== undefined && live!.laneZoneDays.every((zd) => days[Math.floor(zd / v.dayCount)].includes(zd % v.dayCount));
    for (let k = 1; k <= rounds && st.markedCount > 0; k++) {
      if (added !== undefined) this.collectAddedRoutes(rtView!, added, st, req.modeMask, addedExcluded);
      this.collectRoutes(v, st, req.modeMask, req.excludeRoutes);
      for (let q = 0; q < st.queueCount; q++) {
        const r = st.queue[q];
        const p0 = st.routeFirstPos[r];
        st.routeFirstPos[r] = -1;
        const zone = v.routeZone[r];
        const list = days[zone];
        const replacedHere = replStart !== undefined && replStart[r] < replStart[r + 1];
        // Only the days whose runs of r can be within [t0, bound) (its replacing routes' live runs
        // too): the list spans the longest trip of the timetable (days, with freight), most routes'
        // runs a day or less. Each day is still checked below; this only skips a prefix and a
        // suffix of the list that would fail those checks.
        const sh = shift === undefined ? 0 : v.reverse ? -shift[r] : shift[r];
        const lo = t0 - v.routeMaxArr[r] - Math.max(sh, slack === undefined ? 0 : slack.late[r]);
        const hi = st.bound - v.routeMinDep[r] + Math.max(-sh, slack === undefined ? 0 : slack.early[r]);
        const offs = dayOffs[zone];
        const end = firstPast(offs, v.reverse ? lo : hi, v.reverse);
        for (let i = firstPast(offs, v.reverse ? hi : lo, v.reverse); i < end; i++) {
          const d = list[i];
          if ((v.routeDays[r * v.dayWords + (d >>> 5)] & (1 << (d & 31))) === 0) continue;
          if (replacedHere) {
            let x = replStart[r];
            while (x < replStart[r + 1] && live!.replDay[x] !== d) x++;
            if (x < replStart[r + 1]) {
              // the overlay route replacing r's runs on day d, in the place of that day (scanning
              // the days in order keeps a later day from writing labels the right day then beats);
              // bounded by its own live times, which may run past the static day's
              const o = live!.replRoute[x];
              if (o >= 0 && rtView!.routeMaxArr[o] >= t0 && rtView!.routeMinDep[o] < st.bound) this.scanRoute(rtView!, st, k, o, 0, 0, p0, liveBase);
              continue;
            }
          }
          const off = v.dayOffset[zone * v.dayCount + d] + (shift === undefined ? 0 : v.reverse ? -shift[r] : shift[r]);
          if (off + v.routeMaxArr[r] < t0 || off + v.routeMinDep[r] >= st.bound) continue;
          this.scanRoute(v, st, k, r, d, off, p0, 0);
        }
      }
      st.queueCount = 0;
      if (lanes !== undefined) this.boardLanes(rtView!, v, lanes, lanesPruned, live!, st, k, req, liveBase);
      if (added !== undefined) {
        for (let q = 0; q < st.liveQueueCount; q++) {
          const r = st.liveQueue[q];
          const p0 = st.liveFirstPos[r];
          st.liveFirstPos[r] = -1;
          if (rtView!.routeMaxArr[r] < t0 || rtView!.routeMinDep[r] >= st.bound) continue;
          this.scanRoute(rtView!, st, k, r, 0, 0, p0, liveBase);
        }
        st.liveQueueCount = 0;
      }
      st.targetTime[k] = st.bound;
      this.relaxTransfers(v, st, k, req.transferSlack);
    }
  }

  /**
   * Routes of added trips through the marked stops; leaves the marks for collectRoutes. A route is
   * queued from a marked stop only when one of its runs can be boarded there before the target
   * bound (pickup allowed, last run departing at or after the ready time, first run before the
   * bound).
   */
  private collectAddedRoutes(v: SearchView, idx: StopRouteIndex, st: SearchState, modeMask: number, exclude: Uint8Array | undefined): void {
    const bestReady = st.bestReady;
    const bound = st.bound;
    for (let m = 0; m < st.markedCount; m++) {
      const s = st.marked[m];
      const ready = bestReady[s];
      for (let i = idx.offset[s]; i < idx.offset[s + 1]; i++) {
        const r = idx.routes[i];
        if ((modeMask & (1 << v.routeMode[r])) === 0 || (exclude !== undefined && exclude[r] === 1)) continue;
        const p = idx.pos[i];
        if ((v.routeStopFlags[v.routeStopsOffset[r] + p] & PICKUP_OK) === 0) continue;
        const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
        const base = v.routeTimesOffset[r];
        const nT = v.routeTripsOffset[r + 1] - v.routeTripsOffset[r];
        if (v.dep[base + (nT - 1) * n + p] < ready || v.dep[base + p] >= bound) continue;
        const cur = st.liveFirstPos[r];
        if (cur < 0) {
          st.liveFirstPos[r] = p;
          st.liveQueue[st.liveQueueCount++] = r;
        } else if (p < cur) st.liveFirstPos[r] = p;
      }
    }
  }

  private collectRoutes(v: SearchView, st: SearchState, modeMask: number, exclude: Uint8Array | undefined): void {
    for (let m = 0; m < st.markedCount; m++) {
      const s = st.marked[m];
      st.isMarked[s] = 0;
      for (let i = v.stopRoutesOffset[s]; i < v.stopRoutesOffset[s + 1]; i++) {
        const r = v.stopRoutes[i];
        if ((modeMask & (1 << v.routeMode[r])) === 0) continue;
        if (exclude !== undefined && exclude[r] === 1) continue;
        const p = v.stopRoutePos[i];
        const cur = st.routeFirstPos[r];
        if (cur < 0) {
          st.routeFirstPos[r] = p;
          st.queue[st.queueCount++] = r;
        } else if (p < cur) st.routeFirstPos[r] = p;
      }
    }
    st.collectedCount = st.markedCount;
    st.markedCount = 0;
  }

  /**
   * The lanes of extra runs (overtaking, overtaken or skipping stops: a few live runs of one
   * static route and day, FIFO among themselves), boarded only where it can matter:
   * - at the stops marked the round before: an unmarked stop's label is older, and was boarded
   *   from in the round that marked it (a ride found again now would take one vehicle more for the
   *   same arrival);
   * - only runs that the day's replacing route, scanned this round from a position no later, does
   *   not dominate from there on (LaneIndex.after; with `pruned` false a lane's day is not
   *   searched, and every run counts).
   * At most stops one read of LaneIndex.bits tells that nothing is worth boarding; elsewhere the
   * first entry of the bit word (LaneIndex.wordFirst) starts the walk over the entries; the runs
   * worth boarding are ridden to the end or the target bound. Exact: the labels of scanning every lane as a
   * route, for a few reads per marked stop.
   */
  private boardLanes(
    v: SearchView,
    main: SearchView,
    idx: LaneIndex,
    pruned: boolean,
    live: RealtimeOverlay,
    st: SearchState,
    k: number,
    req: SearchRequest,
    tripBase: number,
  ): void {
    const flags = v.routeStopFlags;
    const routeStops = v.routeStops;
    const arr = v.arr;
    const entDep = idx.dep;
    const bestReady = st.bestReady;
    const bestVeh = st.bestVeh;
    const exclude = req.excludeRoutes;
    for (let m = 0; m < st.collectedCount; m++) {
      const from = st.marked[m];
      const first = idx.stopOffset[from];
      const end = idx.stopOffset[from + 1];
      if (first === end) continue;
      const ready = bestReady[from];
      let i0: number;
      if (pruned) {
        let b = (ready - idx.bucketT0[from]) >> LANE_SHIFT;
        if (b >= idx.buckets[from]) continue;
        if (b < 0) b = 0;
        const w = idx.bitStart[from];
        if ((idx.bits[w + (b >>> 5)] & (1 << (b & 31))) === 0) continue;
        // the word's first entry, then the few of its buckets that leave before `ready`
        i0 = idx.wordFirst[w + (b >>> 5)];
        while (i0 < end && entDep[i0] < ready) i0++;
      } else i0 = lowerBound(entDep, 0, 1, first, end, ready);
      for (let i = i0; i < end && (!pruned || idx.minAfter[i] < ready); i++) {
        if (entDep[i] >= st.bound) break;
        if (pruned && idx.after[i] >= ready) continue;
        const L = idx.lane[i];
        const r = live.routeStatic[L];
        if ((req.modeMask & (1 << main.routeMode[r])) === 0 || (exclude !== undefined && exclude[r] === 1)) continue;
        // ride the run from its position
        const s0 = v.routeStopsOffset[L];
        const n = v.routeStopsOffset[L + 1] - s0;
        const j = idx.run[i];
        const q = idx.pos[i];
        const base = v.routeTimesOffset[L] + j * n;
        const trip = tripBase + v.routeTripsOffset[L] + j;
        const round = st.readyRound[from];
        let bound = st.bound;
        for (let p = q + 1; p < n; p++) {
          const a = arr[base + p];
          if (a >= bound) break;
          if ((flags[s0 + p] & DROPOFF_OK) === 0) continue;
          const s = routeStops[s0 + p];
          if (a < bestVeh[s]) bound = st.arrive(k, s, a, trip, q, p, 0, round);
        }
      }
    }
  }

  /**
   * Scan route `r` on service day `d` (`off` turns its times into search time) from position
   * `p0`. Labels name trips as `tripBase + global trip index` (overlay routes use a base past the
   * static trips).
   */
  private scanRoute(
    v: SearchView,
    st: SearchState,
    k: number,
    r: number,
    d: number,
    off: number,
    p0: number,
    tripBase: number,
  ): void {
    // Everything the loop touches in locals: one hidden-class lookup per scan, not per stop.
    const routeStops = v.routeStops;
    const flags = v.routeStopFlags;
    const arr = v.arr;
    const dep = v.dep;
    const tripService = v.tripService;
    const serviceDays = v.serviceDays;
    const dayWords = v.dayWords;
    const bestVeh = st.bestVeh;
    const bestReady = st.bestReady;
    const s0 = v.routeStopsOffset[r];
    const n = v.routeStopsOffset[r + 1] - s0;
    const t0 = v.routeTripsOffset[r];
    const nT = v.routeTripsOffset[r + 1] - t0;
    const base = v.routeTimesOffset[r];
    const dayWord = d >>> 5;
    const dayBit = 1 << (d & 31);
    let bound = st.bound;
    let trip = -1;
    // the latest run before `trip` that runs on day d (−1: none): only it can be an earlier run to
    // move to (FIFO), however many runs of other service days lie between — weekday, Saturday and
    // Sunday runs of one pattern share a route, so the run just before is often not running
    let prev = -1;
    let boardPos = -1;
    let boardRound = -1;
    for (let p = p0; p < n; p++) {
      const s = routeStops[s0 + p];
      const f = flags[s0 + p];
      if (trip >= 0 && (f & DROPOFF_OK) !== 0) {
        const a = arr[base + trip * n + p] + off;
        if (a < bestVeh[s] && a < bound) bound = st.arrive(k, s, a, tripBase + t0 + trip, boardPos, p, d, boardRound);
      }
      if ((f & PICKUP_OK) !== 0) {
        const ready = bestReady[s];
        // an earlier run is catchable only if the running one before the current departs after `ready`
        if (ready !== UNREACHED && (trip < 0 || (prev >= 0 && ready <= dep[base + prev * n + p] + off))) {
          const limit = trip < 0 ? nT : prev + 1;
          const t = ready - off;
          // a first boarding searches every run; a move to an earlier run is mostly one or two
          // back, which a search galloping down from the running one before finds in a read or two
          const lo = trip < 0 ? lowerBound(dep, base + p, n, 0, nT, t) : lowerBoundBelow(dep, base + p, n, prev + 1, t);
          for (let j = lo; j < limit; j++) {
            if ((serviceDays[tripService[t0 + j] * dayWords + dayWord] & dayBit) !== 0) {
              trip = j;
              boardPos = p;
              boardRound = st.readyRound[s];
              prev = j - 1;
              while (prev >= 0 && (serviceDays[tripService[t0 + prev] * dayWords + dayWord] & dayBit) === 0) prev--;
              break;
            }
          }
        }
      }
    }
  }

  private relaxTransfers(v: SearchView, st: SearchState, k: number, slack: number): void {
    const S = v.stopCount;
    const kS = k * S;
    for (let i = 0; i < st.improvedCount; i++) {
      const a = st.improved[i];
      st.isImproved[a] = 0;
      const t = st.vehArr[kS + a];
      const same = v.sameStopSeconds[a];
      if (same !== FORBIDDEN) st.relaxReady(kS, k, a, t + Math.max(0, same) + slack, a);
      for (let j = v.footOffset[a]; j < v.footOffset[a + 1]; j++) {
        st.relaxReady(kS, k, v.footTo[j], t + v.footSeconds[j] + slack, a);
      }
    }
    st.improvedCount = 0;
  }

  private collect(v: SearchView, st: SearchState, rounds: number, reverse: boolean, live: RealtimeOverlay | undefined): SearchResult {
    const rtView = live === undefined ? undefined : reverse ? live.reverseView() : live.forward;
    const pareto: ParetoPoint[] = [];
    const journeys: Journey[] = [];
    let best = UNREACHED;
    for (let k = 1; k <= rounds; k++) {
      const t = st.targetTime[k];
      if (st.targetStop[k] < 0 || t >= best) continue;
      best = t;
      const legs = this.reconstruct(v, st, k, rtView, live);
      const j = reverse ? this.unmirror(v, legs, k, rtView) : this.finish(legs, k);
      if (live !== undefined) resolveLive(j, live, this.tt.tripInput.length);
      pareto.push({ vehicles: k, time: reverse ? j.departure : j.arrival });
      journeys.push(j);
    }
    return { pareto, journeys };
  }

  /** Legs in view order and view time, origin first. */
  private reconstruct(main: SearchView, st: SearchState, k: number, rtView: SearchView | undefined, live: RealtimeOverlay | undefined): Leg[] {
    const v0 = main;
    const S = main.stopCount;
    const legs: Leg[] = [];
    let s = st.targetStop[k];
    let round = k;
    const a0 = st.vehArr[round * S + s];
    legs.push(leg('egress', s, -1, a0, a0 + st.egressSec[s]));
    const liveBase = this.tt.tripInput.length;
    for (;;) {
      const i = round * S + s;
      const g = st.vehTrip[i];
      const isLive = g >= liveBase;
      const v = isLive ? rtView! : v0;
      const r = isLive ? live!.tripRoute[g - liveBase] : this.tt.tripRoute[g];
      const j = (isLive ? g - liveBase : g) - v.routeTripsOffset[r];
      const bp = st.vehBoardPos[i];
      const d = st.vehDay[i];
      const sh = isLive || st.routeShift === undefined ? 0 : v.reverse ? -st.routeShift[r] : st.routeShift[r];
      const off = v.dayOffset[v.routeZone[r] * v.dayCount + d] + sh;
      const boardStop = v.routeStops[v.routeStopsOffset[r] + bp];
      const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
      const depT = v.dep[v.routeTimesOffset[r] + j * n + bp] + off;
      const t: Leg = leg('transit', boardStop, s, depT, st.vehArr[i]);
      t.trip = g;
      t.route = r;
      t.boardPos = bp;
      t.alightPos = st.vehAlightPos[i];
      t.day = d;
      legs.push(t);
      const rr = st.vehReadyRound[i];
      if (rr === 0) {
        legs.push(leg('access', -1, boardStop, depT - st.accessSec[boardStop], depT));
        break;
      }
      const from = st.readyFrom[rr * S + boardStop];
      if (from !== boardStop) {
        const arrFrom = st.vehArr[rr * S + from];
        let walk = 0;
        for (let x = v.footOffset[from]; x < v.footOffset[from + 1]; x++)
          if (v.footTo[x] === boardStop) walk = v.footSeconds[x];
        legs.push(leg('transfer', from, boardStop, arrFrom, arrFrom + walk));
      }
      s = from;
      round = rr;
    }
    return legs.reverse();
  }

  private finish(legs: Leg[], vehicles: number): Journey {
    const base = this.tt.base;
    for (const l of legs) {
      l.departure += base;
      l.arrival += base;
    }
    return { vehicles, departure: legs[0].departure, arrival: legs[legs.length - 1].arrival, legs };
  }

  /** Map a journey found on the mirror back to forward stops, trips, positions and times. */
  private unmirror(main: SearchView, legs: Leg[], vehicles: number, rtView: SearchView | undefined): Journey {
    const liveBase = this.tt.tripInput.length;
    const base = this.tt.base;
    const out: Leg[] = [];
    for (let i = legs.length - 1; i >= 0; i--) {
      const l = legs[i];
      const kind = l.kind === 'access' ? 'egress' : l.kind === 'egress' ? 'access' : l.kind;
      const m = leg(kind, l.to, l.from, base - l.arrival, base - l.departure);
      if (l.kind === 'transit') {
        const v = l.trip >= liveBase ? rtView! : main;
        const r = l.route;
        const t0 = v.routeTripsOffset[r];
        const nT = v.routeTripsOffset[r + 1] - t0;
        const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
        const base = l.trip >= liveBase ? liveBase : 0;
        m.trip = base + t0 + (nT - 1 - (l.trip - base - t0));
        m.route = r;
        m.boardPos = n - 1 - l.alightPos;
        m.alightPos = n - 1 - l.boardPos;
        m.day = l.day;
      }
      out.push(m);
    }
    return { vehicles, departure: out[0].departure, arrival: out[out.length - 1].arrival, legs: out };
  }
}

/** The first i in [lo, hi) with `a[at + i * stride] >= t`, or hi (the values ascend with i). */
function lowerBound(a: Int32Array, at: number, stride: number, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[at + mid * stride] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound over [0, hi) when `a[at + (hi − 1) · stride] >= t` is known, galloping down from
 * hi − 1: an answer d places below hi costs about 2·log2(d + 1) reads instead of log2(hi).
 */
function lowerBoundBelow(a: Int32Array, at: number, stride: number, hi: number, t: number): number {
  let j = hi - 1;
  let step = 1;
  while (j - step >= 0 && a[at + (j - step) * stride] >= t) {
    j -= step;
    step *= 2;
  }
  return lowerBound(a, at, stride, j - step < 0 ? 0 : j - step + 1, j, t);
}

/**
 * The first index of monotone `a` from which on every entry is past `x`: at least `x` when `a`
 * rises, below `x` when it falls (a.length if none).
 */
function firstPast(a: Float64Array, x: number, falling: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (falling ? a[m] < x : a[m] >= x) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/** Overlay legs: name the overlay entry (`live`, −1 for on-time runs) and put back the static trip, route and day. */
function resolveLive(j: Journey, live: RealtimeOverlay, liveBase: number): void {
  for (const l of j.legs) {
    if (l.kind !== 'transit' || l.trip < liveBase) continue;
    const g = l.trip - liveBase;
    const index = live.tripEntry[g];
    if (index < 0) {
      // an on-time static run of a route the overlay replaced on that day
      l.live = -1;
      l.trip = live.tripStatic[g];
      l.route = live.routeStatic[live.tripRoute[g]];
      l.day = live.tripDay[g];
      continue;
    }
    const e = live.entries[index];
    l.live = index;
    l.trip = e.trip;
    l.route = e.route;
    l.day = e.day;
  }
}

function leg(kind: Leg['kind'], from: number, to: number, departure: number, arrival: number): Leg {
  return { kind, from, to, departure, arrival, trip: -1, route: -1, boardPos: -1, alightPos: -1, day: -1, live: -1 };
}
