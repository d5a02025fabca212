/**
 * The compiled freight network: terminals (the freight feed's stops, with their
 * freight_terminals.txt rows and road access), patterns of rail/ship runs expanded to absolute
 * departures (epoch seconds) over the whole calendar, capacities, tariffs and per-TEU emission
 * intensities — and the rules of the chain (cut-offs, handling, minimum connections), so that the
 * search and the brute-force reference share one model and differ only in how they search.
 */
import { LocationType, type NetworkInput } from '../input.js';
import { tripArrival, tripArrivals, tripDeparture, tripDepartures, tripDropOff, tripLength, tripPickup, tripStops } from '../stop-times.js';
import { addDays, serviceDayOrigin } from '../time.js';
import type { FreightData, FreightServiceRow, FreightTariffRow, FreightTerminalRow, TerminalFlow } from './data.js';
import {
  DEFAULT_TERMINAL,
  RIDE_DETOUR,
  TERMINAL_KG_PER_TEU,
  TERMINAL_TTW_SHARE,
  rideIntensity,
  type Amount,
  type RideIntensity,
} from './factors.js';
import { greatCircleKm, type RoadGraph, type RoadPoint } from './road.js';

export type RideMode = 'RAIL' | 'SHIP';

/** Which paperwork path an export box takes at the port (freight_terminals.txt flows). */
export type CustomsChoice = 'direct_loading' | 'standard';

export interface Terminal {
  /** NetworkInput stop index. */
  stop: number;
  id: string;
  name: string;
  nameEn: string | undefined;
  lat: number;
  lon: number;
  /** Parent station (NetworkInput index) or -1. */
  parent: number;
  rows: FreightTerminalRow[];
  /** Road access (a road node with its stop_id, else the nearest nodes), or null (overseas). */
  road: RoadPoint | null;
}

export interface Pattern {
  route: number;
  routeId: string;
  routeName: string;
  mode: RideMode;
  directionId: number;
  /** Terminal index per position. */
  terminals: Int32Array;
  pickup: Uint8Array;
  dropOff: Uint8Array;
  /** TEU per departure (Infinity when freight_services.txt has no row). */
  capacityTeu: number;
  service: FreightServiceRow | null;
  intensity: RideIntensity;
  runCount: number;
  /** Run r's departure / arrival at position i: `dep[r * n + i]` (epoch seconds). */
  dep: Float64Array;
  arr: Float64Array;
  /** NetworkInput trip index of each run. */
  runTrip: Int32Array;
  /** Per (i, j) = i * n + j: km, tariff CNY per TEU, where the tariff came from. */
  rideKm: Float64Array;
  tariffCnyPerTeu: Float64Array;
}

/** A shipment's ride: consecutive runs of one pattern, the remainder on the following run(s). */
export interface Batch {
  runs: number[];
  teu: number[];
  depart: number;
  /** Arrival of the last box. */
  arrive: number;
}

/** Terminal roles, each with the freight_terminals.txt flows it accepts, best first. */
export type TerminalRole = 'gate_in' | 'gate_out' | 'transfer' | 'transfer_off' | 'transfer_on';

const ROLE_FLOWS: Record<TerminalRole, TerminalFlow[]> = {
  gate_in: ['export', 'domestic', 'sea_rail_transfer', 'export_standard', 'import'],
  gate_out: ['import', 'domestic', 'sea_rail_transfer', 'export', 'export_standard'],
  transfer: ['sea_rail_transfer', 'export', 'domestic', 'import', 'export_standard'],
  transfer_off: ['sea_rail_transfer', 'import', 'domestic', 'export', 'export_standard'],
  transfer_on: ['sea_rail_transfer', 'export', 'domestic', 'import', 'export_standard'],
};

/** The freight_terminals.txt row a visit uses, or null (defaults apply). */
export interface TerminalRule {
  row: FreightTerminalRow | null;
  handlingSeconds: number;
  minConnectionSeconds: number;
  cutoffSeconds: number;
  clearanceSeconds: number;
  costCnyPerTeu: number;
}

export interface FreightIssueNote {
  code: 'no_terminal_row' | 'no_service_row' | 'no_tariff' | 'unsupported_route_type' | 'no_road_access';
  message: string;
}

function isRail(t: number): boolean {
  return t === 2 || (t >= 100 && t < 200);
}
function isShip(t: number): boolean {
  return t === 4 || t === 1200 || (t >= 1000 && t < 1100);
}

