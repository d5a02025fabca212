/** Rows of `jjj plan --batch`, run by the main thread or a pool worker (pool.ts). */
import type { Network } from '../core/network.js';
import { plan } from '../core/plan.js';
import { UnknownPlaceError } from '../core/places.js';
import { ParamError, planOptions, type RawPlanParams } from '../app/params.js';
import type { Chunk, PoolJob } from './pool.js';
import { offlineLive, type OfflineLive, type RealtimeFile } from './realtime-files.js';
import { Utf8Lines } from './utf8-lines.js';

export interface BatchJob extends PoolJob {
  rows: Record<string, string>[];
  /** The command's own flags (--max-transfers, --modes, …), applied to every row. */
  defaults: RawPlanParams;
  /** `--realtime` messages, and the time to match them at when they have no header timestamp. */
  realtime: RealtimeFile[];
  realtimeNow: number;
  /** `--lang`: the preferred language of alert texts. */
  lang: string | undefined;
}

/**
 * A chunk of rows as the UTF-8 bytes of their output: one JSON line per row, its fields plus
 * `itineraries`, or `error` for a bad row (bytes, so that they move to the main thread uncopied and
 * it only has to write them).
 */
export function task(net: Network, job: BatchJob): (from: number, to: number) => Chunk<Uint8Array> {
  const zone = net.input.feeds[0].timezone;
  const out = new Utf8Lines();
  const live = offlineLive(net, job.realtime, job.realtimeNow) ?? undefined;
  return (from, to) => {
    for (let i = from; i < to; i++) {
      const row = job.rows[i];
      out.line(JSON.stringify({ ...row, ...batchRow(net, zone, row, job.defaults, live, job.lang) }));
    }
    const bytes = out.take();
    return { value: bytes, transfer: [bytes.buffer as ArrayBuffer] };
  };
}

function batchRow(net: Network, zone: string, row: Record<string, string>, defaults: RawPlanParams, live: OfflineLive | undefined, lang: string | undefined): object {
  try {
    const o = planOptions({ ...defaults, from: row.from, to: row.to, depart: row.depart, arrive: row.arrive }, zone);
    const result = plan(net, live === undefined ? o : { ...o, realtime: live.overlay });
    live?.alerts.attach(result.itineraries, lang);
    return result;
  } catch (err) {
    if (err instanceof ParamError || err instanceof UnknownPlaceError)
      return { error: { code: err instanceof ParamError ? 'bad_parameter' : 'unknown_place', field: err.field, message: err.message } };
    throw err;
  }
}
