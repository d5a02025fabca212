// @ts-check
/**
 * Stop search box with a debounced suggestion list (ARIA combobox): arrow keys move, Enter picks,
 * Escape closes; each `li` carries `data-id` = the stop id.
 */
import { searchStops, ApiError } from './api.js';
import { feedLabel, modeLabel, placeName } from './i18n.js';

/** @typedef {import('./api.js').Stop} Stop */

const COORDINATES = /^\s*-?\d+(\.\d*)?\s*,\s*-?\d/;

export class StopSearch {
  /**
   * @param {HTMLInputElement} input
   * @param {HTMLUListElement} list
   * @param {{ onSelect: (stop: Stop) => void, onType: (text: string) => void,
   *   fallback: (q: string) => Stop[] }} handlers `fallback` searches locally when /api/stops fails
   */
  constructor(input, list, handlers) {
    this.input = input;
    this.list = list;
    this.handlers = handlers;
    /** @type {Stop[]} */
    this.items = [];
    this.active = -1;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {AbortController | null} */
    this.pending = null;
    this.seq = 0;

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.autocomplete = 'off';
    list.setAttribute('role', 'listbox');
    list.hidden = true;

    input.addEventListener('input', () => {
      handlers.onType(input.value);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.search(input.value.trim()), 180);
    });
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    input.addEventListener('focus', () => {
      if (this.items.length > 0 && input.value.trim() !== '') this.open();
    });
    // Keep the focus in the input while a suggestion is clicked.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (e.target).closest('li[data-index]'));
      if (li) this.pick(Number(li.dataset.index));
    });
  }

  /** @param {string} q */
  async search(q) {
    this.pending?.abort();
    const seq = ++this.seq;
    if (q === '' || COORDINATES.test(q)) {
      this.show([]); // nothing to search; `lat,lon` is a place as it is
      return;
    }
    const ctrl = new AbortController();
    this.pending = ctrl;
    /** @type {Stop[]} */
    let stops;
    try {
      stops = await searchStops(q, ctrl.signal);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (!(err instanceof ApiError)) throw err;
      stops = this.handlers.fallback(q);
    }
    if (seq !== this.seq) return;
    this.show(stops);
  }

  /** @param {Stop[]} stops */
  show(stops) {
    this.items = stops;
    this.active = -1;
    this.render();
    if (stops.length > 0 && document.activeElement === this.input) this.open();
    else this.close();
  }

  /** Redraw the list (also after a language change). */
  render() {
    this.list.replaceChildren(
      ...this.items.map((s, i) => {
        const li = document.createElement('li');
        li.id = `${this.list.id}-${i}`;
        li.setAttribute('role', 'option');
        li.dataset.id = s.id;
        li.dataset.index = String(i);
        li.setAttribute('aria-selected', String(i === this.active));
        const name = document.createElement('span');
        name.className = 'suggestion-name';
        name.textContent = placeName(s);
        const meta = document.createElement('span');
        meta.className = 'suggestion-meta';
        meta.textContent = [...(s.modes ?? []).map(modeLabel), feedLabel(s.feed)].join(' · ');
        li.append(name, meta);
        return li;
      }),
    );
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  get isOpen() {
    return !this.list.hidden && this.items.length > 0;
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    if (e.isComposing) return; // an IME (pinyin) is composing: Enter belongs to it
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (this.items.length === 0) return;
      e.preventDefault();
      if (!this.isOpen) this.open();
      const n = this.items.length;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active - 1 + n) % n;
      this.render();
      this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && this.isOpen) {
      e.preventDefault();
      this.pick(this.active >= 0 ? this.active : 0);
    } else if (e.key === 'Escape' && this.isOpen) {
      e.preventDefault();
      this.close();
    }
  }

  /** @param {number} i */
  pick(i) {
    const stop = this.items[i];
    if (!stop) return;
    clearTimeout(this.timer);
    this.pending?.abort();
    this.seq++;
    this.close();
    this.handlers.onSelect(stop);
  }

  /** Forget the suggestions (e.g. after the value was set from the map). */
  reset() {
    clearTimeout(this.timer);
    this.pending?.abort();
    this.seq++;
    this.items = [];
    this.render();
    this.close();
  }
}
