/**
 * Zod schemas of the freight API (GET /api/freight/plan, GET /api/freight/places): request
 * validation and the OpenAPI document. Bounds are the ones planFreight checks
 * (src/core/freight/plan.ts), so a value the schema lets through is never refused later for range.
 */
import { z } from '@hono/zod-openapi';
import { LIMITS } from '../app/params.js';
import { DEFAULT_HORIZON_DAYS, DEFAULT_TONNES_PER_TEU } from '../core/freight/plan.js';
import { AlertSchema, LangParam } from './realtime-schemas.js';
import { requiredText } from './schemas.js';

/** Bounds of the freight query (the same as planFreight's validation). */
export const FREIGHT_LIMITS = { teu: [1, 10000], tonnesPerTeu: [0, 28], horizonDays: [1, 120] } as const;

const once = (field: string) => (iss: { input?: unknown }) => (iss.input === undefined ? `${field} is required` : `${field} must be given once, as text`);

/**
 * A decimal number parameter; empty or absent means `def`. `minExclusive` makes the lower bound
 * exclusive. Validated as text (query strings are text), documented as a number.
 */
function numberParam(field: string, min: number, max: number, def: number, description: string, o: { integer?: boolean; minExclusive?: boolean } = {}) {
  const re = o.integer ? /^\s*\d+\s*$/ : /^\s*\d+(?:\.\d+)?\s*$/;
  const low = o.minExclusive ? `greater than ${min}` : `at least ${min}`;
  return z
    .string({ error: once(field) })
    .refine((s) => s === '' || re.test(s), { error: (iss) => `${field} must be ${o.integer ? 'a whole number' : 'a number'}, got "${String(iss.input)}"` })
    .refine((s) => s === '' || ((o.minExclusive ? Number(s) > min : Number(s) >= min) && Number(s) <= max), {
      error: (iss) => `${field} must be ${low} and at most ${max}, got ${Number(iss.input)}`,
    })
    .optional()
    .openapi({
      type: o.integer ? 'integer' : 'number',
      ...(o.minExclusive ? { exclusiveMinimum: min } : { minimum: min }),
      maximum: max,
      default: def,
      description,
    });
}

const PLACE_TEXT =
  'a freight terminal or station id (`sjz_dry_port`, `sea-rail-freight:tianjin_port`), a road node id (`shijiazhuang`), a terminal or city name in Chinese or English (`天津港`, `Valencia`, `石家庄`), any other stop of the network (its coordinates), or `lat,lon`';

export const FreightQuery = z.object({
  from: requiredText('from', LIMITS.placeChars, `Origin: ${PLACE_TEXT}.`, 'sjz_dry_port'),
  to: requiredText('to', LIMITS.placeChars, 'Destination, as `from` (overseas ports too).', 'port_sines'),
  ready: requiredText('ready', LIMITS.timeChars, 'When the boxes are ready at the origin: local date-time in the freight feed zone (`2026-11-27T08:00`) or with an offset.', '2026-11-27T08:00'),
  teu: numberParam('teu', FREIGHT_LIMITS.teu[0], FREIGHT_LIMITS.teu[1], 1, 'Number of TEU (20 ft boxes).', { integer: true }),
  tonnesPerTeu: numberParam('tonnesPerTeu', FREIGHT_LIMITS.tonnesPerTeu[0], FREIGHT_LIMITS.tonnesPerTeu[1], DEFAULT_TONNES_PER_TEU, 'Cargo tonnes per TEU, tare excluded.', { minExclusive: true }),
  horizonDays: numberParam('horizonDays', FREIGHT_LIMITS.horizonDays[0], FREIGHT_LIMITS.horizonDays[1], DEFAULT_HORIZON_DAYS, 'Search horizon in days after `ready`.'),
  customs: z
    .enum(['direct_loading', 'standard'], { error: (iss) => `customs must be direct_loading or standard, got "${String(iss.input)}"` })
    .optional()
    .openapi({ description: 'Export paperwork at the port: `direct_loading` (抵港直装, default) or `standard` (the 5-day staging).' }),
  lang: LangParam,
});

const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])).openapi({ description: '[lon, lat] pairs' }) });

const FreightPlace = z.object({ id: z.string().nullable(), name: z.string(), nameEn: z.string().optional(), lat: z.number(), lon: z.number() }).openapi('FreightPlace');

