/**
 * Server settings from the environment: where to listen, the admin token, the request budget, the
 * map tiles. Everything has a default; nothing here is required.
 */
import { DEFAULT_BUDGET_MS } from './budget.js';
import type { RealtimeHub, RealtimeOptions, RealtimeSource } from './realtime.js';

export interface AppOptions {
  /** Bearer token of the admin routes (JJJ_ADMIN_TOKEN); null or empty turns them off (404). */
  adminToken?: string | null;
  /** Per-request time budget, milliseconds (JJJ_REQUEST_BUDGET_MS, default 5000). */
  budgetMs?: number;
  /** Largest request body accepted, bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Map tile URL template (JJJ_TILE_URL), e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. */
  tileUrl?: string | null;
  /** Attribution shown with the tiles (JJJ_TILE_ATTRIBUTION). */
  tileAttribution?: string | null;
  /** Wall clock, epoch milliseconds (defaults of `time` and `defaultDate`). */
  now?: () => number;
  /** Monotonic clock, milliseconds (the time budget). */
  clock?: () => number;
  /** Server-side log (errors, overruns, reloads); never sent to clients. */
  log?: (line: string) => void;
  /** GTFS-Realtime sources and limits (JJJ_REALTIME, JJJ_REALTIME_*). */
  realtime?: RealtimeOptions;
  /** A realtime hub made by the caller (to start and stop its pollers); else createApp makes one. */
  realtimeHub?: RealtimeHub;
  /**
   * Called after an admin action succeeded here (a reload, an accepted realtime push), so that a
   * cluster of server processes (JJJ_WORKERS) can repeat it in the others (src/server/cluster.ts).
   */
  onAdmin?: (event: AdminEvent) => void;
}

/** An admin action one server process took that its siblings in a cluster repeat. */
export type AdminEvent = { kind: 'reload' } | { kind: 'realtime'; feed: string; bytes: Uint8Array };

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface ListenOptions {
  port: number;
  host: string;
}

const text = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());

/** Read AppOptions and where to listen from environment variables; throws on a malformed value. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): { app: AppOptions; listen: ListenOptions } {
  const port = text(env.PORT) === null ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const budget = text(env.JJJ_REQUEST_BUDGET_MS) === null ? DEFAULT_BUDGET_MS : Number(env.JJJ_REQUEST_BUDGET_MS);
  if (!Number.isFinite(budget) || budget <= 0) throw new Error(`JJJ_REQUEST_BUDGET_MS must be a positive number of milliseconds, got "${env.JJJ_REQUEST_BUDGET_MS}"`);
  return {
    listen: { port, host: text(env.HOST) ?? '127.0.0.1' },
    app: {
      adminToken: text(env.JJJ_ADMIN_TOKEN),
      budgetMs: budget,
      tileUrl: text(env.JJJ_TILE_URL),
      tileAttribution: text(env.JJJ_TILE_ATTRIBUTION),
      realtime: realtimeFromEnv(env),
    },
  };
}

/**
 * JJJ_REALTIME="feed=url,feed=url" (several URLs of one feed: repeat the feed), with
 * JJJ_REALTIME_INTERVAL_S (30), JJJ_REALTIME_TIMEOUT_S (10), JJJ_REALTIME_MAX_AGE_S (600) and
 * JJJ_REALTIME_FINISHED_MINUTES (60). JJJ_REALTIME_HEADERS, a JSON object of feed → {header:
 * value}, adds request headers to that feed's fetches (API keys: `{"f":{"x-api-key":"…"}}`).
 */
export function realtimeFromEnv(env: NodeJS.ProcessEnv = process.env): RealtimeOptions {
  const sources: RealtimeSource[] = [];
  for (const part of (text(env.JJJ_REALTIME) ?? '').split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const feed = eq > 0 ? item.slice(0, eq).trim() : '';
    const url = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (feed === '' || !/^https?:\/\/\S+$/i.test(url)) throw new Error(`JJJ_REALTIME must be FEED=http(s)://URL[,FEED=URL…], got "${item}"`);
    sources.push({ feed, url });
  }
  const rawHeaders = text(env.JJJ_REALTIME_HEADERS);
  if (rawHeaders !== null) {
    const bad = (why: string) => new Error(`JJJ_REALTIME_HEADERS must be a JSON object of feed → {header: value} (${why})`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawHeaders);
    } catch {
      throw bad('not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('not an object');
    for (const [feed, hs] of Object.entries(parsed)) {
      const mine = sources.filter((s) => s.feed === feed);
      if (mine.length === 0) throw bad(`feed "${feed}" is not in JJJ_REALTIME`);
      if (typeof hs !== 'object' || hs === null || Array.isArray(hs)) throw bad(`"${feed}" must map header names to values`);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(hs)) {
        // an HTTP token, and a value without line breaks
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw bad(`bad header name "${name}"`);
        if (typeof value !== 'string' || /[\r\n]/.test(value)) throw bad(`header "${name}" of "${feed}" must be a one-line string`);
        headers[name.toLowerCase()] = value;
      }
      for (const s of mine) s.headers = headers;
    }
  }
  const seconds = (name: string, def: number, min: number) => {
    const raw = text(env[name]);
    if (raw === null) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number of at least ${min}, got "${raw}"`);
    return n;
  };
  return {
    sources,
    intervalMs: seconds('JJJ_REALTIME_INTERVAL_S', 30, 1) * 1000,
    timeoutMs: seconds('JJJ_REALTIME_TIMEOUT_S', 10, 0.1) * 1000,
    maxAgeSeconds: seconds('JJJ_REALTIME_MAX_AGE_S', 600, 1),
    finishedGraceSeconds: seconds('JJJ_REALTIME_FINISHED_MINUTES', 60, 0) * 60,
  };
}
