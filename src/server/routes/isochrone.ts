/**
 * GET /api/isochrone: the parameters and GeoJSON of `jjj isochrone --json` (or, with
 * `format=svg`, the picture of `--svg`). The zod schema checks types and lengths first;
 * isochroneOptions (src/app/isochrone-params.ts) owns the semantics and ISOCHRONE_LIMITS, as for
 * the CLI.
 *
 * An isochrone is one long synchronous computation, which the budget middleware cannot interrupt.
 * So the route bounds its work before doing it (HTTP_ISOCHRONE_LIMITS: cells × sampled minutes,
 * cells × polygons traced, checked as soon as the grid is known, a 400 naming `window` or `cell`),
 * and the computation calls back between searches, surfaces and polygons so that it stops with a
 * 503 `timeout` once the request's time budget is spent (a request never runs on for minutes).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ISOCHRONE_LIMITS, isochroneOptions, isochroneTitle, type RawIsochroneParams } from '../../app/isochrone-params.js';
import { LIMITS, ParamError } from '../../app/params.js';
import { SurfaceTooLargeError } from '../../core/isochrone.js';
import { ISOCHRONE_DEFAULTS, isochrones, UnknownScenarioError, type IsochroneLimits } from '../../core/isochrone-plan.js';
import { PLAN_DEFAULTS } from '../../core/plan.js';
import { UnknownPlaceError } from '../../core/places.js';
import { MODE_NAMES } from '../../core/query.js';
import { isochroneSvg } from '../../core/svg.js';
import { DEFAULT_BUDGET_MS } from '../budget.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { intParam, textParam } from '../schemas.js';

/**
 * Work bounds of one HTTP request. Measured on the bundled region (2-core machine, under load):
 * filling the walking surfaces and their percentiles costs ≈ 20 ns per cell × sampled minute,
 * tracing a polygon ≈ 300–550 ns per cell, so the largest allowed request takes ≈ 2–3 s.
 * (The CLI has no such bound beyond MAX_CELLS.)
 */
export const HTTP_ISOCHRONE_LIMITS: IsochroneLimits = { cellSamples: 40_000_000, contourCells: 4_000_000 };

const TIME_TEXT = 'local date-time in the feed time zone (`2026-11-24T09:00`) or with an offset (`2026-11-24T09:00+08:00`)';

/** A repeatable text parameter (`excludeFeed=a&excludeFeed=b`), each value possibly a comma list. */
function repeatable(field: string, description: string, example: string) {
  const one = z.string().max(LIMITS.placeChars, { error: `${field} is longer than ${LIMITS.placeChars} characters` });
  return z
    .union([one, z.array(one).max(ISOCHRONE_LIMITS.excluded, { error: `at most ${ISOCHRONE_LIMITS.excluded} values of ${field}` })], {
      error: `${field} must be text (repeat the parameter or separate values with commas)`,
    })
    .optional()
    .openapi({ description, example });
}

export const IsochroneQuery = z.object({
  from: textParam('from', LIMITS.placeChars, 'Circle *from* this place (with `depart`): stop id, stop name in any language, or `lat,lon`. Exactly one of from or to.', '燕郊').optional(),
  to: textParam('to', LIMITS.placeChars, 'Circle *to* this place (with `arrive`): where people can live and still get there in time.', '国贸').optional(),
  depart: textParam('depart', LIMITS.timeChars, `Leave at (with from): ${TIME_TEXT}.`).optional(),
  arrive: textParam('arrive', LIMITS.timeChars, `Arrive by (with to): ${TIME_TEXT}.`, '2026-11-24T09:00').optional(),
  cutoffs: textParam('cutoffs', 100, `Comma-separated minutes, 1–${ISOCHRONE_LIMITS.cutoffMinutes}, at most ${ISOCHRONE_LIMITS.cutoffs} (default ${ISOCHRONE_DEFAULTS.cutoffsMinutes.join(',')}).`, '30,60').optional(),
  window: textParam('window', 20, `Sample every minute of this local time window on the day of depart/arrive (\`07:00-09:00\`, at most ${ISOCHRONE_LIMITS.windowMinutes} minutes); absent: the one instant.`, '07:00-09:00').optional(),
  percentiles: textParam('percentiles', 40, `Comma-separated percentiles (1–100, at most 5) of the travel time over the window, nearest-rank (default ${ISOCHRONE_DEFAULTS.percentiles.join(',')}).`, '50,90').optional(),
  cell: intParam('cell', ISOCHRONE_LIMITS.cellMin, ISOCHRONE_LIMITS.cellMax, ISOCHRONE_DEFAULTS.cellMetres, 'Grid cell size in metres. A grid too large for the window and cutoffs is refused (400 naming `cell` or `window`).'),
  maxWalkMinutes: intParam('maxWalkMinutes', 0, ISOCHRONE_LIMITS.maxWalkMinutes, ISOCHRONE_DEFAULTS.maxWalkMinutes, 'Longest walk between the place or a stop and a cell.'),
  maxTransfers: intParam('maxTransfers', 0, LIMITS.maxTransfers, PLAN_DEFAULTS.maxTransfers, 'Most changes of vehicle.'),
  modes: textParam('modes', 200, `Comma-separated modes to use (${MODE_NAMES.join(', ')}); all when absent.`).optional(),
  excludeFeed: repeatable('excludeFeed', 'Scenario: also compute the circles without this feed (name; repeat or comma list) and report what is lost.', 'metro-line22'),
  excludeRoute: repeatable('excludeRoute', 'Scenario: without this route (`feed:route_id`, or a bare route id; repeat or comma list).', 'metro-line22:L22'),
  realtime: z
    .enum(['true', 'false'], { error: 'realtime must be true or false' })
    .optional()
    .openapi({
      description:
        'Use the live times of the GTFS-Realtime messages in use (delays, cancellations, added trips; see GET /api/realtime) instead of the timetable, in both scenarios. Default false: circles from the timetable, reproducible.',
    }),
  format: z
    .enum(['json', 'svg'], { error: 'format must be json or svg' })
    .optional()
    .openapi({ description: '`json` (default): the GeoJSON FeatureCollection; `svg`: a map picture of the circles (image/svg+xml).' }),
});

