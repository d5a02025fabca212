/** The matrix work of a chunk of origins, run by the main thread or a pool worker (pool.ts). */
import type { Network } from '../core/network.js';
import { matrixRow, preparePlaces, type MatrixOptions } from '../core/matrix.js';
import { resolvePlace, UnknownPlaceError, type Place } from '../core/places.js';
import type { Chunk, PoolJob } from './pool.js';

export interface PlaceRow {
  id: string;
  place: string;
}

export interface MatrixJob extends PoolJob {
  origins: PlaceRow[];
  destinations: PlaceRow[];
  options: MatrixOptions;
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
  const utf8 = new TextEncoder();
  return (from, to) => {
    let text = '';
    const errors: MatrixChunk['errors'] = [];
    for (let i = from; i < to; i++) {
      const id = csvField(job.origins[i].id);
      const origin = resolve(job.origins[i], 'origin');
      if (typeof origin === 'string') {
        errors.push({ origin: i, message: origin });
        for (const d of destIds) text += `${id},${d},\n`;
        continue;
      }
      const [prep] = preparePlaces(net, [origin], o, o.direction === 'arrive');
      const row = matrixRow(net, prep, prepared, o);
      let k = 0; // unknown destinations are unreachable
      for (let j = 0; j < dests.length; j++) {
        const s = typeof dests[j] === 'string' ? -1 : row[k++];
        text += `${id},${destIds[j]},${s < 0 ? '' : (s / 60).toFixed(1)}\n`;
      }
    }
    const bytes = utf8.encode(text);
    return { value: { bytes, errors }, transfer: [bytes.buffer as ArrayBuffer] };
  };
}
