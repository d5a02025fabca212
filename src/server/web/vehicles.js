// @ts-check
/// <reference types="leaflet" />
/**
 * Live vehicles on the map (journey mode): GET /api/realtime/vehicles for the map's view (padded
 * bbox), every ~15 s while the tab is visible and the journey mode active, and after the map
 * moves. Small round markers in the route's colour with an arrow when the bearing is known; a
 * popup with route, headsign, delay and the age of the position. Off when the server has no
 * realtime feed (GET /api/realtime lists none).
 *
 * Test contract: markers are `.vehicle-marker` (`data-vehicle-id`, `data-route-id`, `data-bearing`
 * when known) in the `vehicles` pane; `#map[data-vehicles]` is the number shown after each refresh;
 * the popup is `.vehicle-popup` with `.vehicle-route`, `.vehicle-headsign`, `.vehicle-delay`
 * (`late` / `early` / `on-time`) and `.vehicle-age`.
 */
import { getJson } from './api.js';
import { modeColor } from './map.js';
import { modeLabel, placeName, t, translateName } from './i18n.js';

/**
 * @typedef {{ id: string, label: string | null, feed: string, lat: number, lon: number,
 *   bearing: number | null, speed: number | null, timestamp: string | null, ageSeconds: number,
 *   tripId: string | null, matched: boolean,
 *   route: { id: string, shortName: string, longName: string, mode: string, color: string | null } | null,
 *   headsign: string | null, delaySeconds: number | null, canceled?: boolean,
 *   stop: { id: string, name: string | null } | null, status: string | null }} Vehicle
 * @typedef {{ vehicles: Vehicle[], feeds: { feed: string }[] }} VehiclesAnswer
 */

export const REFRESH_MS = 15_000;

export class VehicleLayer {
  /**
   * @param {import('./map.js').MapView} mapView
   * @param {() => boolean} wanted whether vehicles should show now (journey mode)
   */
  constructor(mapView, wanted) {
    this.view = mapView;
    this.map = mapView.map;
    this.wanted = wanted;
    this.map.createPane('vehicles').style.zIndex = '470'; // above the journey, below the pins
    this.group = L.layerGroup();
    /** @type {Map<string, { marker: L.Marker, v: Vehicle }>} */
    this.markers = new Map();
    /** @type {ReturnType<typeof setInterval> | null} */
    this.timer = null;
    /** @type {AbortController | null} */
    this.inFlight = null;
    this.enabled = false;
  }

  /** Turn on when the server has realtime feeds; resolves once decided. */
  async start() {
    try {
      const st = /** @type {{ feeds: unknown[] }} */ (await getJson('/api/realtime'));
      this.enabled = Array.isArray(st.feeds) && st.feeds.length > 0;
    } catch {
      this.enabled = false;
    }
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    document.addEventListener('visibilitychange', () => this.update());
    this.map.on('moveend', () => this.update());
    this.update();
  }

  /** Show or hide as the mode and the tab visibility say, refreshing when shown. */
  update() {
    if (!this.enabled) return;
    if (this.wanted() && !document.hidden) {
      if (!this.map.hasLayer(this.group)) this.group.addTo(this.map);
      void this.refresh();
    } else {
      this.group.remove();
      this.inFlight?.abort();
    }
  }

