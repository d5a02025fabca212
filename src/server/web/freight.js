// @ts-check
/// <reference types="leaflet" />
/**
 * Freight mode (`#freight-panel`): a container shipment — origin and destination among the freight
 * places (/api/freight/places: dry ports, rail yards and terminals, ports, overseas ports, cities)
 * or a map click for the origin, ready time, TEU and tonnes per TEU — planned by
 * /api/freight/plan. The options are compared side by side (time, cost and CO2e as horizontal
 * bars, the all-road option marked) and the selected option's chain is drawn on the map (trucks
 * along the road graph, rail and sailings in their own colours, terminals as rings).
 *
 * Contract for tests: `#freight-from`, `#freight-to` (selects; option values are place ids or
 * `lat,lon`), `#freight-ready`, `#freight-teu`, `#freight-tonnes`, `#freight-plan-button`,
 * `#freight-status` (`data-state`), `#freight-results` (`data-state` idle | loading | done |
 * error) with `.freight-bars .freight-bar` (`data-metric` time | cost | co2, `data-index`,
 * `data-kind`) and `.freight-option` cards (`data-index`, `data-kind` sea-rail | rail | all-road,
 * `data-all-road`, `aria-current` on the one drawn); each leg is a `.freight-leg[data-mode]`.
 */
import { getJson } from './api.js';
import { alertsEl } from './plan.js';
import { registerMode } from './modes.js';
import { lang, t } from './i18n.js';
import { escapeHtml } from './map.js';

/**
 * @typedef {{ id: string | null, name: string, nameEn?: string, lat: number, lon: number }} FreightPlaceOut
 * @typedef {{ id: string, name: string, nameEn?: string, lat: number, lon: number, kind: string, overseas: boolean }} FreightPlace
 * @typedef {{ tripId: string, departure: string, arrival: string, teu: number }} Run
 * @typedef {{ mode: 'TRUCK' | 'RAIL' | 'SHIP' | 'TERMINAL', from: FreightPlaceOut, to: FreightPlaceOut,
 *   departure: string, arrival: string, distanceKm: number, costCny: number, co2eKg: number,
 *   trucks?: number, roads?: string[], restMinutes?: number, routeId?: string, routeName?: string,
 *   capacityTeu?: number | null, departures?: Run[],
 *   terminal?: { role: string, flow: string | null, customsMode: string | null, handlingMinutes: number },
 *   alerts?: import('./api.js').Alert[],
 *   geometry: { type: 'LineString', coordinates: [number, number][] } }} FreightLeg
 * @typedef {{ kind: 'sea-rail' | 'rail' | 'all-road', allRoad: boolean, dominated: boolean,
 *   departure: string, arrival: string, durationHours: number, costCny: number, co2eKg: number,
 *   vsAllRoad: { hours: number, costCny: number, co2eKg: number } | null,
 *   split: { routeName: string, capacityTeu: number, departures: Run[] }[], notes: string[],
 *   legs: FreightLeg[] }} FreightOption
 * @typedef {{ from: FreightPlaceOut, to: FreightPlaceOut, ready: string, teu: number, tonnesPerTeu: number,
 *   timeZone: string, options: FreightOption[] }} FreightResult
 * @typedef {'from' | 'to' | 'ready' | 'teu' | 'tonnesPerTeu' | 'customs'} Field
 */

/** Chain colours on the map and in the leg badges. */
export const FREIGHT_COLORS = /** @type {const} */ ({ TRUCK: '#d9730d', RAIL: '#2e7d32', SHIP: '#1565c0', TERMINAL: '#5d6675' });
/** Bar colours by option kind. */
const KIND_COLORS = /** @type {Record<string, string>} */ ({ 'sea-rail': '#1565c0', rail: '#2e7d32', 'all-road': '#d9730d' });

const GROUPS = /** @type {const} */ ([
  ['dry_port', 'frGroupDryPort'],
  ['rail_yard', 'frGroupRailYard'],
  ['rail_terminal', 'frGroupRailTerminal'],
  ['port', 'frGroupPort'],
  ['port_terminal', 'frGroupPortTerminal'],
  ['overseas_port', 'frGroupOverseas'],
  ['city', 'frGroupCity'],
]);

