/**
 * Travel-time surfaces and isochrones ("1-hour commute circles"): the router's one-to-all search
 * repeated over a window of departure (or arrival) minutes, a walking surface on a grid from the
 * stops reached, per-cell percentiles over the window (as Conveyal R5 does), and contours.
 *
 * Travel time at a cell for one departure minute = the best of walking there directly from the
 * place, or reaching a stop (seconds from the minute, waiting included) plus walking from the
 * stop to the cell, walks capped at `maxWalkSeconds`. Arrive-by mirrors it (to the place).
 */
import { contours } from 'd3-contour';
import area from '@turf/area';
import type { Network } from './network.js';
import type { StopAccess } from './query.js';
import { distanceMetres } from './walk.js';
import type { RealtimeOverlay } from './realtime.js';

export interface SurfaceRequest {
  direction: 'depart' | 'arrive';
  /** First and last departure (arrive-by: arrival) instant of the window, epoch seconds. */
  windowStart: number;
  windowEnd: number;
  /** Seconds between sampled instants (60 = every minute). */
  step: number;
  /** The place and its walks to (arrive-by: from) boarding stops. */
  lat: number;
  lon: number;
  access: StopAccess[];
  /** Largest cutoff in seconds: the search horizon. */
  maxSeconds: number;
  maxTransfers: number;
  modeMask: number;
  transferSlack: number;
  /** Longest walk between a stop (or the place) and a cell, seconds. */
  maxWalkSeconds: number;
  cellMetres: number;
  /** Compiled routes not to use (scenarios); indices into the timetable's routes. */
  excludeRoutes?: Uint8Array;
  /** Live times to use instead of the timetable's (see realtime.ts). */
  realtime?: RealtimeOverlay;
  /** Seed of the frequency phase draws (same seed, same answer). */
  seed?: number;
  /** Refuse grids of more cells than this (default MAX_CELLS). */
  maxCells?: number;
  /** Refuse more cells × sampled instants than this (memory and time grow with it). */
  maxCellSamples?: number;
  /**
   * Called between units of work (each search, each sample's walking surface); a caller that must
   * stop (a time budget) throws from it and the computation ends there.
   */
  checkpoint?: () => void;
}

/** A seeded PRNG (mulberry32): isochrones are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Frequency-based services (exact_times=0) have a headway but no timetable: for each sampled
 * instant, every such route gets a random phase in [0, headway) (Monte Carlo, as Conveyal R5 does),
 * so percentiles reflect the unknown timing instead of the nominal start_time. Returns null when
 * the network has no such route.
 */
export function randomPhases(net: Network, rnd: () => number, out: Int32Array): Int32Array | null {
  const h = net.timetable.routeHeadway;
  let any = false;
  for (let r = 0; r < h.length; r++) {
    out[r] = h[r] > 0 ? Math.floor(rnd() * h[r]) : 0;
    if (h[r] > 0) any = true;
  }
  return any ? out : null;
}

/** Seconds value for "not reached within maxSeconds". */
export const UNREACHED_CELL = 0xffff;

/** A travel-time grid: row 0 is the southern edge; cell (x, y) spans [west + x·dLon, …]. */
export interface Grid {
  west: number;
  south: number;
  dLon: number;
  dLat: number;
  nx: number;
  ny: number;
}

export interface Surface {
  grid: Grid;
  /** Number of sampled instants. */
  samples: number;
  /** Per sample, per cell: seconds (UNREACHED_CELL when beyond maxSeconds). Row-major by sample. */
  cells: Uint16Array;
  /** Per sample, per stop: seconds, or -1. Row-major by sample. */
  stops: Int32Array;
  stopCount: number;
}

/** Cells in a grid larger than this are refused (choose a larger cell size). */
export const MAX_CELLS = 4_000_000;

export class SurfaceTooLargeError extends Error {
  /**
   * @param cells cells of the grid
   * @param limit the limit exceeded: on cells, or on cells × sampled instants
   */
  constructor(
    readonly cells: number,
    readonly samples = 1,
    readonly limit: 'cells' | 'cellSamples' = 'cells',
    max = MAX_CELLS,
  ) {
    super(
      limit === 'cells'
        ? `the travel-time grid would have ${cells} cells (at most ${max}); use a larger cell size${max < MAX_CELLS ? ', fewer cutoffs or percentiles' : ''}`
        : `the travel-time grid would have ${cells} cells × ${samples} sampled minutes = ${cells * samples} (at most ${max}); use a shorter window, a larger cell size or a smaller cutoff`,
    );
    this.name = 'SurfaceTooLargeError';
  }
}

