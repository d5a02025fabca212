/** The matrix work of one origin, run by the main thread or a pool worker (pool.ts). */
import type { Network } from '../core/network.js';
import { matrixRow, preparePlaces, type MatrixOptions } from '../core/matrix.js';
import { resolvePlace, UnknownPlaceError, type Place } from '../core/places.js';
import type { PoolJob } from './pool.js';

export interface PlaceRow {
  id: string;
  place: string;
}

export interface MatrixJob extends PoolJob {
  origins: PlaceRow[];
  destinations: PlaceRow[];
  options: MatrixOptions;
}

/**
 * Destinations prepared once per thread; then per origin its row of seconds (-1 unreachable) to
 * every destination, or, for an unknown origin, its error text.
 */
export function task(net: Network, job: MatrixJob): (origin: number) => number[] | string {
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
  const okDests = dests.filter((d): d is Place => typeof d !== 'string');
  const prepared = preparePlaces(net, okDests, o, o.direction === 'depart');
  return (i) => {
    const origin = resolve(job.origins[i], 'origin');
    if (typeof origin === 'string') return origin;
    const [prep] = preparePlaces(net, [origin], o, o.direction === 'arrive');
    const row = matrixRow(net, prep, prepared, o);
    // put unknown destinations back as unreachable
    const full: number[] = [];
    let k = 0;
    for (const d of dests) full.push(typeof d === 'string' ? -1 : row[k++]);
    return full;
  };
}
