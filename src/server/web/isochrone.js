// @ts-check
/// <reference types="leaflet" />
/**
 * The isochrone mode ("commute circles", GET /api/isochrone): pick a place (map click, stop search
 * or drag the pin), a direction (from here, depart at / to here, arrive by), a date-time, cutoffs,
 * optionally a window sampled every minute and a percentile, and a scenario "without feed X". The
 * bands are Leaflet GeoJSON layers in their own pane under the networks, the area lost in the
 * scenario is hatched red; the panel lists km² and stops per band and the comparison.
 *
 * Contract for tests: `#iso-place-input` / `#iso-place-suggestions li` (`data-id`),
 * `#iso-dir-depart` / `#iso-dir-arrive` (radios), `#iso-time`, `#iso-cutoffs`, `#iso-window`
 * (checkbox) with `#iso-window-start` / `#iso-window-end`, `#iso-percentile`, `#iso-scenario`
 * (checkbox) with `#iso-scenario-feed`, `#iso-live` (checkbox: realtime=true; the meta line then has
 * `#iso-live-shown` when the answer used live times), `#iso-button`, `#iso-status` (`data-state`),
 * `#iso-results` (`data-state` = idle | loading | done | error), `#iso-bands li[data-cutoff]`
 * (`data-area-km2`, `data-stops`), `#iso-comparison tr[data-cutoff]` (`data-lost-km2`); map paths
 * `.leaflet-isochrones-pane path.iso-band` and `path.iso-lost`.
 */
import { ApiError, getJson } from './api.js';
import { feedLabel, lang, placeName, t, translateDom } from './i18n.js';
import { registerMode } from './modes.js';
import { StopSearch } from './search.js';

/** @typedef {import('./api.js').Stop} Stop */
/** @typedef {import('./modes.js').ModeContext} ModeContext */
/**
 * @typedef {{ kind: 'isochrone' | 'lost', scenario: 'network' | 'without', cutoffMinutes: number,
 *   percentile: number, areaKm2: number }} BandProps
 * @typedef {{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: number[][][][] }, properties: BandProps }} BandFeature
 * @typedef {{ percentile: number, cutoffMinutes: number, areaKm2: number, areaWithoutKm2: number,
 *   lostKm2: number, stops: number, stopsWithout: number, placesLost: string[] }} Comparison
 * @typedef {{ id: string, name: string, lat: number, lon: number, minutes: Record<string, number> }} ReachedStop
 * @typedef {{ type: 'FeatureCollection', features: BandFeature[], stops: ReachedStop[],
 *   comparison?: Comparison[], samples: number, cellMetres: number, realtime?: true }} IsochroneResult
 */

/** Band colours, innermost (shortest cutoff) first: a purple ramp, apart from the line colours. */
const PALETTE = ['#4a1486', '#6a51a3', '#807dba', '#9e9ac8', '#b4b2d6', '#cbc9e2'];
const LOST = '#e0245e';
const PERCENTILES = [10, 25, 50, 75, 90];

/** @param {number} i @param {number} n band i of n (0 = shortest cutoff) */
function bandColor(i, n) {
  if (n <= 1) return PALETTE[1];
  return PALETTE[Math.round((i * (PALETTE.length - 1)) / (n - 1))];
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attrs]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** @param {number} x */
function km2(x) {
  return `${new Intl.NumberFormat(lang() === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: x < 10 ? 2 : 1 }).format(x)} km²`;
}

/** Which panel field an API error field belongs to. */
const FIELD_OF = /** @type {Record<string, string>} */ ({
  from: 'place',
  to: 'place',
  depart: 'time',
  arrive: 'time',
  cutoffs: 'cutoffs',
  window: 'window',
  percentiles: 'window',
  excludeFeed: 'scenario',
  excludeRoute: 'scenario',
});

