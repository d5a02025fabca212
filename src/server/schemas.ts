/**
 * Zod schemas of the API: they validate requests and generate the OpenAPI 3.1 document (one source
 * of truth). Bounds come from LIMITS (src/app/params.ts), the same constants planOptions checks.
 */
import { z } from '@hono/zod-openapi';
import { LIMITS } from '../app/params.js';
import { PLAN_DEFAULTS } from '../core/plan.js';
import { MODE_NAMES } from '../core/query.js';
import { AlertSchema, LangParam } from './realtime-schemas.js';

/** Defaults of the stop endpoints. */
export const STOP_DEFAULTS = { searchResults: 10, departures: 20, windowMinutes: 120 } as const;

const once = (field: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `${field} is required` : `${field} must be given once, as text`;

/** A text parameter of at most `max` characters. */
export function textParam(field: string, max: number, description: string, example?: string) {
  return z
    .string({ error: once(field) })
    .max(max, { error: `${field} is longer than ${max} characters` })
    .openapi({ description, ...(example !== undefined ? { example } : {}) });
}

/** A required, non-blank text parameter of 1–`max` characters. */
export function requiredText(field: string, max: number, description: string, example?: string) {
  return z
    .string({ error: once(field) })
    .max(max, { error: `${field} is longer than ${max} characters` })
    .refine((s) => s.trim() !== '', { error: `${field} is required` })
    .openapi({ description, minLength: 1, ...(example !== undefined ? { example } : {}) });
}

/**
 * A whole-number parameter in [min, max]; empty or absent means `def`. Validated as text (query
 * strings are text) with the rules of `int` in src/app/params.ts; documented as an integer.
 */
export function intParam(field: string, min: number, max: number, def: number, description: string) {
  return z
    .string({ error: once(field) })
    .refine((s) => s === '' || /^\d+$/.test(s.trim()), { error: (iss) => `${field} must be a whole number, got "${String(iss.input)}"` })
    .refine((s) => s === '' || (Number(s) >= min && Number(s) <= max), {
      error: (iss) => `${field} must be between ${min} and ${max}, got ${Number(iss.input)}`,
    })
    .optional()
    .openapi({ type: 'integer', minimum: min, maximum: max, default: def, description });
}

const TIME_TEXT = 'local date-time in the feed time zone (`2026-11-24T08:00`) or with an offset (`2026-11-24T08:00+08:00`)';

export const PlanQuery = z.object({
  from: requiredText('from', LIMITS.placeChars, 'Origin: stop id (`feed:id` or a bare id unique across feeds), stop name in any language of the feed, or `lat,lon`.', '燕郊'),
  to: requiredText('to', LIMITS.placeChars, 'Destination, as `from`.', '国贸'),
  depart: textParam('depart', LIMITS.timeChars, `Leave at: ${TIME_TEXT}. Exactly one of depart or arrive.`, '2026-11-24T07:30').optional(),
  arrive: textParam('arrive', LIMITS.timeChars, `Arrive by: ${TIME_TEXT}. Exactly one of depart or arrive.`).optional(),
  maxTransfers: intParam('maxTransfers', 0, LIMITS.maxTransfers, PLAN_DEFAULTS.maxTransfers, 'Most changes of vehicle.'),
  modes: textParam('modes', 200, `Comma-separated modes to use (${MODE_NAMES.join(', ')}); all when absent.`, 'rail,subway').optional(),
  maxWalk: intParam('maxWalk', 0, LIMITS.maxWalkMetres, PLAN_DEFAULTS.maxWalkMetres, 'Metres walked at most from a `lat,lon` origin / to a destination.'),
  transferSlack: intParam('transferSlack', 0, LIMITS.transferSlack, PLAN_DEFAULTS.transferSlack, 'Seconds added to every change of vehicle.'),
  maxHours: intParam('maxHours', 1, LIMITS.maxHours, PLAN_DEFAULTS.maxDuration / 3600, 'Search horizon in hours.'),
  lang: LangParam,
});

export const StopSearchQuery = z.object({
  q: requiredText('q', LIMITS.queryChars, 'Stop name (any language) or part of it: exact matches first, then prefixes, then substrings.', '燕郊'),
  limit: intParam('limit', 1, LIMITS.stopResults, STOP_DEFAULTS.searchResults, 'Most stops answered.'),
});

export const StopIdParam = z.object({
  id: requiredText('id', LIMITS.placeChars, 'Stop or station id: `feed:id`, or a bare id unique across feeds.', 'metro-line22:yanjiao').openapi({
    param: { name: 'id', in: 'path' },
  }),
});

export const StopDeparturesQuery = z.object({
  time: textParam('time', LIMITS.timeChars, `Departures at or after this time: ${TIME_TEXT}. Default: now.`, '2026-11-24T07:30').optional(),
  windowMinutes: intParam('windowMinutes', 1, LIMITS.windowMinutes, STOP_DEFAULTS.windowMinutes, 'Minutes after `time` to list.'),
  limit: intParam('limit', 1, LIMITS.departures, STOP_DEFAULTS.departures, 'Most departures answered.'),
  lang: LangParam,
});

const Names = z.record(z.string(), z.string()).openapi({ description: 'Names in other languages (translations.txt), e.g. {"en":"Yanjiao"}.', example: { en: 'Yanjiao' } });
const Mode = z.enum(MODE_NAMES);
const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])).openapi({ description: '[lon, lat] pairs' }) });

export const PlaceOut = z.object({ id: z.string().nullable(), name: z.string(), names: Names.optional(), lat: z.number(), lon: z.number() });

