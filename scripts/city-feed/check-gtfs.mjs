#!/usr/bin/env node
// scripts/city-feed/check-gtfs.mjs
//
// Quick structural sanity check of a GTFS text directory (e.g. bench/data/nyc-all):
// row counts, primary-key uniqueness, foreign keys (stop_times -> trips/stops,
// trips -> routes/services/shapes, routes -> agency, parent_station, transfers),
// stop_times time format / ordering. Streams stop_times.txt, so it works on the
// multi-million-row NYC feeds. Node built-ins only.
//
// Usage: node scripts/city-feed/check-gtfs.mjs DIR [DIR...]
// Exit status 1 if any error (not warning) is found.

import fs from 'node:fs';
import path from 'node:path';

/** Minimal RFC 4180 parser: yields arrays of fields; handles quoted commas, quotes, newlines. */
async function forEachRecord(file, fn) {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 4 << 20 });
  let rest = '';
  let pending = null; // record being continued across a quoted newline
  const handleLine = (line) => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (pending !== null) { line = pending + '\n' + line; pending = null; }
    if (line.indexOf('"') === -1) return fn(line.split(','));
    const out = [];
    let i = 0, field = '', inQ = false;
    while (i < line.length) {
      const c = line[i];
      if (inQ) {
        if (c === '"') { if (line[i + 1] === '"') { field += '"'; i += 2; continue; } inQ = false; i++; continue; }
        field += c; i++;
      } else if (c === '"') { inQ = true; i++; } else if (c === ',') { out.push(field); field = ''; i++; } else { field += c; i++; }
    }
    if (inQ) { pending = line; return; }
    out.push(field);
    fn(out);
  };
  for await (const chunk of stream) {
    const s = rest + chunk;
    let start = 0, nl;
    while ((nl = s.indexOf('\n', start)) !== -1) { handleLine(s.slice(start, nl)); start = nl + 1; }
    rest = s.slice(start);
  }
  if (rest.length) handleLine(rest);
  if (pending !== null) throw new Error(`${file}: unterminated quoted field at end of file`);
}

async function readTable(dir, name, onRow) {
  const file = path.join(dir, `${name}.txt`);
  if (!fs.existsSync(file)) return null;
  let header = null, n = 0, badWidth = 0;
  await forEachRecord(file, (f) => {
    if (header === null) {
      header = f.map((h) => h.replace(/^\uFEFF/, '').trim());
      if (new Set(header).size !== header.length) throw new Error(`${name}.txt: duplicate column names`);
      return;
    }
    if (f.length === 1 && f[0] === '') return; // blank line
    if (f.length !== header.length) { badWidth++; return; }
    n++;
    if (onRow) { const o = {}; for (let i = 0; i < header.length; i++) o[header[i]] = f[i]; onRow(o); }
  });
  return { header, rows: n, badWidth };
}

const fmt = (n) => n.toLocaleString('en-US');
const TIME_RE = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/;
const toSec = (t) => { const m = TIME_RE.exec(t); return m ? +m[1] * 3600 + +m[2] * 60 + +m[3] : NaN; };