class IsochroneMode {
  constructor() {
    /** @type {ModeContext | null} */
    this.ctx = null;
    this.active = false;
    /**
     * What /api/isochrone receives as from/to, and the stop it names when known.
     * @type {{ value: string, ref: { name: string, names?: { en?: string }, id?: string | null, lat: number, lon: number } | null }}
     */
    this.place = { value: '', ref: null };
    /** @type {IsochroneResult | null} */
    this.result = null;
    /** the parameters the result answers (for its labels) */
    this.shown = { excludeFeed: '', percentile: 50, windowed: false, direction: 'arrive', time: '', window: '', query: '' };
    /** @type {AbortController | null} */
    this.pending = null;
    /** @type {L.FeatureGroup | null} */
    this.layer = null;
    /** @type {L.Marker | null} */
    this.pin = null;
    /** @type {L.Control | null} */
    this.legend = null;
    /** @type {L.SVG | null} */
    this.renderer = null;
    /** @type {string[]} */
    this.feeds = [];
    /** @type {Stop[]} */
    this.stops = [];
  }

  /** @param {ModeContext} ctx */
  init(ctx) {
    this.ctx = ctx;
    this.stops = ctx.stops;
    const panel = document.getElementById('isochrone-panel');
    if (!panel) return;
    this.panel = panel;
    this.build(panel, ctx);
    const map = ctx.map.map;
    if (!map.getPane('isochrones')) map.createPane('isochrones').style.zIndex = '405'; // under the networks (410)
    this.renderer = L.svg({ pane: 'isochrones' });
    // A stop's popup (map.js) offers "from here / to here" for journeys; in this mode it offers
    // "circles here" instead (the journey buttons are hidden by the mode's CSS).
    map.on('popupopen', (e) => {
      if (!this.active) return;
      const box = e.popup.getElement()?.querySelector('.stop-popup-buttons');
      const at = e.popup.getLatLng();
      if (!box || !at || box.querySelector('.pick-iso')) return;
      const p = map.latLngToContainerPoint(at);
      let best = /** @type {Stop | null} */ (null);
      let bestPx = 12;
      for (const s of this.stops) {
        const d = map.latLngToContainerPoint([s.lat, s.lon]).distanceTo(p);
        if (d < bestPx) (best = s), (bestPx = d);
      }
      if (!best) return;
      const stop = best;
      const b = h('button', { type: 'button', class: 'pick-iso' }, [t('isoHere')]);
      b.addEventListener('click', (ev) => {
        ev.stopPropagation();
        map.closePopup();
        this.search?.reset();
        this.setPlace(stop.id, stop);
        void this.compute();
      });
      box.prepend(b);
    });
    this.feeds = [...new Set(ctx.stops.map((s) => s.feed))].sort();
    this.fillFeeds();
    // The loaded feeds (with those that serve no stop of their own, if any).
    void getJson('/api/feeds', new AbortController().signal)
      .then((/** @type {{ feeds: { name: string }[] }} */ body) => {
        const names = body.feeds.map((f) => f.name).sort();
        if (names.length > 0) {
          this.feeds = names;
          this.fillFeeds();
        }
      })
      .catch(() => {});
  }

