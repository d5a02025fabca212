// @ts-check
/**
 * The results list: one `.itinerary` card per itinerary with its `.leg` rows
 * (`data-mode`, `data-route-id`, `data-route-name` on each leg).
 */
import { modeLabel, placeName, t, translateName } from './i18n.js';

/** @typedef {import('./api.js').Itinerary} Itinerary */
/** @typedef {import('./api.js').Leg} Leg */

/** `HH:MM` of an ISO local time with offset (`2026-11-24T07:32:45+08:00` → `07:32`). */
export function hhmm(/** @type {string} */ iso) {
  return iso.slice(11, 16);
}

/** Whole days between the calendar dates of two ISO times (for "+1" on next-day arrivals). */
function dayShift(/** @type {string} */ from, /** @type {string} */ to) {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

/** @param {number} seconds */
export function duration(seconds) {
  const minutes = Math.max(0, Math.round(seconds / 60));
  if (minutes < 60) return t('min', { n: minutes });
  return t('hourMin', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** @param {number} metres */
function distance(metres) {
  if (metres < 1000) return t('metres', { n: Math.round(metres) });
  return t('km', { n: (metres / 1000).toFixed(1) });
}

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

/** A time, with "+N" when it falls on a later day than `base`. */
function timeEl(/** @type {string} */ iso, /** @type {string} */ base) {
  const span = el('time', 'clock', hhmm(iso));
  span.setAttribute('datetime', iso);
  const d = dayShift(base, iso);
  if (d > 0) {
    const sup = el('sup', 'day-shift', `+${d}`);
    sup.title = t('nextDay');
    span.append(sup);
  }
  return span;
}

/**
 * The timetable's time struck through, when a live time differs from it by a minute or more.
 * @param {string | undefined} scheduled
 * @param {string} live
 * @param {string} base
 */
function scheduledEl(scheduled, live, base) {
  if (!scheduled || Math.abs(Date.parse(live) - Date.parse(scheduled)) < 60_000) return null;
  const del = el('del', 'scheduled-time');
  del.title = t('scheduled');
  del.append(timeEl(scheduled, base));
  return del;
}

/** Live-times marker and delay of a leg on a GTFS-Realtime run (`+3 min`, `early 1 min`, on time). */
function liveEl(/** @type {Leg} */ leg) {
  const span = el('span', 'live');
  span.append(el('span', 'live-badge', t(leg.added ? 'liveAdded' : 'live')));
  const d = typeof leg.delaySeconds === 'number' ? Math.round(leg.delaySeconds / 60) : 0;
  if (leg.added) return span;
  if (d === 0) span.append(' ', el('span', 'delay on-time', t('onTime')));
  else span.append(' ', el('span', d > 0 ? 'delay late' : 'delay early', t(d > 0 ? 'delay' : 'early', { n: Math.abs(d) })));
  return span;
}

/**
 * Service alerts of a leg: an icon and the header; the description (and link) open on click.
 * @param {NonNullable<Leg['alerts']>} alerts
 */
export function alertsEl(alerts) {
  const box = el('div', 'leg-alerts');
  for (const a of alerts) {
    const d = el('details', 'leg-alert');
    d.dataset.alertId = a.id;
    d.dataset.effect = a.effect;
    const summary = el('summary');
    const icon = el('span', 'alert-icon', '⚠');
    icon.setAttribute('aria-hidden', 'true');
    summary.append(icon, ' ', el('span', 'alert-header', a.header || t('alert')));
    summary.title = t('alertMore');
    // opening an alert does not select the card
    summary.addEventListener('click', (e) => e.stopPropagation());
    d.append(summary);
    if (a.description) d.append(el('p', 'alert-description', a.description));
    if (a.url && /^https?:\/\//i.test(a.url)) {
      const link = /** @type {HTMLAnchorElement} */ (el('a', 'alert-link', t('alertLink')));
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      d.append(link);
    }
    box.append(d);
  }
  return box;
}

/**
 * @param {Leg} leg
 * @param {string} base the itinerary's departure (for day shifts)
 * @param {(leg: Leg) => string} colorOf
 */
function legEl(leg, base, colorOf) {
  const li = el('li', 'leg');
  li.dataset.mode = leg.mode;
  li.dataset.routeId = leg.routeId ?? '';
  li.dataset.routeName = leg.routeName ?? leg.routeShortName ?? '';
  const color = colorOf(leg);
  li.style.setProperty('--leg-color', color);

  const when = el('div', 'leg-time');
  when.append(timeEl(leg.departure, base));
  const schedDep = leg.realtime ? scheduledEl(leg.scheduledDeparture, leg.departure, base) : null;
  if (schedDep) when.append(schedDep.cloneNode(true));
  if (leg.realtime) li.dataset.realtime = 'true';
  const badge = el('span', `leg-badge mode-${leg.mode.toLowerCase()}`, modeLabel(leg.mode));
  const body = el('div', 'leg-body');

  if (leg.mode === 'WALK') {
    body.append(
      el(
        'div',
        'leg-title',
        t('walkTo', { dist: distance(leg.distanceMetres ?? 0), dur: duration(leg.durationSeconds), to: placeName(leg.to) }),
      ),
    );
  } else {
    const title = el('div', 'leg-title');
    title.append(el('span', 'route-name', leg.routeName ?? leg.routeShortName ?? leg.routeId ?? ''));
    if (leg.headsign) title.append(' ', el('span', 'headsign', t('towards', { h: translateName(leg.headsign) })));
    const stops = el('div', 'leg-stops');
    stops.append(el('span', 'stop-name', placeName(leg.from)), ' ', timeEl(leg.departure, base));
    if (schedDep) stops.append(' ', schedDep);
    stops.append(' → ', el('span', 'stop-name', placeName(leg.to)), ' ', timeEl(leg.arrival, base));
    const schedArr = leg.realtime ? scheduledEl(leg.scheduledArrival, leg.arrival, base) : null;
    if (schedArr) stops.append(' ', schedArr);
    const stopCount = (leg.intermediateStops?.length ?? 0) + 1;
    const bits = [t('stopsCount', { n: stopCount }), duration(leg.durationSeconds)];
    if (leg.exactTimes === false && leg.headwaySeconds) bits.push(t('every', { n: Math.round(leg.headwaySeconds / 60) }));
    const detail = el('div', 'leg-detail', bits.join(' · '));
    if (leg.realtime) detail.append(' ', liveEl(leg));
    body.append(title, stops, detail);
    if (leg.alerts && leg.alerts.length > 0) body.append(alertsEl(leg.alerts));
  }
  li.append(when, badge, body);
  return li;
}

/**
 * Render the itineraries into `container` (replacing its content). The card at `selected` is
 * marked `aria-current`; clicking (or Enter on) a card calls `onSelect(index)`.
 * @param {HTMLElement} container
 * @param {Itinerary[]} itineraries
 * @param {number} selected
 * @param {(i: number) => void} onSelect
 * @param {(leg: Leg) => string} colorOf
 */
export function renderItineraries(container, itineraries, selected, onSelect, colorOf) {
  if (itineraries.length === 0) {
    container.replaceChildren(el('p', 'empty', t('noItineraries')));
    return;
  }
  const heading = el('h2', 'results-heading', `${t('results')} · ${t('resultsCount', { n: itineraries.length })}`);
  const cards = itineraries.map((it, i) => {
    const card = el('article', 'itinerary');
    card.dataset.index = String(i);
    if (i === selected) card.setAttribute('aria-current', 'true');

    const head = /** @type {HTMLButtonElement} */ (el('button', 'itinerary-head'));
    head.type = 'button';
    head.title = t('selectItinerary');
    head.setAttribute('aria-pressed', String(i === selected));
    const times = el('span', 'itinerary-times');
    times.append(timeEl(it.departure, it.departure), ' – ', timeEl(it.arrival, it.departure));
    head.append(times, el('span', 'itinerary-duration', duration(it.durationSeconds)));

    const transfers = it.transfers === 0 ? t('noTransfers') : t('transfers', { n: it.transfers });
    const meta = el('div', 'itinerary-meta', [transfers, ...(it.walkSeconds > 0 ? [t('walkTotal', { d: duration(it.walkSeconds) })] : [])].join(' · '));

    const strip = el('div', 'itinerary-strip');
    strip.setAttribute('aria-hidden', 'true');
    for (const leg of it.legs) {
      const chip = el('span', `chip mode-${leg.mode.toLowerCase()}`, leg.mode === 'WALK' ? modeLabel('WALK') : (leg.routeShortName ?? leg.routeName ?? modeLabel(leg.mode)));
      chip.style.setProperty('--leg-color', colorOf(leg));
      strip.append(chip);
    }

    const legs = el('ol', 'legs');
    legs.append(...it.legs.map((leg) => legEl(leg, it.departure, colorOf)));
    const arrive = el('li', 'leg-arrive');
    const at = el('div', 'leg-time');
    at.append(timeEl(it.arrival, it.departure));
    arrive.append(at, el('span', 'leg-badge mode-arrive', t('arrive')), el('div', 'leg-body', placeName(it.legs.at(-1)?.to)));
    legs.append(arrive);

    card.append(head, meta, strip, legs);
    card.addEventListener('click', () => onSelect(i));
    return card;
  });
  container.replaceChildren(heading, ...cards);
}
