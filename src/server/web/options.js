// @ts-check
/**
 * "More options": one checkbox per mode present in the network (all on = no `modes` filter).
 */
import { modeLabel } from './i18n.js';

const MODE_ORDER = ['rail', 'subway', 'tram', 'bus', 'ferry'];

/** @param {string} m */
function rank(m) {
  const i = MODE_ORDER.indexOf(m);
  return i < 0 ? MODE_ORDER.length : i;
}

export class ModeOptions {
  /**
   * @param {HTMLFieldSetElement} fieldset
   * @param {Iterable<string>} modes route modes of the network (`rail`, `subway`, …)
   */
  constructor(fieldset, modes) {
    this.fieldset = fieldset;
    for (const old of fieldset.querySelectorAll('label')) old.remove();
    for (const mode of [...new Set(modes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'modes';
      box.value = mode;
      box.checked = true;
      label.append(box, ` ${modeLabel(mode)}`);
      fieldset.append(label);
    }
  }

  get boxes() {
    return [...this.fieldset.querySelectorAll('input')];
  }

  /** @returns {string[] | null} the chosen modes, or null when every mode is allowed */
  get selected() {
    const on = this.boxes.filter((b) => b.checked).map((b) => b.value);
    return on.length === this.boxes.length ? null : on;
  }

  /** @param {string[] | null} modes null = all */
  set selected(modes) {
    for (const box of this.boxes) box.checked = modes === null || modes.includes(box.value);
  }

  relabel() {
    for (const label of this.fieldset.querySelectorAll('label')) {
      const box = /** @type {HTMLInputElement} */ (label.querySelector('input'));
      label.replaceChildren(box, ` ${modeLabel(box.value)}`);
    }
  }
}
