// @ts-check
/**
 * UI strings in Chinese (default) and English, and the current language.
 * Stop names follow the language through `names.en` (falling back to the feed's `name`).
 */

/** @typedef {'zh' | 'en'} Lang */

const STRINGS = {
  zh: {
    title: '京津冀出行规划',
    modePlan: '行程',
    modeIsochrone: '通勤圈',
    modeFreight: '海铁联运',
    subtitle: '城际铁路 · 地铁22号线 · 定制快巴 · 海铁联运',
    from: '起点',
    to: '终点',
    fromPlaceholder: '搜索站点，或点击地图',
    toPlaceholder: '搜索站点，或点击地图',
    swap: '交换起终点',
    arriveBy: '按到达时间',
    departAt: '出发时间',
    arriveAt: '到达时间',
    plan: '规划行程',
    options: '更多选项',
    maxTransfers: '最多换乘',
    modes: '交通方式',
    loading: '加载中…',
    loadingNetwork: '正在加载线网…',
    networkLoading: '服务器正在加载线网，稍后重试…',
    planning: '正在规划…',
    ready: '点击地图设置起点和终点，或搜索站点。',
    clickNextFrom: '下一次点击地图将设置起点',
    clickNextTo: '下一次点击地图将设置终点',
    noItineraries: '该时间没有找到行程。',
    planFailed: '未能规划行程，请检查标红的输入。',
    needFrom: '请输入起点',
    needTo: '请输入终点',
    needTime: '请选择时间',
    networkError: '无法连接服务器',
    results: '行程',
    resultsCount: '{n} 个方案',
    transfers: '换乘 {n} 次',
    noTransfers: '直达',
    walkTotal: '步行 {d}',
    min: '{n} 分钟',
    hourMin: '{h} 小时 {m} 分',
    walkTo: '步行 {dist}（{dur}）至 {to}',
    metres: '{n} 米',
    km: '{n} 公里',
    towards: '开往 {h}',
    stopsCount: '{n} 站',
    every: '约每 {n} 分钟一班',
    delay: '晚点 {n} 分钟',
    early: '早 {n} 分钟',
    fromHere: '从这里出发',
    toHere: '到这里去',
    origin: '起点',
    destination: '终点',
    mapPoint: '地图选点',
    legend: '线网',
    legendModes: '方式',
    nextDay: '次日',
    language: 'English',
    languageLabel: '切换到英文',
    arrive: '到达',
    selectItinerary: '在地图上显示此方案',
    mapLabel: '地图：点击设置起点和终点',
  },
  en: {
    title: 'Jing-Jin-Ji journey planner',
    modePlan: 'Journeys',
    modeIsochrone: 'Commute circles',
    modeFreight: 'Sea-rail freight',
    subtitle: 'Intercity rail · Metro Line 22 · Express bus · Sea-rail freight',
    from: 'From',
    to: 'To',
    fromPlaceholder: 'Search a stop, or click the map',
    toPlaceholder: 'Search a stop, or click the map',
    swap: 'Swap origin and destination',
    arriveBy: 'Arrive by',
    departAt: 'Depart at',
    arriveAt: 'Arrive by',
    plan: 'Plan',
    options: 'More options',
    maxTransfers: 'Max transfers',
    modes: 'Modes',
    loading: 'Loading…',
    loadingNetwork: 'Loading the network…',
    networkLoading: 'The server is still loading the network; retrying…',
    planning: 'Planning…',
    ready: 'Click the map to set origin and destination, or search for stops.',
    clickNextFrom: 'Next map click sets the origin',
    clickNextTo: 'Next map click sets the destination',
    noItineraries: 'No journey found at this time.',
    planFailed: 'Could not plan this journey; see the field marked in red.',
    needFrom: 'Enter an origin',
    needTo: 'Enter a destination',
    needTime: 'Choose a time',
    networkError: 'Cannot reach the server',
    results: 'Journeys',
    resultsCount: '{n} options',
    resultsCount1: '1 option',
    transfers: '{n} transfers',
    transfers1: '1 transfer',
    noTransfers: 'direct',
    walkTotal: 'walk {d}',
    min: '{n} min',
    hourMin: '{h} h {m} min',
    walkTo: 'Walk {dist} ({dur}) to {to}',
    metres: '{n} m',
    km: '{n} km',
    towards: 'towards {h}',
    stopsCount: '{n} stops',
    stopsCount1: '1 stop',
    every: 'every ~{n} min',
    delay: '{n} min late',
    early: '{n} min early',
    fromHere: 'From here',
    toHere: 'To here',
    origin: 'Origin',
    destination: 'Destination',
    mapPoint: 'Point on map',
    legend: 'Network',
    legendModes: 'Modes',
    nextDay: 'next day',
    language: '中文',
    languageLabel: 'Switch to Chinese',
    arrive: 'Arrive',
    selectItinerary: 'Show this journey on the map',
    mapLabel: 'Map: click to set origin and destination',
  },
};

