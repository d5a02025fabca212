/** The matrix work of a chunk of origins, run by the main thread or a pool worker (pool.ts). */
import type { Network } from '../core/network.js';
import { matrixRow, preparePlaces, type MatrixOptions } from '../core/matrix.js';
import { resolvePlace, UnknownPlaceError, type Place } from '../core/places.js';
import type { Chunk, PoolJob } from './pool.js';
import { offlineOverlay, type RealtimeFile } from './realtime-files.js';
import { Utf8Lines } from './utf8-lines.js';

export interface PlaceRow {
  id: string;
  place: string;
}

export interface MatrixJob extends PoolJob {
  origins: PlaceRow[];
  destinations: PlaceRow[];
  options: MatrixOptions;
  /** `--realtime` messages, and the time to match them at when they have no header timestamp. */
  realtime: RealtimeFile[];
  realtimeNow: number;
}

/** A chunk of origins: their CSV lines as UTF-8 bytes, and the origins that failed, with why. */
export interface MatrixChunk {
  bytes: Uint8Array;
  errors: { origin: number; message: string }[];
}

/** A CSV field, quoted when it needs to be. */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Destinations prepared once per thread; then per origin the CSV lines `origin,destination,minutes`
 * to every destination (minutes empty when unreachable, and for an unknown origin, whose error
 * text is returned too).
 */
export function task(net: Network, job: MatrixJob): (from: number, to: number) => Chunk<MatrixChunk> {
  const o = job.options;
  const resolve = (r: PlaceRow, field: string): Place | string => {
    try {
      return resolvePlace(net, r.place, field);
    } catch (err) {
      if (err instanceof UnknownPlaceError) return err.message;
      throw err;
    }
  };
  const dests = job.destinations.map((d) => resolve(d, 'destination'));
  const destIds = job.destinations.map((d) => csvField(d.id));
  const okDests = dests.filter((d): d is Place => typeof d !== 'string');
  const prepared = preparePlaces(net, okDests, o, o.direction === 'depart');
  const live = offlineOverlay(net, job.realtime, job.realtimeNow) ?? undefined;
  const out = new Utf8Lines();
  return (from, to) => {
    const errors: MatrixChunk['errors'] = [];
    for (let i = from; i < to; i++) {
      const id = csvField(job.origins[i].id);
      const origin = resolve(job.origins[i], 'origin');
      const row = typeof origin === 'string' ? null : matrixRow(net, preparePlaces(net, [origin], o, o.direction === 'arrive')[0], prepared, o, live);
      if (typeof origin === 'string') errors.push({ origin: i, message: origin });
      // an origin's lines as one string (one encoding call), without its last newline
      let text = '';
      let k = 0; // unknown destinations are unreachable, as is every destination of an unknown origin
      for (let j = 0; j < dests.length; j++) {
        const s = row === null || typeof dests[j] === 'string' ? -1 : row[k++];
        text += `${j > 0 ? '\n' : ''}${id},${destIds[j]},${s < 0 ? '' : (s / 60).toFixed(1)}`;
      }
      if (dests.length > 0) out.line(text);
    }
    const bytes = out.take();
    return { value: { bytes, errors }, transfer: [bytes.buffer as ArrayBuffer] };
  };
}
