// Accumulates one GTFS feed in memory and writes it as a directory of .txt files.
import { rmSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PLACES } from '../data/places.mjs';
import { FEED_START, FEED_END, FEED_VERSION } from '../data/holidays.mjs';
import { calendarRows } from './calendar.mjs';
import { buildLineTrips } from './timetable.mjs';
import { writeCsv, num, haversineKm } from './util.mjs';

export const TZ = 'Asia/Shanghai';
export const PUBLISHER = {
  name: 'jjj-router 京津冀区域数据 (hand-authored from public facts; see PROVENANCE.md)',
  // Placeholder: the project has no public URL yet. Replace when the repository is published.
  url: 'https://jjj-router.example/',
};

const COLS = {
  agency: ['agency_id', 'agency_name', 'agency_url', 'agency_timezone', 'agency_lang', 'agency_phone'],
  stops: ['stop_id', 'stop_name', 'stop_desc', 'stop_lat', 'stop_lon', 'location_type', 'parent_station', 'platform_code'],
  routes: ['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_desc', 'route_type', 'route_color', 'route_text_color'],
  trips: ['route_id', 'service_id', 'trip_id', 'trip_headsign', 'trip_short_name', 'direction_id', 'shape_id'],
  stop_times: ['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence', 'pickup_type', 'drop_off_type', 'timepoint'],
  calendar: ['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date'],
  calendar_dates: ['service_id', 'date', 'exception_type'],
  shapes: ['shape_id', 'shape_pt_lat', 'shape_pt_lon', 'shape_pt_sequence', 'shape_dist_traveled'],
  transfers: ['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time'],
  frequencies: ['trip_id', 'start_time', 'end_time', 'headway_secs', 'exact_times'],
  translations: ['table_name', 'field_name', 'language', 'translation', 'record_id', 'record_sub_id', 'field_value'],
  feed_info: ['feed_publisher_name', 'feed_publisher_url', 'feed_lang', 'default_lang', 'feed_start_date', 'feed_end_date', 'feed_version'],
};

export class Feed {
  constructor(name) {
    this.name = name;
    this.agencies = [];
    this.stops = new Map();
    this.routes = [];
    this.trips = [];
    this.stopTimes = [];
    this.shapes = [];
    this.transfers = [];
    this.frequencies = [];
    this.translations = [];
    this.extras = []; // { file, columns, rows }
    this.lines = []; // line tables, kept for facts/README
  }

  addAgency({ id, zh, en, url, phone = '' }) {
    this.agencies.push({ agency_id: id, agency_name: zh, agency_url: url, agency_timezone: TZ, agency_lang: 'zh', agency_phone: phone });
    this.translations.push(tr('agency', 'agency_name', en, id));
  }

  /**
   * Add a stop. `place` keys PLACES (coordinates + names); `offsetM` = [north, east] metres from the place
   * (platforms of one hub); `name`/`en` override the place names.
   */
  addStop({ id, place, name, en, loc = 0, parent = '', offsetM = [0, 0], desc = '', platform = '' }) {
    const p = PLACES[place ?? id];
    if (!p) throw new Error(`${this.name}: unknown place ${place ?? id}`);
    if (this.stops.has(id)) throw new Error(`${this.name}: duplicate stop ${id}`);
    const [zh, enName, lat, lon] = p;
    const dLat = offsetM[0] / 111320;
    const dLon = offsetM[1] / (111320 * Math.cos((lat * Math.PI) / 180));
    this.stops.set(id, {
      stop_id: id,
      stop_name: name ?? zh,
      stop_desc: desc,
      stop_lat: num(lat + dLat),
      stop_lon: num(lon + dLon),
      location_type: loc,
      parent_station: parent,
      platform_code: platform,
      _place: place ?? id,
    });
    this.translations.push(tr('stops', 'stop_name', en ?? enName, id));
    return id;
  }

  /** Parent station + one child platform per entry of `children` ({ id, suffix, en, offsetM }). */
  addHub({ id, place, name, en, children }) {
    const p = PLACES[place ?? id];
    this.addStop({ id, place: place ?? id, name, en, loc: 1 });
    for (const c of children) {
      this.addStop({
        id: c.id,
        place: place ?? id,
        name: name ?? p[0],
        en: `${en ?? p[1]}${c.en ? ` (${c.en})` : ''}`,
        parent: id,
        offsetM: c.offsetM ?? [0, 0],
        desc: c.desc ?? '',
        platform: c.platform ?? '',
      });
    }
  }

  stopName(id) {
    const s = this.stops.get(id);
    if (!s) throw new Error(`${this.name}: unknown stop ${id}`);
    return s.stop_name;
  }