  /**
   * The panel: place, direction, time, cutoffs, window + percentile, scenario, button, results.
   * @param {HTMLElement} panel
   * @param {ModeContext} ctx
   */
  build(panel, ctx) {
    const label = (/** @type {string} */ key, /** @type {string} */ forId) => h('label', { for: forId, 'data-i18n': key }, [t(/** @type {any} */ (key))]);
    const error = (/** @type {string} */ name) => h('p', { id: `iso-${name}-error`, class: 'field-error', role: 'alert', hidden: '' });

    this.input = h('input', { id: 'iso-place-input', type: 'text', spellcheck: 'false', 'data-i18n-placeholder': 'isoPlacePlaceholder', placeholder: t('isoPlacePlaceholder') });
    this.suggestions = h('ul', { id: 'iso-place-suggestions', class: 'suggestions', hidden: '' });
    const place = h('div', { class: 'field' }, [label('isoPlace', 'iso-place-input'), h('div', { class: 'combo' }, [this.input, this.suggestions]), error('place')]);

    const radio = (/** @type {'depart' | 'arrive'} */ dir, /** @type {string} */ key) => {
      const r = h('input', { type: 'radio', name: 'iso-direction', id: `iso-dir-${dir}`, value: dir });
      return { r, label: h('label', { class: 'iso-radio' }, [r, h('span', { 'data-i18n': key }, [t(/** @type {any} */ (key))])]) };
    };
    const dArrive = radio('arrive', 'isoToHere');
    const dDepart = radio('depart', 'isoFromHere');
    dArrive.r.checked = true;
    this.dirArrive = dArrive.r;
    this.dirDepart = dDepart.r;
    const direction = h('fieldset', { class: 'iso-direction' }, [h('legend', { 'data-i18n': 'isoDirection' }, [t('isoDirection')]), dArrive.label, dDepart.label]);

    this.time = h('input', { id: 'iso-time', type: 'datetime-local', step: '60' });
    this.time.value = `${ctx.config.defaultDate}T09:00`;
    this.timeLabel = h('label', { for: 'iso-time', id: 'iso-time-label' }, [t('isoArriveBy')]);
    const time = h('div', { class: 'field iso-time' }, [this.timeLabel, this.time, error('time')]);

    this.cutoffs = h('input', { id: 'iso-cutoffs', type: 'text', inputmode: 'numeric', value: '30,45,60' });
    const cutoffs = h('div', { class: 'field iso-cutoffs' }, [label('isoCutoffs', 'iso-cutoffs'), this.cutoffs, error('cutoffs')]);

    this.windowOn = h('input', { id: 'iso-window', type: 'checkbox' });
    this.windowStart = h('input', { id: 'iso-window-start', type: 'time', value: '07:00', step: '60', 'data-i18n-aria-label': 'isoWindowStart', 'aria-label': t('isoWindowStart') });
    this.windowEnd = h('input', { id: 'iso-window-end', type: 'time', value: '09:00', step: '60', 'data-i18n-aria-label': 'isoWindowEnd', 'aria-label': t('isoWindowEnd') });
    this.percentile = h('select', { id: 'iso-percentile', 'data-i18n-aria-label': 'isoPercentile', 'aria-label': t('isoPercentile') });
    for (const p of PERCENTILES) this.percentile.append(h('option', { value: String(p) }, [`p${p}`]));
    this.percentile.value = '50';
    const windowRow = h('div', { class: 'iso-window-row' }, [this.windowStart, h('span', {}, ['–']), this.windowEnd, this.percentile]);
    this.windowNote = h('p', { class: 'iso-note', 'data-i18n': 'isoWindowNote' }, [t('isoWindowNote')]);
    const windowField = h('div', { class: 'field' }, [
      h('label', { class: 'switch' }, [this.windowOn, h('span', { 'data-i18n': 'isoWindow' }, [t('isoWindow')])]),
      windowRow,
      this.windowNote,
      error('window'),
    ]);
    this.windowRow = windowRow;

    this.scenarioOn = h('input', { id: 'iso-scenario', type: 'checkbox' });
    this.scenarioFeed = h('select', { id: 'iso-scenario-feed', 'data-i18n-aria-label': 'isoScenarioFeed', 'aria-label': t('isoScenarioFeed') });
    const scenario = h('div', { class: 'field iso-scenario' }, [
      h('label', { class: 'switch' }, [this.scenarioOn, h('span', { 'data-i18n': 'isoScenario' }, [t('isoScenario')])]),
      this.scenarioFeed,
      error('scenario'),
    ]);

    this.liveOn = h('input', { id: 'iso-live', type: 'checkbox' });
    const live = h('div', { class: 'field' }, [h('label', { class: 'switch' }, [this.liveOn, h('span', { 'data-i18n': 'isoLive' }, [t('isoLive')])])]);

    this.button = h('button', { id: 'iso-button', type: 'submit', class: 'plan-button', 'data-i18n': 'isoCompute' }, [t('isoCompute')]);
    const when = h('div', { class: 'iso-row' }, [time, cutoffs]);
    this.form = h('form', { id: 'iso-form', class: 'plan-form iso-form', novalidate: '', autocomplete: 'off' }, [place, direction, when, windowField, scenario, live, this.button]);
    this.status = h('p', { id: 'iso-status', class: 'status', role: 'status', 'aria-live': 'polite', 'data-state': 'idle' }, [t('isoHint')]);
    this.statusKey = /** @type {string | null} */ ('isoHint');
    this.results = h('section', { id: 'iso-results', class: 'iso-results', 'aria-live': 'polite', 'data-state': 'idle' });
    panel.replaceChildren(this.form, this.status, this.results);

    this.search = new StopSearch(this.input, this.suggestions, {
      onSelect: (stop) => {
        this.setPlace(stop.id, stop);
        void this.compute();
      },
      onType: (text) => {
        this.place = { value: text.trim(), ref: null };
        this.showError('place', null);
      },
      fallback: (q) => {
        const needle = q.toLowerCase();
        return this.stops.filter((s) => s.name.toLowerCase().includes(needle) || s.names?.en?.toLowerCase().includes(needle)).slice(0, 10);
      },
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.compute();
    });
    const syncWindow = () => {
      const on = this.windowOn?.checked ?? false;
      for (const el of [this.windowStart, this.windowEnd, this.percentile]) if (el) el.disabled = !on;
      this.windowRow?.classList.toggle('off', !on);
      if (this.windowNote) this.windowNote.hidden = !on;
    };
    syncWindow();
    this.windowOn.addEventListener('change', syncWindow);
    for (const r of [this.dirArrive, this.dirDepart]) r.addEventListener('change', () => this.updateTimeLabel());
    // The scenario is a toggle: switching it (or its feed while on) recomputes at once.
    this.scenarioOn.addEventListener('change', () => this.result !== null && void this.compute());
    this.scenarioFeed.addEventListener('change', () => this.scenarioOn?.checked && this.result !== null && void this.compute());
    this.liveOn.addEventListener('change', () => this.result !== null && void this.compute());
  }

