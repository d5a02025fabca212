/**
 * GET /api/realtime (per feed: source, last attempt / success / error, message age, entities
 * matched / unmatched / rejected with reasons) and, with an admin token, POST
 * /api/admin/realtime/{feed} taking a GTFS-Realtime FeedMessage (protobuf body).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { formatIso } from '../../core/time.js';
import type { AppOptions } from '../config.js';
import { errorResponses, fail, type AppEnv } from '../errors.js';
import { RealtimeHub } from '../realtime.js';
import { RealtimePushResult, RealtimeStatus } from '../realtime-schemas.js';
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
  app.openapi(status, (c) => c.json(hub.status(), 200));

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