async function check(dir) {
  const t0 = Date.now();
  const errors = [], warnings = [], info = [];
  const err = (m) => errors.push(m), warn = (m) => warnings.push(m);
  console.log(`\n### ${dir}`);
  for (const f of ['agency', 'stops', 'routes', 'trips', 'stop_times']) if (!fs.existsSync(path.join(dir, `${f}.txt`))) err(`missing required ${f}.txt`);
  if (!fs.existsSync(path.join(dir, 'calendar.txt')) && !fs.existsSync(path.join(dir, 'calendar_dates.txt'))) err('missing both calendar.txt and calendar_dates.txt');
  if (errors.length) return { errors, warnings };

  const counts = {};
  const widthCheck = (name, r) => { if (!r) return; counts[name] = r.rows; if (r.badWidth) err(`${name}.txt: ${r.badWidth} rows with wrong number of fields`); };
  const uniq = (name, set, key) => (o) => { const k = key(o); if (set.has(k)) dupes[name] = (dupes[name] ?? 0) + 1; else set.add(k); };
  const dupes = {};

  const agencies = new Set();
  widthCheck('agency', await readTable(dir, 'agency', uniq('agency_id', agencies, (o) => o.agency_id ?? '')));
  const tzs = new Set();
  await readTable(dir, 'agency', (o) => tzs.add(o.agency_timezone));
  if (tzs.size !== 1) err(`agency_timezone differs between agencies: ${[...tzs].join(', ')}`);

  const stops = new Map(); // stop_id -> location_type
  const parents = [];
  let latMin = 90, latMax = -90, lonMin = 180, lonMax = -180, badCoord = 0;
  widthCheck('stops', await readTable(dir, 'stops', (o) => {
    if (stops.has(o.stop_id)) dupes.stop_id = (dupes.stop_id ?? 0) + 1;
    stops.set(o.stop_id, o.location_type ?? '');
    if (o.parent_station) parents.push([o.stop_id, o.parent_station]);
    const lt = o.location_type ?? '';
    if (lt === '' || lt === '0' || lt === '1' || lt === '2') {
      const la = Number(o.stop_lat), lo = Number(o.stop_lon);
      if (!Number.isFinite(la) || !Number.isFinite(lo) || o.stop_lat === '' || o.stop_lon === '') badCoord++;
      else { latMin = Math.min(latMin, la); latMax = Math.max(latMax, la); lonMin = Math.min(lonMin, lo); lonMax = Math.max(lonMax, lo); }
    }
  }));
  if (badCoord) err(`stops.txt: ${badCoord} stops without valid stop_lat/stop_lon`);
  info.push(`stop bbox: lat ${latMin}..${latMax}, lon ${lonMin}..${lonMax}`);
  let badParent = 0, parentNotStation = 0;
  for (const [, p] of parents) { if (!stops.has(p)) badParent++; else if (stops.get(p) !== '1') parentNotStation++; }
  if (badParent) err(`stops.txt: ${badParent} parent_station values not found in stops`);
  if (parentNotStation) warn(`stops.txt: ${parentNotStation} parent_station values point to a stop whose location_type != 1`);
  info.push(`stops with location_type=1 (stations): ${[...stops.values()].filter((v) => v === '1').length}; stops with a parent_station: ${parents.length}`);

  const routes = new Map(); // route_id -> trip count
  let routeBadAgency = 0, routeNoAgency = 0;
  widthCheck('routes', await readTable(dir, 'routes', (o) => {
    if (routes.has(o.route_id)) dupes.route_id = (dupes.route_id ?? 0) + 1;
    routes.set(o.route_id, 0);
    if (!o.agency_id) { if (agencies.size > 1) routeNoAgency++; } else if (!agencies.has(o.agency_id)) routeBadAgency++;
    if (!/^\d+$/.test(o.route_type ?? '')) err(`routes.txt: route ${o.route_id} has invalid route_type "${o.route_type}"`);
  }));
  if (routeBadAgency) err(`routes.txt: ${routeBadAgency} routes reference an unknown agency_id`);
  if (routeNoAgency) err(`routes.txt: ${routeNoAgency} routes have no agency_id although there are several agencies`);

  const services = new Set();
  const cal = await readTable(dir, 'calendar', uniq('calendar.service_id', services, (o) => o.service_id));
  widthCheck('calendar', cal);
  const cdKeys = new Set();
  const cd = await readTable(dir, 'calendar_dates', (o) => {
    services.add(o.service_id);
    const k = `${o.service_id}|${o.date}`;
    if (cdKeys.has(k)) dupes['calendar_dates(service_id,date)'] = (dupes['calendar_dates(service_id,date)'] ?? 0) + 1; else cdKeys.add(k);
    if (!/^\d{8}$/.test(o.date)) err(`calendar_dates.txt: bad date "${o.date}"`);
  });
  widthCheck('calendar_dates', cd);

  const shapes = new Set();
  widthCheck('shapes', await readTable(dir, 'shapes', (o) => shapes.add(o.shape_id)));
  const hasShapes = fs.existsSync(path.join(dir, 'shapes.txt'));

  const trips = new Map(); // trip_id -> stop_time count
  let tBadRoute = 0, tBadSvc = 0, tBadShape = 0;
  widthCheck('trips', await readTable(dir, 'trips', (o) => {
    if (trips.has(o.trip_id)) dupes.trip_id = (dupes.trip_id ?? 0) + 1;
    trips.set(o.trip_id, 0);
    if (!routes.has(o.route_id)) tBadRoute++; else routes.set(o.route_id, routes.get(o.route_id) + 1);
    if (!services.has(o.service_id)) tBadSvc++;
    if (o.shape_id && (!hasShapes || !shapes.has(o.shape_id))) tBadShape++;
  }));
  if (tBadRoute) err(`trips.txt: ${tBadRoute} trips reference an unknown route_id`);
  if (tBadSvc) err(`trips.txt: ${tBadSvc} trips reference a service_id absent from calendar/calendar_dates`);
  if (tBadShape) err(`trips.txt: ${tBadShape} trips reference an unknown shape_id`);
  const routesNoTrips = [...routes.values()].filter((n) => n === 0).length;
  if (routesNoTrips) warn(`routes.txt: ${routesNoTrips} routes have no trips`);

  // stop_times (streamed)
  const ts = Date.now();
  let stBadTrip = 0, stBadStop = 0, stStopIsStation = 0, badTime = 0, arrAfterDep = 0, timeBackwards = 0, seqNotIncreasing = 0, nonContiguous = 0, over24 = 0, maxSec = 0, missingTimes = 0;
  const usedStops = new Set();
  const finished = new Set();
  let cur = null, lastSeq = -Infinity, lastDep = -Infinity;
  const st = await readTable(dir, 'stop_times', (o) => {
    const tid = o.trip_id;
    if (tid !== cur) {
      if (cur !== null) finished.add(cur);
      if (finished.has(tid)) nonContiguous++;
      cur = tid; lastSeq = -Infinity; lastDep = -Infinity;
    }
    const c = trips.get(tid);
    if (c === undefined) stBadTrip++; else trips.set(tid, c + 1);
    const lt = stops.get(o.stop_id);
    if (lt === undefined) stBadStop++; else if (lt !== '' && lt !== '0' && lt !== '4') stStopIsStation++;
    usedStops.add(o.stop_id);
    const seq = Number(o.stop_sequence);
    if (!(seq > lastSeq)) seqNotIncreasing++;
    lastSeq = seq;
    if (o.arrival_time === '' || o.departure_time === '') { missingTimes++; return; }
    const a = toSec(o.arrival_time), d = toSec(o.departure_time);
    if (Number.isNaN(a) || Number.isNaN(d)) { badTime++; return; }
    if (a > d) arrAfterDep++;
    if (a < lastDep) timeBackwards++;
    lastDep = d;
    if (d >= 86400) over24++;
    if (d > maxSec) maxSec = d;
  });
  widthCheck('stop_times', st);
  if (stBadTrip) err(`stop_times.txt: ${fmt(stBadTrip)} rows reference an unknown trip_id`);
  if (stBadStop) err(`stop_times.txt: ${fmt(stBadStop)} rows reference an unknown stop_id`);
  if (stStopIsStation) err(`stop_times.txt: ${fmt(stStopIsStation)} rows reference a station/entrance (location_type 1/2/3) instead of a stop/platform`);
  if (badTime) err(`stop_times.txt: ${fmt(badTime)} rows with a malformed time`);
  if (seqNotIncreasing) err(`stop_times.txt: ${fmt(seqNotIncreasing)} rows whose stop_sequence does not increase within the trip`);
  if (arrAfterDep) warn(`stop_times.txt: ${fmt(arrAfterDep)} rows with arrival_time > departure_time`);
  if (timeBackwards) warn(`stop_times.txt: ${fmt(timeBackwards)} rows where time goes backwards along the trip`);
  if (nonContiguous) warn(`stop_times.txt: ${fmt(nonContiguous)} trips whose rows are not contiguous`);
  if (missingTimes) info.push(`stop_times rows without times (interpolated stops): ${fmt(missingTimes)}`);
  const tripsNoSt = [...trips.values()].filter((n) => n === 0).length;
  const tripsOneSt = [...trips.values()].filter((n) => n === 1).length;
  if (tripsNoSt) warn(`trips.txt: ${fmt(tripsNoSt)} trips have no stop_times`);
  if (tripsOneSt) warn(`trips.txt: ${fmt(tripsOneSt)} trips have a single stop_time`);
  const hh = Math.floor(maxSec / 3600), mm = Math.floor((maxSec % 3600) / 60);
  info.push(`stop_times: ${fmt(over24)} departures >= 24:00:00, latest ${hh}:${String(mm).padStart(2, '0')}; streamed in ${((Date.now() - ts) / 1000).toFixed(1)}s`);
  const unusedStops = [...stops.entries()].filter(([id, lt]) => (lt === '' || lt === '0') && !usedStops.has(id)).length;
  if (unusedStops) info.push(`stops (location_type 0) not served by any stop_time: ${fmt(unusedStops)}`);

  // transfers
  let xBad = 0, xTypes = new Map();
  widthCheck('transfers', await readTable(dir, 'transfers', (o) => {
    xTypes.set(o.transfer_type, (xTypes.get(o.transfer_type) ?? 0) + 1);
    for (const k of ['from_stop_id', 'to_stop_id']) if (o[k] && !stops.has(o[k])) xBad++;
    for (const k of ['from_route_id', 'to_route_id']) if (o[k] && !routes.has(o[k])) xBad++;
    for (const k of ['from_trip_id', 'to_trip_id']) if (o[k] && !trips.has(o[k])) xBad++;
  }));
  if (xBad) err(`transfers.txt: ${xBad} references to unknown stops/routes/trips`);
  if (xTypes.size) info.push(`transfer_type counts: ${[...xTypes].map(([k, v]) => `${k || '(empty)'}=${v}`).join(', ')}`);

  widthCheck('feed_info', await readTable(dir, 'feed_info'));
  if (counts.feed_info !== undefined && counts.feed_info !== 1) err(`feed_info.txt must have exactly one row (has ${counts.feed_info})`);

  for (const [k, v] of Object.entries(dupes)) err(`duplicate ${k}: ${v}`);

  console.log(`rows: ${Object.entries(counts).map(([k, v]) => `${k}=${fmt(v)}`).join(', ')}`);
  for (const m of info) console.log(`info: ${m}`);
  for (const m of warnings) console.log(`WARN: ${m}`);
  for (const m of errors) console.log(`ERROR: ${m}`);
  console.log(`${errors.length ? 'FAILED' : 'OK'} (${errors.length} errors, ${warnings.length} warnings) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return { errors, warnings };
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) { console.error('usage: node scripts/city-feed/check-gtfs.mjs DIR [DIR...]'); process.exit(2); }
let failed = false;
for (const d of dirs) {
  try { const r = await check(path.resolve(d)); if (r.errors.length) failed = true; } catch (e) { console.log(`ERROR: ${e.message}`); failed = true; }
}
process.exitCode = failed ? 1 : 0;
