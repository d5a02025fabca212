/**
 * Schema-driven pre-scan of one GTFS file: validates every row against node-gtfs's own model
 * (required values, integer/real/date/time types and ranges, primary-key duplicates) plus the
 * file's rule (references between files), reports issues with line numbers, and writes the clean
 * rows to a copy that node-gtfs can import without aborting.
 *
 * Why: node-gtfs aborts a whole feed on the first row with a missing required value, rolls back
 * whole 100k-row batches on a CHECK failure, and (with ignoreDuplicates) silently drops bad rows.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine, readCsv } from './csv.js';
import type { IssueCode, Severity } from './report.js';

/** The subset of a node-gtfs model column used here. */
export interface ColumnSpec {
  name: string;
  type: string;
  required?: boolean;
  primary?: boolean;
  min?: number;
  max?: number;
}

export interface ModelSpec {
  filenameBase: string;
  schema: readonly ColumnSpec[];
}

/** Report one issue at a line of the current file. */
export type Reporter = (code: IssueCode, severity: Severity, message: string, line?: number) => void;

/** Per-row check on the cleaned values (output column order); false drops the row. */
export type RowCheck = (values: string[], line: number) => boolean;

export interface TableRule {
  /** Build the row check once the columns are known; `col(name)` is the value index or -1. */
  check?: (col: (name: string) => number, report: Reporter) => RowCheck;
  /** Detect key duplicates only within runs of the same first key column (huge files). */
  grouped?: boolean;
}

export interface TableResult {
  /** Rows written to the clean copy. */
  written: number;
  /** False when the file was skipped (required column missing). */
  ok: boolean;
}

const INT = /^[+-]?\d+(?:\.0*)?$/;
const REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Numbers SQLite converts exactly as written (others are rewritten with String(Number(x))). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const COORDINATE_COLUMNS = new Set(['stop_lat', 'stop_lon', 'shape_pt_lat', 'shape_pt_lon']);

/** Pass the output text to the write stream beyond this many characters. */
const FLUSH_CHARS = 1 << 15;

/**
 * Scan `source` (the file `file` of a feed) with `model` and `rule`; write the clean rows as CSV to
 * `outPath`. `progress(rows)` is called every 100k rows.
 */
export async function scanTable(
  source: AsyncIterable<Buffer>,
  file: string,
  model: ModelSpec,
  rule: TableRule,
  outPath: string,
  report: Reporter,
  progress: (rows: number) => void,
): Promise<TableResult> {
  const out = createWriteStream(outPath);
  let buffer = '';
  let written = 0;
  let ok = true;
  let onRow: ((fields: string[], line: number) => void) | undefined;

  const onHeader = (header: string[]): void => {
    const index = new Map(header.map((h, i) => [h, i] as [string, number]));
    const missing = model.schema.filter((c) => c.required === true && !index.has(c.name));
    if (missing.length > 0) {
      report('missing_field', 'error', `required column ${missing.map((c) => c.name).join(', ')} missing; file skipped`, 1);
      ok = false;
      onRow = () => {};
      return;
    }
    const cols = model.schema.filter((c) => index.has(c.name));
    const source = cols.map((c) => index.get(c.name) as number);
    const outIndex = new Map(cols.map((c, i) => [c.name, i] as [string, number]));
    const check = rule.check?.((name) => outIndex.get(name) ?? -1, report);
    const keyCols = cols.flatMap((c, i) => (c.primary === true ? [i] : []));
    const seen = new Set<string>();
    let group: string | undefined;
    const grouped = rule.grouped === true;
    let rows = 0;
    buffer += csvLine(cols.map((c) => c.name)) + '\n';
    onRow = (fields, line) => {
      if (++rows % 100000 === 0) progress(rows);
      if (fields.length !== header.length) {
        report('column_count', 'warning', `row has ${fields.length} fields, header has ${header.length}`, line);
      }
      const values = new Array<string>(cols.length);
      for (let i = 0; i < cols.length; i++) {
        const v = clean(fields[source[i]] ?? '', cols[i], line, report);
        if (v === null) return;
        values[i] = v;
      }
      if (keyCols.length > 0) {
        let key = values[keyCols[0]];
        if (grouped) {
          if (key !== group) {
            group = key;
            seen.clear();
          }
          key = '';
        }
        for (let k = 1; k < keyCols.length; k++) key += `\u0001${values[keyCols[k]]}`;
        if (seen.has(key)) {
          const shown = keyCols.map((i) => values[i]).join(', ');
          report('duplicate_id', 'error', `duplicate ${keyCols.map((i) => cols[i].name).join('+')} "${shown}"; later row skipped`, line);
          return;
        }
        seen.add(key);
      }
      if (check !== undefined && !check(values, line)) return;
      buffer += csvLine(values) + '\n';
      written++;
      if (buffer.length >= FLUSH_CHARS) {
        // Hand the text to the stream now (it becomes an off-heap Buffer), so the young
        // generation never holds a long rope; backpressure is honoured once per input chunk.
        out.write(buffer);
        buffer = '';
      }
    };
  };

  await readCsv(
    source,
    (fields, line) => {
      if (onRow === undefined) onHeader(fields);
      else onRow(fields, line);
    },
    async () => {
      if (out.writableNeedDrain) await once(out, 'drain');
    },
  );
  if (onRow === undefined) report('missing_field', 'error', 'file is empty (no header)', 1);
  out.end(buffer);
  await once(out, 'finish');
  return { written, ok: ok && onRow !== undefined };
}

/**
 * Validate and normalise one value. Returns the value to write ('' = empty), or null when the row
 * must be dropped (issue already reported).
 */
function clean(raw: string, col: ColumnSpec, line: number, report: Reporter): string | null {
  if (raw === '') {
    if (col.required !== true) return '';
    report('missing_field', 'error', `empty required value ${col.name}; row skipped`, line);
    return null;
  }
  let value: string | null = raw;
  let code: IssueCode = 'bad_value';
  switch (col.type) {
    case 'integer':
    case 'real': {
      const ok = col.type === 'integer' ? INT.test(raw) : REAL.test(raw);
      const n = Number(raw);
      const inRange = ok && (col.min === undefined || n >= col.min) && (col.max === undefined || n <= col.max);
      value = !inRange ? null : PLAIN_NUMBER.test(raw) ? raw : String(n);
      if (COORDINATE_COLUMNS.has(col.name)) code = 'bad_coordinate';
      break;
    }
    case 'date': {
      const d = raw.replace(/-/g, '');
      value = /^\d{8}$/.test(d) && validDate(d) ? d : null;
      code = 'bad_date';
      break;
    }
    case 'time':
      value = isGtfsTime(raw) ? raw : null;
      code = 'bad_time';
      break;
  }
  if (value !== null) return value;
  if (col.required === true) {
    report(code, 'error', `invalid ${col.name} "${raw}"; row skipped`, line);
    return null;
  }
  report(code, 'warning', `invalid ${col.name} "${raw}"; value ignored`, line);
  return '';
}

/** `H:MM:SS` / `HH:MM:SS` / `HHH:MM:SS` (what parseGtfsTime accepts, without allocating). */
function isGtfsTime(s: string): boolean {
  const n = s.length;
  if (n < 7 || n > 9) return false;
  const c = s.charCodeAt(n - 6);
  if (c !== 58 || s.charCodeAt(n - 3) !== 58) return false;
  for (let i = 0; i < n; i++) {
    if (i === n - 6 || i === n - 3) continue;
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return s.charCodeAt(n - 5) <= 53 && s.charCodeAt(n - 2) <= 53; // minutes, seconds < 60
}

function validDate(d: string): boolean {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}
