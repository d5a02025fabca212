/**
 * The Hono application: the JSON API under /api (validated by zod schemas that also generate the
 * OpenAPI 3.1 document), its docs page, the web page and the vendored browser libraries.
 *
 * Every request captures the current network snapshot once, at its start (a reload swaps the
 * reference; the request finishes on what it captured). Requests never touch SQLite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { PACKAGE_ROOT } from '../app/load.js';
import { budget, DEFAULT_BUDGET_MS } from './budget.js';
import { DEFAULT_MAX_BODY_BYTES, type AppOptions } from './config.js';
import { fail, validationHook, type AppEnv } from './errors.js';
import { registerAdmin } from './routes/admin.js';
import { registerFreight } from './routes/freight.js';
import { registerIsochrone } from './routes/isochrone.js';
import { registerMap } from './routes/map.js';
import { registerPlan } from './routes/plan.js';
import { registerRealtime } from './routes/realtime.js';
import { registerStatus } from './routes/status.js';
import { registerStops } from './routes/stops.js';
import type { ServerState } from './state.js';
import { DOCS_HTML, serveDir, serveFile, STATIC_DIRS } from './static.js';

export type { AppOptions } from './config.js';
export type { ApiError } from './errors.js';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const DESCRIPTION = `Multimodal journey planning over GTFS feeds (Beijing–Tianjin–Hebei by default).

Errors are JSON \`{"error":{"code","message","field"}}\`: 400 for a bad parameter (the field is named) or an unknown place, 404 for an unknown stop or route, 413 for a body over the limit, 503 while the network loads or when a request overran its time budget (\`timeout\`).`;

export function createApp(state: ServerState, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const log = options.log ?? ((line: string) => console.error(line));
  const now = options.now ?? (() => Date.now());
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', async (c, next) => {
    c.set('snap', state.snapshot());
    await next();
  });
  // Only methods that carry a body are limited: on a GET the limit would make @hono/node-server
  // build a full Web Request for nothing (≈0.05 ms per request), and no GET handler reads a body.
  const limit = bodyLimit({ maxSize: maxBody, onError: (c) => fail(c, 413, 'body_too_large', `request bodies are limited to ${maxBody} bytes`) });
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/admin/realtime/') ? next() : limit(c, next))); // realtime pushes: own limit
  const guard = budget(budgetMs, options.clock, log);
  app.use('*', (c, next) => (c.req.path.startsWith('/api/admin/') ? next() : guard(c, next)));

  registerPlan(app);
  registerStops(app, { now });
  registerStatus(app, state);
  registerFreight(app, { log });
  registerIsochrone(app, { budgetMs, ...(options.clock ? { clock: options.clock } : {}) });
  registerMap(app, { tileUrl: options.tileUrl ?? null, tileAttribution: options.tileAttribution ?? null, now });
  if (options.adminToken) registerAdmin(app, state, options.adminToken, log, options.onAdmin);
  registerRealtime(app, state, { ...options, now }, log);

  let doc: unknown;
  app.get('/api/openapi.json', (c) => {
    doc ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'jjj-router API', version: packageVersion(), description: DESCRIPTION },
    });
    return c.json(doc as object);
  });
  app.get('/api/docs', (c) => c.html(DOCS_HTML));

  app.get('/', serveFile(STATIC_DIRS.web, 'index.html', 'no-cache'));
  app.get('/web/*', serveDir('/web/', STATIC_DIRS.web, 'no-cache'));
  app.get('/vendor/leaflet/*', serveDir('/vendor/leaflet/', STATIC_DIRS.leaflet, 'public, max-age=86400'));
  app.get('/vendor/swagger-ui/*', serveDir('/vendor/swagger-ui/', STATIC_DIRS.swaggerUi, 'public, max-age=86400'));

  app.notFound((c) => fail(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      if (err.res !== undefined) return err.res;
      if (err.status < 500) return fail(c, err.status as 400, 'bad_request', err.message || 'bad request');
    }
    log(`jjj-router: internal error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fail(c, 500, 'internal', 'internal error');
  });
  return app;
}
