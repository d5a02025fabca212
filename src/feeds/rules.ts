/**
 * Per-file rules of the pre-scan: references between files (checked with line numbers while the
 * ids of the earlier files are in memory) and GTFS constraints node-gtfs does not check.
 * Files are scanned in TABLES order so that every referenced file comes first.
 */
import type { Reporter, RowCheck, TableRule } from './scan-table.js';

/** Ids seen so far in one feed (raw, un-namespaced). */
export interface ScanState {
  /** stop_id → location_type. */
  stops: Map<string, number>;
  routes: Set<string>;
  services: Set<string>;
  shapes: Set<string>;
  trips: Set<string>;
  /** agency_id values of agency.txt ('' for a row without id). */
  agencies: Set<string>;
}

export function newScanState(): ScanState {
  return { stops: new Map(), routes: new Set(), services: new Set(), shapes: new Set(), trips: new Set(), agencies: new Set() };
}

export interface TableDef {
  file: string;
  /** node-gtfs model name (export of gtfs/models). */
  model: string;
  /** A feed without this file cannot be used (FeedError). */
  required: boolean;
  rule: (state: ScanState) => TableRule;
}

type Col = (name: string) => number;

const LOCATION_NAMES = ['stop', 'station', 'entrance', 'generic node', 'boarding area'];

function stops(state: ScanState): TableRule {
  return {
    check: (col: Col, report: Reporter): RowCheck => {
      const [id, lat, lon, type, parent] = ['stop_id', 'stop_lat', 'stop_lon', 'location_type', 'parent_station'].map(col);
      return (v, line) => {
        const lt = type >= 0 && v[type] !== '' ? Number(v[type]) : 0;
        const noCoords = lat < 0 || lon < 0 || v[lat] === '' || v[lon] === '';
        if (noCoords && lt <= 2 && (parent < 0 || v[parent] === '')) {
          report('bad_coordinate', 'error', `${LOCATION_NAMES[lt]} ${v[id]} has no coordinates and no parent; skipped`, line);
          return false;
        }
        state.stops.set(v[id], lt);
        return true;
      };
    },
  };
}

function routes(state: ScanState): TableRule {
  return {
    check: (col, report) => {
      const [id, agency] = [col('route_id'), col('agency_id')];
      return (v, line) => {
        if (agency >= 0 && v[agency] !== '' && !state.agencies.has(v[agency])) {
          report('unknown_agency', 'warning', `route ${v[id]}: unknown agency_id ${v[agency]}`, line);
        }
        state.routes.add(v[id]);
        return true;
      };
    },
  };
}

function services(state: ScanState): TableRule {
  return {
    check: (col) => {
      const id = col('service_id');
      return (v) => {
        state.services.add(v[id]);
        return true;
      };
    },
  };
}

function shapes(state: ScanState): TableRule {
  return {
    grouped: true,
    check: (col) => {
      const id = col('shape_id');
      return (v) => {
        state.shapes.add(v[id]);
        return true;
      };
    },
  };
}

function trips(state: ScanState): TableRule {
  return {
    check: (col, report) => {
      const [id, route, service, shape] = ['trip_id', 'route_id', 'service_id', 'shape_id'].map(col);
      return (v, line) => {
        if (!state.routes.has(v[route])) {
          report('unknown_route', 'error', `trip ${v[id]}: unknown route_id ${v[route]}; trip skipped`, line);
          return false;
        }
        if (!state.services.has(v[service])) {
          report('unknown_service', 'error', `trip ${v[id]}: unknown service_id ${v[service]}; trip skipped`, line);
          return false;
        }
        if (shape >= 0 && v[shape] !== '' && !state.shapes.has(v[shape])) {
          report('unknown_shape', 'warning', `trip ${v[id]}: unknown shape_id ${v[shape]}; shape ignored`, line);
          v[shape] = '';
        }
        state.trips.add(v[id]);
        return true;
      };
    },
  };
}

