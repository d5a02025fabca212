// @ts-check
/// <reference types="leaflet" />
/**
 * The Leaflet map: optional tile layer, the networks (one layer group per feed, with a legend that
 * toggles them), stop markers with "from here / to here", origin/destination pins and the selected
 * itinerary. `L` is the global from /vendor/leaflet/leaflet.js.
 */
import { feedLabel, lang, modeLabel, placeName, t } from './i18n.js';

/** @typedef {import('./api.js').Config} Config */
/** @typedef {import('./api.js').Network} Network */
/** @typedef {import('./api.js').RouteProps} RouteProps */
/** @typedef {import('./api.js').StopProps} StopProps */
/** @typedef {import('./api.js').Itinerary} Itinerary */
/** @typedef {'from' | 'to'} End */

/** Default line colours by mode (lower case), used when a route has no colour of its own. */
export const MODE_COLORS = /** @type {Record<string, string>} */ ({
  rail: '#8b1a1a',
  subway: '#1f5fbf',
  bus: '#23843b',
  ferry: '#1b2a6b',
  tram: '#b5651d',
  walk: '#6b6b6b',
  other: '#555555',
});

/** @param {string} mode */
export function modeColor(mode) {
  return MODE_COLORS[mode.toLowerCase()] ?? MODE_COLORS.other;
}

/** Dash patterns by mode so buses and boats read differently from rails. */
const MODE_DASH = /** @type {Record<string, string | undefined>} */ ({ bus: '7 5', ferry: '2 6' });

/** City names drawn when there is no tile layer, so the plain background still has bearings. */
const CITIES = /** @type {{ zh: string, en: string, lat: number, lon: number }[]} */ ([
  { zh: '北京', en: 'Beijing', lat: 39.904, lon: 116.407 },
  { zh: '天津', en: 'Tianjin', lat: 39.125, lon: 117.19 },
  { zh: '石家庄', en: 'Shijiazhuang', lat: 38.042, lon: 114.515 },
  { zh: '雄安', en: "Xiong'an", lat: 39.01, lon: 115.98 },
  { zh: '廊坊', en: 'Langfang', lat: 39.538, lon: 116.683 },
  { zh: '唐山', en: 'Tangshan', lat: 39.63, lon: 118.18 },
  { zh: '保定', en: 'Baoding', lat: 38.874, lon: 115.465 },
  { zh: '张家口', en: 'Zhangjiakou', lat: 40.768, lon: 114.886 },
  { zh: '承德', en: 'Chengde', lat: 40.951, lon: 117.963 },
  { zh: '秦皇岛', en: 'Qinhuangdao', lat: 39.935, lon: 119.6 },
  { zh: '沧州', en: 'Cangzhou', lat: 38.304, lon: 116.838 },
]);

export class MapView {
  /**
   * @param {HTMLElement} el
   * @param {Config} config
   * @param {{ onMapClick: (lat: number, lon: number) => void,
   *   onStopPick: (stop: StopProps & { lat: number, lon: number }, end: End) => void,
   *   onPinMoved: (end: End, lat: number, lon: number) => void }} handlers
   */
  constructor(el, config, handlers) {
    this.handlers = handlers;
    this.map = L.map(el, { zoomControl: true, preferCanvas: false }).setView(config.center, config.zoom);
    this.map.createPane('cities').style.zIndex = '350';
    this.map.createPane('network').style.zIndex = '410';
    this.map.createPane('stops').style.zIndex = '420';
    this.map.createPane('journey').style.zIndex = '450';
    this.map.createPane('journeyStops').style.zIndex = '460';
    this.hasTiles = typeof config.tileUrl === 'string' && config.tileUrl !== '';
    if (this.hasTiles) {
      L.tileLayer(/** @type {string} */ (config.tileUrl), { attribution: config.tileAttribution ?? '', maxZoom: 19 }).addTo(this.map);
    } else {
      el.classList.add('no-tiles');
    }
    this.cityLayer = L.layerGroup().addTo(this.map);
    /** @type {Map<string, { group: L.LayerGroup, color: string, modes: Set<string>, visible: boolean }>} */
    this.feeds = new Map();
    /** @type {Map<string, string>} routeId → colour */
    this.routeColors = new Map();
    /** @type {{ marker: L.CircleMarker, props: StopProps }[]} */
    this.stopMarkers = [];
    /** @type {L.Polyline[]} */
    this.routeLines = [];
    /** @type {Record<End, L.Marker | null>} */
    this.pins = { from: null, to: null };
    this.journey = L.featureGroup().addTo(this.map);
    this.legend = /** @type {HTMLElement | null} */ (null);
    this.map.on('click', (e) => handlers.onMapClick(e.latlng.lat, e.latlng.lng));
    this.drawCities();
  }