  fillFeeds() {
    const sel = this.scenarioFeed;
    if (!sel) return;
    const was = sel.value;
    sel.replaceChildren(...this.feeds.map((f) => h('option', { value: f }, [feedLabel(f)])));
    sel.value = this.feeds.includes(was) ? was : this.feeds.includes('metro-line22') ? 'metro-line22' : (this.feeds[0] ?? '');
  }

  updateTimeLabel() {
    if (this.timeLabel) this.timeLabel.textContent = t(this.dirDepart?.checked ? 'isoDepartAt' : 'isoArriveBy');
  }

  /**
   * @param {string} value
   * @param {IsochroneMode['place']['ref']} ref
   */
  setPlace(value, ref) {
    this.place = { value, ref };
    if (this.input) this.input.value = ref ? placeName(ref) : value;
    this.showError('place', null);
    const at = ref ?? latLon(value);
    this.setPin(at);
  }

  /** @param {{ lat: number, lon: number } | null} at */
  setPin(at) {
    const map = this.ctx?.map.map;
    if (!map) return;
    if (at === null) {
      this.pin?.remove();
      this.pin = null;
      return;
    }
    if (this.pin) {
      this.pin.setLatLng([at.lat, at.lon]);
      if (this.active && !map.hasLayer(this.pin)) this.pin.addTo(map);
      return;
    }
    const icon = L.divIcon({ className: 'pin pin-iso', html: '<span><b>◎</b></span>', iconSize: [28, 28], iconAnchor: [14, 28] });
    this.pin = L.marker([at.lat, at.lon], { icon, draggable: true, keyboard: true, zIndexOffset: 1000 });
    this.pin.on('dragend', () => {
      const ll = /** @type {L.Marker} */ (this.pin).getLatLng();
      this.setPlace(pointValue(ll.lat, ll.lng), null);
      void this.compute();
    });
    if (this.active) this.pin.addTo(map);
  }

