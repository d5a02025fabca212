/**
 * The Hono application. It reads the current network through `NetworkHolder`, so a reload can
 * swap it atomically; requests never touch SQLite.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Network } from '../core/network.js';
import { plan } from '../core/plan.js';
import { UnknownPlaceError } from '../core/places.js';
import { ParamError, planOptions } from '../app/params.js';

export interface NetworkHolder {
  /** The network serving requests, or null while the first load runs. */
  current(): Network | null;
  /** Feed names and load time, for /api/health. */
  info(): { feeds: string[]; loadedAt: string | null; error: string | null };
}

export interface ApiError {
  error: { code: string; message: string; field: string | null };
}

function fail(c: Context, status: ContentfulStatusCode, code: string, message: string, field: string | null = null) {
  const body: ApiError = { error: { code, message, field } };
  return c.json(body, status);
}

export function createApp(holder: NetworkHolder): Hono {
  const app = new Hono();

  app.get('/api/health', (c) => {
    const net = holder.current();
    const info = holder.info();
    if (net === null) return c.json({ status: info.error === null ? 'loading' : 'failed', ...info }, 503);
    const s = net.stats();
    return c.json({ status: 'ok', ...info, stops: s.stops, trips: s.trips });
  });

  app.get('/api/plan', (c) => {
    const net = holder.current();
    if (net === null) return fail(c, 503, 'not_ready', 'the network is still loading');
    const q = c.req.query();
    try {
      const o = planOptions(
        {
          from: q.from,
          to: q.to,
          depart: q.depart,
          arrive: q.arrive,
          maxTransfers: q.maxTransfers,
          modes: q.modes,
          maxWalk: q.maxWalk,
          transferSlack: q.transferSlack,
          maxHours: q.maxHours,
        },
        net.input.feeds[0].timezone,
      );
      return c.json(plan(net, o));
    } catch (err) {
      if (err instanceof ParamError) return fail(c, 400, 'bad_parameter', err.message, err.field);
      if (err instanceof UnknownPlaceError) return fail(c, 400, 'unknown_place', err.message, err.field);
      throw err;
    }
  });

  app.notFound((c) => fail(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    console.error(err);
    return fail(c, 500, 'internal', 'internal error');
  });
  return app;
}
