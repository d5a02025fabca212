/**
 * Side by side with the peer, raptor-journey-planner (the TypeScript RAPTOR on npm, GPL — a
 * devDependency used only here): the same GTFS feed(s) loaded by both, the same seeded
 * stop-to-stop depart-at queries in the same process, earliest arrivals compared, latencies
 * timed, and every difference diagnosed.
 *
 *   npm run bench:peer                                       # the bundled region
 *   npm run bench:peer -- --feeds bench/data/nyc-subway --date 2026-09-23
 *
 * Alignment (so that equal semantics give equal answers): our network is built with footpaths
 * from transfers.txt (and pathways) only — no generated 500 m footpaths, as the peer has none — and
 * searched with transferSlack 0, up to MAX_VEHICLES − 1 transfers (the peer has no limit), 24 h horizon.
 * Frequency-based trips are left out on both sides (the peer ignores frequencies.txt); a query whose
 * answer depends on them is left out and counted, as are the query kinds the peer cannot express
 * (arrive-by, coordinates).
 *
 * Differences are explained by re-running OUR engine under the peer's rules, one rule at a time:
 *  S — transfers.txt rows naming a parent station are not applied to its platforms (the peer
 *      matches stop ids literally; GTFS says a station row applies to every child stop);
 *  W — a walking transfer costs min_transfer_time PLUS the same-stop interchange time of both
 *      ends (the peer adds the interchange of the stop left and of the stop reached);
 *  E — the peer walks transfers.txt footpaths from the origin and to the destination (our router
 *      takes access/egress as given; the planner adds walks).
 * The smallest set of rules under which our engine gives the peer's answer is printed. A peer answer
 * that is later than our engine under ALL its rules is a journey the peer misses by its own rules:
 * a peer bug (see test/peer/ for fixtures that pin our answer). A peer answer EARLIER than our
 * engine under all its rules is checked against the peer's known bugs and our own bound, in turn:
 * the peer boards trips where pickup_type forbids it (re-run with its scan fixed to check pickup,
 * test/peer/pickup-forbidden.test.ts), and our search takes at most MAX_VEHICLES vehicles while a
 * peer journey may take more ("vehicle limit": our engine, restarted where the peer's journey
 * completes every MAX_VEHICLES vehicles, reaches the peer's arrival). A peer answer later than ours
 * that its scan-position fix does not explain is re-run with its getTrip looking at every trip of
 * the route ("service order": its routes mix the trips of all service days, and its scan stops at a
 * trip of another day, test/peer/service-order.test.ts), then with getTrip also offering the
 * previous date's trips 24 h earlier ("midnight": the peer searches one service day at a time, so
 * a next-day trip followed by a trip of the query day still running past 24:00 is in neither
 * search, test/peer/midnight.test.ts). A missing answer after midnight is asked for the next day
 * directly, with the fewest of those fixes that give our answer ("next day"). What none of these
 * reproduces is printed as "unexplained".
 */
import { createReadStream, existsSync, rmSync } from 'node:fs';
import { filterTrips, servedStops as servedStopFlags } from '../src/core/stop-times.js';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type * as PeerLib from 'raptor-journey-planner';
import { loadFeeds } from '../src/feeds/load.js';
import { bundledFeeds } from '../src/app/load.js';
import { Network } from '../src/core/network.js';
import { compileTimetable } from '../src/core/compile.js';
import type { Timetable } from '../src/core/timetable.js';
import { MAX_VEHICLES, Raptor } from '../src/core/raptor.js';
import { LocationType, type NetworkInput } from '../src/core/input.js';
import { ALL_MODES, type SearchRequest, type StopAccess, type TransferGraph } from '../src/core/query.js';
import { formatGtfsTime, serviceDayOrigin } from '../src/core/time.js';
import { machine, mulberry32, quantile } from './harness.js';
import { writePeerFeed } from './peer-feed.js';

const require = createRequire(import.meta.url);
const peer = require('raptor-journey-planner') as typeof PeerLib;

/**
 * The peer's loadGTFS never resolves on Node 20: gtfs-stream waits with stream.finished() for the
 * end of a readable side nobody reads (every row is delivered, then the process just idles). The
 * work-around resumes that stream: stream.finished is wrapped only while loadGTFS synchronously
 * sets up its pipeline, then restored. Nothing of the peer is changed.
 */
export function peerLoad(zip: string): ReturnType<typeof PeerLib.loadGTFS> {
  const streamMod = require('node:stream') as { finished: (...a: unknown[]) => unknown };
  const orig = streamMod.finished;
  streamMod.finished = function (this: unknown, ...args: unknown[]) {
    const s = args[0] as { resume?: () => void };
    if (typeof s.resume === 'function') s.resume();
    return orig.apply(this, args);
  };
  try {
    return peer.loadGTFS(createReadStream(zip));
  } finally {
    streamMod.finished = orig;
  }
}

export interface PeerOptions {
  feeds: string[];
  date: string;
  db?: string;
  queries?: number;
  seed?: number;
  /** Give the peer station-level transfers.txt rows as platform rows (see peer-feed.ts). */
  expandStationTransfers?: boolean;
  /** Print every difference with one of these labels (by default only the first few of each). */
  show?: Set<string>;
  log?: (line: string) => void;
}

export interface PeerFigures {
  feedLabel: string;
  compared: number;
  agree: number;
  differ: number;
  onlyOurs: number;
  onlyPeer: number;
  neither: number;
  leftOutFrequency: number;
  oursP50: number;
  oursP95: number;
  peerP50: number;
  peerP95: number;
  ratioP50: number;
  oursDefaultP50: number;
  explanations: Map<string, number>;
  markdown: string;
}

const gc = (globalThis as { gc?: () => void }).gc;
const rssMiB = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const WALK0 = { speed: 1.2, detour: 1.3, transferRadius: 0 };

/**
 * Our footpaths restricted to the pairs transfers.txt names (station rows applied to their
 * platforms, as our engine applies them). transferRadius 0 alone still links stops at identical
 * coordinates — e.g. the N and S platforms of a New York subway station — with 0 s footpaths,
 * which the peer does not have.
 */
