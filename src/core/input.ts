/**
 * The network *input* model: what a loader (src/feeds) hands to the core.
 *
 * It is already normalised (ids namespaced, calendars resolved to day bitmaps, stop_times
 * interpolated, frequencies attached to their template trip), but not yet compiled for search.
 * The core never sees GTFS files, SQLite or HTTP; this file is the whole contract.
 *
 * Units: times are integer **seconds relative to the service day's "noon minus 12 h"** in the
 * feed's time zone (exactly GTFS's definition, so `25:10:00` is 90600). Distances in metres,
 * coordinates WGS84 degrees.
 */
import type { TripTable } from './trips.js';

/** GTFS location_type. */
export const enum LocationType {
  Stop = 0,
  Station = 1,
  Entrance = 2,
  GenericNode = 3,
  BoardingArea = 4,
}

/** GTFS pickup_type / drop_off_type: 0 regular, 1 none, 2 phone agency, 3 coordinate with driver. */
export const PICKUP_NONE = 1;

export interface FeedInput {
  /** Feed name, the namespace of every id of this feed (`name:stop_id`). */
  name: string;
  /** IANA time zone of the feed's agencies (GTFS requires one per feed). */
  timezone: string;
  /** Feed validity as local dates `YYYY-MM-DD` (from feed_info or the calendars). */
  startDate: string;
  endDate: string;
}

export interface StopInput {
  /** Namespaced id `feed:stop_id`. */
  id: string;
  /** Index into NetworkInput.feeds. */
  feed: number;
  name: string;
  /** Other-language names (translations.txt), keyed by language tag, e.g. `{ en: "Yanjiao" }`. */
  names?: Record<string, string>;
  code?: string;
  lat: number;
  lon: number;
  locationType: LocationType;
  /** Index of the parent station (NetworkInput.stops), or -1. */
  parent: number;
  platformCode?: string;
}

export interface RouteInput {
  /** Namespaced id `feed:route_id`. */
  id: string;
  feed: number;
  agencyName?: string;
  /** Namespaced `feed:agency_id` (the feed's only agency when the route names none). */
  agencyId?: string;
  shortName: string;
  longName: string;
  /** GTFS route_type, basic (0–12) or extended (100–1702). */
  type: number;
  color?: string;
  textColor?: string;
}

export interface FrequencyInput {
  /** Seconds (service-day relative) of the first departure from the trip's first stop. */
  start: number;
  /** Last departure must be strictly before `end` (GTFS end_time). */
  end: number;
  headway: number;
  /** GTFS exact_times: true = schedule-based, false = frequency-based (headway only). */
  exact: boolean;
}

/**
 * One trip: what a loader adds to the TripTable of NetworkInput.trips (which keeps it columnar)
 * and what `trips.get(t)` gives back. Its stop times are not here but in NetworkInput.stopTimes
 * (one set of columns for all trips: a few big typed arrays instead of several small ones per
 * trip, which cost more in object headers and allocator overhead than the stop times
 * themselves). Read them with the accessors of stop-times.ts (`tripStops(input, t)` …).
 */
export interface TripInput {
  /** Namespaced id `feed:trip_id`. */
  id: string;
  /** Index into NetworkInput.routes. */
  route: number;
  /** Index into NetworkInput.services. */
  service: number;
  headsign: string;
  shortName?: string;
  directionId?: number;
  /** Index into NetworkInput.shapes, or -1. */
  shape: number;
  /**
   * GTFS stop_sequence (realtime updates name stops by it) of the stop at position i:
   * `stopSequenceStart + i` when the values are consecutive; else `stopTimes.stopSequence` has
   * them; both absent means `i`.
   */
  stopSequenceStart?: number;
  /**
   * frequencies.txt rows of this trip. When present its stop times are a template: the
   * template's first departure is moved to each `start + k·headway < end`.
   */
  frequencies?: FrequencyInput[];
}

/**
 * The stop times of every trip, columnar: trip t's are entries `tripOffset[t]` … `tripOffset[t+1]−1`
 * of `stop`, `arrival`, `departure`, `shapeDist` and `stopSequence`, in stop_sequence order
 * (pickup / drop-off types have offsets of their own). Built with StopTimesBuilder
 * (stop-times.ts).
 *
 * `stop`, `arrival` and `departure` are what the compiled timetable holds again, so a Network
 * drops them from its input after compiling and serves them from the timetable (`compiled`):
 * read stop times through the accessors of stop-times.ts, never these columns directly.
 */
