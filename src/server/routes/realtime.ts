/**
 * GET /api/realtime (per feed: source, last attempt / success / error, message age, entities
 * matched / unmatched / rejected with reasons), GET /api/realtime/vehicles (the live vehicle
 * positions, matched to their static runs; JSON or GeoJSON) and, with an admin token, POST
 * /api/admin/realtime/{feed} taking a GTFS-Realtime FeedMessage (protobuf body).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { formatIso } from '../../core/time.js';
import type { AppOptions } from '../config.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { RealtimeHub } from '../realtime.js';
import { RealtimePushResult, RealtimeStatus, VehiclesGeoJson, VehiclesQuery, VehiclesResult } from '../realtime-schemas.js';
import { parseBBox, resolveRoute, VehicleParamError, vehiclesAnswer, vehiclesGeoJson, type VehicleQuery } from '../vehicles.js';
import type { ServerState } from '../state.js';
import { authorised } from './admin.js';

const status = createRoute({
  method: 'get',
  path: '/api/realtime',
  tags: ['realtime'],
  summary: 'GTFS-Realtime status per feed',
  description:
    'Where each feed\'s live data comes from (polled URL or admin push), the last attempt, success and error, the age of the message in use, and its entities matched, unmatched and rejected with reasons. Messages older than `maxAgeSeconds` by header timestamp are refused and expire.',
  responses: { 200: { description: 'Realtime status', content: { 'application/json': { schema: RealtimeStatus } } } },
});

const vehicles = createRoute({
  method: 'get',
  path: '/api/realtime/vehicles',
  tags: ['realtime'],
  summary: 'Live vehicle positions',
  description:
    'The GTFS-Realtime VehiclePositions of the messages in use, each matched to the static run it serves (trip_id, with start_date / start_time, as trip updates are): its route, headsign and service date, its current delay when a trip update of the same run is in use, and its stop (current_stop_sequence / stop_id, current_status) when sent. Vehicles that match no static trip are listed too (`matched: false`, `route` null unless the route_id sent is known) and counted as unmatched in GET /api/realtime. Positions older than `maxAgeSeconds` (by their timestamp, else the message\'s header timestamp, else when it arrived — the rule messages expire by) are left out and counted as `stale` per feed. `format=geojson` answers a FeatureCollection of Points ([lon, lat]) with the same properties.',
  request: { query: VehiclesQuery },
  responses: {
    200: {
      description: 'Vehicles, with the age of each feed\'s message',
      content: { 'application/json': { schema: VehiclesResult }, 'application/geo+json': { schema: VehiclesGeoJson } },
    },
    ...errorResponses(
      [400, 'Bad parameter (`bad_parameter`), naming the field'],
      [404, 'Unknown feed (`unknown_feed`) or route (`unknown_route`), naming the field'],
      [503, 'Network not loaded yet, or over the time budget'],
    ),
  },
});

const FeedParam = z.object({
  feed: z
    .string()
    .min(1)
    .max(200, { error: 'feed is longer than 200 characters' })
    .openapi({ param: { name: 'feed', in: 'path' }, description: 'Static feed name (the `feed:` prefix of its ids)', example: 'metro-line22' }),
});

const push = createRoute({
  method: 'post',
  path: '/api/admin/realtime/{feed}',
  tags: ['admin', 'realtime'],
  summary: 'Push a GTFS-Realtime FeedMessage for a feed',
  description:
    'The body is a protobuf FeedMessage (trip updates, alerts, vehicle positions). It replaces the feed\'s message in use from the next request on and the answer gives the match counters. A message that does not decode, is too large, or is older than the limit (header timestamp) is refused with 422 and the reason; the previous message stays in use. Off (404) unless the server has JJJ_ADMIN_TOKEN.',
  security: [{ bearerAuth: [] }],
  request: {
    params: FeedParam,
    body: { content: { 'application/x-protobuf': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
  },
  responses: {
    200: { description: 'The message is in use', content: { 'application/json': { schema: RealtimePushResult } } },
    ...errorResponses(
      [401, 'Missing or wrong bearer token (`unauthorized`)'],
      [404, 'Unknown feed (`unknown_feed`)'],
      [413, 'Body over the limit (`body_too_large`)'],
      [422, 'Message refused (`realtime_rejected`), with the reason; the previous one stays in use'],
      [503, 'The network is still loading'],
    ),
  },
});

/**
 * Register the realtime routes; returns the hub (created here unless `options.realtimeHub` is
 * given — the server passes its own so it can start and stop the pollers).
 */
