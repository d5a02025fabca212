/**
 * GTFS-Realtime in: a FeedMessage (protobuf bytes) decoded with gtfs-realtime-bindings and matched
 * to the static trips of a named feed — by trip_id, with start_date for the service day and
 * start_time for frequency-based trips, or without trip_id by route_id + start_date + start_time
 * (+ direction_id); DUPLICATED runs become added trips — into the core's overlay specs, alerts and vehicles, with
 * counters of what matched and why the rest did not. Corrupt or hostile input is refused with a
 * reason; it never throws anything else.
 */
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { positionOfSequence, tripArrivals, tripDeparture, tripDepartures, tripStops } from '../core/stop-times.js';
import type { AlertSelector, ServiceAlert, Translation } from '../core/alerts.js';
import type { Network } from '../core/network.js';
import { runsOnDay } from '../core/timetable.js';
import { liveStopTimes, type AddedTripSpec, type StopTimeUpdateSpec, type TripUpdateSpec } from '../core/realtime.js';
import { daysBetween, localDate, parseGtfsTime, serviceDayOrigin } from '../core/time.js';

const { transit_realtime: rt } = GtfsRealtimeBindings;

/** Limits against hostile messages. */
export const REALTIME_LIMITS = { bytes: 64 * 2 ** 20, entities: 500_000, stopTimeUpdates: 5_000_000 } as const;

export class RealtimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RealtimeError';
  }
}

/** A decoded ServiceAlert, as the core's plain type (texts in every language, namespaced ids). */
export type RealtimeAlert = ServiceAlert;

/** VehicleStopStatus names (GTFS-Realtime current_status). */
export type VehicleStopStatus = 'INCOMING_AT' | 'STOPPED_AT' | 'IN_TRANSIT_TO';

/** A decoded VehiclePosition; ids namespaced like the static ones (`feed:id`). */
export interface VehiclePosition {
  id: string;
  /** VehicleDescriptor label, or null. */
  label: string | null;
  /** trip_id as sent, or null. */
  tripId: string | null;
  /** route_id as sent, or null. */
  routeId: string | null;
  /** The static run it serves, matched like trip updates (compiled trip, service day), or null. */
  trip: number | null;
  day: number | null;
  /** Position in the matched trip of the stop named by current_stop_sequence / stop_id, or null. */
  stopPos: number | null;
  stopId: string | null;
  stopSequence: number | null;
  status: VehicleStopStatus | null;
  lat: number;
  lon: number;
  /** Degrees clockwise from north, or null. */
  bearing: number | null;
  /** Metres per second, or null. */
  speed: number | null;
  /** Epoch seconds of the position, or null. */
  timestamp: number | null;
}

export interface RealtimeCounts {
  entities: number;
  tripUpdates: number;
  alerts: number;
  vehicles: number;
  matched: number;
  unmatched: number;
  /** Reasons an entity or update was not used, with counts. */
  reasons: Record<string, number>;
}

export interface DecodedRealtime {
  feed: string;
  /** FeedHeader timestamp (epoch seconds), or null. */
  timestamp: number | null;
  updates: TripUpdateSpec[];
  added: AddedTripSpec[];
  alerts: RealtimeAlert[];
  vehicles: VehiclePosition[];
  counts: RealtimeCounts;
}

/** protobufjs puts proto2 defaults on the prototype: a field was sent only when it is own. */
const has = (o: object | null | undefined, key: string): boolean => o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

const num = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(String(v));
  return Number.isFinite(n) ? n : null;
};

function translations(t: { translation?: { text?: string | null; language?: string | null }[] | null } | null | undefined): Translation[] {
  return (t?.translation ?? []).flatMap((x) => (x.text ? [{ language: x.language ?? '', text: x.text }] : []));
}

/** Options of decodeRealtime. */
export interface DecodeOptions {
  /** Updates for runs whose last arrival is more than this many seconds before `now` are dropped (default 3 h). */
  finishedGraceSeconds?: number;
}

export const DEFAULT_FINISHED_GRACE_SECONDS = 3 * 3600;

/**
 * trip_id → compiled runs (several for a frequency-based trip). Trips are found by the trip
 * table's own id hash; only input trip → runs is built here, once per network, as two typed
 * arrays (a map of 300k id strings to arrays would cost a city feed ≈ 40 MiB).
 */