const LATLON = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/** @type {import('./modes.js').ModeContext | null} */
let ctx = null;
/** @type {FreightPlace[] | null} */
let places = null;
let placesPromise = /** @type {Promise<void> | null} */ (null);
/** @type {FreightResult | null} */
let result = null;
let selected = 0;
/** @type {AbortController | null} */
let planning = null;
/** Origin chosen by a map click (`lat,lon`), or null. */
let clickedOrigin = /** @type {string | null} */ (null);
/** Fit the map to the whole chain (true) or to its part in the region (false). */
let fitAll = false;
/** @type {L.FeatureGroup | null} */
let layer = null;
/** @type {L.Marker | null} */
let originPin = null;
/** Status key and text, to relabel. */
let status = /** @type {{ state: string, key: Parameters<typeof t>[0] | null, text: string }} */ ({ state: 'idle', key: null, text: '' });

// ---------------------------------------------------------------- DOM

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** @param {string} id */
function byId(id) {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing`);
  return e;
}

const PANEL_HTML = `
<form id="freight-form" class="freight-form" novalidate autocomplete="off">
  <p class="freight-intro" data-i18n="frIntro"></p>
  <div class="field">
    <label for="freight-from"><span class="dot dot-from" aria-hidden="true"></span><span data-i18n="frFrom"></span></label>
    <select id="freight-from" aria-describedby="freight-from-error"></select>
    <p id="freight-from-error" class="field-error" role="alert" hidden></p>
  </div>
  <div class="field">
    <label for="freight-to"><span class="dot dot-to" aria-hidden="true"></span><span data-i18n="frTo"></span></label>
    <select id="freight-to" aria-describedby="freight-to-error"></select>
    <p id="freight-to-error" class="field-error" role="alert" hidden></p>
  </div>
  <div class="freight-row">
    <div class="field">
      <label for="freight-ready" data-i18n="frReady"></label>
      <input id="freight-ready" type="datetime-local" step="60" aria-describedby="freight-ready-error" />
      <p id="freight-ready-error" class="field-error" role="alert" hidden></p>
    </div>
    <div class="field">
      <label for="freight-customs" data-i18n="frCustoms"></label>
      <select id="freight-customs" aria-describedby="freight-customs-error">
        <option value="direct_loading" data-i18n="frCustomsDirect"></option>
        <option value="standard" data-i18n="frCustomsStandard"></option>
      </select>
      <p id="freight-customs-error" class="field-error" role="alert" hidden></p>
    </div>
  </div>
  <div class="freight-row">
    <div class="field">
      <label for="freight-teu" data-i18n="frTeu"></label>
      <input id="freight-teu" type="number" min="1" max="10000" step="1" value="78" inputmode="numeric" aria-describedby="freight-teu-error" />
      <p id="freight-teu-error" class="field-error" role="alert" hidden></p>
    </div>
    <div class="field">
      <label for="freight-tonnes" data-i18n="frTonnes"></label>
      <input id="freight-tonnes" type="number" min="0.1" max="28" step="0.1" value="16" inputmode="decimal" aria-describedby="freight-tonnesPerTeu-error" />
      <p id="freight-tonnesPerTeu-error" class="field-error" role="alert" hidden></p>
    </div>
  </div>
  <button id="freight-plan-button" type="submit" class="plan-button" data-i18n="frPlan"></button>
</form>
<p id="freight-status" class="status" role="status" aria-live="polite" data-state="idle"></p>
<p class="hint" data-i18n="frClickHint"></p>
<section id="freight-results" class="freight-results" aria-live="polite" data-state="idle"></section>`;

const ui = {
  /** @type {HTMLFormElement} */ form: /** @type {any} */ (null),
  /** @type {HTMLSelectElement} */ from: /** @type {any} */ (null),
  /** @type {HTMLSelectElement} */ to: /** @type {any} */ (null),
  /** @type {HTMLInputElement} */ ready: /** @type {any} */ (null),
  /** @type {HTMLInputElement} */ teu: /** @type {any} */ (null),
  /** @type {HTMLInputElement} */ tonnes: /** @type {any} */ (null),
  /** @type {HTMLSelectElement} */ customs: /** @type {any} */ (null),
  /** @type {HTMLButtonElement} */ plan: /** @type {any} */ (null),
  /** @type {HTMLElement} */ status: /** @type {any} */ (null),
  /** @type {HTMLElement} */ results: /** @type {any} */ (null),
};

function buildPanel() {
  const panel = byId('freight-panel');
  panel.innerHTML = PANEL_HTML;
  ui.form = /** @type {HTMLFormElement} */ (byId('freight-form'));
  ui.from = /** @type {HTMLSelectElement} */ (byId('freight-from'));
  ui.to = /** @type {HTMLSelectElement} */ (byId('freight-to'));
  ui.ready = /** @type {HTMLInputElement} */ (byId('freight-ready'));
  ui.teu = /** @type {HTMLInputElement} */ (byId('freight-teu'));
  ui.tonnes = /** @type {HTMLInputElement} */ (byId('freight-tonnes'));
  ui.customs = /** @type {HTMLSelectElement} */ (byId('freight-customs'));
  ui.plan = /** @type {HTMLButtonElement} */ (byId('freight-plan-button'));
  ui.status = byId('freight-status');
  ui.results = byId('freight-results');
  relabelStatic();
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void plan();
  });
  for (const [input, field] of /** @type {[HTMLElement, Field][]} */ ([
    [ui.from, 'from'],
    [ui.to, 'to'],
    [ui.ready, 'ready'],
    [ui.teu, 'teu'],
    [ui.tonnes, 'tonnesPerTeu'],
    [ui.customs, 'customs'],
  ]))
    input.addEventListener('change', () => setFieldError(field, null));
  ui.from.addEventListener('change', () => {
    if (ui.from.value !== clickedOrigin) setOriginPin(null);
    else setOriginPin(clickedOrigin);
  });
}

/** The panel's static labels (data-i18n) in the current language. */
function relabelStatic() {
  const panel = byId('freight-panel');
  for (const e of panel.querySelectorAll('[data-i18n]')) e.textContent = t(/** @type {any} */ (e.getAttribute('data-i18n')));
}

/**
 * @param {string} state
 * @param {Parameters<typeof t>[0] | null} key
 * @param {string} [text]
 */
function setStatus(state, key, text = '') {
  status = { state, key, text };
  ui.status.dataset.state = state;
  ui.status.textContent = key ? t(key) : text;
}

/** @param {Field} field @param {string | null} message */
function setFieldError(field, message) {
  const e = document.getElementById(`freight-${field}-error`);
  if (!e) return;
  e.textContent = message ?? '';
  e.hidden = message === null;
  const input = { from: ui.from, to: ui.to, ready: ui.ready, teu: ui.teu, tonnesPerTeu: ui.tonnes, customs: ui.customs }[field];
  input.setAttribute('aria-invalid', String(message !== null));
}

function clearErrors() {
  for (const f of /** @type {Field[]} */ (['from', 'to', 'ready', 'teu', 'tonnesPerTeu', 'customs'])) setFieldError(f, null);
}

// ---------------------------------------------------------------- places

/** @param {{ name: string, nameEn?: string } | null | undefined} p */
function nameOf(p) {
  if (!p) return '';
  if (LATLON.test(p.name)) return `${t('mapPoint')} (${p.name.replace(/\s/g, '').replace(',', ', ')})`;
  return lang() === 'en' ? p.nameEn || p.name : p.name;
}

function loadPlaces() {
  placesPromise ??= (async () => {
    setStatus('loading', 'frLoadingPlaces');
    ui.plan.disabled = true;
    try {
      const body = /** @type {{ places: FreightPlace[] }} */ (await getJson('/api/freight/places'));
      places = body.places;
      fillSelects();
      setStatus('idle', null, '');
      ui.plan.disabled = false;
    } catch (err) {
      const e = /** @type {{ code?: string, message?: string }} */ (err);
      setStatus('error', e.code === 'no_freight' ? 'frNoFreight' : null, e.message ?? String(err));
      placesPromise = null; // try again on the next activation
    }
  })();
  return placesPromise;
}

/** (Re)build both selects from the places, keeping the chosen values. */
function fillSelects() {
  if (!places) return;
  const keep = { from: ui.from.value, to: ui.to.value };
  for (const end of /** @type {const} */ (['from', 'to'])) {
    const select = end === 'from' ? ui.from : ui.to;
    select.replaceChildren();
    if (end === 'from' && clickedOrigin) {
      const g = /** @type {HTMLOptGroupElement} */ (el('optgroup'));
      g.label = t('frGroupPoint');
      const o = /** @type {HTMLOptionElement} */ (el('option', '', nameOf({ name: clickedOrigin })));
      o.value = clickedOrigin;
      g.append(o);
      select.append(g);
    }
    for (const [kind, label] of GROUPS) {
      // overseas ports are destinations only (no trucks there)
      const list = places.filter((p) => p.kind === kind && !(end === 'from' && p.overseas));
      if (list.length === 0) continue;
      const g = /** @type {HTMLOptGroupElement} */ (el('optgroup'));
      g.label = t(label);
      for (const p of list) {
        const o = /** @type {HTMLOptionElement} */ (el('option', '', nameOf(p)));
        o.value = p.id;
        g.append(o);
      }
      select.append(g);
    }
  }
  const has = (/** @type {HTMLSelectElement} */ s, /** @type {string} */ v) => [...s.options].some((o) => o.value === v);
  ui.from.value = keep.from && has(ui.from, keep.from) ? keep.from : (places.find((p) => p.kind === 'dry_port')?.id ?? ui.from.options[0]?.value ?? '');
  ui.to.value = keep.to && has(ui.to, keep.to) ? keep.to : (places.find((p) => p.kind === 'port')?.id ?? ui.to.options[0]?.value ?? '');
}

/** @param {string | null} value `lat,lon` or null to remove */
function setOriginPin(value) {
  const m = value ? LATLON.exec(value) : null;
  if (!m || !ctx) {
    originPin?.remove();
    originPin = null;
    return;
  }
  const at = /** @type {L.LatLngTuple} */ ([Number(m[1]), Number(m[2])]);
  if (originPin) originPin.setLatLng(at);
  else {
    const icon = L.divIcon({ className: 'pin pin-from', html: `<span><b>${lang() === 'en' ? 'A' : '起'}</b></span>`, iconSize: [28, 28], iconAnchor: [14, 28] });
    originPin = L.marker(at, { icon, interactive: false, keyboard: false, zIndexOffset: 1000 }).addTo(ctx.map.map);
  }
}

// ---------------------------------------------------------------- planning

async function plan() {
  clearErrors();
  if (!places) await loadPlaces();
  let ok = true;
  if (!ui.from.value) (setFieldError('from', t('frNeedFrom')), (ok = false));
  if (!ui.to.value) (setFieldError('to', t('frNeedTo')), (ok = false));
  if (!ui.ready.value) (setFieldError('ready', t('needTime')), (ok = false));
  if (!ok) return;
  const q = new URLSearchParams({ from: ui.from.value, to: ui.to.value, ready: ui.ready.value.slice(0, 16), teu: ui.teu.value.trim(), tonnesPerTeu: ui.tonnes.value.trim(), customs: ui.customs.value, lang: lang() });
  planning?.abort();
  const ctrl = new AbortController();
  planning = ctrl;
  ui.results.dataset.state = 'loading';
  ui.results.setAttribute('aria-busy', 'true');
  setStatus('loading', 'frPlanning');
  try {
    const body = /** @type {FreightResult} */ (await getJson(`/api/freight/plan?${q}`, ctrl.signal));
    if (ctrl !== planning) return;
    result = body;
    // the first non-all-road option is drawn first (the point of the comparison), else the first
    selected = Math.max(0, body.options.findIndex((o) => !o.allRoad));
    fitAll = false;
    render();
    draw();
    setStatus('idle', body.options.length === 0 ? 'frNone' : null, '');
    ui.results.dataset.state = 'done';
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') return;
    if (ctrl !== planning) return;
    result = null;
    draw();
    ui.results.replaceChildren();
    ui.results.dataset.state = 'error';
    const e = /** @type {{ field?: string | null, message?: string }} */ (err);
    const field = /** @type {Field[]} */ (['from', 'to', 'ready', 'teu', 'tonnesPerTeu', 'customs']).find((f) => f === e.field);
    if (field) {
      setFieldError(field, e.message ?? String(err));
      setStatus('error', 'frFailed');
    } else setStatus('error', null, /** @type {{ code?: string }} */ (err).code === 'unreachable' ? t('networkError') : (e.message ?? String(err)));
  } finally {
    if (ctrl === planning) {
      ui.results.removeAttribute('aria-busy');
      planning = null;
    }
  }
}

// ---------------------------------------------------------------- formatting

/** `MM-DD HH:MM` of an ISO local time with offset. */
function when(/** @type {string} */ iso) {
  return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** @param {number} x @param {number} [digits] */
function num(x, digits = 0) {
  return x.toLocaleString(lang() === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Hours as days (≥ 3 days) or hours. */
function hoursText(/** @type {number} */ h) {
  return Math.abs(h) >= 72 ? t('frDays', { n: num(h / 24, 1) }) : t('frHours', { n: num(h, 1) });
}

function cnyText(/** @type {number} */ cny) {
  if (lang() !== 'en') return Math.abs(cny) >= 10000 ? t('frWanCny', { n: num(cny / 10000, 1) }) : t('frCny', { n: num(cny) });
  return Math.abs(cny) >= 1e6 ? t('frCny', { n: `${num(cny / 1e6, 2)} M` }) : Math.abs(cny) >= 1e4 ? t('frCny', { n: `${num(cny / 1e3, 0)}k` }) : t('frCny', { n: num(cny) });
}

function co2Text(/** @type {number} */ kg) {
  return Math.abs(kg) >= 1000 ? t('frTonnesCo2', { n: num(kg / 1000, 1) }) : t('frKgCo2', { n: num(kg) });
}

/** A signed difference, e.g. `+7.0 天` or `−5.1 万元`. */
function signed(/** @type {number} */ x, /** @type {(x: number) => string} */ fmt) {
  if (Math.abs(x) < 1e-9) return '±0';
  return `${x > 0 ? '+' : '−'}${fmt(Math.abs(x))}`;
}

/** @param {FreightOption} o */
function kindLabel(o) {
  return t(o.kind === 'sea-rail' ? 'frKindSeaRail' : o.kind === 'rail' ? 'frKindRail' : 'frKindAllRoad');
}

/** @param {FreightLeg['mode']} m */
function legModeLabel(m) {
  return t(m === 'TRUCK' ? 'frLegTruck' : m === 'RAIL' ? 'frLegRail' : m === 'SHIP' ? 'frLegShip' : 'frLegTerminal');
}

/** @param {string} role */
function roleLabel(role) {
  const key = /** @type {Record<string, Parameters<typeof t>[0]>} */ ({
    gate_in: 'frRoleGateIn',
    gate_out: 'frRoleGateOut',
    transfer: 'frRoleTransfer',
    transfer_off: 'frRoleTransferOff',
    transfer_on: 'frRoleTransferOn',
  })[role];
  return key ? t(key) : role;
}

// ---------------------------------------------------------------- results

function render() {
  ui.results.replaceChildren();
  if (!result) return;
  const r = result;
  const head = el('div', 'freight-summary');
  head.append(
    el('strong', '', `${nameOf(r.from)} → ${nameOf(r.to)}`),
    el('span', 'freight-summary-meta', t('frSummary', { teu: num(r.teu), t: num(r.tonnesPerTeu, r.tonnesPerTeu % 1 ? 1 : 0), ready: when(r.ready), offset: r.ready.slice(19) })),
  );
  ui.results.append(head);
  if (r.options.length === 0) {
    ui.results.append(el('p', 'empty', t('frNone')));
    return;
  }
  ui.results.append(barsEl(r.options));
  const list = el('div', 'freight-options');
  r.options.forEach((o, i) => list.append(optionEl(o, i)));
  ui.results.append(list);
}

/**
 * Time, cost and CO2e of every option as horizontal bars on a common scale per metric.
 * @param {FreightOption[]} options
 */
function barsEl(options) {
  const box = el('div', 'freight-bars');
  box.append(el('h3', 'freight-bars-title', t('frChart')));
  /** @type {[string, Parameters<typeof t>[0], (o: FreightOption) => number, (x: number) => string][]} */
  const metrics = [
    ['time', 'frTime', (o) => o.durationHours, hoursText],
    ['cost', 'frCost', (o) => o.costCny, cnyText],
    ['co2', 'frCo2', (o) => o.co2eKg, co2Text],
  ];
  for (const [metric, label, value, fmt] of metrics) {
    const group = el('div', 'freight-metric');
    group.dataset.metric = metric;
    group.append(el('div', 'freight-metric-label', t(label)));
    const max = Math.max(...options.map(value), 1e-9);
    const best = Math.min(...options.map(value));
    options.forEach((o, i) => {
      const row = el('div', 'freight-bar');
      row.dataset.metric = metric;
      row.dataset.index = String(i);
      row.dataset.kind = o.kind;
      if (o.allRoad) row.dataset.allRoad = 'true';
      if (i === selected) row.setAttribute('aria-current', 'true');
      row.title = `${i + 1} · ${kindLabel(o)}: ${fmt(value(o))}`;
      const name = el('span', 'freight-bar-name', `${i + 1} ${kindLabel(o)}`);
      const track = el('span', 'freight-bar-track');
      const fill = el('span', 'freight-bar-fill');
      fill.style.width = `${Math.max(2, (value(o) / max) * 100).toFixed(1)}%`;
      fill.style.background = KIND_COLORS[o.kind] ?? '#777';
      track.append(fill);
      const v = el('span', `freight-bar-value${value(o) === best && options.length > 1 ? ' best' : ''}`, fmt(value(o)));
      row.append(name, track, v);
      row.addEventListener('click', () => select(i));
      group.append(row);
    });
    box.append(group);
  }
  return box;
}

/**
 * @param {FreightOption} o
 * @param {number} i
 */
function optionEl(o, i) {
  const card = el('article', 'freight-option');
  card.dataset.index = String(i);
  card.dataset.kind = o.kind;
  card.dataset.allRoad = String(o.allRoad);
  card.style.setProperty('--kind-color', KIND_COLORS[o.kind] ?? '#777');
  if (i === selected) card.setAttribute('aria-current', 'true');
  const head = /** @type {HTMLButtonElement} */ (el('button', 'freight-option-head'));
  head.type = 'button';
  head.title = t('frSelect');
  head.setAttribute('aria-pressed', String(i === selected));
  const title = el('span', 'freight-option-title');
  title.append(el('span', 'freight-option-index', String(i + 1)), el('span', 'freight-option-kind', kindLabel(o)));
  if (o.allRoad) title.append(el('span', 'freight-badge all-road', t('frAllRoadBadge')));
  if (o.dominated) title.append(el('span', 'freight-badge dominated', t('frDominated')));
  const times = el('span', 'freight-option-times', `${when(o.departure)} → ${when(o.arrival)}`);
  head.append(title, times);
  head.addEventListener('click', () => select(i));
  card.append(head);
  const figures = el('div', 'freight-option-figures', `${hoursText(o.durationHours)} · ${cnyText(o.costCny)} · ${co2Text(o.co2eKg)} CO2e`);
  card.append(figures);
  if (o.vsAllRoad && !o.allRoad) {
    const d = o.vsAllRoad;
    const vs = el('div', 'freight-option-vs');
    vs.append(el('span', '', `${t('frVsRoad')}: `));
    for (const [x, fmt, cls] of /** @type {[number, (x: number) => string, string][]} */ ([
      [d.hours, hoursText, 'time'],
      [d.costCny, cnyText, 'cost'],
      [d.co2eKg, co2Text, 'co2'],
    ])) {
      const s = el('span', `vs ${x < 0 ? 'better' : x > 0 ? 'worse' : ''} ${cls}`, signed(x, fmt));
      vs.append(s, ' ');
    }
    card.append(vs);
  }
  const legs = el('ol', 'freight-legs');
  for (const l of o.legs) legs.append(legEl(l));
  card.append(legs);
  for (const s of o.split) {
    card.append(el('p', 'freight-note', t('frSplit', { route: s.routeName, n: s.departures.length, list: s.departures.map((d) => `${d.teu} TEU ${when(d.departure)}`).join(', ') })));
  }
  return card;
}

/** @param {FreightLeg} l */
function legEl(l) {
  const li = el('li', 'freight-leg');
  li.dataset.mode = l.mode;
  li.style.setProperty('--leg-color', FREIGHT_COLORS[l.mode]);
  const time = el('span', 'freight-leg-time', when(l.departure));
  const badge = el('span', `leg-badge freight-leg-badge mode-${l.mode.toLowerCase()}`, legModeLabel(l.mode));
  const body = el('span', 'freight-leg-body');
  if (l.mode === 'TERMINAL') {
    body.append(el('span', 'freight-leg-title', nameOf(l.from)), el('span', 'freight-leg-detail', `${roleLabel(l.terminal?.role ?? '')} · ${when(l.departure)} → ${when(l.arrival)}`));
  } else {
    const title = l.mode === 'TRUCK' ? `${nameOf(l.from)} → ${nameOf(l.to)}` : `${l.routeName ?? ''}`;
    const detail = [
      l.mode === 'TRUCK' ? '' : `${nameOf(l.from)} → ${nameOf(l.to)}`,
      `${when(l.departure)} → ${when(l.arrival)}`,
      t('km', { n: num(l.distanceKm) }),
      l.mode === 'TRUCK' && l.trucks ? t('frTrucks', { n: l.trucks }) : '',
      l.roads?.length ? l.roads.join(' ') : '',
    ].filter((s) => s !== '');
    body.append(el('span', 'freight-leg-title', title), el('span', 'freight-leg-detail', detail.join(' · ')));
  }
  body.append(el('span', 'freight-leg-figures', `${cnyText(l.costCny)} · ${co2Text(l.co2eKg)}`));
  // GTFS-Realtime alerts on the rides and terminals they inform (fog closing the port, extra trains)
  if (l.alerts && l.alerts.length > 0) body.append(alertsEl(l.alerts));
  li.append(time, badge, body);
  return li;
}

/** @param {number} i */
function select(i) {
  if (!result || i === selected) return;
  selected = i;
  fitAll = false;
  for (const e of ui.results.querySelectorAll('.freight-option, .freight-bar')) {
    const on = Number(/** @type {HTMLElement} */ (e).dataset.index) === i;
    if (on) e.setAttribute('aria-current', 'true');
    else e.removeAttribute('aria-current');
    e.querySelector('.freight-option-head')?.setAttribute('aria-pressed', String(on));
  }
  draw();
}

// ---------------------------------------------------------------- map

/** Draw the selected option's chain (or nothing) and fit the map to it. */
function draw() {
  if (!ctx) return;
  const map = ctx.map.map;
  layer?.remove();
  layer = null;
  map.getContainer().classList.toggle('has-journey', false);
  const o = result?.options[selected];
  if (!o || o.legs.length === 0) return;
  layer = L.featureGroup().addTo(map);
  map.getContainer().classList.toggle('has-journey', true);
  /** @type {L.LatLngTuple[]} */
  const regional = [];
  let overseas = false;
  for (const l of o.legs) {
    const coords = l.geometry?.coordinates?.length
      ? l.geometry.coordinates
      : [
          [l.from.lon, l.from.lat],
          [l.to.lon, l.to.lat],
        ];
    const latlngs = coords.map(([lon, lat]) => /** @type {L.LatLngTuple} */ ([lat, lon]));
    if (l.mode === 'TERMINAL') {
      L.circleMarker(latlngs[0], { pane: 'journeyStops', radius: 7, color: FREIGHT_COLORS.TERMINAL, weight: 3, fillColor: '#fff', fillOpacity: 1 })
        .bindTooltip(`${nameOf(l.from)} · ${roleLabel(l.terminal?.role ?? '')}`, { direction: 'top', offset: [0, -6] })
        .addTo(layer);
      if (!overseas) regional.push(latlngs[0]);
      continue;
    }
    const color = FREIGHT_COLORS[l.mode];
    L.polyline(latlngs, { pane: 'journey', color: '#fff', weight: 10, opacity: 0.9, interactive: false }).addTo(layer);
    L.polyline(latlngs, { pane: 'journey', color, weight: 6, opacity: 1, dashArray: l.mode === 'SHIP' ? '10 8' : l.mode === 'TRUCK' ? '1 9' : undefined, lineCap: 'round' })
      .bindTooltip(`${legModeLabel(l.mode)} ${l.mode === 'TRUCK' ? `${nameOf(l.from)} → ${nameOf(l.to)}` : (l.routeName ?? '')} · ${t('km', { n: num(l.distanceKm) })}`, { sticky: true })
      .addTo(layer);
    if (l.mode === 'SHIP') {
      // a sailing leaves the region: keep its first point, the rest is "whole chain" only
      if (!overseas) regional.push(latlngs[0]);
      if (!fitAll) L.marker(latlngs[0], { icon: L.divIcon({ className: 'freight-sail-label', html: `<span>${escapeHtml(`${legModeLabel('SHIP')} → ${nameOf(l.to)}`)}</span>`, iconSize: [0, 0] }), pane: 'journeyStops', interactive: false, keyboard: false }).addTo(layer);
      overseas = overseas || Math.abs(latlngs[latlngs.length - 1][1] - latlngs[0][1]) > 8;
    } else if (!overseas) regional.push(...latlngs);
  }
  for (const [p, cls] of /** @type {[FreightPlaceOut, string][]} */ ([
    [o.legs[0].from, 'from'],
    [o.legs[o.legs.length - 1].to, 'to'],
  ])) {
    L.circleMarker([p.lat, p.lon], { pane: 'journeyStops', radius: 8, color: cls === 'from' ? '#1e8c45' : '#c8102e', weight: 4, fillColor: '#fff', fillOpacity: 1 })
      .bindTooltip(nameOf(p), { direction: 'top', offset: [0, -7], permanent: cls === 'from' || !overseas || fitAll, className: 'freight-end-label' })
      .addTo(layer);
  }
  addFitControl(overseas);
  const bounds = fitAll || !overseas || regional.length < 2 ? layer.getBounds() : L.latLngBounds(regional);
  // room for the legend (top right) and the zoom and fit buttons (top left)
  if (bounds.isValid()) map.fitBounds(bounds, { paddingTopLeft: [70, 70], paddingBottomRight: [90, 50], maxZoom: 12, animate: false });
}

/** @type {L.Control | null} */
let fitControl = null;

/** A map button switching between the region and the whole chain (only when the chain leaves the region). */
function addFitControl(/** @type {boolean} */ show) {
  fitControl?.remove();
  fitControl = null;
  if (!show || !ctx) return;
  const Fit = L.Control.extend({
    onAdd: () => {
      const b = /** @type {HTMLButtonElement} */ (L.DomUtil.create('button', 'freight-fit leaflet-bar'));
      b.type = 'button';
      b.id = 'freight-fit';
      b.textContent = t(fitAll ? 'frShowRegion' : 'frShowAll');
      L.DomEvent.disableClickPropagation(b);
      b.addEventListener('click', () => {
        fitAll = !fitAll;
        draw();
      });
      return b;
    },
  });
  fitControl = new Fit({ position: 'topleft' }).addTo(ctx.map.map);
}

// ---------------------------------------------------------------- mode

/** The plan mode's journey and pins are hidden while freight is shown, and restored after. */
let hidden = /** @type {L.Layer[]} */ ([]);

registerMode('freight', {
  init(c) {
    ctx = c;
    buildPanel();
    ui.ready.value = `${c.config.defaultDate}T08:00`;
  },
  activate() {
    if (!ctx) return;
    const map = ctx.map.map;
    hidden = [ctx.map.journey, ...Object.values(ctx.map.pins).filter((p) => p !== null)].filter((l) => map.hasLayer(l));
    for (const l of hidden) l.remove();
    void loadPlaces();
    draw();
    setOriginPin(ui.from.value === clickedOrigin ? clickedOrigin : null);
  },
  deactivate() {
    if (!ctx) return;
    const map = ctx.map.map;
    layer?.remove();
    layer = null;
    fitControl?.remove();
    fitControl = null;
    originPin?.remove();
    originPin = null;
    map.getContainer().classList.toggle('has-journey', ctx.map.journey.getLayers().length > 0);
    for (const l of hidden) l.addTo(map);
    hidden = [];
  },
  onMapClick(lat, lon) {
    clickedOrigin = `${lat.toFixed(5)},${lon.toFixed(5)}`;
    fillSelects();
    ui.from.value = clickedOrigin;
    setFieldError('from', null);
    setOriginPin(clickedOrigin);
  },
  relabel() {
    relabelStatic();
    fillSelects();
    if (status.key) ui.status.textContent = t(status.key);
    render();
    if (layer) draw();
  },
});
