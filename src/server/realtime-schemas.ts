/**
 * Zod (OpenAPI) schemas of the realtime answers: alerts on legs and stops, GET /api/realtime and
 * POST /api/admin/realtime/{feed}.
 */
import { z } from '@hono/zod-openapi';
import { LANG_TAG } from '../app/params.js';

export const AlertSchema = z
  .object({
    id: z.string().openapi({ description: '`feed:entity_id`' }),
    header: z.string(),
    description: z.string(),
    url: z.string().nullable(),
    effect: z.string().openapi({ example: 'SIGNIFICANT_DELAYS' }),
    cause: z.string().openapi({ example: 'TECHNICAL_PROBLEM' }),
    activePeriods: z.array(z.object({ start: z.string().nullable(), end: z.string().nullable() })).openapi({ description: 'ISO 8601 with offset; null = open. Empty = always active.' }),
  })
  .openapi('Alert', { description: 'A GTFS-Realtime service alert, texts in the language asked for (`lang`), else the first given.' });

export const LangParam = z
  .string()
  .max(35, { error: 'lang is longer than 35 characters' })
  .regex(LANG_TAG, { error: (iss) => `lang must be a language tag like en or zh-Hans, got "${String(iss.input)}"` })
  .optional()
  .openapi({ description: 'Preferred language of alert texts (BCP 47, e.g. `en`, `zh`); else the first translation.', example: 'en' });

const Reasons = z.record(z.string(), z.number());

export const RealtimeFeedStatus = z
  .object({
    feed: z.string(),
    source: z.enum(['url', 'push']),
    url: z.string().nullable(),
    intervalSeconds: z.number().nullable(),
    lastAttempt: z.string().nullable().openapi({ description: 'ISO 8601 with offset' }),
    lastSuccess: z.string().nullable(),
    lastError: z.string().nullable().openapi({ description: 'Why the last fetch or message failed; null after a success' }),
    lastErrorAt: z.string().nullable(),
    lastVia: z.enum(['url', 'push']).nullable(),
    consecutiveFailures: z.number(),
    nextAttempt: z.string().nullable(),
    messagesAccepted: z.number(),
    messagesRefused: z.number(),
    expiredAt: z.string().nullable().openapi({ description: 'When the last message in use expired (too old)' }),
    message: z
      .object({ timestamp: z.string().nullable().openapi({ description: 'FeedHeader timestamp' }), ageSeconds: z.number(), receivedAt: z.string().nullable(), bytes: z.number() })
      .nullable()
      .openapi({ description: 'The message in use, or null' }),
    entities: z
      .object({
        total: z.number(),
        tripUpdates: z.number(),
        alerts: z.number(),
        vehicles: z.number(),
        matched: z.number(),
        unmatched: z.number(),
        unmatchedReasons: Reasons,
        rejected: z.number().openapi({ description: 'Matched updates the overlay could not use' }),
        rejectedReasons: Reasons,
        corrected: z.number().openapi({
          description: 'Used updates and added trips whose times ran backwards (a stop reached before the stop before was left, or left before reached), moved later to keep each run in order',
        }),
      })
      .nullable(),
  })
  .openapi('RealtimeFeedStatus');

export const RealtimeStatus = z
  .object({
    now: z.string(),
    maxAgeSeconds: z.number(),
    finishedGraceSeconds: z.number(),
    liveRuns: z.number().openapi({ description: 'Runs with live times in the overlay in use' }),
    hiddenRuns: z.number().openapi({ description: 'Static runs replaced or cancelled' }),
    alerts: z.number(),
    builtAt: z.string().nullable(),
    feeds: z.array(RealtimeFeedStatus),
  })
  .openapi('RealtimeStatus');

export const RealtimePushResult = z
  .object({
    accepted: z.literal(true),
    feed: z.string(),
    timestamp: z.string().nullable(),
    entities: z.object({ total: z.number(), tripUpdates: z.number(), alerts: z.number(), vehicles: z.number(), matched: z.number(), unmatched: z.number(), unmatchedReasons: Reasons }),
    liveRuns: z.number(),
  })
  .openapi('RealtimePushResult');

