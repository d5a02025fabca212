/**
 * What the server serves: the current network snapshot and how to (re)load it. A snapshot is
 * immutable; loading builds a complete new one off to the side and then replaces the reference in
 * one assignment, so a request that captured the old snapshot finishes on it, and a failed load
 * leaves the old one serving. The live (GTFS-Realtime) view built against a network travels in
 * its snapshot: a new network gets its overlay rebuilt before it is swapped in, and a new message
 * swaps in a copy of the snapshot with the new view, so a request sees network and overlay that
 * belong together.
 */
import type { Loaded } from '../app/load.js';
import type { Network } from '../core/network.js';
import type { ImportReport } from '../feeds/report.js';
import type { LiveView } from './realtime.js';

/** Loads the feeds into a network (the server passes `loadNetwork` with its options). */
export type Loader = () => Promise<Loaded>;

/** One loaded network and what is known about it. Never mutated. */
export interface Snapshot {
  readonly network: Network;
  readonly report: ImportReport;
  /** True when the import was reused from the SQLite cache. */
  readonly reused: boolean;
  /** Milliseconds spent importing (or opening the cache) and compiling. */
  readonly timings: { readonly importMs: number; readonly compileMs: number };
  /** ISO instant the snapshot started serving. */
  readonly loadedAt: string;
  /** 1 for the first network, +1 per successful reload. */
  readonly generation: number;
  /** Live times and alerts matched to this network, if any. */
  readonly realtime?: LiveView | null;
}

export class LoadInProgressError extends Error {
  constructor() {
    super('a load of the network is already running');
    this.name = 'LoadInProgressError';
  }
}

export interface StateStatus {
  /** ok: a network serves; loading: none yet; failed: none, and the last load failed. */
  status: 'ok' | 'loading' | 'failed';
  /** A (re)load is running. */
  loading: boolean;
  /** Message of the last failed load or reload, null after a success. */
  lastError: string | null;
}

export class ServerState {
  private current: Snapshot | null = null;
  private running = false;
  private lastError: string | null = null;
  private generation = 0;
  private liveBuilder: ((network: Network) => LiveView | null) | null = null;

  constructor(
    private readonly loader: Loader,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The snapshot to answer a request from; capture it once per request. */
  snapshot(): Snapshot | null {
    return this.current;
  }

  status(): StateStatus {
    const status = this.current !== null ? 'ok' : this.lastError !== null && !this.running ? 'failed' : 'loading';
    return { status, loading: this.running, lastError: this.lastError };
  }

  /**
   * Load (or reload) the network and swap it in. Throws LoadInProgressError when a load is
   * already running, and the loader's error when it fails (the old snapshot keeps serving).
   */
  async load(): Promise<Snapshot> {
    if (this.running) throw new LoadInProgressError();
    this.running = true;
    try {
      const loaded = await this.loader();
      const snap = this.install(loaded);
      this.lastError = null;
      return snap;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      this.running = false;
    }
  }

  /** The same as load(): re-import the feeds and swap atomically. */
  reload(): Promise<Snapshot> {
    return this.load();
  }

  /** How a new network gets its live view (the realtime hub sets it). */
  setRealtimeBuilder(build: ((network: Network) => LiveView | null) | null): void {
    this.liveBuilder = build;
  }

  /**
   * Serve `live` with the current network (a copy of the snapshot, swapped in one assignment).
   * Ignored when the network is no longer the one `live` was built against.
   */
  setRealtime(network: Network, live: LiveView | null): boolean {
    const cur = this.current;
    if (cur === null || cur.network !== network) return false;
    this.current = Object.freeze({ ...cur, realtime: live });
    return true;
  }

  /** Serve `loaded` from now on (one reference assignment). */
  install(loaded: Loaded): Snapshot {
    let realtime: LiveView | null = null;
    try {
      realtime = this.liveBuilder?.(loaded.network) ?? null;
    } catch {
      realtime = null; // live data never stops a network from serving
    }
    const snap: Snapshot = Object.freeze({
      network: loaded.network,
      report: loaded.report,
      reused: loaded.reused,
      timings: Object.freeze({ ...loaded.timings }),
      loadedAt: this.now().toISOString(),
      generation: ++this.generation,
      realtime,
    });
    this.current = snap;
    return snap;
  }
}
