/**
 * Freight inputs from disk: the sea-rail feed's extension files (freight_services.txt,
 * freight_terminals.txt, freight_tariffs.txt; columns in data/gtfs/sea-rail-freight/README.md)
 * and the road graph (data/road/nodes.csv, edges.csv; data/road/README.md), validated row by row
 * into the core's FreightData / RoadInput, with a report (file, line, code, count) like the GTFS
 * import's. Bad rows are skipped and reported; only a missing road graph or no freight feed at
 * all is fatal (FreightLoadError).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LocationType, type NetworkInput } from '../core/input.js';
import type { FreightData, FreightServiceRow, FreightTariffRow, FreightTerminalRow, TerminalFlow } from '../core/freight/data.js';
import { FreightNetwork } from '../core/freight/network.js';
import { RoadGraph, greatCircleKm, type RoadEdgeInput, type RoadInput, type RoadNodeInput, type RoadNodeKind } from '../core/freight/road.js';
import { FreightIssues, num, readTable, type FreightIssue } from './freight-csv.js';
import { feedNameOf } from './source.js';

export type { FreightIssue, FreightIssueCode } from './freight-csv.js';

export class FreightLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FreightLoadError';
  }
}

export interface FreightReport {
  /** Freight feed name and directory, or null when none was found. */
  feed: string | null;
  feedPath: string | null;
  roadDir: string;
  counts: { services: number; terminals: number; tariffs: number; roadNodes: number; roadEdges: number; patterns: number; runs: number };
  issues: FreightIssue[];
}

const FLOWS: TerminalFlow[] = ['export', 'export_standard', 'import', 'sea_rail_transfer', 'domestic'];
const KINDS: RoadNodeKind[] = ['city', 'interchange', 'dry_port', 'terminal', 'port'];

/** The first feed directory holding freight_services.txt, with its index in the NetworkInput. */
export function findFreightFeed(input: NetworkInput, feedPaths: string[]): { index: number; path: string } | null {
  for (const p of feedPaths) {
    try {
      if (!statSync(p).isDirectory() || !existsSync(join(p, 'freight_services.txt'))) continue;
    } catch {
      continue;
    }
    const index = input.feeds.findIndex((f) => f.name === feedNameOf(p));
    if (index >= 0) return { index, path: p };
  }
  return null;
}