function transfersTxtOnly(input: NetworkInput, g: TransferGraph): TransferGraph {
  const n = input.stops.length;
  const kids = new Map<number, number[]>();
  input.stops.forEach((st, i) => {
    if (st.parent >= 0 && st.locationType === LocationType.Stop) kids.set(st.parent, [...(kids.get(st.parent) ?? []), i]);
  });
  const ch = (s: number) => (input.stops[s].locationType === LocationType.Station ? (kids.get(s) ?? []) : [s]);
  const covered = new Set<number>();
  for (const t of input.transfers) for (const a of ch(t.from)) for (const b of ch(t.to)) if (a !== b) covered.add(a * n + b);
  const footOffset = new Int32Array(n + 1);
  const to: number[] = [];
  const sec: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let k = g.footOffset[a]; k < g.footOffset[a + 1]; k++)
      if (covered.has(a * n + g.footTo[k])) {
        to.push(g.footTo[k]);
        sec.push(g.footSeconds[k]);
      }
    footOffset[a + 1] = to.length;
  }
  return { sameStopSeconds: g.sameStopSeconds, footOffset, footTo: Int32Array.from(to), footSeconds: Int32Array.from(sec) };
}

/** Our router on `input` with transfers.txt footpaths only. */
function comparisonRouter(input: NetworkInput): { router: Raptor; tt: Timetable; transfers: TransferGraph } {
  const tg = transfersTxtOnly(input, new Network(input, WALK0).transfers);
  const tt = compileTimetable(input, tg);
  return { router: new Raptor(tt), tt, transfers: tg };
}
const HORIZON = 24 * 3600;
const HORIZON_TEXT = "beyond our 24 h search horizon: the peer searches up to 3 days; with a 72 h horizon our engine gives the peer's answer";
const RULES = ['S', 'W', 'E'] as const;
type Rule = (typeof RULES)[number];
const RULE_TEXT: Record<Rule, string> = {
  S: 'the peer does not apply transfers.txt rows that name a parent station to its platforms (GTFS: a station row applies to all child stops — test/e2e/03_transfers.test.ts, station-level rows)',
  W: 'the peer charges a walking transfer min_transfer_time plus the interchange time of both its stops (GTFS: min_transfer_time is the whole transfer — test/e2e/03_transfers.test.ts)',
  E: 'the peer walks transfers.txt footpaths from the origin / to the destination (our router takes the stops as given; our planner adds walks)',
};

interface ScannerInternals {
  tripsByRoute: Record<string, PeerLib.Trip[]>;
  date: number;
  dow: PeerLib.DayOfWeek;
}
interface PeerFix {
  scan?: boolean;
  order?: boolean;
  pickup?: boolean;
  midnight?: boolean;
}
interface AlgorithmInternals {
  queueFactory: { getQueue(markedStops: string[]): Record<string, string> };
  routeStopIndex: Record<string, Record<string, number>>;
  routePath: Record<string, string[]>;
  interchange: Record<string, number>;
}
interface ResultsInternals {
  previousArrival(stop: string): number | undefined;
  bestArrival(stop: string): number;
  setTrip(trip: PeerLib.Trip, start: number, end: number, interchange: number): void;
}

export const PEER_BUG_SCAN =
  "peer bug: its RouteScanner keeps one scan position per route for the whole search and only moves it back, so after a route was " +
  'scanned for an early time a later round cannot board a later trip of it (e.g. ride out and come back on the return route); with that ' +
  'cache disabled the peer gives our answer — test/peer/scan-position.test.ts';
export const PEER_BUG_WALK_ONLY =
  'peer bug: a journey that is one transfers.txt footpath from origin to destination is reported arriving at 00:00:00 (its JourneyFactory takes ' +
  'times from timetable legs only and returns 0 when there is none); our router leaves walk-only journeys to the planner, which times them';
export const PEER_BUG_PICKUP =
  'peer bug: it boards trips where pickup_type forbids it — RaptorAlgorithm.scanRoutes checks pickup only at the stop a route scan starts ' +
  'from, and further along the route boards an earlier trip at any stop reached in the previous round; with that check added the peer gives ' +
  'our answer — test/peer/pickup-forbidden.test.ts';
/** Not a rule of the peer's, a bound of ours: N is the peer journey's vehicle count. */
export const RULE_VEHICLES =
  `vehicle limit: the peer's journey takes N vehicles, our search at most ${MAX_VEHICLES} (the peer has no limit)`;
export const PEER_BUG_ORDER =
  'peer bug: one route holds the trips of every service day, sorted by first departure (split only when a trip reaches the last stop earlier), ' +
  'and RouteScanner.getTrip stops at the first trip that leaves the boarding stop too early — even one that does not run that day — so a ' +
  'running trip listed before it is never boarded; with getTrip looking at every trip the peer gives our answer — test/peer/service-order.test.ts';
export const PEER_BUG_MIDNIGHT =
  'peer bug: it searches one service day at a time (day 1 only the query date\'s trips, day 2 only the next date\'s), so a journey that ' +
  'takes a trip of the next date after midnight and then a trip of the query date still running past 24:00 is in neither search; with ' +
  'getTrip also offering the previous date\'s trips (24 h earlier) the peer gives our answer — test/peer/midnight.test.ts';
export const PEER_BUG_NEXT_DAY =
  'peer bug: when nothing arrives on the query day it searches the next day only from the stops reached on day 1, never from the origin ' +
  'itself, so a trip leaving the next morning is missed; asked for the next day directly it gives our answer — test/peer/next-day.test.ts';

/** Fixes tried, fewest first, when the peer asked for the next day directly misses our answer. */
const NEXT_DAY_FIXES: { fix: PeerFix; names: string; texts: string[] }[] = [
  { fix: { scan: true }, names: 'scan position', texts: [PEER_BUG_SCAN] },
  { fix: { order: true }, names: 'service order', texts: [PEER_BUG_ORDER] },
  { fix: { pickup: true }, names: 'pickup forbidden', texts: [PEER_BUG_PICKUP] },
  { fix: { scan: true, pickup: true }, names: 'scan position, pickup forbidden', texts: [PEER_BUG_SCAN, PEER_BUG_PICKUP] },
  { fix: { order: true, pickup: true }, names: 'service order, pickup forbidden', texts: [PEER_BUG_ORDER, PEER_BUG_PICKUP] },
  { fix: { midnight: true }, names: 'midnight', texts: [PEER_BUG_MIDNIGHT] },
  { fix: { midnight: true, pickup: true }, names: 'midnight, pickup forbidden', texts: [PEER_BUG_MIDNIGHT, PEER_BUG_PICKUP] },
];

