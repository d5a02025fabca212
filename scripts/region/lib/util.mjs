// Small shared helpers for the region generator: times, CSV output, geometry.
// No dependencies beyond csv-stringify (already in node_modules via gtfs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';

/** "HH:MM" or "HH:MM:SS" (hours may exceed 23) -> seconds after midnight. */
export function toSec(hhmm) {
  const p = String(hhmm).split(':').map(Number);
  if (p.length < 2 || p.some((n) => !Number.isFinite(n))) throw new Error(`bad time ${hhmm}`);
  return p[0] * 3600 + p[1] * 60 + (p[2] ?? 0);
}

/** seconds after midnight -> "HH:MM:SS" (hours may exceed 24 for after-midnight / multi-day trips). */
export function fmtSec(sec) {
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}`;
}

/** "HHMM" tag for ids. */
export function hhmmTag(sec) {
  return fmtSec(sec).slice(0, 5).replace(':', '');
}

/** Round seconds to a step (default 5 s) so published times stay tidy. */
export function roundTo(sec, step = 5) {
  return Math.round(sec / step) * step;
}

/** Great-circle distance in km. */
export function haversineKm(lat1, lon1, lat2, lon2) {
  const R = 6371.0088;
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

/** Fixed-precision number as string, no trailing noise. */
export function num(x, digits = 6) {
  return Number(x.toFixed(digits)).toString();
}

/**
 * Write a CSV file: UTF-8 without BOM, LF line endings, RFC 4180 quoting (only where needed),
 * header row from `columns`. Rows are objects; missing keys become empty fields.
 */
export function writeCsv(path, columns, rows) {
  mkdirSync(dirname(path), { recursive: true });
  const records = rows.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c]))));
  const text = stringify(records, { header: true, columns, record_delimiter: 'unix', eof: true });
  writeFileSync(path, text, 'utf8');
  return rows.length;
}

export function writeText(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text.endsWith('\n') ? text : text + '\n', 'utf8');
}

/** Stable sort helper: compare by several keys. */
export function byKeys(...keys) {
  return (a, b) => {
    for (const k of keys) {
      const x = typeof k === 'function' ? k(a) : a[k];
      const y = typeof k === 'function' ? k(b) : b[k];
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}