  drawCities() {
    this.cityLayer.clearLayers();
    if (this.hasTiles) return;
    const en = lang() === 'en';
    for (const c of CITIES) {
      const icon = L.divIcon({ className: 'city-label', html: `<span>${escapeHtml(en ? c.en : c.zh)}</span>`, iconSize: [0, 0] });
      L.marker([c.lat, c.lon], { icon, pane: 'cities', interactive: false, keyboard: false }).addTo(this.cityLayer);
    }
  }

  /**
   * Draw the networks, grouped by feed (routes first, stops on top), and build the legend.
   * @param {Network} network
   */
  drawNetwork(network) {
    for (const f of network.features) {
      const p = f.properties;
      if (p.kind !== 'route' || f.geometry.type !== 'LineString') continue;
      const mode = String(p.mode ?? 'other').toLowerCase();
      const color = cssColor(p.color) ?? modeColor(mode);
      this.routeColors.set(p.routeId, color);
      const feed = this.feed(p.feed, color);
      feed.modes.add(mode);
      const latlngs = /** @type {[number, number][]} */ (f.geometry.coordinates).map(([lon, lat]) => /** @type {L.LatLngTuple} */ ([lat, lon]));
      const line = L.polyline(latlngs, {
        pane: 'network',
        color,
        weight: mode === 'bus' ? 3 : 4,
        opacity: 0.85,
        dashArray: MODE_DASH[mode],
        lineCap: 'round',
      });
      line.bindTooltip(() => routeTitle(p), { sticky: true });
      line.addTo(feed.group);
      this.routeLines.push(line);
    }
    for (const f of network.features) {
      const p = f.properties;
      if (p.kind !== 'stop' || f.geometry.type !== 'Point') continue;
      const [lon, lat] = /** @type {[number, number]} */ (f.geometry.coordinates);
      const mode = p.modes?.[0] ?? 'other';
      const feed = this.feed(p.feed, modeColor(mode));
      const marker = L.circleMarker([lat, lon], { pane: 'stops', radius: 4, color: '#333', weight: 1.5, fillColor: '#fff', fillOpacity: 1, bubblingMouseEvents: false });
      marker.bindTooltip(() => placeName(p), { direction: 'top', offset: [0, -4] });
      marker.bindPopup(() => this.stopPopup(p, lat, lon));
      marker.addTo(feed.group);
      this.stopMarkers.push({ marker, props: p });
    }
    this.buildLegend();
  }

  /**
   * @param {string} name
   * @param {string} color the first colour seen becomes the legend swatch
   */
  feed(name, color) {
    let f = this.feeds.get(name);
    if (!f) {
      f = { group: L.layerGroup().addTo(this.map), color, modes: new Set(), visible: true };
      this.feeds.set(name, f);
    }
    return f;
  }

