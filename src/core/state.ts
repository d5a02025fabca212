/**
 * Preallocated RAPTOR search state. Per-round label arrays are indexed `round * stopCount + stop`
 * and hold, for a stop improved by a vehicle in that round, how it was reached; `readyFrom` the
 * stop a transfer started from. Only the per-stop entries a search touched are reset afterwards,
 * so a query costs what it explores, not the size of the network.
 */
import { UNREACHED } from './query.js';
import type { SearchView } from './timetable.js';

export class SearchState {
  rounds = 0;
  bound = UNREACHED;
  /** The search's per-route time shifts (reconstruction needs them), if any. */
  routeShift: Int32Array | undefined = undefined;

  // per round × stop
  vehArr = new Int32Array(0);
  vehTrip = new Int32Array(0);
  vehBoardPos = new Int32Array(0);
  vehAlightPos = new Int32Array(0);
  vehDay = new Int32Array(0);
  vehReadyRound = new Int8Array(0);
  readyFrom = new Int32Array(0);

  // per stop
  readonly bestVeh: Int32Array;
  readonly bestReady: Int32Array;
  readonly readyRound: Int8Array;
  readonly egressSec: Int32Array;
  readonly accessSec: Int32Array;
  readonly isMarked: Uint8Array;
  readonly marked: Int32Array;
  markedCount = 0;
  /**
   * How many stops route collection took from `marked` this round: they stay in `marked[0..)`
   * until the round's transfers mark new ones.
   */
  collectedCount = 0;
  readonly isImproved: Uint8Array;
  readonly improved: Int32Array;
  improvedCount = 0;
  private readonly isTouched: Uint8Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;

  // per route
  readonly routeFirstPos: Int32Array;
  readonly queue: Int32Array;
  queueCount = 0;

  // per live (realtime overlay) route
  liveFirstPos = new Int32Array(0);
  liveQueue = new Int32Array(0);
  liveQueueCount = 0;

  // per round
  targetStop = new Int32Array(0);
  targetTime = new Int32Array(0);

  constructor(
    private readonly stopCount: number,
    routeCount: number,
  ) {
    const n = stopCount;
    this.bestVeh = new Int32Array(n).fill(UNREACHED);
    this.bestReady = new Int32Array(n).fill(UNREACHED);
    this.readyRound = new Int8Array(n).fill(-1);
    this.egressSec = new Int32Array(n).fill(-1);
    this.accessSec = new Int32Array(n).fill(-1);
    this.isMarked = new Uint8Array(n);
    this.marked = new Int32Array(n);
    this.isImproved = new Uint8Array(n);
    this.improved = new Int32Array(n);
    this.isTouched = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.routeFirstPos = new Int32Array(routeCount).fill(-1);
    this.queue = new Int32Array(routeCount);
  }

  /** Make room for `rounds` vehicle rounds (round 0 = access). */
  prepare(rounds: number): void {
    this.bound = UNREACHED;
    if (rounds + 1 <= this.rounds + 1 && this.vehArr.length > 0) {
      this.targetStop.fill(-1);
      return;
    }
    const size = (rounds + 1) * this.stopCount;
    this.rounds = rounds;
    this.vehArr = new Int32Array(size).fill(UNREACHED);
    this.vehTrip = new Int32Array(size);
    this.vehBoardPos = new Int32Array(size);
    this.vehAlightPos = new Int32Array(size);
    this.vehDay = new Int32Array(size);
    this.vehReadyRound = new Int8Array(size);
    this.readyFrom = new Int32Array(size);
    this.targetStop = new Int32Array(rounds + 1).fill(-1);
    this.targetTime = new Int32Array(rounds + 1).fill(UNREACHED);
  }

  /** Room for `n` overlay routes. */
  ensureLiveRoutes(n: number): void {
    if (this.liveFirstPos.length < n) {
      this.liveFirstPos = new Int32Array(n).fill(-1);
      this.liveQueue = new Int32Array(n);
    }
  }