export const Leg = z
  .object({
    mode: z.string().openapi({ description: 'WALK, or the vehicle mode in capitals (RAIL, SUBWAY, BUS, …)' }),
    from: PlaceOut,
    to: PlaceOut,
    departure: z.string().openapi({ description: 'ISO 8601 with offset' }),
    arrival: z.string(),
    durationSeconds: z.number(),
    distanceMetres: z.number().optional(),
    routeId: z.string().optional(),
    routeName: z.string().optional(),
    routeShortName: z.string().optional(),
    routeLongName: z.string().optional(),
    routeType: z.number().optional(),
    agencyName: z.string().optional(),
    tripId: z.string().optional(),
    tripStartTime: z.string().optional(),
    headwaySeconds: z.number().optional(),
    exactTimes: z.boolean().optional(),
    headsign: z.string().optional(),
    serviceDate: z.string().optional(),
    intermediateStops: z.array(PlaceOut.extend({ arrival: z.string(), departure: z.string() })).optional(),
    realtime: z.literal(true).optional(),
    scheduledDeparture: z.string().optional(),
    scheduledArrival: z.string().optional(),
    delaySeconds: z.number().optional(),
    added: z.literal(true).optional(),
    alerts: z.array(AlertSchema).optional().openapi({ description: 'GTFS-Realtime alerts informing this leg (agency, route, trip, boarding or alighting stop), active during it' }),
    geometry: LineString,
  })
  .openapi('Leg');

export const PlanResult = z
  .object({
    itineraries: z.array(
      z.object({
        departure: z.string(),
        arrival: z.string(),
        durationSeconds: z.number(),
        transfers: z.number(),
        walkSeconds: z.number(),
        legs: z.array(Leg),
      }),
    ),
  })
  .openapi('PlanResult');

export const Stop = z
  .object({ id: z.string(), name: z.string(), names: Names, lat: z.number(), lon: z.number(), feed: z.string(), modes: z.array(Mode) })
  .openapi('Stop');

export const StopSearchResult = z.object({ stops: z.array(Stop) });

export const Departure = z
  .object({
    departure: z.string().openapi({ description: 'ISO 8601 with offset' }),
    stop: z.object({ id: z.string(), name: z.string() }),
    mode: z.string(),
    routeId: z.string(),
    routeName: z.string(),
    tripId: z.string(),
    headsign: z.string(),
    destination: z.object({ id: z.string(), name: z.string() }),
    serviceDate: z.string(),
    realtime: z.literal(true).optional().openapi({ description: 'Live (GTFS-Realtime) time' }),
    scheduledDeparture: z.string().optional(),
    delaySeconds: z.number().optional(),
    added: z.literal(true).optional(),
  })
  .openapi('Departure');

export const StopDetail = z.object({
  stop: Stop.extend({
    parent: z.object({ id: z.string(), name: z.string() }).optional(),
    platforms: z.array(Stop.extend({ platformCode: z.string().optional() })).optional(),
  }),
  /** The query window. */
  time: z.string().openapi({ description: 'Start of the window, ISO 8601 with offset' }),
  windowMinutes: z.number(),
  departures: z.array(Departure),
  alerts: z.array(AlertSchema).openapi({ description: 'GTFS-Realtime alerts naming this stop (or its station / platforms), active in the window' }),
});

const Timings = z.object({ importMs: z.number(), compileMs: z.number() }).openapi({ description: 'Milliseconds' });
const Counts = z.record(z.string(), z.number());

export const FeedsResult = z.object({
  feeds: z.array(
    z.object({
      name: z.string(),
      path: z.string().openapi({ description: 'Relative to the package root when inside it' }),
      timezone: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      counts: Counts,
    }),
  ),
  issues: z.object({ errors: z.number(), warnings: z.number(), byCode: Counts }).openapi({ description: 'Import report summary: occurrences by severity and by code' }),
  loadedAt: z.string(),
  reused: z.boolean(),
  generation: z.number(),
  timings: Timings,
});

export const Health = z
  .object({
    status: z.enum(['ok', 'loading', 'failed']),
    feeds: z.array(z.string()),
    loadedAt: z.string().nullable(),
    generation: z.number(),
    reloading: z.boolean(),
    stops: z.number().optional(),
    trips: z.number().optional(),
    lastError: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string(), field: z.null() }).optional(),
  })
  .openapi('Health');

export const Config = z.object({
  tileUrl: z.string().nullable().openapi({ description: 'Tile URL template (JJJ_TILE_URL), null for no base map' }),
  tileAttribution: z.string().nullable(),
  center: z.tuple([z.number(), z.number()]).openapi({ description: '[lat, lon]' }),
  zoom: z.number(),
  timezone: z.string(),
  defaultDate: z.string().openapi({ description: 'YYYY-MM-DD' }),
});

export const NetworkGeoJson = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.union([LineString, z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })]),
        properties: z.union([
          z.object({ kind: z.literal('route'), feed: z.string(), routeId: z.string(), name: z.string(), longName: z.string().nullable(), mode: Mode, color: z.string().nullable() }),
          z.object({ kind: z.literal('stop'), id: z.string(), name: z.string(), names: Names, feed: z.string(), modes: z.array(Mode) }),
        ]),
      }),
    ),
  })
  .openapi('NetworkGeoJson');

export const ReloadResult = z.object({
  reloaded: z.literal(true),
  generation: z.number(),
  reused: z.boolean(),
  feeds: z.array(z.string()),
  timings: Timings,
});
