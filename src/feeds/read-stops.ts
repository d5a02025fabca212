/** stops (with parents and translated names) and routes from SQLite. */
import type { RouteInput, StopInput } from '../core/input.js';
import { feedOf, rawId, readIssue, type ReadContext } from './read-context.js';

interface StopRow {
  stop_id: string;
  stop_code: string | null;
  stop_name: string | null;
  stop_lat: number | null;
  stop_lon: number | null;
  location_type: number | null;
  parent_station: string | null;
  platform_code: string | null;
}

/**
 * Stops in file order. Parents may come after their children. A stop without coordinates takes
 * its parent's (grand-parent's…); one still without coordinates is dropped (`bad_coordinate`).
 */
export function readStops(ctx: ReadContext): StopInput[] {
  const rows = ctx.db
    .prepare('SELECT stop_id, stop_code, stop_name, stop_lat, stop_lon, location_type, parent_station, platform_code FROM stops ORDER BY rowid')
    .all() as StopRow[];
  const byId = new Map(rows.map((r) => [r.stop_id, r] as [string, StopRow]));
  const kept: StopRow[] = [];
  for (const r of rows) {
    let p: StopRow | undefined = r;
    for (let depth = 0; p !== undefined && depth < 4 && (p.stop_lat === null || p.stop_lon === null); depth++) {
      p = p.parent_station === null ? undefined : byId.get(p.parent_station);
    }
    if (p === undefined || p.stop_lat === null || p.stop_lon === null) {
      readIssue(ctx, feedOf(ctx, r.stop_id), 'stops.txt', 'bad_coordinate', 'error', `stop ${rawId(r.stop_id)} has no coordinates, nor has its parent; skipped`);
      continue;
    }
    r.stop_lat = p.stop_lat;
    r.stop_lon = p.stop_lon;
    kept.push(r);
  }
  const index = new Map(kept.map((r, i) => [r.stop_id, i] as [string, number]));
  const names = translations(ctx);
  return kept.map((r) => {
    const feed = feedOf(ctx, r.stop_id);
    let parent = -1;
    if (r.parent_station !== null) {
      parent = index.get(r.parent_station) ?? -1;
      if (parent === -1) {
        readIssue(ctx, feed, 'stops.txt', 'unknown_parent', 'warning', `stop ${rawId(r.stop_id)}: unknown parent_station ${rawId(r.parent_station)}; ignored`);
      }
    }
    const name = r.stop_name ?? '';
    const stop: StopInput = {
      id: r.stop_id,
      feed,
      name,
      lat: r.stop_lat as number,
      lon: r.stop_lon as number,
      locationType: r.location_type ?? 0,
      parent,
    };
    const tr = names.byId.get(r.stop_id) ?? names.byValue[feed].get(name);
    if (tr !== undefined) stop.names = { ...names.byValue[feed].get(name), ...names.byId.get(r.stop_id) };
    if (r.stop_code !== null) stop.code = r.stop_code;
    if (r.platform_code !== null) stop.platformCode = r.platform_code;
    ctx.counts[feed].stops++;
    return stop;
  });
}

interface Translations {
  /** Namespaced stop id → language → name. */
  byId: Map<string, Record<string, string>>;
  /** Per feed: original stop_name → language → name. */
  byValue: Map<string, Record<string, string>>[];
}

function translations(ctx: ReadContext): Translations {
  const byId = new Map<string, Record<string, string>>();
  const byValue = ctx.feeds.map((meta) => {
    const m = new Map<string, Record<string, string>>();
    for (const t of meta.stopNames) {
      const [map, key] = t.stopId !== null ? [byId, `${meta.name}:${t.stopId}`] : [m, t.fieldValue ?? ''];
      const rec = map.get(key) ?? {};
      rec[t.language] = t.translation;
      map.set(key, rec);
    }
    return m;
  });
  return { byId, byValue };
}

interface RouteRow {
  route_id: string;
  agency_id: string | null;
  route_short_name: string | null;
  route_long_name: string | null;
  route_type: number;
  route_color: string | null;
  route_text_color: string | null;
}

/** Routes in file order, with their agency's name. */
export function readRoutes(ctx: ReadContext): RouteInput[] {
  const agencies = ctx.feeds.map((m) => new Map(m.agencies));
  const rows = ctx.db
    .prepare('SELECT route_id, agency_id, route_short_name, route_long_name, route_type, route_color, route_text_color FROM routes ORDER BY rowid')
    .all() as RouteRow[];
  return rows.map((r) => {
    const feed = feedOf(ctx, r.route_id);
    const meta = ctx.feeds[feed];
    const agencyName = r.agency_id === null ? meta.agencies[0]?.[1] : agencies[feed].get(rawId(r.agency_id));
    const route: RouteInput = {
      id: r.route_id,
      feed,
      shortName: r.route_short_name ?? '',
      longName: r.route_long_name ?? '',
      type: r.route_type,
    };
    if (agencyName !== undefined && agencyName !== '') route.agencyName = agencyName;
    const agencyId = r.agency_id !== null ? rawId(r.agency_id) : meta.agencies[0]?.[0];
    if (agencyId !== undefined && agencyId !== '') route.agencyId = `${meta.name}:${agencyId}`;
    if (r.route_color !== null) route.color = r.route_color;
    if (r.route_text_color !== null) route.textColor = r.route_text_color;
    ctx.counts[feed].routes++;
    return route;
  });
}