class RunIndex {
  private readonly offset: Int32Array;
  private readonly runs: Int32Array;

  constructor(private readonly net: Network) {
    const tt = net.timetable;
    const n = net.input.trips.length;
    this.offset = new Int32Array(n + 1);
    for (let g = 0; g < tt.tripInput.length; g++) this.offset[tt.tripInput[g] + 1]++;
    for (let t = 0; t < n; t++) this.offset[t + 1] += this.offset[t];
    const fill = this.offset.slice(0, n);
    this.runs = new Int32Array(tt.tripInput.length);
    for (let g = 0; g < tt.tripInput.length; g++) this.runs[fill[tt.tripInput[g]]++] = g;
  }

  /** The runs of the trip with this namespaced id, ascending; undefined for an unknown trip or one without runs. */
  get(id: string): Int32Array | undefined {
    const t = this.net.input.trips.indexOf(id);
    if (t < 0 || this.offset[t] === this.offset[t + 1]) return undefined;
    return this.runs.subarray(this.offset[t], this.offset[t + 1]);
  }

  private routes: Map<string, number[]> | null = null;

  /** The runs of the route with this namespaced id (built on first use); undefined for an unknown route. */
  ofRoute(id: string): number[] | undefined {
    if (this.routes === null) {
      const input = this.net.input;
      const m = new Map<string, number[]>(input.routes.map((r) => [r.id, []]));
      const tt = this.net.timetable;
      for (let g = 0; g < tt.tripInput.length; g++) m.get(input.routes[input.trips.route(tt.tripInput[g])].id)?.push(g);
      this.routes = m;
    }
    return this.routes.get(id);
  }
}

/**
 * A run named without trip_id, by route_id, start_date and start_time (and direction_id when
 * given), as the GTFS-Realtime TripDescriptor allows: the one run of that route (and direction)
 * leaving its first stop at start_time on that service day. Returns [trip, day] or a reason.
 */
function matchByRoute(
  net: Network,
  trips: RunIndex,
  routeId: string,
  directionId: number | null,
  startDate: string,
  startTime: string,
): [number, number] | string {
  const runs = trips.ofRoute(routeId);
  if (runs === undefined) return 'unknown route_id';
  const secs = parseGtfsTime(startTime);
  if (secs === null) return 'bad start_time';
  if (!/^\d{8}$/.test(startDate)) return 'bad start_date';
  const tt = net.timetable;
  const v = tt.forward;
  const d = daysBetween(net.input.firstDate, startDate);
  if (d < 0 || d >= v.dayCount) return 'no run of route_id at start_date and start_time';
  const found: number[] = [];
  for (const g of runs) {
    const t = tt.tripInput[g];
    if (directionId !== null && net.input.trips.directionId(t) !== directionId) continue;
    if ((v.serviceDays[v.tripService[g] * v.dayWords + (d >>> 5)] & (1 << (d & 31))) === 0) continue;
    if (tripDeparture(net.input, t, 0) + tt.tripShift[g] === secs) found.push(g);
  }
  if (found.length === 0) return 'no run of route_id at start_date and start_time';
  if (found.length > 1) return directionId === null ? 'several runs of route_id at start_time (give direction_id or trip_id)' : 'several runs of route_id at start_time (give trip_id)';
  return [found[0], d];
}

/** The run a TripDescriptor names: by trip_id (matchRun), else by route_id + start_date + start_time (matchByRoute). */
function matchDescriptor(
  net: Network,
  ns: (id: string) => string,
  trips: RunIndex,
  d: GtfsRealtimeBindings.transit_realtime.ITripDescriptor | null | undefined,
  zone: string,
  now: number,
  what: string,
): [number, number] | string {
  const startDate = has(d, 'startDate') && d!.startDate ? d!.startDate : null;
  const startTime = has(d, 'startTime') && d!.startTime ? d!.startTime : null;
  if (d?.tripId) {
    const candidates = trips.get(ns(d.tripId));
    if (candidates === undefined) return 'unknown trip_id';
    return matchRun(net, candidates, startDate, startTime, zone, now);
  }
  if (d?.routeId && startDate !== null && startTime !== null) return matchByRoute(net, trips, ns(d.routeId), has(d, 'directionId') ? num(d.directionId) : null, startDate, startTime);
  return `${what} without trip_id`;
}

