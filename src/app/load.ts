/**
 * Feeds on disk → a ready Network: the path shared by the CLI, the server and the benchmarks.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Network } from '../core/network.js';
import { loadCachedFeeds, loadFeeds, type LoadFeedsOptions, type LoadFeedsResult } from '../feeds/load.js';
import type { ImportReport } from '../feeds/report.js';

/** The package root (works from src/ under vitest and from dist/ when built). */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      statSync(join(dir, 'package.json'));
      return dir;
    } catch {
      dir = dirname(dir);
    }
  }
  return process.cwd();
})();

/** The bundled region feeds: every directory under data/gtfs. */
export function bundledFeeds(): string[] {
  const root = join(PACKAGE_ROOT, 'data', 'gtfs');
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => join(root, e.name))
      .sort();
  } catch {
    return [];
  }
}

export interface LoadOptions {
  feeds?: string[];
  db?: string;
  progress?: boolean;
  log?: (line: string) => void;
}

export interface Loaded {
  network: Network;
  report: ImportReport;
  dbPath: string;
  reused: boolean;
  timings: { importMs: number; compileMs: number };
}

export async function loadNetwork(o: LoadOptions = {}): Promise<Loaded> {
  return (await loadWith(o, loadFeeds))!;
}

/** loadNetwork from an up-to-date SQLite cache only: null, importing nothing, when it is missing or stale (loadCachedFeeds). */
export async function loadCachedNetwork(o: LoadOptions = {}): Promise<Loaded | null> {
  return loadWith(o, loadCachedFeeds);
}

async function loadWith(o: LoadOptions, read: (paths: string[], options: LoadFeedsOptions) => Promise<LoadFeedsResult | null>): Promise<Loaded | null> {
  const feeds = o.feeds !== undefined && o.feeds.length > 0 ? o.feeds.map((f) => resolve(f)) : bundledFeeds();
  if (feeds.length === 0) throw new Error('no feeds given and no bundled feeds under data/gtfs');
  const t0 = performance.now();
  const loaded = await read(feeds, {
    ...(o.db !== undefined ? { db: o.db } : {}),
    ...(o.progress !== undefined ? { progress: o.progress } : {}),
    ...(o.log !== undefined ? { log: o.log } : {}),
  });
  if (loaded === null) return null;
  const t1 = performance.now();
  const network = new Network(loaded.input);
  const t2 = performance.now();
  return {
    network,
    report: loaded.report,
    dbPath: loaded.dbPath,
    reused: loaded.reused,
    timings: { importMs: t1 - t0, compileMs: t2 - t1 },
  };
}
