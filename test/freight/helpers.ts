/**
 * Synthetic freight networks for tests (a NetworkInput, the extension rows and a road graph built
 * from a compact description), a seeded random generator of such networks, and the brute-force
 * reference: every chain of the grammar (any departure, not only the first feasible one), no
 * dominance pruning, then a Pareto filter.
 */
import { LocationType, type NetworkInput, type StopInput } from '../../src/core/input.js';
import { columnarInput } from '../../src/core/stop-times.js';
import type { FreightData, FreightTerminalRow, TerminalFlow } from '../../src/core/freight/data.js';
import { truckAmount, type Amount } from '../../src/core/freight/factors.js';
import { FreightNetwork } from '../../src/core/freight/network.js';
import { RoadGraph, type RoadInput } from '../../src/core/freight/road.js';
import type { Endpoint, SearchOptions } from '../../src/core/freight/search.js';
import { serviceDayOrigin } from '../../src/core/time.js';
import { seededRandom } from '../../src/core/isochrone.js';

export const FIRST_DATE = '2026-11-23'; // a Monday
export const ZONE = 'Asia/Shanghai';
export const DAY0 = serviceDayOrigin(FIRST_DATE, ZONE);

export interface TerminalSpec {
  id: string;
  lat: number;
  lon: number;
  /** Station id grouping terminals (created as location_type 1). */
  parent?: string;
  rows?: (Partial<FreightTerminalRow> & { flow: TerminalFlow })[];
  /** Place a road node on the terminal (default true). */
  road?: boolean;
}

export interface TripSpec {
  route: string;
  mode: 'RAIL' | 'SHIP';
  stops: string[];
  /** [arrival, departure] per stop, service-day seconds. */
  times: [number, number][];
  /** Day indices the trip runs on. */
  days: number[];
}

export interface NetSpec {
  terminals: TerminalSpec[];
  trips: TripSpec[];
  /** Capacity TEU per route (absent = no services row = unlimited). */
  capacity?: Record<string, number>;
  /** Tariff CNY/TEU per route|from|to. */
  tariffs?: Record<string, number>;
  /** transfers.txt rows [from, to, type, minTime]. */
  transfers?: [string, string, number, number][];
  /** Extra road nodes [id, lat, lon] and edges [from, to, km, speed]. */
  roadNodes?: [string, number, number][];
  roadEdges: [string, string, number, number][];
  dayCount?: number;
}