export const VehiclesQuery = z.object({
  feed: z
    .string()
    .min(1, { error: 'feed must not be empty' })
    .max(200, { error: 'feed is longer than 200 characters' })
    .optional()
    .openapi({ description: 'Only this static feed\'s vehicles (feed name)', example: 'metro-line22' }),
  bbox: z
    .string()
    .max(200, { error: 'bbox is longer than 200 characters' })
    .optional()
    .openapi({ description: 'Only vehicles inside `minLon,minLat,maxLon,maxLat` (WGS 84 degrees)', example: '116.2,39.8,116.6,40.1' }),
  route: z
    .string()
    .min(1, { error: 'route must not be empty' })
    .max(200, { error: 'route is longer than 200 characters' })
    .optional()
    .openapi({ description: 'Only vehicles on this route: `feed:route_id`, or a bare route_id (every feed)', example: 'metro-line22:l22' }),
  format: z
    .enum(['json', 'geojson'], { error: (iss) => `format must be json or geojson, got "${String(iss.input)}"` })
    .optional()
    .openapi({ description: '`json` (default) or `geojson`: a FeatureCollection of Points with the same properties' }),
});

const VehicleRoute = z
  .object({
    id: z.string().openapi({ description: '`feed:route_id`' }),
    shortName: z.string(),
    longName: z.string(),
    mode: z.string().openapi({ example: 'SUBWAY' }),
    color: z.string().nullable().openapi({ description: '`#rrggbb` from route_color, or null' }),
  })
  .openapi('VehicleRoute');

const vehicleProps = {
  id: z.string().openapi({ description: '`feed:vehicle_id` (the entity id when the vehicle has none)' }),
  label: z.string().nullable(),
  feed: z.string(),
  bearing: z.number().nullable().openapi({ description: 'Degrees clockwise from north, when sent' }),
  speed: z.number().nullable().openapi({ description: 'Metres per second, when sent' }),
  timestamp: z.string().nullable().openapi({ description: 'When the position was measured (ISO 8601 with offset), when sent' }),
  ageSeconds: z.number().openapi({ description: 'Age of the position (its timestamp, else the message\'s)' }),
  tripId: z.string().nullable().openapi({ description: '`feed:trip_id` as sent, or null' }),
  matched: z.boolean().openapi({ description: 'The vehicle was matched to a static run (trip_id with start_date / start_time as trip updates are)' }),
  trip: z.object({ id: z.string(), serviceDate: z.string() }).nullable(),
  route: VehicleRoute.nullable().openapi({ description: 'The matched run\'s route (else the route_id sent, when known), or null' }),
  headsign: z.string().nullable(),
  delaySeconds: z.number().nullable().openapi({ description: 'Current delay of the run (positive: late) when a trip update of it is in use, else null' }),
  canceled: z.literal(true).optional().openapi({ description: 'A trip update in use cancels the run' }),
  stop: z.object({ id: z.string(), name: z.string().nullable() }).nullable().openapi({ description: 'The stop of current_stop_sequence / stop_id, when sent' }),
  status: z.enum(['INCOMING_AT', 'STOPPED_AT', 'IN_TRANSIT_TO']).nullable().openapi({ description: 'current_status, when sent' }),
  stopSequence: z.number().nullable().openapi({ description: 'current_stop_sequence, when sent' }),
};

export const Vehicle = z.object({ ...vehicleProps, lat: z.number(), lon: z.number() }).openapi('Vehicle');

const VehicleFeed = z
  .object({
    feed: z.string(),
    message: z
      .object({ timestamp: z.string().nullable().openapi({ description: 'FeedHeader timestamp' }), ageSeconds: z.number(), receivedAt: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The message in use, or null' }),
    vehicles: z.number().openapi({ description: 'Vehicles listed (after the filters)' }),
    stale: z.number().openapi({ description: 'Positions left out as older than maxAgeSeconds' }),
  })
  .openapi('VehicleFeed');

export const VehiclesResult = z
  .object({
    now: z.string(),
    maxAgeSeconds: z.number(),
    feeds: z.array(VehicleFeed),
    vehicles: z.array(Vehicle),
  })
  .openapi('Vehicles');

export const VehiclesGeoJson = z
  .object({
    type: z.literal('FeatureCollection'),
    now: z.string(),
    maxAgeSeconds: z.number(),
    feeds: z.array(VehicleFeed),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).openapi({ description: '[lon, lat]' }) }),
        properties: z.object(vehicleProps),
      }),
    ),
  })
  .openapi('VehiclesGeoJson');
