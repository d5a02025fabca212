// A tiny reference router (connection scan) used only to check the bundled feeds against the published facts
// while the real engine is being written. It mirrors the engine conventions described in the brief:
// stops are `<feed>:<stop_id>`; walking links join any two stops (any feed) within 500 m at
// 1.2 m/s × straight-line distance × 1.3; transfers.txt min_transfer_time applies inside a feed.
// It is NOT the engine and is not shipped; see scripts/region/README.md.
import { runsOn } from './calendar.mjs';
import { toSec, haversineKm } from './util.mjs';

const WALK_RADIUS_M = 500;
const WALK_MPS = 1.2;
const DETOUR = 1.3;

export class RefRouter {
  /** feeds: { name: Feed } as produced by generate.mjs buildAll(). */
  constructor(feeds) {
    this.stops = new Map(); // key -> { key, feed, id, name, lat, lon, loc }
    this.trips = new Map(); // key -> { key, feed, trip, route, stops: [{stop, arr, dep, pickup, drop}] }
    this.routes = new Map();
    this.selfTransfer = new Map();
    this.walk = new Map(); // key -> [{ to, sec }]
    for (const [name, f] of Object.entries(feeds)) {
      for (const s of f.stops.values()) {
        this.stops.set(`${name}:${s.stop_id}`, { key: `${name}:${s.stop_id}`, feed: name, id: s.stop_id, name: s.stop_name, lat: +s.stop_lat, lon: +s.stop_lon, loc: +s.location_type });
      }
      for (const r of f.routes) this.routes.set(`${name}:${r.route_id}`, { ...r, feed: name });
      const byTrip = new Map();
      for (const st of f.stopTimes) {
        if (!byTrip.has(st.trip_id)) byTrip.set(st.trip_id, []);
        byTrip.get(st.trip_id).push(st);
      }
      const freqs = new Map();
      for (const fr of f.frequencies) {
        if (!freqs.has(fr.trip_id)) freqs.set(fr.trip_id, []);
        freqs.get(fr.trip_id).push(fr);
      }
      for (const t of f.trips) {
        const sts = byTrip.get(t.trip_id).sort((a, b) => a.stop_sequence - b.stop_sequence);
        const base = sts.map((s) => ({ stop: `${name}:${s.stop_id}`, arr: toSec(s.arrival_time), dep: toSec(s.departure_time), pickup: String(s.pickup_type) !== '1', drop: String(s.drop_off_type) !== '1' }));
        const route = this.routes.get(`${name}:${t.route_id}`);
        // frequencies.txt: instances start at start + k * headway < end; the template's times are shifted
        const starts = freqs.has(t.trip_id)
          ? freqs.get(t.trip_id).flatMap((fr) => {
              const out = [];
              for (let x = toSec(fr.start_time); x < toSec(fr.end_time); x += Number(fr.headway_secs)) out.push(x);
              return out;
            })
          : [base[0].dep];
        for (const start of starts) {
          const shift = start - base[0].dep;
          const key = freqs.has(t.trip_id) ? `${name}:${t.trip_id}@${start}` : `${name}:${t.trip_id}`;
          this.trips.set(key, { key, feed: name, trip: t, route, stops: base.map((b) => ({ ...b, arr: b.arr + shift, dep: b.dep + shift })) });
        }
      }
    }
    const platforms = [...this.stops.values()].filter((s) => s.loc === 0);
    for (const a of platforms) {
      for (const b of platforms) {
        if (a === b) continue;
        const m = haversineKm(a.lat, a.lon, b.lat, b.lon) * 1000;
        if (m <= WALK_RADIUS_M) this.addWalk(a.key, b.key, Math.round((m * DETOUR) / WALK_MPS));
      }
    }
    // transfers.txt rules of a feed replace the proximity walk between its own stops
    for (const [name, f] of Object.entries(feeds)) {
      for (const tr of f.transfers) {
        const a = `${name}:${tr.from_stop_id}`;
        const b = `${name}:${tr.to_stop_id}`;
        if (a === b) this.selfTransfer.set(a, tr.min_transfer_time);
        else this.setWalk(a, b, tr.min_transfer_time);
      }
    }
  }