export function buildNetwork(spec: NetSpec): FreightNetwork {
  const dayCount = spec.dayCount ?? 14;
  const stops: StopInput[] = [];
  const idx = new Map<string, number>();
  const parents = [...new Set(spec.terminals.map((t) => t.parent).filter((p): p is string => p !== undefined))];
  for (const p of parents) {
    const kids = spec.terminals.filter((t) => t.parent === p);
    idx.set(p, stops.length);
    stops.push({ id: `fr:${p}`, feed: 0, name: p, lat: kids[0].lat, lon: kids[0].lon, locationType: LocationType.Station, parent: -1 });
  }
  for (const t of spec.terminals) {
    idx.set(t.id, stops.length);
    stops.push({ id: `fr:${t.id}`, feed: 0, name: t.id, names: { en: `${t.id} (en)` }, lat: t.lat, lon: t.lon, locationType: LocationType.Stop, parent: t.parent === undefined ? -1 : idx.get(t.parent)! });
  }
  const routeIds = [...new Set(spec.trips.map((t) => t.route))];
  const routes = routeIds.map((r) => {
    const mode = spec.trips.find((t) => t.route === r)!.mode;
    return { id: `fr:${r}`, feed: 0, shortName: r, longName: `route ${r}`, type: mode === 'SHIP' ? 4 : 2 };
  });
  const services = spec.trips.map((t, i) => {
    const days = new Uint8Array(dayCount);
    for (const d of t.days) days[d] = 1;
    return { id: `fr:svc${i}`, days };
  });
  const trips = spec.trips.map((t, i) => ({
    id: `fr:trip${i}`,
    route: routeIds.indexOf(t.route),
    service: i,
    headsign: '',
    directionId: 0,
    shape: -1,
    stops: Int32Array.from(t.stops, (s) => idx.get(s)!),
    arrivals: Int32Array.from(t.times, (x) => x[0]),
    departures: Int32Array.from(t.times, (x) => x[1]),
    pickup: new Uint8Array(t.stops.length),
    dropOff: new Uint8Array(t.stops.length),
  }));
  const input: NetworkInput = columnarInput({
    firstDate: FIRST_DATE,
    dayCount,
    feeds: [{ name: 'fr', timezone: ZONE, startDate: FIRST_DATE, endDate: '2026-12-31' }],
    stops,
    routes,
    trips,
    services,
    transfers: (spec.transfers ?? []).map(([a, b, type, minTime]) => ({ from: idx.get(a)!, to: idx.get(b)!, type, minTime })),
    pathways: [],
    shapes: [],
  });
  const data: FreightData = {
    feed: 0,
    services: Object.entries(spec.capacity ?? {}).map(([r, cap]) => ({
      routeId: `fr:${r}`,
      directionId: 0,
      serviceKind: 'test',
      capacityTeu: cap,
      typicalNetTonnes: null,
      distanceKm: null,
      traction: routes.find((x) => x.id === `fr:${r}`)!.type === 4 ? 'marine_fuel' : 'electric',
      energyKwhPerTrainKm: 20,
      energyKwhPerTeuKm: null,
      fuelTPerDay: null,
      fuelGPerTeuKm: 30,
      source: 'test',
    })),
    terminals: spec.terminals.flatMap((t) =>
      (t.rows ?? []).map((r) => ({
        stopId: `fr:${t.id}`,
        terminalKind: 'test',
        handlingMinutes: 60,
        minConnectionMinutes: 60,
        cutoffMinutes: null,
        customsMode: 'standard',
        customsClearanceHours: null,
        handlingCostCnyPerTeu: 100,
        source: 'test',
        ...r,
      })),
    ),
    tariffs: Object.entries(spec.tariffs ?? {}).map(([k, v]) => {
      const [r, a, b] = k.split('|');
      return { routeId: `fr:${r}`, fromStopId: `fr:${a}`, toStopId: `fr:${b}`, tariffCnyPerTeu: v, tariffCnyPerTeuKm: null, distanceKm: null, source: 'test' };
    }),
  };
  const road: RoadInput = {
    nodes: [
      ...spec.terminals.filter((t) => t.road !== false).map((t) => ({ id: `n_${t.id}`, nameZh: t.id, nameEn: t.id, lat: t.lat, lon: t.lon, kind: 'terminal' as const, stopId: t.id })),
      ...(spec.roadNodes ?? []).map(([id, lat, lon]) => ({ id, nameZh: id, nameEn: id, lat, lon, kind: 'city' as const, stopId: '' })),
    ],
    edges: spec.roadEdges.map(([from, to, km, speedKmh]) => ({ from, to, km, speedKmh, road: 'G1', roadName: '', oneway: false })),
  };
  return new FreightNetwork(input, data, new RoadGraph(road));
}

/** An endpoint for a terminal id, or for a coordinate. */
export function terminalEnd(net: FreightNetwork, id: string): Endpoint {
  const t = net.terminals.findIndex((x) => x.id === `fr:${id}`);
  return { terminals: [t], road: net.terminals[t].road };
}
export function pointEnd(net: FreightNetwork, lat: number, lon: number): Endpoint {
  return { terminals: [], road: net.road.point(lat, lon) };
}

export type Vec = [number, number, number];

