/**
 * The compiled timetable: flat, index-keyed typed arrays, read by the search and nothing else.
 * Built by `compileTimetable` (compile.ts); never mutated afterwards.
 *
 * Times inside are integer seconds **relative to `base`** (epoch seconds), so labels stay small
 * integers; `SearchView.dayOffset` turns a service-day time into that scale.
 *
 * Naming follows `<key><Value>`: `routeStops` are the stops of a route, `stopRoutes` the routes
 * of a stop. A *route* here is a FIFO pattern: trips with the same stops, pickup/drop-off rules
 * and GTFS route, none overtaking another, sorted by departure.
 */

/** Bits of `routeStopFlags`. */
export const PICKUP_OK = 1;
export const DROPOFF_OK = 2;

/**
 * One direction of search over the timetable. The forward view is the timetable itself; the
 * reverse view (for arrive-by) mirrors it in time — times negated, routes reversed, pickup and
 * drop-off swapped, footpaths reversed — so one search function serves both.
 */
export interface SearchView {
  readonly reverse: boolean;
  readonly stopCount: number;
  readonly routeCount: number;
  readonly dayCount: number;
  /** Words per day bitset (`ceil(dayCount / 32)`). */
  readonly dayWords: number;

  readonly routeStopsOffset: Int32Array;
  readonly routeStops: Int32Array;
  readonly routeStopFlags: Uint8Array;
  readonly routeTripsOffset: Int32Array;
  /**
   * Start of route r's block in `arr`/`dep`; entry for trip j at stop position p: `base + j*nStops + p`
   * (trip-major, so riding a trip along the route reads consecutive memory).
   */
  readonly routeTimesOffset: Int32Array;
  /** Service-day seconds. */
  readonly arr: Int32Array;
  readonly dep: Int32Array;
  /** Per route: min departure / max arrival over all its stop times (service-day seconds). */
  readonly routeMinDep: Int32Array;
  readonly routeMaxArr: Int32Array;
  readonly routeZone: Uint8Array;
  readonly routeMode: Uint8Array;
  /** Day bitset per route: the union of its trips' services. */
  readonly routeDays: Uint32Array;
  /** Trip (view order, global index) → service index. */
  readonly tripService: Int32Array;
  readonly serviceDays: Uint32Array;
  /** `dayOffset[zone * dayCount + d]`: add to a service-day time of day d to get a search time. */
  readonly dayOffset: Float64Array;

  readonly stopRoutesOffset: Int32Array;
  readonly stopRoutes: Int32Array;
  readonly stopRoutePos: Int32Array;

  readonly sameStopSeconds: Int32Array;
  readonly footOffset: Int32Array;
  readonly footTo: Int32Array;
  readonly footSeconds: Int32Array;
}

/** Whether compiled run `g` of view `v` runs on service day `d` (0 ≤ d < dayCount). */
export function runsOnDay(v: SearchView, g: number, d: number): boolean {
  return (v.serviceDays[v.tripService[g] * v.dayWords + (d >>> 5)] & (1 << (d & 31))) !== 0;
}

/**
 * Every view (forward, mirrored, realtime overlay and its mirror) is built through this one class,
 * so they share one V8 hidden class and the search's property reads stay monomorphic whichever
 * view it scans (object literals built in different places get different hidden classes).
 */
class View implements SearchView {
  readonly reverse: SearchView['reverse'];
  readonly stopCount: SearchView['stopCount'];
  readonly routeCount: SearchView['routeCount'];
  readonly dayCount: SearchView['dayCount'];
  readonly dayWords: SearchView['dayWords'];
  readonly routeStopsOffset: SearchView['routeStopsOffset'];
  readonly routeStops: SearchView['routeStops'];
  readonly routeStopFlags: SearchView['routeStopFlags'];
  readonly routeTripsOffset: SearchView['routeTripsOffset'];
  readonly routeTimesOffset: SearchView['routeTimesOffset'];
  readonly arr: SearchView['arr'];
  readonly dep: SearchView['dep'];
  readonly routeMinDep: SearchView['routeMinDep'];
  readonly routeMaxArr: SearchView['routeMaxArr'];
  readonly routeZone: SearchView['routeZone'];
  readonly routeMode: SearchView['routeMode'];
  readonly routeDays: SearchView['routeDays'];
  readonly tripService: SearchView['tripService'];
  readonly serviceDays: SearchView['serviceDays'];
  readonly dayOffset: SearchView['dayOffset'];
  readonly stopRoutesOffset: SearchView['stopRoutesOffset'];
  readonly stopRoutes: SearchView['stopRoutes'];
  readonly stopRoutePos: SearchView['stopRoutePos'];
  readonly sameStopSeconds: SearchView['sameStopSeconds'];
  readonly footOffset: SearchView['footOffset'];
  readonly footTo: SearchView['footTo'];
  readonly footSeconds: SearchView['footSeconds'];
  constructor(o: SearchView) {
    this.reverse = o.reverse;
    this.stopCount = o.stopCount;
    this.routeCount = o.routeCount;
    this.dayCount = o.dayCount;
    this.dayWords = o.dayWords;
    this.routeStopsOffset = o.routeStopsOffset;
    this.routeStops = o.routeStops;
    this.routeStopFlags = o.routeStopFlags;
    this.routeTripsOffset = o.routeTripsOffset;
    this.routeTimesOffset = o.routeTimesOffset;
    this.arr = o.arr;
    this.dep = o.dep;
    this.routeMinDep = o.routeMinDep;
    this.routeMaxArr = o.routeMaxArr;
    this.routeZone = o.routeZone;
    this.routeMode = o.routeMode;
    this.routeDays = o.routeDays;
    this.tripService = o.tripService;
    this.serviceDays = o.serviceDays;
    this.dayOffset = o.dayOffset;
    this.stopRoutesOffset = o.stopRoutesOffset;
    this.stopRoutes = o.stopRoutes;
    this.stopRoutePos = o.stopRoutePos;
    this.sameStopSeconds = o.sameStopSeconds;
    this.footOffset = o.footOffset;
    this.footTo = o.footTo;
    this.footSeconds = o.footSeconds;
  }
}

/** A SearchView with the shared hidden class (see View). */
export function searchView(o: SearchView): SearchView {
  return new View(o);
}

export interface Timetable {
  /** Epoch seconds that search time 0 stands for. */
  readonly base: number;
  readonly firstDate: string;
  readonly zones: readonly string[];
  readonly forward: SearchView;
  /** Built on first use (arrive-by), then kept. */
  reverseView(): SearchView;
  /** Whether reverseView() has been built. */
  reverseBuilt(): boolean;

  /** Compiled trip (forward order) → index of its TripInput. */
  readonly tripInput: Int32Array;
  /** Seconds added to the TripInput's stop times (frequency instances; 0 otherwise). */
  readonly tripShift: Int32Array;
  /** Compiled trip → route (pattern). */
  readonly tripRoute: Int32Array;
  /** Route (pattern) → index of its RouteInput (the GTFS route). */
  readonly routeLine: Int32Array;
  /** Per route: the headway of its frequency-based (exact_times=0) runs, else 0. */
  readonly routeHeadway: Int32Array;
  /** Largest arrival (service-day seconds) of any trip: how far a service day reaches. */
  readonly maxServiceTime: number;
}