function stopTimes(state: ScanState): TableRule {
  return {
    grouped: true,
    check: (col, report) => {
      const [trip, stop] = [col('trip_id'), col('stop_id')];
      return (v, line) => {
        if (!state.trips.has(v[trip])) {
          report('unknown_trip', 'error', `unknown trip_id ${v[trip]}; stop time skipped`, line);
          return false;
        }
        const lt = state.stops.get(v[stop]);
        if (lt === undefined) {
          report('unknown_stop', 'error', `trip ${v[trip]}: unknown stop_id ${v[stop]}; stop time skipped`, line);
          return false;
        }
        if (lt !== 0) {
          const what = LOCATION_NAMES[lt] ?? `location_type ${lt}`;
          report('stop_is_station', 'error', `trip ${v[trip]}: stop_id ${v[stop]} is a ${what}, not a stop; stop time skipped`, line);
          return false;
        }
        return true;
      };
    },
  };
}

function frequencies(state: ScanState): TableRule {
  return {
    check: (col, report) => {
      const [trip, start, end, headway] = ['trip_id', 'start_time', 'end_time', 'headway_secs'].map(col);
      return (v, line) => {
        if (!state.trips.has(v[trip])) {
          report('unknown_trip', 'error', `unknown trip_id ${v[trip]}; frequency skipped`, line);
          return false;
        }
        if (seconds(v[end]) <= seconds(v[start])) {
          report('bad_time', 'error', `trip ${v[trip]}: end_time ${v[end]} not after start_time ${v[start]}; row skipped`, line);
          return false;
        }
        if (Number(v[headway]) <= 0) {
          report('bad_value', 'error', `trip ${v[trip]}: headway_secs must be positive; row skipped`, line);
          return false;
        }
        return true;
      };
    },
  };
}

function seconds(t: string): number {
  const [h, m, s] = t.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

function transfers(state: ScanState): TableRule {
  return {
    check: (col, report) => {
      const specific = ['from_route_id', 'to_route_id', 'from_trip_id', 'to_trip_id'].map(col).filter((i) => i >= 0);
      const [from, to] = [col('from_stop_id'), col('to_stop_id')];
      return (v, line) => {
        if (specific.some((i) => v[i] !== '')) {
          report('unsupported_transfer', 'warning', 'route- or trip-specific transfer not supported; ignored', line);
          return false;
        }
        if (from < 0 || to < 0 || v[from] === '' || v[to] === '') {
          report('missing_field', 'error', 'transfer without from_stop_id/to_stop_id; row skipped', line);
          return false;
        }
        for (const s of [v[from], v[to]]) {
          if (!state.stops.has(s)) {
            report('unknown_stop', 'error', `unknown stop_id ${s}; transfer skipped`, line);
            return false;
          }
        }
        return true;
      };
    },
  };
}

function pathways(state: ScanState): TableRule {
  return {
    check: (col, report) => {
      const [id, from, to] = [col('pathway_id'), col('from_stop_id'), col('to_stop_id')];
      return (v, line) => {
        for (const s of [v[from], v[to]]) {
          if (!state.stops.has(s)) {
            report('unknown_stop', 'error', `pathway ${v[id]}: unknown stop_id ${s}; pathway skipped`, line);
            return false;
          }
        }
        return true;
      };
    },
  };
}

/** The files imported through node-gtfs, in scan order. */
export const TABLES: readonly TableDef[] = [
  { file: 'stops.txt', model: 'stops', required: true, rule: stops },
  { file: 'routes.txt', model: 'routes', required: true, rule: routes },
  { file: 'calendar.txt', model: 'calendar', required: false, rule: services },
  { file: 'calendar_dates.txt', model: 'calendarDates', required: false, rule: services },
  { file: 'shapes.txt', model: 'shapes', required: false, rule: shapes },
  { file: 'trips.txt', model: 'trips', required: true, rule: trips },
  { file: 'stop_times.txt', model: 'stopTimes', required: true, rule: stopTimes },
  { file: 'frequencies.txt', model: 'frequencies', required: false, rule: frequencies },
  { file: 'transfers.txt', model: 'transfers', required: false, rule: transfers },
  { file: 'pathways.txt', model: 'pathways', required: false, rule: pathways },
];
