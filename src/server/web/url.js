// @ts-check
/**
 * The page's state in the URL query, so a plan can be linked and is restored on load:
 * `from`, `to` (stop id, name or `lat,lon`), `time` (`YYYY-MM-DDTHH:MM`), `arriveBy=1`, `lang=en`,
 * and the optional `maxTransfers` and `modes` (comma list). `mode` (the active tab) is written by
 * modes.js and kept here.
 */

/**
 * @typedef {{ from: string, to: string, time: string | null, arriveBy: boolean, lang: string | null,
 *   maxTransfers: string, modes: string[] | null }} PageQuery
 */

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * @param {string} search `location.search`
 * @returns {PageQuery}
 */
export function readQuery(search) {
  const q = new URLSearchParams(search);
  const time = q.get('time');
  const arriveBy = q.get('arriveBy');
  const modes = q.get('modes');
  return {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    time: time && TIME.test(time) ? time.slice(0, 16) : null,
    arriveBy: arriveBy === '1' || arriveBy === 'true',
    lang: q.get('lang'),
    maxTransfers: q.get('maxTransfers') ?? '',
    modes: modes ? modes.split(',').filter((m) => m !== '') : null,
  };
}

/**
 * Put the state in the address bar (defaults left out). `push` adds a history entry (a new plan);
 * otherwise the current entry is replaced.
 * @param {PageQuery} s
 * @param {boolean} push
 */
export function writeQuery(s, push) {
  const q = new URLSearchParams();
  if (s.from) q.set('from', s.from);
  if (s.to) q.set('to', s.to);
  if (s.time) q.set('time', s.time);
  if (s.arriveBy) q.set('arriveBy', '1');
  if (s.lang && s.lang !== 'zh') q.set('lang', s.lang);
  if (s.maxTransfers) q.set('maxTransfers', s.maxTransfers);
  if (s.modes) q.set('modes', s.modes.join(','));
  // `mode` (the active tab) belongs to modes.js: keep it as it is
  const mode = new URLSearchParams(location.search).get('mode');
  if (mode) q.set('mode', mode);
  const query = q.toString();
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
