/**
 * Travel-time matrices for accessibility studies: for each origin, the router's one-to-all search
 * (over a window of departures when asked), then each destination's time as the best of its walks
 * from the stops reached, or walking directly; a percentile over the window.
 */
import type { Network } from './network.js';
import type { Place } from './places.js';
import { modeMask, placeAccess } from './plan.js';
import type { ModeName, StopAccess } from './query.js';
import type { RealtimeOverlay } from './realtime.js';
import { percentileOf, randomPhases, seededRandom } from './isochrone.js';
import { distanceMetres } from './walk.js';

export interface MatrixOptions {
  direction: 'depart' | 'arrive';
  windowStart: number;
  windowEnd: number;
  stepSeconds: number;
  percentile: number;
  /** Longest search, seconds: beyond it a pair is unreachable. */
  maxSeconds: number;
  maxWalkMetres: number;
  maxTransfers: number;
  modes: readonly ModeName[] | null;
  transferSlack: number;
}

/** A destination prepared once: its walks to (arrive-by: from) stops, and where it is. */
export interface PreparedPlace {
  place: Place;
  walks: StopAccess[];
}

export function preparePlaces(net: Network, places: Place[], o: MatrixOptions, towardsPlace: boolean): PreparedPlace[] {
  return places.map((place) => ({ place, walks: placeAccess(net, place, o.maxWalkMetres, towardsPlace) }));
}

/**
 * Seconds from `origin` to each destination (arrive-by: from each destination to `origin`), -1
 * when not reachable within maxSeconds. In arrive-by the "origin" is where everyone arrives.
 * `realtime`: live times instead of the timetable's.
 */
export function matrixRow(net: Network, origin: PreparedPlace, destinations: PreparedPlace[], o: MatrixOptions, realtime?: RealtimeOverlay): Int32Array {
  const S = net.input.stops.length;
  const reach = new Int32Array(S);
  const samples: number[] = [];
  for (let t = o.windowStart; t <= o.windowEnd; t += Math.max(1, o.stepSeconds)) samples.push(t);
  const values = new Float64Array(samples.length * destinations.length);
  const mask = modeMask(o.modes);
  const rnd = seededRandom(1);
  const phases = new Int32Array(net.timetable.routeHeadway.length);
  // walking straight there does not depend on the departure: once per destination, not per sample
  const direct = new Float64Array(destinations.length);
  destinations.forEach((d, j) => {
    const m = distanceMetres(origin.place.lat, origin.place.lon, d.place.lat, d.place.lon);
    direct[j] = m <= o.maxWalkMetres ? net.walk.secondsFor(m) : Infinity;
  });
  samples.forEach((t, i) => {
    const routeShift = randomPhases(net, rnd, phases);
    net.router.reach(
      {
        direction: o.direction, time: t, access: origin.walks, egress: [], maxTransfers: o.maxTransfers, modeMask: mask,
        transferSlack: o.transferSlack, maxDuration: o.maxSeconds, ...(routeShift !== null ? { routeShift } : {}),
        ...(realtime !== undefined ? { realtime } : {}),
      },
      reach,
    );
    destinations.forEach((d, j) => {
      let best = direct[j];
      for (const w of d.walks) {
        const r = reach[w.stop];
        if (r >= 0 && r + w.seconds < best) best = r + w.seconds;
      }
      values[i * destinations.length + j] = best <= o.maxSeconds ? best : Infinity;
    });
  });
  const out = new Int32Array(destinations.length);
  const col = new Float64Array(samples.length);
  for (let j = 0; j < destinations.length; j++) {
    for (let i = 0; i < samples.length; i++) col[i] = values[i * destinations.length + j];
    col.sort();
    const v = percentileOf(col, o.percentile);
    out[j] = Number.isFinite(v) ? v : -1;
  }
  return out;
}
