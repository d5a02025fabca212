/**
 * The search contract shared by the fast router (raptor.ts) and the slow reference router used by
 * tests. Everything is integers: stop indices, absolute times in epoch seconds.
 *
 * Semantics (both routers implement exactly these):
 * - `access` lists (stop, walk seconds) from the origin; `egress` (stop, walk seconds) to the
 *   destination. They are final: no footpath is added before the first or after the last vehicle.
 * - depart-at: leave the origin at or after `time`; a stop reached by access is ready for boarding
 *   at `time + seconds`. A trip is boarded at a stop whose pickup is allowed when its departure is
 *   ≥ the ready time, and left at a later stop of the same trip whose drop-off is allowed, at
 *   the trip's arrival time there. Arrival at the destination = vehicle arrival + egress seconds.
 * - Between two vehicles (a transfer): from the alighting stop `a` the rider is ready again at
 *   `a` after `max(0, sameStopTransferSeconds[a]) + transferSlack` (not at all when it is
 *   FORBIDDEN), or at another stop `b` after `footpath(a→b) + transferSlack`.
 * - A journey uses at most `maxTransfers + 1` vehicles, each trip allowed by `modeMask`, and
 *   arrives no later than `time + maxDuration`.
 * - arrive-by mirrors it: the latest instant to leave the origin (first boarding departure minus
 *   the access walk) such that the destination is reached by `time`, leaving no earlier than
 *   `time − maxDuration`.
 * - The answer is the Pareto set over (arrival, vehicles used): for each k ≥ 1, the earliest
 *   arrival with at most k vehicles, kept when it is strictly earlier than with k − 1 (arrive-by:
 *   latest departure, strictly later). Walk-only journeys are not the router's business (the
 *   planner adds them). Equal times connect: departure = ready time boards.
 */

import type { RealtimeOverlay } from './realtime.js';

/** Absolute instant, epoch seconds (UTC). Always an integer. */
export type Instant = number;

/** Sentinel for "not reached" in forward search labels. Compare with `===`, never truthiness. */
export const UNREACHED = 0x7fffffff;

/** Transfer at a stop is not possible (transfers.txt type 3 from a stop to itself). */
export const FORBIDDEN = -1;

/** Mode bits for `modeMask`. */
export const enum Mode {
  Tram = 0,
  Subway = 1,
  Rail = 2,
  Bus = 3,
  Ferry = 4,
  CableTram = 5,
  Aerial = 6,
  Funicular = 7,
  Trolleybus = 8,
  Monorail = 9,
  Other = 10,
}

export const MODE_NAMES = [
  'tram',
  'subway',
  'rail',
  'bus',
  'ferry',
  'cable_tram',
  'aerial',
  'funicular',
  'trolleybus',
  'monorail',
  'other',
] as const;
export type ModeName = (typeof MODE_NAMES)[number];

export const ALL_MODES = (1 << MODE_NAMES.length) - 1;

/** GTFS route_type (basic or extended) → Mode. */
export function modeOfRouteType(t: number): Mode {
  switch (t) {
    case 0:
      return Mode.Tram;
    case 1:
      return Mode.Subway;
    case 2:
      return Mode.Rail;
    case 3:
      return Mode.Bus;
    case 4:
      return Mode.Ferry;
    case 5:
      return Mode.CableTram;
    case 6:
      return Mode.Aerial;
    case 7:
      return Mode.Funicular;
    case 11:
      return Mode.Trolleybus;
    case 12:
      return Mode.Monorail;
  }
  if (t >= 100 && t < 200) return Mode.Rail;
  if (t >= 200 && t < 300) return Mode.Bus; // coach
  if (t >= 400 && t < 500) return t === 405 ? Mode.Monorail : Mode.Subway; // urban railway
  if (t >= 700 && t < 800) return t === 800 ? Mode.Trolleybus : Mode.Bus;
  if (t === 800) return Mode.Trolleybus;
  if (t >= 900 && t < 1000) return Mode.Tram;
  if (t >= 1000 && t < 1100) return Mode.Ferry; // water transport
  if (t >= 1200 && t < 1300) return Mode.Ferry;
  if (t >= 1300 && t < 1400) return Mode.Aerial;
  if (t >= 1400 && t < 1500) return Mode.Funicular;
  return Mode.Other;
}

export interface StopAccess {
  stop: number;
  seconds: number;
}

export interface SearchRequest {
  direction: 'depart' | 'arrive';
  /** depart: earliest departure from the origin; arrive: latest arrival at the destination. */
  time: Instant;
  access: StopAccess[];
  egress: StopAccess[];
  maxTransfers: number;
  modeMask: number;
  /** Seconds added to every transfer between two vehicles. */
  transferSlack: number;
  /** Search horizon in seconds from `time` (forward: arrival ≤ time + maxDuration). */
  maxDuration: number;
  /**
   * Compiled routes (patterns) not to use, 1 = excluded: scenarios without a feed or line. With a
   * realtime overlay, live runs go with their static route and added trips with their line.
   */
  excludeRoutes?: Uint8Array;
  /**
   * Seconds added to every time of a compiled route (phase of frequency-based services, see
   * Timetable.routeHeadway); absent = 0.
   */
  routeShift?: Int32Array;
  /** Live times to use instead of the timetable's (see realtime.ts). */
  realtime?: RealtimeOverlay;
}

/** One optimal value of the Pareto set: `vehicles` used and the arrival (depart-at) / departure (arrive-by). */
export interface ParetoPoint {
  vehicles: number;
  /** depart-at: arrival instant at the destination; arrive-by: departure instant from the origin. */
  time: Instant;
}

/**
 * Transfers between vehicles, as compiled from the network model (footpaths, pathways,
 * transfers.txt). Compressed rows: the footpaths leaving stop `s` are
 * `footTo[i], footSeconds[i]` for `i` in `[footOffset[s], footOffset[s + 1])`; a stop never has a
 * footpath to itself (that is `sameStopSeconds`).
 */
export interface TransferGraph {
  /** Minimum seconds to change vehicles at the same stop (0 by default), or FORBIDDEN. */
  sameStopSeconds: Int32Array;
  footOffset: Int32Array;
  footTo: Int32Array;
  footSeconds: Int32Array;
}
