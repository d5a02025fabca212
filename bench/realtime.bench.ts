/**
 * Realtime overlay benchmarks: building an overlay from 10,000 stop-time updates, and routing with
 * and without it on the same seeded queries (the overlay must cost the router little).
 *
 *   npm run bench:realtime
 */
import { Network } from '../src/core/network.js';
import { tripStops } from '../src/core/stop-times.js';
import { RealtimeOverlay, type TripUpdateSpec } from '../src/core/realtime.js';
import { ALL_MODES, type SearchRequest } from '../src/core/query.js';
import { parseDateTime } from '../src/core/time.js';
import { CITY_SIZED, METRO_SIZED, syntheticCity } from './synthetic.js';
import { machine, measure, mulberry32, printRows, type Row } from './harness.js';

/**
 * `chaotic`: every update draws a fresh delay in −1…+9 min (runs jump back and forth and overtake
 * each other); `drifting`: a run starts 0…5 min late and its delay drifts by ±30 s per update, as
 * real feeds report it.
 */
function updates(net: Network, seed: number, stopUpdates: number, kind: 'chaotic' | 'drifting' = 'chaotic'): TripUpdateSpec[] {
  const rnd = mulberry32(seed);
  const tt = net.timetable;
  const v = tt.forward;
  const out: TripUpdateSpec[] = [];
  let total = 0;
  while (total < stopUpdates) {
    const trip = Math.floor(rnd() * tt.tripInput.length);
    const r = tt.tripRoute[trip];
    const n = v.routeStopsOffset[r + 1] - v.routeStopsOffset[r];
    const ups: TripUpdateSpec['updates'] = [];
    let delay = kind === 'drifting' ? Math.floor(rnd() * 300) : 0;
    for (let p = 0; p < n && total < stopUpdates; p += 1 + Math.floor(rnd() * 3)) {
      if (kind === 'chaotic') ups.push({ pos: p, arrivalDelay: Math.floor(rnd() * 600) - 60, departureDelay: Math.floor(rnd() * 600) - 60 });
      else {
        delay = Math.max(-60, delay + Math.floor(rnd() * 61) - 30);
        ups.push({ pos: p, arrivalDelay: delay, departureDelay: delay });
      }
      total++;
    }
    out.push({ trip, day: 1, updates: ups });
  }
  return out;
}

async function suite(name: string, net: Network, rows: Row[]): Promise<void> {
  const ups = updates(net, 9, 10_000);
  const build = () => new RealtimeOverlay(net.timetable, net.input, ups);
  rows.push(await measure(name, 'build overlay from 10,000 stop-time updates', [0], build, () => [build().entries.length], 3000));
  const overlay = build();
  const drifting = new RealtimeOverlay(net.timetable, net.input, updates(net, 9, 10_000, 'drifting'));
  const rnd = mulberry32(10);
  const seen = new Set<number>();
  for (let t = 0; t < net.input.trips.length; t++) for (const s of tripStops(net.input, t)) seen.add(s);
  const served = [...seen];
  const zone = net.input.feeds[0].timezone;
  const mid = parseDateTime('2026-11-24T00:00', zone)!;
  const qs: SearchRequest[] = Array.from({ length: 300 }, () => ({
    direction: 'depart',
    time: mid + Math.floor((6 + rnd() * 14) * 3600),
    access: [{ stop: served[Math.floor(rnd() * served.length)], seconds: 0 }],
    egress: [{ stop: served[Math.floor(rnd() * served.length)], seconds: 0 }],
    maxTransfers: 8,
    modeMask: ALL_MODES,
    transferSlack: 60,
    maxDuration: 86400,
  }));
  const answer = (q: SearchRequest) => net.router.search(q).pareto.flatMap((p) => [p.vehicles, p.time]);
  rows.push(await measure(name, 'depart-at without overlay', qs, (q) => net.router.search(q), answer));
  const withLive = qs.map((q) => ({ ...q, realtime: overlay }));
  const lanes = (o: RealtimeOverlay) => o.forward.routeCount - o.replaced.keys.size;
  rows.push(await measure(name, `depart-at with chaotic overlay (${overlay.entries.length} live runs, ${lanes(overlay)} extra lanes)`, withLive, (q) => net.router.search(q), answer));
  const withDrift = qs.map((q) => ({ ...q, realtime: drifting }));
  rows.push(await measure(name, `depart-at with drifting overlay (${drifting.entries.length} live runs, ${lanes(drifting)} extra lanes)`, withDrift, (q) => net.router.search(q), answer));
}

console.log(`# realtime benchmarks — ${machine()} — ${new Date().toISOString()}`);
const rows: Row[] = [];
await suite('synthetic-metro', new Network(syntheticCity(METRO_SIZED, 7)), rows);
await suite('synthetic-city', new Network(syntheticCity(CITY_SIZED, 11)), rows);
console.log('');
printRows(rows);