interface Variant {
  router: Raptor;
  /** The variant's timetable and input (trip ids of its journeys). */
  tt: Timetable;
  input: NetworkInput;
  /** Footpaths before rule W (what access/egress walks cost). */
  base: TransferGraph;
  ends: boolean;
  interchangeAround: boolean;
}

function withoutFrequencyTrips(input: NetworkInput): NetworkInput {
  return filterTrips(input, (t) => t.frequencies === undefined || t.frequencies.length === 0);
}

function servedStops(input: NetworkInput): number[] {
  const used = servedStopFlags(input);
  const out: number[] = [];
  used.forEach((u, i) => u && out.push(i));
  return out;
}

function earliest(router: Raptor, req: SearchRequest): number | null {
  const r = router.search(req);
  if (r.pareto.length === 0) return null;
  let m = Infinity;
  for (const p of r.pareto) m = Math.min(m, p.time);
  return m;
}

function fmtMs(x: number): string {
  return x < 10 ? x.toFixed(3) : x.toFixed(1);
}

export async function runPeer(o: PeerOptions): Promise<PeerFigures> {
  const log = o.log ?? ((l: string) => console.log(l));
  const nQueries = o.queries ?? 500;
  const md: string[] = [];
  const say = (l: string) => {
    md.push(l);
    log(l);
  };
  const feedLabel = o.feeds.map((f) => f.replace(/\/$/, '').split('/').pop()).join('+');
  log(`# peer comparison — ${feedLabel} on ${o.date} — ${machine()}`);

  // --- our side
  const m0 = rssMiB();
  let t = performance.now();
  const loaded = await loadFeeds(o.feeds, { ...(o.db ? { db: o.db } : {}), progress: false });
  const ourImportMs = performance.now() - t;
  const full = loaded.input;
  const input = withoutFrequencyTrips(full);
  const freqTrips = full.trips.length - input.trips.length;
  t = performance.now();
  const comp = comparisonRouter(input);
  const ourCompileMs = performance.now() - t;
  const fullNet = freqTrips > 0 ? comparisonRouter(full) : comp;
  const defNet = new Network(input);
  const m1 = rssMiB();
  const zone = full.feeds[0].timezone;
  const origin = serviceDayOrigin(o.date, zone);

  // --- peer side
  t = performance.now();
  const pf = await writePeerFeed(o.feeds, { dropFrequencyTrips: true, normaliseEmptyPickup: false, expandStationTransfers: o.expandStationTransfers === true });
  const writeMs = performance.now() - t;
  const m2 = rssMiB();
  t = performance.now();
  const [ptrips, ptransfers, pinterchange] = await peerLoad(pf.zip);
  const peerLoadMs = performance.now() - t;
  rmSync(dirname(pf.zip), { recursive: true, force: true });
  t = performance.now();
  const praptor = peer.RaptorAlgorithmFactory.create(ptrips, ptransfers, pinterchange);
  const peerBuildMs = performance.now() - t;
  const m3 = rssMiB();
  const [y, mo, d] = o.date.split('-').map(Number);
  const peerDate = () => new Date(Date.UTC(y, mo - 1, d, 12));
  const pquery = new peer.DepartAfterQuery(praptor, new peer.JourneyFactory());
  const peerPlan = (a: string, b: string, tod: number) => pquery.plan(a, b, peerDate(), tod);
  const peerEarliest = (a: string, b: string, tod: number): number | null => {
    const js = peerPlan(a, b, tod);
    if (js.length === 0) return null;
    let m = Infinity;
    for (const j of js) m = Math.min(m, j.arrivalTime);
    return m;
  };

  const peerNextDay = (a: string, b: string): number | null => {
    const js = pquery.plan(a, b, new Date(Date.UTC(y, mo - 1, d + 1, 12)), 1);
    return js.length === 0 ? null : Math.min(...js.map((j) => j.arrivalTime));
  };
  /**
   * The peer with some of its bugs fixed (diagnosis only; restored after the call): `scan` disables
   * its RouteScanner's per-route position cache; `order` (implies `scan`) makes getTrip look at every
   * trip of the route for the earliest departure that runs on the day, instead of stopping at the
   * first trip — of any service day — that leaves too early; `pickup` makes RaptorAlgorithm.scanRoutes
   * board a trip only where its stop time allows pickup (the peer checks that only at the stop a
   * route scan starts from). Everything else is the peer's own code path.
   */
  const peerFixedJourney = (fix: PeerFix, a: string, b: string, tod: number, nextDay = false): PeerLib.Journey | null => {
    const scanner = peer.RouteScanner.prototype as unknown as { getTrip: unknown };
    const algo = peer.RaptorAlgorithm.prototype as unknown as { scanRoutes: unknown };
    const origGet = scanner.getTrip;
    const origScan = algo.scanRoutes;
    if (fix.order || fix.midnight)
      scanner.getTrip = function (this: ScannerInternals, routeId: string, stopIndex: number, time: number) {
        let found: PeerLib.Trip | undefined;
        // the earliest trip leaving at or after `time` among those running on `date`, `shift` s earlier
        const earliest = (date: number, dow: PeerLib.DayOfWeek, shift: number) => {
          for (const t of this.tripsByRoute[routeId]) {
            const d = t.stopTimes[stopIndex].departureTime - shift;
            if (d >= time && (found === undefined || d < found.stopTimes[stopIndex].departureTime) && t.service.runsOn(date, dow))
              found = shift === 0 ? t : shiftedTrip(t);
          }
        };
        earliest(this.date, this.dow, 0);
        if (fix.midnight) {
          // the previous date's trips, 24 h earlier (those still running after midnight)
          const n = this.date;
          const prev = new Date(Date.UTC(Math.floor(n / 10000), (Math.floor(n / 100) % 100) - 1, (n % 100) - 1));
          earliest(prev.getUTCFullYear() * 10000 + (prev.getUTCMonth() + 1) * 100 + prev.getUTCDate(), prev.getUTCDay() as PeerLib.DayOfWeek, 86400);
        }
        return found;
      };
    else if (fix.scan)
      scanner.getTrip = function (this: ScannerInternals, routeId: string, stopIndex: number, time: number) {
        const trips = this.tripsByRoute[routeId];
        let found: PeerLib.Trip | undefined;
        for (let i = trips.length - 1; i >= 0; i--) {
          if (trips[i].stopTimes[stopIndex].departureTime < time) break;
          if (trips[i].service.runsOn(this.date, this.dow)) found = trips[i];
        }
        return found;
      };
    if (fix.pickup)
      algo.scanRoutes = function (this: AlgorithmInternals, results: ResultsInternals, routeScanner: PeerLib.RouteScanner, markedStops: string[]) {
        const queue = this.queueFactory.getQueue(markedStops);
        for (const [routeId, stopP] of Object.entries(queue)) {
          let boardingPoint = -1;
          let trip: PeerLib.Trip | undefined;
          for (let pi = this.routeStopIndex[routeId][stopP]; pi < this.routePath[routeId].length; pi++) {
            const stopPi = this.routePath[routeId][pi];
            const i = this.interchange[stopPi];
            const previousArrival = results.previousArrival(stopPi);
            if (trip && trip.stopTimes[pi].dropOff && trip.stopTimes[pi].arrivalTime + i < results.bestArrival(stopPi)) {
              results.setTrip(trip, boardingPoint, pi, i);
            } else if (previousArrival && (!trip || previousArrival < trip.stopTimes[pi].arrivalTime + i)) {
              const newTrip = routeScanner.getTrip(routeId, pi, previousArrival);
              // the one change: board only where the stop time allows pickup
              if (newTrip && newTrip.stopTimes[pi].pickUp) {
                trip = newTrip;
                boardingPoint = pi;
              }
            }
          }
        }
      };
    try {
      let best: PeerLib.Journey | null = null;
      const js = nextDay ? pquery.plan(a, b, new Date(Date.UTC(y, mo - 1, d + 1, 12)), 1) : peerPlan(a, b, tod);
      for (const j of js) if (best === null || j.arrivalTime < best.arrivalTime) best = j;
      return best;
    } finally {
      scanner.getTrip = origGet;
      algo.scanRoutes = origScan;
    }
  };
  const shifted = new WeakMap<PeerLib.Trip, PeerLib.Trip>();
  /** A copy of trip `t` 24 h earlier (for the `midnight` fix), one per trip. */
  function shiftedTrip(t: PeerLib.Trip): PeerLib.Trip {
    let c = shifted.get(t);
    if (c === undefined) {
      c = { ...t, stopTimes: t.stopTimes.map((x) => ({ ...x, arrivalTime: x.arrivalTime - 86400, departureTime: x.departureTime - 86400 })) };
      shifted.set(t, c);
    }
    return c;
  }
  const peerFixed = (fix: PeerFix, a: string, b: string, tod: number): number | null =>
    peerFixedJourney(fix, a, b, tod)?.arrivalTime ?? null;
  const peerNoScanCache = (a: string, b: string, tod: number) => peerFixed({ scan: true }, a, b, tod);

  // --- queries
  const rnd = mulberry32(o.seed ?? 42);
  const stops = servedStops(input);
  const ids = full.stops.map((s) => s.id);
  const stopIndex = new Map(ids.map((id, k) => [id, k]));
  interface Q {
    a: number;
    b: number;
    tod: number;
    req: SearchRequest;
  }
  const qs: Q[] = [];
  const draw = (): Q | undefined => {
    const a = stops[Math.floor(rnd() * stops.length)];
    const b = stops[Math.floor(rnd() * stops.length)];
    const tod = Math.floor((6 + rnd() * 14) * 3600);
    if (a === b) return undefined;
    return {
      a,
      b,
      tod,
      req: {
        direction: 'depart',
        time: origin + tod,
        access: [{ stop: a, seconds: 0 }],
        egress: [{ stop: b, seconds: 0 }],
        maxTransfers: MAX_VEHICLES - 1,
        modeMask: ALL_MODES,
        transferSlack: 0,
        maxDuration: HORIZON,
      },
    };
  };
  // answers (untimed pass; also the warm-up). Pairs neither side connects within 24 h (common on a
  // region of separate feeds without generated footpaths) are drawn again and counted.
  const ours: (number | null)[] = [];
  const theirs: (number | null)[] = [];
  const compared: Q[] = [];
  let leftOutFrequency = 0;
  let unconnected = 0;
  for (let n = 0; compared.length < nQueries && n < 50 * nQueries; n++) {
    const q = draw();
    if (q === undefined) continue;
    qs.push(q);
    const mine = earliest(comp.router, q.req);
    if (fullNet !== comp && earliest(fullNet.router, q.req) !== mine) {
      leftOutFrequency++;
      continue;
    }
    const p = peerEarliest(ids[q.a], ids[q.b], q.tod);
    if (mine === null && p === null) {
      unconnected++;
      continue;
    }
    compared.push(q);
    ours.push(mine === null ? null : mine - origin);
    theirs.push(p);
  }
  log(`answers computed for ${compared.length} queries; timing…`);

  // --- timing: each compared query once per side, after the untimed pass above
  const oursMs: number[] = [];
  for (const q of compared) {
    const s = performance.now();
    comp.router.search(q.req);
    oursMs.push(performance.now() - s);
  }
  const defMs: number[] = [];
  for (const q of compared) {
    const req = { ...q.req, transferSlack: 60 };
    const s = performance.now();
    defNet.router.search(req);
    defMs.push(performance.now() - s);
  }
  const peerMs: number[] = [];
  for (const q of compared) {
    const s = performance.now();
    peerPlan(ids[q.a], ids[q.b], q.tod);
    peerMs.push(performance.now() - s);
  }
  const sorted = (x: number[]) => [...x].sort((p, q) => p - q);
  const oS = sorted(oursMs);
  const pS = sorted(peerMs);
  const dS = sorted(defMs);

  // --- agreement
  let agree = 0;
  let differ = 0;
  let onlyOurs = 0;
  let onlyPeer = 0;
  let neither = 0;
  const diffIdx: number[] = [];
  for (let i = 0; i < compared.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (a === null && b === null) neither++;
    else if (a !== null && b !== null && a === b) agree++;
    else {
      if (a === null) onlyPeer++;
      else if (b === null) onlyOurs++;
      else differ++;
      diffIdx.push(i);
    }
  }

  // --- diagnosis: our engine under the peer's rules
  const variants = new Map<string, Variant>();
  /** The peer's interchange time per stop: the same-stop transfer time of the rules' network (never negative). */
  const peerInterchange = (g: TransferGraph): Int32Array => g.sameStopSeconds.map((x) => Math.max(0, x));
  const noStationRows: NetworkInput = {
    ...input,
    transfers: input.transfers.filter(
      (tr) => input.stops[tr.from].locationType === LocationType.Stop && input.stops[tr.to].locationType === LocationType.Stop,
    ),
  };
  const variant = (rules: Rule[]): Variant => {
    const key = rules.join('');
    let v = variants.get(key);
    if (v !== undefined) return v;
    const inp = rules.includes('S') ? noStationRows : input;
    const base = rules.includes('S') ? comparisonRouter(inp).transfers : comp.transfers;
    let tg = base;
    if (rules.includes('W')) {
      const I = peerInterchange(base);
      const secs = new Int32Array(base.footSeconds.length);
      for (let a = 0; a < base.footOffset.length - 1; a++)
        for (let k = base.footOffset[a]; k < base.footOffset[a + 1]; k++) secs[k] = base.footSeconds[k] + I[a] + I[base.footTo[k]];
      tg = { ...base, footSeconds: secs };
    }
    const tt = rules.length === 0 ? comp.tt : compileTimetable(inp, tg);
    const router = rules.length === 0 ? comp.router : new Raptor(tt);
    v = { router, tt, input: inp, base, ends: rules.includes('E'), interchangeAround: rules.includes('W') };
    variants.set(key, v);
    return v;
  };
  /** The request variant v answers for q (rule E: the peer's walks at both ends). */
  const variantRequest = (v: Variant, q: Q): SearchRequest => {
    if (!v.ends) return q.req;
    const I = peerInterchange(v.base);
    const access: StopAccess[] = [{ stop: q.a, seconds: 0 }];
    const g = v.base;
    // the peer: origin time + duration (+ interchange of the stop reached, rule W)
    for (let k = g.footOffset[q.a]; k < g.footOffset[q.a + 1]; k++) access.push({ stop: g.footTo[k], seconds: g.footSeconds[k] + (v.interchangeAround ? I[g.footTo[k]] : 0) });
    const egress: StopAccess[] = [{ stop: q.b, seconds: 0 }];
    for (let a = 0; a < g.footOffset.length - 1; a++)
      for (let k = g.footOffset[a]; k < g.footOffset[a + 1]; k++)
        if (g.footTo[k] === q.b) egress.push({ stop: a, seconds: g.footSeconds[k] + (v.interchangeAround ? I[a] : 0) });
    return { ...q.req, access, egress };
  };
  /** Our earliest journey under variant v, leg by leg (for `--show`). */
  const describeOurs = (v: Variant, q: Q): string => {
    const r = v.router.search(variantRequest(v, q));
    if (r.journeys.length === 0) return 'none';
    const j = r.journeys.reduce((a, b) => (b.arrival < a.arrival ? b : a));
    return j.legs
      .map((l) => {
        const at = (s: number) => (s < 0 ? '·' : ids[s]);
        const trip = l.kind === 'transit' ? ` ${v.input.trips.id(v.tt.tripInput[l.trip])}` : '';
        return `${l.kind}${trip} ${at(l.from)} ${hhmm(l.departure - origin)} → ${at(l.to)} ${hhmm(l.arrival - origin)}`;
      })
      .join(' | ');
  };
  const describePeer = (j: PeerLib.Journey | null): string =>
    j === null
      ? 'none'
      : j.legs
          .map((l) =>
            'trip' in l
              ? `transit ${(l as PeerLib.TimetableLeg).trip.tripId} ${l.origin} → ${l.destination} ${hhmm((l as PeerLib.TimetableLeg).stopTimes[0].departureTime)}–${hhmm((l as PeerLib.TimetableLeg).stopTimes[(l as PeerLib.TimetableLeg).stopTimes.length - 1].arrivalTime)}`
              : `walk ${l.origin} → ${l.destination} ${(l as PeerLib.Transfer).duration} s`,
          )
          .join(' | ');
  const runVariant = (v: Variant, q: Q): number | null => {
    const req = variantRequest(v, q);
    if (v.ends && v.interchangeAround) {
      // The peer picks a final walk only when alighting + interchange + walk beats the rest, but
      // reports alighting + walk: search with the interchange in the egress, report without it.
      const I = peerInterchange(v.base);
      const r = v.router.search(req);
      if (r.journeys.length === 0) return null;
      let m = Infinity;
      for (const j of r.journeys) {
        const last = j.legs[j.legs.length - 1];
        const from = last.kind === 'egress' ? last.from : -1;
        m = Math.min(m, j.arrival - (from >= 0 && from !== q.b ? I[from] : 0));
      }
      return m - origin;
    }
    const e = earliest(v.router, req);
    return e === null ? null : e - origin;
  };
  const longer = (q: Q): number | null => {
    const e = earliest(comp.router, { ...q.req, maxDuration: 3 * 86400 });
    return e === null ? null : e - origin;
  };
  // With station rows expanded for the peer, rule S does not apply: the peer's world is W + E.
  const peerRules: Rule[] = o.expandStationTransfers ? ['W', 'E'] : ['S', 'W', 'E'];
  const subsets = ([['S'], ['W'], ['E'], ['S', 'W'], ['S', 'E'], ['W', 'E'], ['S', 'W', 'E']] as Rule[][]).filter((x) =>
    x.every((r) => peerRules.includes(r)),
  );
  const explanations = new Map<string, number>();
  const details: string[] = [];
  const hhmm = (x: number | null) => (x === null ? 'none' : formatGtfsTime(x).slice(0, 8));
  /**
   * Our bound, not a rule of the peer's: when the peer's journey `j` takes more than MAX_VEHICLES
   * vehicles, our engine under the peer's rules is restarted where `j` completes its MAX_VEHICLES-th,
   * 2·MAX_VEHICLES-th … vehicle (after that stop's interchange time); if it reaches the destination no
   * later than `j`, the cap is why our answer is later. Returns the explanation, or null.
   */
  const vehicleLimit = (q: Q, j: PeerLib.Journey): string | null => {
    const rides = j.legs.filter((l) => (l as PeerLib.TimetableLeg).stopTimes !== undefined) as PeerLib.TimetableLeg[];
    if (rides.length <= MAX_VEHICLES) return null;
    const v = variant(peerRules);
    const I = peerInterchange(v.base);
    let at = q.a;
    let time: number | null = q.tod;
    for (let k = MAX_VEHICLES; time !== null; k += MAX_VEHICLES) {
      const to = k < rides.length ? (stopIndex.get(rides[k - 1].destination) ?? -1) : q.b;
      if (to < 0) return null;
      const start: number = time + (at === q.a ? 0 : I[at]);
      const sub: Q = { a: at, b: to, tod: start, req: { ...q.req, time: origin + start, access: [{ stop: at, seconds: 0 }], egress: [{ stop: to, seconds: 0 }] } };
      time = runVariant(v, sub);
      at = to;
      if (to === q.b) break;
    }
    if (time === null || time > j.arrivalTime) return null;
    return (
      `${RULE_VEHICLES.replace('N', String(rides.length))}: our engine under ${peerRules.join('+')}, restarted where that journey completes every ` +
      `${MAX_VEHICLES} vehicles, arrives ${hhmm(time)}`
    );
  };
  /** vehicleLimit of the fixed peer's journey, when that journey beats `all`. */
  const vehicleLimitOf = (q: Q, fix: PeerFix, all: number): string | null => {
    const j = peerFixedJourney(fix, ids[q.a], ids[q.b], q.tod);
    if (j === null || j.arrivalTime >= all) return null;
    const lim = vehicleLimit(q, j);
    return lim === null ? null : `${lim}, the peer (${Object.keys(fix).join('+')} fixed) arrives ${hhmm(j.arrivalTime)}`;
  };
  /**
   * The peer arrives earlier than our engine under all its rules (or only the peer answers). Causes
   * tried in turn: its boarding where pickup is forbidden (re-run with that fixed, alone, with the
   * scan-position fix, with the service-order fix); the same beyond our 24 h horizon; then our
   * vehicle cap — a journey of the fixed peer that beats our engine and takes more than
   * MAX_VEHICLES vehicles: our engine restarted where that journey completes each block of
   * MAX_VEHICLES vehicles must reach its arrival.
   */
  const peerEarlier = (q: Q, all: number | null, p: number): { label: string; text: string } => {
    const a = ids[q.a];
    const b = ids[q.b];
    const jPickup = peerFixedJourney({ pickup: true }, a, b, q.tod);
    const pickup = jPickup?.arrivalTime ?? null;
    if (pickup === all) return { label: 'peer bug: pickup forbidden', text: PEER_BUG_PICKUP };
    const jBoth = peerFixedJourney({ pickup: true, scan: true }, a, b, q.tod);
    if ((jBoth?.arrivalTime ?? null) === all)
      return { label: 'peer bugs: pickup forbidden, scan position', text: `${PEER_BUG_PICKUP}; and ${PEER_BUG_SCAN}` };
    const jOrder = peerFixedJourney({ pickup: true, order: true }, a, b, q.tod);
    if ((jOrder?.arrivalTime ?? null) === all)
      return { label: 'peer bugs: pickup forbidden, scan position / service order', text: `${PEER_BUG_PICKUP}; ${PEER_BUG_SCAN}; and ${PEER_BUG_ORDER}` };
    // beyond our 24 h horizon: our engine under the peer's rules with the peer's 72 h
    const allLong = all === null || [jPickup, jBoth, jOrder].some((j) => j !== null && j.arrivalTime - q.tod > HORIZON)
      ? runVariant(variant(peerRules), { ...q, req: { ...q.req, maxDuration: 3 * 86400 } })
      : all;
    if (allLong !== all && allLong !== null) {
      if (pickup === allLong) return { label: 'peer bug: pickup forbidden, and horizon', text: `${PEER_BUG_PICKUP}; and ${HORIZON_TEXT}` };
      if (jBoth?.arrivalTime === allLong)
        return { label: 'peer bugs: pickup forbidden, scan position; and horizon', text: `${PEER_BUG_PICKUP}; and ${PEER_BUG_SCAN}; and ${HORIZON_TEXT}` };
      if (jOrder?.arrivalTime === allLong)
        return {
          label: 'peer bugs: pickup forbidden, scan position / service order; and horizon',
          text: `${PEER_BUG_PICKUP}; ${PEER_BUG_SCAN}; ${PEER_BUG_ORDER}; and ${HORIZON_TEXT}`,
        };
    }
    for (const [j, fixes] of [
      [jPickup, 'pickup'],
      [jBoth, 'pickup+scan'],
      [jOrder, 'pickup+order'],
    ] as const) {
      if (j === null || (all !== null && j.arrivalTime >= all)) continue;
      const lim = vehicleLimit(q, j);
      if (lim === null) continue;
      const bugs =
        j.arrivalTime === p
          ? ''
          : fixes === 'pickup'
            ? ', and peer bug: pickup forbidden'
            : fixes === 'pickup+scan'
              ? ', and peer bugs: pickup forbidden, scan position'
              : ', and peer bugs: pickup forbidden, scan position / service order';
      return {
        label: `vehicle limit${bugs}`,
        text:
          `${lim}, the peer (${fixes} fixed) arrives ${hhmm(j.arrivalTime)}` +
          (bugs === '' ? '' : `; the peer's own answer ${hhmm(p)} is off by the peer bugs the label names (test/peer/)`),
      };
    }
    return {
      label: 'unexplained',
      text:
        `unexplained: our engine under the peer's rules gives ${hhmm(all)}; the peer with its pickup check fixed gives ${hhmm(pickup)}, ` +
        `with its scan-position cache also disabled ${hhmm(jBoth?.arrivalTime ?? null)}, with getTrip looking at every trip ${hhmm(jOrder?.arrivalTime ?? null)}`,
    };
  };
  /**
   * The peer later than our engine under its rules (or none): with getTrip also offering the
   * previous date's trips 24 h earlier (which looks at every trip of a route, so the scan-position
   * and service-order bugs are fixed with it), alone or with the pickup check added.
   */
  const midnight = (q: Q, all: number, p: number | null): { label: string; text: string } | undefined => {
    if (peerFixed({ midnight: true }, ids[q.a], ids[q.b], q.tod) === all) {
      const alone = peerFixed({ order: true }, ids[q.a], ids[q.b], q.tod) === p;
      return alone
        ? { label: 'peer bug: midnight', text: PEER_BUG_MIDNIGHT }
        : { label: 'peer bugs: midnight, scan position / service order', text: `${PEER_BUG_MIDNIGHT}; and ${PEER_BUG_SCAN}` };
    }
    if (peerFixed({ midnight: true, pickup: true }, ids[q.a], ids[q.b], q.tod) === all)
      return {
        label: 'peer bugs: midnight, pickup forbidden',
        text: `${PEER_BUG_MIDNIGHT}; and with that fixed the peer arrives earlier than its rules allow: ${PEER_BUG_PICKUP}`,
      };
    return undefined;
  };
  for (const i of diffIdx) {
    const q = compared[i];
    let label: string | undefined;
    for (const s of subsets) {
      if (runVariant(variant(s), q) === theirs[i]) {
        label = s.join('+');
        break;
      }
    }
    let text: string;
    if (label !== undefined) text = `peer rules ${label}: ${label.split('+').map((r) => RULE_TEXT[r as Rule]).join('; ')}`;
    else {
      const all = runVariant(variant(peerRules), q);
      const p = theirs[i];
      let fixed: number | null = null;
      let lim: string | null = null;
      let ordered: number | null = null;
      if (all !== null && (p === null || all < p)) {
        const nextDay = p === null && all >= 86400 ? peerNextDay(ids[q.a], ids[q.b]) : null;
        const nextDayFixed = (fix: PeerFix) => peerFixedJourney(fix, ids[q.a], ids[q.b], 1, true)?.arrivalTime ?? null;
        // asked for the next day directly, with the fewest of the peer's other bugs fixed
        const nextDayFix =
          p === null && all >= 86400 && nextDay !== all - 86400
            ? NEXT_DAY_FIXES.find((f) => nextDayFixed(f.fix) === all - 86400)
            : undefined;
        let mid: { label: string; text: string } | undefined;
        if (nextDay !== null && nextDay + 86400 === all) {
          label = 'peer bug: next day';
          text = PEER_BUG_NEXT_DAY;
        } else if (nextDayFix !== undefined) {
          label = `peer bugs: next day, ${nextDayFix.names}`;
          text = `${PEER_BUG_NEXT_DAY}; and ${nextDayFix.texts.join('; and ')} (asked for the next day with ${nextDayFix.texts.length === 1 ? 'that' : 'those'} fixed)`;
        } else if ((fixed = peerNoScanCache(ids[q.a], ids[q.b], q.tod)) === all) {
          label = 'peer bug: scan position';
          text = PEER_BUG_SCAN;
        } else if (fixed !== null && fixed < all && (lim = vehicleLimitOf(q, { scan: true }, all)) !== null) {
          label = 'peer bug: scan position, and vehicle limit';
          text = `${PEER_BUG_SCAN}; and ${lim}`;
        } else if ((ordered = peerFixed({ order: true }, ids[q.a], ids[q.b], q.tod)) === all) {
          label = fixed === p ? 'peer bug: service order' : 'peer bugs: scan position, service order';
          text = fixed === p ? PEER_BUG_ORDER : `${PEER_BUG_SCAN}; and ${PEER_BUG_ORDER}`;
        } else if (ordered !== null && ordered < all && (lim = vehicleLimitOf(q, { order: true }, all)) !== null) {
          label = 'peer bugs: scan position / service order, and vehicle limit';
          text = `${PEER_BUG_SCAN}; ${PEER_BUG_ORDER}; and ${lim}`;
        } else if ((lim = vehicleLimitOf(q, { order: true, pickup: true }, all)) !== null) {
          label = 'peer bugs: scan position / service order, pickup forbidden; and vehicle limit';
          text = `${PEER_BUG_SCAN}; ${PEER_BUG_ORDER}; ${PEER_BUG_PICKUP}; and ${lim}`;
        } else if (fixed !== null && fixed < all && peerFixed({ scan: true, pickup: true }, ids[q.a], ids[q.b], q.tod) === all) {
          label = 'peer bugs: scan position, pickup forbidden';
          text = `${PEER_BUG_SCAN}; and with that fixed the peer arrives earlier than its rules allow (${hhmm(fixed)}): ${PEER_BUG_PICKUP}`;
        } else if ((mid = midnight(q, all, p)) !== undefined) {
          ({ label, text } = mid);
        } else if (fixed !== null && (p === null || fixed < p)) {
          label = 'peer bug: scan position, and a remaining gap';
          text =
            `the peer misses a journey its own rules allow: our engine under ${peerRules.join('+')} arrives ${hhmm(all)}; with its scan-position cache ` +
            `disabled the peer improves to ${hhmm(fixed)} (see test/peer/scan-position.test.ts), the rest of the gap is not isolated`;
        } else {
          label = 'peer-miss';
          text = `the peer misses a journey its own rules allow: our engine under ${peerRules.join('+')} arrives ${hhmm(all)}; cause not isolated`;
        }
        if (o.show?.has(label) === true)
          text += `\n  - ours under ${peerRules.join('+')}: ${describeOurs(variant(peerRules), q)}\n  - peer, scan cache disabled: ${describePeer(peerFixedJourney({ scan: true }, ids[q.a], ids[q.b], q.tod))}` +
            `\n  - peer as is: ${describePeer(peerFixedJourney({}, ids[q.a], ids[q.b], q.tod))}`;
      } else if (p !== null && p < q.tod) {
        label = 'peer bug: walk-only time';
        text = PEER_BUG_WALK_ONLY;
      } else if (p !== null && p - q.tod > HORIZON && longer(q) === p) {
        label = 'horizon';
        text = HORIZON_TEXT;
      } else if (p === null) {
        label = 'unexplained';
        text = `unexplained: our engine under the peer's rules gives ${hhmm(all)}`;
      } else ({ label, text } = peerEarlier(q, all, p));
    }
    const firstOfLabel = !explanations.has(label);
    explanations.set(label, (explanations.get(label) ?? 0) + 1);
    if (
      details.length < 8 ||
      (firstOfLabel && details.length < 24) ||
      (label === 'peer-miss' && details.length < 12) ||
      (label === 'unexplained' && details.length < 24) ||
      o.show?.has(label) === true
    )
      details.push(
        `- ${ids[q.a]} → ${ids[q.b]} at ${hhmm(q.tod)}: ours ${hhmm(ours[i])}, peer ${hhmm(theirs[i])} — ${text}`,
      );
  }

  const ratio = quantile(pS, 0.5) / quantile(oS, 0.5);
  const modeText = o.expandStationTransfers
    ? `station-level transfers.txt rows given to the peer as platform rows (${pf.expandedRows} rows expanded)`
    : 'feed given to the peer as is';
  const dateOnlyText = pf.dateOnlyServices > 0 ? ` ${pf.dateOnlyServices} services defined only in calendar_dates.txt were given an empty calendar.txt row (same meaning; the peer's loader needs one).` : '';
  say(`### Peer comparison: ${feedLabel}, ${o.date} — ${modeText}`);
  say('');
  say(
    `Same process, same feed: ours loaded ${full.trips.length.toLocaleString('en')} trips (${ourImportMs.toFixed(0)} ms import${loaded.reused ? ', SQLite reused' : ''} + ` +
      `${ourCompileMs.toFixed(0)} ms compile, heap +${(m1 - m0).toFixed(0)} MiB for the input and our three networks); the peer loaded ${pf.trips.toLocaleString('en')} trips, ` +
      `${pf.stopTimes.toLocaleString('en')} stop times from one zip (${(writeMs / 1000).toFixed(1)} s to write it, ${(peerLoadMs / 1000).toFixed(1)} s loadGTFS + ` +
      `${(peerBuildMs / 1000).toFixed(1)} s index, heap +${(m3 - m2).toFixed(0)} MiB).${dateOnlyText}`,
  );
  say('');
  say('| | queries |');
  say('|---|---:|');
  say(`| seeded stop-to-stop depart-at queries drawn | ${qs.length} |`);
  say(`| drawn again: neither side connects the pair within 24 h | ${unconnected} |`);
  say(`| left out: answer depends on frequency-based trips (${freqTrips} trips; the peer ignores frequencies.txt) | ${leftOutFrequency} |`);
  say(`| left out: arrive-by and from-coordinates queries of our suite (the peer has neither) | 500 + 200 |`);
  say(`| compared | ${compared.length} |`);
  say(`| earliest arrival equal | ${agree} |`);
  say(`| both answer, arrivals differ | ${differ} |`);
  say(`| only ours answers | ${onlyOurs} |`);
  say(`| only the peer answers | ${onlyPeer} |`);
  say('');
  say('| engine | p50 ms | p95 ms | mean ms |');
  say('|---|---:|---:|---:|');
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / Math.max(1, x.length);
  say(`| jjj-router (transfers.txt footpaths only, slack 0) | ${fmtMs(quantile(oS, 0.5))} | ${fmtMs(quantile(oS, 0.95))} | ${fmtMs(mean(oursMs))} |`);
  say(`| jjj-router (defaults: 500 m footpaths, 60 s slack) | ${fmtMs(quantile(dS, 0.5))} | ${fmtMs(quantile(dS, 0.95))} | ${fmtMs(mean(defMs))} |`);
  say(`| raptor-journey-planner 2.2.3 (DepartAfterQuery) | ${fmtMs(quantile(pS, 0.5))} | ${fmtMs(quantile(pS, 0.95))} | ${fmtMs(mean(peerMs))} |`);
  say('');
  say(`**Median ratio peer / ours: ${ratio.toFixed(1)}×** (p95: ${(quantile(pS, 0.95) / quantile(oS, 0.95)).toFixed(1)}×).`);
  say('');
  if (diffIdx.length > 0) {
    say('Differences, explained by re-running our engine under the peer\'s rules (smallest set of rules that reproduces the peer\'s answer):');
    say('');
    for (const [k, n] of [...explanations].sort((x, y) => y[1] - x[1])) say(`- ${k}: ${n}`);
    say('');
    say('First differences:');
    say('');
    for (const l of details) say(l);
    say('');
  }
  return {
    feedLabel,
    compared: compared.length,
    agree,
    differ,
    onlyOurs,
    onlyPeer,
    neither,
    leftOutFrequency,
    oursP50: quantile(oS, 0.5),
    oursP95: quantile(oS, 0.95),
    peerP50: quantile(pS, 0.5),
    peerP95: quantile(pS, 0.95),
    ratioP50: ratio,
    oursDefaultP50: quantile(dS, 0.5),
    explanations,
    markdown: md.join('\n'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      feeds: { type: 'string', multiple: true },
      date: { type: 'string' },
      db: { type: 'string' },
      queries: { type: 'string' },
      /** Labels whose every difference is printed, separated by | (labels contain commas). */
      show: { type: 'string' },
      /** Only the run with the feed given to the peer as is (not the one with station rows expanded). */
      'as-is': { type: 'boolean' },
    },
  });
  const feeds = values.feeds ?? bundledFeeds();
  const missing = feeds.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`bench:peer: --feeds: no such file or directory: ${missing.join(', ')}`);
    process.exit(2);
  }
  for (const expand of values['as-is'] === true ? [false] : [false, true]) {
    try {
      await runPeer({
        feeds,
        date: values.date ?? '2026-11-24',
        ...(values.db ? { db: values.db } : {}),
        queries: values.queries ? Number(values.queries) : 500,
        expandStationTransfers: expand,
        ...(values.show ? { show: new Set(values.show.split('|').map((x) => x.trim())) } : {}),
      });
    } catch (e) {
      // e.g. nyc-all: the peer loads it, then throws on the first query (trips whose service is
      // defined only in calendar_dates.txt have no Service in its loader)
      console.log(`### Peer comparison: ${feeds.join(' ')} — the peer failed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
      process.exitCode = 1;
      break;
    }
  }
}