/** Run the window of searches and build the per-sample cell times. */
export function travelTimeSurface(net: Network, q: SurfaceRequest): Surface {
  const S = net.input.stops.length;
  const times: number[] = [];
  for (let t = q.windowStart; t <= q.windowEnd; t += Math.max(1, q.step)) times.push(t);
  const M = times.length;
  const stopTimes = new Int32Array(M * S);
  const buf = new Int32Array(S);
  const reached = new Uint8Array(S);
  const rnd = seededRandom(q.seed ?? 1);
  const phases = new Int32Array(net.timetable.routeHeadway.length);
  for (let i = 0; i < M; i++) {
    q.checkpoint?.();
    const routeShift = randomPhases(net, rnd, phases);
    net.router.reach(
      {
        direction: q.direction,
        time: times[i],
        access: q.access,
        egress: [],
        maxTransfers: q.maxTransfers,
        modeMask: q.modeMask,
        transferSlack: q.transferSlack,
        maxDuration: q.maxSeconds,
        ...(q.excludeRoutes !== undefined ? { excludeRoutes: q.excludeRoutes } : {}),
        ...(routeShift !== null ? { routeShift } : {}),
        ...(q.realtime !== undefined ? { realtime: q.realtime } : {}),
      },
      buf,
    );
    stopTimes.set(buf, i * S);
    for (let s = 0; s < S; s++) if (buf[s] >= 0) reached[s] = 1;
  }

  const stops = net.input.stops;
  const walk = net.walk.options;
  const radius = (q.maxWalkSeconds * walk.speed) / walk.detour; // straight-line metres
  let minLat = q.lat;
  let maxLat = q.lat;
  let minLon = q.lon;
  let maxLon = q.lon;
  for (let s = 0; s < S; s++) {
    if (!reached[s]) continue;
    minLat = Math.min(minLat, stops[s].lat);
    maxLat = Math.max(maxLat, stops[s].lat);
    minLon = Math.min(minLon, stops[s].lon);
    maxLon = Math.max(maxLon, stops[s].lon);
  }
  const dLat = q.cellMetres / 111_320;
  const dLon = q.cellMetres / (111_320 * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180));
  const padLat = radius / 111_320 + dLat;
  const padLon = (radius / q.cellMetres) * dLon + dLon;
  const grid: Grid = {
    west: minLon - padLon,
    south: minLat - padLat,
    dLon,
    dLat,
    nx: Math.ceil((maxLon - minLon + 2 * padLon) / dLon),
    ny: Math.ceil((maxLat - minLat + 2 * padLat) / dLat),
  };
  const C = grid.nx * grid.ny;
  const maxCells = Math.min(MAX_CELLS, q.maxCells ?? MAX_CELLS);
  if (C > maxCells) throw new SurfaceTooLargeError(C, M, 'cells', maxCells);
  if (q.maxCellSamples !== undefined && C * M > q.maxCellSamples) throw new SurfaceTooLargeError(C, M, 'cellSamples', q.maxCellSamples);

  // Walking stamps: for the place and each reached stop, the cells within the walk and seconds.
  const stamp = (lat: number, lon: number): { cell: Int32Array; sec: Int32Array } => {
    const cells: number[] = [];
    const secs: number[] = [];
    const cx = Math.floor((lon - grid.west) / dLon);
    const cy = Math.floor((lat - grid.south) / dLat);
    const rx = Math.ceil(radius / q.cellMetres) + 1;
    for (let y = Math.max(0, cy - rx); y <= Math.min(grid.ny - 1, cy + rx); y++) {
      for (let x = Math.max(0, cx - rx); x <= Math.min(grid.nx - 1, cx + rx); x++) {
        const m = distanceMetres(lat, lon, grid.south + (y + 0.5) * dLat, grid.west + (x + 0.5) * dLon);
        const sec = net.walk.secondsFor(m);
        if (sec <= q.maxWalkSeconds) {
          cells.push(y * grid.nx + x);
          secs.push(sec);
        }
      }
    }
    return { cell: Int32Array.from(cells), sec: Int32Array.from(secs) };
  };
  const origin = stamp(q.lat, q.lon);
  const stamps = new Map<number, { cell: Int32Array; sec: Int32Array }>();
  for (let s = 0; s < S; s++) if (reached[s]) stamps.set(s, stamp(stops[s].lat, stops[s].lon));

  const cells = new Uint16Array(M * C).fill(UNREACHED_CELL);
  for (let i = 0; i < M; i++) {
    q.checkpoint?.();
    const row = cells.subarray(i * C, (i + 1) * C);
    for (let k = 0; k < origin.cell.length; k++) {
      if (origin.sec[k] <= q.maxSeconds && origin.sec[k] < row[origin.cell[k]]) row[origin.cell[k]] = origin.sec[k];
    }
    for (const [s, st] of stamps) {
      const t = stopTimes[i * S + s];
      if (t < 0) continue;
      for (let k = 0; k < st.cell.length; k++) {
        const v = t + st.sec[k];
        if (v <= q.maxSeconds && v < row[st.cell[k]]) row[st.cell[k]] = v;
      }
    }
  }
  return { grid, samples: M, cells, stops: stopTimes, stopCount: S };
}

