/**
 * Expands a NetworkInput into every concrete vehicle run ("trip instance") over the whole day
 * range, with absolute epoch-second times. This is the only place where calendars, time zones
 * and frequencies are interpreted for the reference router, written as plainly as possible.
 */
import type { NetworkInput, TripInput } from '../../src/core/input.js';
import { modeOfRouteType } from '../../src/core/query.js';
import { tripArrivals, tripDeparture, tripDepartures, tripDropOff, tripPickup, tripStops } from '../../src/core/stop-times.js';
import { addDays, serviceDayOrigin } from '../../src/core/time.js';

/** One run of one trip on one service day (and, for frequency trips, one headway slot). */
export interface TripInstance {
  /** Index into NetworkInput.trips. */
  trip: number;
  /** Service day index (0 … dayCount − 1) the run belongs to. */
  day: number;
  /** `1 << modeOfRouteType(route.type)`, to test against SearchRequest.modeMask. */
  modeBit: number;
  /** Stop indices in visiting order (a view of the input's stop times). */
  stops: Int32Array;
  /** Absolute arrival / departure instants (epoch seconds) at each position. */
  arrivals: Float64Array;
  departures: Float64Array;
  /** Per-position pickup / drop-off types (PICKUP_NONE = 1 forbids). */
  pickup: Uint8Array;
  dropOff: Uint8Array;
}

/**
 * Service-day-relative shifts of the runs a trip generates on one day: `[0]` for a plain trip;
 * for a frequency template, `start + k·headway − departures[0]` for every k with
 * `start + k·headway < end` (exact_times true and false alike), window after window.
 */
export function runShifts(input: NetworkInput, t: number): number[] {
  const trip: TripInput = input.trips.get(t);
  if (trip.frequencies === undefined) return [0];
  const shifts: number[] = [];
  for (const f of trip.frequencies) {
    if (!(f.headway > 0)) throw new Error(`trip ${trip.id}: headway must be positive`);
    for (let first = f.start; first < f.end; first += f.headway) shifts.push(first - tripDeparture(input, t, 0));
  }
  return shifts;
}

/**
 * Every trip instance of the network: trip T runs on day d iff `services[T.service].days[d] === 1`
 * for d in 0 … dayCount − 1, and its stop time t happens at
 * `serviceDayOrigin(addDays(firstDate, d), zone of T's route's feed) + t (+ frequency shift)`.
 * Times past 24:00 simply land on the next calendar day; nothing outside the day range is invented.
 */
export function enumerateTripInstances(input: NetworkInput): TripInstance[] {
  const origins = new Map<string, number>();
  const originOf = (day: number, zone: string): number => {
    const key = `${day}|${zone}`;
    let o = origins.get(key);
    if (o === undefined) {
      o = serviceDayOrigin(addDays(input.firstDate, day), zone);
      origins.set(key, o);
    }
    return o;
  };
  const out: TripInstance[] = [];
  input.trips.forEach((trip, tripIndex) => {
    const route = input.routes[trip.route];
    const zone = input.feeds[route.feed].timezone;
    const modeBit = 1 << modeOfRouteType(route.type);
    const days = input.services[trip.service].days;
    const shifts = runShifts(input, tripIndex);
    const stops = tripStops(input, tripIndex);
    const arr = tripArrivals(input, tripIndex);
    const dep = tripDepartures(input, tripIndex);
    for (let day = 0; day < input.dayCount; day++) {
      if (days[day] !== 1) continue;
      const origin = originOf(day, zone);
      for (const shift of shifts) {
        const n = stops.length;
        const arrivals = new Float64Array(n);
        const departures = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          arrivals[i] = origin + arr[i] + shift;
          departures[i] = origin + dep[i] + shift;
        }
        out.push({
          trip: tripIndex,
          day,
          modeBit,
          stops,
          arrivals,
          departures,
          pickup: tripPickup(input, tripIndex),
          dropOff: tripDropOff(input, tripIndex),
        });
      }
    }
  });
  return out;
}