  /**
   * @param {string} name place | time | cutoffs | window | scenario
   * @param {string | null} message
   */
  showError(name, message) {
    const p = document.getElementById(`iso-${name}-error`);
    if (!p) return;
    p.textContent = message ?? '';
    p.hidden = message === null;
    p.previousElementSibling?.closest('.field')?.classList.toggle('has-error', message !== null);
  }

  /**
   * @param {'loading' | 'idle' | 'error'} state
   * @param {string | null} key a UI string key, or null with `text`
   * @param {string} [text]
   */
  setStatus(state, key, text = '') {
    if (!this.status) return;
    this.status.dataset.state = state;
    this.statusKey = key;
    this.statusText = text;
    this.status.textContent = key ? t(/** @type {any} */ (key)) : text;
  }

  async compute() {
    if (!this.form || !this.time || !this.cutoffs || !this.results) return;
    for (const f of ['place', 'time', 'cutoffs', 'window', 'scenario']) this.showError(f, null);
    const place = this.place.value.trim();
    if (!place) return this.showError('place', t('isoNeedPlace'));
    if (!this.time.value) return this.showError('time', t('needTime'));
    const arrive = !this.dirDepart?.checked;
    const q = new URLSearchParams({ [arrive ? 'to' : 'from']: place, [arrive ? 'arrive' : 'depart']: this.time.value.slice(0, 16), cutoffs: this.cutoffs.value.replace(/\s+/g, '') });
    const windowed = Boolean(this.windowOn?.checked);
    const percentile = windowed ? Number(this.percentile?.value ?? 50) : 50;
    if (windowed) {
      q.set('window', `${this.windowStart?.value ?? ''}-${this.windowEnd?.value ?? ''}`);
      q.set('percentiles', String(percentile));
    }
    const excludeFeed = this.scenarioOn?.checked ? (this.scenarioFeed?.value ?? '') : '';
    if (excludeFeed) q.set('excludeFeed', excludeFeed);
    if (this.liveOn?.checked) q.set('realtime', 'true');

    this.pending?.abort();
    const ctrl = new AbortController();
    this.pending = ctrl;
    this.results.dataset.state = 'loading';
    this.results.setAttribute('aria-busy', 'true');
    this.setStatus('loading', 'isoComputing');
    if (this.button) this.button.disabled = true;
    try {
      /** @type {IsochroneResult} */
      const result = await getJson(`/api/isochrone?${q}`, ctrl.signal);
      if (ctrl !== this.pending) return;
      this.result = result;
      this.shown = { excludeFeed, percentile, windowed, direction: arrive ? 'arrive' : 'depart', time: this.time.value.slice(0, 16), window: q.get('window') ?? '', query: q.toString() };
      if (!this.pin && result.stops.length > 0 && !this.place.ref) {
        // a place typed as a name keeps its value (a name may stand for several platforms); the
        // pin goes to the stop it names
        const ref = this.stops.find((s) => s.id === place || s.name === place || s.names?.en === place);
        if (ref) {
          this.place.ref = ref;
          this.setPin(ref);
        }
      }
      this.draw(true);
      this.renderResults();
      this.setStatus('idle', null, '');
      this.results.dataset.state = 'done';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (ctrl !== this.pending) return;
      const apiErr = err instanceof ApiError ? err : null;
      const message = apiErr ? (apiErr.status === 0 ? t('networkError') : apiErr.message) : String(err);
      const field = apiErr?.field ? FIELD_OF[apiErr.field] : undefined;
      if (field) {
        this.showError(field, message);
        this.setStatus('error', 'isoFailed');
      } else this.setStatus('error', null, message);
      this.results.dataset.state = 'error';
      if (!apiErr) console.error(err);
    } finally {
      if (ctrl === this.pending) {
        this.pending = null;
        this.results.removeAttribute('aria-busy');
        if (this.button) this.button.disabled = false;
      }
    }
  }

