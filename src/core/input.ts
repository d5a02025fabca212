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
  /** Stop indices in stop_sequence order (all LocationType.Stop). */
  stops: Int32Array;
  /** Arrival and departure times (service-day seconds), one per stop, every one filled. */
  arrivals: Int32Array;
  departures: Int32Array;
  /** GTFS pickup_type / drop_off_type per stop (PICKUP_NONE = 1 forbids). */
  pickup: Uint8Array;
  dropOff: Uint8Array;
  /** shape_dist_traveled per stop when given (metres or feed units), else absent. */
  shapeDist?: Float64Array;
  /**
   * GTFS stop_sequence per stop (realtime updates name stops by it): `stopSequenceStart + i` when
   * the values are consecutive, else `stopSequence[i]`; both absent means `i`.
   */
  stopSequence?: Int32Array;
  stopSequenceStart?: number;
  /**
   * frequencies.txt rows of this trip. When present the stop times above are a template: the
   * template's first departure is moved to each `start + k·headway < end`.
   */
  frequencies?: FrequencyInput[];
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

export interface ShapeInput {
  id: string;
  lat: Float64Array;
  lon: Float64Array;
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
  trips: TripInput[];
  services: ServiceInput[];
  transfers: TransferInput[];
  pathways: PathwayInput[];
  shapes: ShapeInput[];
}
