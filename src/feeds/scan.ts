/**
 * Pre-scan of one feed: checks the required files, validates every file (see scan-table.ts and
 * rules.ts) and writes the clean copies for node-gtfs into `outDir`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as models from 'gtfs/models';
import { newScanState, TABLES } from './rules.js';
import { FeedError, IssueCollector, type ImportIssue } from './report.js';
import type { Progress } from './progress.js';
import { scanMeta, type FeedInfoMeta } from './scan-meta.js';
import { scanTable, type ModelSpec } from './scan-table.js';
import type { FeedSource } from './source.js';

/** What the cache keeps about a feed besides the node-gtfs tables. */
export interface FeedMeta extends FeedInfoMeta {
  name: string;
  path: string;
  /** Issues found by the pre-scan (with line numbers). */
  issues: ImportIssue[];
  /** Rows written per node-gtfs table. */
  written: Record<string, number>;
}

const MODELS = models as unknown as Record<string, ModelSpec>;

/** node-gtfs model (table) of a TABLES entry. */
export function modelOf(name: string): ModelSpec {
  const m = MODELS[name];
  if (m === undefined) throw new Error(`node-gtfs has no model ${name}`);
  return m;
}

/** Table names node-gtfs must skip (everything this module does not read). */
export function excludedTables(): string[] {
  const used = new Set(TABLES.map((t) => modelOf(t.model).filenameBase));
  return Object.values(MODELS)
    .map((m) => m.filenameBase)
    .filter((b) => typeof b === 'string' && !used.has(b));
}

/** Scan `source`; clean copies go to `outDir` (created). Throws FeedError when unusable. */
export async function scanFeed(source: FeedSource, outDir: string, progress: Progress): Promise<FeedMeta> {
  const feed = source.name;
  for (const t of TABLES) {
    if (t.required && !source.files.has(t.file)) throw new FeedError(feed, t.file, 'missing_file', 'required file is missing');
  }
  if (!source.files.has('calendar.txt') && !source.files.has('calendar_dates.txt')) {
    throw new FeedError(feed, 'calendar.txt', 'no_calendar', 'neither calendar.txt nor calendar_dates.txt is present');
  }
  const issues = new IssueCollector();
  const info = await scanMeta(source, issues);
  const state = newScanState();
  for (const [id] of info.agencies) state.agencies.add(id);
  await mkdir(outDir, { recursive: true });
  const written: Record<string, number> = {};
  let calendars = 0;
  for (const t of TABLES) {
    if (!source.files.has(t.file)) continue;
    const model = modelOf(t.model);
    progress.status(`scanning ${feed}/${t.file}`, true);
    const result = await scanTable(
      await source.open(t.file),
      t.file,
      model,
      t.rule(state),
      path.join(outDir, t.file),
      (code, severity, message, line) => issues.add(feed, t.file, code, severity, message, line),
      (rows) => progress.status(`scanning ${feed}/${t.file}: ${rows.toLocaleString('en-US')} rows`),
    );
    if (!result.ok && t.required) {
      const first = issues.list().find((i) => i.file === t.file && i.code === 'missing_field');
      throw new FeedError(feed, t.file, 'missing_field', first?.message ?? 'required column missing');
    }
    written[model.filenameBase] = result.written;
    if (result.ok && (t.file === 'calendar.txt' || t.file === 'calendar_dates.txt')) calendars++;
  }
  if (calendars === 0) throw new FeedError(feed, 'calendar.txt', 'no_calendar', 'no usable calendar.txt or calendar_dates.txt');
  return { ...info, name: feed, path: source.path, issues: issues.list(), written };
}
