/**
 * Turning raw plan parameters (CLI flags, HTTP query strings, CSV rows) into PlanOptions, with an
 * error that names the offending field. One validator for every edge.
 */
import { MODE_NAMES, type ModeName } from '../core/query.js';
import { PLAN_DEFAULTS, type PlanOptions } from '../core/plan.js';
import { parseDateTime } from '../core/time.js';

export class ParamError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

export interface RawPlanParams {
  from?: string | undefined;
  to?: string | undefined;
  depart?: string | undefined;
  arrive?: string | undefined;
  maxTransfers?: string | undefined;
  modes?: string | undefined;
  maxWalk?: string | undefined;
  transferSlack?: string | undefined;
  maxHours?: string | undefined;
}

/** Limits on what a caller controls. */
export const LIMITS = {
  maxTransfers: 10,
  maxWalkMetres: 5000,
  transferSlack: 1800,
  /** Search horizon: up to 60 days (ocean sailings take weeks). */
  maxHours: 1440,
  /** Characters in a place (stop id, stop name or `lat,lon`). */
  placeChars: 200,
  /** Characters in a date-time parameter. */
  timeChars: 40,
  /** Characters in a stop search query. */
  queryChars: 100,
  /** Stops answered by one search. */
  stopResults: 50,
  /** Departures answered for one stop. */
  departures: 100,
  /** Departure board window, minutes (24 h). */
  windowMinutes: 1440,
} as const;

/** A BCP 47 language tag as `lang` takes it (`en`, `zh-Hans`): the preferred language of alert texts. */
export const LANG_TAG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;

/** `lang` (CLI `--lang`): a language tag of at most 35 characters, or a ParamError naming the field. */
export function langTag(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.length > 35 || !LANG_TAG.test(text)) throw new ParamError('lang', `lang must be a language tag like en or zh-Hans, got "${text}"`);
  return text;
}

/** A whole-number parameter with a default and bounds; the error names the field. */
export function int(field: string, text: string | undefined, def: number, min: number, max: number): number {
  if (text === undefined || text === '') return def;
  if (!/^\d+$/.test(text.trim())) throw new ParamError(field, `${field} must be a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new ParamError(field, `${field} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseModes(text: string | undefined): ModeName[] | null {
  if (text === undefined || text.trim() === '') return null;
  const out: ModeName[] = [];
  for (const raw of text.split(',')) {
    const m = raw.trim().toLowerCase();
    if (m === '') continue;
    if (!(MODE_NAMES as readonly string[]).includes(m))
      throw new ParamError('modes', `unknown mode "${raw}" (one of ${MODE_NAMES.join(', ')})`);
    out.push(m as ModeName);
  }
  if (out.length === 0) throw new ParamError('modes', 'modes is empty');
  return out;
}

/** Validate plan parameters; `zone` is the time zone of local times without an offset. */
export function planOptions(raw: RawPlanParams, zone: string): PlanOptions {
  const from = raw.from?.trim();
  const to = raw.to?.trim();
  if (from === undefined || from === '') throw new ParamError('from', 'from is required (stop id, stop name or lat,lon)');
  if (to === undefined || to === '') throw new ParamError('to', 'to is required (stop id, stop name or lat,lon)');
  if (from.length > LIMITS.placeChars) throw new ParamError('from', `from is longer than ${LIMITS.placeChars} characters`);
  if (to.length > LIMITS.placeChars) throw new ParamError('to', `to is longer than ${LIMITS.placeChars} characters`);
  const hasDepart = raw.depart !== undefined && raw.depart !== '';
  const hasArrive = raw.arrive !== undefined && raw.arrive !== '';
  if (hasDepart === hasArrive) throw new ParamError(hasDepart ? 'arrive' : 'depart', 'give exactly one of depart or arrive');
  const field = hasDepart ? 'depart' : 'arrive';
  const text = (hasDepart ? raw.depart : raw.arrive)!;
  const time = parseDateTime(text, zone);
  if (time === null)
    throw new ParamError(field, `${field} must be a date-time like 2026-11-24T08:00 or 2026-11-24T08:00+08:00, got "${text}"`);
  return {
    from,
    to,
    time,
    arriveBy: hasArrive,
    maxTransfers: int('maxTransfers', raw.maxTransfers, PLAN_DEFAULTS.maxTransfers, 0, LIMITS.maxTransfers),
    modes: parseModes(raw.modes),
    maxWalkMetres: int('maxWalk', raw.maxWalk, PLAN_DEFAULTS.maxWalkMetres, 0, LIMITS.maxWalkMetres),
    transferSlack: int('transferSlack', raw.transferSlack, PLAN_DEFAULTS.transferSlack, 0, LIMITS.transferSlack),
    maxDuration: int('maxHours', raw.maxHours, PLAN_DEFAULTS.maxDuration / 3600, 1, LIMITS.maxHours) * 3600,
  };
}
