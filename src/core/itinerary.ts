/**
 * Journeys (indices and instants) → itineraries (names, ISO times, GeoJSON geometry): the JSON
 * shape of `jjj plan --json` and `GET /api/plan`.
 */
import { E7 } from './input.js';
import type { AlertOut } from './alerts.js';
import type { Network } from './network.js';
import type { Place } from './places.js';
import { MODE_NAMES, modeOfRouteType } from './query.js';
import type { Journey, Leg } from './raptor.js';
import type { AddedTripSpec, OverlayEntry, RealtimeOverlay } from './realtime.js';
import { tripArrivals, tripDepartures, tripShapeDist, tripStops } from './stop-times.js';
import { formatGtfsTime, formatIso } from './time.js';
import { distanceMetres } from './walk.js';

export interface PlaceOut {
  id: string | null;
  name: string;
  /** The name in other languages (translations.txt), e.g. `{ "en": "Yanjiao" }`, when known. */
  names?: Record<string, string>;
  lat: number;
  lon: number;
}

export interface LineString {
  type: 'LineString';
  /** [lon, lat] pairs. */
  coordinates: [number, number][];
}

export interface StopCall extends PlaceOut {
  arrival: string;
  departure: string;
}

export interface LegOut {
  /** WALK, or the vehicle mode in capitals: RAIL, SUBWAY, BUS, FERRY, TRAM, … */
  mode: string;
  from: PlaceOut;
  to: PlaceOut;
  departure: string;
  arrival: string;
  durationSeconds: number;
  distanceMetres?: number;
  routeId?: string;
  routeName?: string;
  routeShortName?: string;
  routeLongName?: string;
  routeType?: number;
  agencyName?: string;
  tripId?: string;
  /** Frequency-based trips: the instance's first departure (`HH:MM:SS`) and headway. */
  tripStartTime?: string;
  headwaySeconds?: number;
  exactTimes?: boolean;
  headsign?: string;
  serviceDate?: string;
  intermediateStops?: StopCall[];
  /** Set on legs that run on live (GTFS-Realtime) times. */
  realtime?: true;
  /** With `realtime`: the timetable's times and the delay at boarding (seconds, early < 0). */
  scheduledDeparture?: string;
  scheduledArrival?: string;
  delaySeconds?: number;
  /** With `realtime`: a trip the timetable does not have (GTFS-RT ADDED). */
  added?: true;
  /** Service alerts (GTFS-RT) informing this leg's agency, route, trip or stops, active during it. */
  alerts?: AlertOut[];
  geometry: LineString;
}

export interface Itinerary {
  departure: string;
  arrival: string;
  durationSeconds: number;
  transfers: number;
  walkSeconds: number;
  legs: LegOut[];
}

/** An itinerary with the instants it was built from (for sorting and filtering). */
export interface Described {
  itinerary: Itinerary;
  departure: number;
  arrival: number;
  vehicles: number;
}

function stopOut(net: Network, s: number): PlaceOut {
  const st = net.input.stops[s];
  const out: PlaceOut = { id: st.id, name: st.name, lat: st.lat, lon: st.lon };
  if (st.names !== undefined && Object.keys(st.names).length > 0) out.names = st.names;
  return out;
}

function placeOut(place: Place): PlaceOut {
  if (place.kind === 'point') return { id: null, name: place.name ?? place.text, lat: place.lat, lon: place.lon };
  return { id: place.id, name: place.name, lat: place.lat, lon: place.lon };
}

function zoneOfStop(net: Network, s: number): string {
  return net.input.feeds[net.input.stops[s].feed]?.timezone ?? net.input.feeds[0]?.timezone ?? 'UTC';
}

function line(a: PlaceOut, b: PlaceOut): LineString {
  return { type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] };
}

