/**
 * Import report types, the issue collector (aggregation by feed/file/code) and FeedError.
 * See README.md for the table of issue codes.
 */

export type Severity = 'error' | 'warning';

/** Stable issue codes (documented in src/feeds/README.md). */
export type IssueCode =
  | 'missing_file'
  | 'missing_field'
  | 'bad_value'
  | 'bad_time'
  | 'bad_date'
  | 'bad_coordinate'
  | 'bad_timezone'
  | 'mixed_timezones'
  | 'no_calendar'
  | 'unreadable'
  | 'column_count'
  | 'duplicate_id'
  | 'duplicate_feed_name'
  | 'unknown_stop'
  | 'unknown_trip'
  | 'unknown_route'
  | 'unknown_service'
  | 'unknown_shape'
  | 'unknown_parent'
  | 'unknown_agency'
  | 'stop_is_station'
  | 'missing_time'
  | 'time_travel'
  | 'too_few_stops'
  | 'no_stop_times'
  | 'unsupported_transfer'
  | 'no_service_days'
  | 'calendar_truncated';

/** One aggregated issue: `count` occurrences of `code` in `feed`/`file`, `line` of the first. */
export interface ImportIssue {
  feed: string;
  file: string;
  /** 1-based physical line of the first occurrence (header = line 1), when known. */
  line?: number;
  code: IssueCode;
  /** Message of the first occurrence. */
  message: string;
  count: number;
  /** 'error': data was dropped (row, trip, file); 'warning': data was fixed up or ignored. */
  severity: Severity;
}

/** Per-feed counts of what ended up in the NetworkInput. */
export interface FeedCounts {
  stops: number;
  routes: number;
  trips: number;
  stopTimes: number;
  services: number;
  frequencies: number;
  transfers: number;
  pathways: number;
  shapes: number;
}

export interface FeedReport {
  name: string;
  /** Path as given to loadFeeds. */
  path: string;
  counts: FeedCounts;
  /** Feed validity `YYYY-MM-DD` (feed_info, else the first/last service day). */
  startDate: string;
  endDate: string;
  timezone: string;
}

export interface ImportReport {
  feeds: FeedReport[];
  issues: ImportIssue[];
}

/** A feed that cannot be used at all (missing required file, unreadable zip, bad time zone…). */
export class FeedError extends Error {
  constructor(
    /** Feed name (or path when the name is not known yet). */
    readonly feed: string,
    /** File inside the feed, or '' for the feed itself. */
    readonly file: string,
    readonly code: IssueCode,
    message: string,
  ) {
    super(`feed "${feed}"${file === '' ? '' : `, ${file}`}: ${message}`);
    this.name = 'FeedError';
  }
}

/** Collects issues, aggregating repeats by (feed, file, code, severity). */
export class IssueCollector {
  private readonly byKey = new Map<string, ImportIssue>();

  /** Record `count` occurrences. `line` is the 1-based line in `file`, when known. */
  add(
    feed: string,
    file: string,
    code: IssueCode,
    severity: Severity,
    message: string,
    line?: number,
    count = 1,
  ): void {
    const key = `${feed}\u0000${file}\u0000${code}\u0000${severity}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      existing.count += count;
      return;
    }
    const issue: ImportIssue = { feed, file, code, message, count, severity };
    if (line !== undefined) issue.line = line;
    this.byKey.set(key, issue);
  }

  /** Add already-aggregated issues (e.g. stored in the cache). */
  addAll(issues: readonly ImportIssue[]): void {
    for (const i of issues) {
      const key = `${i.feed}\u0000${i.file}\u0000${i.code}\u0000${i.severity}`;
      const existing = this.byKey.get(key);
      if (existing !== undefined) existing.count += i.count;
      else this.byKey.set(key, { ...i });
    }
  }

  list(): ImportIssue[] {
    return [...this.byKey.values()];
  }
}
