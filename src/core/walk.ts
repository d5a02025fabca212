/**
 * The walking network model: stops, entrances and station nodes linked by pathways and by
 * generated footpaths between nearby stops. When the feeds have pathways the links form an
 * `ngraph.graph`, and walking times through stations are shortest paths found with
 * `ngraph.path`; without pathways no walk needs a graph search and no graph is built (it would
 * cost a few hundred bytes of heap per footpath). From the links come, once, the transfer
 * footpaths the search uses (compressed rows), and from the graph and a spatial index the
 * access/egress walks for coordinate origins and destinations.
 */
import createGraph, { type Graph } from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { LocationType, type NetworkInput } from './input.js';
import { FORBIDDEN, type StopAccess, type TransferGraph } from './query.js';

export interface WalkOptions {
  /** Walking speed, m/s. */
  speed: number;
  /** Street distance / straight-line distance. */
  detour: number;
  /** Generated footpaths link stops at most this far apart (straight line, metres). */
  transferRadius: number;
}

export const DEFAULT_WALK: WalkOptions = { speed: 1.2, detour: 1.3, transferRadius: 500 };

interface LinkData {
  seconds: number;
}

/** Great-circle distance in metres. */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

export class WalkNetwork {
  /** The links as a graph, for shortest walks through stations: only when there are pathways. */
  readonly graph: Graph<number, LinkData> | undefined;
  private readonly index: KDBush;
  /** Computed in the constructor from the links, which are not kept. */
  private readonly paths: { walking: TransferGraph; transfers: TransferGraph };
  /** Stops that have pathway edges (their walking times need a graph search). */
  private readonly hasPathways: Uint8Array;
  private readonly finder: ReturnType<typeof ngraphPath.aStar<number, LinkData>> | undefined;

  constructor(
    private readonly input: NetworkInput,
    readonly options: WalkOptions = DEFAULT_WALK,
  ) {
    const stops = input.stops;
    this.index = new KDBush(Math.max(1, stops.length));
    for (let i = 0; i < stops.length; i++) this.index.add(stops[i].lon, stops[i].lat);
    if (stops.length === 0) this.index.add(0, 0);
    this.index.finish();
    this.hasPathways = new Uint8Array(stops.length);
    // links a → b, the shortest when given twice (transient: one small map per node with links)
    const links: (Map<number, number> | undefined)[] = new Array(stops.length);
    const graph = input.pathways.length > 0 ? createGraph<number, LinkData>() : undefined;
    if (graph !== undefined) for (let i = 0; i < stops.length; i++) graph.addNode(i, i);
    const addEdge = (a: number, b: number, seconds: number): void => {
      const row = (links[a] ??= new Map());
      const existing = row.get(b);
      if (existing === undefined || seconds < existing) row.set(b, seconds);
      if (graph === undefined) return;
      const link = graph.getLink(a, b);
      if (link === null || link === undefined) graph.addLink(a, b, { seconds });
      else if (seconds < link.data.seconds) link.data.seconds = seconds;
    };
    for (const p of input.pathways) {
      addEdge(p.from, p.to, p.seconds);
      if (p.bidirectional) addEdge(p.to, p.from, p.seconds);
      this.hasPathways[p.from] = 1;
      this.hasPathways[p.to] = 1;
    }
    // Generated footpaths between nearby boarding stops and entrances (not inside a station
    // whose pathways describe it: there the pathways are the truth).
    for (let a = 0; a < stops.length; a++) {
      if (!this.walkable(a)) continue;
      for (const b of this.near(stops[a].lat, stops[a].lon, options.transferRadius)) {
        if (b === a || !this.walkable(b)) continue;
        if (this.hasPathways[a] && this.hasPathways[b] && this.station(a) === this.station(b)) continue;
        addEdge(a, b, this.walkSeconds(a, b));
      }
    }
    if (graph !== undefined) {
      this.graph = graph;
      this.finder = ngraphPath.aStar(graph, {
        oriented: true,
        distance: (_from, _to, link) => link.data.seconds,
      });
    }
    this.paths = this.computeFootpaths(links);
  }

  private walkable(s: number): boolean {
    const t = this.input.stops[s].locationType;
    return t === LocationType.Stop || t === LocationType.Entrance;
  }

  private station(s: number): number {
    const p = this.input.stops[s].parent;
    return p >= 0 ? p : s;
  }

  /** Stop indices within `radius` metres of a point (any location type). */
  near(lat: number, lon: number, radius: number): number[] {
    return around(this.index, lon, lat, Infinity, radius / 1000);
  }

  /** Straight-line walking seconds between two stops (detour applied). */
  walkSeconds(a: number, b: number): number {
    const s = this.input.stops;
    return this.secondsFor(distanceMetres(s[a].lat, s[a].lon, s[b].lat, s[b].lon));
  }

  secondsFor(metres: number): number {
    return Math.round((metres * this.options.detour) / this.options.speed);
  }

  /**
   * Shortest walking seconds from a to b over the graph (ngraph.path), or -1. Only asked for
   * pathway nodes, so there is a graph; without one only the direct link counts.
   */
  private pathSeconds(a: number, b: number): number {
    if (this.graph === undefined || this.finder === undefined) return a === b ? 0 : -1;
    const path = this.finder.find(a, b); // ngraph.path returns nodes from b back to a
    if (path.length === 0) return -1;
    let total = 0;
    for (let i = path.length - 1; i > 0; i--) {
      const link = this.graph.getLink(path[i].id, path[i - 1].id);
      if (link === null || link === undefined) return -1;
      total += link.data.seconds;
    }
    return total;
  }

