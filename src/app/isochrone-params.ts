/**
 * Raw isochrone parameters (CLI flags, HTTP query) → IsochroneOptions, with errors naming the
 * field. Bounds keep one request's work finite.
 */
import { ISOCHRONE_DEFAULTS, type IsochroneOptions } from '../core/isochrone-plan.js';
import { PLAN_DEFAULTS } from '../core/plan.js';
import { localDate, parseDateTime } from '../core/time.js';
import { int, ParamError, parseModes } from './params.js';

export interface RawIsochroneParams {
  from?: string | undefined;
  to?: string | undefined;
  depart?: string | undefined;
  arrive?: string | undefined;
  cutoffs?: string | undefined;
  window?: string | undefined;
  percentiles?: string | undefined;
  cell?: string | undefined;
  maxWalkMinutes?: string | undefined;
  maxTransfers?: string | undefined;
  modes?: string | undefined;
  excludeFeed?: string[] | undefined;
  excludeRoute?: string[] | undefined;
}

export const ISOCHRONE_LIMITS = {
  cutoffs: 8,
  cutoffMinutes: 240,
  windowMinutes: 240,
  cellMin: 50,
  cellMax: 5000,
  maxWalkMinutes: 60,
  /** Values of excludeFeed, and of excludeRoute, in one scenario. */
  excluded: 20,
} as const;

/** Repeated values, each possibly a comma list, trimmed, blanks and repeats dropped. */
function names(field: string, values: string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) for (const part of v.split(',')) if (part.trim() !== '' && !out.includes(part.trim())) out.push(part.trim());
  if (out.length > ISOCHRONE_LIMITS.excluded) throw new ParamError(field, `at most ${ISOCHRONE_LIMITS.excluded} values of ${field}`);
  return out;
}

function list(field: string, text: string | undefined, def: readonly number[], min: number, max: number, maxCount: number): number[] {
  if (text === undefined || text.trim() === '') return [...def];
  const out: number[] = [];
  for (const part of text.split(',')) {
    const t = part.trim();
    if (!/^\d+$/.test(t)) throw new ParamError(field, `${field} must be whole numbers separated by commas, got "${text}"`);
    const n = Number(t);
    if (n < min || n > max) throw new ParamError(field, `${field} values must be between ${min} and ${max}, got ${n}`);
    if (!out.includes(n)) out.push(n);
  }
  if (out.length > maxCount) throw new ParamError(field, `at most ${maxCount} ${field}`);
  return out.sort((a, b) => a - b);
}

/** `07:00-09:00` on the local date of `anchor` → [start, end] epoch seconds. */
function parseWindow(text: string, anchor: number, zone: string): [number, number] {
  const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
  if (m === null) throw new ParamError('window', `window must look like 07:00-09:00, got "${text}"`);
  const day = localDate(anchor, zone);
  const a = parseDateTime(`${day}T${m[1].padStart(5, '0')}`, zone);
  const b = parseDateTime(`${day}T${m[2].padStart(5, '0')}`, zone);
  if (a === null || b === null) throw new ParamError('window', `window has an invalid time: "${text}"`);
  if (b < a) throw new ParamError('window', 'window must end after it starts');
  if (b - a > ISOCHRONE_LIMITS.windowMinutes * 60) throw new ParamError('window', `window may span at most ${ISOCHRONE_LIMITS.windowMinutes} minutes`);
  return [a, b];
}

export function isochroneOptions(raw: RawIsochroneParams, zone: string): IsochroneOptions {
  const hasFrom = raw.from !== undefined && raw.from.trim() !== '';
  const hasTo = raw.to !== undefined && raw.to.trim() !== '';
  if (hasFrom === hasTo) throw new ParamError(hasFrom ? 'to' : 'from', 'give exactly one of from (with depart) or to (with arrive)');
  const field = hasFrom ? 'depart' : 'arrive';
  const timeText = hasFrom ? raw.depart : raw.arrive;
  if (timeText === undefined || timeText.trim() === '') throw new ParamError(field, `${field} is required with ${hasFrom ? 'from' : 'to'}`);
  const time = parseDateTime(timeText, zone);
  if (time === null) throw new ParamError(field, `${field} must be a date-time like 2026-11-24T08:00, got "${timeText}"`);
  const [windowStart, windowEnd] = raw.window !== undefined && raw.window.trim() !== '' ? parseWindow(raw.window, time, zone) : [time, time];
  return {
    place: (hasFrom ? raw.from : raw.to)!.trim(),
    direction: hasFrom ? 'depart' : 'arrive',
    windowStart,
    windowEnd,
    stepSeconds: ISOCHRONE_DEFAULTS.stepSeconds,
    cutoffsMinutes: list('cutoffs', raw.cutoffs, ISOCHRONE_DEFAULTS.cutoffsMinutes, 1, ISOCHRONE_LIMITS.cutoffMinutes, ISOCHRONE_LIMITS.cutoffs),
    percentiles: list('percentiles', raw.percentiles, ISOCHRONE_DEFAULTS.percentiles, 1, 100, 5),
    cellMetres: int('cell', raw.cell, ISOCHRONE_DEFAULTS.cellMetres, ISOCHRONE_LIMITS.cellMin, ISOCHRONE_LIMITS.cellMax),
    maxWalkMinutes: int('maxWalkMinutes', raw.maxWalkMinutes, ISOCHRONE_DEFAULTS.maxWalkMinutes, 0, ISOCHRONE_LIMITS.maxWalkMinutes),
    maxTransfers: int('maxTransfers', raw.maxTransfers, PLAN_DEFAULTS.maxTransfers, 0, 10),
    modes: parseModes(raw.modes),
    transferSlack: PLAN_DEFAULTS.transferSlack,
    excludeFeeds: names('excludeFeed', raw.excludeFeed),
    excludeRoutes: names('excludeRoute', raw.excludeRoute),
  };
}

/** The title of an isochrone picture (the SVG of `jjj isochrone --svg` and `format=svg`). */
export function isochroneTitle(raw: RawIsochroneParams, o: IsochroneOptions): string {
  const window = raw.window?.trim() ? ` (${raw.window.trim()})` : '';
  return `${o.direction === 'depart' ? 'from' : 'to'} ${o.place}, ${(o.direction === 'depart' ? raw.depart : raw.arrive)?.trim() ?? ''}${window}`;
}