export function describeJourney(net: Network, j: Journey, from: Place, to: Place, live?: RealtimeOverlay): Described {
  const firstStop = j.legs.find((l) => l.from >= 0)?.from ?? j.legs[0].to;
  const zone = zoneOfStop(net, firstStop >= 0 ? firstStop : 0);
  const legs: LegOut[] = [];
  let walkSeconds = 0;
  for (const l of j.legs) {
    if (l.kind === 'transit') {
      const e = l.live >= 0 && live !== undefined ? live.entries[l.live] : undefined;
      legs.push(e?.added ? addedLeg(net, l, e.added, e.arrivals, e.departures) : transitLeg(net, l, e));
      continue;
    }
    if (l.arrival === l.departure && (l.kind === 'access' || l.kind === 'egress')) {
      const stop = l.kind === 'access' ? l.to : l.from;
      const p = l.kind === 'access' ? from : to;
      if (p.kind === 'stops' && p.stops.includes(stop)) continue; // no walk at all
    }
    const a = l.from >= 0 ? stopOut(net, l.from) : placeOut(from);
    const b = l.to >= 0 ? stopOut(net, l.to) : placeOut(to);
    const metres = Math.round(distanceMetres(a.lat, a.lon, b.lat, b.lon));
    if (l.arrival === l.departure && metres < 1) continue; // the place is at the stop
    walkSeconds += l.arrival - l.departure;
    legs.push({
      mode: 'WALK',
      from: a,
      to: b,
      departure: formatIso(l.departure, zone),
      arrival: formatIso(l.arrival, zone),
      durationSeconds: l.arrival - l.departure,
      distanceMetres: metres,
      geometry: line(a, b),
    });
  }
  const itinerary: Itinerary = {
    departure: formatIso(j.departure, zone),
    arrival: formatIso(j.arrival, zone),
    durationSeconds: j.arrival - j.departure,
    transfers: Math.max(0, j.vehicles - 1),
    walkSeconds,
    legs,
  };
  return { itinerary, departure: j.departure, arrival: j.arrival, vehicles: j.vehicles };
}

export function walkOnly(net: Network, from: Place, to: Place, dep: number, arr: number, metres: number): Described {
  const zone = net.input.feeds[0]?.timezone ?? 'UTC';
  const a = placeOut(from);
  const b = placeOut(to);
  const itinerary: Itinerary = {
    departure: formatIso(dep, zone),
    arrival: formatIso(arr, zone),
    durationSeconds: arr - dep,
    transfers: 0,
    walkSeconds: arr - dep,
    legs: [
      {
        mode: 'WALK',
        from: a,
        to: b,
        departure: formatIso(dep, zone),
        arrival: formatIso(arr, zone),
        durationSeconds: arr - dep,
        distanceMetres: Math.round(metres),
        geometry: line(a, b),
      },
    ],
  };
  return { itinerary, departure: dep, arrival: arr, vehicles: 0 };
}

/** The GTFS route's fields of a transit leg. */
function routeFields(route: Network['input']['routes'][number]) {
  return {
    mode: MODE_NAMES[modeOfRouteType(route.type)].toUpperCase(),
    routeId: route.id,
    routeName: route.shortName !== '' ? route.shortName : route.longName,
    routeShortName: route.shortName,
    routeLongName: route.longName,
    routeType: route.type,
  };
}

function transitLeg(net: Network, l: Leg, live?: OverlayEntry): LegOut {
  const tt = net.timetable;
  const input = net.input;
  const ti = tt.tripInput[l.trip];
  const trip = input.trips.get(ti);
  // a live run may call at other stops (another platform) than its trip's
  const tripStopIdx = live?.stops ?? tripStops(input, ti);
  const arrivals = tripArrivals(input, ti);
  const departures = tripDepartures(input, ti);
  const shift = tt.tripShift[l.trip];
  const route = input.routes[trip.route];
  const zoneIdx = tt.forward.routeZone[l.route];
  const zone = tt.zones[zoneIdx];
  const origin = tt.forward.dayOffset[zoneIdx * tt.forward.dayCount + l.day] + tt.base;
  const arrAt = (p: number) => (live !== undefined ? live.arrivals[p] : origin + arrivals[p] + shift);
  const depAt = (p: number) => (live !== undefined ? live.departures[p] : origin + departures[p] + shift);
  const calls: StopCall[] = [];
  for (let p = l.boardPos + 1; p < l.alightPos; p++) {
    if (live !== undefined && live.skipped[p]) continue;
    calls.push({ ...stopOut(net, tripStopIdx[p]), arrival: formatIso(arrAt(p), zone), departure: formatIso(depAt(p), zone) });
  }
  const freq = trip.frequencies?.find((f) => {
    const s = departures[0] + shift;
    return s >= f.start && s < f.end;
  });
  const out: LegOut = {
    ...routeFields(route),
    from: stopOut(net, l.from),
    to: stopOut(net, l.to),
    departure: formatIso(l.departure, zone),
    arrival: formatIso(l.arrival, zone),
    durationSeconds: l.arrival - l.departure,
    tripId: trip.id,
    headsign: trip.headsign,
    serviceDate: formatIso(origin + 12 * 3600, zone).slice(0, 10),
    intermediateStops: calls,
    geometry: legGeometry(net, tt.tripInput[l.trip], l.boardPos, l.alightPos),
  };
  if (route.agencyName !== undefined) out.agencyName = route.agencyName;
  if (freq !== undefined) {
    out.tripStartTime = formatGtfsTime(departures[0] + shift);
    out.headwaySeconds = freq.headway;
    out.exactTimes = freq.exact;
  }
  if (live !== undefined) {
    const schedDep = origin + departures[l.boardPos] + shift;
    out.realtime = true;
    out.scheduledDeparture = formatIso(schedDep, zone);
    out.scheduledArrival = formatIso(origin + arrivals[l.alightPos] + shift, zone);
    out.delaySeconds = Math.round(l.departure - schedDep);
  }
  return out;
}