  /** The bands of the shown percentile, largest cutoff first (drawn bottom up). */
  bands() {
    const r = this.result;
    if (!r) return { bands: [], lost: [] };
    const p = this.shown.percentile;
    const mine = r.features.filter((f) => f.properties.percentile === p);
    return {
      bands: mine.filter((f) => f.properties.kind === 'isochrone' && f.properties.scenario === 'network').sort((a, b) => b.properties.cutoffMinutes - a.properties.cutoffMinutes),
      lost: mine.filter((f) => f.properties.kind === 'lost').sort((a, b) => b.properties.cutoffMinutes - a.properties.cutoffMinutes),
    };
  }

  /** Draw the result's bands (and lost areas) on the map; `fit` moves the view to them. */
  draw(fit = false) {
    const map = this.ctx?.map.map;
    map?.getContainer().classList.remove('has-isochrone');
    this.layer?.remove();
    this.layer = null;
    this.legend?.remove();
    this.legend = null;
    if (!map || !this.result || !this.active || !this.renderer) return;
    const renderer = this.renderer;
    if (!map.hasLayer(renderer)) renderer.addTo(map);
    ensureHatch(renderer);
    const { bands, lost } = this.bands();
    const n = bands.length;
    const group = L.featureGroup();
    bands.forEach((f, k) => {
      const i = n - 1 - k; // 0 = shortest cutoff
      const color = bandColor(i, n);
      L.geoJSON(/** @type {any} */ (f), {
        pane: 'isochrones',
        style: () => ({ renderer, color, weight: 1.2, opacity: 0.9, fillColor: color, fillOpacity: 0.42, className: `iso-band iso-band-${f.properties.cutoffMinutes}` }),
      })
        .bindTooltip(() => `${t('isoWithin', { n: f.properties.cutoffMinutes })} · ${km2(f.properties.areaKm2)}`, { sticky: true })
        .addTo(group);
    });
    // Only the largest cutoff's lost area: the smaller ones lie inside it.
    const lostOuter = lost[0];
    if (lostOuter && lostOuter.properties.areaKm2 > 0) {
      L.geoJSON(/** @type {any} */ (lostOuter), {
        pane: 'isochrones',
        style: () => ({ renderer, color: LOST, weight: 1.6, opacity: 1, dashArray: '5 4', fillColor: 'url(#iso-hatch)', fillOpacity: 1, className: 'iso-lost' }),
      })
        .bindTooltip(() => `${t('isoLost')} (${t('isoWithin', { n: lostOuter.properties.cutoffMinutes })}) · ${km2(lostOuter.properties.areaKm2)}`, { sticky: true })
        .addTo(group);
    }
    group.addTo(map);
    this.layer = group;
    map.getContainer().classList.add('has-isochrone');
    this.addLegend(bands, lostOuter);
    const b = group.getBounds();
    if (fit && b.isValid()) map.fitBounds(b, { padding: [30, 30], maxZoom: 13, animate: false });
  }

  /**
   * A small map legend (bottom left) for the bands and the lost area.
   * @param {BandFeature[]} bands largest first
   * @param {BandFeature | undefined} lost
   */
  addLegend(bands, lost) {
    const map = this.ctx?.map.map;
    if (!map) return;
    const Legend = L.Control.extend({
      onAdd: () => {
        const div = L.DomUtil.create('div', 'legend leaflet-bar iso-map-legend');
        div.id = 'iso-map-legend';
        L.DomEvent.disableClickPropagation(div);
        const n = bands.length;
        const title = this.shown.windowed ? `${t('isoBandsTitle')} · p${this.shown.percentile}` : t('isoBandsTitle');
        const rows = [...bands].reverse().map((f, i) =>
          h('li', {}, [h('span', { class: 'iso-swatch', style: `background:${bandColor(i, n)}` }), `${t('isoWithin', { n: f.properties.cutoffMinutes })}`]),
        );
        if (lost && lost.properties.areaKm2 > 0)
          rows.push(h('li', {}, [h('span', { class: 'iso-swatch iso-swatch-lost' }), t('isoLostWithout', { feed: feedLabel(this.shown.excludeFeed) })]));
        div.append(h('div', { class: 'legend-title' }, [title]), h('ul', {}, rows));
        return div;
      },
    });
    this.legend = new Legend({ position: 'bottomleft' }).addTo(map);
  }

