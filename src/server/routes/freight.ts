/**
 * GET /api/freight/plan — sea-rail vs all-road container chains, the parameters and JSON of
 * `jjj freight --json` (planFreight, src/core/freight/plan.ts); GET /api/freight/places — the
 * freight places the web page offers (dry ports, rail yards and terminals, ports, overseas ports,
 * cities of the road graph).
 *
 * The freight network (extension files of the freight feed + data/road, compiled) is built once per
 * network snapshot, lazily on the first freight request, and cached in a WeakMap keyed by the
 * snapshot's Network object: a reload brings a new Network and so a new freight network, the old
 * one is collected with its snapshot. Requests never touch SQLite; only that first build reads the
 * small extension CSVs and the road graph from disk.
 */
import { join } from 'node:path';
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { PACKAGE_ROOT } from '../../app/load.js';
import { FreightParamError, planFreight } from '../../core/freight/plan.js';
import { resolveFreightPlace } from '../../core/freight/places.js';
import type { FreightNetwork } from '../../core/freight/network.js';
import { LocationType } from '../../core/input.js';
import type { Network } from '../../core/network.js';
import { UnknownPlaceError } from '../../core/places.js';
import { parseDateTime } from '../../core/time.js';
import { FreightLoadError, loadFreight, type FreightReport } from '../../feeds/freight.js';
import { errorResponses, fail, NOT_READY, type AppEnv } from '../errors.js';
import { FreightPlacesResult, FreightPlanResult, FreightQuery } from '../freight-schemas.js';
import type { Snapshot } from '../state.js';

export interface FreightRouteOptions {
  /** Feed paths to look for the freight feed in (default: the paths of the snapshot's import report). */
  feeds?: string[];
  /** Road graph directory (default `data/road` under the package root). */
  roadDir?: string;
  /** Server-side log (the freight load's problems). */
  log?: (line: string) => void;
}

type Place = z.infer<typeof FreightPlacesResult>['places'][number];

/** The freight network of one snapshot, or why there is none. */
type Entry = { freight: FreightNetwork; report: FreightReport; places: Place[] } | { error: string };

const cache = new WeakMap<Network, Entry>();

/** The freight network of `snap` (built on first use, then cached for the snapshot's lifetime). */
export function freightFor(snap: Snapshot, o: FreightRouteOptions = {}): Entry {
  let entry = cache.get(snap.network);
  if (entry !== undefined) return entry;
  const feeds = o.feeds ?? snap.report.feeds.map((f) => f.path);
  try {
    const { freight, report } = loadFreight(snap.network.input, { feeds, roadDir: o.roadDir ?? join(PACKAGE_ROOT, 'data', 'road') });
    const errors = report.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) o.log?.(`jjj-router: freight network built with ${errors.length} error(s) in ${report.feed}: ${errors.map((i) => `${i.file}:${i.line ?? ''} ${i.code}`).join(', ')}`);
    entry = { freight, report, places: freightPlaces(freight) };
  } catch (err) {
    if (!(err instanceof FreightLoadError)) throw err;
    o.log?.(`jjj-router: no freight network: ${err.message}`);
    entry = { error: err.message };
  }
  cache.set(snap.network, entry);
  return entry;
}

const KIND_ORDER = ['dry_port', 'rail_yard', 'rail_terminal', 'port', 'port_terminal', 'overseas_port', 'city'];

/** Terminals (and stations grouping them) of the freight feed, then the road graph's cities. */
export function freightPlaces(fn: FreightNetwork): Place[] {
  const out: Place[] = [];
  const stops = fn.input.stops;
  const withName = (p: Omit<Place, 'nameEn'>, en: string | undefined): Place => (en !== undefined && en !== '' ? { ...p, nameEn: en } : p);
  const stations = new Map<number, string[]>();
  for (const t of fn.terminals) {
    const overseas = t.road === null;
    const kind = overseas ? 'overseas_port' : (t.rows[0]?.terminalKind ?? 'rail_terminal');
    out.push(withName({ id: t.id, name: t.name, lat: t.lat, lon: t.lon, kind, overseas }, t.nameEn));
    if (t.parent >= 0) stations.set(t.parent, [...(stations.get(t.parent) ?? []), kind]);
  }
  for (const [i, kinds] of stations) {
    const s = stops[i];
    if (s.locationType !== LocationType.Station) continue;
    const kind = kinds.includes('port_terminal') ? 'port' : kinds[0];
    out.push(withName({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, kind, overseas: false }, s.names?.en));
  }
  for (const n of fn.road.nodes) if (n.kind === 'city') out.push(withName({ id: n.id, name: n.nameZh, lat: n.lat, lon: n.lon, kind: 'city', overseas: false }, n.nameEn));
  const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
  return out.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p.kind) - rank(b.p.kind) || a.i - b.i).map(({ p }) => p);
}

