/** One row of `jjj plan --batch`, run by the main thread or a pool worker (pool.ts). */
import type { Network } from '../core/network.js';
import { plan } from '../core/plan.js';
import { UnknownPlaceError } from '../core/places.js';
import { ParamError, planOptions, type RawPlanParams } from '../app/params.js';
import type { PoolJob } from './pool.js';

export interface BatchJob extends PoolJob {
  rows: Record<string, string>[];
  /** The command's own flags (--max-transfers, --modes, …), applied to every row. */
  defaults: RawPlanParams;
}

/** The JSON line of a row: its fields plus `itineraries`, or `error` for a bad row. */
export function task(net: Network, job: BatchJob): (row: number) => string {
  const zone = net.input.feeds[0].timezone;
  return (i) => {
    const row = job.rows[i];
    return JSON.stringify({ ...row, ...batchRow(net, zone, row, job.defaults) });
  };
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
