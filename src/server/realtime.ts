/**
 * The server's GTFS-Realtime state: per feed, the message in use (its bytes, decoded and matched
 * against the current network) and how it got there (polled URL or admin push); from all feeds one
 * live view (the core overlay + alert index) that rides in the network snapshot (see state.ts), so
 * a request captures network and overlay together. A network reload re-matches the kept messages
 * against the new network before it serves.
 *
 * A message is refused — with its reason, the previous one staying in use — when it does not
 * decode, is older than `maxAgeSeconds` by its header timestamp, older than the message in use, or
 * stamped more than 5 min in the future.
 * A message in use expires once it is older than `maxAgeSeconds` (by header timestamp, else by when
 * it arrived); updates of runs finished more than `finishedGraceSeconds` ago are dropped.
 */
import { AlertIndex, type ServiceAlert } from '../core/alerts.js';
import type { Network } from '../core/network.js';
import { RealtimeOverlay, type AddedTripSpec, type TripUpdateSpec } from '../core/realtime.js';
import { formatIso } from '../core/time.js';
import { FeedPoller } from '../feeds/realtime-poll.js';
import { decodeRealtime, mergeDifferential, RealtimeError, type DecodedRealtime, type RealtimeCounts, type VehiclePosition } from '../feeds/realtime.js';
import type { ServerState } from './state.js';

/** Live data matched to one network: what requests use. Immutable. */
export interface LiveView {
  /** The overlay of live runs, or null when no feed has trip updates. */
  readonly overlay: RealtimeOverlay | null;
  readonly alerts: AlertIndex;
  /** Per feed with a message in use: its vehicle positions, matched to this network. */
  readonly vehicles: readonly LiveVehicles[];
  /** Epoch ms it was built. */
  readonly builtAt: number;
}

/** The vehicle positions of one feed's message in use. */
export interface LiveVehicles {
  readonly feed: string;
  /** Header timestamp (epoch seconds), or null. */
  readonly timestamp: number | null;
  /** Epoch ms the message arrived. */
  readonly receivedAt: number;
  readonly vehicles: readonly VehiclePosition[];
}

export interface RealtimeSource {
  feed: string;
  url: string;
  /** Request headers of its fetches (API keys; JJJ_REALTIME_HEADERS). Never shown in the status. */
  headers?: Record<string, string>;
}

export interface RealtimeOptions {
  /** URLs to poll, per feed (JJJ_REALTIME). */
  sources?: RealtimeSource[];
  /** Poll interval, ms (JJJ_REALTIME_INTERVAL_S, default 30 s). */
  intervalMs?: number;
  /** Per-fetch timeout, ms (JJJ_REALTIME_TIMEOUT_S, default 10 s). */
  timeoutMs?: number;
  /** Longest backoff after failures, ms (default 10 × interval, ≤ 10 min). */
  maxBackoffMs?: number;
  /** Messages older than this by header timestamp are refused / expire (JJJ_REALTIME_MAX_AGE_S, default 600 s). */
  maxAgeSeconds?: number;
  /** Updates of runs finished longer ago are dropped (JJJ_REALTIME_FINISHED_MINUTES, default 60). */
  finishedGraceSeconds?: number;
  /** Largest message accepted (polled or pushed), bytes (default 16 MiB). */
  maxBytes?: number;
}

export const REALTIME_DEFAULTS = {
  intervalMs: 30_000,
  timeoutMs: 10_000,
  maxAgeSeconds: 600,
  finishedGraceSeconds: 3600,
  maxBytes: 16 * 2 ** 20,
} as const;

/** Clock skew allowed for header timestamps ahead of ours, seconds. */
export const FUTURE_SKEW_SECONDS = 300;

export type AcceptResult =
  | { ok: true; feed: string; decoded: DecodedRealtime; liveRuns: number }
  | { ok: false; status: 404 | 422 | 503; code: string; reason: string };

interface FeedRecord {
  feed: string;
  url: string | null;
  poller: FeedPoller | null;
  lastAttempt: number | null;
  lastSuccess: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  lastVia: 'url' | 'push' | null;
  accepted: number;
  refused: number;
  /** The message in use. */
  message: { bytes: Uint8Array; timestamp: number | null; receivedAt: number } | null;
  /** It decoded against `decodedFor`. */
  decoded: DecodedRealtime | null;
  decodedFor: Network | null;
  /** Overlay-building rejections of this feed's updates, by reason. */
  rejected: Record<string, number>;
  /** This feed's updates and added trips whose times ran backwards and were put in order (see RealtimeOverlay.corrected). */
  corrected: number;
  expiredAt: number | null;
}

