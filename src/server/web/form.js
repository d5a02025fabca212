// @ts-check
/**
 * The panel's elements, the status line (`#status`, `data-state` loading | idle | error) and the
 * per-field error messages (`#from-error`, `#to-error`, `#time-error`, `#options-error`).
 */
import { t } from './i18n.js';

/** @param {string} id */
export function $(id) {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing`);
  return e;
}

export const ui = {
  form: /** @type {HTMLFormElement} */ ($('plan-form')),
  input: { from: /** @type {HTMLInputElement} */ ($('from-input')), to: /** @type {HTMLInputElement} */ ($('to-input')) },
  suggestions: { from: /** @type {HTMLUListElement} */ ($('from-suggestions')), to: /** @type {HTMLUListElement} */ ($('to-suggestions')) },
  error: { from: $('from-error'), to: $('to-error'), time: $('time-error'), options: $('options-error') },
  swap: $('swap-button'),
  arriveBy: /** @type {HTMLInputElement} */ ($('arrive-by')),
  time: /** @type {HTMLInputElement} */ ($('time-input')),
  timeLabel: $('time-label'),
  maxTransfers: /** @type {HTMLSelectElement} */ ($('max-transfers')),
  modeOptions: /** @type {HTMLFieldSetElement} */ ($('mode-options')),
  options: /** @type {HTMLDetailsElement} */ ($('options')),
  plan: /** @type {HTMLButtonElement} */ ($('plan-button')),
  lang: $('lang-toggle'),
  status: $('status'),
  hint: $('map-hint'),
  results: $('itineraries'),
};

/** @type {{ key: Parameters<typeof t>[0] | null, text: string }} the status, to relabel it */
let status = { key: 'loading', text: '' };

/**
 * @param {'loading' | 'idle' | 'error'} s
 * @param {Parameters<typeof t>[0] | null} key a UI string, or null with `text`
 * @param {string} [text]
 */
export function setStatus(s, key, text = '') {
  status = { key, text };
  ui.status.dataset.state = s;
  ui.status.textContent = key ? t(key) : text;
}

/** @param {'from' | 'to' | 'time' | 'options'} field @param {string | null} message */
export function setFieldError(field, message) {
  const e = ui.error[field];
  e.textContent = message ?? '';
  e.hidden = message === null;
  const input = field === 'from' || field === 'to' ? ui.input[field] : field === 'time' ? ui.time : null;
  if (input) input.setAttribute('aria-invalid', String(message !== null));
}

export function clearErrors() {
  for (const f of /** @type {const} */ (['from', 'to', 'time', 'options'])) setFieldError(f, null);
}

/** The API's `field` → where its message goes. */
export function fieldOf(/** @type {string | null} */ apiField) {
  if (apiField === 'from' || apiField === 'to') return apiField;
  if (apiField === 'depart' || apiField === 'arrive' || apiField === 'time') return 'time';
  if (apiField === 'maxTransfers' || apiField === 'modes') return 'options';
  return null;
}

/** Show the status again in the current language. */
export function relabelStatus() {
  if (status.key) ui.status.textContent = t(status.key);
}
