#!/usr/bin/env node
// Structural checks for the bundled region feeds (data/gtfs/<feed>/). Prints every problem and exits 1 if any.
//
//   node scripts/region/validate.mjs              # all feed directories under data/gtfs
//   node scripts/region/validate.mjs data/gtfs/metro-line22
//
// Checks: required files and columns; UTF-8 without BOM, LF endings; unique ids; referential integrity
// (agency, stops, parents, routes, services, trips, shapes, transfers, frequencies, translations); stop_times only on
// location_type 0 stops, sequences increasing, times present and non-decreasing; calendar coverage of
// 2026-11-23..2027-11-23 for every route (every working weekday for daily routes, every week for
// weekly freight/ocean routes); feed_info dates; every stop has an English translation; coordinates inside
// the Jing-Jin-Ji bounding box (except overseas ports, stop_id "port_*"); extension files reference
// existing ids.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WINDOW = ['20261123', '20271123'];
const BBOX = { minLat: 35.5, maxLat: 42.8, minLon: 113.0, maxLon: 120.5 }; // Beijing, Tianjin, Hebei
const REQUIRED = {
  'agency.txt': ['agency_id', 'agency_name', 'agency_url', 'agency_timezone'],
  'stops.txt': ['stop_id', 'stop_name', 'stop_lat', 'stop_lon', 'location_type', 'parent_station'],
  'routes.txt': ['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type'],
  'trips.txt': ['route_id', 'service_id', 'trip_id'],
  'stop_times.txt': ['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'],
  'feed_info.txt': ['feed_publisher_name', 'feed_publisher_url', 'feed_lang', 'feed_start_date', 'feed_end_date', 'feed_version'],
  'translations.txt': ['table_name', 'field_name', 'language', 'translation', 'record_id'],
};

const DAY = 86400000;
const ymdToMs = (s) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8));
const msToYmd = (t) => new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
const dowOf = (s) => (new Date(ymdToMs(s)).getUTCDay() + 6) % 7; // 0 = Monday
const timeRe = /^(\d{1,4}):([0-5]\d):([0-5]\d)$/;
const toSec = (t) => {
  const m = timeRe.exec(t);
  return m ? +m[1] * 3600 + +m[2] * 60 + +m[3] : NaN;
};

