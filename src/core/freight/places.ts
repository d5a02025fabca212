/**
 * Freight places as people write them: `lat,lon`; a freight stop id (`sea-rail-freight:sjz_dry_port`
 * or bare `sjz_dry_port`; a station stands for its terminals); a road node id (`shijiazhuang`);
 * a freight stop name or road node name in any language (`天津港`, `Shijiazhuang`, `石家庄`); any
 * other stop of the loaded network by id or name (then its coordinates). Unknown → UnknownPlaceError.
 */
import { LocationType } from '../input.js';
import type { Network } from '../network.js';
import { UnknownPlaceError, resolvePlace } from '../places.js';
import type { FreightNetwork } from './network.js';
import type { Endpoint } from './search.js';

export interface FreightPlace extends Endpoint {
  text: string;
  /** Stop or road-node id when the place is one, else null. */
  id: string | null;
  name: string;
  nameEn?: string;
  lat: number;
  lon: number;
  kind: 'terminal' | 'road_node' | 'point';
}

const COORD = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

function normalise(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** Resolve a freight place; `field` names the parameter in errors. `network` adds its stops. */
export function resolveFreightPlace(fn: FreightNetwork, text: string, field: string, network?: Network): FreightPlace {
  const m = COORD.exec(text);
  if (m !== null) {
    const lat = Number(m[1]);
    const lon = Number(m[2]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UnknownPlaceError(text, field, ': coordinates out of range');
    return point(fn, text, lat, lon, `${lat},${lon}`, null, field);
  }
  const key = text.trim();
  const norm = normalise(text);
  const stops = fn.input.stops;
  // freight stop / station by id, then road node by id, then names
  const prefix = `${fn.feedName}:`;
  let stop = stops.findIndex((s) => s.feed === fn.data.feed && (s.id === key || s.id === prefix + key));
  if (stop >= 0) return terminalPlace(fn, text, stop, field);
  const node = fn.road.nodeById(key);
  if (node !== undefined) return roadPlace(fn, text, node);
  stop = stops.findIndex(
    (s) => s.feed === fn.data.feed && (s.locationType === LocationType.Stop || s.locationType === LocationType.Station) && [s.name, ...Object.values(s.names ?? {})].some((n) => normalise(n) === norm),
  );
  if (stop >= 0) return terminalPlace(fn, text, stop, field);
  const byName = fn.road.nodes.findIndex((n) => normalise(n.nameZh) === norm || normalise(n.nameEn) === norm);
  if (byName >= 0) return roadPlace(fn, text, byName);
  if (network !== undefined) {
    try {
      const p = resolvePlace(network, text, field);
      const name = p.kind === 'stops' ? p.name : (p.name ?? text);
      return point(fn, text, p.lat, p.lon, name, p.kind === 'stops' ? (p.id ?? null) : null, field);
    } catch (err) {
      if (!(err instanceof UnknownPlaceError)) throw err;
    }
  }
  throw new UnknownPlaceError(text, field, ' (not a freight terminal, road node, stop id or name, or lat,lon)');
}

function terminalPlace(fn: FreightNetwork, text: string, stop: number, field: string): FreightPlace {
  const s = fn.input.stops[stop];
  const terminals: number[] = [];
  fn.terminals.forEach((t, i) => {
    if (t.stop === stop || t.parent === stop) terminals.push(i);
  });
  if (terminals.length === 0) throw new UnknownPlaceError(text, field, ' (a freight stop without terminals)');
  const own = fn.terminalOfStop[stop];
  const road = own >= 0 ? fn.terminals[own].road : fn.road.point(s.lat, s.lon);
  const place: FreightPlace = { text, id: s.id, name: s.name, lat: s.lat, lon: s.lon, kind: 'terminal', terminals, road };
  if (s.names?.en !== undefined) place.nameEn = s.names.en;
  return place;
}

function roadPlace(fn: FreightNetwork, text: string, node: number): FreightPlace {
  const n = fn.road.nodes[node];
  // a road node that is a terminal's node stands for that terminal
  const terminals: number[] = [];
  if (n.stopId !== '') fn.terminals.forEach((t, i) => {
    if (t.id === `${fn.feedName}:${n.stopId}`) terminals.push(i);
  });
  return { text, id: n.id, name: n.nameZh, nameEn: n.nameEn, lat: n.lat, lon: n.lon, kind: terminals.length > 0 ? 'terminal' : 'road_node', terminals, road: fn.road.nodePoint(node) };
}

function point(fn: FreightNetwork, text: string, lat: number, lon: number, name: string, id: string | null, field: string): FreightPlace {
  const road = fn.road.point(lat, lon);
  if (road === null) throw new UnknownPlaceError(text, field, ': no road node within 60 km and not a freight terminal');
  return { text, id, name, lat, lon, kind: 'point', terminals: [], road };
}
