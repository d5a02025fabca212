/**
 * GET /api/realtime/vehicles as data: the vehicle positions of the messages in use (see
 * realtime.ts), each with the static run it serves (route, headsign, service date), its delay when
 * a trip update of the same run is in use, and its current stop; filtered by feed, bounding box and
 * route; positions older than the hub's `maxAgeSeconds` (by their own timestamp, else the
 * message's, else when it arrived — the rule messages expire by) left out. Also as GeoJSON.
 */
import type { Network } from '../core/network.js';
import { MODE_NAMES, modeOfRouteType } from '../core/query.js';
import { formatIso } from '../core/time.js';
import { runCanceled, runDelay } from '../core/vehicles.js';
import type { VehiclePosition } from '../feeds/realtime.js';
import type { LiveView } from './realtime.js';

/** minLon, minLat, maxLon, maxLat. */
export type BBox = readonly [number, number, number, number];

export class VehicleParamError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'VehicleParamError';
  }
}

/** `minLon,minLat,maxLon,maxLat` → the box, or throws VehicleParamError naming `bbox`. */
export function parseBBox(text: string): BBox {
  const parts = text.split(',').map((x) => x.trim());
  const nums = parts.map((x) => (x === '' ? NaN : Number(x)));
  if (parts.length !== 4 || nums.some((x) => !Number.isFinite(x)))
    throw new VehicleParamError(400, 'bad_parameter', 'bbox', `bbox must be four numbers minLon,minLat,maxLon,maxLat, got "${text}"`);
  const [x0, y0, x1, y1] = nums;
  if (Math.abs(x0) > 180 || Math.abs(x1) > 180 || Math.abs(y0) > 90 || Math.abs(y1) > 90)
    throw new VehicleParamError(400, 'bad_parameter', 'bbox', `bbox longitudes must be within ±180 and latitudes within ±90, got "${text}"`);
  if (x0 > x1 || y0 > y1) throw new VehicleParamError(400, 'bad_parameter', 'bbox', `bbox must be minLon,minLat,maxLon,maxLat with min ≤ max, got "${text}"`);
  return [x0, y0, x1, y1];
}

const routeIndexes = new WeakMap<Network, Map<string, number>>();

function routeIndex(net: Network): Map<string, number> {
  let idx = routeIndexes.get(net);
  if (idx === undefined) {
    idx = new Map(net.input.routes.map((r, i) => [r.id, i]));
    routeIndexes.set(net, idx);
  }
  return idx;
}

/** A route filter (`feed:route_id`, or a bare route_id in any feed) → route indices; 404 when none. */
export function resolveRoute(net: Network, text: string): Set<number> {
  const want = text.trim();
  const out = new Set<number>();
  net.input.routes.forEach((r, i) => {
    if (r.id === want || r.id.slice(r.id.indexOf(':') + 1) === want) out.add(i);
  });
  if (out.size === 0) throw new VehicleParamError(404, 'unknown_route', 'route', `unknown route "${text}"`);
  return out;
}

export interface VehicleQuery {
  feed?: string | undefined;
  bbox?: BBox | undefined;
  routes?: Set<number> | undefined;
}

function routeJson(net: Network, line: number, mode: number | null) {
  const r = net.input.routes[line];
  return {
    id: r.id,
    shortName: r.shortName,
    longName: r.longName,
    mode: MODE_NAMES[mode ?? modeOfRouteType(r.type)].toUpperCase(),
    color: r.color && /^[0-9A-Fa-f]{6}$/.test(r.color) ? `#${r.color.toLowerCase()}` : null,
  };
}

