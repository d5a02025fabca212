/**
 * The network as a map layer: one GeoJSON LineString per route and one Point per served stop
 * (a station rather than each of its platforms), plus a default map view. Pure; built from the
 * input model, so an edge can cache it per loaded network.
 */
import { E7, LocationType } from './input.js';
import { tripLength, tripStops } from './stop-times.js';
import type { Network } from './network.js';
import { MODE_NAMES, modeOfRouteType, type ModeName } from './query.js';

export interface RouteProperties {
  kind: 'route';
  /** Feed name (the `feed:` prefix of the ids). */
  feed: string;
  routeId: string;
  /** route_short_name, else route_long_name. */
  name: string;
  longName: string | null;
  /** Lower-case mode name, e.g. `subway`. */
  mode: ModeName;
  /** `#RRGGBB` from route_color, or null. */
  color: string | null;
}

export interface StopProperties {
  kind: 'stop';
  id: string;
  name: string;
  /** Other-language names, e.g. `{ en: "Yanjiao" }` (empty when none). */
  names: Record<string, string>;
  feed: string;
  modes: ModeName[];
}

export interface RouteFeature {
  type: 'Feature';
  /** Coordinates are [lon, lat], degrees rounded to 1e-6 (≈ 0.1 m). */
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: RouteProperties;
}

export interface StopFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: StopProperties;
}

export interface NetworkGeoJson {
  type: 'FeatureCollection';
  features: (RouteFeature | StopFeature)[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function colour(c: string | undefined): string | null {
  if (c === undefined) return null;
  const t = c.trim().replace(/^#/, '');
  return /^[0-9a-fA-F]{6}$/.test(t) ? `#${t.toUpperCase()}` : null;
}

/** Trip index of each route's line: the longest trip with a shape, else the longest trip. */
function routeTrips(net: Network): Int32Array {
  const best = new Int32Array(net.input.routes.length).fill(-1);
  const trips = net.input.trips;
  const score = (t: number) => {
    const shape = trips.shape(t);
    const shaped = shape >= 0 && (net.input.shapes[shape]?.lat7.length ?? 0) >= 2;
    return (shaped ? 1e9 : 0) + tripLength(net.input, t);
  };
  for (let t = 0; t < trips.length; t++) {
    const r = trips.route(t);
    if (best[r] < 0 || score(t) > score(best[r])) best[r] = t;
  }
  return best;
}

function routeFeature(net: Network, r: number, t: number): RouteFeature | null {
  const route = net.input.routes[r];
  const trip = net.input.trips.get(t);
  const coordinates: [number, number][] = [];
  const shape = trip.shape >= 0 ? net.input.shapes[trip.shape] : undefined;
  if (shape !== undefined && shape.lat7.length >= 2) {
    for (let i = 0; i < shape.lat7.length; i++) coordinates.push([round(shape.lon7[i] / E7), round(shape.lat7[i] / E7)]);
  } else {
    for (const s of tripStops(net.input, t)) coordinates.push([round(net.input.stops[s].lon), round(net.input.stops[s].lat)]);
  }
  if (coordinates.length < 2) return null;
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: {
      kind: 'route',
      feed: net.input.feeds[route.feed]?.name ?? '',
      routeId: route.id,
      name: route.shortName !== '' ? route.shortName : route.longName,
      longName: route.longName !== '' ? route.longName : null,
      mode: MODE_NAMES[modeOfRouteType(route.type)],
      color: colour(route.color),
    },
  };
}

/** Indices of the points to draw for served stops: the parent station when there is one. */
export function servedPoints(net: Network): number[] {
  const { stops, trips } = net.input;
  const point = new Uint8Array(stops.length);
  for (let t = 0; t < trips.length; t++)
    for (const s of tripStops(net.input, t)) {
      const p = stops[s].parent;
      point[p >= 0 && stops[p].locationType === LocationType.Station ? p : s] = 1;
    }
  const out: number[] = [];
  point.forEach((v, i) => {
    if (v === 1) out.push(i);
  });
  return out;
}

/** Routes as lines (one per route), served stops as points (one per station). */
export function networkGeoJson(net: Network): NetworkGeoJson {
  const features: (RouteFeature | StopFeature)[] = [];
  routeTrips(net).forEach((t, r) => {
    const f = t >= 0 ? routeFeature(net, r, t) : null;
    if (f !== null) features.push(f);
  });
  for (const i of servedPoints(net)) {
    const s = net.input.stops[i];
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round(s.lon), round(s.lat)] },
      properties: {
        kind: 'stop',
        id: s.id,
        name: s.name,
        names: { ...(s.names ?? {}) },
        feed: net.input.feeds[s.feed]?.name ?? '',
        modes: net.stopModes(i),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

export interface MapView {
  /** [lat, lon] degrees. */
  center: [number, number];
  /** Web-mercator zoom level (integer, 3–14). */
  zoom: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/**
 * A map view over the served stops, robust to a few far-away ones (ports abroad): centre = median
 * latitude and longitude, zoom fits the 10th–90th percentile span in ≈ 500 px.
 */
export function mapView(net: Network): MapView {
  const pts = servedPoints(net);
  const idx = pts.length > 0 ? pts : net.input.stops.map((_, i) => i);
  if (idx.length === 0) return { center: [0, 0], zoom: 3 };
  const lats = idx.map((i) => net.input.stops[i].lat).sort((a, b) => a - b);
  const lons = idx.map((i) => net.input.stops[i].lon).sort((a, b) => a - b);
  const span = Math.max(quantile(lats, 0.9) - quantile(lats, 0.1), quantile(lons, 0.9) - quantile(lons, 0.1), 0.01);
  const zoom = Math.min(14, Math.max(3, Math.floor(Math.log2(720 / span))));
  return { center: [round(quantile(lats, 0.5)), round(quantile(lons, 0.5))], zoom };
}