/** Read and validate the road graph; throws FreightLoadError when nodes or edges are unusable. */
export function readRoad(dir: string, issues: FreightIssues, freightStops: Set<string> = new Set()): RoadInput {
  const nf = 'data/road/nodes.csv';
  const ef = 'data/road/edges.csv';
  const nodeRows = readTable(join(dir, 'nodes.csv'), nf, ['node_id', 'lat', 'lon'], issues);
  const edgeRows = readTable(join(dir, 'edges.csv'), ef, ['from_node', 'to_node', 'km', 'speed_kmh'], issues);
  if (nodeRows === null || edgeRows === null) throw new FreightLoadError(`road graph ${dir}: nodes.csv and edges.csv are required (${issues.list().map((i) => i.message).join('; ') || 'missing'})`);
  const nodes: RoadNodeInput[] = [];
  const byId = new Map<string, RoadNodeInput>();
  for (const r of nodeRows) {
    const id = r.get('node_id');
    if (id === '') {
      issues.add(nf, 'missing_field', 'error', 'empty node_id; row skipped', r.line);
      continue;
    }
    if (byId.has(id)) {
      issues.add(nf, 'duplicate_id', 'error', `node_id ${id} repeated; the first row wins`, r.line);
      continue;
    }
    const lat = num(r, 'lat', nf, issues, { required: true, min: -90, max: 90 });
    const lon = num(r, 'lon', nf, issues, { required: true, min: -180, max: 180 });
    if (lat == null || lon == null) continue;
    let kind = r.get('kind') as RoadNodeKind;
    if (!KINDS.includes(kind)) {
      issues.add(nf, 'bad_value', 'warning', `kind "${kind}" unknown (expected ${KINDS.join('|')}); taken as interchange`, r.line);
      kind = 'interchange';
    }
    let stopId = r.get('stop_id');
    if (stopId !== '' && freightStops.size > 0 && !freightStops.has(stopId)) {
      issues.add(nf, 'unknown_stop', 'warning', `stop_id ${stopId} is not a freight terminal; link ignored`, r.line);
      stopId = '';
    }
    const node: RoadNodeInput = { id, nameZh: r.get('name_zh') || id, nameEn: r.get('name_en') || id, lat, lon, kind, stopId };
    nodes.push(node);
    byId.set(id, node);
  }
  const edges: RoadEdgeInput[] = [];
  for (const r of edgeRows) {
    const a = byId.get(r.get('from_node'));
    const b = byId.get(r.get('to_node'));
    if (a === undefined || b === undefined || a === b) {
      issues.add(ef, 'unknown_node', 'error', `edge ${r.get('from_node')} → ${r.get('to_node')} names an unknown node (or a loop); row skipped`, r.line);
      continue;
    }
    const km = num(r, 'km', ef, issues, { required: true, min: 0.01 });
    const speed = num(r, 'speed_kmh', ef, issues, { required: true, min: 5, max: 130 });
    if (km == null || speed == null) continue;
    const gc = greatCircleKm(a.lat, a.lon, b.lat, b.lon);
    if (km < gc * 0.95) issues.add(ef, 'short_edge', 'warning', `edge ${a.id} → ${b.id}: ${km} km is shorter than the straight line (${gc.toFixed(1)} km)`, r.line);
    const oneway = r.get('oneway');
    if (oneway !== '' && oneway !== '0' && oneway !== '1') issues.add(ef, 'bad_value', 'warning', `oneway "${oneway}" (expected 0 or 1); taken as 0`, r.line);
    edges.push({ from: a.id, to: b.id, km, speedKmh: speed, road: r.get('road'), roadName: r.get('road_name'), oneway: oneway === '1' });
  }
  if (nodes.length === 0 || edges.length === 0) throw new FreightLoadError(`road graph ${dir}: no usable nodes or edges`);
  return { nodes, edges };
}

