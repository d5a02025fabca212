/**
 * Multi-criteria label-setting search over freight events (Martins' algorithm): labels
 * (arrival time, cost, CO2e) at chain states, popped in lexicographic order, kept when no
 * settled label at the same state is at least as good in all three. Exactness argument and tie
 * rule: README.md ("Search").
 *
 * States: ORIGIN; LANDSIDE(t) — the box is at terminal t, delivered there by truck (or ready
 * there); ALIGHTED(t) — the box came off a train/ship at t; DELIVERED.
 */
import type { Amount } from './factors.js';
import { boxesPerTruck, truckAmount } from './factors.js';
import type { Batch, CustomsChoice, FreightNetwork, TerminalRole, TerminalRule } from './network.js';
import type { RoadPoint, TruckLeg } from './road.js';

/** Where a chain starts or ends. */
export interface Endpoint {
  /** Terminal indices the place stands for (a terminal, or a station's terminals); may be empty. */
  terminals: number[];
  /** Where trucks pick up / drop off, or null (no road: overseas port). */
  road: RoadPoint | null;
}

export interface SearchOptions {
  /** Epoch seconds the boxes are ready at the origin. */
  ready: number;
  teu: number;
  tonnesPerTeu: number;
  /** Departures later than ready + horizon are not used. */
  horizonSeconds: number;
  rail: boolean;
  ship: boolean;
  customs: CustomsChoice;
}

export type StepPlace = { terminal: number } | { endpoint: 'origin' | 'destination' };

export type Step =
  | { kind: 'truck'; from: StepPlace; to: StepPlace; depart: number; arrive: number; leg: TruckLeg; trucks: number; amount: Amount }
  | { kind: 'terminal'; terminal: number; role: TerminalRole; rule: TerminalRule; start: number; end: number; amount: Amount }
  | { kind: 'ride'; pattern: number; board: number; alight: number; batch: Batch; amount: Amount };

/** One Pareto-optimal chain. */
export interface Chain {
  /** Epoch seconds the last box is delivered. */
  arrival: number;
  costFen: number;
  co2G: number;
  co2TtwG: number;
  steps: Step[];
}

export interface SearchStats {
  labels: number;
  settled: number;
}

const ORIGIN = 0;
const DELIVERED = 1;
const landside = (t: number) => 2 + 2 * t;
const alighted = (t: number) => 3 + 2 * t;

/** Pareto set (arrival, cost, CO2e) of chains from `from` to `to`, sorted by arrival, cost, CO2e. */
export function searchFreight(net: FreightNetwork, from: Endpoint, to: Endpoint, o: SearchOptions): { chains: Chain[]; stats: SearchStats } {
  return new FreightSearch(net, from, to, o).run();
}

class FreightSearch {
  private readonly time: number[] = [];
  private readonly cost: number[] = [];
  private readonly co2: number[] = [];
  private readonly ttw: number[] = [];
  private readonly state: number[] = [];
  private readonly parent: number[] = [];
  private readonly steps: Step[][] = [];
  /** Settled labels per state. */
  private readonly bags: number[][];
  private readonly heap: number[] = [];
  private readonly latest: number;
  private readonly trucks: number;
  private readonly destTerminals: Set<number>;
  private settled = 0;

  constructor(
    private readonly net: FreightNetwork,
    private readonly from: Endpoint,
    private readonly to: Endpoint,
    private readonly o: SearchOptions,
  ) {
    this.bags = Array.from({ length: 2 + 2 * net.terminals.length }, () => []);
    this.latest = o.ready + o.horizonSeconds;
    this.trucks = Math.ceil(o.teu / boxesPerTruck(o.tonnesPerTeu));
    this.destTerminals = new Set(to.terminals);
  }

  run(): { chains: Chain[]; stats: SearchStats } {
    this.push(-1, ORIGIN, this.o.ready, [], 0, 0, 0);
    while (this.heap.length > 0) {
      const l = this.pop();
      const st = this.state[l];
      if (this.dominated(st, this.time[l], this.cost[l], this.co2[l])) continue;
      this.bags[st].push(l);
      this.settled++;
      if (st === ORIGIN) this.expandOrigin(l);
      else if (st === DELIVERED) continue;
      else if ((st & 1) === 0) this.expandLandside(l, (st - 2) >> 1);
      else this.expandAlighted(l, (st - 3) >> 1);
    }
    const chains = this.bags[DELIVERED].map((l) => this.chain(l));
    return { chains, stats: { labels: this.time.length, settled: this.settled } };
  }