export class FreightNetwork {
  readonly terminals: Terminal[] = [];
  readonly patterns: Pattern[] = [];
  /** Terminal index of a NetworkInput stop index (or -1). */
  readonly terminalOfStop: Int32Array;
  /** (pattern, position) pairs at each terminal. */
  readonly stopPatterns: { pattern: number; pos: number }[][] = [];
  /** Feed time zone (all output times use it). */
  readonly zone: string;
  readonly feedName: string;
  readonly notes: FreightIssueNote[] = [];
  /** transfers.txt between terminals: key a * T + b → seconds (−1 forbidden). */
  private readonly transferTimes = new Map<number, number>();

  constructor(
    readonly input: NetworkInput,
    readonly data: FreightData,
    readonly road: RoadGraph,
  ) {
    const feed = input.feeds[data.feed];
    this.zone = feed.timezone;
    this.feedName = feed.name;
    this.terminalOfStop = new Int32Array(input.stops.length).fill(-1);
    this.buildTerminals();
    this.buildPatterns();
    this.buildTransfers();
  }

  private buildTerminals(): void {
    const rowsByStop = new Map<string, FreightTerminalRow[]>();
    for (const r of this.data.terminals) {
      const list = rowsByStop.get(r.stopId);
      if (list === undefined) rowsByStop.set(r.stopId, [r]);
      else list.push(r);
    }
    const nodeOfStop = new Map<string, number>();
    this.road.nodes.forEach((n, i) => {
      if (n.stopId !== '') nodeOfStop.set(`${this.feedName}:${n.stopId}`, i);
    });
    this.input.stops.forEach((s, i) => {
      if (s.feed !== this.data.feed || s.locationType !== LocationType.Stop) return;
      const node = nodeOfStop.get(s.id);
      const road = node !== undefined ? this.road.nodePoint(node) : this.road.point(s.lat, s.lon);
      this.terminalOfStop[i] = this.terminals.length;
      this.terminals.push({
        stop: i,
        id: s.id,
        name: s.name,
        nameEn: s.names?.en,
        lat: s.lat,
        lon: s.lon,
        parent: s.parent,
        rows: rowsByStop.get(s.id) ?? [],
        road,
      });
      this.stopPatterns.push([]);
    });
  }

  private buildPatterns(): void {
    const input = this.input;
    const services = new Map<string, FreightServiceRow>();
    for (const s of this.data.services) services.set(`${s.routeId}|${s.directionId}`, s);
    const tariffs = new Map<string, FreightTariffRow>();
    const perKm = new Map<string, number>();
    for (const t of this.data.tariffs) {
      tariffs.set(`${t.routeId}|${t.fromStopId}|${t.toStopId}`, t);
      const rate = t.tariffCnyPerTeuKm ?? (t.distanceKm !== null && t.distanceKm > 0 ? t.tariffCnyPerTeu / t.distanceKm : null);
      if (rate !== null && !perKm.has(t.routeId)) perKm.set(t.routeId, rate);
    }
    const origins: number[] = [];
    const originOf = (day: number) => (origins[day] ??= serviceDayOrigin(addDays(input.firstDate, day), this.zone));
    // group runs by pattern key
    const groups = new Map<string, { trip: number; start: number }[]>();
    const warnedRoutes = new Set<number>();
    input.trips.forEach((trip, ti) => {
      const route = input.routes[trip.route];
      if (route.feed !== this.data.feed) return;
      if (!isRail(route.type) && !isShip(route.type)) {
        if (!warnedRoutes.has(trip.route)) this.notes.push({ code: 'unsupported_route_type', message: `route ${route.id} has route_type ${route.type} (not rail or ship); ignored` });
        warnedRoutes.add(trip.route);
        return;
      }
      const key = `${trip.route}|${trip.directionId ?? 0}|${Array.from(tripStops(input, ti)).join(',')}|${Array.from(tripPickup(input, ti)).join('')}|${Array.from(tripDropOff(input, ti)).join('')}`;
      let list = groups.get(key);
      if (list === undefined) groups.set(key, (list = []));
      const days = input.services[trip.service].days;
      const shifts: number[] = [];
      if (trip.frequencies !== undefined && trip.frequencies.length > 0) {
        for (const f of trip.frequencies) for (let t = f.start; t < f.end; t += f.headway) shifts.push(t - tripDeparture(input, ti, 0));
      } else shifts.push(0);
      for (let d = 0; d < input.dayCount; d++) {
        if (days[d] !== 1) continue;
        for (const sh of shifts) list.push({ trip: ti, start: originOf(d) + sh });
      }
    });
    for (const runs of groups.values()) {
      if (runs.length === 0) continue;
      const n = tripLength(input, runs[0].trip);
      runs.sort((a, b) => a.start + tripDeparture(input, a.trip, 0) - (b.start + tripDeparture(input, b.trip, 0)) || a.trip - b.trip);
      // split into non-overtaking sub-patterns (each run's times ≥ the previous run's at every stop)
      const subs: { trip: number; start: number }[][] = [];
      for (const r of runs) {
        const trDep = tripDepartures(input, r.trip);
        const trArr = tripArrivals(input, r.trip);
        const sub = subs.find((s) => {
          const last = s[s.length - 1];
          for (let i = 0; i < n; i++)
            if (r.start + trDep[i] < last.start + tripDeparture(input, last.trip, i) || r.start + trArr[i] < last.start + tripArrival(input, last.trip, i)) return false;
          return true;
        });
        if (sub === undefined) subs.push([r]);
        else sub.push(r);
      }
      for (const sub of subs) this.addPattern(sub, n, services, tariffs, perKm);
    }
  }

