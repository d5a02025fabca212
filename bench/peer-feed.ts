/**
 * Writes the GTFS feed(s) jjj-router loads as ONE zip for the peer (raptor-journey-planner loads
 * a single zip): every id namespaced `feed:id` exactly as our loader does, so stop ids are equal
 * on both sides. Only the files the peer reads are written (stops, trips, stop_times, calendar,
 * calendar_dates, transfers), rows in file order.
 *
 * Options: frequency-based trips (frequencies.txt) can be left out — the peer ignores
 * frequencies.txt and would run the template as one trip; empty pickup_type / drop_off_type can be
 * written as `0` (the same GTFS meaning; the peer reads an empty value as "not allowed").
 */
import { closeSync, createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readCsv, csvLine } from '../src/feeds/csv.js';
import { uniqueNames } from '../src/feeds/load.js';
import { execFileSync } from 'node:child_process';

/** Stream a CSV file's rows as objects keyed by header (src/feeds/csv.ts: BOM, CRLF, quotes, trimmed fields). */
export async function eachRow(file: string, fn: (row: Record<string, string>) => void): Promise<void> {
  if (!existsSync(file)) return;
  let header: string[] | undefined;
  await readCsv(createReadStream(file), (fields) => {
    if (header === undefined) {
      header = fields;
      return;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]] = fields[i] ?? '';
    fn(row);
  });
}