  // ---- transitions -------------------------------------------------------------------------

  private expandOrigin(l: number): void {
    const t = this.time[l];
    for (const s of this.from.terminals) this.push(l, landside(s), t, [], 0, 0, 0);
    if (this.from.road === null) return;
    const origin: StepPlace = { endpoint: 'origin' };
    this.net.terminals.forEach((term, s) => {
      if (term.road === null || this.from.terminals.includes(s) || this.net.stopPatterns[s].length === 0) return;
      const step = this.truck(origin, { terminal: s }, this.from.road!, term.road, t);
      if (step !== null) this.pushSteps(l, landside(s), step.arrive, [step]);
    });
    this.truckToDestination(l, origin, this.from.road, t, []);
  }

  private expandLandside(l: number, s: number): void {
    const t = this.time[l];
    const lead = this.net.gateInLead(s, this.o.customs);
    const rule = this.net.rule(s, 'gate_in', this.o.customs);
    this.board(l, s, t + lead, (depart) => [this.terminalStep(s, 'gate_in', rule, t, depart)]);
  }

  private expandAlighted(l: number, s: number): void {
    const a = this.time[l];
    const net = this.net;
    if (this.destTerminals.has(s)) {
      const rule = net.rule(s, 'gate_out');
      const end = a + net.gateOutSeconds(s);
      this.pushSteps(l, DELIVERED, end, [this.terminalStep(s, 'gate_out', rule, a, end)]);
    }
    for (const s2 of net.transferTargets(s)) {
      const mc = net.minConnection(s, s2, this.o.customs);
      if (s2 === s) {
        const rule = net.rule(s, 'transfer', this.o.customs);
        this.board(l, s2, a + mc, (depart) => [this.terminalStep(s, 'transfer', rule, a, depart)]);
      } else {
        const off = net.rule(s, 'transfer_off');
        const on = net.rule(s2, 'transfer_on', this.o.customs);
        const mid = a + Math.min(mc, off.handlingSeconds);
        this.board(l, s2, a + mc, (depart) => [
          this.terminalStep(s, 'transfer_off', off, a, mid),
          this.terminalStep(s2, 'transfer_on', on, mid, depart),
        ]);
      }
    }
    const road = net.terminals[s].road;
    if (road === null || this.destTerminals.has(s)) return;
    const out = a + net.gateOutSeconds(s);
    const gate = this.terminalStep(s, 'gate_out', net.rule(s, 'gate_out'), a, out);
    const here: StepPlace = { terminal: s };
    net.terminals.forEach((term, s2) => {
      if (s2 === s || term.road === null || net.stopPatterns[s2].length === 0) return;
      const step = this.truck(here, { terminal: s2 }, road, term.road, out);
      if (step !== null) this.pushSteps(l, landside(s2), step.arrive, [gate, step]);
    });
    this.truckToDestination(l, here, road, out, [gate]);
  }

  /** Truck from a road point straight to the destination (its terminals, else its point). */
  private truckToDestination(l: number, from: StepPlace, road: RoadPoint, t: number, before: Step[]): void {
    const dest: StepPlace = { endpoint: 'destination' };
    if (this.to.terminals.length > 0) {
      for (const d of this.to.terminals) {
        const term = this.net.terminals[d];
        if (term.road === null) continue;
        const step = this.truck(from, { terminal: d }, road, term.road, t);
        if (step === null) continue;
        const end = step.arrive + this.net.deliverySeconds(d);
        this.pushSteps(l, DELIVERED, end, [...before, step, this.terminalStep(d, 'gate_in', this.net.rule(d, 'gate_in', this.o.customs), step.arrive, end)]);
      }
    } else if (this.to.road !== null) {
      const step = this.truck(from, dest, road, this.to.road, t);
      if (step !== null) this.pushSteps(l, DELIVERED, step.arrive, [...before, step]);
    }
  }

