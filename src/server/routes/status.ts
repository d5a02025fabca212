/**
 * GET /api/health (ready only when a network serves) and GET /api/feeds (loaded feeds, validity,
 * import report summary).
 */
import { isAbsolute, relative } from 'node:path';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { PACKAGE_ROOT } from '../../app/load.js';
import type { ImportReport } from '../../feeds/report.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { FeedsResult, Health } from '../schemas.js';
import type { ServerState } from '../state.js';

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['status'],
  summary: 'Readiness',
  description: '200 with `status: "ok"` once a network is loaded; 503 with `status: "loading"` or `"failed"` (and `lastError`) otherwise.',
  responses: {
    200: { description: 'A network is serving', content: { 'application/json': { schema: Health } } },
    503: { description: 'No network yet (loading or failed)', content: { 'application/json': { schema: Health } } },
  },
});

const feeds = createRoute({
  method: 'get',
  path: '/api/feeds',
  tags: ['status'],
  summary: 'Loaded feeds and import report summary',
  responses: {
    200: { description: 'Feeds, validity dates, counts and issue totals', content: { 'application/json': { schema: FeedsResult } } },
    ...errorResponses([503, 'Network not loaded yet, or over the time budget']),
  },
});

/** Path relative to the package root when inside it, else as loaded. */
function displayPath(path: string): string {
  const rel = relative(PACKAGE_ROOT, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function issueSummary(report: ImportReport): { errors: number; warnings: number; byCode: Record<string, number> } {
  let errors = 0;
  let warnings = 0;
  const byCode: Record<string, number> = {};
  for (const i of report.issues) {
    if (i.severity === 'error') errors += i.count;
    else warnings += i.count;
    byCode[i.code] = (byCode[i.code] ?? 0) + i.count;
  }
  return { errors, warnings, byCode };
}

export function registerStatus(app: OpenAPIHono<AppEnv>, state: ServerState): void {
  app.openapi(health, (c) => {
    const snap = c.get('snap');
    const st = state.status();
    const common = {
      feeds: snap === null ? [] : snap.report.feeds.map((f) => f.name),
      loadedAt: snap?.loadedAt ?? null,
      generation: snap?.generation ?? 0,
      reloading: st.loading,
      lastError: st.lastError,
    };
    if (snap === null) {
      const status = st.status === 'failed' ? 'failed' : 'loading';
      const message = status === 'failed' ? `the network failed to load: ${st.lastError}` : 'the network is still loading';
      return c.json({ status, ...common, error: { code: status === 'failed' ? 'load_failed' : 'not_ready', message, field: null } }, 503);
    }
    const s = snap.network.stats();
    return c.json({ status: 'ok' as const, ...common, stops: s.stops, trips: s.trips }, 200);
  });

  app.openapi(feeds, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    return c.json(
      {
        feeds: snap.report.feeds.map((f) => ({
          name: f.name,
          path: displayPath(f.path),
          timezone: f.timezone,
          startDate: f.startDate,
          endDate: f.endDate,
          counts: { ...f.counts },
        })),
        issues: issueSummary(snap.report),
        loadedAt: snap.loadedAt,
        reused: snap.reused,
        generation: snap.generation,
        timings: { importMs: Math.round(snap.timings.importMs), compileMs: Math.round(snap.timings.compileMs) },
      },
      200,
    );
  });
}
