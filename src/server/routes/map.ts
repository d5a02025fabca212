/**
 * What the web page needs to draw the map: GET /api/config (tiles, initial view, time zone,
 * default date) and GET /api/network (routes and served stops as GeoJSON, computed once per
 * loaded network and kept as JSON text).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Network } from '../../core/network.js';
import { mapView, networkGeoJson } from '../../core/network-geojson.js';
import { addDays, localDate } from '../../core/time.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { Config, NetworkGeoJson } from '../schemas.js';

const config = createRoute({
  method: 'get',
  path: '/api/config',
  tags: ['map'],
  summary: 'Map and form defaults for the web page',
  description: '`defaultDate` is tomorrow in the first feed\'s time zone when the feed is valid then, else the feed\'s first day.',
  responses: {
    200: { description: 'Configuration', content: { 'application/json': { schema: Config } } },
    ...errorResponses([503, 'Network not loaded yet, or over the time budget']),
  },
});

const network = createRoute({
  method: 'get',
  path: '/api/network',
  tags: ['map'],
  summary: 'Routes and stops as GeoJSON',
  description: 'One LineString per route (its longest trip\'s shape, else its stops) and one Point per served stop (a station rather than its platforms). Coordinates are [lon, lat].',
  responses: {
    200: { description: 'A FeatureCollection', content: { 'application/json': { schema: NetworkGeoJson } } },
    ...errorResponses([503, 'Network not loaded yet, or over the time budget']),
  },
});

export interface MapRouteOptions {
  tileUrl: string | null;
  tileAttribution: string | null;
  /** Current time, epoch milliseconds. */
  now: () => number;
}

const geoJsonText = new WeakMap<Network, string>();
const views = new WeakMap<Network, ReturnType<typeof mapView>>();

export function registerMap(app: OpenAPIHono<AppEnv>, o: MapRouteOptions): void {
  app.openapi(config, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const net = snap.network;
    let view = views.get(net);
    if (view === undefined) views.set(net, (view = mapView(net)));
    const feed = net.input.feeds[0];
    const zone = feed?.timezone ?? 'UTC';
    const tomorrow = addDays(localDate(Math.floor(o.now() / 1000), zone), 1);
    const valid = feed !== undefined && tomorrow >= feed.startDate && tomorrow <= feed.endDate;
    return c.json(
      {
        tileUrl: o.tileUrl,
        tileAttribution: o.tileAttribution,
        center: view.center,
        zoom: view.zoom,
        timezone: zone,
        defaultDate: valid || feed === undefined ? tomorrow : feed.startDate,
      },
      200,
    );
  });

  app.openapi(network, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const net = snap.network;
    let text = geoJsonText.get(net);
    if (text === undefined) geoJsonText.set(net, (text = JSON.stringify(networkGeoJson(net))));
    // the cached text is the schema's JSON; send it without re-serialising
    return c.body(text, 200, { 'content-type': 'application/json' }) as never;
  });
}