export function validateFeed(dir) {
  const problems = [];
  const feed = basename(dir);
  const bad = (msg) => problems.push(`${feed}: ${msg}`);
  const tables = {};

  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const buf = readFileSync(join(dir, f));
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) bad(`${f}: has a UTF-8 BOM`);
    const text = buf.toString('utf8');
    if (text.includes('\r')) bad(`${f}: CR characters (use LF line endings)`);
    if (!text.endsWith('\n')) bad(`${f}: no trailing newline`);
    if (Buffer.from(text, 'utf8').compare(buf) !== 0) bad(`${f}: not valid UTF-8`);
    try {
      tables[f] = parse(text, { columns: true, skip_empty_lines: true });
      tables[f].columns = text.split('\n', 1)[0].split(',');
    } catch (e) {
      bad(`${f}: CSV parse error ${e.message}`);
    }
  }
  for (const [f, cols] of Object.entries(REQUIRED)) {
    if (!tables[f]) {
      bad(`missing ${f}`);
      continue;
    }
    for (const c of cols) if (!tables[f].columns.includes(c)) bad(`${f}: missing column ${c}`);
  }
  if (!tables['calendar.txt'] && !tables['calendar_dates.txt']) bad('missing calendar.txt and calendar_dates.txt');
  if (problems.length) return problems;

  const uniq = (f, key) => {
    const m = new Map();
    (tables[f] ?? []).forEach((r, i) => {
      if (m.has(r[key])) bad(`${f}: duplicate ${key} ${r[key]} (line ${i + 2})`);
      m.set(r[key], r);
    });
    return m;
  };
  const agencies = uniq('agency.txt', 'agency_id');
  const stops = uniq('stops.txt', 'stop_id');
  const routes = uniq('routes.txt', 'route_id');
  const trips = uniq('trips.txt', 'trip_id');
  const shapes = new Set((tables['shapes.txt'] ?? []).map((r) => r.shape_id));

  for (const a of agencies.values()) if (a.agency_timezone !== 'Asia/Shanghai') bad(`agency ${a.agency_id}: timezone ${a.agency_timezone}`);

  // stops
  for (const s of stops.values()) {
    const lt = s.location_type || '0';
    if (!['0', '1'].includes(lt)) bad(`stop ${s.stop_id}: unexpected location_type ${lt}`);
    if (s.parent_station) {
      const p = stops.get(s.parent_station);
      if (!p) bad(`stop ${s.stop_id}: parent_station ${s.parent_station} missing`);
      else if (p.location_type !== '1') bad(`stop ${s.stop_id}: parent ${p.stop_id} is not location_type 1`);
      if (lt === '1') bad(`station ${s.stop_id} has a parent`);
    }
    if (!/^[a-z0-9_]+$/.test(s.stop_id)) bad(`stop ${s.stop_id}: id is not ASCII snake_case`);
    if (!s.stop_name) bad(`stop ${s.stop_id}: empty stop_name`);
    const lat = Number(s.stop_lat);
    const lon = Number(s.stop_lon);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) bad(`stop ${s.stop_id}: bad coordinates`);
    const overseas = s.stop_id.startsWith('port_');
    if (!overseas && (lat < BBOX.minLat || lat > BBOX.maxLat || lon < BBOX.minLon || lon > BBOX.maxLon)) {
      bad(`stop ${s.stop_id}: (${lat}, ${lon}) outside the region bounding box`);
    }
  }
  const parentsWithChildren = new Set([...stops.values()].map((s) => s.parent_station).filter(Boolean));
  for (const s of stops.values()) if (s.location_type === '1' && !parentsWithChildren.has(s.stop_id)) bad(`station ${s.stop_id} has no child stops`);

  // routes, trips
  for (const r of routes.values()) {
    if (!agencies.has(r.agency_id)) bad(`route ${r.route_id}: agency ${r.agency_id} missing`);
    if (!Number.isInteger(Number(r.route_type))) bad(`route ${r.route_id}: bad route_type`);
  }
  const services = new Set([...(tables['calendar.txt'] ?? []).map((c) => c.service_id), ...(tables['calendar_dates.txt'] ?? []).map((c) => c.service_id)]);
  for (const t of trips.values()) {
    if (!routes.has(t.route_id)) bad(`trip ${t.trip_id}: route ${t.route_id} missing`);
    if (!services.has(t.service_id)) bad(`trip ${t.trip_id}: service ${t.service_id} missing`);
    if (t.shape_id && !shapes.has(t.shape_id)) bad(`trip ${t.trip_id}: shape ${t.shape_id} missing`);
  }

  // stop_times
  const byTrip = new Map();
  tables['stop_times.txt'].forEach((st, i) => {
    if (!trips.has(st.trip_id)) bad(`stop_times line ${i + 2}: trip ${st.trip_id} missing`);
    const s = stops.get(st.stop_id);
    if (!s) bad(`stop_times line ${i + 2}: stop ${st.stop_id} missing`);
    else if ((s.location_type || '0') !== '0') bad(`stop_times line ${i + 2}: stop ${st.stop_id} is not location_type 0`);
    if (!byTrip.has(st.trip_id)) byTrip.set(st.trip_id, []);
    byTrip.get(st.trip_id).push(st);
  });
  for (const t of trips.values()) {
    const sts = byTrip.get(t.trip_id);
    if (!sts || sts.length < 2) {
      bad(`trip ${t.trip_id}: fewer than 2 stop_times`);
      continue;
    }
    sts.sort((a, b) => a.stop_sequence - b.stop_sequence);
    let prev = -1;
    let prevSeq = -1;
    for (const st of sts) {
      const seq = Number(st.stop_sequence);
      if (!(seq > prevSeq)) bad(`trip ${t.trip_id}: stop_sequence not increasing at ${seq}`);
      prevSeq = seq;
      const a = toSec(st.arrival_time);
      const d = toSec(st.departure_time);
      if (Number.isNaN(a) || Number.isNaN(d)) {
        bad(`trip ${t.trip_id}: missing/bad time at seq ${seq}`);
        continue;
      }
      if (a < prev || d < a) bad(`trip ${t.trip_id}: times decrease at seq ${seq}`);
      prev = d;
    }
  }

  // frequencies
  for (const fr of tables['frequencies.txt'] ?? []) {
    if (!trips.has(fr.trip_id)) bad(`frequencies: trip ${fr.trip_id} missing`);
    const a = toSec(fr.start_time);
    const b = toSec(fr.end_time);
    if (!(a < b) || !(Number(fr.headway_secs) > 0)) bad(`frequencies: ${fr.trip_id} bad window or headway`);
  }

  // calendar coverage
  const active = new Map(); // service -> Set(dates)
  for (const c of tables['calendar.txt'] ?? []) {
    const set = new Set();
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => c[d] === '1');
    for (let t = ymdToMs(c.start_date); t <= ymdToMs(c.end_date); t += DAY) {
      const s = msToYmd(t);
      if (days[dowOf(s)]) set.add(s);
    }
    active.set(c.service_id, set);
  }
  const removed = new Set();
  for (const cd of tables['calendar_dates.txt'] ?? []) {
    if (!active.has(cd.service_id)) active.set(cd.service_id, new Set());
    if (cd.exception_type === '1') active.get(cd.service_id).add(cd.date);
    else if (cd.exception_type === '2') {
      active.get(cd.service_id).delete(cd.date);
      removed.add(cd.date);
    } else bad(`calendar_dates: bad exception_type ${cd.exception_type}`);
  }
  const routeDates = new Map();
  for (const t of trips.values()) {
    if (!routeDates.has(t.route_id)) routeDates.set(t.route_id, new Set());
    for (const d of active.get(t.service_id) ?? []) routeDates.get(t.route_id).add(d);
  }
  const windowDates = [];
  for (let t = ymdToMs(WINDOW[0]); t <= ymdToMs(WINDOW[1]); t += DAY) windowDates.push(msToYmd(t));
  const weekdays = windowDates.filter((s) => dowOf(s) < 5);
  for (const r of routes.values()) {
    const ds = routeDates.get(r.route_id) ?? new Set();
    const share = weekdays.filter((s) => ds.has(s)).length / weekdays.length;
    if (share >= 0.9) {
      // daily route: every weekday that is not a declared holiday (a date some service removes)
      const missing = weekdays.filter((s) => !ds.has(s) && !removed.has(s));
      if (missing.length) bad(`route ${r.route_id}: no service on ${missing.length} weekdays, e.g. ${missing.slice(0, 3).join(', ')}`);
    } else {
      for (let i = 0; i + 7 <= windowDates.length; i += 7) {
        if (!windowDates.slice(i, i + 7).some((s) => ds.has(s))) {
          bad(`route ${r.route_id}: no service in the week from ${windowDates[i]}`);
          break;
        }
      }
    }
  }

  // feed_info
  const fi = tables['feed_info.txt'][0] ?? {};
  if (!(fi.feed_start_date <= WINDOW[0] && fi.feed_end_date >= WINDOW[1])) bad(`feed_info: ${fi.feed_start_date}..${fi.feed_end_date} does not cover ${WINDOW.join('..')}`);
  if (fi.feed_lang !== 'zh') bad(`feed_info: feed_lang ${fi.feed_lang}`);

  // transfers
  for (const tr of tables['transfers.txt'] ?? []) {
    for (const k of ['from_stop_id', 'to_stop_id']) if (!stops.has(tr[k])) bad(`transfers: ${k} ${tr[k]} missing`);
    if (tr.transfer_type === '2' && !(Number(tr.min_transfer_time) >= 0)) bad(`transfers: ${tr.from_stop_id}->${tr.to_stop_id} lacks min_transfer_time`);
  }

  // translations
  const translated = new Set();
  for (const tr of tables['translations.txt']) {
    const target = { stops, routes, agency: agencies, trips }[tr.table_name];
    if (!target) bad(`translations: unsupported table_name ${tr.table_name}`);
    else if (!target.has(tr.record_id)) bad(`translations: ${tr.table_name} ${tr.record_id} missing`);
    if (!tr.translation) bad(`translations: empty translation for ${tr.record_id}`);
    if (tr.table_name === 'stops' && tr.field_name === 'stop_name' && tr.language === 'en') translated.add(tr.record_id);
  }
  for (const s of stops.keys()) if (!translated.has(s)) bad(`stop ${s}: no English translation`);

  // extension files (sea-rail-freight)
  for (const r of tables['freight_services.txt'] ?? []) {
    if (!routes.has(r.route_id)) bad(`freight_services: route ${r.route_id} missing`);
    if (!(Number(r.capacity_teu) > 0)) bad(`freight_services: ${r.route_id} capacity_teu missing`);
  }
  for (const r of tables['freight_terminals.txt'] ?? []) if (!stops.has(r.stop_id)) bad(`freight_terminals: stop ${r.stop_id} missing`);
  for (const r of tables['freight_tariffs.txt'] ?? []) {
    if (!routes.has(r.route_id)) bad(`freight_tariffs: route ${r.route_id} missing`);
    for (const k of ['from_stop_id', 'to_stop_id']) if (!stops.has(r[k])) bad(`freight_tariffs: ${k} ${r[k]} missing`);
  }
  for (const r of tables['fare_rules.txt'] ?? []) if (r.route_id && !routes.has(r.route_id)) bad(`fare_rules: route ${r.route_id} missing`);

  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const base = join(ROOT, 'data', 'gtfs');
  const dirs = args.length ? args : readdirSync(base).map((d) => join(base, d)).filter((d) => statSync(d).isDirectory()).sort();
  let total = 0;
  for (const d of dirs) {
    if (!existsSync(d)) {
      console.error(`no such feed directory: ${d}`);
      total++;
      continue;
    }
    const p = validateFeed(d);
    total += p.length;
    for (const x of p) console.error(x);
    console.log(`${basename(d).padEnd(18)} ${p.length ? `${p.length} problem(s)` : 'ok'}`);
  }
  process.exit(total ? 1 : 0);
}
