/** State shared by the readers that turn the SQLite tables into a NetworkInput. */
import type Database from 'better-sqlite3';
import type { FeedCounts, IssueCollector, IssueCode, Severity } from './report.js';
import type { Progress } from './progress.js';
import type { FeedMeta } from './scan.js';

export interface ReadContext {
  db: Database.Database;
  feeds: FeedMeta[];
  issues: IssueCollector;
  progress: Progress;
  counts: FeedCounts[];
  /** Feed name → index. */
  feedIndex: Map<string, number>;
}

export function newCounts(): FeedCounts {
  return { stops: 0, routes: 0, trips: 0, stopTimes: 0, services: 0, frequencies: 0, transfers: 0, pathways: 0, shapes: 0 };
}

/** Feed index of a namespaced id `feed:id` (every id in the DB carries its feed's prefix). */
export function feedOf(ctx: ReadContext, id: string): number {
  return ctx.feedIndex.get(id.slice(0, id.indexOf(':'))) ?? 0;
}

/** Report an issue found while reading (no line numbers: the rows come from SQLite). */
export function readIssue(ctx: ReadContext, feed: number, file: string, code: IssueCode, severity: Severity, message: string): void {
  ctx.issues.add(ctx.feeds[feed].name, file, code, severity, message);
}

/** Strip the `feed:` namespace. */
export function rawId(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}
