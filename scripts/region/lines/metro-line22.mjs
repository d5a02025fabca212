// Beijing Subway Line 22 (Pinggu line, 北京地铁22号线·平谷线): 东大桥 … 北京通州站 … 燕郊 … 平谷, 21 stations.
//
// Status: under construction; the Beijing 2026 work plan opens Hongmiao–Pinggu in 2026 (NE163_L22).
// This feed is the PLANNED service, so every time below is an estimate calibrated to seed 003:
//   "乘坐地铁由河北燕郊到北京城市副中心最快仅3分钟通勤，到北京CBD最短仅需32分钟".
// Station order and names: GPEDIA_L22 / W_PINGGU (sourced). Coordinates: region facts, hand-placed
// (estimate, ±1 km) except 北京通州站 (COORD_JS).
import { PLACES } from '../data/places.mjs';
import { haversineKm } from '../lib/util.mjs';

// [stop_id, place id] in line order (direction 0 = 东大桥 -> 平谷).
const STATIONS = [
  ['dongdaqiao', 'l22_dongdaqiao'],
  ['jintaixizhao', 'l22_jintaixizhao'],
  ['hongmiao', 'l22_hongmiao'],
  ['ciyunsiqiao', 'l22_ciyunsiqiao'],
  ['ganluyuan', 'l22_ganluyuan'],
  ['dingfuzhuang', 'l22_dingfuzhuang'],
  ['guanzhuang', 'l22_guanzhuang'],
  ['yongshun', 'l22_yongshun'],
  ['tongzhou_beiguan', 'l22_tongzhoubeiguan'],
  ['yunhe_shangwuqu', 'l22_yunheshangwuqu'],
  ['beijing_tongzhou_l22', 'beijing_tongzhou'],
  ['zhengwu_zhongxin', 'l22_zhengwuzhongxin'],
  ['zhengwu_zhongxin_dong', 'l22_zhengwuzhongxindong'],
  ['yanjiao', 'l22_yanjiaozhen'],
  ['shenwei_dajie', 'l22_shenweidajie'],
  ['chaobai_dajie', 'l22_chaobaidajie'],
  ['gaolou', 'l22_gaolou'],
  ['qixinzhuang', 'l22_qixinzhuang'],
  ['mafang', 'l22_mafang'],
  ['machangying', 'l22_machangying'],
  ['pinggu', 'l22_pinggu'],
];

// Running-time model (estimate):
//  track length = straight line × 1.21 (81.2 km sourced line length / 67.2 km straight-line sum of the
//  station points); effective cruise speed 85 km/h in the urban underground section 东大桥–北京通州站
//  (120 km/h design, GPEDIA/BKWK) and 130 km/h east of 北京通州站 (160 km/h design);
//  +36 s per served segment for braking/acceleration, 36 s dwell (45 s at 北京通州站 and 燕郊).
export const DETOUR = 1.21;
const URBAN_KMH = 85;
const OUTER_KMH = 130;
const TONGZHOU_INDEX = 10;

function segmentMinutes() {
  const out = [];
  for (let i = 0; i + 1 < STATIONS.length; i++) {
    const a = PLACES[STATIONS[i][1]];
    const b = PLACES[STATIONS[i + 1][1]];
    const km = haversineKm(a[2], a[3], b[2], b[3]) * DETOUR;
    const v = i < TONGZHOU_INDEX ? URBAN_KMH : OUTER_KMH;
    out.push(Math.round((km / v) * 60 * 60) / 60); // whole seconds, expressed in minutes
  }
  return out;
}

const ids = STATIONS.map((s) => s[0]);
// Express stops (estimate; BKWK_L22 only says "4 overtaking stations, express/local mix"): interchange
// stations in Beijing plus the main towns.
const EXPRESS = ['dongdaqiao', 'jintaixizhao', 'hongmiao', 'guanzhuang', 'tongzhou_beiguan', 'beijing_tongzhou_l22', 'yanjiao', 'chaobai_dajie', 'qixinzhuang', 'mafang', 'pinggu'];
const SHORT = ids.slice(0, ids.indexOf('yanjiao') + 1); // 东大桥–燕郊 short turns ("燕郊始发", BKWK_L22)

