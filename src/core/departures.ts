/**
 * The next departures from a stop (or a station's platforms): a departure board, read straight off
 * the compiled timetable.
 */
import type { Network } from './network.js';
import { tripStops } from './stop-times.js';
import { MODE_NAMES } from './query.js';
import { PICKUP_OK } from './timetable.js';
import { formatIso } from './time.js';

export interface Departure {
  /** ISO local time with offset. */
  departure: string;
  stop: { id: string; name: string };
  mode: string;
  routeId: string;
  routeName: string;
  tripId: string;
  headsign: string;
  /** Last stop of the trip. */
  destination: { id: string; name: string };
  serviceDate: string;
}

/**
 * Departures at or after `time` (epoch seconds) within `windowSeconds`, earliest first, at most
 * `limit`. Only stop times where boarding is allowed count.
 */
export function nextDepartures(net: Network, stops: readonly number[], time: number, windowSeconds: number, limit: number): Departure[] {
  const tt = net.timetable;
  const v = tt.forward;
  const found: { t: number; trip: number; pos: number; day: number; route: number }[] = [];
  const t0 = time - tt.base;
  const t1 = t0 + windowSeconds;
  for (const s of stops) {
    for (let i = v.stopRoutesOffset[s]; i < v.stopRoutesOffset[s + 1]; i++) {
      const r = v.stopRoutes[i];
      const p = v.stopRoutePos[i];
      if ((v.routeStopFlags[v.routeStopsOffset[r] + p] & PICKUP_OK) === 0) continue;
      const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
      const first = v.routeTripsOffset[r];
      const nT = v.routeTripsOffset[r + 1] - first;
      const zone = v.routeZone[r];
      for (let d = 0; d < v.dayCount; d++) {
        const off = v.dayOffset[zone * v.dayCount + d];
        if (off + v.routeMaxArr[r] < t0 || off + v.routeMinDep[r] > t1) continue;
        const word = d >>> 5;
        const bit = 1 << (d & 31);
        if ((v.routeDays[r * v.dayWords + word] & bit) === 0) continue;
        for (let j = 0; j < nT; j++) {
          const t = v.dep[v.routeTimesOffset[r] + j * n + p] + off;
          if (t < t0 || t > t1) continue;
          if ((v.serviceDays[v.tripService[first + j] * v.dayWords + word] & bit) === 0) continue;
          found.push({ t, trip: first + j, pos: p, day: d, route: r });
        }
      }
    }
  }
  found.sort((a, b) => a.t - b.t || a.trip - b.trip);
  return found.slice(0, limit).map((f) => {
    const trip = net.input.trips.get(tt.tripInput[f.trip]);
    const route = net.input.routes[trip.route];
    const zone = tt.zones[v.routeZone[f.route]];
    const ts = tripStops(net.input, tt.tripInput[f.trip]);
    const stop = net.input.stops[ts[f.pos]];
    const last = net.input.stops[ts[ts.length - 1]];
    const origin = v.dayOffset[v.routeZone[f.route] * v.dayCount + f.day] + tt.base;
    return {
      departure: formatIso(f.t + tt.base, zone),
      stop: { id: stop.id, name: stop.name },
      mode: MODE_NAMES[v.routeMode[f.route]].toUpperCase(),
      routeId: route.id,
      routeName: route.shortName !== '' ? route.shortName : route.longName,
      tripId: trip.id,
      headsign: trip.headsign !== '' ? trip.headsign : last.name,
      destination: { id: last.id, name: last.name },
      serviceDate: formatIso(origin + 12 * 3600, zone).slice(0, 10),
    };
  });
}
