/**
 * planFreight: a shipment query → the Pareto set of door-to-door chains over (arrival, cost,
 * CO2e), plus the all-road alternative (no rail; ships where the destination is overseas), as
 * the JSON the CLI prints and the HTTP route returns. Times are ISO 8601 in the freight feed's
 * zone (Asia/Shanghai for the bundled region), overseas arrivals included.
 */
import type { AlertOut } from '../alerts.js';
import { E7 } from '../input.js';
import { formatIso } from '../time.js';
import type { CustomsChoice, FreightNetwork } from './network.js';
import type { FreightPlace } from './places.js';
import { searchFreight, type Chain, type SearchStats, type Step, type StepPlace } from './search.js';

export interface FreightQuery {
  from: FreightPlace;
  to: FreightPlace;
  /** Epoch seconds the boxes are ready at the origin. */
  ready: number;
  /** Number of TEU (20 ft boxes), 1 … 10,000. */
  teu: number;
  /** Cargo tonnes per TEU (tare excluded), > 0 … 28. Default 16. */
  tonnesPerTeu?: number;
  /** Search horizon in days after `ready` (1 … 120, default 60: the longest sailing is 38 days). */
  horizonDays?: number;
  /** Export paperwork at the port: 抵港直装 direct loading (default) or the standard 5-day staging. */
  customs?: CustomsChoice;
}

export class FreightParamError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FreightParamError';
  }
}

export const DEFAULT_TONNES_PER_TEU = 16;
export const DEFAULT_HORIZON_DAYS = 60;

export interface PlaceOut {
  id: string | null;
  name: string;
  nameEn?: string;
  lat: number;
  lon: number;
}

export interface RunOut {
  tripId: string;
  departure: string;
  arrival: string;
  teu: number;
}

export interface LegOut {
  mode: 'TRUCK' | 'RAIL' | 'SHIP' | 'TERMINAL';
  from: PlaceOut;
  to: PlaceOut;
  departure: string;
  arrival: string;
  distanceKm: number;
  costCny: number;
  /** Well-to-wheel. */
  co2eKg: number;
  co2eKgTtw: number;
  /** TRUCK: trucks used, road numbers, mandatory rest minutes. */
  trucks?: number;
  roads?: string[];
  restMinutes?: number;
  /** RAIL / SHIP: the route, capacity per departure and the departures used (several = split). */
  routeId?: string;
  routeName?: string;
  capacityTeu?: number | null;
  departures?: RunOut[];
  /** TERMINAL: what happens there. */
  terminal?: {
    role: string;
    flow: string | null;
    customsMode: string | null;
    handlingMinutes: number;
    cutoffMinutes: number | null;
    customsClearanceHours: number | null;
  };
  /** Service alerts (GTFS-RT) informing a rail, ship or terminal leg, active during it (AlertIndex.attachFreight). */
  alerts?: AlertOut[];
  geometry: { type: 'LineString'; coordinates: [number, number][] };
}

export interface OptionOut {
  /** Mode mix: `sea-rail` (rail and ship), `rail` (rail, no ship), `all-road` (no rail). */
  kind: 'sea-rail' | 'rail' | 'all-road';
  /** The all-road comparison option (always present when trucks can make the trip). */
  allRoad: boolean;
  /** True only for the all-road option when another option is at least as good in all three. */
  dominated: boolean;
  departure: string;
  arrival: string;
  durationHours: number;
  costCny: number;
  co2eKg: number;
  co2eKgTtw: number;
  /** Differences to the all-road option (this − all-road), when there is one. */
  vsAllRoad: { hours: number; costCny: number; co2eKg: number } | null;
  /** Rides whose boxes did not fit one departure: the departures used and their TEU. */
  split: { routeId: string; routeName: string; capacityTeu: number; departures: RunOut[] }[];
  notes: string[];
  legs: LegOut[];
}

export interface FreightPlanResult {
  from: PlaceOut;
  to: PlaceOut;
  ready: string;
  teu: number;
  tonnesPerTeu: number;
  timeZone: string;
  /** Pareto set sorted by arrival, then cost; the all-road option is included (marked). */
  options: OptionOut[];
  stats: { labels: number; settled: number; allRoadLabels: number };
}

function validate(q: FreightQuery): { teu: number; tonnes: number; horizon: number; customs: CustomsChoice } {
  const teu = q.teu;
  if (!Number.isInteger(teu) || teu < 1 || teu > 10000) throw new FreightParamError('teu', `must be an integer 1 … 10000, got ${teu}`);
  const tonnes = q.tonnesPerTeu ?? DEFAULT_TONNES_PER_TEU;
  if (!(tonnes > 0 && tonnes <= 28)) throw new FreightParamError('tonnesPerTeu', `must be > 0 and ≤ 28 t (20 ft payload), got ${tonnes}`);
  const days = q.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!(days >= 1 && days <= 120)) throw new FreightParamError('horizonDays', `must be 1 … 120, got ${days}`);
  if (!Number.isFinite(q.ready)) throw new FreightParamError('ready', 'must be a time');
  return { teu, tonnes, horizon: Math.round(days * 86400), customs: q.customs ?? 'direct_loading' };
}