  async refresh() {
    if (!this.enabled || !this.wanted() || document.hidden) return;
    this.inFlight?.abort();
    const ctl = new AbortController();
    this.inFlight = ctl;
    const b = this.map.getBounds().pad(0.25);
    const clamp = (/** @type {number} */ x, /** @type {number} */ m) => Math.max(-m, Math.min(m, x));
    const bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)].map((x) => x.toFixed(5)).join(',');
    /** @type {VehiclesAnswer} */
    let a;
    try {
      a = /** @type {VehiclesAnswer} */ (await getJson(`/api/realtime/vehicles?${new URLSearchParams({ bbox })}`, ctl.signal));
    } catch {
      return; // aborted, or the server is away: keep what is shown, try again next time
    } finally {
      if (this.inFlight === ctl) this.inFlight = null;
    }
    if (ctl.signal.aborted || a === null || typeof a !== 'object') return; // superseded, or no JSON body
    this.draw(a.vehicles ?? []);
  }

  /** @param {Vehicle[]} vehicles */
  draw(vehicles) {
    const seen = new Set();
    for (const v of vehicles) {
      seen.add(v.id);
      const old = this.markers.get(v.id);
      if (old) {
        old.v = v;
        old.marker.setLatLng([v.lat, v.lon]);
        old.marker.setIcon(this.icon(v));
        continue;
      }
      const entry = { marker: L.marker([v.lat, v.lon], { pane: 'vehicles', icon: this.icon(v), keyboard: false, riseOnHover: true }), v };
      entry.marker.bindTooltip(() => routeName(entry.v), { direction: 'top', offset: [0, -8] });
      entry.marker.bindPopup(() => this.popup(entry.v));
      entry.marker.addTo(this.group);
      this.markers.set(v.id, entry);
    }
    for (const [id, m] of this.markers)
      if (!seen.has(id)) {
        m.marker.remove();
        this.markers.delete(id);
      }
    this.map.getContainer().dataset.vehicles = String(this.markers.size);
  }

  /** @param {Vehicle} v */
  color(v) {
    if (!v.route) return '#777777';
    return v.route.color ?? this.view.routeColors.get(v.route.id) ?? modeColor(v.route.mode);
  }

  /** @param {Vehicle} v */
  icon(v) {
    const color = this.color(v);
    const arrow = v.bearing !== null ? `<i class="vehicle-arrow" style="transform: rotate(${Math.round(v.bearing)}deg)"></i>` : '';
    const attrs = `data-vehicle-id="${attr(v.id)}" data-route-id="${attr(v.route?.id ?? '')}"${v.bearing !== null ? ` data-bearing="${Math.round(v.bearing)}"` : ''}`;
    return L.divIcon({
      className: 'vehicle-icon',
      html: `<span class="vehicle-marker${v.matched ? '' : ' unmatched'}" ${attrs} style="--vehicle-color: ${color}">${arrow}<b></b></span>`,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
    });
  }

  /** @param {Vehicle} v */
  popup(v) {
    const box = document.createElement('div');
    box.className = 'vehicle-popup';
    const title = document.createElement('strong');
    title.className = 'vehicle-route';
    title.textContent = routeName(v);
    box.append(title);
    if (v.headsign) {
      const h = document.createElement('div');
      h.className = 'vehicle-headsign';
      h.textContent = t('towards', { h: translateName(v.headsign) });
      box.append(h);
    }
    if (v.canceled || v.delaySeconds !== null) {
      const d = document.createElement('div');
      const min = Math.round((v.delaySeconds ?? 0) / 60);
      d.className = `vehicle-delay ${v.canceled ? 'canceled' : min > 0 ? 'late' : min < 0 ? 'early' : 'on-time'}`;
      d.textContent = v.canceled ? t('vehicleCanceled') : min > 0 ? t('delay', { n: min }) : min < 0 ? t('early', { n: -min }) : t('onTime');
      box.append(d);
    }
    if (v.stop) {
      const s = document.createElement('div');
      s.className = 'vehicle-stop';
      const name = placeName({ id: v.stop.id, name: v.stop.name ?? v.stop.id.slice(v.stop.id.indexOf(':') + 1) });
      s.textContent = t(v.status === 'STOPPED_AT' ? 'vehicleAt' : 'vehicleNext', { s: name });
      box.append(s);
    }
    const age = document.createElement('div');
    age.className = 'vehicle-age';
    const a = Math.max(0, Math.round(v.ageSeconds));
    age.textContent = a < 60 ? t('vehicleAgeSeconds', { n: a }) : t('vehicleAgeMinutes', { n: Math.round(a / 60) });
    box.append(age);
    return box;
  }

  /** Re-render after a language change (tooltips and popups are built when opened). */
  relabel() {
    this.map.closePopup();
  }
}

/** @param {Vehicle} v */
function routeName(v) {
  if (!v.route) return v.label ? `${t('vehicleUnknownRoute')} · ${v.label}` : t('vehicleUnknownRoute');
  const name = v.route.shortName || v.route.longName || v.route.id;
  return `${modeLabel(v.route.mode)} ${name}${v.label ? ` · ${v.label}` : ''}`;
}

/** @param {string} s */
function attr(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