  private addPattern(
    runs: { trip: number; start: number }[],
    n: number,
    services: Map<string, FreightServiceRow>,
    tariffs: Map<string, FreightTariffRow>,
    perKm: Map<string, number>,
  ): void {
    const input = this.input;
    const t0 = input.trips.get(runs[0].trip);
    const t0Pickup = tripPickup(input, runs[0].trip);
    const t0DropOff = tripDropOff(input, runs[0].trip);
    const route = input.routes[t0.route];
    const dir = t0.directionId ?? 0;
    const service = services.get(`${route.id}|${dir}`) ?? null;
    if (service === null && !this.notes.some((x) => x.code === 'no_service_row' && x.message.includes(route.id + ' ')))
      this.notes.push({ code: 'no_service_row', message: `route ${route.id} direction ${dir} has no freight_services.txt row: capacity unlimited, default energy` });
    const terminals = Int32Array.from(tripStops(input, runs[0].trip), (s) => this.terminalOfStop[s]);
    const dep = new Float64Array(runs.length * n);
    const arr = new Float64Array(runs.length * n);
    const runTrip = new Int32Array(runs.length);
    runs.forEach((r, k) => {
      const trDep = tripDepartures(input, r.trip);
      const trArr = tripArrivals(input, r.trip);
      runTrip[k] = r.trip;
      for (let i = 0; i < n; i++) {
        dep[k * n + i] = r.start + trDep[i];
        arr[k * n + i] = r.start + trArr[i];
      }
    });
    // Distances are additive along the pattern (cumulative km from the first stop: the tariff
    // row's distance from stop 0 when given, else the service's end-to-end distance for the last
    // stop, else great circle × RIDE_DETOUR per hop), so that alighting and re-boarding never
    // looks shorter than staying on.
    const cum = new Float64Array(n);
    const firstId = this.terminals[terminals[0]].id;
    for (let j = 1; j < n; j++) {
      const a = this.terminals[terminals[j - 1]];
      const b = this.terminals[terminals[j]];
      let km = cum[j - 1] + greatCircleKm(a.lat, a.lon, b.lat, b.lon) * RIDE_DETOUR;
      const row = tariffs.get(`${route.id}|${firstId}|${b.id}`);
      if (row !== undefined && row.distanceKm !== null) km = row.distanceKm;
      else if (j === n - 1 && service?.distanceKm != null) km = service.distanceKm;
      cum[j] = Math.max(cum[j - 1], km);
    }
    const rideKm = new Float64Array(n * n);
    const tariff = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const from = this.terminals[terminals[i]].id;
        const to = this.terminals[terminals[j]].id;
        const km = cum[j] - cum[i];
        rideKm[i * n + j] = km;
        const row = tariffs.get(`${route.id}|${from}|${to}`);
        if (row !== undefined) tariff[i * n + j] = row.tariffCnyPerTeu;
        else {
          const rate = perKm.get(route.id);
          tariff[i * n + j] = rate === undefined ? 0 : Math.round(rate * km);
          if (t0Pickup[i] !== 1 && t0DropOff[j] !== 1)
            this.notes.push({
              code: 'no_tariff',
              message: `no freight_tariffs.txt row for ${route.id} ${from} → ${to}: ${rate === undefined ? 'price 0' : `${rate.toFixed(2)} CNY/TEU-km × ${km.toFixed(0)} km`}`,
            });
        }
      }
    }
    const p = this.patterns.length;
    this.patterns.push({
      route: t0.route,
      routeId: route.id,
      routeName: route.longName !== '' ? route.longName : route.shortName,
      mode: isShip(route.type) ? 'SHIP' : 'RAIL',
      directionId: dir,
      terminals,
      pickup: t0Pickup,
      dropOff: t0DropOff,
      capacityTeu: service !== null && service.capacityTeu > 0 ? service.capacityTeu : Infinity,
      service,
      intensity: rideIntensity({
        traction: service?.traction ?? (isShip(route.type) ? 'marine_fuel' : 'electric'),
        capacityTeu: service?.capacityTeu ?? 0,
        energyKwhPerTrainKm: service?.energyKwhPerTrainKm ?? null,
        energyKwhPerTeuKm: service?.energyKwhPerTeuKm ?? null,
        fuelGPerTeuKm: service?.fuelGPerTeuKm ?? null,
      }),
      runCount: runs.length,
      dep,
      arr,
      runTrip,
      rideKm,
      tariffCnyPerTeu: tariff,
    });
    for (let i = 0; i < n; i++) if (t0Pickup[i] !== 1) this.stopPatterns[terminals[i]].push({ pattern: p, pos: i });
  }

  private buildTransfers(): void {
    const T = this.terminals.length;
    const children = (s: number): number[] => {
      const t = this.terminalOfStop[s];
      if (t >= 0) return [t];
      const out: number[] = [];
      this.terminals.forEach((x, i) => {
        if (x.parent === s) out.push(i);
      });
      return out;
    };
    for (const tr of this.input.transfers) {
      for (const a of children(tr.from))
        for (const b of children(tr.to)) {
          if (tr.type === 3) this.transferTimes.set(a * T + b, -1);
          else if (tr.type === 2 && tr.minTime >= 0) this.transferTimes.set(a * T + b, tr.minTime);
          else if (!this.transferTimes.has(a * T + b)) this.transferTimes.set(a * T + b, -2); // allowed, time by rows
        }
    }
    for (let t = 0; t < T; t++) {
      if (this.terminals[t].rows.length === 0 && this.stopPatterns[t].length > 0)
        this.notes.push({ code: 'no_terminal_row', message: `${this.terminals[t].id} has no freight_terminals.txt row: ${DEFAULT_TERMINAL.handlingMinutes} min handling, no cut-off, no charge` });
    }
  }

  /** The rule a terminal visit in `role` uses (customs choice picks export vs export_standard). */
  rule(terminal: number, role: TerminalRole, customs: CustomsChoice = 'direct_loading'): TerminalRule {
    const rows = this.terminals[terminal].rows;
    let order = ROLE_FLOWS[role];
    if (customs === 'standard' && (role === 'gate_in' || role === 'transfer_on' || role === 'transfer'))
      order = order.map((f) => (f === 'export' ? 'export_standard' : f === 'export_standard' ? 'export' : f));
    let row: FreightTerminalRow | null = null;
    for (const f of order) {
      row = rows.find((r) => r.flow === f) ?? null;
      if (row !== null) break;
    }
    if (row === null)
      return {
        row: null,
        handlingSeconds: DEFAULT_TERMINAL.handlingMinutes * 60,
        minConnectionSeconds: DEFAULT_TERMINAL.minConnectionMinutes * 60,
        cutoffSeconds: 0,
        clearanceSeconds: 0,
        costCnyPerTeu: DEFAULT_TERMINAL.costCnyPerTeu,
      };
    return {
      row,
      handlingSeconds: Math.round(row.handlingMinutes * 60),
      minConnectionSeconds: Math.round(row.minConnectionMinutes * 60),
      cutoffSeconds: row.cutoffMinutes === null ? 0 : Math.round(row.cutoffMinutes * 60),
      clearanceSeconds: row.customsClearanceHours === null ? 0 : Math.round(row.customsClearanceHours * 3600),
      costCnyPerTeu: row.handlingCostCnyPerTeu,
    };
  }

  /**
   * Gate-in lead: a box trucked to `terminal` at t may leave on a departure at d only when
   * t ≤ d − lead, lead = max(handling, cut-off) + customs clearance (export declared there).
   */
  gateInLead(terminal: number, customs: CustomsChoice = 'direct_loading'): number {
    const r = this.rule(terminal, 'gate_in', customs);
    return Math.max(r.handlingSeconds, r.cutoffSeconds) + r.clearanceSeconds;
  }

  /** A box trucked to a destination terminal is handed over after the gate-in handling. */
  deliverySeconds(terminal: number): number {
    return this.rule(terminal, 'gate_in').handlingSeconds;
  }

  /** Gate-out: a box unloaded at a is free to leave by truck (or delivered) at a + this. */
  gateOutSeconds(terminal: number): number {
    const r = this.rule(terminal, 'gate_out');
    return r.handlingSeconds + r.clearanceSeconds;
  }

  /**
   * Terminals a box arriving at `terminal` may leave from without a truck: itself, siblings
   * under the same parent station and transfers.txt targets (type 3 forbids).
   */
  transferTargets(terminal: number): number[] {
    const T = this.terminals.length;
    const out: number[] = [];
    const parent = this.terminals[terminal].parent;
    for (let b = 0; b < T; b++) {
      const tt = this.transferTimes.get(terminal * T + b);
      if (tt === -1) continue;
      if (b === terminal || tt !== undefined || (parent >= 0 && this.terminals[b].parent === parent)) out.push(b);
    }
    return out;
  }

  /**
   * Minimum connection between arriving at `a` and departing from `b` (vehicle to vehicle):
   * transfers.txt min_transfer_time when given (type 2), else the larger of the arrival
   * terminal's and the departure terminal's min_connection_minutes (one row when a = b).
   */
  minConnection(a: number, b: number, customs: CustomsChoice = 'direct_loading'): number {
    const tt = this.transferTimes.get(a * this.terminals.length + b);
    if (tt !== undefined && tt >= 0) return tt;
    if (a === b) return this.rule(a, 'transfer', customs).minConnectionSeconds;
    return Math.max(this.rule(a, 'transfer_off').minConnectionSeconds, this.rule(b, 'transfer_on', customs).minConnectionSeconds);
  }

  /** Handling charge and emissions of one terminal visit for `teu` boxes. */
  terminalAmount(rule: TerminalRule, teu: number): Amount {
    return {
      costFen: Math.round(rule.costCnyPerTeu * 100 * teu),
      co2G: Math.round(TERMINAL_KG_PER_TEU * 1000 * teu),
      co2TtwG: Math.round(TERMINAL_KG_PER_TEU * TERMINAL_TTW_SHARE * 1000 * teu),
    };
  }

  /** Tariff and emissions of riding pattern p from position i to j with `teu` boxes. */
  rideAmount(p: number, i: number, j: number, teu: number): Amount {
    const pat = this.patterns[p];
    const n = pat.terminals.length;
    const km = pat.rideKm[i * n + j];
    return {
      costFen: Math.round(pat.tariffCnyPerTeu[i * n + j] * 100 * teu),
      co2G: Math.round(pat.intensity.wtwKgPerTeuKm * km * 1000 * teu),
      co2TtwG: Math.round(pat.intensity.ttwKgPerTeuKm * km * 1000 * teu),
    };
  }

  /** First run index of pattern p departing position i at or after `earliest` (runCount if none). */
  firstRun(p: number, i: number, earliest: number): number {
    const pat = this.patterns[p];
    const n = pat.terminals.length;
    let lo = 0;
    let hi = pat.runCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pat.dep[mid * n + i] < earliest) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The batch starting with run k of pattern p, boarding at i and alighting at j: run k takes
   * min(capacity, teu) boxes, the remainder goes on runs k+1, k+2… Null when a needed run
   * departs after `latest` (the search horizon) or does not exist.
   */
  batchFrom(p: number, i: number, j: number, k: number, latest: number, teu: number): Batch | null {
    const pat = this.patterns[p];
    const n = pat.terminals.length;
    const runs: number[] = [];
    const loads: number[] = [];
    let left = teu;
    let arrive = -Infinity;
    for (let r = k; left > 0; r++) {
      if (r >= pat.runCount || pat.dep[r * n + i] > latest) return null;
      const take = Math.min(left, pat.capacityTeu);
      runs.push(r);
      loads.push(take);
      left -= take;
      arrive = Math.max(arrive, pat.arr[r * n + j]);
    }
    return { runs, teu: loads, depart: pat.dep[k * n + i], arrive };
  }
}