/** Read and validate the freight extension files of the feed at `dir` (feed index `feed`). */
export function readFreightData(input: NetworkInput, feed: number, dir: string, issues: FreightIssues): FreightData {
  const name = input.feeds[feed].name;
  const ns = (id: string) => `${name}:${id}`;
  const routes = new Set(input.routes.filter((r) => r.feed === feed).map((r) => r.id));
  const stops = new Set(input.stops.filter((s) => s.feed === feed && s.locationType === LocationType.Stop).map((s) => s.id));
  const data: FreightData = { feed, services: [], terminals: [], tariffs: [] };

  const sf = 'freight_services.txt';
  const seenS = new Set<string>();
  for (const r of table(dir, sf, ['route_id', 'direction_id', 'capacity_teu'], issues)) {
    const routeId = ns(r.get('route_id'));
    if (!routes.has(routeId)) {
      issues.add(sf, 'unknown_route', 'error', `route_id ${r.get('route_id')} not in routes.txt; row skipped`, r.line);
      continue;
    }
    const dir01 = num(r, 'direction_id', sf, issues, { min: 0, max: 1 });
    const cap = num(r, 'capacity_teu', sf, issues, { required: true, min: 1 });
    const opt = ['typical_net_tonnes', 'distance_km', 'energy_kwh_per_train_km', 'energy_kwh_per_teu_km', 'fuel_t_per_day', 'fuel_g_per_teu_km'].map((c) => num(r, c, sf, issues, { min: 0 }));
    if (dir01 === undefined || cap == null || opt.some((x) => x === undefined)) continue;
    const key = `${routeId}|${dir01 ?? 0}`;
    if (seenS.has(key)) {
      issues.add(sf, 'duplicate_id', 'error', `route ${r.get('route_id')} direction ${dir01 ?? 0} repeated; the first row wins`, r.line);
      continue;
    }
    seenS.add(key);
    let traction = r.get('traction');
    if (!['electric', 'diesel', 'marine_fuel'].includes(traction)) {
      issues.add(sf, 'bad_value', 'warning', `traction "${traction}" unknown; taken from the route type`, r.line);
      traction = input.routes.find((x) => x.id === routeId)!.type === 4 ? 'marine_fuel' : 'electric';
    }
    const [tonnes, km, kwhTrain, kwhTeu, fuelDay, fuelG] = opt as (number | null)[];
    const row: FreightServiceRow = {
      routeId,
      directionId: dir01 ?? 0,
      serviceKind: r.get('service_kind'),
      capacityTeu: cap,
      typicalNetTonnes: tonnes,
      distanceKm: km,
      traction,
      energyKwhPerTrainKm: kwhTrain,
      energyKwhPerTeuKm: kwhTeu,
      fuelTPerDay: fuelDay,
      fuelGPerTeuKm: fuelG,
      source: r.get('source'),
    };
    data.services.push(row);
  }

  const tf = 'freight_terminals.txt';
  const seenT = new Set<string>();
  for (const r of table(dir, tf, ['stop_id', 'flow', 'handling_minutes', 'min_connection_minutes', 'handling_cost_cny_per_teu'], issues)) {
    const stopId = ns(r.get('stop_id'));
    if (!stops.has(stopId)) {
      issues.add(tf, 'unknown_stop', 'error', `stop_id ${r.get('stop_id')} is not a stop (location_type 0) of the feed; row skipped`, r.line);
      continue;
    }
    const flow = r.get('flow') as TerminalFlow;
    if (!FLOWS.includes(flow)) {
      issues.add(tf, 'bad_value', 'error', `flow "${flow}" unknown (expected ${FLOWS.join('|')}); row skipped`, r.line);
      continue;
    }
    const handling = num(r, 'handling_minutes', tf, issues, { required: true, min: 0 });
    const conn = num(r, 'min_connection_minutes', tf, issues, { required: true, min: 0 });
    const cutoff = num(r, 'cutoff_minutes_before_departure', tf, issues, { min: 0 });
    const clearance = num(r, 'customs_clearance_hours', tf, issues, { min: 0 });
    const cost = num(r, 'handling_cost_cny_per_teu', tf, issues, { required: true, min: 0 });
    if (handling == null || conn == null || cutoff === undefined || clearance === undefined || cost == null) continue;
    if (seenT.has(`${stopId}|${flow}`)) {
      issues.add(tf, 'duplicate_id', 'error', `${r.get('stop_id')} flow ${flow} repeated; the first row wins`, r.line);
      continue;
    }
    seenT.add(`${stopId}|${flow}`);
    const row: FreightTerminalRow = {
      stopId,
      flow,
      terminalKind: r.get('terminal_kind'),
      handlingMinutes: handling,
      minConnectionMinutes: conn,
      cutoffMinutes: cutoff,
      customsMode: r.get('customs_mode') || 'standard',
      customsClearanceHours: clearance,
      handlingCostCnyPerTeu: cost,
      source: r.get('source'),
    };
    data.terminals.push(row);
  }

  const ff = 'freight_tariffs.txt';
  const seenF = new Set<string>();
  for (const r of table(dir, ff, ['route_id', 'from_stop_id', 'to_stop_id', 'tariff_cny_per_teu'], issues)) {
    const routeId = ns(r.get('route_id'));
    const from = ns(r.get('from_stop_id'));
    const to = ns(r.get('to_stop_id'));
    if (!routes.has(routeId)) {
      issues.add(ff, 'unknown_route', 'error', `route_id ${r.get('route_id')} not in routes.txt; row skipped`, r.line);
      continue;
    }
    if (!stops.has(from) || !stops.has(to)) {
      issues.add(ff, 'unknown_stop', 'error', `stop ${stops.has(from) ? r.get('to_stop_id') : r.get('from_stop_id')} not in stops.txt; row skipped`, r.line);
      continue;
    }
    const price = num(r, 'tariff_cny_per_teu', ff, issues, { required: true, min: 0 });
    const perKm = num(r, 'tariff_cny_per_teu_km', ff, issues, { min: 0 });
    const km = num(r, 'distance_km', ff, issues, { min: 0 });
    if (price == null || perKm === undefined || km === undefined) continue;
    const container = r.get('container');
    if (container !== '' && container !== '20GP') issues.add(ff, 'bad_value', 'warning', `container "${container}" read as one TEU`, r.line);
    const key = `${routeId}|${from}|${to}`;
    if (seenF.has(key)) {
      issues.add(ff, 'duplicate_id', 'error', `tariff ${r.get('route_id')} ${r.get('from_stop_id')} → ${r.get('to_stop_id')} repeated; the first row wins`, r.line);
      continue;
    }
    seenF.add(key);
    const row: FreightTariffRow = { routeId, fromStopId: from, toStopId: to, tariffCnyPerTeu: price, tariffCnyPerTeuKm: perKm, distanceKm: km, source: r.get('source') };
    data.tariffs.push(row);
  }
  return data;
}