const Ring = z.array(z.tuple([z.number(), z.number()])).openapi({ description: '[lon, lat] pairs, closed' });

export const IsochroneResultSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) }),
        properties: z.object({
          kind: z.enum(['isochrone', 'lost']).openapi({ description: '`lost`: reached with the full network, not in the scenario' }),
          scenario: z.enum(['network', 'without']),
          cutoffMinutes: z.number(),
          percentile: z.number(),
          areaKm2: z.number(),
        }),
      }),
    ),
    stops: z
      .array(z.object({ id: z.string(), name: z.string(), lat: z.number(), lon: z.number(), minutes: z.record(z.string(), z.number()).openapi({ description: 'Minutes per percentile, keyed `p50`, `p90` …', example: { p50: 42 } }) }))
      .openapi({ description: 'Stops reached within the largest cutoff, nearest first' }),
    comparison: z
      .array(
        z.object({
          percentile: z.number(),
          cutoffMinutes: z.number(),
          areaKm2: z.number(),
          areaWithoutKm2: z.number(),
          lostKm2: z.number(),
          stops: z.number(),
          stopsWithout: z.number(),
          placesLost: z.array(z.string()).openapi({ description: 'Stations reached only with the excluded feeds/routes' }),
        }),
      )
      .optional()
      .openapi({ description: 'Present with excludeFeed/excludeRoute' }),
    samples: z.number().openapi({ description: 'Instants sampled (minutes of the window)' }),
    realtime: z.literal(true).optional().openapi({ description: 'Present when live times were used (realtime=true and a trip-update message in use)' }),
    cellMetres: z.number(),
  })
  .openapi('IsochroneResult');

const route = createRoute({
  method: 'get',
  path: '/api/isochrone',
  tags: ['isochrones'],
  summary: 'Commute circles from or to a place',
  description:
    'The GeoJSON of `jjj isochrone --json`: nested MultiPolygons per percentile and cutoff (`kind: "isochrone"`), for a scenario also the circles without the excluded feeds/routes and the `lost` area, plus the stops reached. Travel time per cell over every minute of the window, then the percentile.',
  request: { query: IsochroneQuery },
  responses: {
    200: {
      description: 'A FeatureCollection (or an SVG picture with format=svg)',
      content: { 'application/json': { schema: IsochroneResultSchema }, 'image/svg+xml': { schema: z.string() } },
    },
    ...errorResponses(
      [400, 'Bad parameter (`bad_parameter`), unknown place (`unknown_place`), feed or route (`unknown_scenario`), or too much work (`too_large`), naming the field'],
      [503, 'Network not loaded yet, or over the time budget (`timeout`)'],
    ),
  },
});

class OverBudget extends Error {}

/** The values of a repeatable parameter. */
function values(v: string | string[] | undefined): string[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

export interface IsochroneRouteOptions {
  /** The request time budget (ms): the computation stops with 503 once it is spent. */
  budgetMs?: number;
  /** Monotonic milliseconds (tests inject a fake). */
  clock?: () => number;
  limits?: IsochroneLimits;
}

export function registerIsochrone(app: OpenAPIHono<AppEnv>, options: IsochroneRouteOptions = {}): void {
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const clock = options.clock ?? (() => performance.now());
  const limits = options.limits ?? HTTP_ISOCHRONE_LIMITS;
  app.openapi(route, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const net = snap.network;
    const q = c.req.valid('query');
    const start = clock();
    const { realtime, ...rest } = q;
    const raw: RawIsochroneParams = { ...rest, excludeFeed: values(q.excludeFeed), excludeRoute: values(q.excludeRoute) };
    // live times captured with the network: they belong together
    const overlay = realtime === 'true' ? snap.realtime?.overlay : undefined;
    try {
      const o = isochroneOptions(raw, net.input.feeds[0]?.timezone ?? 'UTC');
      o.limits = limits;
      if (overlay) o.realtime = overlay;
      o.checkpoint = () => {
        if (clock() - start > budgetMs) throw new OverBudget();
      };
      const result = isochrones(net, o);
      if (q.format === 'svg') return c.body(isochroneSvg(net, result, isochroneTitle(raw, o)), 200, { 'content-type': 'image/svg+xml; charset=utf-8' }) as never;
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof ParamError) return fail(c, 400, 'bad_parameter', err.message, err.field);
      if (err instanceof UnknownPlaceError) return fail(c, 400, 'unknown_place', err.message, err.field);
      if (err instanceof UnknownScenarioError) return fail(c, 400, 'unknown_scenario', err.message, err.field);
      if (err instanceof SurfaceTooLargeError) return fail(c, 400, 'too_large', err.message, err.limit === 'cellSamples' && err.samples > 1 ? 'window' : 'cell');
      if (err instanceof OverBudget) return fail(c, 503, 'timeout', `the request took longer than its time budget of ${budgetMs} ms`);
      throw err;
    }
  });
}
