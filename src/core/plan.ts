/**
 * Door-to-door planning: places → access/egress walks → RAPTOR → itineraries with names, ISO
 * times and geometry. The JSON shape is the CLI's and the HTTP API's contract.
 */
import type { Network } from './network.js';
import type { Journey } from './raptor.js';
import type { RealtimeOverlay } from './realtime.js';
import { resolvePlace, type Place } from './places.js';
import { ALL_MODES, MODE_NAMES, type ModeName, type SearchRequest, type StopAccess } from './query.js';
import { describeJourney, walkOnly, type Described, type Itinerary } from './itinerary.js';
import { distanceMetres } from './walk.js';

export interface PlanOptions {
  from: string;
  to: string;
  /** Epoch seconds. */
  time: number;
  arriveBy: boolean;
  maxTransfers: number;
  modes: readonly ModeName[] | null;
  /** Metres walked at most from the origin / to the destination. */
  maxWalkMetres: number;
  /** Seconds added to every change of vehicle. */
  transferSlack: number;
  /** Search horizon, seconds. */
  maxDuration: number;
  /** Live times (GTFS-Realtime overlay) to plan with, if any. */
  realtime?: RealtimeOverlay;
}

export const PLAN_DEFAULTS = {
  maxTransfers: 4,
  maxWalkMetres: 1000,
  transferSlack: 60,
  maxDuration: 24 * 3600,
} as const;

export interface PlanResult {
  itineraries: Itinerary[];
}

export function modeMask(modes: readonly ModeName[] | null): number {
  if (modes === null) return ALL_MODES;
  let mask = 0;
  for (const m of modes) mask |= 1 << MODE_NAMES.indexOf(m);
  return mask;
}

/** Walks between a place and its boarding stops. `toPlace` = walking towards the place (egress). */
export function placeAccess(net: Network, place: Place, maxWalkMetres: number, toPlace: boolean): StopAccess[] {
  if (place.kind === 'point') return net.walk.accessFromPoint(place.lat, place.lon, maxWalkMetres);
  const best = new Map<number, number>();
  const offer = (s: number, sec: number) => {
    const cur = best.get(s);
    if (cur === undefined || sec < cur) best.set(s, sec);
  };
  for (const s of place.stops) {
    offer(s, 0);
    for (const [other, sec] of toPlace ? net.footpathsTo(s) : net.footpathsFrom(s)) offer(other, sec);
  }
  return [...best].map(([stop, seconds]) => ({ stop, seconds }));
}

export function plan(net: Network, o: PlanOptions): PlanResult {
  const from = resolvePlace(net, o.from, 'from');
  const to = resolvePlace(net, o.to, 'to');
  return planPlaces(net, from, to, o);
}

export function planPlaces(net: Network, from: Place, to: Place, o: PlanOptions): PlanResult {
  const req: SearchRequest = {
    direction: o.arriveBy ? 'arrive' : 'depart',
    time: o.time,
    access: placeAccess(net, from, o.maxWalkMetres, false),
    egress: placeAccess(net, to, o.maxWalkMetres, true),
    maxTransfers: o.maxTransfers,
    modeMask: modeMask(o.modes),
    transferSlack: o.transferSlack,
    maxDuration: o.maxDuration,
    ...(o.realtime !== undefined ? { realtime: o.realtime } : {}),
  };
  const result = net.router.search(req);
  const found = result.journeys.map((j) => describeJourney(net, tighten(net, req, j), from, to, o.realtime));
  const walk = directWalk(net, from, to, o);
  if (walk !== null) found.push(walk);
  return { itineraries: paretoFilter(found, o.arriveBy).map((d) => d.itinerary) };
}

/**
 * Shorten a journey without losing anything: a depart-at answer arrives as early as possible but
 * may leave earlier than needed (an earlier train that is overtaken, a long wait); a reverse
 * search from its arrival, with no more vehicles, finds the latest departure that still makes it.
 * Arrive-by answers are tightened the other way. Costs one extra search per Pareto point.
 */
function tighten(net: Network, req: SearchRequest, j: Journey): Journey {
  const depart = req.direction === 'depart';
  const back = net.router.search({
    ...req,
    direction: depart ? 'arrive' : 'depart',
    time: depart ? j.arrival : j.departure,
    maxTransfers: j.vehicles - 1,
    maxDuration: j.arrival - j.departure,
  });
  const best = back.journeys.at(-1);
  if (best === undefined) return j;
  if (depart ? best.departure > j.departure && best.arrival <= j.arrival : best.arrival < j.arrival && best.departure >= j.departure)
    return best;
  return j;
}

/** A walk-only itinerary when origin and destination are within walking distance. */
function directWalk(net: Network, from: Place, to: Place, o: PlanOptions): Described | null {
  const sameStop = from.kind === 'stops' && to.kind === 'stops' && from.stops.some((s) => to.stops.includes(s));
  if (sameStop) return null;
  const metres = distanceMetres(from.lat, from.lon, to.lat, to.lon);
  if (metres > o.maxWalkMetres) return null;
  const seconds = net.walk.secondsFor(metres);
  const dep = o.arriveBy ? o.time - seconds : o.time;
  return walkOnly(net, from, to, dep, dep + seconds, metres);
}

/** Keep itineraries not dominated on (arrival, vehicles) — arrive-by: (departure, vehicles). */
function paretoFilter(list: Described[], arriveBy: boolean): Described[] {
  const key = (i: Described) => (arriveBy ? -i.departure : i.arrival);
  const kept = list.filter(
    (a) =>
      !list.some(
        (b) =>
          b !== a &&
          key(b) <= key(a) &&
          b.vehicles <= a.vehicles &&
          (key(b) < key(a) || b.vehicles < a.vehicles),
      ),
  );
  kept.sort((a, b) => a.arrival - b.arrival || a.vehicles - b.vehicles);
  return kept;
}

export type { Itinerary };