class CsvOut {
  private readonly fd: number;
  private buf: string[] = [];
  constructor(
    file: string,
    private readonly cols: string[],
  ) {
    this.fd = openSync(file, 'w');
    this.buf.push(this.cols.join(','));
  }
  row(r: Record<string, string>): void {
    this.buf.push(csvLine(this.cols.map((c) => r[c] ?? '')));
    if (this.buf.length >= 20000) this.flush();
  }
  private flush(): void {
    if (this.buf.length === 0) return;
    writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export interface PeerFeedOptions {
  dropFrequencyTrips: boolean;
  normaliseEmptyPickup: boolean;
  /**
   * Write transfers.txt rows that name a parent station as the rows of its child platforms (what
   * GTFS says such a row means; stop-level rows after them, so they win) — the peer matches stop
   * ids literally and would otherwise never apply them.
   */
  expandStationTransfers?: boolean;
}

export interface PeerFeed {
  zip: string;
  dir: string;
  trips: number;
  stopTimes: number;
  frequencyTripsDropped: number;
  /** stop_times rows whose pickup_type or drop_off_type was empty (written as given or as 0). */
  emptyPickupRows: number;
  /** Station-level transfers.txt rows written as platform rows. */
  expandedRows: number;
  /**
   * Services defined only in calendar_dates.txt, given a calendar.txt row with no weekday set over
   * their dates' range (the same GTFS meaning: the dates alone add the service) — the peer's loader
   * creates no Service for a service_id without a calendar.txt row and then throws on the first
   * query that meets one of its trips.
   */
  dateOnlyServices: number;
}

/** Write the peer's zip for `paths` (GTFS directories or zips) into a fresh temp directory. */
export async function writePeerFeed(paths: string[], o: PeerFeedOptions): Promise<PeerFeed> {
  const root = mkdtempSync(join(tmpdir(), 'jjj-peer-'));
  const dir = join(root, 'gtfs');
  mkdirSync(dir);
  const names = uniqueNames(paths); // exactly as our loader names them
  const out = {
    stops: new CsvOut(join(dir, 'stops.txt'), ['stop_id', 'stop_name', 'stop_lat', 'stop_lon', 'location_type', 'parent_station']),
    trips: new CsvOut(join(dir, 'trips.txt'), ['route_id', 'service_id', 'trip_id']),
    stopTimes: new CsvOut(join(dir, 'stop_times.txt'), [
      'trip_id',
      'arrival_time',
      'departure_time',
      'stop_id',
      'stop_sequence',
      'pickup_type',
      'drop_off_type',
    ]),
    calendar: new CsvOut(join(dir, 'calendar.txt'), [
      'service_id',
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
      'saturday',
      'sunday',
      'start_date',
      'end_date',
    ]),
    dates: new CsvOut(join(dir, 'calendar_dates.txt'), ['service_id', 'date', 'exception_type']),
    transfers: new CsvOut(join(dir, 'transfers.txt'), ['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time']),
  };
  const res: PeerFeed = { zip: join(root, 'peer.zip'), dir, trips: 0, stopTimes: 0, frequencyTripsDropped: 0, emptyPickupRows: 0, expandedRows: 0, dateOnlyServices: 0 };
  for (let f = 0; f < paths.length; f++) {
    let src = paths[f];
    if (statSync(src).isFile()) {
      const x = join(root, `unzipped-${f}`);
      mkdirSync(x);
      execFileSync('unzip', ['-q', '-j', src, '-d', x]);
      src = x;
    }
    const ns = (id: string) => (id === '' ? '' : `${names[f]}:${id}`);
    const freq = new Set<string>();
    if (o.dropFrequencyTrips) await eachRow(join(src, 'frequencies.txt'), (r) => freq.add(r.trip_id));
    res.frequencyTripsDropped += freq.size;
    const children = new Map<string, string[]>();
    const stationIds = new Set<string>();
    await eachRow(join(src, 'stops.txt'), (r) => {
      out.stops.row({ ...r, stop_id: ns(r.stop_id), parent_station: ns(r.parent_station ?? '') });
      if (r.location_type === '1') stationIds.add(r.stop_id);
      else if ((r.location_type ?? '') === '' || r.location_type === '0') {
        const p = r.parent_station ?? '';
        if (p !== '') children.set(p, [...(children.get(p) ?? []), r.stop_id]);
      }
    });
    await eachRow(join(src, 'trips.txt'), (r) => {
      if (freq.has(r.trip_id)) return;
      res.trips++;
      out.trips.row({ route_id: ns(r.route_id), service_id: ns(r.service_id), trip_id: ns(r.trip_id) });
    });
    const norm = (v: string | undefined) => (v === undefined ? '0' : o.normaliseEmptyPickup && v === '' ? '0' : v);
    await eachRow(join(src, 'stop_times.txt'), (r) => {
      if (freq.has(r.trip_id)) return;
      res.stopTimes++;
      if (r.pickup_type === '' || r.drop_off_type === '') res.emptyPickupRows++;
      out.stopTimes.row({
        trip_id: ns(r.trip_id),
        arrival_time: r.arrival_time,
        departure_time: r.departure_time,
        stop_id: ns(r.stop_id),
        stop_sequence: r.stop_sequence,
        pickup_type: norm(r.pickup_type),
        drop_off_type: norm(r.drop_off_type),
      });
    });
    const withCalendar = new Set<string>();
    await eachRow(join(src, 'calendar.txt'), (r) => {
      withCalendar.add(r.service_id);
      out.calendar.row({ ...r, service_id: ns(r.service_id) });
    });
    const dateRange = new Map<string, [string, string]>();
    await eachRow(join(src, 'calendar_dates.txt'), (r) => {
      out.dates.row({ ...r, service_id: ns(r.service_id) });
      if (withCalendar.has(r.service_id)) return;
      const span = dateRange.get(r.service_id);
      if (span === undefined) dateRange.set(r.service_id, [r.date, r.date]);
      else {
        if (r.date < span[0]) span[0] = r.date;
        if (r.date > span[1]) span[1] = r.date;
      }
    });
    for (const [id, [first, last]] of dateRange) {
      const none = { monday: '0', tuesday: '0', wednesday: '0', thursday: '0', friday: '0', saturday: '0', sunday: '0' };
      out.calendar.row({ service_id: ns(id), ...none, start_date: first, end_date: last });
      res.dateOnlyServices++;
    }
    const stationRows: Record<string, string>[] = [];
    const stopRows: Record<string, string>[] = [];
    await eachRow(join(src, 'transfers.txt'), (r) => {
      if (o.expandStationTransfers && (stationIds.has(r.from_stop_id) || stationIds.has(r.to_stop_id))) {
        const froms = stationIds.has(r.from_stop_id) ? (children.get(r.from_stop_id) ?? []) : [r.from_stop_id];
        const tos = stationIds.has(r.to_stop_id) ? (children.get(r.to_stop_id) ?? []) : [r.to_stop_id];
        for (const a of froms) for (const b of tos) stationRows.push({ ...r, from_stop_id: a, to_stop_id: b });
        res.expandedRows++;
      } else stopRows.push(r);
    });
    for (const r of [...stationRows, ...stopRows]) out.transfers.row({ ...r, from_stop_id: ns(r.from_stop_id), to_stop_id: ns(r.to_stop_id) });
  }
  for (const w of Object.values(out)) w.close();
  execFileSync('zip', ['-q', '-j', res.zip, ...readdirSync(dir).map((f) => join(dir, f))]);
  return res;
}
