// Turns a hand-edited line table into GTFS trips and stop_times.
//
// Line table (see lines/*.mjs):
//   stops:      stop ids in line order (direction 0 = this order, direction 1 = reversed)
//   segMin:     pass-through running minutes between adjacent stops (train does not stop)
//   penaltyMin: extra minutes per served segment (braking + acceleration)
//   dwellMin:   default dwell at intermediate stops; dwellAt: { stopId: minutes }
//   patterns:   { key: [stop ids served, in line order] | 'all', ... }
//   services:   [{ service, dir, pattern | cycle: [keys], bands: [[from, to, headwayMin]], offsetMin, segMin? },
//                { service, dir, deps: [['HH:MM', patternKey], ...] }]
//               anchor?: stop id whose departure the listed times refer to (default: the first stop)
//               { service, dir, pattern, freq: [[from, to, headwayMin], ...] } -> one template trip + frequencies.txt
// Running time between two served stops = sum of the segments in between + penaltyMin.
// All results are rounded to `roundSec` (default 60 s) so published times are whole minutes.
import { toSec, fmtSec, hhmmTag, roundTo } from './util.mjs';
import { dispatch } from './dispatch.mjs';

function dirStops(line, dir) {
  return dir === 0 ? line.stops : [...line.stops].reverse();
}
function dirSegs(line, dir) {
  return dir === 0 ? line.segMin : [...line.segMin].reverse();
}

/** Served stops of a pattern in travel order for `dir`. */
export function patternStops(line, key, dir) {
  const p = line.patterns[key];
  if (!p) throw new Error(`${line.id}: unknown pattern ${key}`);
  const served = p === 'all' ? line.stops : p;
  for (const s of served) if (!line.stops.includes(s)) throw new Error(`${line.id}/${key}: ${s} not on line`);
  const order = dirStops(line, dir);
  return order.filter((s) => served.includes(s));
}

/** Offsets (seconds from first departure) of arrival and departure at each served stop. */
export function patternOffsets(line, key, dir) {
  const order = dirStops(line, dir);
  const segs = dirSegs(line, dir);
  const served = patternStops(line, key, dir);
  const pen = (line.penaltyMin ?? 0) * 60;
  const out = [];
  let t = 0;
  let prevIdx = order.indexOf(served[0]);
  served.forEach((s, k) => {
    const idx = order.indexOf(s);
    if (k > 0) {
      let run = pen;
      for (let i = prevIdx; i < idx; i++) run += segs[i] * 60;
      t += run;
    }
    const last = k === served.length - 1;
    const dwell = k === 0 || last ? 0 : (line.dwellAt?.[s] ?? line.dwellMin ?? 0) * 60;
    out.push({ stop_id: s, arr: t, dep: t + dwell });
    t += dwell;
    prevIdx = idx;
  });
  return out;
}

/** Departure times (seconds) from bands [[from, to, headwayMin], ...]. */
export function bandDepartures(bands, offsetMin = 0) {
  const out = [];
  let cursor = -Infinity;
  bands.forEach(([from, to, h], i) => {
    let t = Math.max(cursor, toSec(from) + (i === 0 ? offsetMin * 60 : 0));
    const end = toSec(to);
    while (t < end) {
      out.push(t);
      t += h * 60;
    }
    cursor = t;
  });
  return out;
}

/**
 * Build trips for one line. `headsign(stopId)` returns the display name for the last stop.
 * Returns { trips, stopTimes, frequencies } with GTFS column names.
 */
export function buildLineTrips(line, headsign) {
  const trips = [];
  const stopTimes = [];
  const frequencies = [];
  const seen = new Set();
  const roundSec = line.roundSec ?? 60;
  // Phase 1: plan every trip (absolute seconds).
  const plans = [];
  for (const sv of line.services) {
    let deps;
    if (sv.freq) deps = [[toSec(sv.freq[0][0]), sv.pattern]]; // one template trip, see frequencies below
    else if (sv.deps) deps = sv.deps.map(([t, key]) => [toSec(t), key]);
    else {
      const cycle = sv.cycle ?? [sv.pattern];
      deps = bandDepartures(sv.bands, sv.offsetMin ?? 0).map((t, i) => [t, cycle[i % cycle.length]]);
    }
    // A service may override the running times (e.g. slower evening bus runs): sv.segMin.
    const l = sv.segMin ? { ...line, segMin: sv.segMin } : line;
    for (const [tA, key] of deps) {
      const offs = patternOffsets(l, key, sv.dir);
      // sv.anchor: the listed times are departures at this stop (if the pattern serves it), not at the origin.
      const anchor = sv.anchor ? offs.find((o) => o.stop_id === sv.anchor) : undefined;
      const t0 = anchor ? tA - anchor.dep : tA;
      plans.push({ sv, key, dir: sv.dir, service: sv.service, times: offs.map((o) => ({ stop_id: o.stop_id, arr: t0 + o.arr, dep: t0 + o.dep })) });
    }
  }
  // Phase 2: express/local conflicts (lines with line.overtaking only).
  if (line.overtaking) dispatch(line, plans);
  // Phase 3: emit GTFS rows.
  for (const { sv, key, times } of plans) {
    const t0 = times[0].dep;
    let id = sv.freq ? `${line.id}_${sv.service}_${sv.dir}_freq` : `${line.id}_${sv.service}_${sv.dir}_${hhmmTag(t0)}_${key}`;
    for (let n = 2; seen.has(id); n++) id = `${line.id}_${sv.service}_${sv.dir}_${hhmmTag(t0)}_${key}_${n}`;
    seen.add(id);
    const last = times[times.length - 1].stop_id;
    trips.push({
      route_id: line.id,
      service_id: sv.service,
      trip_id: id,
      trip_headsign: sv.headsign ?? headsign(last),
      trip_short_name: line.patternLabels?.[key] ?? '',
      direction_id: sv.dir,
      shape_id: line.noShape ? '' : `${line.id}_${sv.dir}`,
      _dep: t0,
      _key: key,
    });
    // Frequency-based service (GTFS frequencies.txt, exact_times=0): the trip above is the template.
    for (const [from, to, h] of sv.freq ?? []) {
      frequencies.push({ trip_id: id, start_time: fmtSec(toSec(from)), end_time: fmtSec(toSec(to)), headway_secs: h * 60, exact_times: 0 });
    }
    times.forEach((o, seq) => {
      stopTimes.push({
        trip_id: id,
        arrival_time: fmtSec(roundTo(o.arr, roundSec)),
        departure_time: fmtSec(roundTo(o.dep, roundSec)),
        stop_id: o.stop_id,
        stop_sequence: seq + 1,
        pickup_type: line.pickupDropoff?.(o.stop_id, seq, times.length, sv)?.pickup ?? '',
        drop_off_type: line.pickupDropoff?.(o.stop_id, seq, times.length, sv)?.dropoff ?? '',
        timepoint: 1,
      });
    });
  }
  return { trips, stopTimes, frequencies };
}