export function planFreight(net: FreightNetwork, q: FreightQuery): FreightPlanResult {
  const v = validate(q);
  const base = { ready: q.ready, teu: v.teu, tonnesPerTeu: v.tonnes, horizonSeconds: v.horizon, customs: v.customs };
  const main = searchFreight(net, q.from, q.to, { ...base, rail: true, ship: true });
  const road = searchFreight(net, q.from, q.to, { ...base, rail: false, ship: true });
  const allRoad: Chain | undefined = road.chains[0]; // fastest (ties: cheaper, then cleaner)
  const fmt = new Formatter(net, q);
  const options = main.chains.map((c) => fmt.option(c, false, false));
  if (allRoad !== undefined) {
    const same = main.chains.findIndex((c) => c.arrival === allRoad.arrival && c.costFen === allRoad.costFen && c.co2G === allRoad.co2G && !hasRail(net, c));
    if (same >= 0) options[same].allRoad = true;
    else {
      const dominated = main.chains.some((c) => c.arrival <= allRoad.arrival && c.costFen <= allRoad.costFen && c.co2G <= allRoad.co2G);
      options.push(fmt.option(allRoad, true, dominated));
    }
    const ref = options.find((o) => o.allRoad)!;
    for (const o of options)
      o.vsAllRoad = {
        hours: round(o.durationHours - ref.durationHours, 2),
        costCny: round(o.costCny - ref.costCny, 2),
        co2eKg: round(o.co2eKg - ref.co2eKg, 1),
      };
  }
  options.sort((a, b) => a.arrival.localeCompare(b.arrival) || a.costCny - b.costCny || a.co2eKg - b.co2eKg);
  const stats: SearchStats = main.stats;
  return {
    from: placeOut(q.from),
    to: placeOut(q.to),
    ready: formatIso(q.ready, net.zone),
    teu: v.teu,
    tonnesPerTeu: v.tonnes,
    timeZone: net.zone,
    options,
    stats: { labels: stats.labels, settled: stats.settled, allRoadLabels: road.stats.labels },
  };
}

