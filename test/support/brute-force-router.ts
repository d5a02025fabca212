/**
 * An even dumber router, used only to validate the reference router on tiny networks: it
 * enumerates EVERY journey (sequence of rides joined by one transfer each) explicitly, keeps no
 * per-stop labels and, for arrive-by, no candidate search — each journey directly yields its
 * latest origin departure (first boarding − access walk). Exponential; tiny inputs only.
 * Assumes time-monotone trips (arrivals never before earlier departures), as random-trips.ts makes.
 */
import type { NetworkInput } from '../../src/core/input.js';
import { PICKUP_NONE } from '../../src/core/input.js';
import type { ParetoPoint, SearchRequest, TransferGraph } from '../../src/core/query.js';
import { FORBIDDEN } from '../../src/core/query.js';
import { enumerateTripInstances, type TripInstance } from './trip-instances.js';

/** Brute-force answer to `req`; same contract as referenceSearch. */
export function bruteForceSearch(input: NetworkInput, transfers: TransferGraph, req: SearchRequest): ParetoPoint[] {
  const runs = enumerateTripInstances(input).filter((r) => (r.modeBit & req.modeMask) !== 0);
  // Every (run, position) where boarding is allowed, per stop.
  const boardings: { run: TripInstance; i: number }[][] = input.stops.map(() => []);
  for (const run of runs) {
    run.stops.forEach((stop, i) => {
      if (run.pickup[i] !== PICKUP_NONE) boardings[stop].push({ run, i });
    });
  }
  const maxVehicles = req.maxTransfers + 1;
  const depart = req.direction === 'depart';
  // The contract's two time bounds, for the origin departure and for the destination arrival.
  const leaveNoEarlier = depart ? req.time : req.time - req.maxDuration;
  const arriveNoLater = depart ? req.time + req.maxDuration : req.time;
  // best[v]: best value among journeys with exactly v vehicles (depart: min arrival; arrive: max departure).
  const best = Array<number>(maxVehicles + 1).fill(depart ? Infinity : -Infinity);

  const record = (leave: number, arrival: number, vehicles: number): void => {
    if (leave < leaveNoEarlier || arrival > arriveNoLater) return;
    best[vehicles] = depart ? Math.min(best[vehicles], arrival) : Math.max(best[vehicles], leave);
  };

  // Plain de-duplication: an identical (leave, stop, ready, used) state is expanded once.
  const expanded = new Set<string>();
  /** Every ride boarded at `stop` no earlier than `ready`, and everything after it. */
  const ridesFrom = (leave: number, stop: number, ready: number, used: number): void => {
    const state = `${leave}|${stop}|${ready}|${used}`;
    if (expanded.has(state)) return;
    expanded.add(state);
    for (const { run, i } of boardings[stop]) {
      if (run.departures[i] < ready) continue;
      for (let j = i + 1; j < run.stops.length; j++) {
        if (run.dropOff[j] === PICKUP_NONE || run.arrivals[j] > arriveNoLater) continue;
        const at = run.stops[j];
        const arrival = run.arrivals[j];
        for (const e of req.egress) if (e.stop === at) record(leave, arrival + e.seconds, used + 1);
        if (used + 1 === maxVehicles) continue;
        const same = transfers.sameStopSeconds[at];
        if (same !== FORBIDDEN) ridesFrom(leave, at, arrival + Math.max(0, same) + req.transferSlack, used + 1);
        for (let f = transfers.footOffset[at]; f < transfers.footOffset[at + 1]; f++) {
          ridesFrom(leave, transfers.footTo[f], arrival + transfers.footSeconds[f] + req.transferSlack, used + 1);
        }
      }
    }
  };

  for (const a of req.access) {
    if (depart) {
      ridesFrom(req.time, a.stop, req.time + a.seconds, 0);
      continue;
    }
    // Arrive-by: start from every possible first boarding; the journey leaves at departure − walk.
    // ("ready = this departure" also lets later runs be boarded; they are then credited with an
    // earlier-than-necessary leave, a feasible but never better value, so the maximum is exact.)
    for (const { run, i } of boardings[a.stop]) {
      if (run.departures[i] - a.seconds < leaveNoEarlier) continue; // would break the horizon
      ridesFrom(run.departures[i] - a.seconds, a.stop, run.departures[i], 0);
    }
  }

  const out: ParetoPoint[] = [];
  let soFar = depart ? Infinity : -Infinity;
  for (let k = 1; k <= maxVehicles; k++) {
    const better = depart ? best[k] < soFar : best[k] > soFar;
    if (better) {
      soFar = best[k];
      out.push({ vehicles: k, time: soFar });
    }
  }
  return out;
}
