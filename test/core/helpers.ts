/**
 * Builders for small hand-made networks used by the core's module tests: a text timetable in,
 * a NetworkInput out. Times are `H:MM` or `HH:MM:SS`, hours may exceed 24.
 */
import type { NetworkInput, StopInput } from '../../src/core/input.js';
import { columnarInput, type TripWithTimes } from '../../src/core/stop-times.js';
import { parseGtfsTime } from '../../src/core/time.js';

export interface TinyTrip {
  id: string;
  route?: string;
  type?: number;
  service?: string;
  /** `A 8:00, B 8:10/8:12, C 8:20` — a stop with `arr/dep`, `-` suffix forbids pickup, `+`… */
  times: string;
  frequencies?: { start: string; end: string; headway: number; exact: boolean }[];
  directionId?: number;
}

export interface TinyNetwork {
  stops: string[];
  trips: TinyTrip[];
  /** service id → active day indices (default: every day). */
  services?: Record<string, number[]>;
  firstDate?: string;
  dayCount?: number;
  timezone?: string;
  coords?: Record<string, [number, number]>;
}

export function t(text: string): number {
  const full = /^\d+:\d\d$/.test(text) ? `${text}:00` : text;
  const s = parseGtfsTime(full);
  if (s === null) throw new Error(`bad time ${text}`);
  return s;
}

export function tiny(net: TinyNetwork): NetworkInput {
  const dayCount = net.dayCount ?? 3;
  const stops: StopInput[] = net.stops.map((name, i) => {
    const c = net.coords?.[name] ?? [39.9 + i * 0.05, 116.4];
    return { id: `f:${name}`, feed: 0, name, lat: c[0], lon: c[1], locationType: 0, parent: -1 };
  });
  const stopIdx = new Map(net.stops.map((n, i) => [n, i]));
  const serviceIds = new Set<string>(['all', ...Object.keys(net.services ?? {})]);
  for (const tr of net.trips) serviceIds.add(tr.service ?? 'all');
  const services = [...serviceIds].map((id) => {
    const days = new Uint8Array(dayCount);
    const active = net.services?.[id];
    for (let d = 0; d < dayCount; d++) days[d] = active === undefined ? 1 : active.includes(d) ? 1 : 0;
    return { id: `f:${id}`, days };
  });
  const routeIds = [...new Set(net.trips.map((tr) => tr.route ?? tr.id))];
  const routes = routeIds.map((id) => {
    const tr = net.trips.find((x) => (x.route ?? x.id) === id)!;
    return { id: `f:${id}`, feed: 0, shortName: id, longName: '', type: tr.type ?? 3 };
  });
  const trips: TripWithTimes[] = net.trips.map((tr) => {
    const parts = tr.times.split(',').map((p) => p.trim());
    const n = parts.length;
    const trip = {
      id: `f:${tr.id}`,
      route: routeIds.indexOf(tr.route ?? tr.id),
      service: [...serviceIds].indexOf(tr.service ?? 'all'),
      headsign: '',
      shape: -1,
      ...(tr.directionId !== undefined ? { directionId: tr.directionId } : {}),
      stops: new Int32Array(n),
      arrivals: new Int32Array(n),
      departures: new Int32Array(n),
      pickup: new Uint8Array(n),
      dropOff: new Uint8Array(n),
    } satisfies TripWithTimes as TripWithTimes & { stops: Int32Array; arrivals: Int32Array; departures: Int32Array; pickup: Uint8Array; dropOff: Uint8Array };
    parts.forEach((p, i) => {
      const [name, time] = p.split(/\s+/) as [string, string];
      let tm = time;
      if (tm.endsWith('!')) {
        trip.pickup[i] = 1;
        tm = tm.slice(0, -1);
      }
      if (tm.endsWith('?')) {
        trip.dropOff[i] = 1;
        tm = tm.slice(0, -1);
      }
      const [a, d] = tm.includes('/') ? (tm.split('/') as [string, string]) : [tm, tm];
      const idx = stopIdx.get(name);
      if (idx === undefined) throw new Error(`unknown stop ${name}`);
      trip.stops[i] = idx;
      trip.arrivals[i] = t(a);
      trip.departures[i] = t(d);
    });
    if (tr.frequencies)
      trip.frequencies = tr.frequencies.map((f) => ({ start: t(f.start), end: t(f.end), headway: f.headway, exact: f.exact }));
    return trip;
  });
  return columnarInput({
    firstDate: net.firstDate ?? '2026-11-23',
    dayCount,
    feeds: [{ name: 'f', timezone: net.timezone ?? 'Asia/Shanghai', startDate: net.firstDate ?? '2026-11-23', endDate: '2026-12-31' }],
    stops,
    routes,
    trips,
    services,
    transfers: [],
    pathways: [],
    shapes: [],
  });
}