/**
 * Percentile over the samples, nearest-rank: the smallest value v such that at least p % of the
 * samples are ≤ v (p = 50 with 121 samples is the 61st smallest). Unreached counts as infinite.
 */
export function percentileOf(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const k = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[k - 1];
}

/** Per-cell percentile grid (seconds or UNREACHED_CELL). */
export function cellPercentile(surface: Surface, p: number): Uint16Array {
  return cellPercentiles(surface, [p])[0];
}

/** Per-cell grids for several percentiles, sorting each cell's samples once. */
export function cellPercentiles(surface: Surface, ps: readonly number[], checkpoint?: () => void): Uint16Array[] {
  const C = surface.grid.nx * surface.grid.ny;
  const M = surface.samples;
  const out = ps.map(() => new Uint16Array(C).fill(UNREACHED_CELL));
  const col = new Uint16Array(M);
  for (let c = 0; c < C; c++) {
    if (checkpoint !== undefined && (c & 0xffff) === 0) checkpoint();
    let any = false;
    for (let i = 0; i < M; i++) {
      const v = surface.cells[i * C + c];
      col[i] = v;
      if (v !== UNREACHED_CELL) any = true;
    }
    if (!any) continue;
    if (M > 1) col.sort();
    for (let k = 0; k < ps.length; k++) out[k][c] = percentileOf(col, ps[k]);
  }
  return out;
}

/** Per-stop percentile (seconds or -1). */
export function stopPercentile(surface: Surface, stop: number, p: number): number {
  const M = surface.samples;
  const col = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    const v = surface.stops[i * surface.stopCount + stop];
    col[i] = v < 0 ? Infinity : v;
  }
  col.sort();
  const v = percentileOf(col, p);
  return Number.isFinite(v) ? v : -1;
}

export type Ring = [number, number][];
export type MultiPolygonCoords = Ring[][];

/** Signed area of a ring (shoelace, positive = counter-clockwise). */
function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/**
 * The region of cells with time ≤ `cutoffSeconds`, as MultiPolygon coordinates in lon/lat with
 * RFC 7946 winding (exterior counter-clockwise, holes clockwise), via d3-contour's marching
 * squares.
 */
export function contour(grid: Grid, values: Uint16Array, cutoffSeconds: number): MultiPolygonCoords {
  // d3-contour outlines values ≥ threshold: negate times so "≥ −cutoff" means "≤ cutoff".
  // Unreached cells sit just beyond the largest cutoff so interpolation stays local.
  const field = new Float64Array(values.length);
  for (let c = 0; c < values.length; c++) field[c] = values[c] === UNREACHED_CELL ? -(cutoffSeconds + 3600) : -values[c];
  const [mp] = contours().size([grid.nx, grid.ny]).thresholds([-cutoffSeconds])(Array.from(field));
  const out: MultiPolygonCoords = [];
  for (const poly of mp.coordinates) {
    const rings = poly.map((ring) => ring.map(([x, y]) => [grid.west + x * grid.dLon, grid.south + y * grid.dLat] as [number, number]));
    rings.forEach((r, i) => {
      const ccw = signedArea(r) > 0;
      if ((i === 0) !== ccw) r.reverse();
    });
    out.push(rings);
  }
  return out;
}

/** Area of a MultiPolygon in km² (geodesic, @turf/area). */
export function areaKm2(coords: MultiPolygonCoords): number {
  if (coords.length === 0) return 0;
  return area({ type: 'MultiPolygon', coordinates: coords }) / 1e6;
}
