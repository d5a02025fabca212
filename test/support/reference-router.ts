/**
 * The slow, obviously-correct reference router the fast RAPTOR is checked against.
 *
 * It implements the SearchRequest contract of src/core/query.ts directly, with no cleverness:
 *
 * - Every concrete vehicle run is enumerated with absolute times (trip-instances.ts).
 * - Depart-at is a Bellman–Ford relaxation over k = vehicles used. `ready[s]` is the earliest
 *   instant the rider can board at stop s having used ≤ k − 1 vehicles (round 0: access only).
 *   Round k scans EVERY run: the rider is on board from the first position i whose pickup is
 *   allowed and whose departure ≥ ready[stops[i]], and may leave at every later position j whose
 *   drop-off is allowed, at arrivals[j]. No "earliest trip" shortcut, so overtaking runs are fine.
 *   Then `ready` is lowered by one transfer from each stop alighted in round k: same stop after
 *   max(0, sameStopSeconds) + slack (never when FORBIDDEN), or one footpath + slack.
 *   Keeping only the earliest arrival per stop is exact because every later constraint is
 *   "departure ≥ ready", monotone in the arrival time.
 * - Arrive-by tests departure instants with the forward search: leaving the origin at t is
 *   feasible with ≤ k vehicles iff the forward earliest arrival from t with ≤ k vehicles is
 *   ≤ `time`. Feasibility only gets worse as t grows, and it can only change at instants
 *   `run departure at an access stop − that stop's access seconds`, so the latest feasible t is
 *   found by binary search over those candidates (reference.self.test.ts cross-checks it against
 *   a linear scan).
 */
import type { NetworkInput } from '../../src/core/input.js';
import { PICKUP_NONE } from '../../src/core/input.js';
import type { ParetoPoint, SearchRequest, TransferGraph } from '../../src/core/query.js';
import { FORBIDDEN } from '../../src/core/query.js';
import { enumerateTripInstances, type TripInstance } from './trip-instances.js';

const instanceCache = new WeakMap<NetworkInput, TripInstance[]>();

/** All trip instances of `input`, computed once per input object. */
export function tripInstancesOf(input: NetworkInput): TripInstance[] {
  let runs = instanceCache.get(input);
  if (runs === undefined) {
    runs = enumerateTripInstances(input);
    instanceCache.set(input, runs);
  }
  return runs;
}

/**
 * Earliest arrival at the destination when leaving the origin at `departTime`, for every vehicle
 * budget: element k (0 … maxTransfers + 1) is the earliest `vehicle arrival + egress` using at
 * most k vehicles, `Infinity` when impossible. Element 0 is always Infinity (walking straight
 * from access to egress is not a journey). No horizon is applied here.
 */
export function earliestArrivalsByVehicles(
  input: NetworkInput,
  transfers: TransferGraph,
  req: SearchRequest,
  departTime: number,
): number[] {
  const runs = tripInstancesOf(input);
  const stopCount = input.stops.length;
  const ready = new Float64Array(stopCount).fill(Infinity);
  for (const a of req.access) ready[a.stop] = Math.min(ready[a.stop], departTime + a.seconds);

  const best: number[] = [Infinity];
  let bestAtDestination = Infinity;
  for (let k = 1; k <= req.maxTransfers + 1; k++) {
    // Ride exactly one more vehicle, boarding where ≤ k − 1 vehicles made the rider ready.
    const alighted = new Float64Array(stopCount).fill(Infinity);
    for (const run of runs) {
      if ((run.modeBit & req.modeMask) === 0) continue;
      let onBoard = false;
      for (let i = 0; i < run.stops.length; i++) {
        const stop = run.stops[i];
        if (onBoard && run.dropOff[i] !== PICKUP_NONE) {
          alighted[stop] = Math.min(alighted[stop], run.arrivals[i]);
        }
        if (!onBoard && run.pickup[i] !== PICKUP_NONE && run.departures[i] >= ready[stop]) {
          onBoard = true;
        }
      }
    }
    for (const e of req.egress) {
      bestAtDestination = Math.min(bestAtDestination, alighted[e.stop] + e.seconds);
    }
    best.push(bestAtDestination);

    // One transfer after that vehicle: same stop, or exactly one footpath.
    for (let a = 0; a < stopCount; a++) {
      const arrival = alighted[a];
      if (arrival === Infinity) continue;
      const same = transfers.sameStopSeconds[a];
      if (same !== FORBIDDEN) {
        ready[a] = Math.min(ready[a], arrival + Math.max(0, same) + req.transferSlack);
      }
      for (let f = transfers.footOffset[a]; f < transfers.footOffset[a + 1]; f++) {
        const b = transfers.footTo[f];
        ready[b] = Math.min(ready[b], arrival + transfers.footSeconds[f] + req.transferSlack);
      }
    }
  }
  return best;
}