import { compileTimetable, type CompileOptions } from '../../src/core/compile.js';
import { Raptor, type Journey } from '../../src/core/raptor.js';
import { WalkNetwork } from '../../src/core/walk.js';
import { ALL_MODES, type SearchRequest } from '../../src/core/query.js';
import { formatIso, parseDateTime } from '../../src/core/time.js';
import type { TransferGraph } from '../../src/core/query.js';
import type { Timetable } from '../../src/core/timetable.js';

/** A compiled tiny network with a router and helpers to write readable expectations. */
export class Fixture {
  readonly tt: Timetable;
  readonly raptor: Raptor;
  readonly zone: string;
  constructor(
    readonly input: NetworkInput,
    transfers?: TransferGraph,
    options?: CompileOptions,
  ) {
    this.tt = compileTimetable(input, transfers ?? new WalkNetwork(input).transferGraph(), options);
    this.raptor = new Raptor(this.tt);
    this.zone = input.feeds[0].timezone;
  }

  stop(name: string): number {
    const i = this.input.stops.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`no stop ${name}`);
    return i;
  }

  /** Search from stop to stop; `when` is local `YYYY-MM-DDTHH:MM`. */
  search(from: string, to: string, when: string, o: Partial<SearchRequest> = {}) {
    const time = parseDateTime(when, this.zone);
    if (time === null) throw new Error(`bad time ${when}`);
    return this.raptor.search({
      direction: 'depart',
      time,
      access: [{ stop: this.stop(from), seconds: 0 }],
      egress: [{ stop: this.stop(to), seconds: 0 }],
      maxTransfers: 4,
      modeMask: ALL_MODES,
      transferSlack: 0,
      maxDuration: 36 * 3600,
      ...o,
    });
  }

  /**
   * One line per journey, e.g. `A ~ R1 08:00 08:10 ~ B ~ Walk 2m ~ C ~ R2 08:15 08:25 ~ D [08:00 08:25]`.
   * Times are local HH:MM (with `+1d` when on the next calendar day of the query).
   */
  describe(j: Journey, day?: string): string {
    const name = (s: number) => (s < 0 ? '*' : this.input.stops[s].name);
    const hm = (e: number) => {
      const iso = formatIso(e, this.zone);
      const d = day !== undefined && iso.slice(0, 10) !== day ? `+${Math.round((Date.parse(iso.slice(0, 10)) - Date.parse(day)) / 864e5)}d` : '';
      return iso.slice(11, 16) + d;
    };
    const parts: string[] = [];
    for (const l of j.legs) {
      if (l.kind === 'transit') {
        const trip = this.input.trips.get(this.tt.tripInput[l.trip]);
        const route = this.input.routes[trip.route];
        if (parts.length === 0 || parts[parts.length - 1] !== name(l.from)) parts.push(name(l.from));
        parts.push(`${route.shortName} ${hm(l.departure)} ${hm(l.arrival)}`);
        parts.push(name(l.to));
      } else if (l.kind === 'transfer') {
        parts.push(`Walk ${Math.round((l.arrival - l.departure) / 60)}m`);
        parts.push(name(l.to));
      }
    }
    return `${parts.join(' ~ ')} [${hm(j.departure)} ${hm(j.arrival)}]`;
  }
}
