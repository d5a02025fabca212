/**
 * Service alerts as plain data (no protobuf: src/feeds converts GTFS-Realtime Alerts into this)
 * and their attachment to answers: a transit leg gets the alerts whose informed entity matches its
 * agency, route, route type, trip or boarding/alighting stop (a station's alert covers its
 * platforms), active at some moment of the leg; a stop gets the alerts naming it.
 */
import type { OptionOut as FreightOption } from './freight/plan.js';
import type { Itinerary, LegOut } from './itinerary.js';
import type { Network } from './network.js';
import { formatIso } from './time.js';

/** One translation of an alert text. `language` is empty when the feed gives none. */
export interface Translation {
  language: string;
  text: string;
}

/**
 * GTFS-RT EntitySelector with namespaced ids (`feed:id`): every field given must match (a route
 * and a stop = that stop on that route).
 */
export interface AlertSelector {
  agency?: string;
  route?: string;
  routeType?: number;
  trip?: string;
  stop?: string;
}

export interface ServiceAlert {
  /** `feed:entity_id`. */
  id: string;
  feed: string;
  header: Translation[];
  description: Translation[];
  url: Translation[];
  cause: string;
  effect: string;
  /** Epoch seconds [start, end]; 0 = open. No period = always active. */
  activePeriods: [number, number][];
  informed: AlertSelector[];
}

/** An alert as answers carry it: texts in one language, periods as ISO local times. */
export interface AlertOut {
  id: string;
  header: string;
  description: string;
  url: string | null;
  effect: string;
  cause: string;
  activePeriods: { start: string | null; end: string | null }[];
}

/** The translation in `lang` (or its base language: `zh` for `zh-Hans`), else the first. */
export function pickTranslation(list: readonly Translation[], lang: string | null | undefined): string {
  if (list.length === 0) return '';
  if (lang) {
    const want = lang.toLowerCase();
    const base = want.split('-')[0];
    const hit =
      list.find((t) => t.language.toLowerCase() === want) ?? list.find((t) => t.language.toLowerCase().split('-')[0] === base);
    if (hit !== undefined) return hit.text;
  }
  return list[0].text;
}

/** True when the alert is active at some instant of [from, to] (epoch seconds). */
export function activeDuring(a: ServiceAlert, from: number, to: number): boolean {
  if (a.activePeriods.length === 0) return true;
  return a.activePeriods.some(([s, e]) => (s === 0 || s <= to) && (e === 0 || e >= from));
}

export function alertOut(a: ServiceAlert, lang: string | null | undefined, zone: string): AlertOut {
  const url = pickTranslation(a.url, lang);
  return {
    id: a.id,
    header: pickTranslation(a.header, lang),
    description: pickTranslation(a.description, lang),
    url: url === '' ? null : url,
    effect: a.effect,
    cause: a.cause,
    activePeriods: a.activePeriods.map(([s, e]) => ({ start: s === 0 ? null : formatIso(s, zone), end: e === 0 ? null : formatIso(e, zone) })),
  };
}

interface LegKey {
  agency: string | undefined;
  route: string | undefined;
  routeType: number | undefined;
  trip: string | undefined;
  /** Boarding and alighting stops and their parent stations. */
  stops: string[];
}

/** Alerts of all feeds, indexed against one network. Immutable once built. */
export class AlertIndex {
  private readonly routeAgency = new Map<string, string>();
  private readonly routeZone = new Map<string, string>();
  private readonly routeType = new Map<string, number>();

  constructor(
    private readonly net: Network,
    readonly alerts: readonly ServiceAlert[],
  ) {
    for (const r of net.input.routes) {
      if (r.agencyId !== undefined) this.routeAgency.set(r.id, r.agencyId);
      this.routeZone.set(r.id, net.input.feeds[r.feed]?.timezone ?? 'UTC');
      this.routeType.set(r.id, r.type);
    }
  }

  get size(): number {
    return this.alerts.length;
  }

  private stopAndParent(id: string | undefined): string[] {
    if (id === undefined || id === null) return [];
    const found = this.net.stopById(id);
    const out = [id];
    for (const i of found) {
      const p = this.net.input.stops[i].parent;
      if (p >= 0) out.push(this.net.input.stops[p].id);
    }
    return out;
  }