  /**
   * Stop `s` reached by a vehicle in round `k` at `a`, better than its label (and before the target
   * bound): the round's label and the stop's best arrival take it, the stop counts as improved,
   * and its egress walk may lower the bound. Returns the bound.
   */
  arrive(k: number, s: number, a: number, trip: number, boardPos: number, alightPos: number, day: number, readyRound: number): number {
    const i = k * this.stopCount + s;
    this.bestVeh[s] = a;
    this.vehArr[i] = a;
    this.vehTrip[i] = trip;
    this.vehBoardPos[i] = boardPos;
    this.vehAlightPos[i] = alightPos;
    this.vehDay[i] = day;
    this.vehReadyRound[i] = readyRound;
    this.improve(s);
    const e = this.egressSec[s];
    if (e >= 0 && a + e < this.bound) {
      this.bound = a + e;
      this.targetStop[k] = s;
    }
    return this.bound;
  }

  touch(s: number): void {
    if (this.isTouched[s] === 0) {
      this.isTouched[s] = 1;
      this.touched[this.touchedCount++] = s;
    }
  }

  mark(s: number): void {
    if (this.isMarked[s] === 0) {
      this.isMarked[s] = 1;
      this.marked[this.markedCount++] = s;
    }
  }

  improve(s: number): void {
    this.touch(s);
    if (this.isImproved[s] === 0) {
      this.isImproved[s] = 1;
      this.improved[this.improvedCount++] = s;
    }
  }

  relaxReady(kS: number, k: number, b: number, t: number, from: number): void {
    if (t < this.bestReady[b] && t < this.bound) {
      this.touch(b);
      this.readyFrom[kS + b] = from;
      this.bestReady[b] = t;
      this.readyRound[b] = k;
      this.mark(b);
    }
  }

  /**
   * Service days (per zone) whose trips can matter for a search starting at `t0`: the day's
   * origin lies within [t0 − maxServiceTime − 1 day, t0 + horizon]. Small lists, built per search.
   */
  candidateDays(v: SearchView, t0: number, maxServiceTime: number): Int32Array[] {
    const zones = v.dayOffset.length / v.dayCount;
    const out: Int32Array[] = [];
    const offsets: Float64Array[] = [];
    const span = Math.abs(maxServiceTime) + 2 * 86400;
    for (let z = 0; z < zones; z++) {
      const list: number[] = [];
      for (let d = 0; d < v.dayCount; d++) {
        const o = v.dayOffset[z * v.dayCount + d];
        // forward: trips of day d happen at o + [minDep, maxArr]; mirror: o − [...]
        if (o + span >= t0 && o - span <= this.bound) list.push(d);
      }
      const days = Int32Array.from(list);
      out.push(days);
      offsets.push(Float64Array.from(days, (d) => v.dayOffset[z * v.dayCount + d]));
    }
    this.dayOffsets = offsets;
    return out;
  }

  /**
   * `candidateDays`' offsets (`dayOffset` of each listed day, per zone): rising in the forward
   * view, falling in the mirrored one, as the days rise.
   */
  dayOffsets: Float64Array[] = [];

  /** Call `f` for every stop the search touched; returns how many times it answered true. */
  forTouched(f: (stop: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.touchedCount; i++) if (f(this.touched[i])) n++;
    return n;
  }

  /** Undo everything the last search wrote. */
  reset(): void {
    // Per-round arrays need no reset: they are read only along label chains this search wrote.
    for (let i = 0; i < this.touchedCount; i++) {
      const s = this.touched[i];
      this.isTouched[s] = 0;
      this.bestVeh[s] = UNREACHED;
      this.bestReady[s] = UNREACHED;
      this.readyRound[s] = -1;
      this.egressSec[s] = -1;
      this.accessSec[s] = -1;
      this.isMarked[s] = 0;
      this.isImproved[s] = 0;
    }
    this.touchedCount = 0;
    this.markedCount = 0;
    this.collectedCount = 0;
    this.improvedCount = 0;
    for (let q = 0; q < this.queueCount; q++) this.routeFirstPos[this.queue[q]] = -1;
    this.queueCount = 0;
    for (let q = 0; q < this.liveQueueCount; q++) this.liveFirstPos[this.liveQueue[q]] = -1;
    this.liveQueueCount = 0;
    this.targetStop.fill(-1);
    this.targetTime.fill(UNREACHED);
  }
}