function table(dir: string, file: string, required: string[], issues: FreightIssues) {
  const rows = readTable(join(dir, file), file, required, issues);
  if (rows === null && !issues.list().some((i) => i.file === file))
    issues.add(file, 'missing_file', 'warning', `${file} missing: defaults apply (see src/core/freight/README.md)`);
  return rows ?? [];
}

export interface LoadFreightOptions {
  /** Feed paths the network was loaded from (the freight feed is the one with freight_services.txt). */
  feeds: string[];
  /** Road graph directory (default: data/road under the package root, given by the caller). */
  roadDir: string;
}

/**
 * Build the freight network for a loaded NetworkInput: find the freight feed, read its extension
 * files and the road graph, compile. Issues of the compile (no tariff row, …) join the report.
 */
export function loadFreight(input: NetworkInput, o: LoadFreightOptions): { freight: FreightNetwork; report: FreightReport } {
  const issues = new FreightIssues();
  const found = findFreightFeed(input, o.feeds);
  if (found === null) throw new FreightLoadError(`no freight feed: none of the feeds has freight_services.txt (${o.feeds.join(', ')})`);
  const data = readFreightData(input, found.index, found.path, issues);
  const bare = new Set(input.stops.filter((s) => s.feed === found.index).map((s) => s.id.slice(s.id.indexOf(':') + 1)));
  const road = new RoadGraph(readRoad(o.roadDir, issues, bare));
  for (const n of road.disconnected())
    issues.add('data/road/edges.csv', 'disconnected', 'warning', `road node ${road.nodes[n].id} is not connected to ${road.nodes[0].id}`);
  const freight = new FreightNetwork(input, data, road);
  for (const note of freight.notes) issues.add('', note.code, 'warning', note.message);
  freight.terminals.forEach((t) => {
    if (t.road === null && freight.stopPatterns[freight.terminals.indexOf(t)].length > 0 && Math.abs(t.lat - road.nodes[0].lat) < 5)
      issues.add('', 'no_road_access', 'warning', `${t.id} has no road node within 60 km: reachable by rail/ship only`);
  });
  let runs = 0;
  for (const p of freight.patterns) runs += p.runCount;
  return {
    freight,
    report: {
      feed: input.feeds[found.index].name,
      feedPath: found.path,
      roadDir: o.roadDir,
      counts: {
        services: data.services.length,
        terminals: data.terminals.length,
        tariffs: data.tariffs.length,
        roadNodes: road.nodes.length,
        roadEdges: road.graph.getLinksCount(),
        patterns: freight.patterns.length,
        runs,
      },
      issues: issues.list(),
    },
  };
}
