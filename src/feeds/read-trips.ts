/**
 * shapes, trips, frequencies and stop_times from SQLite. stop_times is streamed in
 * (trip_id, stop_sequence) order (the primary-key index) straight into the growing columns of one
 * StopTimesBuilder (through a TripBuffer that assembles each trip in place), so memory stays at
 * the final columns even for 10M rows: no per-trip arrays.
 */
import { E7, type FrequencyInput, type ShapeInput, type StopInput, type StopTimesInput } from '../core/input.js';
import { StopTimesBuilder } from '../core/stop-times.js';
import { TripTableBuilder, type TripTable } from '../core/trips.js';
import { TripBuffer } from './interpolate.js';
import { feedOf, rawId, readIssue, type ReadContext } from './read-context.js';

/** Shapes (points in shape_pt_sequence order); returns them and the id → index map. */
export function readShapes(ctx: ReadContext): { shapes: ShapeInput[]; index: Map<string, number> } {
  const shapes: ShapeInput[] = [];
  const index = new Map<string, number>();
  const rows = ctx.db
    .prepare('SELECT shape_id, shape_pt_lat, shape_pt_lon, shape_dist_traveled FROM shapes ORDER BY shape_id, shape_pt_sequence')
    .raw();
  let id: string | undefined;
  let lat: number[] = [];
  let lon: number[] = [];
  let dist: (number | null)[] = [];
  const flush = (): void => {
    if (id === undefined) return;
    const shape: ShapeInput = { id, lat7: Int32Array.from(lat, (x) => Math.round(x * E7)), lon7: Int32Array.from(lon, (x) => Math.round(x * E7)) };
    if (!dist.includes(null)) shape.dist = Float64Array.from(dist as number[]);
    index.set(id, shapes.length);
    shapes.push(shape);
    ctx.counts[feedOf(ctx, id)].shapes++;
  };
  for (const [sid, la, lo, d] of rows.iterate() as Iterable<[string, number, number, number | null]>) {
    if (sid !== id) {
      flush();
      id = sid;
      lat = [];
      lon = [];
      dist = [];
    }
    lat.push(la);
    lon.push(lo);
    dist.push(d);
  }
  flush();
  return { shapes, index };
}

interface TripMeta {
  route: number;
  service: number;
  headsign: string;
  shortName: string | null;
  directionId: number | null;
  shape: number;
  seen: boolean;
}

function readTripMeta(ctx: ReadContext, routes: Map<string, number>, services: Map<string, number>, shapes: Map<string, number>): Map<string, TripMeta> {
  const out = new Map<string, TripMeta>();
  const rows = ctx.db
    .prepare('SELECT trip_id, route_id, service_id, trip_headsign, trip_short_name, direction_id, shape_id FROM trips ORDER BY rowid')
    .raw();
  type Row = [string, string, string, string | null, string | null, number | null, string | null];
  for (const [id, route, service, headsign, shortName, directionId, shape] of rows.iterate() as Iterable<Row>) {
    const r = routes.get(route);
    const s = services.get(service);
    if (r === undefined || s === undefined) continue; // the pre-scan checked both
    const sh = shape === null ? -1 : (shapes.get(shape) ?? -1);
    // (the trip table keeps one string per distinct headsign)
    out.set(id, { route: r, service: s, headsign: headsign ?? '', shortName, directionId, shape: sh, seen: false });
  }
  return out;
}

function readFrequencies(ctx: ReadContext): Map<string, FrequencyInput[]> {
  const out = new Map<string, FrequencyInput[]>();
  const rows = ctx.db
    .prepare('SELECT trip_id, start_timestamp, end_timestamp, headway_secs, exact_times FROM frequencies ORDER BY trip_id, start_timestamp')
    .raw();
  for (const [trip, start, end, headway, exact] of rows.iterate() as Iterable<[string, number, number, number, number | null]>) {
    let list = out.get(trip);
    if (list === undefined) out.set(trip, (list = []));
    list.push({ start, end, headway, exact: exact === 1 });
  }
  return out;
}