  /** The panel's figures: per band km² and stops; the scenario comparison; the stops reached. */
  renderResults() {
    const r = this.result;
    if (!r || !this.results) return;
    const { bands } = this.bands();
    const asc = [...bands].reverse();
    const key = `p${this.shown.percentile}`;
    const stopsWithin = (/** @type {number} */ c) => r.stops.filter((s) => (s.minutes[key] ?? Infinity) <= c).length;
    const n = asc.length;
    const items = asc.map((f, i) => {
      const c = f.properties.cutoffMinutes;
      const k = stopsWithin(c);
      return h('li', { 'data-cutoff': String(c), 'data-area-km2': String(f.properties.areaKm2), 'data-stops': String(k) }, [
        h('span', { class: 'iso-swatch', style: `background:${bandColor(i, n)}` }),
        h('span', { class: 'iso-band-label' }, [t('isoWithin', { n: c })]),
        h('span', { class: 'iso-band-area' }, [km2(f.properties.areaKm2)]),
        h('span', { class: 'iso-band-stops' }, [t('isoStops', { n: k })]),
      ]);
    });
    const when = `${t(this.shown.direction === 'arrive' ? 'isoArriveBy' : 'isoDepartAt')} ${this.shown.time.replace('T', ' ')}`;
    const what = this.shown.windowed
      ? `${t(this.shown.direction === 'arrive' ? 'isoSamplesArrive' : 'isoSamplesDepart', { n: r.samples, p: this.shown.percentile })} ${this.shown.window.replace('-', '–')}`
      : when;
    /** @type {HTMLElement[]} */
    const out = [
      h('h2', { class: 'results-heading' }, [t('isoBandsTitle')]),
      h('p', { class: 'iso-meta' }, [
        `${what} · ${t('isoCell', { n: r.cellMetres })} · `,
        ...(r.realtime ? [h('span', { id: 'iso-live-shown', class: 'live', 'data-i18n': 'isoLiveShown' }, [t('isoLiveShown')]), ' · '] : []),
        h('a', { id: 'iso-svg-link', href: `/api/isochrone?${this.shown.query}&format=svg`, target: '_blank', rel: 'noopener' }, [t('isoSvg')]),
      ]),
      h('ul', { id: 'iso-bands', class: 'iso-bands' }, items),
    ];
    if (r.comparison && this.shown.excludeFeed) {
      const rows = r.comparison
        .filter((c) => c.percentile === this.shown.percentile)
        .sort((a, b) => a.cutoffMinutes - b.cutoffMinutes)
        .map((c) =>
          h('tr', { 'data-cutoff': String(c.cutoffMinutes), 'data-lost-km2': String(c.lostKm2) }, [
            h('th', { scope: 'row' }, [t('isoWithin', { n: c.cutoffMinutes })]),
            h('td', {}, [km2(c.areaKm2)]),
            h('td', {}, [km2(c.areaWithoutKm2)]),
            h('td', { class: 'iso-lost-cell' }, [km2(c.lostKm2)]),
            h('td', {}, [`${c.stops} → ${c.stopsWithout}`]),
          ]),
        );
      const head = h('tr', {}, ['', 'isoColWith', 'isoColWithout', 'isoColLost', 'isoColStops'].map((k) => h('th', { scope: 'col' }, [k ? t(/** @type {any} */ (k)) : ''])));
      const largest = r.comparison.filter((c) => c.percentile === this.shown.percentile).sort((a, b) => b.cutoffMinutes - a.cutoffMinutes)[0];
      const lostNames = (largest?.placesLost ?? []).map((name) => placeName({ name }));
      out.push(
        h('h3', { class: 'iso-compare-title' }, [h('span', { class: 'iso-swatch iso-swatch-lost' }), t('isoCompareTitle', { feed: feedLabel(this.shown.excludeFeed) })]),
        h('table', { id: 'iso-comparison', class: 'iso-comparison' }, [h('thead', {}, [head]), h('tbody', {}, rows)]),
        h('p', { id: 'iso-places-lost', class: 'iso-meta' }, [
          lostNames.length > 0 ? t('isoPlacesLost', { n: largest?.cutoffMinutes ?? '', list: lostNames.join(lang() === 'en' ? ', ' : '、') }) : t('isoNothingLost'),
        ]),
      );
    }
    const reached = r.stops
      .filter((s) => s.minutes[key] !== undefined)
      .slice(0, 40)
      .map((s) => h('li', {}, [h('span', {}, [placeName(s)]), h('span', { class: 'iso-min' }, [t('min', { n: Math.round(s.minutes[key]) })])]));
    out.push(h('details', { class: 'iso-stops' }, [h('summary', {}, [`${t('isoReached')} (${r.stops.length})`]), h('ol', {}, reached)]));
    this.results.replaceChildren(...out);
  }