  /**
   * Board every pattern calling at `s` (pick-up allowed, mode allowed) on its first departure at
   * or after `earliest`, alighting at every later stop that allows drop-off. Within a pattern
   * runs never overtake, so the first feasible batch arrives no later than any later one at the
   * same price and emissions: later batches are dominated and not generated.
   */
  private board(l: number, s: number, earliest: number, before: (depart: number) => Step[]): void {
    const net = this.net;
    for (const { pattern: p, pos: i } of net.stopPatterns[s]) {
      const pat = net.patterns[p];
      if (pat.mode === 'RAIL' ? !this.o.rail : !this.o.ship) continue;
      const k = net.firstRun(p, i, earliest);
      const n = pat.terminals.length;
      for (let j = i + 1; j < n; j++) {
        if (pat.dropOff[j] === 1) continue;
        const batch = net.batchFrom(p, i, j, k, this.latest, this.o.teu);
        if (batch === null) break; // later stops need the same runs
        const ride: Step = { kind: 'ride', pattern: p, board: i, alight: j, batch, amount: net.rideAmount(p, i, j, this.o.teu) };
        this.pushSteps(l, alighted(pat.terminals[j]), batch.arrive, [...before(batch.depart), ride]);
      }
    }
  }

  private truck(from: StepPlace, to: StepPlace, a: RoadPoint, b: RoadPoint, t: number): Extract<Step, { kind: 'truck' }> | null {
    const leg = this.net.road.truckLeg(a, b);
    if (leg === null) return null;
    return { kind: 'truck', from, to, depart: t, arrive: t + leg.seconds, leg, trucks: this.trucks, amount: truckAmount(leg.km, this.o.teu, this.o.tonnesPerTeu) };
  }

  private terminalStep(terminal: number, role: TerminalRole, rule: TerminalRule, start: number, end: number): Step {
    return { kind: 'terminal', terminal, role, rule, start, end, amount: this.net.terminalAmount(rule, this.o.teu) };
  }

  // ---- labels ------------------------------------------------------------------------------

  private pushSteps(parent: number, state: number, time: number, steps: Step[]): void {
    let c = 0;
    let e = 0;
    let w = 0;
    for (const s of steps) {
      c += s.amount.costFen;
      e += s.amount.co2G;
      w += s.amount.co2TtwG;
    }
    this.push(parent, state, time, steps, c, e, w);
  }

  private push(parent: number, state: number, time: number, steps: Step[], dc: number, de: number, dw: number): void {
    const c = parent < 0 ? dc : this.cost[parent] + dc;
    const e = parent < 0 ? de : this.co2[parent] + de;
    if (this.dominated(state, time, c, e)) return;
    const l = this.time.length;
    this.time.push(time);
    this.cost.push(c);
    this.co2.push(e);
    this.ttw.push(parent < 0 ? dw : this.ttw[parent] + dw);
    this.state.push(state);
    this.parent.push(parent);
    this.steps.push(steps);
    this.heapPush(l);
  }

  /** True when a settled label at `state`, or a delivered one, is at least as good in all three. */
  private dominated(state: number, t: number, c: number, e: number): boolean {
    for (const bag of [this.bags[state], this.bags[DELIVERED]])
      for (const x of bag) if (this.time[x] <= t && this.cost[x] <= c && this.co2[x] <= e) return true;
    return false;
  }

  private chain(l: number): Chain {
    const parts: Step[][] = [];
    for (let x = l; x >= 0; x = this.parent[x]) parts.push(this.steps[x]);
    return { arrival: this.time[l], costFen: this.cost[l], co2G: this.co2[l], co2TtwG: this.ttw[l], steps: parts.reverse().flat() };
  }

  // ---- binary heap, lexicographic (time, cost, co2, creation order) ------------------------

  private less(a: number, b: number): boolean {
    if (this.time[a] !== this.time[b]) return this.time[a] < this.time[b];
    if (this.cost[a] !== this.cost[b]) return this.cost[a] < this.cost[b];
    if (this.co2[a] !== this.co2[b]) return this.co2[a] < this.co2[b];
    return a < b;
  }

  private heapPush(l: number): void {
    const h = this.heap;
    h.push(l);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const a = 2 * i + 1;
        const b = a + 1;
        let m = i;
        if (a < h.length && this.less(h[a], h[m])) m = a;
        if (b < h.length && this.less(h[b], h[m])) m = b;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
