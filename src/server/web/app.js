// @ts-check
/**
 * The journey planner page: loads /api/config and /api/network, draws the map, and wires the
 * origin/destination search, the time controls, planning and the results. The plan's inputs live
 * in the URL query (from, to, time, arriveBy, lang, maxTransfers, modes) so a plan can be linked.
 */
import { ApiError, fetchConfig, fetchNetwork, fetchPlan } from './api.js';
import { lang, learnNames, placeName, setLang, t, translateDom } from './i18n.js';
import { MapView } from './map.js';
import { renderItineraries } from './plan.js';
import { ModeOptions } from './options.js';
import { StopSearch } from './search.js';
import { readQuery, writeQuery } from './url.js';
import { activeMode, initModes, modeMapClick, onModeChange, relabelModes } from './modes.js';
import { VehicleLayer } from './vehicles.js';
import { $, clearErrors, fieldOf, relabelStatus, setFieldError, setStatus, ui } from './form.js';
import './freight.js';
import './isochrone.js';

/** @typedef {import('./api.js').Stop} Stop */
/** @typedef {import('./api.js').Config} Config */
/** @typedef {import('./api.js').PlanResult} PlanResult */
/** @typedef {import('./map.js').End} End */
/**
 * One end of the journey: `value` is what /api/plan receives (stop id, name or `lat,lon`);
 * `ref` is the stop it names, when known (for its name in either language and its pin).
 * @typedef {{ value: string, ref: { name: string, names?: { en?: string }, lat: number, lon: number } | null }} Endpoint
 */

const LATLON = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

const state = {
  /** @type {Record<End, Endpoint>} */
  ends: { from: { value: '', ref: null }, to: { value: '', ref: null } },
  /** @type {End} which end the next map click sets */
  nextClick: /** @type {End} */ ('from'),
  /** @type {PlanResult | null} */
  result: null,
  selected: 0,
  /** @type {AbortController | null} */
  planning: null,
  /** @type {Map<string, Stop>} */
  stopsById: new Map(),
  /** @type {Stop[]} */
  stops: [],
};

/** @type {MapView} */
let mapView;
/** @type {Record<End, StopSearch>} */
let search;
/** @type {ModeOptions} */
let modeOptions;
/** @type {VehicleLayer | null} */
let vehicleLayer = null;

// ---------------------------------------------------------------- endpoints

/** @param {End} end */
function showEndpoint(end) {
  const e = state.ends[end];
  ui.input[end].value = e.ref ? placeName(e.ref) : e.value;
  const m = LATLON.exec(e.value);
  const at = e.ref ?? (m ? { lat: Number(m[1]), lon: Number(m[2]) } : null);
  mapView?.setPin(end, at);
}

/**
 * @param {End} end
 * @param {string} value
 * @param {Endpoint['ref']} [ref]
 */
function setEndpoint(end, value, ref = null) {
  state.ends[end] = { value, ref: ref ?? lookupStop(value) };
  setFieldError(end, null);
  showEndpoint(end);
}

/** A stop of the network by id, or by an exact name (any language) when only one stop has it. */
function lookupStop(/** @type {string} */ value) {
  const byId = state.stopsById.get(value);
  if (byId) return byId;
  const named = state.stops.filter((s) => s.name === value || s.names?.en === value);
  return named.length === 1 ? named[0] : null;
}

/** @param {number} lat @param {number} lon */
function pointValue(lat, lon) {
  return `${lat.toFixed(5)},${lon.toFixed(5)}`;
}

function updateHint() {
  ui.hint.textContent = t(state.nextClick === 'from' ? 'clickNextFrom' : 'clickNextTo');
}

/** Plan now if both ends are set (after a map click, a stop pick or a drag). */
function planIfReady() {
  if (state.ends.from.value && state.ends.to.value && ui.time.value) void plan();
}

// ---------------------------------------------------------------- URL state

/** @returns {import('./url.js').PageQuery} */
function pageQuery() {
  return {
    from: state.ends.from.value,
    to: state.ends.to.value,
    time: ui.time.value ? ui.time.value.slice(0, 16) : null,
    arriveBy: ui.arriveBy.checked,
    lang: lang(),
    maxTransfers: ui.maxTransfers.value,
    modes: modeOptions?.selected ?? null,
  };
}

function writeUrl(/** @type {boolean} */ push = false) {
  writeQuery(pageQuery(), push);
}