  addRoute(line) {
    this.routes.push({
      route_id: line.id,
      agency_id: line.agency,
      route_short_name: line.short,
      route_long_name: line.long,
      route_desc: line.desc ?? '',
      route_type: line.type,
      route_color: line.color ?? '',
      route_text_color: line.textColor ?? '',
    });
    if (line.en) this.translations.push(tr('routes', 'route_long_name', line.en, line.id));
    if (line.enShort) this.translations.push(tr('routes', 'route_short_name', line.enShort, line.id));
  }

  /** Route + trips + stop_times + shapes from a line table (see lib/timetable.mjs). */
  addLine(line) {
    this.addRoute(line);
    const headsign = (s) => this.stopName(s).replace(/\(.*\)$/, '');
    const { trips, stopTimes, frequencies } = buildLineTrips(line, headsign);
    this.trips.push(...trips);
    this.stopTimes.push(...stopTimes);
    this.frequencies.push(...frequencies);
    if (!line.noShape) {
      const pts0 = line.shapePoints ?? line.stops.map((s) => {
        const st = this.stops.get(s);
        return [Number(st.stop_lat), Number(st.stop_lon)];
      });
      for (const dir of [0, 1]) {
        if (!trips.some((t) => t.direction_id === dir)) continue;
        const pts = dir === 0 ? pts0 : [...pts0].reverse();
        let km = 0;
        pts.forEach(([lat, lon], i) => {
          if (i > 0) km += haversineKm(pts[i - 1][0], pts[i - 1][1], lat, lon);
          this.shapes.push({ shape_id: `${line.id}_${dir}`, shape_pt_lat: num(lat), shape_pt_lon: num(lon), shape_pt_sequence: i + 1, shape_dist_traveled: num(km, 3) });
        });
      }
    }
    this.lines.push(line);
  }

  addTransfer(from, to, minSec, both = true) {
    this.transfers.push({ from_stop_id: from, to_stop_id: to, transfer_type: 2, min_transfer_time: minSec });
    if (both && from !== to) this.transfers.push({ from_stop_id: to, to_stop_id: from, transfer_type: 2, min_transfer_time: minSec });
  }

  addExtra(file, columns, rows) {
    this.extras.push({ file, columns, rows });
  }

  /** Write all files into `dir` (stale .txt files removed first). Returns counts. */
  write(dir) {
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.txt')) rmSync(join(dir, f));
    const services = new Set(this.trips.map((t) => t.service_id));
    const { calendar, dates } = calendarRows(services);
    const stops = [...this.stops.values()];
    const order = new Map(this.trips.map((t, i) => [t.trip_id, i]));
    const clean = (rows) => rows.map(({ _dep, _key, _place, ...r }) => r);
    writeCsv(join(dir, 'agency.txt'), COLS.agency, this.agencies);
    writeCsv(join(dir, 'stops.txt'), COLS.stops, clean(stops));
    writeCsv(join(dir, 'routes.txt'), COLS.routes, this.routes);
    writeCsv(join(dir, 'trips.txt'), COLS.trips, clean(this.trips));
    const st = [...this.stopTimes].sort((a, b) => order.get(a.trip_id) - order.get(b.trip_id) || a.stop_sequence - b.stop_sequence);
    writeCsv(join(dir, 'stop_times.txt'), COLS.stop_times, st);
    writeCsv(join(dir, 'calendar.txt'), COLS.calendar, calendar);
    if (dates.length) writeCsv(join(dir, 'calendar_dates.txt'), COLS.calendar_dates, dates);
    if (this.shapes.length) writeCsv(join(dir, 'shapes.txt'), COLS.shapes, this.shapes);
    if (this.transfers.length) writeCsv(join(dir, 'transfers.txt'), COLS.transfers, this.transfers);
    if (this.frequencies.length) writeCsv(join(dir, 'frequencies.txt'), COLS.frequencies, this.frequencies);
    writeCsv(join(dir, 'translations.txt'), COLS.translations, this.translations);
    writeCsv(join(dir, 'feed_info.txt'), COLS.feed_info, [
      {
        feed_publisher_name: PUBLISHER.name,
        feed_publisher_url: PUBLISHER.url,
        feed_lang: 'zh',
        default_lang: 'zh',
        feed_start_date: FEED_START,
        feed_end_date: FEED_END,
        feed_version: FEED_VERSION,
      },
    ]);
    for (const x of this.extras) writeCsv(join(dir, x.file), x.columns, x.rows);
    return { stops: stops.length, routes: this.routes.length, trips: this.trips.length, stop_times: st.length };
  }
}

function tr(table, field, translation, recordId) {
  return { table_name: table, field_name: field, language: 'en', translation, record_id: recordId, record_sub_id: '', field_value: '' };
}
