/**
 * Server settings from the environment: where to listen, the admin token, the request budget, the
 * map tiles. Everything has a default; nothing here is required.
 */
import { DEFAULT_BUDGET_MS } from './budget.js';

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
}

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
    },
  };
}
