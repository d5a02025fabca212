/**
 * A loaded network: the input model, its walking graph, the compiled timetable and a router,
 * plus the name lookups the edges (CLI, HTTP) need. Built once, then read-only — except that
 * compiling hands the input's stop, arrival and departure columns over to the timetable
 * (`compactStopTimes`: the input's accessors then read the timetable, and the columns are freed).
 */
import { compileTimetable } from './compile.js';
import { LocationType, type NetworkInput } from './input.js';
import { MODE_NAMES, modeOfRouteType, type ModeName, type TransferGraph } from './query.js';
import { Raptor } from './raptor.js';
import type { Timetable } from './timetable.js';
import { compactStopTimes, tripStops } from './stop-times.js';
import { DEFAULT_WALK, WalkNetwork, type WalkOptions } from './walk.js';

export interface NetworkStats {
  stops: number;
  routes: number;
  patterns: number;
  trips: number;
  stopTimes: number;
  footpaths: number;
  /** Bytes held by the compiled typed arrays: the forward view. */
  compiledBytes: number;
  /** Bytes of the arrive-by (reverse) view's own arrays when it has been built, else 0. */
  reverseBytes: number;
}

/** Bytes of the typed arrays of `v` not in `except` (arrays a view shares with another count once). */
function viewBytes(v: object, except: object = {}): number {
  const shared = new Set(Object.values(except).filter((x) => ArrayBuffer.isView(x)));
  let bytes = 0;
  for (const x of Object.values(v)) if (ArrayBuffer.isView(x) && !shared.has(x)) bytes += x.byteLength;
  return bytes;
}

export class Network {
  readonly walk: WalkNetwork;
  /** Footpaths for changing vehicles (transfers.txt applied): what the search uses. */
  readonly transfers: TransferGraph;
  /** Plain walking footpaths (no transfers.txt): walks at the start and end of a journey. */
  readonly walking: TransferGraph;
  readonly timetable: Timetable;
  readonly router: Raptor;
  /** Reverse footpaths (to a stop), CSR like TransferGraph. */
  private incoming: { offset: Int32Array; from: Int32Array; seconds: Int32Array } | undefined;
  private idIndex: Map<string, number> | undefined;
  private bareIndex: Map<string, number[]> | undefined;
  private modesCache: Uint16Array | undefined;

  constructor(
    readonly input: NetworkInput,
    walkOptions: WalkOptions = DEFAULT_WALK,
  ) {
    this.walk = new WalkNetwork(input, walkOptions);
    const paths = this.walk.footpaths();
    this.transfers = paths.transfers;
    this.walking = paths.walking;
    this.timetable = compileTimetable(input, this.transfers);
    compactStopTimes(input, this.timetable);
    this.router = new Raptor(this.timetable);
  }

  stats(): NetworkStats {
    const f = this.timetable.forward;
    const tt = this.timetable;
    return {
      stops: this.input.stops.length,
      routes: this.input.routes.length,
      patterns: f.routeCount,
      trips: this.timetable.tripInput.length,
      stopTimes: f.arr.length,
      footpaths: f.footTo.length,
      compiledBytes: viewBytes(f),
      reverseBytes: tt.reverseBuilt() ? viewBytes(tt.reverseView(), f) : 0,
    };
  }

  /** Stop index by namespaced id (`feed:id`) or by bare id when only one feed has it. */
  stopById(id: string): number[] {
    if (this.idIndex === undefined) {
      this.idIndex = new Map();
      this.bareIndex = new Map();
      this.input.stops.forEach((s, i) => {
        this.idIndex!.set(s.id, i);
        const bare = s.id.slice(s.id.indexOf(':') + 1);
        const list = this.bareIndex!.get(bare);
        if (list === undefined) this.bareIndex!.set(bare, [i]);
        else list.push(i);
      });
    }
    const exact = this.idIndex.get(id);
    if (exact !== undefined) return [exact];
    return this.bareIndex!.get(id) ?? [];
  }

  /** Boarding stops of a stop or station (a station stands for all its platforms). */
  boardingStops(stop: number): number[] {
    const s = this.input.stops[stop];
    if (s.locationType === LocationType.Stop) return [stop];
    const out: number[] = [];
    this.input.stops.forEach((c, i) => {
      if (c.parent === stop && c.locationType === LocationType.Stop) out.push(i);
      else if (c.parent >= 0 && this.input.stops[c.parent].parent === stop && c.locationType === LocationType.Stop) out.push(i);
    });
    return out;
  }

  /** Walking footpaths arriving at `stop`: [from, seconds] pairs. */
  footpathsTo(stop: number): [number, number][] {
    if (this.incoming === undefined) {
      const t = this.walking;
      const n = this.input.stops.length;
      const offset = new Int32Array(n + 1);
      for (let i = 0; i < t.footTo.length; i++) offset[t.footTo[i] + 1]++;
      for (let s = 0; s < n; s++) offset[s + 1] += offset[s];
      const fill = offset.slice(0, n);
      const from = new Int32Array(t.footTo.length);
      const seconds = new Int32Array(t.footTo.length);
      for (let a = 0; a < n; a++)
        for (let i = t.footOffset[a]; i < t.footOffset[a + 1]; i++) {
          const b = t.footTo[i];
          from[fill[b]] = a;
          seconds[fill[b]] = t.footSeconds[i];
          fill[b]++;
        }
      this.incoming = { offset, from, seconds };
    }
    const inc = this.incoming;
    const out: [number, number][] = [];
    for (let i = inc.offset[stop]; i < inc.offset[stop + 1]; i++) out.push([inc.from[i], inc.seconds[i]]);
    return out;
  }

  /** Walking footpaths leaving `stop`: [to, seconds] pairs. */
  footpathsFrom(stop: number): [number, number][] {
    const t = this.walking;
    const out: [number, number][] = [];
    for (let i = t.footOffset[stop]; i < t.footOffset[stop + 1]; i++) out.push([t.footTo[i], t.footSeconds[i]]);
    return out;
  }

  /** Modes serving a stop (for stations: their platforms), as names. */
  stopModes(stop: number): ModeName[] {
    if (this.modesCache === undefined) {
      const m = new Uint16Array(this.input.stops.length);
      for (let t = 0; t < this.input.trips.length; t++) {
        const bit = 1 << modeOfRouteType(this.input.routes[this.input.trips.route(t)].type);
        for (const s of tripStops(this.input, t)) {
          m[s] |= bit;
          const p = this.input.stops[s].parent;
          if (p >= 0) m[p] |= bit;
        }
      }
      this.modesCache = m;
    }
    const bits = this.modesCache[stop];
    return MODE_NAMES.filter((_, i) => (bits & (1 << i)) !== 0);
  }
}
