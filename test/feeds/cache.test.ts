import { cpSync, existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError, loadCachedFeeds, loadFeeds } from '../../src/feeds/index.js';
import { fixture, tempDir } from './helpers.js';

const tmp = tempDir('feeds-cache');

describe('cache reuse', () => {
  it('reuses an unchanged import and re-imports when a file is touched', async () => {
    const feed = path.join(tmp, 'feed', 'basic');
    cpSync(fixture('basic'), feed, { recursive: true });
    const db = path.join(tmp, 'db', 'net.sqlite');
    const first = await loadFeeds([feed], { db, progress: false });
    expect(first).toMatchObject({ reused: false, dbPath: db });
    expect(existsSync(db)).toBe(true);

    const t0 = performance.now();
    const second = await loadFeeds([feed], { db, progress: false });
    const ms = performance.now() - t0;
    expect(second.reused).toBe(true);
    expect(ms).toBeLessThan(1000); // typically ~50 ms: no scan, no node-gtfs
    expect(second.input.trips.length).toBe(first.input.trips.length);
    expect(second.report).toEqual(first.report); // pre-scan issues come from the cache

    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(feed, 'stops.txt'), later, later);
    const third = await loadFeeds([feed], { db, progress: false });
    expect(third.reused).toBe(false);
    expect((await loadFeeds([feed], { db, progress: false })).reused).toBe(true);
    expect(readdirSync(path.dirname(db))).toEqual(['net.sqlite']); // no temp files left
  });

  it('loadCachedFeeds reads only an up-to-date cache: null, writing nothing, when it is missing or stale', async () => {
    const feed = path.join(tmp, 'feed-cached', 'basic');
    cpSync(fixture('basic'), feed, { recursive: true });
    const db = path.join(tmp, 'db-cached', 'net.sqlite');
    expect(await loadCachedFeeds([feed], { db, progress: false })).toBeNull();
    expect(existsSync(db)).toBe(false);
    const imported = await loadFeeds([feed], { db, progress: false });
    const cached = await loadCachedFeeds([feed], { db, progress: false });
    expect(cached).toMatchObject({ reused: true, dbPath: db });
    expect(cached!.input.trips.length).toBe(imported.input.trips.length);
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(feed, 'stops.txt'), later, later);
    const mtime = statSync(db).mtimeMs;
    expect(await loadCachedFeeds([feed], { db, progress: false })).toBeNull();
    expect(statSync(db).mtimeMs).toBe(mtime); // the stale file is left for loadFeeds to replace
  });

  it('uses <cacheDir>/<hash>.sqlite per feed set and logs', async () => {
    const cacheDir = path.join(tmp, 'cache');
    const lines: string[] = [];
    const a = await loadFeeds([fixture('second')], { cacheDir, progress: false, log: (l) => lines.push(l) });
    const b = await loadFeeds([fixture('second'), fixture('basic')], { cacheDir, progress: false });
    expect(path.dirname(a.dbPath)).toBe(cacheDir);
    expect(a.dbPath).toMatch(/[0-9a-f]{16}\.sqlite$/);
    expect(b.dbPath).not.toBe(a.dbPath);
    expect(lines.some((l) => l.includes('node-gtfs'))).toBe(true);
    await loadFeeds([fixture('second')], { cacheDir, progress: false, log: (l) => lines.push(l) });
    expect(lines.at(-1)).toContain('using cached import');
  });

  it('a failed import leaves no reusable file behind', async () => {
    const db = path.join(tmp, 'fail', 'x.sqlite');
    await expect(loadFeeds([fixture('second'), fixture('nostops')], { db, progress: false })).rejects.toBeInstanceOf(FeedError);
    expect(existsSync(db)).toBe(false);
  });
});
