/**
 * Polling one GTFS-Realtime URL: a fetch per interval with a timeout (AbortSignal.timeout) and a
 * size limit, conditional requests (ETag / Last-Modified → 304), exponential backoff after
 * failures, never two fetches at once, and a clean stop. What to do with the bytes is the
 * caller's: `handle` answers null when the message was taken, else the reason it was refused
 * (a refused message counts as a failure for the backoff).
 */

export interface PollOptions {
  url: string;
  /** Headers sent with every fetch (API keys), before the conditional-request ones. */
  headers?: Record<string, string>;
  /** Milliseconds between polls while all is well. */
  intervalMs: number;
  /** Milliseconds a fetch (headers and body) may take. */
  timeoutMs: number;
  /** Longest wait after repeated failures, milliseconds (default 10 × interval, at most 10 min). */
  maxBackoffMs?: number;
  /** Largest body accepted, bytes. */
  maxBytes: number;
  /** Take a message: null when accepted, else why it was refused. */
  handle: (bytes: Uint8Array) => string | null;
  /** The server answered 304: the message in use is still current. */
  notModified?: () => void;
  /** Every attempt's outcome (null = success). */
  report: (error: string | null, at: number) => void;
  /** Wall clock, epoch ms (for `report`). */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface PollState {
  /** Failures in a row (0 after a success). */
  failures: number;
  /** Epoch ms of the next scheduled attempt, or null when stopped. */
  nextAt: number | null;
  running: boolean;
}

/** The wait before the next attempt: the interval, doubled per failure in a row, capped. */
export function backoffDelay(intervalMs: number, failures: number, maxBackoffMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(failures, 20));
}

export class FeedPoller {
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<void> | null = null;
  private stopCtl = new AbortController();
  private stopped = true;
  private etag: string | null = null;
  private lastModified: string | null = null;
  private failures = 0;
  private nextAt: number | null = null;
  private readonly now: () => number;
  private readonly maxBackoffMs: number;

  constructor(private readonly o: PollOptions) {
    this.now = o.now ?? (() => Date.now());
    this.maxBackoffMs = o.maxBackoffMs ?? Math.min(10 * 60_000, 10 * o.intervalMs);
  }

  state(): PollState {
    return { failures: this.failures, nextAt: this.stopped ? null : this.nextAt, running: this.inflight !== null };
  }

  /** Poll now, then every interval (with backoff after failures). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopCtl = new AbortController();
    this.schedule(0);
  }

  /** Stop polling; a fetch in flight is aborted and awaited. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.nextAt = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.stopCtl.abort();
    await this.inflight;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.nextAt = this.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pollOnce().finally(() => this.schedule(backoffDelay(this.o.intervalMs, this.failures, this.maxBackoffMs)));
    }, delay);
    this.timer.unref();
  }

  /** One attempt (never overlapping another: a second call awaits the first). */
  pollOnce(): Promise<void> {
    if (this.inflight !== null) return this.inflight;
    this.inflight = this.attempt().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async attempt(): Promise<void> {
    const at = this.now();
    let error: string | null;
    try {
      error = await this.fetchAndHandle();
    } catch (err) {
      error = describe(err, this.o.timeoutMs);
    }
    if (this.stopCtl.signal.aborted && error !== null) return; // stopped mid-fetch: not a feed failure
    this.failures = error === null ? 0 : this.failures + 1;
    this.o.report(error, at);
  }

  private async fetchAndHandle(): Promise<string | null> {
    const headers: Record<string, string> = { accept: 'application/x-protobuf, application/octet-stream;q=0.9, */*;q=0.1', ...this.o.headers };
    if (this.etag !== null) headers['if-none-match'] = this.etag;
    if (this.lastModified !== null) headers['if-modified-since'] = this.lastModified;
    const signal = AbortSignal.any([AbortSignal.timeout(this.o.timeoutMs), this.stopCtl.signal]);
    const res = await (this.o.fetch ?? fetch)(this.o.url, { headers, signal, redirect: 'follow' });
    if (res.status === 304) {
      await res.body?.cancel();
      this.o.notModified?.();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    }
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(length) && length > this.o.maxBytes) {
      await res.body?.cancel();
      return `message too large (${length} bytes, limit ${this.o.maxBytes})`;
    }
    const bytes = await readLimited(res, this.o.maxBytes);
    if (typeof bytes === 'string') return bytes;
    const refused = this.o.handle(bytes);
    if (refused === null) {
      this.etag = res.headers.get('etag');
      this.lastModified = res.headers.get('last-modified');
    } else {
      // a refused message must be fetched again in full, not confirmed by a 304
      this.etag = null;
      this.lastModified = null;
    }
    return refused;
  }
}

async function readLimited(res: Response, max: number): Promise<Uint8Array | string> {
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return `message too large (over ${max} bytes)`;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
    if (err.name === 'AbortError') return 'aborted';
    const cause = (err as { cause?: unknown }).cause;
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    return `${err.message}${why}`;
  }
  return String(err);
}
