/** The SQLite tables of an imported feed set → NetworkInput + per-feed report entries. */
import type Database from 'better-sqlite3';
import type { FeedInput, NetworkInput, PathwayInput, StopInput, TransferInput } from '../core/input.js';
import { readCalendars } from './calendar.js';
import { haversine } from './interpolate.js';
import type { Progress } from './progress.js';
import { feedOf, newCounts, type ReadContext } from './read-context.js';
import { readRoutes, readStops } from './read-stops.js';
import { readShapes, readTrips } from './read-trips.js';
import type { FeedReport, IssueCollector } from './report.js';
import type { FeedMeta } from './scan.js';

/** Walking speed used when a pathway only has a length, m/s. */
export const PATHWAY_WALK_SPEED = 1.2;

export function readNetwork(
  db: Database.Database,
  feeds: FeedMeta[],
  issues: IssueCollector,
  progress: Progress,
): { input: NetworkInput; reports: FeedReport[] } {
  const ctx: ReadContext = {
    db,
    feeds,
    issues,
    progress,
    counts: feeds.map(newCounts),
    feedIndex: new Map(feeds.map((f, i) => [f.name, i] as [string, number])),
  };
  progress.status('reading stops, routes, calendars', true);
  const stops = readStops(ctx);
  const stopIndex = new Map(stops.map((s, i) => [s.id, i] as [string, number]));
  const routes = readRoutes(ctx);
  const cal = readCalendars(ctx);
  const { shapes, index: shapeIndex } = readShapes(ctx);
  const routeIndex = new Map(routes.map((r, i) => [r.id, i] as [string, number]));
  const { trips, stopTimes } = readTrips(ctx, { stops, routes: routeIndex, services: cal.index, shapes: shapeIndex });
  const transfers = readTransfers(ctx, stopIndex);
  const pathways = readPathways(ctx, stops, stopIndex);
  progress.clear();
  const feedInputs: FeedInput[] = feeds.map((m, i) => {
    const range = cal.feedRange[i];
    return {
      name: m.name,
      timezone: m.timezone,
      startDate: m.startDate ?? range?.first ?? cal.firstDate,
      endDate: m.endDate ?? range?.last ?? cal.firstDate,
    };
  });
  const reports = feedInputs.map((f, i): FeedReport => ({ ...f, path: feeds[i].path, counts: ctx.counts[i] }));
  const input: NetworkInput = {
    firstDate: cal.firstDate,
    dayCount: cal.dayCount,
    feeds: feedInputs,
    stops,
    routes,
    trips,
    stopTimes,
    services: cal.services,
    transfers,
    pathways,
    shapes,
  };
  return { input, reports };
}

function readTransfers(ctx: ReadContext, stopIndex: Map<string, number>): TransferInput[] {
  const rows = ctx.db
    .prepare(
      'SELECT from_stop_id, to_stop_id, transfer_type, min_transfer_time FROM transfers ' +
        'WHERE from_route_id IS NULL AND to_route_id IS NULL AND from_trip_id IS NULL AND to_trip_id IS NULL ORDER BY rowid',
    )
    .raw()
    .all() as [string, string, number | null, number | null][];
  const out: TransferInput[] = [];
  for (const [from, to, type, minTime] of rows) {
    const f = stopIndex.get(from);
    const t = stopIndex.get(to);
    if (f === undefined || t === undefined) continue; // stop dropped for lack of coordinates
    out.push({ from: f, to: t, type: type ?? 0, minTime: minTime ?? -1 });
    ctx.counts[feedOf(ctx, from)].transfers++;
  }
  return out;
}

/**
 * Pathways: traversal_time, else length / PATHWAY_WALK_SPEED, else the straight-line distance
 * between the two nodes / PATHWAY_WALK_SPEED (seconds, rounded up).
 */
function readPathways(ctx: ReadContext, stops: StopInput[], stopIndex: Map<string, number>): PathwayInput[] {
  const rows = ctx.db
    .prepare('SELECT pathway_id, from_stop_id, to_stop_id, is_bidirectional, length, traversal_time FROM pathways ORDER BY rowid')
    .raw()
    .all() as [string, string, string, number, number | null, number | null][];
  const out: PathwayInput[] = [];
  for (const [id, from, to, bidirectional, length, time] of rows) {
    const f = stopIndex.get(from);
    const t = stopIndex.get(to);
    if (f === undefined || t === undefined) continue;
    const metres = length ?? haversine(stops[f].lat, stops[f].lon, stops[t].lat, stops[t].lon);
    out.push({ from: f, to: t, seconds: time ?? Math.ceil(metres / PATHWAY_WALK_SPEED), bidirectional: bidirectional === 1 });
    ctx.counts[feedOf(ctx, id)].pathways++;
  }
  return out;
}
