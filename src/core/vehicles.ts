/**
 * Where a live vehicle stands against its timetable: the delay of the run it serves, read from a
 * realtime overlay's live times and the compiled timetable (no feeds, no I/O).
 */
import type { RealtimeOverlay } from './realtime.js';
import type { Timetable } from './timetable.js';

/** Whether the overlay cancels (hides without live times) the run. */
export function runCanceled(tt: Timetable, overlay: RealtimeOverlay, trip: number, day: number): boolean {
  return overlay.hiddenForward.keys.has(trip * tt.forward.dayCount + day) && overlay.liveEntry(trip, day) === undefined;
}

/**
 * Delay in seconds (positive: late) of the run (trip, day) as the overlay has it: at stop position
 * `pos` when known (its departure when the vehicle is stopped there, else its arrival), otherwise
 * at the first stop the run has not left yet at `now` (epoch seconds). Null when the overlay has
 * no live times of the run.
 */
export function runDelay(tt: Timetable, overlay: RealtimeOverlay, trip: number, day: number, pos: number | null, stopped: boolean, now: number): number | null {
  const e = overlay.liveEntry(trip, day);
  if (e === undefined) return null;
  const v = tt.forward;
  const r = tt.tripRoute[trip];
  const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
  if (n === 0 || e.arrivals.length !== n) return null;
  const at = v.routeTimesOffset[r] + (trip - v.routeTripsOffset[r]) * n;
  const off = v.dayOffset[v.routeZone[r] * v.dayCount + day] + tt.base;
  let p = pos !== null && pos >= 0 && pos < n ? pos : -1;
  if (p < 0) {
    p = n - 1;
    for (let q = 0; q < n; q++)
      if (e.departures[q] >= now) {
        p = q;
        stopped = e.arrivals[q] <= now;
        break;
      }
  }
  const delay = stopped || p === 0 ? e.departures[p] - (v.dep[at + p] + off) : e.arrivals[p] - (v.arr[at + p] + off);
  return Math.round(delay);
}