/** Brute force: all chains with at most `maxRides` rides, any departure; the Pareto set of their vectors. */
export function bruteForce(net: FreightNetwork, from: Endpoint, to: Endpoint, o: SearchOptions, maxRides = 6): Vec[] {
  const out: Vec[] = [];
  const latest = o.ready + o.horizonSeconds;
  const dest = new Set(to.terminals);
  const sum = (xs: Amount[]) => xs.reduce((a, x) => [a[0] + x.costFen, a[1] + x.co2G], [0, 0]);
  const term = (t: number, role: Parameters<FreightNetwork['rule']>[1]) => net.terminalAmount(net.rule(t, role, o.customs), o.teu);
  const truckTo = (a: NonNullable<Endpoint['road']>, b: NonNullable<Endpoint['road']>) => {
    const leg = net.road.truckLeg(a, b);
    return leg === null ? null : { seconds: leg.seconds, amount: truckAmount(leg.km, o.teu, o.tonnesPerTeu) };
  };
  const toDestination = (road: NonNullable<Endpoint['road']>, t: number, c: number, e: number) => {
    if (to.terminals.length > 0) {
      for (const d of to.terminals) {
        const r = net.terminals[d].road;
        if (r === null) continue;
        const tr = truckTo(road, r);
        if (tr === null) continue;
        const [dc, de] = sum([tr.amount, net.terminalAmount(net.rule(d, 'gate_in', o.customs), o.teu)]);
        out.push([t + tr.seconds + net.deliverySeconds(d), c + dc, e + de]);
      }
    } else if (to.road !== null) {
      const tr = truckTo(road, to.road);
      if (tr !== null) out.push([t + tr.seconds, c + tr.amount.costFen, e + tr.amount.co2G]);
    }
  };
  const boardAll = (s: number, earliest: number, c: number, e: number, extra: Amount[], rides: number) => {
    if (rides >= maxRides) return;
    for (const { pattern: p, pos: i } of net.stopPatterns[s]) {
      const pat = net.patterns[p];
      if (pat.mode === 'RAIL' ? !o.rail : !o.ship) continue;
      const n = pat.terminals.length;
      for (let k = net.firstRun(p, i, earliest); k < pat.runCount && pat.dep[k * n + i] <= latest; k++) {
        for (let j = i + 1; j < n; j++) {
          if (pat.dropOff[j] === 1) continue;
          const b = net.batchFrom(p, i, j, k, latest, o.teu);
          if (b === null) continue;
          const [dc, de] = sum([...extra, net.rideAmount(p, i, j, o.teu)]);
          alighted(pat.terminals[j], b.arrive, c + dc, e + de, rides + 1);
        }
      }
    }
  };
  const landside = (s: number, t: number, c: number, e: number, rides: number) =>
    boardAll(s, t + net.gateInLead(s, o.customs), c, e, [term(s, 'gate_in')], rides);
  const alighted = (s: number, a: number, c: number, e: number, rides: number): void => {
    if (dest.has(s)) {
      const [dc, de] = sum([term(s, 'gate_out')]);
      out.push([a + net.gateOutSeconds(s), c + dc, e + de]);
    }
    for (const s2 of net.transferTargets(s)) {
      const extra = s2 === s ? [term(s, 'transfer')] : [term(s, 'transfer_off'), term(s2, 'transfer_on')];
      boardAll(s2, a + net.minConnection(s, s2, o.customs), c, e, extra, rides);
    }
    const road = net.terminals[s].road;
    if (road === null || dest.has(s)) return;
    const t0 = a + net.gateOutSeconds(s);
    const [gc, ge] = sum([term(s, 'gate_out')]);
    net.terminals.forEach((x, s2) => {
      if (s2 === s || x.road === null || net.stopPatterns[s2].length === 0) return;
      const tr = truckTo(road, x.road);
      if (tr !== null) landside(s2, t0 + tr.seconds, c + gc + tr.amount.costFen, e + ge + tr.amount.co2G, rides);
    });
    toDestination(road, t0, c + gc, e + ge);
  };
  for (const s of from.terminals) landside(s, o.ready, 0, 0, 0);
  if (from.road !== null) {
    net.terminals.forEach((x, s) => {
      if (x.road === null || from.terminals.includes(s) || net.stopPatterns[s].length === 0) return;
      const tr = truckTo(from.road!, x.road);
      if (tr !== null) landside(s, o.ready + tr.seconds, tr.amount.costFen, tr.amount.co2G, 0);
    });
    toDestination(from.road, o.ready, 0, 0);
  }
  return pareto(out);
}