/** Mode labels (GTFS-derived, lower or upper case keys both accepted). */
const MODES = {
  zh: { walk: '步行', subway: '地铁', rail: '铁路', bus: '公交', ferry: '轮渡', tram: '有轨电车', cable_tram: '缆车', aerial: '索道', funicular: '缆索铁路', trolleybus: '无轨电车', monorail: '单轨', other: '其他' },
  en: { walk: 'Walk', subway: 'Subway', rail: 'Rail', bus: 'Bus', ferry: 'Ferry', tram: 'Tram', cable_tram: 'Cable tram', aerial: 'Aerial lift', funicular: 'Funicular', trolleybus: 'Trolleybus', monorail: 'Monorail', other: 'Other' },
};

/** Display names of the bundled feeds; other feeds show their id. */
const FEEDS = {
  zh: { 'intercity-rail': '城际铁路', 'metro-line22': '地铁22号线', 'express-bus': '定制快巴', 'sea-rail-freight': '海铁联运', connector: '地铁接驳(示意)' },
  en: { 'intercity-rail': 'Intercity rail', 'metro-line22': 'Metro Line 22', 'express-bus': 'Express buses', 'sea-rail-freight': 'Sea-rail freight', connector: 'Metro connector (sketch)' },
};

/** @type {Lang} */
let current = 'zh';

/** @returns {Lang} */
export function lang() {
  return current;
}

/** @param {string | null | undefined} l */
export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/**
 * A UI string with `{name}` placeholders filled. English plurals: `key1` is used when `n` is 1.
 * @param {keyof typeof STRINGS.zh} key
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, params = {}) {
  /** @type {Record<string, string>} */
  const table = STRINGS[current];
  let s = (params.n === 1 && table[`${key}1`]) || table[key] || STRINGS.zh[key] || key;
  for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** @param {string} mode e.g. `SUBWAY`, `rail` */
export function modeLabel(mode) {
  /** @type {Record<string, string>} */
  const table = MODES[current];
  return table[mode.toLowerCase()] ?? mode;
}

/** @param {string} feed */
export function feedLabel(feed) {
  /** @type {Record<string, string>} */
  const table = FEEDS[current];
  return table[feed] ?? feed;
}

/** English names of the network's stops, by id and by Chinese name (see `learnNames`). */
const enById = new Map();
const enByName = new Map();

/**
 * Remember the English names of the network's stops, so places the API returns without `names`
 * (e.g. a journey's destination) and headsigns can still be shown in English.
 * @param {{ id: string, name: string, names?: { en?: string } | null }[]} stops
 */
export function learnNames(stops) {
  for (const s of stops) {
    if (!s.names?.en) continue;
    enById.set(s.id, s.names.en);
    if (!enByName.has(s.name)) enByName.set(s.name, s.names.en);
  }
}

const POINT = /^\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*$/;

/**
 * The name of a stop or place in the current language; a bare `lat,lon` place reads "point on map".
 * @param {{ id?: string | null, name: string, names?: { en?: string } | null } | null | undefined} p
 * @returns {string}
 */
export function placeName(p) {
  if (!p) return '';
  if (!p.id && POINT.test(p.name)) return `${t('mapPoint')} (${p.name.replace(/\s/g, '').replace(',', ', ')})`;
  if (current !== 'en') return p.name;
  return p.names?.en || (p.id ? enById.get(p.id) : undefined) || enByName.get(p.name) || p.name;
}

/**
 * A free text that may be a stop name (a headsign), in the current language when known.
 * @param {string} text
 */
export function translateName(text) {
  return current === 'en' ? (enByName.get(text) ?? text) : text;
}

/**
 * Fill every `[data-i18n]` element's text, `[data-i18n-placeholder]` placeholder,
 * `[data-i18n-title]` title and `[data-i18n-aria-label]` aria-label under `root`.
 * @param {ParentNode} root
 */
export function translateDom(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {any} */ (el.getAttribute('data-i18n')));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(/** @type {any} */ (el.getAttribute('data-i18n-placeholder'))));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', t(/** @type {any} */ (el.getAttribute('data-i18n-title'))));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(/** @type {any} */ (el.getAttribute('data-i18n-aria-label'))));
}