export interface TripIndexes {
  stops: StopInput[];
  routes: Map<string, number>;
  services: Map<string, number>;
  shapes: Map<string, number>;
}

/** Trips with their stop times (interpolated and validated, columnar) and frequencies. */
export function readTrips(ctx: ReadContext, ix: TripIndexes): { trips: TripTable; stopTimes: StopTimesInput } {
  const metas = readTripMeta(ctx, ix.routes, ix.services, ix.shapes);
  const frequencies = readFrequencies(ctx);
  const stopIndex = new Map(ix.stops.map((s, i) => [s.id, i] as [string, number]));
  // size the columns once: rows and trips are upper bounds of what is kept
  const rowCount = (ctx.db.prepare('SELECT count(*) FROM stop_times').pluck().get() as number | undefined) ?? 0;
  const buffer = new TripBuffer(
    Float64Array.from(ix.stops, (s) => s.lat),
    Float64Array.from(ix.stops, (s) => s.lon),
    new StopTimesBuilder({ stopTimes: rowCount, trips: metas.size }),
  );
  const trips = new TripTableBuilder(metas.size);
  let current: string | undefined;
  let rows = 0;
  const finish = (): void => {
    if (current === undefined) return;
    const meta = metas.get(current);
    if (meta === undefined) {
      buffer.reset();
      return;
    }
    meta.seen = true;
    const feed = feedOf(ctx, current);
    const result = buffer.finish(rawId(current));
    if ('code' in result) {
      readIssue(ctx, feed, 'stop_times.txt', result.code, 'error', result.message);
      return;
    }
    const n = buffer.out.tripOffsetOf(result.trip + 1) - buffer.out.tripOffsetOf(result.trip);
    const freq = frequencies.get(current);
    if (freq !== undefined) ctx.counts[feed].frequencies += freq.length;
    trips.add({
      id: current,
      route: meta.route,
      service: meta.service,
      headsign: meta.headsign,
      shape: meta.shape,
      ...(meta.directionId !== null ? { directionId: meta.directionId } : {}),
      ...(result.stopSequenceStart !== undefined ? { stopSequenceStart: result.stopSequenceStart } : {}),
      ...(meta.shortName !== null ? { shortName: meta.shortName } : {}),
      ...(freq !== undefined ? { frequencies: freq } : {}),
    });
    ctx.counts[feed].trips++;
    ctx.counts[feed].stopTimes += n;
  };
  const st = ctx.db
    .prepare(
      'SELECT trip_id, stop_id, arrival_timestamp, departure_timestamp, pickup_type, drop_off_type, shape_dist_traveled, stop_sequence ' +
        'FROM stop_times ORDER BY trip_id, stop_sequence',
    )
    .raw();
  type Row = [string, string, number | null, number | null, number | null, number | null, number | null, number];
  for (const [trip, stop, arr, dep, pickup, dropOff, dist, seq] of st.iterate() as Iterable<Row>) {
    if (trip !== current) {
      finish();
      current = trip;
      buffer.reset();
    }
    if (++rows % 200000 === 0) ctx.progress.status(`reading stop_times: ${rows.toLocaleString('en-US')} rows`);
    const s = stopIndex.get(stop);
    if (s === undefined) {
      readIssue(ctx, feedOf(ctx, trip), 'stop_times.txt', 'unknown_stop', 'error', `trip ${rawId(trip)}: stop ${rawId(stop)} was dropped; stop time skipped`);
      continue;
    }
    buffer.push(s, arr, dep, pickup ?? 0, dropOff ?? 0, dist, seq);
  }
  finish();
  for (const [id, meta] of metas) {
    if (!meta.seen) readIssue(ctx, feedOf(ctx, id), 'trips.txt', 'no_stop_times', 'warning', `trip ${rawId(id)} has no stop times; skipped`);
  }
  return { trips: trips.finish(), stopTimes: buffer.out.finish() };
}
