#!/usr/bin/env node
// Published facts the bundled feeds must reproduce, checked with the reference router (lib/router.mjs)
// and written to test/region/facts.table.ts for the engine's table-driven test.
//
//   node scripts/region/facts.mjs             # check every fact against the generated feeds; exit 1 on failure
//   node scripts/region/facts.mjs --examples  # print the README example trips
//
// kind 'ride': the fact is the running time of the fastest train/bus (in-vehicle); depart is set 1 min
//              before that vehicle leaves, so door-to-door = ride + 1 min in a correct engine.
// kind 'door': door-to-door earliest arrival from `depart` (chosen 1 min before the fitting vehicle).
import { writeText } from './lib/util.mjs';
import { RefRouter } from './lib/router.mjs';
import { buildAll } from './lib/build.mjs';

const SEED003 = 'seed 003_f8f1b7e4001d146a.txt';
const SEED002 = 'seed 002_6002a705fe7b9404.txt';
const TUE = '20261124';

export const FACTS = [
  { id: 'l22-yanjiao-subcenter', kind: 'ride', mode: 'subway', date: TUE, from: 'metro-line22:yanjiao', to: 'metro-line22:zhengwu_zhongxin_dong', expectMinutes: 3, toleranceMinutes: 1,
    source: `${SEED003}: 乘坐地铁由河北燕郊到北京城市副中心最快仅3分钟通勤`,
    note: 'Read as 燕郊 -> first station inside the sub-center (政务中心东, across the Chaobai River).' },
  { id: 'l22-yanjiao-tongzhou', kind: 'ride', mode: 'subway', date: TUE, from: 'metro-line22:yanjiao', to: 'metro-line22:beijing_tongzhou_l22', expectMinutes: 6.5, toleranceMinutes: 1,
    source: `${SEED003}: 乘坐地铁由河北燕郊到北京城市副中心最快仅3分钟通勤 (not used literally: estimate)`,
    note: '燕郊 -> 北京通州站 is ~10 km; 3 min would need >190 km/h average on a 160 km/h line, so the express takes ~6.5 min (estimate, see PROVENANCE.md).' },
  { id: 'l22-yanjiao-cbd', kind: 'door', mode: 'subway', date: TUE, from: 'metro-line22:yanjiao', to: 'metro-line22:jintaixizhao', maxMinutes: 32,
    source: `${SEED003}: 到北京CBD最短仅需32分钟`, note: 'CBD = 金台夕照 (Line 22 station in the CBD core); express train.' },
  { id: 'jingxiong-bjw-xiongan', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_west_jingxiong', to: 'intercity-rail:xiongan_platforms', expectMinutes: 60, toleranceMinutes: 5,
    source: `${SEED003}: 北京西站至雄安新区间最快运行时间60分钟`, note: 'Value used: 60 (seed 003, 2024). Not used: 50 (Global Times 2020, GT_JX).' },
  { id: 'jingxiong-airport-xiongan', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:daxing_airport_platforms', to: 'intercity-rail:xiongan_platforms', expectMinutes: 19, toleranceMinutes: 2,
    source: `${SEED003}: 大兴机场至雄安新区间最快19分钟可达` },
  { id: 'tianjin-xiongan', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:tianjin_west_platforms', to: 'intercity-rail:xiongan_platforms', maxMinutes: 40,
    source: `${SEED002}: 津兴铁路…天津至雄安新区的运行时间缩短至40分钟以内`, note: 'Through train Tianjin West -> Xiong\'an via Gu\'an East (estimate timetable).' },
  { id: 'shijiazhuang-beijing', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:shijiazhuang_platforms', to: 'intercity-rail:beijing_west_jingguang', expectMinutes: 60, toleranceMinutes: 5,
    source: `${SEED003}: 石家庄到北京1小时通达` },
  { id: 'beijing-yanjiao-rail', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_station_platforms', to: 'intercity-rail:yanjiao_rail', expectMinutes: 29, toleranceMinutes: 3,
    source: `${SEED002}: 从北京乘坐轨道交通,29分钟到燕郊`, note: 'Origin 北京站 (the article predates 北京通州站).' },
  { id: 'beijing-dachang-rail', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_station_platforms', to: 'intercity-rail:dachang_rail', expectMinutes: 39, toleranceMinutes: 3,
    source: `${SEED002}: 39分钟到大厂回族自治县` },
  { id: 'beijing-xianghe-rail', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_station_platforms', to: 'intercity-rail:xianghe_rail', expectMinutes: 52, toleranceMinutes: 6,
    source: `${SEED002}: 52分钟到香河县`, note: 'Xianghe is served only by all-stop trains; feed gives 47.' },
  { id: 'beijing-baodi-rail', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_station_platforms', to: 'intercity-rail:baodi_rail', expectMinutes: 51, toleranceMinutes: 3,
    source: `${SEED002}: 51分钟到天津市宝坻区` },
  { id: 'beijing-binhai-rail', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_south_jingjin', to: 'intercity-rail:binhai', expectMinutes: 58, toleranceMinutes: 3,
    source: `${SEED002}: 58分钟到天津市滨海新区`, note: 'Origin 北京南站, 京津城际 via 天津/军粮城北/塘沽.' },
  { id: 'derong-guomao-bus', kind: 'door', mode: 'bus', date: TUE, from: 'express-bus:langfang_derong', to: 'express-bus:guomao', maxMinutes: 60,
    source: `${SEED003}: 从廊坊市区的德容帝景站准时出发，驶往北京国贸 / 平均通勤时间在60分钟之内` },
  { id: 'sjz-tianjin-port-78teu', kind: 'ride', mode: 'rail', date: '20261126', from: 'sea-rail-freight:sjz_dry_port', to: 'sea-rail-freight:tianjin_port_rail', capacityTeu: 78, expectMinutes: 18 * 60, toleranceMinutes: 60,
    source: `${SEED003}: 一列搭载着78个标准集装箱光伏组件的列车从石家庄国际陆港发车前往天津港`, note: 'capacity_teu in freight_services.txt; 18 h transit is an estimate. Runs Mon/Thu (2026-11-26 is a Thursday).' },
  { id: 'tianjin-port-mafang', kind: 'ride', mode: 'rail', date: TUE, from: 'sea-rail-freight:tianjin_port_rail', to: 'sea-rail-freight:mafang_hub', expectMinutes: 270, toleranceMinutes: 15,
    source: 'BT_PINGGU2020 https://www.businesstianjin.com/…id=15846 (trial train arrived Mafang 10:32 after 4.5 h); seed 002: 开通天津港—马坊海铁联运 6 列' },
  // ---- further sourced anchors ----
  { id: 'tongzhou-tangshan', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_tongzhou_platforms', to: 'intercity-rail:tangshan', expectMinutes: 55, toleranceMinutes: 3,
    source: 'TJRB_TZ2025 http://epaper.tianjinwe.com/tjrb/html/2025-12/31/content_143084_2992725.htm', note: `Seed 003's projected 39 min (${SEED003}: 北京城市副中心站至唐山站最快运行时间预计为39分钟) not used.` },
  { id: 'tongzhou-baodi', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_tongzhou_platforms', to: 'intercity-rail:baodi_rail', expectMinutes: 26, toleranceMinutes: 2, source: 'TJRB_TZ2025' },
  { id: 'tongzhou-beichen', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_tongzhou_platforms', to: 'intercity-rail:beichen', expectMinutes: 56, toleranceMinutes: 3, source: 'TJRB_TZ2025' },
  { id: 'bjs-tianjin-nonstop', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_south_jingjin', to: 'intercity-rail:tianjin_platforms', expectMinutes: 30, toleranceMinutes: 2, source: 'W_JJ https://en.wikipedia.org/wiki/Beijing%E2%80%93Tianjin_Intercity_Railway' },
  { id: 'bjn-zhangjiakou', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_north_platforms', to: 'intercity-rail:zhangjiakou', expectMinutes: 47, toleranceMinutes: 3, source: 'W_JZ https://en.wikipedia.org/wiki/Beijing%E2%80%93Zhangjiakou_intercity_railway' },
  { id: 'chaoyang-chengde', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:beijing_chaoyang_platforms', to: 'intercity-rail:chengde_south', expectMinutes: 49, toleranceMinutes: 3, source: 'CD_CHAOYANG2026 http://www.syxj.com.cn/a/202601/23/WS6972d118a310d6866eb35536.html' },
  { id: 'tianjinwest-daxing-airport', kind: 'ride', mode: 'rail', date: TUE, from: 'intercity-rail:tianjin_west_platforms', to: 'intercity-rail:daxing_airport_platforms', expectMinutes: 41, toleranceMinutes: 3, source: 'CITS_JXING https://www.cits.net/china-travel-news/new-high-speed-railway-links-tianjin-with-beijing-daxing-airport.html' },
  { id: 'beijing-daxing-tianjinwest-fri', kind: 'ride', mode: 'rail', date: '20261127', from: 'intercity-rail:beijing_daxing', to: 'intercity-rail:tianjin_west_platforms', expectMinutes: 46, toleranceMinutes: 2,
    source: 'SENQ_DX2025 http://www.senqingzn.com/dy/article/JTDQL2IL0530JPVV.html', note: 'Friday/Sunday evening and Monday morning trains only (2026-11-27 is a Friday).' },
  { id: 'yanjiao-guomao-bus', kind: 'ride', mode: 'bus', date: TUE, from: 'express-bus:yanjiao_xingheyuan', to: 'express-bus:guomao', expectMinutes: 50, toleranceMinutes: 3,
    source: 'BL_BUS2022 / BANGQIKE_BUS2022: first bus 06:10 from 星河园, at 国贸 07:00' },
  { id: 'wuqing-guomao-bus', kind: 'ride', mode: 'bus', date: TUE, from: 'express-bus:wuqing_gaocun', to: 'express-bus:guomao', expectMinutes: 60, toleranceMinutes: 5, source: `GCHKKJ_WQ http://gchkkj.com/yaowen/109165.html (~1 h); ${SEED002}: 以北京国贸地区和武清高村地区为线路两端发车点的京津“定制快巴”` },
  { id: 'zhengding-tianjin-port', kind: 'ride', mode: 'rail', date: TUE, from: 'sea-rail-freight:zhengding_yard', to: 'sea-rail-freight:tianjin_port_rail', expectMinutes: 16 * 60, toleranceMinutes: 30, source: 'DAGONG_GC2024 http://www255088.com/special/hebei/jiaodian/2024/0510/970217.html' },
  { id: 'tianjin-valencia-sailing', kind: 'ride', date: '20261129', from: 'sea-rail-freight:tianjin_port_beijiang', to: 'sea-rail-freight:port_valencia', expectMinutes: 35 * 24 * 60, toleranceMinutes: 3 * 24 * 60,
    source: 'GUIGANG_ES https://guigangbj.com/zblog/?id=16852 (Tianjin -> Valencia 32–38 days)', note: 'Weekly Sunday sailing via Suez (2026-11-29 is a Sunday).' },
];

// Door-to-door example trips for data/gtfs/README.md (all modes, all feeds).
export const EXAMPLES = [
  { id: 'yanjiao-l22-guomao', title: '燕郊 (Line 22) -> 国贸, weekday morning', date: TUE, depart: '07:20', from: 'metro-line22:yanjiao', to: 'connector:cx_guomao' },
  { id: 'derong-bus-guomao', title: '廊坊 德容帝景 -> 国贸 by custom express bus', date: TUE, depart: '06:15', from: 'express-bus:langfang_derong', to: 'express-bus:guomao' },
  { id: 'tianjin-rail-guomao', title: '天津站 -> 国贸 (京津城际 + metro connector)', date: TUE, depart: '07:30', from: 'intercity-rail:tianjin_platforms', to: 'connector:cx_guomao' },
  { id: 'dachang-bus-dongdaqiao', title: '大厂 孔雀城榕枫园 -> 东大桥 (大厂专1 + Line 6 connector)', date: TUE, depart: '06:35', from: 'express-bus:dachang_rongfengyuan', to: 'connector:cx_dongdaqiao' },
];

const MODE_TYPES = { rail: [2], subway: [1], bus: [3] };
const fmt = (sec) => `${String(Math.floor(sec / 3600)).padStart(2, '0')}:${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}`;
const isoDate = (d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const round1 = (x) => Math.round(x * 10) / 10;

/** Evaluate every fact; returns rows with measured minutes, chosen depart time and pass/fail. */
export function evaluateFacts(router) {
  return FACTS.map((f) => {
    const ride = router.fastestRide(f.from, f.to, f.date);
    if (!ride) return { ...f, ok: false, why: 'no direct vehicle in the feeds on that date' };
    const departSec = ride.dep - 60;
    const door = router.earliest(f.from, f.to, f.date, departSec, f.mode ? MODE_TYPES[f.mode] : undefined);
    const rideMin = round1(ride.ride / 60);
    const doorMin = door ? round1((door.arrival - departSec) / 60) : null;
    const measured = f.kind === 'ride' ? rideMin : doorMin;
    let ok = measured !== null;
    if (ok && f.expectMinutes !== undefined) ok = Math.abs(measured - f.expectMinutes) <= (f.toleranceMinutes ?? 0);
    if (ok && f.maxMinutes !== undefined) ok = measured <= f.maxMinutes;
    return { ...f, departSec, rideMin, doorMin, measured, trip: ride.trip.key, ok };
  });
}

export function writeFactsTable(path, feeds) {
  const rows = evaluateFacts(new RefRouter(feeds));
  const lines = rows.map((r) => {
    const o = {
      id: r.id,
      from: r.from,
      to: r.to,
      ...(r.mode ? { mode: r.mode } : {}),
      depart: `${isoDate(r.date)}T${fmt(r.departSec)}`,
      ...(r.expectMinutes !== undefined ? { expectMinutes: r.expectMinutes } : {}),
      ...(r.maxMinutes !== undefined ? { maxMinutes: r.maxMinutes } : {}),
      ...(r.toleranceMinutes !== undefined ? { toleranceMinutes: r.toleranceMinutes } : {}),
      ...(r.kind === 'ride' ? { inVehicle: true } : {}),
      ...(r.capacityTeu !== undefined ? { capacityTeu: r.capacityTeu } : {}),
      source: r.source,
      note: `${r.note ? `${r.note} ` : ''}Feed check: ${r.kind === 'ride' ? `fastest ride ${r.rideMin} min` : `door-to-door ${r.doorMin} min`} (${r.trip}).`,
    };
    return `  ${JSON.stringify(o)},`;
  });
  const text = `// GENERATED by scripts/region/generate.mjs from scripts/region/facts.mjs — do not edit by hand.
// Published facts about the Jing-Jin-Ji network that the engine must reproduce on the bundled feeds.
// Each row: stops as "<feed>:<stop_id>"; depart = local time (Asia/Shanghai) 1 min before the vehicle
// the fact refers to. inVehicle rows compare the fastest vehicle's running time; the others compare the
// door-to-door earliest arrival from depart. Pass when |answer - expectMinutes| <= toleranceMinutes and
// answer <= maxMinutes. capacityTeu: expected capacity_teu of that service (sea-rail-freight/freight_services.txt).
// Sources: seed files in /work/shared/seeds, keys in scripts/region/data/sources.mjs, data/gtfs/PROVENANCE.md.

export interface RegionFact {
  id: string;
  from: string;
  to: string;
  mode?: 'rail' | 'subway' | 'bus';
  depart: string;
  expectMinutes?: number;
  maxMinutes?: number;
  toleranceMinutes?: number;
  inVehicle?: boolean;
  capacityTeu?: number;
  source: string;
  note?: string;
}

export const REGION_FACTS: readonly RegionFact[] = [
${lines.join('\n')}
];

export default REGION_FACTS;
`;
  writeText(path, text);
  return rows.length;
}

export function describeJourney(router, ex) {
  const [h, m] = ex.depart.split(':').map(Number);
  const dep = h * 3600 + m * 60;
  const res = router.earliest(ex.from, ex.to, ex.date, dep);
  if (!res) return `${ex.title}: no journey`;
  const name = (k) => router.stops.get(k).name;
  const out = [`${ex.title} — depart ${isoDate(ex.date)} ${ex.depart}, arrive ${fmt(res.arrival)} (${round1((res.arrival - dep) / 60)} min door to door)`];
  for (const l of res.legs) {
    if (l.kind === 'walk') out.push(`  walk  ${fmt(l.dep)}–${fmt(l.arr)}  ${name(l.from)} -> ${name(l.to)} (${Math.round((l.arr - l.dep) / 60)} min)`);
    else out.push(`  ${l.trip.route.route_short_name.padEnd(6)} ${fmt(l.dep)}–${fmt(l.arr)}  ${name(l.from)} -> ${name(l.to)}  [${l.trip.key}]`);
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const router = new RefRouter(buildAll());
  if (process.argv.includes('--examples')) {
    for (const ex of EXAMPLES) console.log(describeJourney(router, ex) + '\n');
  } else {
    let bad = 0;
    for (const r of evaluateFacts(router)) {
      if (!r.ok) bad++;
      const want = [r.expectMinutes !== undefined ? `~${r.expectMinutes}±${r.toleranceMinutes ?? 0}` : '', r.maxMinutes !== undefined ? `<=${r.maxMinutes}` : ''].filter(Boolean).join(' ');
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.id.padEnd(32)} ${String(r.measured).padStart(7)} min (want ${want}) ride ${r.rideMin} door ${r.doorMin} ${r.why ?? ''}`);
    }
    process.exit(bad ? 1 : 0);
  }
}