/** A leg on a trip the timetable does not have (GTFS-RT ADDED, full stop times given). */
function addedLeg(net: Network, l: Leg, a: AddedTripSpec, arrivals: Float64Array, departures: Float64Array): LegOut {
  const route = net.input.routes[a.line];
  const zone = net.input.feeds[route.feed]?.timezone ?? net.timetable.zones[0];
  const calls: StopCall[] = [];
  for (let p = l.boardPos + 1; p < l.alightPos; p++)
    calls.push({ ...stopOut(net, a.stops[p]), arrival: formatIso(arrivals[p], zone), departure: formatIso(departures[p], zone) });
  const stops = net.input.stops;
  return {
    ...routeFields(route),
    from: stopOut(net, l.from),
    to: stopOut(net, l.to),
    departure: formatIso(l.departure, zone),
    arrival: formatIso(l.arrival, zone),
    durationSeconds: l.arrival - l.departure,
    tripId: a.id,
    headsign: a.headsign,
    intermediateStops: calls,
    realtime: true,
    added: true,
    geometry: { type: 'LineString', coordinates: Array.from(a.stops.subarray(l.boardPos, l.alightPos + 1), (s) => [stops[s].lon, stops[s].lat]) },
  };
}

/** The trip's shape between two of its stops, or the straight line through its stops. */
export function legGeometry(net: Network, tripIdx: number, board: number, alight: number): LineString {
  const trip = net.input.trips.get(tripIdx);
  const tripStopIdx = tripStops(net.input, tripIdx);
  const shapeDist = tripShapeDist(net.input, tripIdx);
  const stops = net.input.stops;
  const viaStops = (): LineString => ({
    type: 'LineString',
    coordinates: Array.from(tripStopIdx.subarray(board, alight + 1), (s) => [stops[s].lon, stops[s].lat]),
  });
  if (trip.shape < 0) return viaStops();
  const shape = net.input.shapes[trip.shape];
  const n = shape.lat7.length;
  if (n < 2) return viaStops();
  const nearest = (s: number, fromIdx: number): number => {
    let best = fromIdx;
    let bestD = Infinity;
    for (let i = fromIdx; i < n; i++) {
      const d = (shape.lat7[i] / E7 - stops[s].lat) ** 2 + (shape.lon7[i] / E7 - stops[s].lon) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };
  let i0: number;
  let i1: number;
  if (shape.dist !== undefined && shapeDist !== undefined) {
    const d0 = shapeDist[board];
    const d1 = shapeDist[alight];
    i0 = shape.dist.findIndex((d) => d >= d0);
    i1 = shape.dist.findIndex((d) => d >= d1);
    if (i0 < 0) i0 = n - 1;
    if (i1 < 0) i1 = n - 1;
  } else {
    // walk the trip's stops along the shape so loops resolve in order
    let idx = 0;
    i0 = 0;
    for (let p = 0; p <= board; p++) idx = nearest(tripStopIdx[p], idx);
    i0 = idx;
    for (let p = board + 1; p <= alight; p++) idx = nearest(tripStopIdx[p], idx);
    i1 = idx;
  }
  if (i1 <= i0) return viaStops();
  const coords: [number, number][] = [[stops[tripStopIdx[board]].lon, stops[tripStopIdx[board]].lat]];
  for (let i = i0; i <= i1; i++) coords.push([shape.lon7[i] / E7, shape.lat7[i] / E7]);
  coords.push([stops[tripStopIdx[alight]].lon, stops[tripStopIdx[alight]].lat]);
  return { type: 'LineString', coordinates: coords };
}