/** The answer of GET /api/realtime/vehicles (JSON form). */
export function vehiclesAnswer(net: Network, live: LiveView | null, feeds: readonly string[], q: VehicleQuery, nowS: number, maxAgeSeconds: number) {
  const tt = net.timetable;
  const input = net.input;
  const zone = input.feeds[0]?.timezone ?? 'UTC';
  const iso = (s: number | null) => (s === null ? null : formatIso(s, zone));
  const routes = routeIndex(net);
  const byFeed = new Map((live?.vehicles ?? []).map((x) => [x.feed, x]));
  const names = q.feed !== undefined ? [q.feed] : [...new Set([...feeds, ...byFeed.keys()])];
  const feedRows = [];
  const vehicles = [];
  for (const feed of names) {
    const m = byFeed.get(feed);
    if (m === undefined) {
      feedRows.push({ feed, message: null, vehicles: 0, stale: 0 });
      continue;
    }
    const msgTime = m.timestamp ?? Math.floor(m.receivedAt / 1000);
    let stale = 0;
    let shown = 0;
    for (const x of m.vehicles) {
      const at = x.timestamp ?? msgTime;
      if (nowS - at > maxAgeSeconds) {
        stale++;
        continue;
      }
      const line = x.trip !== null ? input.trips.route(tt.tripInput[x.trip]) : x.routeId !== null ? (routes.get(x.routeId) ?? null) : null;
      if (q.routes !== undefined && (line === null || !q.routes.has(line))) continue;
      if (q.bbox !== undefined) {
        const [x0, y0, x1, y1] = q.bbox;
        if (x.lon < x0 || x.lon > x1 || x.lat < y0 || x.lat > y1) continue;
      }
      shown++;
      vehicles.push(vehicleJson(net, live, x, feed, line, at, nowS, iso));
    }
    feedRows.push({
      feed,
      message: { timestamp: iso(m.timestamp), ageSeconds: nowS - msgTime, receivedAt: iso(Math.floor(m.receivedAt / 1000)) },
      vehicles: shown,
      stale,
    });
  }
  return { now: formatIso(nowS, zone), maxAgeSeconds, feeds: feedRows, vehicles };
}

function vehicleJson(net: Network, live: LiveView | null, x: VehiclePosition, feed: string, line: number | null, at: number, nowS: number, iso: (s: number | null) => string | null) {
  const tt = net.timetable;
  const v = tt.forward;
  const input = net.input;
  let trip = null;
  let headsign: string | null = null;
  let delaySeconds: number | null = null;
  let canceled = false;
  let stop: { id: string; name: string | null } | null = null;
  let mode: number | null = null;
  if (x.trip !== null && x.day !== null) {
    const r = tt.tripRoute[x.trip];
    mode = v.routeMode[r];
    const t = input.trips.get(tt.tripInput[x.trip]);
    const last = v.routeStops[v.routeStopsOffset[r + 1] - 1];
    headsign = t.headsign !== '' ? t.headsign : (input.stops[last]?.name ?? null);
    const zoneOfRoute = tt.zones[v.routeZone[r]];
    const serviceDate = formatIso(v.dayOffset[v.routeZone[r] * v.dayCount + x.day] + tt.base + 12 * 3600, zoneOfRoute).slice(0, 10);
    trip = { id: t.id, serviceDate };
    if (live?.overlay) {
      delaySeconds = runDelay(tt, live.overlay, x.trip, x.day, x.stopPos, x.status === 'STOPPED_AT', nowS);
      canceled = runCanceled(tt, live.overlay, x.trip, x.day);
    }
    if (x.stopPos !== null) {
      const s = v.routeStops[v.routeStopsOffset[r] + x.stopPos];
      stop = { id: input.stops[s].id, name: input.stops[s].name };
    }
  }
  if (stop === null && x.stopId !== null) {
    const s = net.stopById(x.stopId);
    stop = { id: x.stopId, name: s.length === 1 ? input.stops[s[0]].name : null };
  }
  return {
    id: x.id,
    label: x.label,
    feed,
    lat: x.lat,
    lon: x.lon,
    bearing: x.bearing,
    speed: x.speed,
    timestamp: iso(x.timestamp),
    ageSeconds: Math.max(0, nowS - at),
    tripId: trip?.id ?? x.tripId,
    matched: trip !== null,
    trip,
    route: line !== null ? routeJson(net, line, mode) : null,
    headsign,
    delaySeconds,
    ...(canceled ? { canceled: true as const } : {}),
    stop,
    status: x.status,
    stopSequence: x.stopSequence,
  };
}

export type VehiclesAnswer = ReturnType<typeof vehiclesAnswer>;

/** The same as a GeoJSON FeatureCollection of Points ([lon, lat]); the feed rows ride along. */
export function vehiclesGeoJson(a: VehiclesAnswer) {
  return {
    type: 'FeatureCollection' as const,
    now: a.now,
    maxAgeSeconds: a.maxAgeSeconds,
    feeds: a.feeds,
    features: a.vehicles.map(({ lat, lon, ...props }) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] }, properties: props })),
  };
}