export const LINE22 = {
  id: 'l22',
  agency: 'bj_subway',
  short: '22号线',
  long: '北京地铁22号线(平谷线) 东大桥—平谷',
  en: 'Beijing Subway Line 22 (Pinggu Line) Dongdaqiao–Pinggu',
  enShort: 'Line 22',
  desc: '规划运营方案(估算): 线路在建, 计划2026年开通红庙—平谷段。时刻为估算, 见 PROVENANCE.md',
  type: 1,
  color: 'A5276B',
  textColor: 'FFFFFF',
  stops: ids,
  segMin: segmentMinutes(),
  penaltyMin: 0.6,
  dwellMin: 0.6,
  dwellAt: { beijing_tongzhou_l22: 0.75, yanjiao: 0.75 },
  roundSec: 5,
  patterns: { L: 'all', S: SHORT, E: EXPRESS },
  // Locals wait at an overtaking station (or at their origin) so that no express closes up within 2 min
  // (lib/dispatch.mjs). BKWK_L22: 4 overtaking stations, not named -> 4 stations the express skips (estimate).
  overtaking: { stations: ['ganluyuan', 'yongshun', 'zhengwu_zhongxin_dong', 'gaolou'], priority: ['E'], headwaySec: 90 },
  patternLabels: { L: '普通车', S: '普通车(燕郊折返)', E: '快车' },
  services: [
    // Working days. dir 1 = towards the city (平谷/燕郊 -> 东大桥), dir 0 = outbound.
    // Local through trains every 10 min (12 late evening); short turns 东大桥–燕郊 every 10 min in both peaks,
    // offset 5 min, so the core (东大桥–燕郊) sees a local every 5 min in the peaks (estimate). Express offsets
    // (4 / 5 min) were chosen to keep the locals' waits at overtaking stations short (max ~6 min, mean ~1.5).
    ...[0, 1].map((dir) => ({
      service: 'wd', dir, pattern: 'L',
      bands: [['05:30', '07:00', 10], ['07:00', '09:30', 10], ['09:30', '16:30', 10], ['16:30', '19:30', 10], ['19:30', '23:30', 12]],
    })),
    ...[0, 1].map((dir) => ({ service: 'wd', dir, pattern: 'S', offsetMin: 5, bands: [['07:00', '09:30', 10], ['16:35', '19:30', 10]] })),
    // Express: peak direction every 15 min (AM to the city, PM outbound), every 30 min otherwise (estimate).
    { service: 'wd', dir: 1, pattern: 'E', offsetMin: 5, bands: [['06:30', '09:30', 15], ['09:30', '16:30', 30], ['16:30', '19:30', 30]] },
    { service: 'wd', dir: 0, pattern: 'E', offsetMin: 4, bands: [['07:00', '16:30', 30], ['16:30', '19:30', 15], ['19:30', '21:00', 30]] },
    // Weekends and holidays: locals every 8–12 min, express every 30 min 08:00–18:00 (estimate).
    ...[0, 1].map((dir) => ({ service: 'we', dir, pattern: 'L', bands: [['05:30', '07:00', 12], ['07:00', '21:00', 8], ['21:00', '23:30', 12]] })),
    ...[0, 1].map((dir) => ({ service: 'we', dir, pattern: 'E', offsetMin: 4, bands: [['08:00', '18:00', 30]] })),
  ],
};

export function build(feed) {
  feed.addAgency({ id: 'bj_subway', zh: '北京地铁', en: 'Beijing Subway', url: 'https://www.bjsubway.com', phone: '96165' });
  for (const [id, place] of STATIONS) {
    if (id === 'beijing_tongzhou_l22') {
      // Hub: the Line 22 platforms lie under the Beijing Tongzhou (sub-center) hub; placed 120 m south of the
      // rail station point (estimate) so the engine links it to the intercity-rail feed's platforms on foot.
      feed.addHub({
        id: 'beijing_tongzhou', place, name: '北京通州站', en: 'Beijing Tongzhou',
        children: [{ id, en: 'Line 22', offsetM: [-120, 0], desc: '22号线站台' }],
      });
    } else {
      feed.addStop({ id, place });
    }
  }
  feed.addLine(LINE22);
}
