/**
 * loadFeeds: GTFS feeds (directories or zips) → NetworkInput + import report, through a cached
 * SQLite file imported with node-gtfs. See README.md.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NetworkInput } from '../core/input.js';
import { defaultDbPath, readCacheMeta, setFingerprint } from './cache.js';
import { importFeeds } from './import.js';
import { Progress } from './progress.js';
import { readNetwork } from './read.js';
import { FeedError, IssueCollector, type ImportReport } from './report.js';
import type { FeedMeta } from './scan.js';
import { feedNameOf, fingerprintPath, openSource, type FeedSource } from './source.js';

export interface LoadFeedsOptions {
  /** SQLite file to use (default `<cacheDir>/<hash of the feed paths>.sqlite`). */
  db?: string;
  /** Default '.cache'. */
  cacheDir?: string;
  /** Draw transient progress on stderr (default: stderr is a TTY). */
  progress?: boolean;
  /** Receives permanent log lines (default: stderr when progress is on, else nothing). */
  log?: (line: string) => void;
}

export interface LoadFeedsResult {
  input: NetworkInput;
  report: ImportReport;
  /** The SQLite file used. */
  dbPath: string;
  /** True when the SQLite file was up to date and the import was skipped. */
  reused: boolean;
}

/**
 * Load feeds together. Feed names are the directory / zip base names (repeats get `-2`, `-3`…);
 * every id is namespaced `name:id`. Dirty rows are skipped and reported; a feed that cannot be
 * used at all throws a FeedError.
 */
export async function loadFeeds(paths: string[], options: LoadFeedsOptions = {}): Promise<LoadFeedsResult> {
  return (await load(paths, options, false))!;
}

/**
 * loadFeeds, but only from an up-to-date cache file: null (having written nothing) when the file is
 * missing or stale. Lets a worker thread read the cache while another thread may be importing it.
 */
export async function loadCachedFeeds(paths: string[], options: LoadFeedsOptions = {}): Promise<LoadFeedsResult | null> {
  return load(paths, options, true);
}

async function load(paths: string[], options: LoadFeedsOptions, cachedOnly: boolean): Promise<LoadFeedsResult | null> {
  if (paths.length === 0) throw new FeedError('(none)', '', 'missing_file', 'no feed path given');
  const progress = new Progress(options.progress ?? process.stderr.isTTY === true, options.log);
  const issues = new IssueCollector();
  const names = uniqueNames(paths, issues);
  const fingerprint = setFingerprint(
    names,
    await Promise.all(paths.map(async (p, i) => `${path.resolve(p)}\u0000${await fingerprintFor(p, names[i])}`)),
  );
  const dbPath = options.db ?? defaultDbPath(paths, options.cacheDir ?? '.cache');
  const cached = readCacheMeta(dbPath);
  const reused = cached !== undefined && cached.fingerprint === fingerprint;
  let feeds: FeedMeta[];
  if (cached !== undefined && reused) {
    feeds = cached.feeds;
    progress.info(`using cached import ${dbPath}`);
  } else if (cachedOnly) {
    return null;
  } else {
    feeds = await importAll(paths, names, dbPath, fingerprint, progress);
  }
  for (const f of feeds) issues.addAll(f.issues);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const { input, reports } = readNetwork(db, feeds, issues, progress);
    return { input, report: { feeds: reports, issues: issues.list() }, dbPath, reused };
  } finally {
    db.close();
    progress.clear();
  }
}

async function fingerprintFor(feedPath: string, name: string): Promise<string> {
  try {
    return await fingerprintPath(feedPath);
  } catch (e) {
    if (e instanceof FeedError) throw new FeedError(name, e.file, e.code, e.message.replace(/^feed "[^"]*": /, ''));
    throw e;
  }
}

/** Feed names from the paths; repeated names get a `-2`, `-3`… suffix (and a warning when `issues` is given). */
export function uniqueNames(paths: string[], issues?: IssueCollector): string[] {
  const used = new Set<string>();
  return paths.map((p) => {
    const base = feedNameOf(p);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    if (name !== base) issues?.add(name, '', 'duplicate_feed_name', 'warning', `feed name "${base}" already used; ${p} loaded as "${name}"`);
    used.add(name);
    return name;
  });
}

async function importAll(paths: string[], names: string[], dbPath: string, fingerprint: string, progress: Progress): Promise<FeedMeta[]> {
  const sources: FeedSource[] = [];
  try {
    for (const [i, p] of paths.entries()) sources.push(await openSource(p, names[i]));
    return await importFeeds(sources, dbPath, fingerprint, progress);
  } finally {
    for (const s of sources) await s.close().catch(() => {});
    progress.clear();
  }
}