const Run = z.object({ tripId: z.string(), departure: z.string(), arrival: z.string(), teu: z.number() });

export const FreightLeg = z
  .object({
    mode: z.enum(['TRUCK', 'RAIL', 'SHIP', 'TERMINAL']),
    from: FreightPlace,
    to: FreightPlace,
    departure: z.string().openapi({ description: 'ISO 8601 with offset (the freight feed zone)' }),
    arrival: z.string(),
    distanceKm: z.number(),
    costCny: z.number(),
    co2eKg: z.number().openapi({ description: 'Well-to-wheel (ISO 14083 / GLEC)' }),
    co2eKgTtw: z.number().openapi({ description: 'Tank-to-wheel' }),
    trucks: z.number().optional().openapi({ description: 'TRUCK: trucks driving in parallel' }),
    roads: z.array(z.string()).optional().openapi({ description: 'TRUCK: road numbers along the way' }),
    restMinutes: z.number().optional().openapi({ description: 'TRUCK: mandatory driver rest' }),
    routeId: z.string().optional(),
    routeName: z.string().optional(),
    capacityTeu: z.number().nullable().optional().openapi({ description: 'RAIL/SHIP: TEU per departure, null = unlimited' }),
    departures: z.array(Run).optional().openapi({ description: 'RAIL/SHIP: the departures used; several when the boxes were split' }),
    terminal: z
      .object({
        role: z.string(),
        flow: z.string().nullable(),
        customsMode: z.string().nullable(),
        handlingMinutes: z.number(),
        cutoffMinutes: z.number().nullable(),
        customsClearanceHours: z.number().nullable(),
      })
      .optional(),
    alerts: z.array(AlertSchema).optional().openapi({ description: 'RAIL/SHIP/TERMINAL: GTFS-Realtime service alerts informing the route, a run used or a terminal, active during the leg (texts in `lang`)' }),
    geometry: LineString.openapi({ description: 'TRUCK: along the road graph; RAIL/SHIP: the trip shape or the line through its stops' }),
  })
  .openapi('FreightLeg');

const Diff = z.object({ hours: z.number(), costCny: z.number(), co2eKg: z.number() });

export const FreightOption = z
  .object({
    kind: z.enum(['sea-rail', 'rail', 'all-road']),
    allRoad: z.boolean().openapi({ description: 'The all-road comparison option' }),
    dominated: z.boolean().openapi({ description: 'Only the all-road option: another option is at least as good in time, cost and CO2e' }),
    departure: z.string(),
    arrival: z.string(),
    durationHours: z.number().openapi({ description: '(arrival − ready) in hours' }),
    costCny: z.number(),
    co2eKg: z.number(),
    co2eKgTtw: z.number(),
    vsAllRoad: Diff.nullable().openapi({ description: 'This option minus the all-road option' }),
    split: z.array(z.object({ routeId: z.string(), routeName: z.string(), capacityTeu: z.number(), departures: z.array(Run) })),
    notes: z.array(z.string()),
    legs: z.array(FreightLeg),
  })
  .openapi('FreightOption');

export const FreightPlanResult = z
  .object({
    from: FreightPlace,
    to: FreightPlace,
    ready: z.string(),
    teu: z.number(),
    tonnesPerTeu: z.number(),
    timeZone: z.string(),
    options: z.array(FreightOption).openapi({ description: 'Pareto set over (arrival, cost, CO2e) sorted by arrival, with the all-road option marked' }),
    stats: z.object({ labels: z.number(), settled: z.number(), allRoadLabels: z.number() }),
  })
  .openapi('FreightPlanResult');

export const FreightPlacesResult = z
  .object({
    timeZone: z.string(),
    places: z.array(
      z.object({
        id: z.string().openapi({ description: 'What `from` / `to` accept' }),
        name: z.string(),
        nameEn: z.string().optional(),
        lat: z.number(),
        lon: z.number(),
        kind: z.string().openapi({ description: '`dry_port`, `rail_yard`, `rail_terminal`, `port_terminal` (the feed\'s terminal_kind), `port` (a station grouping terminals), `overseas_port`, `city` (a road-graph city)' }),
        overseas: z.boolean(),
      }),
    ),
  })
  .openapi('FreightPlacesResult');
