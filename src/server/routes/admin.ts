/**
 * POST /api/admin/reload: re-import the feeds and swap the network atomically. Only registered
 * when an admin token is configured (JJJ_ADMIN_TOKEN); requires `Authorization: Bearer <token>`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppOptions } from '../config.js';
import { errorResponses, fail, type AppEnv } from '../errors.js';
import { ReloadResult } from '../schemas.js';
import { LoadInProgressError, type ServerState } from '../state.js';

const reload = createRoute({
  method: 'post',
  path: '/api/admin/reload',
  tags: ['admin'],
  summary: 'Re-import the feeds and swap the network',
  description:
    'Requests already running finish on the old network; the new one serves from the moment it is complete. A failed reload keeps the old network serving and answers 422 with the reason. Not under the request time budget. Off (404) unless the server has JJJ_ADMIN_TOKEN.',
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'The new network serves', content: { 'application/json': { schema: ReloadResult } } },
    ...errorResponses(
      [401, 'Missing or wrong bearer token (`unauthorized`)'],
      [409, 'A load is already running (`reload_in_progress`)'],
      [422, 'The new feeds could not be loaded (`reload_failed`); the old network keeps serving'],
    ),
  },
});

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time check of an `Authorization` header against the token. */
export function authorised(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ ]+(.+)$/i.exec(header ?? '');
  const given = m === null ? '' : m[1].trim();
  // compare fixed-length digests: timingSafeEqual needs equal lengths, and lengths leak nothing
  return timingSafeEqual(digest(given), digest(token)) && m !== null;
}

export function registerAdmin(app: OpenAPIHono<AppEnv>, state: ServerState, token: string, log: (line: string) => void, onAdmin?: AppOptions['onAdmin']): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'JJJ_ADMIN_TOKEN' });
  app.openapi(reload, async (c) => {
    if (!authorised(c.req.header('authorization'), token)) {
      c.header('WWW-Authenticate', 'Bearer');
      return fail(c, 401, 'unauthorized', 'admin routes need the header Authorization: Bearer <JJJ_ADMIN_TOKEN>');
    }
    try {
      const snap = await state.reload();
      log(`jjj-router: reloaded (generation ${snap.generation})`);
      onAdmin?.({ kind: 'reload' });
      return c.json(
        {
          reloaded: true as const,
          generation: snap.generation,
          reused: snap.reused,
          feeds: snap.report.feeds.map((f) => f.name),
          timings: { importMs: Math.round(snap.timings.importMs), compileMs: Math.round(snap.timings.compileMs) },
        },
        200,
      );
    } catch (err) {
      if (err instanceof LoadInProgressError) return fail(c, 409, 'reload_in_progress', 'a reload is already running; try again when it is done');
      const why = err instanceof Error ? err.message : String(err);
      log(`jjj-router: reload failed, the old network keeps serving: ${why}`);
      return fail(c, 422, 'reload_failed', why);
    }
  });
}
