/**
 * GET /api/plan: the parameters and JSON of `jjj plan --json`. The zod schema checks types and
 * bounds first; planOptions (src/app/params.ts) owns the semantics (exactly one of depart/arrive,
 * date-times, modes) with the same LIMITS.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ParamError, planOptions } from '../../app/params.js';
import { plan } from '../../core/plan.js';
import { UnknownPlaceError } from '../../core/places.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { PlanQuery, PlanResult } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/plan',
  tags: ['journeys'],
  summary: 'Plan a journey (door to door)',
  description:
    'Itineraries are the Pareto set over (arrival, number of vehicles), plus a walk-only option when origin and destination are within walking distance, sorted by arrival. No journey is `{"itineraries":[]}`.',
  request: { query: PlanQuery },
  responses: {
    200: { description: 'Itineraries', content: { 'application/json': { schema: PlanResult } } },
    ...errorResponses([400, 'Bad parameter (`bad_parameter`) or unknown place (`unknown_place`), naming the field'], [503, 'Network not loaded yet, or over the time budget']),
  },
});

export function registerPlan(app: OpenAPIHono<AppEnv>): void {
  app.openapi(route, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const net = snap.network;
    const q = c.req.valid('query');
    try {
      const o = planOptions(q, net.input.feeds[0]?.timezone ?? 'UTC');
      const live = snap.realtime; // captured with the network: they belong together
      const result = plan(net, live?.overlay ? { ...o, realtime: live.overlay } : o);
      live?.alerts.attach(result.itineraries, q.lang);
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof ParamError) return fail(c, 400, 'bad_parameter', err.message, err.field);
      if (err instanceof UnknownPlaceError) return fail(c, 400, 'unknown_place', err.message, err.field);
      throw err;
    }
  });
}
