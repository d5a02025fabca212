/**
 * Isochrones as a planner asks for them: a place, a direction, a window, cutoffs and percentiles
 * in; a GeoJSON FeatureCollection of nested MultiPolygons out, plus the stops reached — and, for a
 * scenario (the network without some feeds or routes), what it loses.
 */
import type { Network } from './network.js';
import { resolvePlace } from './places.js';
import { modeMask, placeAccess } from './plan.js';
import type { ModeName } from './query.js';
import type { RealtimeOverlay } from './realtime.js';
import {
  areaKm2,
  cellPercentiles,
  contour,
  stopPercentile,
  travelTimeSurface,
  UNREACHED_CELL,
  type MultiPolygonCoords,
  type Surface,
  type SurfaceRequest,
} from './isochrone.js';

export interface IsochroneOptions {
  place: string;
  direction: 'depart' | 'arrive';
  /** Window of departure (arrive-by: arrival) instants, epoch seconds; start = end for one. */
  windowStart: number;
  windowEnd: number;
  stepSeconds: number;
  cutoffsMinutes: number[];
  percentiles: number[];
  cellMetres: number;
  /** Longest walk between the place or a stop and a cell. */
  maxWalkMinutes: number;
  maxTransfers: number;
  modes: readonly ModeName[] | null;
  transferSlack: number;
  /** Scenario: compare with the network without these feeds (names) and routes (ids). */
  excludeFeeds: string[];
  excludeRoutes: string[];
  /** Live times (GTFS-Realtime) to use instead of the timetable's, in both scenarios. */
  realtime?: RealtimeOverlay;
  /** Work bounds for callers that must answer quickly (the HTTP API); none by default. */
  limits?: IsochroneLimits;
  /** Called between units of work; throw from it to stop (a time budget). */
  checkpoint?: () => void;
}

/**
 * Bounds on one request's work, checked once the grid is known (after the searches, before the
 * surfaces are filled): cells × sampled minutes per surface (memory and time of the walking
 * surfaces and percentiles), and cells × polygons traced (each cutoff × percentile, three layers
 * for a scenario). A request over a bound fails with SurfaceTooLargeError.
 */
export interface IsochroneLimits {
  cellSamples: number;
  contourCells: number;
}

export const ISOCHRONE_DEFAULTS = {
  cutoffsMinutes: [30, 60],
  percentiles: [50],
  cellMetres: 250,
  maxWalkMinutes: 20,
  stepSeconds: 60,
} as const;

export interface IsochroneFeature {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: MultiPolygonCoords };
  properties: {
    kind: 'isochrone' | 'lost';
    scenario: 'network' | 'without';
    cutoffMinutes: number;
    percentile: number;
    areaKm2: number;
  };
}

export interface ReachedStop {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Minutes per percentile, keyed `p50`, `p90` … */
  minutes: Record<string, number>;
}

export interface IsochroneResult {
  type: 'FeatureCollection';
  features: IsochroneFeature[];
  stops: ReachedStop[];
  /** Scenario numbers per (percentile, cutoff), present when something was excluded. */
  comparison?: {
    percentile: number;
    cutoffMinutes: number;
    areaKm2: number;
    areaWithoutKm2: number;
    lostKm2: number;
    stops: number;
    stopsWithout: number;
    /** Stop (station) names reached only with the full network. */
    placesLost: string[];
  }[];
  samples: number;
  /** Present when live times (a realtime overlay) were used. */
  realtime?: true;
  cellMetres: number;
}

export class UnknownScenarioError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`unknown ${field === 'excludeFeed' ? 'feed' : 'route'} "${value}"`);
    this.name = 'UnknownScenarioError';
  }
}

/** Compiled-route mask for the excluded feeds and GTFS routes (null when nothing is excluded). */
export function exclusionMask(net: Network, feeds: string[], routes: string[]): Uint8Array | null {
  if (feeds.length === 0 && routes.length === 0) return null;
  const feedIdx = feeds.map((f) => {
    const i = net.input.feeds.findIndex((x) => x.name === f);
    if (i < 0) throw new UnknownScenarioError('excludeFeed', f);
    return i;
  });
  const lines = new Set<number>();
  for (const r of routes) {
    const matches = net.input.routes.flatMap((x, i) => (x.id === r || x.id.slice(x.id.indexOf(':') + 1) === r ? [i] : []));
    if (matches.length === 0) throw new UnknownScenarioError('excludeRoute', r);
    for (const m of matches) lines.add(m);
  }
  const tt = net.timetable;
  const mask = new Uint8Array(tt.forward.routeCount);
  for (let r = 0; r < mask.length; r++) {
    const line = tt.routeLine[r];
    if (lines.has(line) || feedIdx.includes(net.input.routes[line].feed)) mask[r] = 1;
  }
  return mask;
}

