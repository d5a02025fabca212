/**
 * agency.txt, feed_info.txt and translations.txt: read by the pre-scan itself and kept in the
 * cache metadata (node-gtfs cannot tell which feed their rows came from when ids are absent).
 */
import { readCsv } from './csv.js';
import { FeedError, type IssueCollector } from './report.js';
import type { FeedSource } from './source.js';
import { isValidTimeZone } from '../core/time.js';

/** A stop_name translation: by record (stop_id) or by field value (every stop with that name). */
export interface StopNameTranslation {
  stopId: string | null;
  fieldValue: string | null;
  language: string;
  translation: string;
}

export interface FeedInfoMeta {
  timezone: string;
  /** [agency_id ('' when absent), agency_name] in file order. */
  agencies: [string, string][];
  /** feed_info validity `YYYY-MM-DD`, when given. */
  startDate?: string;
  endDate?: string;
  stopNames: StopNameTranslation[];
}

type Row = (name: string) => string;

/** Read a small file: calls `onRow` with a by-name accessor and the line number. */
async function eachRow(source: FeedSource, file: string, onRow: (get: Row, line: number) => void): Promise<void> {
  let index: Map<string, number> | undefined;
  await readCsv(await source.open(file), (fields, line) => {
    if (index === undefined) {
      index = new Map(fields.map((f, i) => [f, i] as [string, number]));
      return;
    }
    const idx = index;
    onRow((name) => fields[idx.get(name) ?? -1] ?? '', line);
  });
}

function isoDate(d: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(d);
  return m === null ? undefined : `${m[1]}-${m[2]}-${m[3]}`;
}

/** Scan agency.txt (required), feed_info.txt and translations.txt of one feed. */
export async function scanMeta(source: FeedSource, issues: IssueCollector): Promise<FeedInfoMeta> {
  const feed = source.name;
  if (!source.files.has('agency.txt')) throw new FeedError(feed, 'agency.txt', 'missing_file', 'required file is missing');
  const meta: FeedInfoMeta = { timezone: '', agencies: [], stopNames: [] };
  let badZone = '';
  await eachRow(source, 'agency.txt', (get, line) => {
    meta.agencies.push([get('agency_id'), get('agency_name')]);
    const zone = get('agency_timezone');
    if (!isValidTimeZone(zone) || zone === '') {
      badZone ||= zone;
      issues.add(feed, 'agency.txt', 'bad_timezone', 'warning', `invalid agency_timezone "${zone}"`, line);
    } else if (meta.timezone === '') {
      meta.timezone = zone;
    } else if (zone !== meta.timezone) {
      issues.add(feed, 'agency.txt', 'mixed_timezones', 'warning', `agency_timezone ${zone} differs from ${meta.timezone}; using ${meta.timezone}`, line);
    }
  });
  if (meta.timezone === '') {
    const why = meta.agencies.length === 0 ? 'no agency' : `invalid agency_timezone "${badZone}"`;
    throw new FeedError(feed, 'agency.txt', 'bad_timezone', `${why}; the feed needs a valid IANA time zone`);
  }
  if (source.files.has('feed_info.txt')) {
    await eachRow(source, 'feed_info.txt', (get, line) => {
      for (const [col, key] of [['feed_start_date', 'startDate'], ['feed_end_date', 'endDate']] as const) {
        const v = get(col);
        if (v === '' || meta[key] !== undefined) continue;
        const d = isoDate(v);
        if (d === undefined) issues.add(feed, 'feed_info.txt', 'bad_date', 'warning', `invalid ${col} "${v}"; ignored`, line);
        else meta[key] = d;
      }
    });
  }
  if (source.files.has('translations.txt')) await scanTranslations(source, meta);
  return meta;
}

/**
 * stop_name translations, GTFS form (table_name, field_name, language, translation, record_id |
 * field_value) and the older form (trans_id = the translated text, lang, translation).
 */
async function scanTranslations(source: FeedSource, meta: FeedInfoMeta): Promise<void> {
  await eachRow(source, 'translations.txt', (get) => {
    const translation = get('translation');
    if (translation === '') return;
    if (get('trans_id') !== '' && get('lang') !== '') {
      meta.stopNames.push({ stopId: null, fieldValue: get('trans_id'), language: get('lang'), translation });
      return;
    }
    if (get('table_name') !== 'stops' || get('field_name') !== 'stop_name' || get('language') === '') return;
    const stopId = get('record_id');
    const fieldValue = get('field_value');
    if (stopId === '' && fieldValue === '') return;
    meta.stopNames.push({
      stopId: stopId === '' ? null : stopId,
      fieldValue: stopId === '' ? fieldValue : null,
      language: get('language'),
      translation,
    });
  });
}