/** Distinct non-dominated vectors, sorted. */
export function pareto(vs: Vec[]): Vec[] {
  const keep = vs.filter((v) => !vs.some((w) => w[0] <= v[0] && w[1] <= v[1] && w[2] <= v[2] && (w[0] < v[0] || w[1] < v[1] || w[2] < v[2])));
  const seen = new Set<string>();
  return keep.filter((v) => (seen.has(v.join()) ? false : (seen.add(v.join()), true))).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

/** A small random freight network with a query (seeded). */
export function randomCase(seed: number): { net: FreightNetwork; from: Endpoint; to: Endpoint; o: SearchOptions } {
  const rnd = seededRandom(seed);
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const T = int(3, 5);
  const flows: TerminalFlow[] = ['export', 'import', 'sea_rail_transfer', 'domestic'];
  const terminals: TerminalSpec[] = [];
  for (let i = 0; i < T; i++) {
    const overseas = i === T - 1 && rnd() < 0.3;
    const rows: TerminalSpec['rows'] = [];
    if (rnd() < 0.85)
      for (const f of flows)
        if (rnd() < 0.6)
          rows.push({
            flow: f,
            handlingMinutes: int(0, 6) * 30,
            minConnectionMinutes: int(0, 8) * 30,
            cutoffMinutes: rnd() < 0.5 ? null : int(1, 12) * 60,
            customsClearanceHours: rnd() < 0.8 ? null : int(1, 4),
            handlingCostCnyPerTeu: int(0, 6) * 100,
          });
    terminals.push({
      id: `t${i}`,
      lat: overseas ? 10 + rnd() : 39 + rnd(),
      lon: overseas ? 100 + rnd() : 116 + rnd(),
      ...(i < 2 && rnd() < 0.4 ? { parent: 'station' } : {}),
      rows,
      road: !overseas,
    });
  }
  const ids = terminals.map((t) => t.id);
  const trips: TripSpec[] = [];
  const routes = int(2, 4);
  const capacity: Record<string, number> = {};
  const tariffs: Record<string, number> = {};
  for (let r = 0; r < routes; r++) {
    const n = int(2, 3);
    const stops: string[] = [];
    while (stops.length < n) {
      const s = pick(ids);
      if (!stops.includes(s)) stops.push(s);
    }
    const base = int(0, 23) * 3600;
    const hops: number[] = stops.map(() => int(1, 12) * 1800);
    const dwell: number[] = stops.map(() => int(0, 2) * 1800);
    const runs = int(1, 2);
    for (let k = 0; k < runs; k++) {
      let t = base + k * int(1, 6) * 3600;
      const times: [number, number][] = stops.map((_, i) => {
        const arr = t;
        const dep = t + dwell[i];
        t = dep + hops[i];
        return [arr, dep];
      });
      const days = [0, 1, 2, 3].filter(() => rnd() < 0.6);
      trips.push({ route: `r${r}`, mode: rnd() < 0.6 ? 'RAIL' : 'SHIP', stops, times, days: days.length > 0 ? days : [1] });
    }
    // one mode per route
    for (const tr of trips) if (tr.route === `r${r}`) tr.mode = trips.find((x) => x.route === `r${r}`)!.mode;
    if (rnd() < 0.8) capacity[`r${r}`] = int(1, 5);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rnd() < 0.7) tariffs[`r${r}|${stops[i]}|${stops[j]}`] = int(1, 20) * 100;
  }
  const landed = terminals.filter((t) => t.road !== false);
  const roadNodes: [string, number, number][] = [['c0', 39 + rnd(), 116 + rnd()], ['c1', 39 + rnd(), 116 + rnd()]];
  const nodeIds = [...landed.map((t) => `n_${t.id}`), 'c0', 'c1'];
  const coord = (id: string) => (id.startsWith('n_') ? landed.find((t) => `n_${t.id}` === id)! : { lat: roadNodes.find((x) => x[0] === id)![1], lon: roadNodes.find((x) => x[0] === id)![2] });
  const roadEdges: [string, string, number, number][] = [];
  const edge = (a: string, b: string) => {
    const x = coord(a);
    const y = coord(b);
    const km = Math.max(1, Math.round(Math.hypot((x.lat - y.lat) * 111, (x.lon - y.lon) * 85) * (1.1 + rnd() * 0.4)));
    roadEdges.push([a, b, km, int(4, 8) * 10]);
  };
  for (let i = 1; i < nodeIds.length; i++) edge(nodeIds[i], nodeIds[int(0, i - 1)]);
  for (let k = 0; k < 2; k++) {
    const a = pick(nodeIds);
    const b = pick(nodeIds);
    if (a !== b) edge(a, b);
  }
  const transfers: [string, string, number, number][] = [];
  if (rnd() < 0.4) transfers.push([pick(ids), pick(ids), pick([0, 2, 2, 3]), int(0, 6) * 1800]);
  const net = buildNetwork({ terminals, trips, capacity, tariffs, transfers, roadNodes, roadEdges, dayCount: 7 });
  const endpoint = (): Endpoint => {
    if (rnd() < 0.5) return terminalEnd(net, pick(ids));
    return pointEnd(net, 39 + rnd(), 116 + rnd());
  };
  const from = endpoint();
  let to = endpoint();
  for (let k = 0; k < 5 && to.terminals.some((t) => from.terminals.includes(t)); k++) to = endpoint();
  const o: SearchOptions = {
    ready: DAY0 + int(0, 36) * 1800,
    teu: int(1, 6),
    tonnesPerTeu: pick([8, 12, 16, 24]),
    horizonSeconds: 3 * 86400,
    rail: true,
    ship: true,
    customs: 'direct_loading',
  };
  return { net, from, to, o };
}
