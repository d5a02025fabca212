/**
 * Places as people write them: a stop id (`feed:id` or a bare id unique across feeds), a stop name
 * (exact, any language of the feed), or `lat,lon`. Names and ids resolve to boarding stops; a
 * station (or a name shared by several stops, e.g. two lines' platforms) means all of them.
 */
import type { Network } from './network.js';

export type Place =
  /** `id`: the stop or station id when the text named exactly one, else null. */
  | { kind: 'stops'; text: string; stops: number[]; id: string | null; name: string; lat: number; lon: number }
  | { kind: 'point'; text: string; lat: number; lon: number; name?: string };

export class UnknownPlaceError extends Error {
  constructor(
    readonly place: string,
    readonly field: string,
    detail = '',
  ) {
    super(`${detail.startsWith(': ambiguous') ? 'ambiguous' : 'unknown'} place "${place}"${detail}`);
    this.name = 'UnknownPlaceError';
  }
}

const COORD = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

function normalise(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** Index of every stop name (all languages) → stop indices, built once per network. */
const nameIndexes = new WeakMap<Network, Map<string, number[]>>();

function nameIndex(net: Network): Map<string, number[]> {
  let idx = nameIndexes.get(net);
  if (idx === undefined) {
    idx = new Map();
    const add = (name: string, i: number) => {
      const key = normalise(name);
      if (key === '') return;
      const list = idx!.get(key);
      if (list === undefined) idx!.set(key, [i]);
      else if (!list.includes(i)) list.push(i);
    };
    net.input.stops.forEach((s, i) => {
      add(s.name, i);
      for (const n of Object.values(s.names ?? {})) add(n, i);
    });
    nameIndexes.set(net, idx);
  }
  return idx;
}

/** Resolve a place; throws UnknownPlaceError naming it. `field` names the parameter for errors. */
export function resolvePlace(net: Network, text: string, field: string): Place {
  const m = COORD.exec(text);
  if (m !== null) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UnknownPlaceError(text, field, ': coordinates out of range');
    return { kind: 'point', text, lat, lon };
  }
  let matches = net.stopById(text.trim());
  if (matches.length > 1) {
    const ids = matches.map((s) => net.input.stops[s].id).join(', ');
    throw new UnknownPlaceError(text, field, `: ambiguous, the id is in several feeds (${ids})`);
  }
  if (matches.length === 0) matches = nameIndex(net).get(normalise(text)) ?? [];
  if (matches.length === 0) throw new UnknownPlaceError(text, field, ' (not a stop id, stop name or lat,lon)');
  const stops = [...new Set(matches.flatMap((s) => net.boardingStops(s)))];
  const first = net.input.stops[matches[0]];
  if (stops.length === 0) {
    // an entrance or a node inside a station: walk from where it is (pathways lead on)
    if (matches.length === 1) return { kind: 'point', text, lat: first.lat, lon: first.lon, name: first.name };
    throw new UnknownPlaceError(text, field, ' (no boarding stop there)');
  }
  let lat = 0;
  let lon = 0;
  for (const s of matches) {
    lat += net.input.stops[s].lat;
    lon += net.input.stops[s].lon;
  }
  const id = matches.length === 1 ? first.id : null;
  return { kind: 'stops', text, stops, id, name: first.name, lat: lat / matches.length, lon: lon / matches.length };
}

export interface StopMatch {
  stop: number;
  /** 0 exact, 1 prefix, 2 substring (of any name). */
  rank: number;
}

/** Stops whose name in any language contains `query` (case-insensitive), best matches first. */
export function searchStops(net: Network, query: string, limit = 50): StopMatch[] {
  const q = normalise(query);
  if (q === '') return [];
  const out: StopMatch[] = [];
  net.input.stops.forEach((s, i) => {
    if (s.parent >= 0 && net.input.stops[s.parent].name === s.name) return; // platform of a listed station
    let rank = 3;
    for (const n of [s.name, ...Object.values(s.names ?? {})]) {
      const k = normalise(n);
      if (k === q) rank = Math.min(rank, 0);
      else if (k.startsWith(q)) rank = Math.min(rank, 1);
      else if (k.includes(q)) rank = Math.min(rank, 2);
    }
    if (rank < 3) out.push({ stop: i, rank });
  });
  out.sort((a, b) => a.rank - b.rank || net.input.stops[a.stop].name.length - net.input.stops[b.stop].name.length || a.stop - b.stop);
  return out.slice(0, limit);
}