/**
 * Every instant at which "leave the origin at t" can stop being feasible: for each run (allowed
 * by modeMask) and each position with pickup allowed at an access stop,
 * `departure − access seconds` (the latest t still catching that departure). Ascending, unique.
 */
export function departureCandidates(input: NetworkInput, req: SearchRequest): number[] {
  const walk = new Map<number, number[]>();
  for (const a of req.access) walk.set(a.stop, [...(walk.get(a.stop) ?? []), a.seconds]);
  const out = new Set<number>();
  for (const run of tripInstancesOf(input)) {
    if ((run.modeBit & req.modeMask) === 0) continue;
    for (let i = 0; i < run.stops.length; i++) {
      if (run.pickup[i] === PICKUP_NONE) continue;
      for (const seconds of walk.get(run.stops[i]) ?? []) out.add(run.departures[i] - seconds);
    }
  }
  return [...out].sort((x, y) => x - y);
}

/** Pareto set of a depart-at request: earliest arrival per vehicle budget, strictly improving. */
function departAt(input: NetworkInput, transfers: TransferGraph, req: SearchRequest): ParetoPoint[] {
  const best = earliestArrivalsByVehicles(input, transfers, req, req.time);
  const out: ParetoPoint[] = [];
  let previous = Infinity;
  for (let k = 1; k < best.length; k++) {
    const arrival = best[k];
    if (arrival > req.time + req.maxDuration) continue; // beyond the horizon: not reachable
    if (arrival < previous) out.push({ vehicles: k, time: arrival });
    previous = Math.min(previous, arrival);
  }
  return out;
}

/**
 * Latest departure per vehicle budget for an arrive-by request: the largest candidate
 * t ≥ time − maxDuration with earliestArrivals(t)[k] ≤ time, or −Infinity.
 */
export function latestDeparturesByVehicles(
  input: NetworkInput,
  transfers: TransferGraph,
  req: SearchRequest,
): number[] {
  const candidates = departureCandidates(input, req).filter((t) => t >= req.time - req.maxDuration);
  const memo = new Map<number, number[]>();
  const arrivalsFrom = (index: number): number[] => {
    let a = memo.get(index);
    if (a === undefined) {
      a = earliestArrivalsByVehicles(input, transfers, req, candidates[index]);
      memo.set(index, a);
    }
    return a;
  };
  const latest: number[] = [-Infinity];
  for (let k = 1; k <= req.maxTransfers + 1; k++) {
    // Invariant: candidates[< lo] … feasible-or-unknown, candidates[>= hi] infeasible.
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arrivalsFrom(mid)[k] <= req.time) lo = mid + 1;
      else hi = mid;
    }
    latest.push(lo === 0 ? -Infinity : candidates[lo - 1]);
  }
  return latest;
}

/** Pareto set of an arrive-by request: latest departure per vehicle budget, strictly improving. */
function arriveBy(input: NetworkInput, transfers: TransferGraph, req: SearchRequest): ParetoPoint[] {
  const latest = latestDeparturesByVehicles(input, transfers, req);
  const out: ParetoPoint[] = [];
  let previous = -Infinity;
  for (let k = 1; k < latest.length; k++) {
    if (latest[k] > previous) out.push({ vehicles: k, time: latest[k] });
    previous = Math.max(previous, latest[k]);
  }
  return out;
}

/**
 * Reference answer to `req` on `input` + `transfers`: the Pareto set over (time, vehicles) exactly
 * as specified in src/core/query.ts. `input.transfers` / `input.pathways` are NOT read — the
 * TransferGraph is the only source of transfer rules, as for the fast router's search.
 */
export function referenceSearch(
  input: NetworkInput,
  transfers: TransferGraph,
  req: SearchRequest,
): ParetoPoint[] {
  return req.direction === 'depart' ? departAt(input, transfers, req) : arriveBy(input, transfers, req);
}