/** @param {Config} config @returns {boolean} whether the URL holds a complete plan */
function readUrl(config) {
  const q = readQuery(location.search);
  setEndpoint('from', q.from);
  setEndpoint('to', q.to);
  ui.time.value = q.time ?? `${config.defaultDate}T08:00`;
  ui.arriveBy.checked = q.arriveBy;
  ui.maxTransfers.value = q.maxTransfers;
  modeOptions.selected = q.modes;
  if (q.modes || q.maxTransfers) ui.options.open = true;
  updateTimeLabel();
  state.nextClick = state.ends.from.value && !state.ends.to.value ? 'to' : 'from';
  updateHint();
  return Boolean(state.ends.from.value && state.ends.to.value);
}

function updateTimeLabel() {
  ui.timeLabel.textContent = t(ui.arriveBy.checked ? 'arriveAt' : 'departAt');
}

// ---------------------------------------------------------------- planning

async function plan() {
  clearErrors();
  const from = state.ends.from.value.trim();
  const to = state.ends.to.value.trim();
  let ok = true;
  if (!from) (setFieldError('from', t('needFrom')), (ok = false));
  if (!to) (setFieldError('to', t('needTo')), (ok = false));
  if (!ui.time.value) (setFieldError('time', t('needTime')), (ok = false));
  if (!ok) return;
  writeUrl(true);

  state.planning?.abort();
  const ctrl = new AbortController();
  state.planning = ctrl;
  ui.results.dataset.state = 'loading';
  ui.results.setAttribute('aria-busy', 'true');
  setStatus('loading', 'planning');
  try {
    const result = await fetchPlan(
      { from, to, time: ui.time.value.slice(0, 16), arriveBy: ui.arriveBy.checked, maxTransfers: ui.maxTransfers.value, modes: modeOptions.selected?.join(',') ?? '', lang: lang() },
      ctrl.signal,
    );
    if (ctrl !== state.planning) return;
    state.result = result;
    state.selected = 0;
    renderResults();
    const legs = result.itineraries[0]?.legs ?? [];
    if (legs.length > 0) {
      // Ends given as text (a name) get their pin where the journey starts and ends.
      if (!mapView.pins.from) mapView.setPin('from', legs[0].from);
      if (!mapView.pins.to) mapView.setPin('to', legs[legs.length - 1].to);
    }
    setStatus('idle', null, '');
    ui.results.dataset.state = 'done';
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    if (ctrl !== state.planning) return;
    state.result = null;
    mapView.showItinerary(null);
    const apiErr = err instanceof ApiError ? err : null;
    const message = apiErr ? (apiErr.status === 0 ? t('networkError') : apiErr.message) : String(err);
    const field = fieldOf(apiErr?.field ?? null);
    // The message goes next to its field when the API names one; #status says what happened.
    if (field) {
      setFieldError(field, message);
      setStatus('error', 'planFailed');
    } else setStatus('error', null, message);
    ui.results.replaceChildren();
    ui.results.dataset.state = 'error';
    if (!apiErr) console.error(err);
  } finally {
    if (ctrl === state.planning) {
      ui.results.removeAttribute('aria-busy');
      state.planning = null;
    }
  }
}

function renderResults() {
  if (!state.result) return;
  renderItineraries(ui.results, state.result.itineraries, state.selected, selectItinerary, (leg) => mapView.legColor(leg));
  mapView.showItinerary(state.result.itineraries[state.selected] ?? null);
}

/** @param {number} i */
function selectItinerary(i) {
  if (!state.result || i === state.selected) return;
  state.selected = i;
  for (const card of ui.results.querySelectorAll('.itinerary')) {
    const on = Number(/** @type {HTMLElement} */ (card).dataset.index) === i;
    if (on) card.setAttribute('aria-current', 'true');
    else card.removeAttribute('aria-current');
    card.querySelector('.itinerary-head')?.setAttribute('aria-pressed', String(on));
  }
  mapView.showItinerary(state.result.itineraries[i] ?? null);
}

// ---------------------------------------------------------------- language

function applyLanguage() {
  translateDom(document);
  ui.lang.setAttribute('lang', lang() === 'zh' ? 'en' : 'zh-CN');
  document.title = `${t('title')} · jjj-router`;
  updateTimeLabel();
  updateHint();
  relabelStatus();
  for (const end of /** @type {End[]} */ (['from', 'to'])) {
    if (state.ends[end].ref) ui.input[end].value = placeName(state.ends[end].ref);
    search?.[end].render();
  }
  if (mapView) {
    mapView.relabel();
    modeOptions?.relabel();
    relabelModes();
    vehicleLayer?.relabel();
  }
  if (state.result) {
    renderItineraries(ui.results, state.result.itineraries, state.selected, selectItinerary, (leg) => mapView.legColor(leg));
  }
}

// ---------------------------------------------------------------- start