/**
 * A DIFFERENTIAL FeedMessage applied to the message in use (`previous`, a FULL_DATASET one or
 * null): its entities replace those of the same id, `is_deleted` ones remove theirs; the result is
 * a FULL_DATASET message with the new header (timestamp included). A FULL_DATASET message comes
 * back unchanged. Throws RealtimeError when a message does not decode.
 */
export function mergeDifferential(previous: Uint8Array | null, bytes: Uint8Array): Uint8Array {
  const msg = decodeMessage(bytes);
  if ((msg.header?.incrementality ?? rt.FeedHeader.Incrementality.FULL_DATASET) !== rt.FeedHeader.Incrementality.DIFFERENTIAL) return bytes;
  const byId = new Map<string, GtfsRealtimeBindings.transit_realtime.IFeedEntity>();
  if (previous !== null) for (const e of decodeMessage(previous).entity) byId.set(e.id, e);
  for (const e of msg.entity) {
    if (e.isDeleted) byId.delete(e.id);
    else byId.set(e.id, e);
  }
  if (byId.size > REALTIME_LIMITS.entities) throw new RealtimeError('too many entities');
  const header = rt.FeedHeader.create({ ...msg.header, incrementality: rt.FeedHeader.Incrementality.FULL_DATASET });
  return rt.FeedMessage.encode(rt.FeedMessage.create({ header, entity: [...byId.values()] as GtfsRealtimeBindings.transit_realtime.FeedEntity[] })).finish();
}

