/**
 * GET /api/stops?q= (search by name, any language: exact, then prefix, then substring) and
 * GET /api/stops/{id} (a stop or station with its next departures).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { int, LIMITS, ParamError } from '../../app/params.js';
import { nextDepartures } from '../../core/departures.js';
import { liveDepartures } from '../../core/live-departures.js';
import { LocationType } from '../../core/input.js';
import type { Network } from '../../core/network.js';
import { searchStops } from '../../core/places.js';
import { formatIso, parseDateTime } from '../../core/time.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { StopDeparturesQuery, StopDetail, StopIdParam, StopSearchQuery, StopSearchResult, STOP_DEFAULTS } from '../schemas.js';

/** A stop as the API answers it. */
export function stopJson(net: Network, i: number) {
  const s = net.input.stops[i];
  return { id: s.id, name: s.name, names: { ...(s.names ?? {}) }, lat: s.lat, lon: s.lon, feed: net.input.feeds[s.feed]?.name ?? '', modes: net.stopModes(i) };
}

const search = createRoute({
  method: 'get',
  path: '/api/stops',
  tags: ['stops'],
  summary: 'Search stops by name',
  description: 'Case-insensitive match on every name of a stop (Chinese, English, …): exact matches first, then prefixes, then substrings; shorter names first within a rank. A station stands for its platforms of the same name.',
  request: { query: StopSearchQuery },
  responses: {
    200: { description: 'Matching stops, best first', content: { 'application/json': { schema: StopSearchResult } } },
    ...errorResponses([400, 'Bad parameter, naming the field'], [503, 'Network not loaded yet, or over the time budget']),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/api/stops/{id}',
  tags: ['stops'],
  summary: 'A stop and its next departures',
  description: 'For a station, the departures of all its platforms (listed in `platforms`). Departures are those where boarding is allowed, earliest first.',
  request: { params: StopIdParam, query: StopDeparturesQuery },
  responses: {
    200: { description: 'The stop and its departures', content: { 'application/json': { schema: StopDetail } } },
    ...errorResponses(
      [400, 'Bad parameter, or a bare id found in several feeds (`ambiguous_stop`)'],
      [404, 'Unknown stop (`unknown_stop`), naming it'],
      [503, 'Network not loaded yet, or over the time budget'],
    ),
  },
});

export interface StopRouteOptions {
  /** Current time, epoch milliseconds (the default `time`). */
  now: () => number;
}

export function registerStops(app: OpenAPIHono<AppEnv>, o: StopRouteOptions): void {
  app.openapi(search, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const q = c.req.valid('query');
    const limit = int('limit', q.limit, STOP_DEFAULTS.searchResults, 1, LIMITS.stopResults);
    const net = snap.network;
    return c.json({ stops: searchStops(net, q.q, limit).map((m) => stopJson(net, m.stop)) }, 200);
  });

  app.openapi(detail, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const net = snap.network;
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const found = net.stopById(id.trim());
    if (found.length === 0) return fail(c, 404, 'unknown_stop', `unknown stop "${id}"`, 'id');
    if (found.length > 1) {
      const ids = found.map((s) => net.input.stops[s].id).join(', ');
      return fail(c, 400, 'ambiguous_stop', `ambiguous stop "${id}": the id is in several feeds (${ids})`, 'id');
    }
    const i = found[0];
    const s = net.input.stops[i];
    const zone = net.input.feeds[s.feed]?.timezone ?? 'UTC';
    let time = Math.floor(o.now() / 1000);
    let windowMinutes: number;
    let limit: number;
    try {
      if (q.time !== undefined && q.time !== '') {
        const t = parseDateTime(q.time, zone);
        if (t === null) throw new ParamError('time', `time must be a date-time like 2026-11-24T08:00 or 2026-11-24T08:00+08:00, got "${q.time}"`);
        time = t;
      }
      windowMinutes = int('windowMinutes', q.windowMinutes, STOP_DEFAULTS.windowMinutes, 1, LIMITS.windowMinutes);
      limit = int('limit', q.limit, STOP_DEFAULTS.departures, 1, LIMITS.departures);
    } catch (err) {
      if (err instanceof ParamError) return fail(c, 400, 'bad_parameter', err.message, err.field);
      throw err;
    }
    let boarding = net.boardingStops(i);
    if (boarding.length === 0 && s.parent >= 0) boarding = net.boardingStops(s.parent); // an entrance: its station
    const stop = {
      ...stopJson(net, i),
      ...(s.parent >= 0 ? { parent: { id: net.input.stops[s.parent].id, name: net.input.stops[s.parent].name } } : {}),
      ...(s.locationType === LocationType.Station
        ? { platforms: boarding.map((b) => ({ ...stopJson(net, b), ...(net.input.stops[b].platformCode ? { platformCode: net.input.stops[b].platformCode } : {}) })) }
        : {}),
    };
    const overlay = snap.realtime?.overlay;
    const departures = overlay ? liveDepartures(net, overlay, boarding, time, windowMinutes * 60, limit) : nextDepartures(net, boarding, time, windowMinutes * 60, limit);
    const alerts = snap.realtime?.alerts.forStop(i, time, time + windowMinutes * 60, q.lang, zone) ?? [];
    return c.json({ stop, time: formatIso(time, zone), windowMinutes, departures, alerts }, 200);
  });
}