  /** Nodes reachable from `a` by pathway edges only (the station's internal network). */
  private pathwayComponent(a: number): number[] {
    const seen = new Set<number>([a]);
    const stack = [a];
    const graph = this.graph;
    if (graph === undefined) return [a]; // no pathways at all
    while (stack.length > 0) {
      const x = stack.pop()!;
      graph.forEachLinkedNode(
        x,
        (other) => {
          const o = other.id as number;
          if (this.hasPathways[o] && !seen.has(o)) {
            seen.add(o);
            stack.push(o);
          }
        },
        true,
      );
    }
    return [...seen];
  }

  /** Transfer footpaths, as the search uses them (see `footpaths`). */
  transferGraph(): TransferGraph {
    return this.footpaths().transfers;
  }

  /**
   * Footpaths between boarding stops (location_type 0): nearby pairs, and pairs joined through a
   * station's pathways (`walking`); and the same with transfers.txt applied (`transfers`: type 2
   * sets the time, 3 forbids, 0/1 add). transfers.txt governs changing vehicles, not the walks
   * at the start and end of a journey, which use `walking`.
   */
  footpaths(): { walking: TransferGraph; transfers: TransferGraph } {
    return this.paths;
  }

  private computeFootpaths(links: readonly (Map<number, number> | undefined)[]): { walking: TransferGraph; transfers: TransferGraph } {
    const stops = this.input.stops;
    const n = stops.length;
    const rows: Map<number, number>[] = [];
    for (let a = 0; a < n; a++) {
      const row = new Map<number, number>();
      rows.push(row);
      if (stops[a].locationType !== LocationType.Stop) continue;
      if (this.hasPathways[a]) {
        for (const b of this.pathwayComponent(a)) {
          if (b === a || stops[b].locationType !== LocationType.Stop) continue;
          const sec = this.pathSeconds(a, b);
          if (sec >= 0) row.set(b, sec);
        }
      }
      for (const [b, seconds] of links[a] ?? []) {
        if (b === a || stops[b].locationType !== LocationType.Stop || row.has(b)) continue;
        row.set(b, seconds);
      }
    }
    const walking = toCsr(rows, new Int32Array(n));
    const same = new Int32Array(n);
    this.applyTransfers(rows, same);
    return { walking, transfers: toCsr(rows, same) };
  }

  private childIndex: Map<number, number[]> | undefined;

  /** A station's boarding stops; a stop is its own only child. */
  private children(s: number): number[] {
    const stops = this.input.stops;
    if (stops[s].locationType !== LocationType.Station) return [s];
    if (this.childIndex === undefined) {
      this.childIndex = new Map();
      for (let i = 0; i < stops.length; i++) {
        const p = stops[i].parent;
        if (p < 0 || stops[i].locationType !== LocationType.Stop) continue;
        const list = this.childIndex.get(p);
        if (list === undefined) this.childIndex.set(p, [i]);
        else list.push(i);
      }
    }
    return this.childIndex.get(s) ?? [];
  }

  private applyTransfers(rows: Map<number, number>[], same: Int32Array): void {
    // Stop-level rows win over station-level ones: apply station rows first.
    const ordered = [...this.input.transfers].sort(
      (x, y) => this.specificity(x.from, x.to) - this.specificity(y.from, y.to),
    );
    for (const t of ordered) {
      for (const a of this.children(t.from)) {
        for (const b of this.children(t.to)) {
          if (t.type === 3) {
            if (a === b) same[a] = FORBIDDEN;
            else rows[a].delete(b);
          } else if (t.type === 2 && t.minTime >= 0) {
            if (a === b) same[a] = t.minTime;
            else rows[a].set(b, t.minTime);
          } else if (a !== b && !rows[a].has(b)) {
            rows[a].set(b, this.walkSeconds(a, b));
          } else if (a === b && t.type === 1) {
            same[a] = 0;
          }
        }
      }
    }
  }

  private specificity(from: number, to: number): number {
    const s = this.input.stops;
    return (s[from].locationType === LocationType.Station ? 0 : 1) + (s[to].locationType === LocationType.Station ? 0 : 1);
  }

  /**
   * Walks from a coordinate to boarding stops within `maxMetres` (straight line): direct to a
   * stop, or to an entrance and on through the station's pathways.
   */
  accessFromPoint(lat: number, lon: number, maxMetres: number): StopAccess[] {
    const stops = this.input.stops;
    const best = new Map<number, number>();
    const offer = (s: number, sec: number) => {
      const cur = best.get(s);
      if (cur === undefined || sec < cur) best.set(s, sec);
    };
    for (const s of this.near(lat, lon, maxMetres)) {
      const sec = this.secondsFor(distanceMetres(lat, lon, stops[s].lat, stops[s].lon));
      const type = stops[s].locationType;
      if (type === LocationType.Stop) offer(s, sec);
      if ((type === LocationType.Entrance || type === LocationType.Stop) && this.hasPathways[s]) {
        for (const b of this.pathwayComponent(s)) {
          if (b === s || stops[b].locationType !== LocationType.Stop) continue;
          const p = this.pathSeconds(s, b);
          if (p >= 0) offer(b, sec + p);
        }
      }
    }
    return [...best].map(([stop, seconds]) => ({ stop, seconds }));
  }
}

function toCsr(rows: Map<number, number>[], same: Int32Array): TransferGraph {
  const n = rows.length;
  const footOffset = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) footOffset[a + 1] = footOffset[a] + rows[a].size;
  const footTo = new Int32Array(footOffset[n]);
  const footSeconds = new Int32Array(footOffset[n]);
  for (let a = 0; a < n; a++) {
    let i = footOffset[a];
    for (const [b, sec] of [...rows[a]].sort((x, y) => x[0] - y[0])) {
      footTo[i] = b;
      footSeconds[i] = sec;
      i++;
    }
  }
  return { sameStopSeconds: same, footOffset, footTo, footSeconds };
}
