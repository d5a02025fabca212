/**
 * Feature under test: bounds on what a client controls — the request body size, and the
 * per-request time budget (asynchronous work cut off at the budget, synchronous work that overran
 * answered as a 503 timeout rather than a late success).
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, test } from 'vitest';
import { budget } from '../../src/server/budget.js';
import { optionsFromEnv, realtimeFromEnv } from '../../src/server/config.js';
import { json, readyApp, type ErrorJson } from './helpers.js';

describe('bounds', () => {
  test('a body over 64 KiB is refused with 413 before anything else', async () => {
    const { app } = await readyApp({ adminToken: 't' });
    const big = 'x'.repeat(64 * 1024 + 1);
    for (const init of [
      { method: 'POST', body: big },
      { method: 'POST', body: big, headers: { 'content-length': String(big.length) } },
      { method: 'POST', body: new Blob([big]).stream(), duplex: 'half' } as RequestInit,
    ]) {
      const res = await app.request('/api/admin/reload', init);
      expect(res.status).toBe(413);
      expect((await json<ErrorJson>(res)).error.code).toBe('body_too_large');
    }
    const small = await app.request('/api/admin/reload', { method: 'POST', body: 'x' });
    expect(small.status).toBe(401);
  });

  test('synchronous work over the budget answers 503 timeout and is logged', async () => {
    let t = 0;
    const { app, logs } = await readyApp({ budgetMs: 1000, clock: () => (t += 1500) });
    const res = await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:55');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'timeout', message: 'the request took longer than its time budget of 1000 ms', field: null } });
    expect(logs.join('\n')).toMatch(/GET \/api\/plan took \d+ ms, over the 1000 ms budget/);
  });

  test('within the budget nothing changes', async () => {
    const { app } = await readyApp({ budgetMs: 1000, clock: () => 0 });
    expect((await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:55')).status).toBe(200);
  });

  test('asynchronous work is cut off when the budget runs out', async () => {
    const app = new Hono();
    app.use('*', budget(30, undefined, () => {}));
    app.get('/slow', async (c) => {
      await new Promise((r) => setTimeout(r, 300));
      return c.text('late');
    });
    app.onError((err) => (err instanceof HTTPException ? err.getResponse() : new Response('x', { status: 500 })));
    const t0 = performance.now();
    const res = await app.request('/slow');
    expect(performance.now() - t0).toBeLessThan(250);
    expect(res.status).toBe(503);
    expect((await json<ErrorJson>(res)).error.code).toBe('timeout');
  });

  test('settings from the environment', () => {
    expect(optionsFromEnv({})).toEqual({
      listen: { port: 3000, host: '127.0.0.1' },
      app: { adminToken: null, budgetMs: 5000, tileUrl: null, tileAttribution: null, realtime: realtimeFromEnv({}) },
    });
    const o = optionsFromEnv({ PORT: '3123', HOST: '0.0.0.0', JJJ_ADMIN_TOKEN: ' s3 ', JJJ_REQUEST_BUDGET_MS: '250', JJJ_TILE_URL: 'https://t/{z}/{x}/{y}.png', JJJ_TILE_ATTRIBUTION: '© OSM' });
    expect(o).toEqual({ listen: { port: 3123, host: '0.0.0.0' }, app: { adminToken: 's3', budgetMs: 250, tileUrl: 'https://t/{z}/{x}/{y}.png', tileAttribution: '© OSM', realtime: realtimeFromEnv({}) } });
    expect(() => optionsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => optionsFromEnv({ JJJ_REQUEST_BUDGET_MS: '-1' })).toThrow(/JJJ_REQUEST_BUDGET_MS/);
  });
});