export interface StopTimesInput {
  /** Trip → first entry; `tripOffset[trips.length]` is the number of stop times. */
  tripOffset: Int32Array;
  /** Stop index (all LocationType.Stop). Absent once compiled (see `compiled`). */
  stop?: Int32Array;
  /** Arrival and departure times (service-day seconds), every one filled. Absent once compiled. */
  arrival?: Int32Array;
  departure?: Int32Array;
  /**
   * GTFS pickup_type / drop_off_type (PICKUP_NONE = 1 forbids), kept only for trips with some
   * value other than 0 (regular): trip t's are entries `typeOffset[t]` … `typeOffset[t+1]−1`
   * of `pickup` and `dropOff`, one per stop; an empty range means all regular.
   */
  typeOffset: Int32Array;
  pickup: Uint8Array;
  dropOff: Uint8Array;
  /** shape_dist_traveled (metres or feed units); NaN for trips without. Absent when no trip has it. */
  shapeDist?: Float64Array;
  /** stop_sequence, meaningful for trips without `stopSequenceStart`; absent when no trip needs it. */
  stopSequence?: Int32Array;
  /** Set by Network: where `stop` / `arrival` / `departure` went (see stop-times.ts). */
  compiled?: CompiledStopTimes;
}

/**
 * Stop, arrival and departure of an input trip read from the compiled timetable: the trip's first
 * compiled run `tripRun[t]` (minus its frequency shift), or `rest` for a trip never compiled
 * (fewer than two stops, or a frequency template without runs).
 */
export interface CompiledStopTimes {
  /** Input trip → one of its compiled trips (the first), or −1. */
  tripRun: Int32Array;
  tripShift: Int32Array;
  tripRoute: Int32Array;
  routeStopsOffset: Int32Array;
  routeStops: Int32Array;
  routeTripsOffset: Int32Array;
  routeTimesOffset: Int32Array;
  arr: Int32Array;
  dep: Int32Array;
  rest: Map<number, { stop: Int32Array; arrival: Int32Array; departure: Int32Array }>;
}

export interface ServiceInput {
  /** Namespaced id `feed:service_id`. */
  id: string;
  /** Day bitmap: `days[i] === 1` when the service runs on NetworkInput day i. */
  days: Uint8Array;
}

/** transfers.txt row; stops may be stations (apply to every child platform). */
export interface TransferInput {
  from: number;
  to: number;
  /** 0 recommended, 1 timed, 2 minimum time, 3 not possible (4, 5 in-seat: treated as 0). */
  type: number;
  /** min_transfer_time seconds, or -1 when absent. */
  minTime: number;
}

/** pathways.txt row between stops / entrances / generic nodes / boarding areas. */
export interface PathwayInput {
  from: number;
  to: number;
  /** Traversal seconds (traversal_time, or length / walking speed when only length is given). */
  seconds: number;
  bidirectional: boolean;
}

/** Scale of ShapeInput.lat7 / lon7. */
export const E7 = 1e7;

export interface ShapeInput {
  id: string;
  /**
   * Point coordinates in degrees × 10⁷ (E7): GTFS coordinates rarely carry more than 7 decimals
   * (≈ 1 cm), and half the memory of Float64 (shapes are a city feed's largest table after stop
   * times). Read `lat7[i] / E7`.
   */
  lat7: Int32Array;
  lon7: Int32Array;
  /** shape_dist_traveled per point when given. */
  dist?: Float64Array;
}

export interface NetworkInput {
  /** Local date `YYYY-MM-DD` of day index 0 (the same calendar date in every feed's zone). */
  firstDate: string;
  dayCount: number;
  feeds: FeedInput[];
  stops: StopInput[];
  routes: RouteInput[];
  /** Trips, columnar (TripTable.from(tripInputs), or columnarTrips with inline stop times). */
  trips: TripTable;
  /** Stop times of all trips, columnar. */
  stopTimes: StopTimesInput;
  services: ServiceInput[];
  transfers: TransferInput[];
  pathways: PathwayInput[];
  shapes: ShapeInput[];
}