  activate() {
    this.active = true;
    const map = this.ctx?.map.map;
    if (map && this.pin) this.pin.addTo(map);
    if (this.result) this.draw(false);
    setTimeout(() => map?.invalidateSize(), 0);
  }

  deactivate() {
    this.active = false;
    this.pending?.abort();
    this.pending = null;
    if (this.button) this.button.disabled = false;
    if (this.results && this.results.dataset.state === 'loading') this.results.dataset.state = this.result ? 'done' : 'idle';
    this.layer?.remove();
    this.layer = null;
    this.legend?.remove();
    this.legend = null;
    this.pin?.remove();
    this.renderer?.remove();
    this.ctx?.map.map.getContainer().classList.remove('has-isochrone');
  }

  /** @param {number} lat @param {number} lon */
  onMapClick(lat, lon) {
    this.search?.reset();
    this.setPlace(pointValue(lat, lon), null);
    void this.compute();
  }

  relabel() {
    if (!this.panel) return;
    translateDom(this.panel);
    this.updateTimeLabel();
    this.fillFeeds();
    if (this.place.ref && this.input) this.input.value = placeName(this.place.ref);
    this.search?.render();
    if (this.status) this.status.textContent = this.statusKey ? t(/** @type {any} */ (this.statusKey)) : (this.statusText ?? '');
    if (this.result) {
      this.renderResults();
      if (this.active) this.draw(false);
    }
  }
}

/** @param {L.SVG} renderer add the hatch pattern of the lost area to the renderer's <svg> once */
function ensureHatch(renderer) {
  const svg = /** @type {SVGSVGElement | undefined} */ (/** @type {any} */ (renderer)._container);
  if (!svg || svg.querySelector('#iso-hatch')) return;
  const NS = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(NS, 'defs');
  const pattern = document.createElementNS(NS, 'pattern');
  for (const [k, v] of Object.entries({ id: 'iso-hatch', patternUnits: 'userSpaceOnUse', width: '7', height: '7', patternTransform: 'rotate(45)' })) pattern.setAttribute(k, v);
  const bg = document.createElementNS(NS, 'rect');
  for (const [k, v] of Object.entries({ width: '7', height: '7', fill: LOST, 'fill-opacity': '0.12' })) bg.setAttribute(k, v);
  const line = document.createElementNS(NS, 'line');
  for (const [k, v] of Object.entries({ x1: '0', y1: '0', x2: '0', y2: '7', stroke: LOST, 'stroke-width': '2.5', 'stroke-opacity': '0.75' })) line.setAttribute(k, v);
  pattern.append(bg, line);
  defs.append(pattern);
  svg.prepend(defs);
}

/** @param {number} lat @param {number} lon */
function pointValue(lat, lon) {
  return `${lat.toFixed(5)},${lon.toFixed(5)}`;
}

/** @param {string} value @returns {{ lat: number, lon: number } | null} */
function latLon(value) {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  return m ? { lat: Number(m[1]), lon: Number(m[2]) } : null;
}

registerMode('isochrone', new IsochroneMode());