const NO_FREIGHT = 'no freight network: none of the loaded feeds has the freight extension files (freight_services.txt)';

const planRoute = createRoute({
  method: 'get',
  path: '/api/freight/plan',
  tags: ['freight'],
  summary: 'Plan a container shipment: sea-rail vs all-road',
  description:
    'The Pareto set of door-to-door chains over arrival time, cost (CNY) and CO2e (kg, well-to-wheel) for `teu` boxes ready at `ready`, over trucks, the rail shuttles and the sailings of the sea-rail feed, plus the all-road alternative (marked `allRoad`; ships remain when the destination is overseas). Same JSON as `jjj freight --json`. No chain within the horizon is `{"options":[]}`.',
  request: { query: FreightQuery },
  responses: {
    200: { description: 'Options', content: { 'application/json': { schema: FreightPlanResult } } },
    ...errorResponses(
      [400, 'Bad parameter (`bad_parameter`) or unknown place (`unknown_place`), naming the field'],
      [503, 'Network not loaded yet (`not_ready`), no freight feed loaded (`no_freight`), or over the time budget'],
    ),
  },
});

const placesRoute = createRoute({
  method: 'get',
  path: '/api/freight/places',
  tags: ['freight'],
  summary: 'Freight places: terminals, ports, overseas ports, cities',
  description: 'Every place listed can be given as `from` or `to` of /api/freight/plan by its `id`.',
  responses: {
    200: { description: 'Places', content: { 'application/json': { schema: FreightPlacesResult } } },
    ...errorResponses([503, 'Network not loaded yet, or no freight feed loaded']),
  },
});

export function registerFreight(app: OpenAPIHono<AppEnv>, o: FreightRouteOptions = {}): void {
  app.openapi(placesRoute, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const entry = freightFor(snap, o);
    if ('error' in entry) return fail(c, 503, 'no_freight', `${NO_FREIGHT} (${entry.error})`);
    return c.json({ timeZone: entry.freight.zone, places: entry.places }, 200);
  });

  app.openapi(planRoute, (c) => {
    const snap = c.get('snap');
    if (snap === null) return fail(c, 503, 'not_ready', NOT_READY);
    const entry = freightFor(snap, o);
    if ('error' in entry) return fail(c, 503, 'no_freight', `${NO_FREIGHT} (${entry.error})`);
    const fn = entry.freight;
    const q = c.req.valid('query');
    const ready = parseDateTime(q.ready.trim(), fn.zone);
    if (ready === null) return fail(c, 400, 'bad_parameter', `ready: invalid time "${q.ready}" (expected 2026-11-27T08:00 or with an offset)`, 'ready');
    const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));
    const tonnes = num(q.tonnesPerTeu);
    const horizon = num(q.horizonDays);
    try {
      const from = resolveFreightPlace(fn, q.from, 'from', snap.network);
      const to = resolveFreightPlace(fn, q.to, 'to', snap.network);
      const result = planFreight(fn, {
        from,
        to,
        ready,
        teu: num(q.teu) ?? 1,
        ...(tonnes !== undefined ? { tonnesPerTeu: tonnes } : {}),
        ...(horizon !== undefined ? { horizonDays: horizon } : {}),
        customs: q.customs ?? 'direct_loading',
      });
      snap.realtime?.alerts.attachFreight(result.options, q.lang, fn.zone); // the snapshot's alerts, with its network
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof UnknownPlaceError) return fail(c, 400, 'unknown_place', err.message, err.field);
      if (err instanceof FreightParamError) return fail(c, 400, 'bad_parameter', `${err.field} ${err.message}`, err.field);
      throw err;
    }
  });
}
