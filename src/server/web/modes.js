// @ts-check
/**
 * The page's modes: `plan` (journeys, the default, wired in app.js), `isochrone` (commute circles,
 * isochrone.js) and `freight` (sea-rail freight, freight.js). A mode owns a panel section
 * (`#<name>-panel`) and, while active, receives the map clicks. The tab bar is `#mode-tabs`
 * (buttons with `data-mode`); the active mode is `body[data-mode]` and the URL query's `mode`.
 *
 * A mode module calls `registerMode(name, mode)` when imported; app.js calls `initModes(ctx)` once
 * the map and network are ready, which calls each mode's `init(ctx)` and activates the mode from
 * the URL.
 */

/**
 * What a mode gets from the page.
 * @typedef {{
 *   map: import('./map.js').MapView,
 *   config: import('./api.js').Config,
 *   stops: import('./api.js').Stop[],
 * }} ModeContext
 */

/**
 * @typedef {{
 *   init?: (ctx: ModeContext) => void,
 *   activate?: () => void,
 *   deactivate?: () => void,
 *   onMapClick?: (lat: number, lon: number) => void,
 *   relabel?: () => void,
 * }} Mode
 */

/** @type {Map<string, Mode>} */
const modes = new Map([['plan', {}]]);
let active = 'plan';
/** @type {((name: string) => void)[]} */
const listeners = [];

/** Call `f` with the new mode's name after every mode change. */
export function onModeChange(/** @type {(name: string) => void} */ f) {
  listeners.push(f);
}
/** @type {ModeContext | null} */
let context = null;

/** @param {string} name @param {Mode} mode */
export function registerMode(name, mode) {
  modes.set(name, mode);
  if (context) mode.init?.(context);
  const tab = document.querySelector(`#mode-tabs [data-mode="${name}"]`);
  if (tab instanceof HTMLElement) tab.hidden = false;
}

export function activeMode() {
  return active;
}

/** @param {string} name */
export function setMode(name) {
  if (!modes.has(name) || name === active) return;
  modes.get(active)?.deactivate?.();
  active = name;
  document.body.dataset.mode = name;
  for (const tab of document.querySelectorAll('#mode-tabs [data-mode]')) {
    if (!(tab instanceof HTMLElement)) continue;
    const on = tab.dataset.mode === name;
    tab.setAttribute('aria-selected', String(on));
    tab.classList.toggle('active', on);
  }
  for (const [n] of modes) {
    const panel = document.getElementById(`${n}-panel`);
    if (panel) panel.hidden = n !== name;
  }
  const url = new URL(location.href);
  if (name === 'plan') url.searchParams.delete('mode');
  else url.searchParams.set('mode', name);
  history.replaceState(history.state, '', url);
  modes.get(name)?.activate?.();
  for (const f of listeners) f(name);
}

/** Route a map click to the active mode; false when the plan mode (app.js) should handle it. */
export function modeMapClick(/** @type {number} */ lat, /** @type {number} */ lon) {
  if (active === 'plan') return false;
  modes.get(active)?.onMapClick?.(lat, lon);
  return true;
}

/** Relabel every mode after a language change. */
export function relabelModes() {
  for (const m of modes.values()) m.relabel?.();
}

/** @param {ModeContext} ctx */
export function initModes(ctx) {
  context = ctx;
  for (const [, m] of modes) m.init?.(ctx);
  for (const tab of document.querySelectorAll('#mode-tabs [data-mode]')) {
    if (!(tab instanceof HTMLElement)) continue;
    if (!modes.has(tab.dataset.mode ?? '')) tab.hidden = true;
    tab.addEventListener('click', () => setMode(tab.dataset.mode ?? 'plan'));
  }
  const wanted = new URL(location.href).searchParams.get('mode');
  if (wanted) setMode(wanted);
}
