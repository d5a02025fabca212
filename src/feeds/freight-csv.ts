/**
 * Small CSV tables for the freight extension files and the road graph: header-checked rows with
 * their line numbers, and the issue collector of the freight report (file, line, code, count).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export type FreightIssueCode =
  | 'missing_file'
  | 'missing_field'
  | 'bad_value'
  | 'bad_coordinate'
  | 'column_count'
  | 'duplicate_id'
  | 'unknown_stop'
  | 'unknown_route'
  | 'unknown_node'
  | 'short_edge'
  | 'disconnected'
  | 'no_freight_feed'
  | 'no_terminal_row'
  | 'no_service_row'
  | 'no_tariff'
  | 'unsupported_route_type'
  | 'no_road_access';

export interface FreightIssue {
  /** File as named in the report (`freight_services.txt`, `data/road/edges.csv`), '' for checks across files. */
  file: string;
  /** 1-based line of the first occurrence (header = 1). */
  line?: number;
  code: FreightIssueCode;
  severity: 'error' | 'warning';
  message: string;
  count: number;
}

/** Aggregates issues by (file, code, severity), keeping the first line and message. */
export class FreightIssues {
  private readonly byKey = new Map<string, FreightIssue>();

  add(file: string, code: FreightIssueCode, severity: 'error' | 'warning', message: string, line?: number): void {
    const key = `${file}\u0000${code}\u0000${severity}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) {
      hit.count++;
      return;
    }
    const issue: FreightIssue = { file, code, severity, message, count: 1 };
    if (line !== undefined) issue.line = line;
    this.byKey.set(key, issue);
  }

  list(): FreightIssue[] {
    return [...this.byKey.values()];
  }
}

export interface Row {
  line: number;
  /** Trimmed value of a column ('' when empty or absent). */
  get(column: string): string;
}

/**
 * Read a CSV table. Missing file → null (the caller decides how bad that is); missing required
 * columns → a `missing_field` error and null; short/long rows → a `column_count` warning.
 */
export function readTable(path: string, file: string, required: string[], issues: FreightIssues): Row[] | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true });
  } catch (err) {
    issues.add(file, 'bad_value', 'error', `unreadable CSV: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  if (records.length === 0) {
    issues.add(file, 'missing_field', 'error', 'empty file (no header)', 1);
    return null;
  }
  const header = records[0].record;
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    issues.add(file, 'missing_field', 'error', `required column ${missing.join(', ')} missing; file skipped`, 1);
    return null;
  }
  return records.slice(1).map(({ record, info }) => {
    if (record.length !== header.length)
      issues.add(file, 'column_count', 'warning', `row has ${record.length} fields, header ${header.length}`, info.lines);
    return {
      line: info.lines,
      get: (c: string) => {
        const i = index.get(c);
        return i === undefined ? '' : (record[i] ?? '').trim();
      },
    };
  });
}

/**
 * A number column: '' → null when optional (or an error when required); unparsable or outside
 * [min, max] → error. Returns undefined when the row must be skipped.
 */
export function num(
  row: Row,
  column: string,
  file: string,
  issues: FreightIssues,
  o: { required?: boolean; min?: number; max?: number } = {},
): number | null | undefined {
  const raw = row.get(column);
  if (raw === '') {
    if (o.required === true) {
      issues.add(file, 'missing_field', 'error', `empty required value ${column}; row skipped`, row.line);
      return undefined;
    }
    return null;
  }
  const v = Number(raw);
  if (!Number.isFinite(v) || (o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) {
    const range = o.min !== undefined || o.max !== undefined ? ` (expected ${o.min ?? '−∞'} … ${o.max ?? '∞'})` : '';
    issues.add(file, 'bad_value', 'error', `${column} "${raw}" is not a valid number${range}; row skipped`, row.line);
    return undefined;
  }
  return v;
}