function hasRail(net: FreightNetwork, c: Chain): boolean {
  return c.steps.some((s) => s.kind === 'ride' && net.patterns[s.pattern].mode === 'RAIL');
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function placeOut(p: { id: string | null; name: string; nameEn?: string | undefined; lat: number; lon: number }): PlaceOut {
  const out: PlaceOut = { id: p.id, name: p.name, lat: p.lat, lon: p.lon };
  if (p.nameEn !== undefined) out.nameEn = p.nameEn;
  return out;
}

class Formatter {
  constructor(
    private readonly net: FreightNetwork,
    private readonly q: FreightQuery,
  ) {}

  private iso(t: number): string {
    return formatIso(t, this.net.zone);
  }

  private place(p: StepPlace): PlaceOut {
    if ('terminal' in p) {
      const t = this.net.terminals[p.terminal];
      return placeOut({ id: t.id, name: t.name, nameEn: t.nameEn, lat: t.lat, lon: t.lon });
    }
    return placeOut(p.endpoint === 'origin' ? this.q.from : this.q.to);
  }

  option(c: Chain, allRoad: boolean, dominated: boolean): OptionOut {
    const steps = justInTime(this.net, c.steps, this.q);
    const legs = steps.map((s) => this.leg(s));
    const rides = steps.filter((s): s is Extract<Step, { kind: 'ride' }> => s.kind === 'ride');
    const rail = rides.some((s) => this.net.patterns[s.pattern].mode === 'RAIL');
    const ship = rides.some((s) => this.net.patterns[s.pattern].mode === 'SHIP');
    const split: OptionOut['split'] = [];
    const notes: string[] = [];
    for (const leg of legs) {
      if (leg.departures === undefined || leg.departures.length < 2) continue;
      split.push({ routeId: leg.routeId!, routeName: leg.routeName!, capacityTeu: leg.capacityTeu!, departures: leg.departures });
      notes.push(
        `${this.q.teu} TEU exceed one departure of ${leg.routeName} (${leg.capacityTeu} TEU): split over ${leg.departures.length} departures (` +
          leg.departures.map((d) => `${d.teu} TEU on ${d.departure.slice(0, 16)}`).join(', ') +
          '); the chain continues when the last box has arrived',
      );
    }
    const departure = legs.length > 0 ? legs[0].departure : this.iso(this.q.ready);
    return {
      kind: rail ? (ship ? 'sea-rail' : 'rail') : 'all-road',
      allRoad,
      dominated,
      departure,
      arrival: this.iso(c.arrival),
      durationHours: round((c.arrival - this.q.ready) / 3600, 2),
      costCny: c.costFen / 100,
      co2eKg: round(c.co2G / 1000, 1),
      co2eKgTtw: round(c.co2TtwG / 1000, 1),
      vsAllRoad: null,
      split,
      notes,
      legs,
    };
  }

  private leg(s: Step): LegOut {
    const money = { costCny: s.amount.costFen / 100, co2eKg: round(s.amount.co2G / 1000, 1), co2eKgTtw: round(s.amount.co2TtwG / 1000, 1) };
    if (s.kind === 'truck') {
      const from = this.place(s.from);
      const to = this.place(s.to);
      const coords: [number, number][] = [[from.lon, from.lat]];
      for (const n of s.leg.nodes) coords.push([this.net.road.nodes[n].lon, this.net.road.nodes[n].lat]);
      coords.push([to.lon, to.lat]);
      return {
        mode: 'TRUCK',
        from,
        to,
        departure: this.iso(s.depart),
        arrival: this.iso(s.arrive),
        distanceKm: round(s.leg.km, 1),
        ...money,
        trucks: s.trucks,
        roads: s.leg.roads,
        restMinutes: s.leg.restSeconds / 60,
        geometry: { type: 'LineString', coordinates: dedupe(coords) },
      };
    }
    if (s.kind === 'terminal') {
      const p = this.place({ terminal: s.terminal });
      const r = s.rule.row;
      return {
        mode: 'TERMINAL',
        from: p,
        to: p,
        departure: this.iso(s.start),
        arrival: this.iso(s.end),
        distanceKm: 0,
        ...money,
        terminal: {
          role: s.role,
          flow: r?.flow ?? null,
          customsMode: r?.customsMode ?? null,
          handlingMinutes: s.rule.handlingSeconds / 60,
          cutoffMinutes: r?.cutoffMinutes ?? null,
          customsClearanceHours: r?.customsClearanceHours ?? null,
        },
        geometry: { type: 'LineString', coordinates: [[p.lon, p.lat], [p.lon, p.lat]] },
      };
    }
    const pat = this.net.patterns[s.pattern];
    const n = pat.terminals.length;
    const from = this.place({ terminal: pat.terminals[s.board] });
    const to = this.place({ terminal: pat.terminals[s.alight] });
    const departures = s.batch.runs.map((r, k) => ({
      tripId: this.net.input.trips.id(pat.runTrip[r]),
      departure: this.iso(pat.dep[r * n + s.board]),
      arrival: this.iso(pat.arr[r * n + s.alight]),
      teu: s.batch.teu[k],
    }));
    return {
      mode: pat.mode,
      from,
      to,
      departure: this.iso(s.batch.depart),
      arrival: this.iso(s.batch.arrive),
      distanceKm: round(pat.rideKm[s.board * n + s.alight], 1),
      ...money,
      routeId: pat.routeId,
      routeName: pat.routeName,
      capacityTeu: Number.isFinite(pat.capacityTeu) ? pat.capacityTeu : null,
      departures,
      geometry: { type: 'LineString', coordinates: this.rideGeometry(s.pattern, s.board, s.alight, pat.runTrip[s.batch.runs[0]]) },
    };
  }

  /** The trip's shape between the two stops (nearest shape points), else the line through its stops. */
  private rideGeometry(p: number, i: number, j: number, trip: number): [number, number][] {
    const pat = this.net.patterns[p];
    const stops = Array.from(pat.terminals.slice(i, j + 1), (t) => this.net.terminals[t]);
    const shapeIdx = this.net.input.trips.shape(trip);
    if (shapeIdx >= 0) {
      const sh = this.net.input.shapes[shapeIdx];
      const nearest = (lat: number, lon: number, from: number) => {
        let best = from;
        let bd = Infinity;
        for (let k = from; k < sh.lat7.length; k++) {
          const d = (sh.lat7[k] / E7 - lat) ** 2 + (sh.lon7[k] / E7 - lon) ** 2;
          if (d < bd) {
            bd = d;
            best = k;
          }
        }
        return best;
      };
      const a = nearest(stops[0].lat, stops[0].lon, 0);
      const b = nearest(stops[stops.length - 1].lat, stops[stops.length - 1].lon, a);
      if (b > a) {
        const out: [number, number][] = [];
        for (let k = a; k <= b; k++) out.push([sh.lon7[k] / E7, sh.lat7[k] / E7]);
        return out;
      }
    }
    return stops.map((t) => [t.lon, t.lat]);
  }
}

function dedupe(c: [number, number][]): [number, number][] {
  const out = c.filter((x, i) => i === 0 || x[0] !== c[i - 1][0] || x[1] !== c[i - 1][1]);
  return out.length >= 2 ? out : [c[0], c[0]];
}

/**
 * Trucks leave the origin just in time: a first truck leg that reaches a terminal earlier than
 * the gate-in lead before the departure is moved later (the box waits at the origin, not at the
 * terminal). Arrival, cost and CO2e are unchanged.
 */
function justInTime(net: FreightNetwork, steps: Step[], q: FreightQuery): Step[] {
  const [t, g] = steps;
  if (t === undefined || g === undefined || t.kind !== 'truck' || g.kind !== 'terminal' || g.role !== 'gate_in' || !('terminal' in t.to)) return steps;
  const lead = net.gateInLead(g.terminal, q.customs ?? 'direct_loading');
  const slack = g.end - lead - t.arrive;
  if (slack <= 0) return steps;
  return [{ ...t, depart: t.depart + slack, arrive: t.arrive + slack }, { ...g, start: g.start + slack }, ...steps.slice(2)];
}