export function registerRealtime(app: OpenAPIHono<AppEnv>, state: ServerState, options: AppOptions, log: (line: string) => void): RealtimeHub {
  const hub = options.realtimeHub ?? new RealtimeHub(state, options.realtime ?? {}, options.now, log);
  const now = options.now ?? (() => Date.now());
  app.openapi(status, (c) => c.json(hub.status(), 200));
  app.openapi(vehicles, (c) => {
    const q = c.req.valid('query');
    hub.expire(); // may swap in a new live view: answer from the snapshot after it
    const snap = state.snapshot();
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const net = snap.network;
    const query: VehicleQuery = {};
    try {
      if (q.feed !== undefined && !net.input.feeds.some((f) => f.name === q.feed)) {
        const names = net.input.feeds.map((f) => f.name).join(', ');
        throw new VehicleParamError(404, 'unknown_feed', 'feed', `unknown feed "${q.feed}" (feeds: ${names})`);
      }
      query.feed = q.feed;
      if (q.bbox !== undefined) query.bbox = parseBBox(q.bbox);
      if (q.route !== undefined) query.routes = resolveRoute(net, q.route);
    } catch (err) {
      if (err instanceof VehicleParamError) return fail(c, err.status, err.code, err.message, err.field);
      throw err;
    }
    const answer = vehiclesAnswer(net, snap.realtime ?? null, hub.feedNames(), query, Math.floor(now() / 1000), hub.maxAgeSeconds);
    if (q.format === 'geojson') return c.body(JSON.stringify(vehiclesGeoJson(answer)), 200, { 'content-type': 'application/geo+json' }) as never;
    return c.json(answer, 200);
  });

  const token = options.adminToken;
  if (!token) return hub;
  app.use('/api/admin/realtime/*', async (c, next) => {
    if (!authorised(c.req.header('authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer');
      return fail(c, 401, 'unauthorized', 'admin routes need the header Authorization: Bearer <JJJ_ADMIN_TOKEN>');
    }
    await next();
  });
  app.use(
    '/api/admin/realtime/*',
    bodyLimit({ maxSize: hub.maxBytes, onError: (c) => fail(c, 413, 'body_too_large', `realtime messages are limited to ${hub.maxBytes} bytes`, 'body') }),
  );
  app.openapi(push, async (c) => {
    const { feed } = c.req.valid('param');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const r = hub.accept(feed, bytes, 'push');
    if (!r.ok) {
      log(`jjj-router: realtime push for ${feed} refused: ${r.reason}`);
      return fail(c, r.status, r.code, r.reason, r.status === 404 ? 'feed' : r.status === 422 ? 'body' : null);
    }
    options.onAdmin?.({ kind: 'realtime', feed, bytes });
    const cnt = r.decoded.counts;
    const snap = state.snapshot();
    const zone = snap?.network.input.feeds[0]?.timezone ?? 'UTC';
    return c.json(
      {
        accepted: true as const,
        feed,
        timestamp: r.decoded.timestamp === null ? null : formatIso(r.decoded.timestamp, zone),
        entities: { total: cnt.entities, tripUpdates: cnt.tripUpdates, alerts: cnt.alerts, vehicles: cnt.vehicles, matched: cnt.matched, unmatched: cnt.unmatched, unmatchedReasons: { ...cnt.reasons } },
        liveRuns: r.liveRuns,
      },
      200,
    );
  });
  return hub;
}
