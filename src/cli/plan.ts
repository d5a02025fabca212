/** `jjj plan`: one trip, or a CSV batch, on a network loaded once. */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { plan, type PlanResult } from '../core/plan.js';
import { UnknownPlaceError } from '../core/places.js';
import type { Network } from '../core/network.js';
import { ParamError, planOptions, type RawPlanParams } from '../app/params.js';
import { FEED_OPTIONS, UsageError, load, parse, splitFeeds } from './common.js';
import { formatPlan } from './table.js';

const OPTIONS = {
  ...FEED_OPTIONS,
  from: { type: 'string' },
  to: { type: 'string' },
  depart: { type: 'string' },
  arrive: { type: 'string' },
  'max-transfers': { type: 'string' },
  modes: { type: 'string' },
  'max-walk': { type: 'string' },
  'transfer-slack': { type: 'string' },
  'max-hours': { type: 'string' },
  batch: { type: 'string' },
} as const;

export async function runPlan(args: string[]): Promise<number> {
  const { values } = parse(splitFeeds(args), OPTIONS);
  const raw: RawPlanParams = {
    from: values.from,
    to: values.to,
    depart: values.depart,
    arrive: values.arrive,
    maxTransfers: values['max-transfers'],
    modes: values.modes,
    maxWalk: values['max-walk'],
    transferSlack: values['transfer-slack'],
    maxHours: values['max-hours'],
  };
  if (values.batch !== undefined) return runBatch(values, values.batch, raw);
  const loaded = await load(values);
  const zone = loaded.network.input.feeds[0].timezone;
  let result: PlanResult;
  try {
    result = plan(loaded.network, planOptions(raw, zone));
  } catch (err) {
    if (err instanceof ParamError) throw new UsageError(`--${kebab(err.field)}: ${err.message}`);
    if (err instanceof UnknownPlaceError) throw new UsageError(`--${err.field}: ${err.message}`);
    throw err;
  }
  process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatPlan(loaded.network, result, raw) + '\n');
  return 0;
}

function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** One JSON line per CSV row: the row's fields plus `itineraries`, or `error`. */
async function runBatch(values: { feeds?: string[] | undefined; db?: string | undefined }, file: string, defaults: RawPlanParams): Promise<number> {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new UsageError(`--batch ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]) : [];
  if (rows.length > 0 && (!header.includes('from') || !header.includes('to') || !(header.includes('depart') || header.includes('arrive'))))
    throw new UsageError(`--batch ${file}: header must be from,to,depart or from,to,arrive (got ${header.join(',')})`);
  const loaded = await load(values);
  const net = loaded.network;
  const zone = net.input.feeds[0].timezone;
  for (const row of rows) process.stdout.write(JSON.stringify({ ...row, ...batchRow(net, zone, row, defaults) }) + '\n');
  return 0;
}

function batchRow(net: Network, zone: string, row: Record<string, string>, defaults: RawPlanParams): object {
  try {
    const o = planOptions({ ...defaults, from: row.from, to: row.to, depart: row.depart, arrive: row.arrive }, zone);
    return plan(net, o);
  } catch (err) {
    if (err instanceof ParamError || err instanceof UnknownPlaceError)
      return { error: { code: err instanceof ParamError ? 'bad_parameter' : 'unknown_place', field: err.field, message: err.message } };
    throw err;
  }
}