export function isochrones(net: Network, o: IsochroneOptions): IsochroneResult {
  const place = resolvePlace(net, o.place, o.direction === 'depart' ? 'from' : 'to');
  const maxSeconds = Math.max(...o.cutoffsMinutes) * 60;
  const base: SurfaceRequest = {
    direction: o.direction,
    windowStart: o.windowStart,
    windowEnd: o.windowEnd,
    step: o.stepSeconds,
    lat: place.lat,
    lon: place.lon,
    access: placeAccess(net, place, (o.maxWalkMinutes * 60 * net.walk.options.speed) / net.walk.options.detour, o.direction === 'arrive'),
    maxSeconds,
    maxTransfers: o.maxTransfers,
    modeMask: modeMask(o.modes),
    transferSlack: o.transferSlack,
    maxWalkSeconds: o.maxWalkMinutes * 60,
    cellMetres: o.cellMetres,
    ...(o.checkpoint !== undefined ? { checkpoint: o.checkpoint } : {}),
    ...(o.realtime !== undefined ? { realtime: o.realtime } : {}),
  };
  const mask = exclusionMask(net, o.excludeFeeds, o.excludeRoutes);
  if (o.limits !== undefined) {
    const polygons = o.cutoffsMinutes.length * o.percentiles.length * (mask === null ? 1 : 3);
    base.maxCells = Math.max(1, Math.floor(o.limits.contourCells / polygons));
    base.maxCellSamples = Math.floor(o.limits.cellSamples / (mask === null ? 1 : 2));
  }
  const full = travelTimeSurface(net, base);
  const features: IsochroneFeature[] = [];
  const without = mask === null ? null : travelTimeSurface(net, { ...base, excludeRoutes: mask });
  const comparison: NonNullable<IsochroneResult['comparison']> = [];
  const fullGrids = cellPercentiles(full, o.percentiles, o.checkpoint);
  const withoutGrids = without === null ? null : cellPercentiles(without, o.percentiles, o.checkpoint);
  o.percentiles.forEach((p, k) => {
    const values = fullGrids[k];
    const valuesWithout = without === null || withoutGrids === null ? null : alignTo(full, without, withoutGrids[k]);
    for (const cutoff of [...o.cutoffsMinutes].sort((a, b) => b - a)) {
      o.checkpoint?.();
      const coords = contour(full.grid, values, cutoff * 60);
      features.push(feature('isochrone', 'network', cutoff, p, coords));
      if (valuesWithout !== null && without !== null) {
        const cw = contour(full.grid, valuesWithout, cutoff * 60);
        features.push(feature('isochrone', 'without', cutoff, p, cw));
        // lost: reached with the network, not without it
        const lost = new Uint16Array(values.length).fill(UNREACHED_CELL);
        for (let c = 0; c < values.length; c++)
          if (values[c] <= cutoff * 60 && !(valuesWithout[c] <= cutoff * 60)) lost[c] = 0;
        const lc = contour(full.grid, lost, 1);
        features.push(feature('lost', 'without', cutoff, p, lc));
        comparison.push({
          percentile: p,
          cutoffMinutes: cutoff,
          areaKm2: round(areaKm2(coords)),
          areaWithoutKm2: round(areaKm2(cw)),
          lostKm2: round(areaKm2(lc)),
          ...stopComparison(net, full, without, p, cutoff * 60),
        });
      }
    }
  });
  const result: IsochroneResult = {
    type: 'FeatureCollection',
    features,
    stops: reachedStops(net, full, o.percentiles, maxSeconds),
    samples: full.samples,
    cellMetres: o.cellMetres,
  };
  if (mask !== null) result.comparison = comparison;
  if (o.realtime !== undefined) result.realtime = true;
  return result;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function feature(kind: 'isochrone' | 'lost', scenario: 'network' | 'without', cutoff: number, p: number, coords: MultiPolygonCoords): IsochroneFeature {
  return {
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: coords },
    properties: { kind, scenario, cutoffMinutes: cutoff, percentile: p, areaKm2: round(areaKm2(coords)) },
  };
}

/** Resample a surface's percentile values onto another surface's grid (nearest cell). */
function alignTo(target: Surface, source: Surface, values: Uint16Array): Uint16Array {
  const g = target.grid;
  const h = source.grid;
  const out = new Uint16Array(g.nx * g.ny).fill(UNREACHED_CELL);
  for (let y = 0; y < g.ny; y++) {
    const sy = Math.floor((g.south + (y + 0.5) * g.dLat - h.south) / h.dLat);
    if (sy < 0 || sy >= h.ny) continue;
    for (let x = 0; x < g.nx; x++) {
      const sx = Math.floor((g.west + (x + 0.5) * g.dLon - h.west) / h.dLon);
      if (sx >= 0 && sx < h.nx) out[y * g.nx + x] = values[sy * h.nx + sx];
    }
  }
  return out;
}

function stationName(net: Network, s: number): string {
  const st = net.input.stops[s];
  return st.parent >= 0 ? net.input.stops[st.parent].name : st.name;
}

function stopComparison(net: Network, full: Surface, without: Surface, p: number, cutoff: number) {
  let stops = 0;
  let stopsWithout = 0;
  const lost = new Set<string>();
  for (let s = 0; s < full.stopCount; s++) {
    const a = stopPercentile(full, s, p);
    const b = stopPercentile(without, s, p);
    const inA = a >= 0 && a <= cutoff;
    const inB = b >= 0 && b <= cutoff;
    if (inA) stops++;
    if (inB) stopsWithout++;
    if (inA && !inB) lost.add(stationName(net, s));
  }
  return { stops, stopsWithout, placesLost: [...lost].sort() };
}

function reachedStops(net: Network, surface: Surface, percentiles: number[], maxSeconds: number): ReachedStop[] {
  const out: ReachedStop[] = [];
  for (let s = 0; s < surface.stopCount; s++) {
    let any = false;
    for (let i = 0; i < surface.samples && !any; i++) any = surface.stops[i * surface.stopCount + s] >= 0;
    if (!any) continue;
    const minutes: Record<string, number> = {};
    let within = false;
    for (const p of percentiles) {
      const v = stopPercentile(surface, s, p);
      if (v >= 0 && v <= maxSeconds) {
        minutes[`p${p}`] = Math.round(v / 6) / 10;
        within = true;
      }
    }
    if (!within) continue;
    const st = net.input.stops[s];
    out.push({ id: st.id, name: st.name, lat: st.lat, lon: st.lon, minutes });
  }
  out.sort((a, b) => (Object.values(a.minutes)[0] ?? 0) - (Object.values(b.minutes)[0] ?? 0));
  return out;
}
