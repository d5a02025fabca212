/** The matrix work shared by the main thread and the workers. */
import type { Network } from '../core/network.js';
import { matrixRow, preparePlaces, type MatrixOptions } from '../core/matrix.js';
import { resolvePlace, UnknownPlaceError, type Place } from '../core/places.js';

export interface PlaceRow {
  id: string;
  place: string;
}

export interface MatrixJob {
  feeds: string[] | null;
  db: string;
  origins: PlaceRow[];
  destinations: PlaceRow[];
  options: MatrixOptions;
  /** Origins [from, to) to compute. */
  from: number;
  to: number;
}

/** Rows of seconds (-1 unreachable) per origin in [from, to); an unknown origin is its error text. */
export function computeRows(net: Network, job: MatrixJob): (number[] | string)[] {
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
  const rows: (number[] | string)[] = [];
  for (let i = job.from; i < job.to; i++) {
    const origin = resolve(job.origins[i], 'origin');
    if (typeof origin === 'string') {
      rows.push(origin);
      continue;
    }
    const [prep] = preparePlaces(net, [origin], o, o.direction === 'arrive');
    const row = matrixRow(net, prep, prepared, o);
    // put unknown destinations back as unreachable
    const full: number[] = [];
    let k = 0;
    for (const d of dests) full.push(typeof d === 'string' ? -1 : row[k++]);
    rows.push(full);
  }
  return rows;
}
