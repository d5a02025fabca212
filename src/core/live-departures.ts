/**
 * A departure board with live times: the timetable's departures (nextDepartures) without the runs
 * a realtime overlay replaces or cancels, plus the overlay's live runs (and added trips) leaving
 * within the window, with their scheduled time and delay.
 */
import { nextDepartures, type Departure } from './departures.js';
import { tripDeparture, tripDepartures, tripStops } from './stop-times.js';
import type { Network } from './network.js';
import { MODE_NAMES, modeOfRouteType } from './query.js';
import type { RealtimeOverlay } from './realtime.js';
import { PICKUP_OK } from './timetable.js';
import { formatIso } from './time.js';

export interface LiveDeparture extends Departure {
  realtime?: true;
  scheduledDeparture?: string;
  delaySeconds?: number;
  added?: true;
}

export function liveDepartures(net: Network, live: RealtimeOverlay, stops: readonly number[], time: number, windowSeconds: number, limit: number): LiveDeparture[] {
  const tt = net.timetable;
  const v = tt.forward;
  const input = net.input;
  const serviceDate = (route: number, day: number) => {
    const zone = tt.zones[v.routeZone[route]];
    return formatIso(v.dayOffset[v.routeZone[route] * v.dayCount + day] + tt.base + 12 * 3600, zone).slice(0, 10);
  };
  const wanted = new Set(stops);
  // the replaced and cancelled runs, by what a departure says of them (frequency instances share a trip id)
  const hidden = new Set<string>();
  for (const key of live.hiddenForward.keys) {
    const g = Math.floor(key / v.dayCount);
    const d = key % v.dayCount;
    const r = tt.tripRoute[g];
    const trip = input.trips.get(tt.tripInput[g]);
    const ts = tripStops(input, tt.tripInput[g]);
    const zone = tt.zones[v.routeZone[r]];
    const origin = v.dayOffset[v.routeZone[r] * v.dayCount + d] + tt.base;
    for (let p = 0; p < ts.length; p++)
      if (wanted.has(ts[p])) hidden.add(`${trip.id}|${input.stops[ts[p]].id}|${formatIso(origin + tripDeparture(input, tt.tripInput[g], p) + tt.tripShift[g], zone)}`);
  }
  const out: LiveDeparture[] = nextDepartures(net, stops, time, windowSeconds, limit + hidden.size).filter((d) => !hidden.has(`${d.tripId}|${d.stop.id}|${d.departure}`));
  const t1 = time + windowSeconds;
  for (const e of live.entries) {
    if (e.added !== null) {
      const a = e.added;
      const route = input.routes[a.line];
      const zone = input.feeds[route.feed]?.timezone ?? tt.zones[0];
      const last = input.stops[a.stops[a.stops.length - 1]];
      for (let p = 0; p < a.stops.length - 1; p++) {
        const t = e.departures[p];
        if (!wanted.has(a.stops[p]) || t < time || t > t1) continue;
        const stop = input.stops[a.stops[p]];
        out.push({
          departure: formatIso(t, zone),
          stop: { id: stop.id, name: stop.name },
          mode: MODE_NAMES[modeOfRouteType(route.type)].toUpperCase(),
          routeId: route.id,
          routeName: route.shortName !== '' ? route.shortName : route.longName,
          tripId: a.id,
          headsign: a.headsign !== '' ? a.headsign : last.name,
          destination: { id: last.id, name: last.name },
          serviceDate: formatIso(t, zone).slice(0, 10),
          realtime: true,
          added: true,
        });
      }
      continue;
    }
    const r = e.route;
    const trip = input.trips.get(tt.tripInput[e.trip]);
    const ts = e.stops ?? tripStops(input, tt.tripInput[e.trip]);
    const deps = tripDepartures(input, tt.tripInput[e.trip]);
    const route = input.routes[trip.route];
    const zone = tt.zones[v.routeZone[r]];
    const origin = v.dayOffset[v.routeZone[r] * v.dayCount + e.day] + tt.base;
    const last = input.stops[ts[ts.length - 1]];
    for (let p = 0; p < ts.length; p++) {
      const t = e.departures[p];
      if (!wanted.has(ts[p]) || e.skipped[p] || t < time || t > t1) continue;
      if ((v.routeStopFlags[v.routeStopsOffset[r] + p] & PICKUP_OK) === 0) continue;
      const stop = input.stops[ts[p]];
      const sched = origin + deps[p] + tt.tripShift[e.trip];
      out.push({
        departure: formatIso(t, zone),
        stop: { id: stop.id, name: stop.name },
        mode: MODE_NAMES[v.routeMode[r]].toUpperCase(),
        routeId: route.id,
        routeName: route.shortName !== '' ? route.shortName : route.longName,
        tripId: trip.id,
        headsign: trip.headsign !== '' ? trip.headsign : last.name,
        destination: { id: last.id, name: last.name },
        serviceDate: serviceDate(r, e.day),
        realtime: true,
        scheduledDeparture: formatIso(sched, zone),
        delaySeconds: Math.round(t - sched),
      });
    }
  }
  out.sort((a, b) => Date.parse(a.departure) - Date.parse(b.departure) || (a.tripId < b.tripId ? -1 : a.tripId > b.tripId ? 1 : 0));
  return out.slice(0, limit);
}