  /**
   * @param {StopProps} p
   * @param {number} lat
   * @param {number} lon
   */
  stopPopup(p, lat, lon) {
    const box = document.createElement('div');
    box.className = 'stop-popup';
    const title = document.createElement('strong');
    title.textContent = placeName(p);
    const sub = document.createElement('div');
    sub.className = 'stop-popup-sub';
    sub.textContent = [feedLabel(p.feed), ...(p.modes ?? []).map(modeLabel)].join(' · ');
    const buttons = document.createElement('div');
    buttons.className = 'stop-popup-buttons';
    for (const end of /** @type {End[]} */ (['from', 'to'])) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `pick-${end}`;
      b.dataset.end = end;
      b.textContent = t(end === 'from' ? 'fromHere' : 'toHere');
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        this.map.closePopup();
        this.handlers.onStopPick({ ...p, lat, lon }, end);
      });
      buttons.append(b);
    }
    box.append(title, sub, buttons);
    return box;
  }

  /** The legend control (`#network-legend`): one checkbox per feed, with its colour and modes. */
  buildLegend() {
    if (!this.legend) {
      const Legend = L.Control.extend({
        onAdd: () => {
          const div = L.DomUtil.create('div', 'legend leaflet-bar');
          div.id = 'network-legend';
          L.DomEvent.disableClickPropagation(div);
          L.DomEvent.disableScrollPropagation(div);
          return div;
        },
      });
      new Legend({ position: 'topright' }).addTo(this.map);
      this.legend = document.getElementById('network-legend');
    }
    const legend = /** @type {HTMLElement} */ (this.legend);
    // A <details>: open on wide screens, folded on narrow ones; the state survives a relabel.
    const wasOpen = legend.querySelector('details')?.open ?? !window.matchMedia('(max-width: 760px)').matches;
    const details = document.createElement('details');
    details.open = wasOpen;
    const summary = document.createElement('summary');
    summary.className = 'legend-title';
    summary.textContent = t('legend');
    details.append(summary);
    legend.replaceChildren(details);
    const ul = document.createElement('ul');
    for (const [name, f] of [...this.feeds].sort(([a], [b]) => a.localeCompare(b))) {
      const li = document.createElement('li');
      li.dataset.feed = name;
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = f.visible;
      box.dataset.feed = name;
      box.addEventListener('change', () => this.setFeedVisible(name, box.checked));
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = f.color;
      const text = document.createElement('span');
      text.textContent = feedLabel(name);
      const modes = document.createElement('small');
      modes.textContent = [...f.modes].map(modeLabel).join('/');
      label.append(box, swatch, text, modes);
      li.append(label);
      ul.append(li);
    }
    details.append(ul);
  }

  /**
   * @param {string} name
   * @param {boolean} visible
   */
  setFeedVisible(name, visible) {
    const f = this.feeds.get(name);
    if (!f) return;
    f.visible = visible;
    if (visible) f.group.addTo(this.map);
    else f.group.remove();
  }

  /** Re-render language-dependent map parts (legend, cities, pins, open popup). */
  relabel() {
    this.buildLegend();
    this.drawCities();
    for (const end of /** @type {End[]} */ (['from', 'to'])) {
      const pin = this.pins[end];
      if (pin) pin.setIcon(pinIcon(end));
    }
    this.map.closePopup();
  }

  /**
   * Put (or move, or with null remove) the origin/destination pin.
   * @param {End} end
   * @param {{ lat: number, lon: number } | null} at
   */
  setPin(end, at) {
    const pin = this.pins[end];
    if (at === null) {
      if (pin) pin.remove();
      this.pins[end] = null;
      return;
    }
    if (pin) {
      pin.setLatLng([at.lat, at.lon]);
      return;
    }
    const m = L.marker([at.lat, at.lon], { icon: pinIcon(end), draggable: true, keyboard: true, title: t(end === 'from' ? 'origin' : 'destination'), zIndexOffset: 1000 });
    m.on('dragend', () => {
      const ll = m.getLatLng();
      this.handlers.onPinMoved(end, ll.lat, ll.lng);
    });
    m.addTo(this.map);
    this.pins[end] = m;
  }

  /**
   * Draw an itinerary (transit legs in their route colour, walks dashed grey) and fit the map to it;
   * null clears it.
   * @param {Itinerary | null} it
   */
  showItinerary(it) {
    this.journey.clearLayers();
    this.map.getContainer().classList.toggle('has-journey', it !== null);
    if (it === null) return;
    for (const leg of it.legs) {
      const coords = leg.geometry?.coordinates?.length
        ? leg.geometry.coordinates
        : [
            [leg.from.lon, leg.from.lat],
            [leg.to.lon, leg.to.lat],
          ];
      const latlngs = coords.map(([lon, lat]) => /** @type {L.LatLngTuple} */ ([lat, lon]));
      if (leg.mode === 'WALK') {
        L.polyline(latlngs, { pane: 'journey', color: MODE_COLORS.walk, weight: 4, dashArray: '2 8', lineCap: 'round', interactive: false }).addTo(this.journey);
        continue;
      }
      const color = this.legColor(leg);
      L.polyline(latlngs, { pane: 'journey', color: '#fff', weight: 10, opacity: 0.9, interactive: false }).addTo(this.journey);
      L.polyline(latlngs, { pane: 'journey', color, weight: 6, opacity: 1 })
        .bindTooltip(`${modeLabel(leg.mode)} ${leg.routeName ?? leg.routeShortName ?? ''}`.trim(), { sticky: true })
        .addTo(this.journey);
      for (const s of leg.intermediateStops ?? []) {
        L.circleMarker([s.lat, s.lon], { pane: 'journeyStops', radius: 2.5, color, weight: 2, fillColor: '#fff', fillOpacity: 1 })
          .bindTooltip(`${placeName(s)} ${s.departure.slice(11, 16)}`, { direction: 'top', offset: [0, -3] })
          .addTo(this.journey);
      }
      for (const s of [leg.from, leg.to]) {
        L.circleMarker([s.lat, s.lon], { pane: 'journeyStops', radius: 5, color, weight: 3, fillColor: '#fff', fillOpacity: 1 })
          .bindTooltip(placeName(s), { direction: 'top', offset: [0, -5] })
          .addTo(this.journey);
      }
    }
    const b = this.journey.getBounds();
    // No animation: the view is final as soon as the results are rendered (screenshots, tests).
    if (b.isValid()) this.map.fitBounds(b, { padding: [40, 40], maxZoom: 15, animate: false });
  }

  /** @param {import('./api.js').Leg} leg */
  legColor(leg) {
    return cssColor(leg.routeColor) || (leg.routeId ? this.routeColors.get(leg.routeId) : undefined) || modeColor(leg.mode);
  }
}

/**
 * A route colour as CSS (`#RRGGBB`; a bare GTFS `RRGGBB` gets its `#`), or null.
 * @param {string | null | undefined} c
 */
function cssColor(c) {
  if (!c) return null;
  return /^[0-9a-f]{6}$/i.test(c) ? `#${c}` : c;
}

/** @param {End} end */
function pinIcon(end) {
  const en = lang() === 'en';
  const text = end === 'from' ? (en ? 'A' : '起') : en ? 'B' : '终';
  return L.divIcon({ className: `pin pin-${end}`, html: `<span><b>${text}</b></span>`, iconSize: [28, 28], iconAnchor: [14, 28], tooltipAnchor: [0, -28] });
}

/** @param {RouteProps} p */
function routeTitle(p) {
  const en = lang() === 'en';
  const name = (en && p.names?.en) || p.name || p.routeId;
  const div = document.createElement('div');
  const strong = document.createElement('strong');
  strong.textContent = name;
  div.append(strong);
  if (p.longName && p.longName !== name) {
    div.append(document.createElement('br'), p.longName);
  }
  div.append(document.createElement('br'), `${feedLabel(p.feed)} · ${modeLabel(p.mode)}`);
  return div;
}

/** @param {string} s */
export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