function decodeMessage(bytes: Uint8Array): GtfsRealtimeBindings.transit_realtime.FeedMessage {
  if (bytes.length > REALTIME_LIMITS.bytes) throw new RealtimeError(`message too large (${bytes.length} bytes)`);
  try {
    return rt.FeedMessage.decode(bytes);
  } catch (err) {
    throw new RealtimeError(`not a GTFS-Realtime FeedMessage: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const indexes = new WeakMap<Network, RunIndex>();

function tripIndex(net: Network): RunIndex {
  let idx = indexes.get(net);
  if (idx === undefined) indexes.set(net, (idx = new RunIndex(net)));
  return idx;
}

/**
 * Decode and match one message of feed `feed` at instant `now` (epoch seconds). Throws
 * RealtimeError (with the reason) when the bytes are not a usable FeedMessage.
 */
export function decodeRealtime(net: Network, feed: string, bytes: Uint8Array, now: number, options: DecodeOptions = {}): DecodedRealtime {
  const grace = options.finishedGraceSeconds ?? DEFAULT_FINISHED_GRACE_SECONDS;
  const feedIdx = net.input.feeds.findIndex((f) => f.name === feed);
  if (feedIdx < 0) throw new RealtimeError(`unknown feed "${feed}"`);
  const msg = decodeMessage(bytes);
  if (msg.header === null || msg.header === undefined) throw new RealtimeError('FeedMessage without header');
  if (msg.entity.length > REALTIME_LIMITS.entities) throw new RealtimeError(`too many entities (${msg.entity.length})`);
  const zone = net.input.feeds[feedIdx].timezone;
  const ns = (id: string) => `${feed}:${id}`;
  const counts: RealtimeCounts = { entities: msg.entity.length, tripUpdates: 0, alerts: 0, vehicles: 0, matched: 0, unmatched: 0, reasons: {} };
  const reject = (reason: string) => {
    counts.unmatched++;
    counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
  };
  const out: DecodedRealtime = { feed, timestamp: has(msg.header, 'timestamp') ? num(msg.header.timestamp) : null, updates: [], added: [], alerts: [], vehicles: [], counts };
  let stopUpdates = 0;
  const trips = tripIndex(net);
  const tt = net.timetable;
  const stopIndex = new Map<string, number>();
  for (const e of msg.entity) {
    // relevant to DIFFERENTIAL streams only, which mergeDifferential has applied
    if (e.isDeleted) continue;
    if (e.tripUpdate) {
      counts.tripUpdates++;
      const tu = e.tripUpdate;
      stopUpdates += tu.stopTimeUpdate?.length ?? 0;
      if (stopUpdates > REALTIME_LIMITS.stopTimeUpdates) throw new RealtimeError('too many stop time updates');
      const rel = tu.trip?.scheduleRelationship ?? rt.TripDescriptor.ScheduleRelationship.SCHEDULED;
      // NEW (8, newer than these bindings) is the spec's name for an extra trip with full stop times
      if (rel === rt.TripDescriptor.ScheduleRelationship.ADDED || (rel as number) === NEW) {
        const added = addedTrip(net, ns, tu, zone, stopIndex);
        if (typeof added === 'string') reject(added);
        else {
          out.added.push(added);
          counts.matched++;
        }
        continue;
      }
      if (rel === rt.TripDescriptor.ScheduleRelationship.DUPLICATED) {
        const dup = duplicatedTrip(net, ns, trips, tu, zone, stopIndex);
        if (typeof dup === 'string') reject(dup);
        else {
          out.added.push(dup);
          counts.matched++;
        }
        continue;
      }
      // DELETED (7, newer than these bindings): the run is gone, as CANCELED
      const cancelled = rel === rt.TripDescriptor.ScheduleRelationship.CANCELED || (rel as number) === DELETED;
      if (rel !== rt.TripDescriptor.ScheduleRelationship.SCHEDULED && !cancelled) {
        reject(`unsupported trip schedule_relationship ${rel}`);
        continue;
      }
      const match = matchDescriptor(net, ns, trips, tu.trip, zone, now, 'trip update');
      if (typeof match === 'string') {
        reject(match);
        continue;
      }
      const [trip, day] = match;
      if (cancelled) {
        out.updates.push({ trip, day, canceled: true, updates: [] });
        counts.matched++;
        continue;
      }
      const ups = stopTimeSpecs(net, ns, tu, tt.tripInput[trip], stopIndex);
      if (typeof ups === 'string') {
        reject(ups);
        continue;
      }
      // updates for runs that have finished long ago expire
      const r0 = tt.tripRoute[trip];
      const v = tt.forward;
      const n = v.routeStopsOffset[r0 + 1] - v.routeStopsOffset[r0];
      const lastArr = v.arr[v.routeTimesOffset[r0] + (trip - v.routeTripsOffset[r0]) * n + n - 1] + v.dayOffset[v.routeZone[r0] * v.dayCount + day] + tt.base;
      if (lastArr + grace < now) {
        reject('trip already finished');
        continue;
      }
      out.updates.push({ trip, day, updates: ups });
      counts.matched++;
    } else if (e.alert) {
      counts.alerts++;
      const a = e.alert;
      const informed: AlertSelector[] = [];
      for (const x of a.informedEntity ?? []) {
        const sel: AlertSelector = {};
        if (x.agencyId) sel.agency = ns(x.agencyId);
        const routeId = x.routeId || x.trip?.routeId;
        if (routeId) sel.route = ns(routeId);
        if (has(x, 'routeType') && num(x.routeType) !== null) sel.routeType = num(x.routeType)!;
        if (x.trip?.tripId) sel.trip = ns(x.trip.tripId);
        if (x.stopId) sel.stop = ns(x.stopId);
        if (Object.keys(sel).length > 0) informed.push(sel);
      }
      if (informed.length === 0) {
        reject('alert informs no agency, route, trip or stop');
        continue;
      }
      out.alerts.push({
        id: `${feed}:${e.id}`,
        feed,
        header: translations(a.headerText),
        description: translations(a.descriptionText),
        url: translations(a.url),
        cause: a.cause !== null && a.cause !== undefined ? String(rt.Alert.Cause[a.cause] ?? a.cause) : 'UNKNOWN_CAUSE',
        effect: a.effect !== null && a.effect !== undefined ? String(rt.Alert.Effect[a.effect] ?? a.effect) : 'UNKNOWN_EFFECT',
        activePeriods: (a.activePeriod ?? []).map((p) => [num(p.start) ?? 0, num(p.end) ?? 0]),
        informed,
      });
      counts.matched++;
    } else if (e.vehicle) {
      counts.vehicles++;
      const vp = vehicle(net, ns, e.vehicle, e.id, trips, zone, now);
      if (typeof vp === 'string') {
        reject(vp);
        continue;
      }
      out.vehicles.push(vp.vehicle);
      if (vp.unmatched === null) counts.matched++;
      else reject(vp.unmatched);
    } else reject('empty entity');
  }
  return out;
}

/** Position of a stop_time_update in the trip: by stop_sequence, else by stop_id from `from`. */
function positionOf(trip: number, seq: number | null | undefined, stopId: string | null, net: Network, from: number): number {
  if (seq !== null && seq !== undefined) return positionOfSequence(net.input, trip, seq);
  if (stopId !== null) {
    const stops = tripStops(net.input, trip);
    const n = stops.length;
    for (let p = from; p < n; p++) if (net.input.stops[stops[p]].id === stopId) return p;
    for (let p = 0; p < from; p++) if (net.input.stops[stops[p]].id === stopId) return p;
  }
  return -1;
}

/**
 * The compiled run a TripDescriptor means: service day from start_date (else the active day whose
 * run is nearest to `now`), frequency instance from start_time. Returns [trip, day] or a reason.
 */
function matchRun(net: Network, candidates: Int32Array, startDate: string | null, startTime: string | null, zone: string, now: number): [number, number] | string {
  const tt = net.timetable;
  const v = tt.forward;
  let runs = candidates;
  if (startTime) {
    const secs = parseGtfsTime(startTime);
    if (secs === null) return 'bad start_time';
    // the runs of one trip_id share its input trip: a frequency-based one's runs differ by their shift
    const shift = secs - tripDeparture(net.input, tt.tripInput[candidates[0]], 0);
    let at = -1;
    for (let i = 0; i < candidates.length && at < 0; i++) if (tt.tripShift[candidates[i]] === shift) at = i;
    if (at < 0) return 'no run at start_time';
    runs = candidates.subarray(at, at + 1);
  } else if (candidates.length > 1) return 'frequency-based trip without start_time';
  const g = runs[0];
  const active = (d: number) => d >= 0 && d < v.dayCount && runsOnDay(v, g, d);
  if (startDate) {
    if (!/^\d{8}$/.test(startDate)) return 'bad start_date';
    const d = daysBetween(net.input.firstDate, startDate);
    return active(d) ? [g, d] : 'trip does not run on start_date';
  }
  const today = daysBetween(net.input.firstDate, localDate(now, zone));
  const r = tt.tripRoute[g];
  const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
  const j = g - v.routeTripsOffset[r];
  let best = -1;
  let bestGap = Infinity;
  for (const d of [today - 1, today, today + 1]) {
    if (!active(d)) continue;
    const off = v.dayOffset[v.routeZone[r] * v.dayCount + d] + tt.base;
    const start = v.dep[v.routeTimesOffset[r] + j * n] + off;
    const end = v.arr[v.routeTimesOffset[r] + j * n + n - 1] + off;
    const gap = now < start ? start - now : now > end ? now - end : 0;
    if (gap < bestGap) {
      bestGap = gap;
      best = d;
    }
  }
  return best >= 0 ? [g, best] : 'trip does not run around now';
}

/** TripDescriptor.ScheduleRelationship DELETED and NEW (GTFS-Realtime 2.0, after gtfs-realtime-bindings 1.1). */
const DELETED = 7;
const NEW = 8;

const STOP_STATUS: Record<number, VehicleStopStatus> = {
  [rt.VehiclePosition.VehicleStopStatus.INCOMING_AT]: 'INCOMING_AT',
  [rt.VehiclePosition.VehicleStopStatus.STOPPED_AT]: 'STOPPED_AT',
  [rt.VehiclePosition.VehicleStopStatus.IN_TRANSIT_TO]: 'IN_TRANSIT_TO',
};

/**
 * A VehiclePosition matched to its run the way trip updates are (trip_id, start_date, start_time:
 * matchRun), with its current stop (positionOf). A vehicle whose trip does not match is still
 * listed (`unmatched` says why); one without a usable position is refused (the reason).
 */
function vehicle(
  net: Network,
  ns: (id: string) => string,
  v: GtfsRealtimeBindings.transit_realtime.IVehiclePosition,
  entityId: string,
  trips: RunIndex,
  zone: string,
  now: number,
): { vehicle: VehiclePosition; unmatched: string | null } | string {
  const p = v.position;
  if (!p) return 'vehicle without position';
  const lat = num(p.latitude);
  const lon = num(p.longitude);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return 'vehicle with a position out of range';
  const d = v.trip;
  const tripId = d?.tripId ? ns(d.tripId) : null;
  const stopSequence = has(v, 'currentStopSequence') ? num(v.currentStopSequence) : null;
  const stopId = has(v, 'stopId') && v.stopId ? ns(v.stopId) : null;
  const out: VehiclePosition = {
    id: ns(v.vehicle?.id || entityId),
    label: v.vehicle?.label || null,
    tripId,
    routeId: d?.routeId ? ns(d.routeId) : null,
    trip: null,
    day: null,
    stopPos: null,
    stopId,
    stopSequence,
    status: has(v, 'currentStatus') ? (STOP_STATUS[v.currentStatus as number] ?? null) : null,
    lat,
    lon,
    bearing: has(p, 'bearing') ? num(p.bearing) : null,
    speed: has(p, 'speed') ? num(p.speed) : null,
    timestamp: has(v, 'timestamp') ? num(v.timestamp) : null,
  };
  const match = matchDescriptor(net, ns, trips, d, zone, now, 'vehicle');
  if (typeof match === 'string') return { vehicle: out, unmatched: match.startsWith('vehicle') ? match : `vehicle: ${match}` };
  [out.trip, out.day] = match;
  out.tripId = net.input.trips.id(net.timetable.tripInput[out.trip]);
  if (stopSequence !== null || stopId !== null) {
    const pos = positionOf(net.timetable.tripInput[out.trip], stopSequence, stopId, net, 0);
    if (pos >= 0) out.stopPos = pos;
  }
  return { vehicle: out, unmatched: null };
}

/**
 * A DUPLICATED trip update: a new run copying the stops and timetable of trip_id, leaving its
 * first stop at trip_properties.start_time on trip_properties.start_date (both required), with the
 * update's stop_time_updates applied to the copy (delays carried downstream, absolute times;
 * SKIPPED stops left out). Routed as an added trip named trip_properties.trip_id.
 */
function duplicatedTrip(
  net: Network,
  ns: (id: string) => string,
  trips: RunIndex,
  tu: GtfsRealtimeBindings.transit_realtime.ITripUpdate,
  zone: string,
  stopIndex: Map<string, number>,
): AddedTripSpec | string {
  const tripId = tu.trip?.tripId;
  if (!tripId) return 'duplicated trip without trip_id';
  const runs = trips.get(ns(tripId));
  if (runs === undefined) return 'unknown trip_id';
  const props = tu.tripProperties;
  const startDate = props?.startDate;
  const startTime = props?.startTime;
  if (!startDate || !startTime) return 'duplicated trip needs trip_properties start_date and start_time';
  const secs = parseGtfsTime(startTime);
  if (secs === null) return 'bad start_time';
  if (!/^\d{8}$/.test(startDate)) return 'bad start_date';
  const input = net.input;
  const t = net.timetable.tripInput[runs[0]];
  const stops = tripStops(input, t).slice(); // a copy: assigned stops are written into it
  const arr = tripArrivals(input, t);
  const dep = tripDepartures(input, t);
  const n = stops.length;
  const shift = serviceDayOrigin(startDate, zone) + secs - dep[0];
  const ups = stopTimeSpecs(net, ns, tu, t, stopIndex);
  if (typeof ups === 'string') return ups;
  const live = liveStopTimes(Float64Array.from(arr, (x) => x + shift), Float64Array.from(dep, (x) => x + shift), ups);
  if (live === null) return 'stop_time_update names no stop of the trip';
  for (const u of ups) if (u.assignedStop !== undefined) stops[u.pos] = u.assignedStop;
  const kept = Array.from({ length: n }, (_, p) => p).filter((p) => live.skipped[p] === 0);
  if (kept.length < 2) return 'added trip with fewer than two stops';
  return {
    id: ns(props?.tripId || `${tripId}@${startDate}T${startTime}`),
    line: input.trips.route(t),
    headsign: input.trips.headsign(t),
    stops: Int32Array.from(kept, (p) => stops[p]),
    arrivals: Float64Array.from(kept, (p) => live.arrivals[p]),
    departures: Float64Array.from(kept, (p) => live.departures[p]),
  };
}

/**
 * A TripUpdate's stop_time_updates as the core's specs, positions in input trip `t` (by
 * stop_sequence, else stop_id): SKIPPED, NO_DATA (on time), absolute times or delays,
 * assigned_stop_id; plus TripUpdate.delay, the run's delay until its first stop_time_update (the
 * whole run without one). A reason when a stop names nothing of the trip or feed.
 */
function stopTimeSpecs(
  net: Network,
  ns: (id: string) => string,
  tu: GtfsRealtimeBindings.transit_realtime.ITripUpdate,
  t: number,
  stopIndex: Map<string, number>,
): StopTimeUpdateSpec[] | string {
  const ups: StopTimeUpdateSpec[] = [];
  for (const s of tu.stopTimeUpdate ?? []) {
    const pos = positionOf(t, has(s, 'stopSequence') ? s.stopSequence : null, has(s, 'stopId') && s.stopId ? ns(s.stopId) : null, net, ups.length > 0 ? ups[ups.length - 1].pos + 1 : 0);
    if (pos < 0) return 'stop_time_update names no stop of the trip';
    const u: StopTimeUpdateSpec = { pos };
    const r = s.scheduleRelationship ?? 0;
    if (r === rt.TripUpdate.StopTimeUpdate.ScheduleRelationship.SKIPPED) u.skipped = true;
    else if (r === rt.TripUpdate.StopTimeUpdate.ScheduleRelationship.NO_DATA) {
      u.arrivalDelay = 0;
      u.departureDelay = 0;
    }
    const at = has(s.arrival, 'time') ? num(s.arrival!.time) : null;
    const ad = has(s.arrival, 'delay') ? num(s.arrival!.delay) : null;
    const dt = has(s.departure, 'time') ? num(s.departure!.time) : null;
    const dd = has(s.departure, 'delay') ? num(s.departure!.delay) : null;
    if (at !== null) u.arrivalTime = at;
    else if (ad !== null) u.arrivalDelay = ad;
    if (dt !== null) u.departureTime = dt;
    else if (dd !== null) u.departureDelay = dd;
    const assigned = s.stopTimeProperties?.assignedStopId;
    if (assigned) {
      const idx = lookupStop(net, stopIndex, ns(assigned));
      if (idx === undefined) return 'assigned_stop_id names no stop of the feed';
      u.assignedStop = idx;
    }
    ups.push(u);
  }
  const tripDelay = has(tu, 'delay') ? num(tu.delay) : null;
  if (tripDelay !== null && (ups.length === 0 || ups[0].pos > 0)) ups.unshift({ pos: 0, arrivalDelay: tripDelay, departureDelay: tripDelay });
  return ups;
}

/** A stop by namespaced id, through `stopIndex` (filled on first use). */
function lookupStop(net: Network, stopIndex: Map<string, number>, id: string): number | undefined {
  if (stopIndex.size === 0) net.input.stops.forEach((s, i) => stopIndex.set(s.id, i));
  return stopIndex.get(id);
}

function addedTrip(
  net: Network,
  ns: (id: string) => string,
  tu: GtfsRealtimeBindings.transit_realtime.ITripUpdate,
  zone: string,
  stopIndex: Map<string, number>,
): AddedTripSpec | string {
  const routeId = tu.trip?.routeId;
  const line = routeId ? net.input.routes.findIndex((r) => r.id === ns(routeId)) : -1;
  if (line < 0) return 'added trip without a known route_id';
  const stops: number[] = [];
  const arrivals: number[] = [];
  const departures: number[] = [];
  for (const s of tu.stopTimeUpdate ?? []) {
    const idx = s.stopId ? lookupStop(net, stopIndex, ns(s.stopId)) : undefined;
    const a = (has(s.arrival, 'time') ? num(s.arrival!.time) : null) ?? (has(s.departure, 'time') ? num(s.departure!.time) : null);
    const d = (has(s.departure, 'time') ? num(s.departure!.time) : null) ?? a;
    if (idx === undefined || a === null || d === null) return 'added trip needs stop_id and absolute times at every stop';
    stops.push(idx);
    arrivals.push(a);
    departures.push(d);
  }
  if (stops.length < 2) return 'added trip with fewer than two stops';
  void zone;
  return {
    id: ns(tu.trip?.tripId ?? `added-${stops.join('-')}`),
    line,
    headsign: '',
    stops: Int32Array.from(stops),
    arrivals: Float64Array.from(arrivals),
    departures: Float64Array.from(departures),
  };
}