export class RealtimeHub {
  private readonly feeds = new Map<string, FeedRecord>();
  private readonly o: Required<Omit<RealtimeOptions, 'sources' | 'maxBackoffMs'>> & { maxBackoffMs: number | undefined };
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly state: ServerState,
    options: RealtimeOptions = {},
    private readonly now: () => number = () => Date.now(),
    private readonly log: (line: string) => void = () => {},
  ) {
    this.o = {
      intervalMs: options.intervalMs ?? REALTIME_DEFAULTS.intervalMs,
      timeoutMs: options.timeoutMs ?? REALTIME_DEFAULTS.timeoutMs,
      maxAgeSeconds: options.maxAgeSeconds ?? REALTIME_DEFAULTS.maxAgeSeconds,
      finishedGraceSeconds: options.finishedGraceSeconds ?? REALTIME_DEFAULTS.finishedGraceSeconds,
      maxBytes: options.maxBytes ?? REALTIME_DEFAULTS.maxBytes,
      maxBackoffMs: options.maxBackoffMs,
    };
    for (const s of options.sources ?? []) {
      const rec = this.record(s.feed);
      rec.url = s.url;
      rec.poller = new FeedPoller({
        url: s.url,
        ...(s.headers !== undefined ? { headers: s.headers } : {}),
        intervalMs: this.o.intervalMs,
        timeoutMs: this.o.timeoutMs,
        ...(this.o.maxBackoffMs !== undefined ? { maxBackoffMs: this.o.maxBackoffMs } : {}),
        maxBytes: this.o.maxBytes,
        now: this.now,
        handle: (bytes) => {
          const r = this.accept(s.feed, bytes, 'url');
          return r.ok ? null : r.reason;
        },
        notModified: () => this.expire(),
        report: (error, at) => {
          rec.lastAttempt = at;
          if (error === null) {
            rec.lastSuccess = at;
            rec.lastError = null;
            return;
          }
          if (rec.lastError !== error) this.log(`jjj-router: realtime ${s.feed}: ${error} (the previous message stays in use)`);
          rec.lastError = error;
          rec.lastErrorAt = at;
        },
      });
    }
    state.setRealtimeBuilder((net) => this.build(net));
  }

  get maxBytes(): number {
    return this.o.maxBytes;
  }

  /** Messages (and vehicle positions) older than this expire, seconds. */
  get maxAgeSeconds(): number {
    return this.o.maxAgeSeconds;
  }

  /** Feeds with a URL to poll or a message pushed since the start. */
  feedNames(): string[] {
    return [...this.feeds.keys()];
  }

  /** Start the pollers and the expiry sweep. */
  start(): void {
    for (const r of this.feeds.values()) r.poller?.start();
    if (this.sweeper === null) {
      this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.min(this.o.intervalMs, 60_000)));
      this.sweeper.unref();
    }
  }

  /** Stop polling (in-flight fetches are aborted) and sweeping. */
  async stop(): Promise<void> {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.all([...this.feeds.values()].map((r) => r.poller?.stop()));
  }

  /** Poll every URL once now (tests, admin); resolves when all attempts are done. */
  async pollAll(): Promise<void> {
    await Promise.all([...this.feeds.values()].map((r) => r.poller?.pollOnce()));
  }

  private record(feed: string): FeedRecord {
    let r = this.feeds.get(feed);
    if (r === undefined) {
      r = {
        feed,
        url: null,
        poller: null,
        lastAttempt: null,
        lastSuccess: null,
        lastError: null,
        lastErrorAt: null,
        lastVia: null,
        accepted: 0,
        refused: 0,
        message: null,
        decoded: null,
        decodedFor: null,
        rejected: {},
        corrected: 0,
        expiredAt: null,
      };
      this.feeds.set(feed, r);
    }
    return r;
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private decode(net: Network, feed: string, bytes: Uint8Array): DecodedRealtime {
    return decodeRealtime(net, feed, bytes, this.nowSeconds(), { finishedGraceSeconds: this.o.finishedGraceSeconds });
  }

  /**
   * Take a message for `feed` (polled or pushed). On success it is in use for the next request;
   * otherwise the reason, and the previous message stays in use. Never throws.
   */
  accept(feed: string, bytes: Uint8Array, via: 'url' | 'push'): AcceptResult {
    const snap = this.state.snapshot();
    if (snap === null) return { ok: false, status: 503, code: 'not_ready', reason: 'the network is still loading; the message was not used' };
    const net = snap.network;
    if (!net.input.feeds.some((f) => f.name === feed)) {
      const names = net.input.feeds.map((f) => f.name).join(', ');
      return { ok: false, status: 404, code: 'unknown_feed', reason: `unknown feed "${feed}" (feeds: ${names})` };
    }
    const rec = this.record(feed);
    const refuse = (reason: string): AcceptResult => {
      rec.refused++;
      rec.lastError = reason;
      rec.lastErrorAt = this.now();
      if (via === 'push') rec.lastAttempt = this.now();
      return { ok: false, status: 422, code: 'realtime_rejected', reason };
    };
    let decoded: DecodedRealtime;
    try {
      // a DIFFERENTIAL message is applied to the one in use, and the result used as a full one
      bytes = mergeDifferential(rec.message?.bytes ?? null, bytes);
      decoded = this.decode(net, feed, bytes);
    } catch (err) {
      if (err instanceof RealtimeError) return refuse(err.message);
      return refuse(`could not use the message: ${err instanceof Error ? err.message : String(err)}`);
    }
    const ts = decoded.timestamp;
    const nowS = this.nowSeconds();
    if (ts !== null && nowS - ts > this.o.maxAgeSeconds)
      return refuse(`message too old: its header timestamp ${formatIso(ts, zoneOf(net))} is ${nowS - ts} s old (at most ${this.o.maxAgeSeconds} s)`);
    if (ts !== null && ts - nowS > FUTURE_SKEW_SECONDS)
      return refuse(`header timestamp ${formatIso(ts, zoneOf(net))} is in the future (${ts - nowS} s ahead; at most ${FUTURE_SKEW_SECONDS} s)`);
    const cur = rec.message;
    if (ts !== null && cur !== null && cur.timestamp !== null && ts < cur.timestamp)
      return refuse(`message older than the one in use (header timestamp ${formatIso(ts, zoneOf(net))} < ${formatIso(cur.timestamp, zoneOf(net))})`);
    rec.message = { bytes: Uint8Array.from(bytes), timestamp: ts, receivedAt: this.now() };
    rec.decoded = decoded;
    rec.decodedFor = net;
    rec.accepted++;
    rec.lastVia = via;
    rec.lastError = null;
    rec.expiredAt = null;
    if (via === 'push') {
      rec.lastAttempt = this.now();
      rec.lastSuccess = this.now();
    }
    const live = this.rebuild();
    return { ok: true, feed, decoded, liveRuns: live?.overlay?.entries.length ?? 0 };
  }

  /** Drop messages past their age; returns true when something expired. */
  expire(): boolean {
    const nowS = this.nowSeconds();
    let changed = false;
    for (const r of this.feeds.values()) {
      if (r.message === null) continue;
      const ts = r.message.timestamp ?? Math.floor(r.message.receivedAt / 1000);
      if (nowS - ts <= this.o.maxAgeSeconds) continue;
      r.message = null;
      r.decoded = null;
      r.decodedFor = null;
      r.rejected = {};
      r.corrected = 0;
      r.expiredAt = this.now();
      this.log(`jjj-router: realtime ${r.feed}: message expired (${nowS - ts} s old, at most ${this.o.maxAgeSeconds} s)`);
      changed = true;
    }
    if (changed) this.rebuild();
    return changed;
  }

  /** Periodic: expire old messages, re-match the rest (drops runs that have finished since). */
  sweep(): void {
    try {
      if (this.expire()) return;
      const snap = this.state.snapshot();
      if (snap === null) return;
      let any = false;
      for (const r of this.feeds.values()) if (r.message !== null) (r.decodedFor = null), (any = true);
      if (any) this.rebuild();
    } catch (err) {
      this.log(`jjj-router: realtime sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Rebuild the live view for the current network and swap it in. */
  private rebuild(): LiveView | null {
    const snap = this.state.snapshot();
    if (snap === null) return null;
    const live = this.build(snap.network);
    this.state.setRealtime(snap.network, live);
    return live;
  }

  /** The live view of every feed's message matched against `net` (re-decoding when needed). */
  private build(net: Network): LiveView | null {
    const updates: TripUpdateSpec[] = [];
    const added: AddedTripSpec[] = [];
    const alerts: ServiceAlert[] = [];
    // per feed, its updates' and added trips' index ranges [from, to, addedFrom, addedTo]
    const ranges: [FeedRecord, number, number, number, number][] = [];
    const vehicles: LiveVehicles[] = [];
    for (const r of this.feeds.values()) {
      if (r.message === null) continue;
      if (r.decodedFor !== net || r.decoded === null) {
        try {
          r.decoded = this.decode(net, r.feed, r.message.bytes);
          r.decodedFor = net;
        } catch (err) {
          // the feed is gone from the new network, or its trips no longer match at all
          r.lastError = `message dropped when re-matched to the network: ${err instanceof Error ? err.message : String(err)}`;
          r.lastErrorAt = this.now();
          r.message = null;
          r.decoded = null;
          r.decodedFor = null;
          continue;
        }
      }
      ranges.push([r, updates.length, updates.length + r.decoded.updates.length, added.length, added.length + r.decoded.added.length]);
      updates.push(...r.decoded.updates);
      added.push(...r.decoded.added);
      alerts.push(...r.decoded.alerts);
      vehicles.push({ feed: r.feed, timestamp: r.message.timestamp, receivedAt: r.message.receivedAt, vehicles: r.decoded.vehicles });
    }
    if (ranges.length === 0) return null;
    const overlay = updates.length + added.length > 0 ? new RealtimeOverlay(net.timetable, net.input, updates, added) : null;
    for (const [r, from, to, aFrom, aTo] of ranges) {
      r.rejected = {};
      for (const x of overlay?.rejected ?? []) if (x.index >= from && x.index < to) r.rejected[x.reason] = (r.rejected[x.reason] ?? 0) + 1;
      r.corrected = 0;
      for (const x of overlay?.corrected ?? []) if (x.added ? x.index >= aFrom && x.index < aTo : x.index >= from && x.index < to) r.corrected++;
    }
    return Object.freeze({ overlay, alerts: new AlertIndex(net, alerts), vehicles: Object.freeze(vehicles), builtAt: this.now() });
  }

  /** GET /api/realtime: per feed, where its data comes from and how it went. */
  status() {
    this.expire();
    const snap = this.state.snapshot();
    const zone = snap === null ? 'UTC' : zoneOf(snap.network);
    const iso = (ms: number | null) => (ms === null ? null : formatIso(Math.floor(ms / 1000), zone));
    const nowS = this.nowSeconds();
    const live = snap?.realtime ?? null;
    const feeds = [...this.feeds.values()].map((r) => {
      const poll = r.poller?.state() ?? null;
      const c: RealtimeCounts | null = r.message !== null ? (r.decoded?.counts ?? null) : null;
      const ts = r.message?.timestamp ?? null;
      return {
        feed: r.feed,
        source: r.url !== null ? ('url' as const) : ('push' as const),
        url: r.url,
        intervalSeconds: r.url !== null ? this.o.intervalMs / 1000 : null,
        lastAttempt: iso(r.lastAttempt),
        lastSuccess: iso(r.lastSuccess),
        lastError: r.lastError,
        lastErrorAt: iso(r.lastErrorAt),
        lastVia: r.lastVia,
        consecutiveFailures: poll?.failures ?? 0,
        nextAttempt: iso(poll?.nextAt ?? null),
        messagesAccepted: r.accepted,
        messagesRefused: r.refused,
        expiredAt: iso(r.expiredAt),
        message:
          r.message === null
            ? null
            : {
                timestamp: ts === null ? null : formatIso(ts, zone),
                ageSeconds: nowS - (ts ?? Math.floor(r.message.receivedAt / 1000)),
                receivedAt: iso(r.message.receivedAt),
                bytes: r.message.bytes.length,
              },
        entities:
          c === null
            ? null
            : {
                total: c.entities,
                tripUpdates: c.tripUpdates,
                alerts: c.alerts,
                vehicles: c.vehicles,
                matched: c.matched,
                unmatched: c.unmatched,
                unmatchedReasons: { ...c.reasons },
                rejected: Object.values(r.rejected).reduce((a, b) => a + b, 0),
                rejectedReasons: { ...r.rejected },
                corrected: r.corrected,
              },
      };
    });
    return {
      now: formatIso(nowS, zone),
      maxAgeSeconds: this.o.maxAgeSeconds,
      finishedGraceSeconds: this.o.finishedGraceSeconds,
      liveRuns: live?.overlay?.entries.length ?? 0,
      hiddenRuns: live?.overlay?.hiddenForward.keys.size ?? 0,
      alerts: live?.alerts.size ?? 0,
      builtAt: iso(live?.builtAt ?? null),
      feeds,
    };
  }
}

function zoneOf(net: Network): string {
  return net.input.feeds[0]?.timezone ?? 'UTC';
}