  private static matches(sel: AlertSelector, k: LegKey): boolean {
    if (sel.agency === undefined && sel.route === undefined && sel.routeType === undefined && sel.trip === undefined && sel.stop === undefined) return false;
    if (sel.agency !== undefined && sel.agency !== k.agency) return false;
    if (sel.route !== undefined && sel.route !== k.route) return false;
    if (sel.routeType !== undefined && sel.routeType !== k.routeType) return false;
    if (sel.trip !== undefined && sel.trip !== k.trip) return false;
    if (sel.stop !== undefined && !k.stops.includes(sel.stop)) return false;
    return true;
  }

  /** Alerts informing a transit leg, active during it. */
  forLeg(leg: LegOut, lang: string | null | undefined): AlertOut[] {
    if (this.alerts.length === 0 || leg.mode === 'WALK') return [];
    const from = Date.parse(leg.departure) / 1000;
    const to = Date.parse(leg.arrival) / 1000;
    const key: LegKey = {
      agency: leg.routeId !== undefined ? this.routeAgency.get(leg.routeId) : undefined,
      route: leg.routeId,
      routeType: leg.routeType,
      trip: leg.tripId,
      stops: [...this.stopAndParent(leg.from.id ?? undefined), ...this.stopAndParent(leg.to.id ?? undefined)],
    };
    const zone = (leg.routeId !== undefined ? this.routeZone.get(leg.routeId) : undefined) ?? this.net.input.feeds[0]?.timezone ?? 'UTC';
    return this.alerts.filter((a) => activeDuring(a, from, to) && a.informed.some((s) => AlertIndex.matches(s, key))).map((a) => alertOut(a, lang, zone));
  }

  /**
   * Alerts naming stop `i` (or its station, or — for a station — one of its platforms) in a
   * stop-only or stop-and-route selector, active during [from, to].
   */
  forStop(i: number, from: number, to: number, lang: string | null | undefined, zone: string): AlertOut[] {
    if (this.alerts.length === 0) return [];
    const stops = this.net.input.stops;
    const ids = new Set<string>([stops[i].id]);
    if (stops[i].parent >= 0) ids.add(stops[stops[i].parent].id);
    stops.forEach((s, j) => {
      if (s.parent === i) ids.add(stops[j].id);
    });
    return this.alerts
      .filter((a) => activeDuring(a, from, to) && a.informed.some((s) => s.stop !== undefined && ids.has(s.stop) && s.trip === undefined))
      .map((a) => alertOut(a, lang, zone));
  }

  /**
   * Add `alerts` to the rail, ship and terminal legs of freight options some alert informs (in
   * place): a ride by its route, agency, route type, any of the runs it uses (a split ride uses
   * several) and the terminals it boards and leaves; a terminal leg by its terminal (stop
   * selectors only: it has no route). Truck legs run on roads no feed describes.
   */
  attachFreight(options: FreightOption[], lang: string | null | undefined, zone: string): void {
    if (this.alerts.length === 0) return;
    for (const o of options)
      for (const leg of o.legs) {
        if (leg.mode === 'TRUCK') continue;
        const from = Date.parse(leg.departure) / 1000;
        const to = Date.parse(leg.arrival) / 1000;
        const stops = [...this.stopAndParent(leg.from.id ?? undefined), ...(leg.to.id === leg.from.id ? [] : this.stopAndParent(leg.to.id ?? undefined))];
        const base = {
          agency: leg.routeId !== undefined ? this.routeAgency.get(leg.routeId) : undefined,
          route: leg.routeId,
          routeType: leg.routeId !== undefined ? this.routeType.get(leg.routeId) : undefined,
          stops,
        };
        const trips = leg.departures?.map((d) => d.tripId) ?? [];
        const keys: LegKey[] = trips.length === 0 ? [{ ...base, trip: undefined }] : trips.map((trip) => ({ ...base, trip }));
        const found = this.alerts.filter((a) => activeDuring(a, from, to) && a.informed.some((s) => keys.some((k) => AlertIndex.matches(s, k))));
        if (found.length > 0) leg.alerts = found.map((a) => alertOut(a, lang, zone));
      }
  }

  /** Add `alerts` to every transit leg some alert informs (in place). */
  attach(itineraries: Itinerary[], lang: string | null | undefined): void {
    if (this.alerts.length === 0) return;
    for (const it of itineraries)
      for (const leg of it.legs) {
        const found = this.forLeg(leg, lang);
        if (found.length > 0) leg.alerts = found;
      }
  }
}
