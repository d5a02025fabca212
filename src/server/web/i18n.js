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
    delay: '晚点 +{n} 分钟',
    early: '提前 −{n} 分钟',
    onTime: '准点',
    live: '实时',
    liveAdded: '加开班次',
    scheduled: '原定时间',
    alert: '服务提示',
    alertMore: '点击查看详情',
    alertLink: '更多信息',
    vehicleUnknownRoute: '未知线路的车辆',
    vehicleCanceled: '该班次已取消',
    vehicleAt: '停靠 {s}',
    vehicleNext: '下一站 {s}',
    vehicleAgeSeconds: '{n} 秒前的位置',
    vehicleAgeMinutes: '{n} 分钟前的位置',
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
    // isochrone mode (isochrone.js)
    isoPlace: '地点',
    isoPlacePlaceholder: '搜索站点，或点击地图',
    isoDirection: '方向',
    isoToHere: '到这里，按时到达',
    isoFromHere: '从这里出发',
    isoArriveBy: '到达时间',
    isoDepartAt: '出发时间',
    isoCutoffs: '时间圈（分钟）',
    isoWindow: '时间窗（逐分钟采样）',
    isoWindowStart: '时间窗开始',
    isoWindowEnd: '时间窗结束',
    isoWindowNote: '时间窗内每分钟算一次，按百分位取值（p50 = 一半的时刻能做到）。',
    isoPercentile: '百分位',
    isoScenario: '情景：去掉一条线网',
    isoScenarioFeed: '去掉的线网',
    isoLive: '用实时数据（晚点、停运、加开）',
    isoLiveShown: '按实时数据',
    isoCompute: '计算通勤圈',
    isoComputing: '正在计算通勤圈…',
    isoHint: '点击地图选择地点，或搜索站点。',
    isoNeedPlace: '请选择地点',
    isoFailed: '未能计算通勤圈，请检查标红的输入。',
    isoBandsTitle: '通勤圈',
    isoWithin: '≤ {n} 分钟',
    isoStops: '{n} 站',
    isoLost: '失去的范围',
    isoLostWithout: '去掉{feed}后失去',
    isoSamplesArrive: '{n} 个到达时刻的 p{p}',
    isoSamplesDepart: '{n} 个出发时刻的 p{p}',
    isoCell: '格网 {n} 米',
    isoCompareTitle: '去掉{feed}后',
    isoColWith: '全网',
    isoColWithout: '去掉后',
    isoColLost: '失去',
    isoColStops: '车站',
    isoPlacesLost: '{n} 分钟内只有靠它才能到的站：{list}',
    isoNothingLost: '没有车站因此失去。',
    isoReached: '可到达的车站',
    isoHere: '以此为通勤圈地点',
    isoSvg: 'SVG 地图',
    // freight mode (freight.js)
    frIntro: '比较集装箱的海铁联运与全程公路方案：时间、费用与碳排放。',
    frFrom: '起运地',
    frTo: '目的地',
    frReady: '货物备妥时间',
    frTeu: '箱量（TEU）',
    frTonnes: '每箱货重（吨）',
    frCustoms: '出口通关',
    frCustomsDirect: '抵港直装',
    frCustomsStandard: '常规（提前 5 天进港）',
    frPlan: '比较运输方案',
    frClickHint: '点击地图可把起运地设为该点（经最近的公路节点接入）。',
    frGroupDryPort: '内陆港',
    frGroupRailYard: '铁路货场',
    frGroupRailTerminal: '铁路集装箱中心站',
    frGroupPort: '港口',
    frGroupPortTerminal: '港口码头',
    frGroupOverseas: '海外港口',
    frGroupCity: '城市',
    frGroupPoint: '地图选点',
    frLoadingPlaces: '正在加载货运节点…',
    frNoFreight: '服务器没有加载海铁联运数据。',
    frPlanning: '正在比较运输方案…',
    frNone: '搜索范围内没有找到运输方案。',
    frFailed: '未能规划，请检查标红的输入。',
    frNeedFrom: '请选择起运地',
    frNeedTo: '请选择目的地',
    frSummary: '{teu} TEU × {t} 吨，{ready} 备妥（UTC{offset}）',
    frChart: '方案对比',
    frTime: '时间',
    frCost: '费用',
    frCo2: '碳排放 CO2e（油井到车轮）',
    frKindSeaRail: '海铁联运',
    frKindRail: '铁路联运',
    frKindAllRoad: '全程公路',
    frAllRoadBadge: '公路对比',
    frDominated: '各项均不占优',
    frSelect: '在地图上显示此方案',
    frVsRoad: '对比全程公路',
    frDays: '{n} 天',
    frHours: '{n} 小时',
    frCny: '{n} 元',
    frWanCny: '{n} 万元',
    frTonnesCo2: '{n} 吨',
    frKgCo2: '{n} 千克',
    frTrucks: '{n} 辆卡车',
    frSplit: '{route}：箱量超过单班运力，分 {n} 班发运（{list}）',
    frLegTruck: '公路',
    frLegRail: '铁路',
    frLegShip: '海运',
    frLegTerminal: '场站',
    frRoleGateIn: '进场交箱',
    frRoleGateOut: '提箱出场',
    frRoleTransfer: '中转',
    frRoleTransferOff: '卸车/卸船',
    frRoleTransferOn: '装车/装船',
    frShowAll: '显示全程',
    frShowRegion: '显示区域',
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
    delay: '+{n} min late',
    early: 'early −{n} min',
    onTime: 'on time',
    live: 'live',
    liveAdded: 'extra service',
    scheduled: 'scheduled time',
    alert: 'Service alert',
    alertMore: 'Click for details',
    alertLink: 'More information',
    vehicleUnknownRoute: 'Vehicle on an unknown route',
    vehicleCanceled: 'This run is cancelled',
    vehicleAt: 'At {s}',
    vehicleNext: 'Next stop {s}',
    vehicleAgeSeconds: 'Position {n} s ago',
    vehicleAgeMinutes: 'Position {n} min ago',
    vehicleAgeMinutes1: 'Position 1 min ago',
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
    // isochrone mode (isochrone.js)
    isoPlace: 'Place',
    isoPlacePlaceholder: 'Search a stop, or click the map',
    isoDirection: 'Direction',
    isoToHere: 'To here, arriving by',
    isoFromHere: 'From here, departing at',
    isoArriveBy: 'Arrive by',
    isoDepartAt: 'Depart at',
    isoCutoffs: 'Circles (min)',
    isoWindow: 'Time window (every minute)',
    isoWindowStart: 'Window start',
    isoWindowEnd: 'Window end',
    isoWindowNote: 'One search per minute of the window, then a percentile (p50 = achieved at half the minutes).',
    isoPercentile: 'Percentile',
    isoScenario: 'Scenario: without a network',
    isoScenarioFeed: 'Network left out',
    isoLive: 'Live times (delays, cancellations, extra trips)',
    isoLiveShown: 'on live times',
    isoCompute: 'Show commute circles',
    isoComputing: 'Computing the circles…',
    isoHint: 'Click the map to choose a place, or search for a stop.',
    isoNeedPlace: 'Choose a place',
    isoFailed: 'Could not compute the circles; see the field marked in red.',
    isoBandsTitle: 'Commute circles',
    isoWithin: '≤ {n} min',
    isoStops: '{n} stops',
    isoStops1: '1 stop',
    isoLost: 'Area lost',
    isoLostWithout: 'Lost without {feed}',
    isoSamplesArrive: 'p{p} over {n} arrival minutes',
    isoSamplesDepart: 'p{p} over {n} departure minutes',
    isoCell: '{n} m cells',
    isoCompareTitle: 'Without {feed}',
    isoColWith: 'Network',
    isoColWithout: 'Without',
    isoColLost: 'Lost',
    isoColStops: 'Stops',
    isoPlacesLost: 'Reached within {n} min only with it: {list}',
    isoNothingLost: 'No stop is lost.',
    isoReached: 'Stops reached',
    isoHere: 'Commute circles here',
    isoSvg: 'SVG map',
    // freight mode (freight.js)
    frIntro: 'Compare sea-rail and all-road chains for containers: time, cost and emissions.',
    frFrom: 'Origin',
    frTo: 'Destination',
    frReady: 'Boxes ready at',
    frTeu: 'Boxes (TEU)',
    frTonnes: 'Cargo per TEU (t)',
    frCustoms: 'Export customs',
    frCustomsDirect: 'Direct loading',
    frCustomsStandard: 'Standard (5-day staging)',
    frPlan: 'Compare chains',
    frClickHint: 'Click the map to ship from that point (via the nearest road node).',
    frGroupDryPort: 'Dry ports',
    frGroupRailYard: 'Rail freight yards',
    frGroupRailTerminal: 'Rail container terminals',
    frGroupPort: 'Ports',
    frGroupPortTerminal: 'Port terminals',
    frGroupOverseas: 'Overseas ports',
    frGroupCity: 'Cities',
    frGroupPoint: 'Point on map',
    frLoadingPlaces: 'Loading freight places…',
    frNoFreight: 'The server has no sea-rail freight data loaded.',
    frPlanning: 'Comparing chains…',
    frNone: 'No chain found within the search horizon.',
    frFailed: 'Could not plan; see the field marked in red.',
    frNeedFrom: 'Choose an origin',
    frNeedTo: 'Choose a destination',
    frSummary: '{teu} TEU × {t} t, ready {ready} (UTC{offset})',
    frChart: 'Options compared',
    frTime: 'Time',
    frCost: 'Cost',
    frCo2: 'CO2e (well-to-wheel)',
    frKindSeaRail: 'Sea-rail',
    frKindRail: 'Rail',
    frKindAllRoad: 'All-road',
    frAllRoadBadge: 'all-road comparison',
    frDominated: 'dominated',
    frSelect: 'Show this chain on the map',
    frVsRoad: 'vs all-road',
    frDays: '{n} d',
    frHours: '{n} h',
    frCny: '{n} CNY',
    frWanCny: '{n} × 10k CNY',
    frTonnesCo2: '{n} t',
    frKgCo2: '{n} kg',
    frTrucks: '{n} trucks',
    frTrucks1: '1 truck',
    frSplit: '{route}: more boxes than one departure takes, split over {n} departures ({list})',
    frLegTruck: 'Truck',
    frLegRail: 'Rail',
    frLegShip: 'Ship',
    frLegTerminal: 'Terminal',
    frRoleGateIn: 'gate-in',
    frRoleGateOut: 'gate-out',
    frRoleTransfer: 'transfer',
    frRoleTransferOff: 'off the train/ship',
    frRoleTransferOn: 'onto the train/ship',
    frShowAll: 'Whole chain',
    frShowRegion: 'Region',
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
