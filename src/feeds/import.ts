/**
 * Import: pre-scan every feed into clean copies, let node-gtfs load them into a temporary SQLite
 * file, check node-gtfs kept every row, store the metadata, then atomically rename the file into
 * place. A failed import therefore never leaves a file that could be reused.
 */
import { mkdtemp, mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TABLES } from './rules.js';
import { FeedError, IssueCollector } from './report.js';
import type { Progress } from './progress.js';
import { excludedTables, modelOf, scanFeed, type FeedMeta } from './scan.js';
import type { FeedSource } from './source.js';
import { writeCacheMeta } from './cache.js';

/** Import `sources` into `dbPath` (replaced); returns the per-feed metadata stored with it. */
export async function importFeeds(
  sources: FeedSource[],
  dbPath: string,
  fingerprint: string,
  progress: Progress,
): Promise<FeedMeta[]> {
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'jjj-feeds-'));
  const tmpDb = `${dbPath}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    const metas: FeedMeta[] = [];
    for (const [i, source] of sources.entries()) {
      metas.push(await scanFeed(source, path.join(tmpDir, String(i)), progress));
    }
    await mkdir(path.dirname(path.resolve(dbPath)), { recursive: true });
    const db = new Database(tmpDb);
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('temp_store = MEMORY');
      await runNodeGtfs(db, metas, tmpDir, progress);
      checkCounts(db, metas);
      writeCacheMeta(db, fingerprint, metas);
    } finally {
      db.close();
    }
    await rename(tmpDb, dbPath);
    return metas;
  } finally {
    await rm(tmpDb, { force: true });
    await rm(tmpDir, { recursive: true, force: true });
  }
}

async function runNodeGtfs(db: Database.Database, metas: FeedMeta[], tmpDir: string, progress: Progress): Promise<void> {
  const { importGtfs } = await import('gtfs');
  const exclude = excludedTables();
  const t0 = Date.now();
  progress.info(`importing ${metas.map((m) => m.name).join(', ')} with node-gtfs`);
  try {
    await importGtfs({
      db: db as never,
      agencies: metas.map((m, i) => ({ path: path.join(tmpDir, String(i)), prefix: `${m.name}:`, exclude })),
      // The pre-scan removed what node-gtfs would abort on; anything left is dropped and counted.
      ignoreDuplicates: true,
      ignoreErrors: false,
      verbose: true,
      logFunction: (text: string) => progress.status(`node-gtfs: ${text}`),
    });
  } catch (e) {
    const names = metas.map((m) => m.name).join(', ');
    throw new FeedError(names, '', 'unreadable', `node-gtfs import failed: ${(e as Error).message}`);
  }
  progress.info(`node-gtfs import done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Rows node-gtfs silently rejected (INSERT OR IGNORE: a duplicate key the pre-scan could not see,
 * e.g. non-contiguous stop_times of one trip) become a `duplicate_id` issue.
 */
function checkCounts(db: Database.Database, metas: FeedMeta[]): void {
  for (const t of TABLES) {
    const model = modelOf(t.model);
    const table = model.filenameBase;
    const expected = metas.reduce((s, m) => s + (m.written[table] ?? 0), 0);
    const total = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (total === expected) continue;
    const key = model.schema.find((c) => c.primary === true)?.name ?? '';
    const count = db.prepare(`SELECT count(*) FROM ${table} WHERE ${key} >= ? AND ${key} < ?`).pluck();
    for (const m of metas) {
      const got = count.get(`${m.name}:`, `${m.name};`) as number;
      const lost = (m.written[table] ?? 0) - got;
      if (lost <= 0) continue;
      const issues = new IssueCollector();
      issues.addAll(m.issues);
      const message = `${lost} row(s) rejected by the SQLite import (duplicate key or constraint)`;
      issues.add(m.name, t.file, 'duplicate_id', 'error', message, undefined, lost);
      m.issues = issues.list();
      m.written[table] = got;
    }
  }
}