  setWalk(a, b, sec) {
    if (!this.walk.has(a)) this.walk.set(a, []);
    const list = this.walk.get(a).filter((w) => w.to !== b);
    list.push({ to: b, sec });
    this.walk.set(a, list);
  }

  addWalk(a, b, sec) {
    if (!this.walk.has(a)) this.walk.set(a, []);
    const list = this.walk.get(a);
    const old = list.find((w) => w.to === b);
    if (old) old.sec = Math.min(old.sec, sec);
    else list.push({ to: b, sec });
  }

  /** Connections of trips running on `date` (YYYYMMDD), optionally filtered by route_type. */
  connections(date, routeTypes) {
    const out = [];
    for (const t of this.trips.values()) {
      if (!runsOn(t.trip.service_id, date)) continue;
      if (routeTypes && !routeTypes.includes(Number(t.route.route_type))) continue;
      for (let i = 0; i + 1 < t.stops.length; i++) out.push({ trip: t, i });
    }
    out.sort((x, y) => x.trip.stops[x.i].dep - y.trip.stops[y.i].dep);
    return out;
  }

  /**
   * Earliest arrival from `from` to `to` leaving at `departSec` on `date`.
   * Returns { arrival, legs } or null. Legs: { kind: 'ride'|'walk', from, to, dep, arr, trip? }.
   */
  earliest(from, to, date, departSec, routeTypes) {
    for (const k of [from, to]) if (!this.stops.has(k)) throw new Error(`unknown stop ${k}`);
    const best = new Map([[from, departSec]]);
    const pred = new Map();
    const relaxWalk = (s, t) => {
      for (const w of this.walk.get(s) ?? []) {
        const at = t + w.sec;
        if (at < (best.get(w.to) ?? Infinity)) {
          best.set(w.to, at);
          pred.set(w.to, { kind: 'walk', from: s, to: w.to, dep: t, arr: at });
        }
      }
    };
    relaxWalk(from, departSec);
    const boarded = new Map(); // trip key -> { stop, dep, fromPred }
    for (const c of this.connections(date, routeTypes)) {
      const a = c.trip.stops[c.i];
      const b = c.trip.stops[c.i + 1];
      if (a.dep < departSec) continue;
      if (!boarded.has(c.trip.key)) {
        const ready = best.get(a.stop);
        const arrivedByRide = pred.get(a.stop)?.kind === 'ride';
        const slack = arrivedByRide ? (this.selfTransfer.get(a.stop) ?? 0) : 0;
        if (a.pickup && ready !== undefined && ready + slack <= a.dep) boarded.set(c.trip.key, { stop: a.stop, dep: a.dep });
      }
      if (boarded.has(c.trip.key) && b.drop && b.arr < (best.get(b.stop) ?? Infinity)) {
        const e = boarded.get(c.trip.key);
        best.set(b.stop, b.arr);
        pred.set(b.stop, { kind: 'ride', from: e.stop, to: b.stop, dep: e.dep, arr: b.arr, trip: c.trip });
        relaxWalk(b.stop, b.arr);
      }
    }
    if (!best.has(to) || to === from) return null;
    const legs = [];
    for (let s = to; s !== from; ) {
      const p = pred.get(s);
      legs.unshift(p);
      s = p.from;
    }
    return { arrival: best.get(to), legs };
  }

  /** Fastest single ride (in-vehicle minutes) from `from` to `to` among trips running on `date`. */
  fastestRide(from, to, date) {
    let bestRide = null;
    for (const t of this.trips.values()) {
      if (!runsOn(t.trip.service_id, date)) continue;
      const i = t.stops.findIndex((s) => s.stop === from && s.pickup);
      if (i < 0) continue;
      const j = t.stops.findIndex((s, k) => k > i && s.stop === to && s.drop);
      if (j < 0) continue;
      const ride = t.stops[j].arr - t.stops[i].dep;
      if (!bestRide || ride < bestRide.ride || (ride === bestRide.ride && t.stops[i].dep < bestRide.dep)) {
        bestRide = { ride, dep: t.stops[i].dep, arr: t.stops[j].arr, trip: t };
      }
    }
    return bestRide;
  }
}
