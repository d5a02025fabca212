/**
 * Cache metadata stored inside the SQLite file (table `jjj_meta`): the fingerprint of the feed
 * files it was imported from and the per-feed metadata. Written last, in the temporary file that
 * is then renamed into place, so a present fingerprint means a complete import.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FeedMeta } from './scan.js';

/** Bump when the scan/clean rules or the stored layout change: invalidates every cache file. */
export const CACHE_VERSION = 1;

export interface CacheMeta {
  fingerprint: string;
  feeds: FeedMeta[];
}

/** Default cache file for a feed set: `<cacheDir>/<hash of the absolute paths>.sqlite`. */
export function defaultDbPath(paths: readonly string[], cacheDir: string): string {
  const key = createHash('sha256').update(JSON.stringify(paths.map((p) => path.resolve(p)))).digest('hex');
  return path.join(cacheDir, `${key.slice(0, 16)}.sqlite`);
}

/** Fingerprint of the whole feed set from the per-path fingerprints. */
export function setFingerprint(names: readonly string[], perPath: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([CACHE_VERSION, names, perPath])).digest('hex');
}

export function writeCacheMeta(db: Database.Database, fingerprint: string, feeds: FeedMeta[]): void {
  db.exec('CREATE TABLE jjj_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const put = db.prepare('INSERT INTO jjj_meta (key, value) VALUES (?, ?)');
  put.run('feeds', JSON.stringify(feeds));
  put.run('fingerprint', fingerprint);
}

/** The metadata of an existing cache file, or undefined when absent, foreign or broken. */
export function readCacheMeta(dbPath: string): CacheMeta | undefined {
  if (!existsSync(dbPath)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const get = db.prepare('SELECT value FROM jjj_meta WHERE key = ?').pluck();
    const fingerprint = get.get('fingerprint');
    const feeds = get.get('feeds');
    if (typeof fingerprint !== 'string' || typeof feeds !== 'string') return undefined;
    return { fingerprint, feeds: JSON.parse(feeds) as FeedMeta[] };
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}