async function main() {
  setLang(readQuery(location.search).lang);
  applyLanguage();
  setStatus('loading', 'loading');
  ui.plan.disabled = true; // until the map and the network are there

  ui.lang.addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    applyLanguage();
    writeUrl();
  });
  ui.arriveBy.addEventListener('change', () => {
    updateTimeLabel();
    writeUrl();
  });
  ui.time.addEventListener('change', () => {
    setFieldError('time', null);
    writeUrl();
  });
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (mapView) void plan();
  });
  ui.swap.addEventListener('click', () => {
    const { from, to } = state.ends;
    state.ends = { from: to, to: from };
    showEndpoint('from');
    showEndpoint('to');
    clearErrors();
    writeUrl();
    if (state.result) void plan();
  });

  const onWait = (/** @type {boolean} */ waiting) => setStatus('loading', waiting ? 'networkLoading' : 'loading');
  /** @type {Config} */
  let config;
  /** @type {import('./api.js').Network} */
  let network;
  try {
    config = await fetchConfig(onWait);
    setStatus('loading', 'loadingNetwork');
    network = await fetchNetwork(onWait);
  } catch (err) {
    setStatus('error', null, err instanceof Error ? err.message : String(err));
    throw err;
  }

  mapView = new MapView($('map'), config, {
    onMapClick(lat, lon) {
      if (modeMapClick(lat, lon)) return;
      const end = state.nextClick;
      setEndpoint(end, pointValue(lat, lon), null);
      search[end].reset();
      state.nextClick = end === 'from' ? 'to' : 'from';
      updateHint();
      writeUrl();
      planIfReady();
    },
    onStopPick(stop, end) {
      setEndpoint(end, stop.id, stop);
      search[end].reset();
      state.nextClick = end === 'from' ? 'to' : 'from';
      updateHint();
      writeUrl();
      planIfReady();
    },
    onPinMoved(end, lat, lon) {
      setEndpoint(end, pointValue(lat, lon), null);
      writeUrl();
      planIfReady();
    },
  });
  mapView.drawNetwork(network);

  const modes = new Set();
  for (const f of network.features) {
    const p = f.properties;
    if (p.kind === 'stop') {
      const [lon, lat] = /** @type {[number, number]} */ (f.geometry.coordinates);
      const stop = { id: p.id, name: p.name, names: p.names ?? {}, lat, lon, feed: p.feed, modes: p.modes ?? [] };
      state.stops.push(stop);
      state.stopsById.set(stop.id, stop);
    } else modes.add(p.mode);
  }
  learnNames(state.stops);
  modeOptions = new ModeOptions(ui.modeOptions, modes);

  /** Local stop search, used if /api/stops is unavailable. */
  const fallback = (/** @type {string} */ q) => {
    const needle = q.toLowerCase();
    return state.stops.filter((s) => s.name.toLowerCase().includes(needle) || s.names?.en?.toLowerCase().includes(needle)).slice(0, 10);
  };
  search = {
    from: new StopSearch(ui.input.from, ui.suggestions.from, {
      onSelect: (stop) => (setEndpoint('from', stop.id, stop), writeUrl(), ui.input.to.value === '' && ui.input.to.focus()),
      onType: (text) => typed('from', text),
      fallback,
    }),
    to: new StopSearch(ui.input.to, ui.suggestions.to, {
      onSelect: (stop) => (setEndpoint('to', stop.id, stop), writeUrl()),
      onType: (text) => typed('to', text),
      fallback,
    }),
  };
  ui.modeOptions.addEventListener('change', () => writeUrl());
  ui.maxTransfers.addEventListener('change', () => writeUrl());

  const complete = readUrl(config);
  window.addEventListener('popstate', () => {
    if (readUrl(config)) void plan();
  });

  initModes({ map: mapView, config, stops: state.stops });
  // live vehicles in journey mode (off when the server has no realtime feed)
  const vehicles = new VehicleLayer(mapView, () => activeMode() === 'plan');
  vehicleLayer = vehicles;
  onModeChange(() => vehicles.update());
  void vehicles.start();

  setStatus('idle', null, '');
  ui.plan.disabled = false;
  document.body.dataset.ready = 'true';
  if (complete) void plan();
}

/** Typing replaces the chosen stop with the text itself (an exact name or `lat,lon` also plans). */
function typed(/** @type {End} */ end, /** @type {string} */ text) {
  state.ends[end] = { value: text.trim(), ref: null };
  setFieldError(end, null);
  const m = LATLON.exec(text);
  mapView.setPin(end, m ? { lat: Number(m[1]), lon: Number(m[2]) } : null);
}

void main();
