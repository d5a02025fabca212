/**
 * The road drayage model: a coarse expressway graph (data/road) in an `ngraph.graph`; truck legs
 * are `ngraph.path` A* searches on driving time with a great-circle heuristic. Any coordinate
 * joins the graph at its nearest road nodes by a straight-line local leg.
 */
import createGraph, { type Graph } from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMetres } from '../walk.js';
import {
  ANCHOR_COUNT,
  ANCHOR_MAX_KM,
  LOCAL_DETOUR,
  LOCAL_SPEED_KMH,
  TRUCK_MAX_DRIVE_SECONDS,
  TRUCK_REST_SECONDS,
} from './factors.js';

export type RoadNodeKind = 'city' | 'interchange' | 'dry_port' | 'terminal' | 'port';

export interface RoadNodeInput {
  id: string;
  nameZh: string;
  nameEn: string;
  lat: number;
  lon: number;
  kind: RoadNodeKind;
  /** Bare stop_id of the freight terminal at this node, or ''. */
  stopId: string;
}

export interface RoadEdgeInput {
  /** Node ids. */
  from: string;
  to: string;
  km: number;
  speedKmh: number;
  /** Road number, e.g. `G4` ('' for urban/port roads). */
  road: string;
  roadName: string;
  /** Drivable from → to only. */
  oneway: boolean;
}

export interface RoadInput {
  nodes: RoadNodeInput[];
  edges: RoadEdgeInput[];
}

interface EdgeData {
  km: number;
  seconds: number;
  road: string;
}

/** Shortest-time path between two road nodes. */
export interface RoadPath {
  km: number;
  /** Driving seconds (no rests). */
  seconds: number;
  /** Node indices from start to end. */
  nodes: number[];
  /** Road numbers in order of use, repeats collapsed. */
  roads: string[];
}

/** Where a place meets the road graph: nodes and the straight-line km to each. */
export interface RoadPoint {
  lat: number;
  lon: number;
  anchors: { node: number; km: number }[];
}

/** One truck leg between two road points. */
export interface TruckLeg {
  km: number;
  /** Driving + mandatory rests. */
  seconds: number;
  restSeconds: number;
  /** Road nodes passed, start to end. */
  nodes: number[];
  roads: string[];
}


export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distanceMetres(lat1, lon1, lat2, lon2) / 1000;
}

/** Rest seconds owed for `driveSeconds` of driving (one rest per completed 4 h, not at the end). */
export function restSeconds(driveSeconds: number): number {
  return Math.max(0, Math.ceil(driveSeconds / TRUCK_MAX_DRIVE_SECONDS) - 1) * TRUCK_REST_SECONDS;
}

export class RoadGraph {
  readonly nodes: readonly RoadNodeInput[];
  readonly graph: Graph<number, EdgeData>;
  private readonly byId = new Map<string, number>();
  private readonly index: KDBush;
  private readonly finder;
  /** Fastest speed on any edge, km/h, and the smallest km / great-circle ratio (≤ 1): A* bound. */
  private readonly maxSpeed: number;
  private readonly minRatio: number;
  private readonly cache = new Map<number, RoadPath | null>();
  private readonly legCache = new Map<string, TruckLeg | null>();

  constructor(input: RoadInput) {
    this.nodes = input.nodes;
    this.graph = createGraph<number, EdgeData>();
    this.index = new KDBush(Math.max(1, input.nodes.length));
    input.nodes.forEach((n, i) => {
      this.byId.set(n.id, i);
      this.graph.addNode(i, i);
      this.index.add(n.lon, n.lat);
    });
    if (input.nodes.length === 0) this.index.add(0, 0);
    this.index.finish();
    let maxSpeed = 1;
    let minRatio = 1;
    for (const e of input.edges) {
      const a = this.byId.get(e.from);
      const b = this.byId.get(e.to);
      if (a === undefined || b === undefined || a === b || !(e.km > 0) || !(e.speedKmh > 0)) continue;
      const data = { km: e.km, seconds: Math.round((e.km / e.speedKmh) * 3600), road: e.road };
      this.addLink(a, b, data);
      if (!e.oneway) this.addLink(b, a, data);
      maxSpeed = Math.max(maxSpeed, e.speedKmh);
      const gc = this.gcKm(a, b);
      if (gc > 0) minRatio = Math.min(minRatio, e.km / gc);
    }
    this.maxSpeed = maxSpeed;
    this.minRatio = minRatio;
    const nodes = input.nodes;
    this.finder = ngraphPath.aStar<number, EdgeData>(this.graph, {
      oriented: true,
      distance: (_f, _t, link) => link.data.seconds,
      // admissible: no edge is faster than maxSpeed nor shorter than minRatio × great circle
      heuristic: (f, t) => {
        const a = nodes[f.data];
        const b = nodes[t.data];
        return ((greatCircleKm(a.lat, a.lon, b.lat, b.lon) * this.minRatio) / this.maxSpeed) * 3600;
      },
    });
  }

