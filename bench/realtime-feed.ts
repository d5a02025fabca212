/**
 * A live GTFS-Realtime source for `npm run load -- --realtime` (bench/load.ts): a local HTTP server
 * that publishes, every `everyMs`, a new TripUpdates FeedMessage per bundled feed for the runs of
 * today's service day around the wall clock — the feed's own stop_times.txt read as text, so no
 * network is built in the load generator. Each run's delay drifts along its stops (a start in
 * −1…+5 min, ±30 s per stop, as real feeds report it), freshly drawn per message; the header
 * timestamp is the publication second, so the server's status (`GET /api/realtime`, the message in
 * use) tells which publication a server answers with. Conditional requests (ETag) get 304 while no
 * newer message is out.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { mulberry32 } from './harness.js';

const { transit_realtime: rt } = GtfsRealtimeBindings;

interface Run {
  tripId: string;
  /** Stop sequences and scheduled times, seconds of the service day. */
  seqs: number[];
  first: number;
  last: number;
}

export interface FeedRuns {
  feed: string;
  zone: string;
  runs: Run[];
}

function rows(dir: string, file: string): Record<string, string>[] {
  try {
    return parse(readFileSync(path.join(dir, file)), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<string, string>[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function seconds(hms: string): number {
  const [h, m, s] = hms.split(':').map(Number);
  return h * 3600 + m * 60 + (s ?? 0);
}

/** Local date (YYYYMMDD) and seconds since local midnight of epoch ms `at` in `zone`. */
export function localClock(at: number, zone: string): { ymd: string; iso: string; seconds: number; weekday: number } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', weekday: 'short' });
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday);
  return { ymd: `${p.year}${p.month}${p.day}`, iso: `${p.year}-${p.month}-${p.day}`, seconds: Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second), weekday };
}

/** The runs of `dir`'s frequency-free trips active on local date `ymd` (calendar + calendar_dates). */
export function runsOn(dir: string, feed: string, ymd: string, weekday: number): FeedRuns {
  const zone = rows(dir, 'agency.txt')[0]?.agency_timezone || 'UTC';
  const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const active = new Set<string>();
  for (const c of rows(dir, 'calendar.txt')) if (c.start_date <= ymd && ymd <= c.end_date && c[days[weekday]] === '1') active.add(c.service_id);
  for (const c of rows(dir, 'calendar_dates.txt')) {
    if (c.date !== ymd) continue;
    if (c.exception_type === '1') active.add(c.service_id);
    else active.delete(c.service_id);
  }
  const frequent = new Set(rows(dir, 'frequencies.txt').map((r) => r.trip_id));
  const trips = new Set(rows(dir, 'trips.txt').filter((t) => active.has(t.service_id) && !frequent.has(t.trip_id)).map((t) => t.trip_id));
  const byTrip = new Map<string, { seq: number; time: number }[]>();
  for (const st of rows(dir, 'stop_times.txt')) {
    if (!trips.has(st.trip_id)) continue;
    const time = st.departure_time || st.arrival_time;
    if (!time) continue; // an untimed stop: its times are interpolated, left without update
    let list = byTrip.get(st.trip_id);
    if (list === undefined) byTrip.set(st.trip_id, (list = []));
    list.push({ seq: Number(st.stop_sequence), time: seconds(time) });
  }
  const runs: Run[] = [];
  for (const [tripId, list] of byTrip) {
    list.sort((a, b) => a.seq - b.seq);
    runs.push({ tripId, seqs: list.map((x) => x.seq), first: list[0].time, last: list[list.length - 1].time });
  }
  return { feed, zone, runs };
}

/**
 * One FeedMessage: a TripUpdate per run of today under way or leaving within `aheadS` (delays at
 * every timed stop, drifting), stamped `timestamp` (epoch seconds).
 */
export function tripUpdates(f: FeedRuns, ymd: string, nowLocal: number, timestamp: number, aheadS: number, seed: number): { bytes: Uint8Array; runs: number; updates: number } {
  const rnd = mulberry32(seed);
  const entity = [];
  let updates = 0;
  for (const r of f.runs) {
    if (r.last < nowLocal - 300 || r.first > nowLocal + aheadS) continue;
    let delay = Math.round(-60 + rnd() * 360);
    const stopTimeUpdate = r.seqs.map((seq) => {
      delay += Math.round((rnd() - 0.5) * 60);
      return { stopSequence: seq, arrival: { delay }, departure: { delay } };
    });
    updates += stopTimeUpdate.length;
    entity.push({ id: r.tripId, tripUpdate: { trip: { tripId: r.tripId, startDate: ymd }, stopTimeUpdate } });
  }
  const bytes = rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', incrementality: 0, timestamp }, entity })).finish();
  return { bytes, runs: entity.length, updates };
}

export interface Publication {
  /** Epoch ms of publication, and the header timestamp (epoch s) it carries. */
  at: number;
  timestamp: number;
}

export interface LiveFeedServer {
  /** Feed name → URL. */
  urls: Map<string, string>;
  /** Every publication so far, oldest first (all feeds publish together). */
  published: Publication[];
  /** The last publication's run and update counts per feed. */
  last: Map<string, { runs: number; updates: number; bytes: number }>;
  requests: { ok: number; notModified: number };
  stop(): Promise<void>;
}

/**
 * Serve `dirs` (bundled feed directories) as live TripUpdates feeds at `/<feed>.pb`, a new message
 * every `everyMs` (the first at once), runs leaving up to `aheadS` ahead of the wall clock.
 */
export async function startLiveFeeds(dirs: { dir: string; feed: string }[], everyMs: number, aheadS = 3 * 3600, seed = 1): Promise<LiveFeedServer> {
  const zones = dirs.map((d) => rows(d.dir, 'agency.txt')[0]?.agency_timezone || 'UTC');
  const days: string[] = dirs.map(() => '');
  const feeds: FeedRuns[] = [];
  const current = new Map<string, { bytes: Uint8Array; etag: string }>();
  const published: Publication[] = [];
  const last = new Map<string, { runs: number; updates: number; bytes: number }>();
  let generation = 0;
  const publish = () => {
    const at = Date.now();
    const timestamp = Math.floor(at / 1000);
    if (published.length > 0 && published[published.length - 1].timestamp === timestamp) return; // one per header second
    generation++;
    for (const [i, d] of dirs.entries()) {
      const clock = localClock(at, zones[i]);
      if (clock.ymd !== days[i]) {
        days[i] = clock.ymd;
        feeds[i] = runsOn(d.dir, d.feed, clock.ymd, clock.weekday);
      }
      const m = tripUpdates(feeds[i], clock.ymd, clock.seconds, timestamp, aheadS, seed * 1_000_003 + generation * 7919 + i);
      current.set(d.feed, { bytes: m.bytes, etag: `"${generation}"` });
      last.set(d.feed, { runs: m.runs, updates: m.updates, bytes: m.bytes.length });
    }
    published.push({ at, timestamp });
  };
  publish();
  const timer = setInterval(publish, everyMs);
  const requests = { ok: 0, notModified: 0 };
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\//, '').replace(/\.pb$/, ''));
    const m = current.get(name);
    if (m === undefined) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === m.etag) {
      requests.notModified++;
      res.writeHead(304, { etag: m.etag }).end();
      return;
    }
    requests.ok++;
    res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': m.bytes.length, etag: m.etag }).end(m.bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const urls = new Map(dirs.map((d) => [d.feed, `http://127.0.0.1:${port}/${encodeURIComponent(d.feed)}.pb`]));
  return {
    urls,
    published,
    last,
    requests,
    stop: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