  private addLink(a: number, b: number, data: EdgeData): void {
    const existing = this.graph.getLink(a, b);
    if (existing !== null && existing !== undefined) {
      if (data.seconds < existing.data.seconds) existing.data = { ...data };
      return;
    }
    this.graph.addLink(a, b, { ...data });
  }

  private gcKm(a: number, b: number): number {
    const x = this.nodes[a];
    const y = this.nodes[b];
    return greatCircleKm(x.lat, x.lon, y.lat, y.lon);
  }

  nodeById(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Nodes within `maxKm` of a point, nearest first, at most `k`. */
  nearest(lat: number, lon: number, k = ANCHOR_COUNT, maxKm = ANCHOR_MAX_KM): { node: number; km: number }[] {
    const ids = around(this.index, lon, lat, k, maxKm) as number[];
    return ids
      .filter((i) => i < this.nodes.length)
      .map((node) => ({ node, km: greatCircleKm(lat, lon, this.nodes[node].lat, this.nodes[node].lon) }));
  }

  /** The road point of a node. */
  nodePoint(node: number): RoadPoint {
    const n = this.nodes[node];
    return { lat: n.lat, lon: n.lon, anchors: [{ node, km: 0 }] };
  }

  /** The road point of a coordinate: the node itself when within 50 m, else the nearest nodes. */
  point(lat: number, lon: number): RoadPoint | null {
    const near = this.nearest(lat, lon);
    if (near.length === 0) return null;
    if (near[0].km < 0.05) return { lat, lon, anchors: [{ node: near[0].node, km: 0 }] };
    return { lat, lon, anchors: near };
  }

  /** Fastest path between two nodes (A*), cached; null when not connected. */
  path(a: number, b: number): RoadPath | null {
    const key = a * 65536 + b;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let result: RoadPath | null;
    if (a === b) result = { km: 0, seconds: 0, nodes: [a], roads: [] };
    else {
      const found = this.finder.find(a, b); // end → start
      if (found.length === 0) result = null;
      else {
        const nodes = found.map((n) => n.data).reverse();
        let km = 0;
        let seconds = 0;
        const roads: string[] = [];
        for (let i = 0; i + 1 < nodes.length; i++) {
          const link = this.graph.getLink(nodes[i], nodes[i + 1])!;
          km += link.data.km;
          seconds += link.data.seconds;
          if (link.data.road !== '' && roads[roads.length - 1] !== link.data.road) roads.push(link.data.road);
        }
        result = { km, seconds, nodes, roads };
      }
    }
    this.cache.set(key, result);
    return result;
  }

  /**
   * Fastest truck leg between two road points (every anchor pair tried; local legs at
   * LOCAL_SPEED_KMH, straight line × LOCAL_DETOUR), rests included; null when not connected.
   * Ties on time go to the shorter distance, then the first anchor pair.
   */
  truckLeg(from: RoadPoint, to: RoadPoint): TruckLeg | null {
    const key = `${from.lat},${from.lon},${from.anchors.map((a) => a.node).join('.')}>${to.lat},${to.lon},${to.anchors.map((a) => a.node).join('.')}`;
    const hit = this.legCache.get(key);
    if (hit !== undefined) return hit;
    let best: TruckLeg | null = null;
    let bestDrive = Infinity;
    for (const a of from.anchors) {
      for (const b of to.anchors) {
        const p = this.path(a.node, b.node);
        if (p === null) continue;
        const localKm = (a.km + b.km) * LOCAL_DETOUR;
        const drive = p.seconds + Math.round((localKm / LOCAL_SPEED_KMH) * 3600);
        const km = p.km + localKm;
        if (drive < bestDrive || (drive === bestDrive && best !== null && km < best.km)) {
          bestDrive = drive;
          const rest = restSeconds(drive);
          best = { km, seconds: drive + rest, restSeconds: rest, nodes: p.nodes, roads: p.roads };
        }
      }
    }
    if (this.legCache.size > 50_000) this.legCache.clear();
    this.legCache.set(key, best);
    return best;
  }

  /** Forget cached paths and legs (benchmarks measure cold queries with it). */
  clearCache(): void {
    this.cache.clear();
    this.legCache.clear();
  }

  /** Node indices not reachable from node 0 (undirected view): for the load report. */
  disconnected(): number[] {
    if (this.nodes.length === 0) return [];
    const seen = new Uint8Array(this.nodes.length);
    const stack = [0];
    seen[0] = 1;
    while (stack.length > 0) {
      const x = stack.pop()!;
      this.graph.forEachLinkedNode(x, (o) => {
        const i = o.id as number;
        if (seen[i] === 0) {
          seen[i] = 1;
          stack.push(i);
        }
      }, false);
    }
    const out: number[] = [];
    for (let i = 0; i < seen.length; i++) if (seen[i] === 0) out.push(i);
    return out;
  }
}
