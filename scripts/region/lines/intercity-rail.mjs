// Intercity and high-speed rail around Beijing–Tianjin–Hebei (route_type 2).
//
// Every line table: stations in order, pass-through running minutes between adjacent stations (segMin),
// a braking+acceleration penalty per served segment (penaltyMin) and dwell minutes. Running time between
// two served stations = sum(segMin between them) + penaltyMin. Calibration targets and their sources are
// written next to each table and collected in data/gtfs/PROVENANCE.md. Source keys: data/sources.mjs.
//
// Service ids: wd = working days, we = weekends/holidays, fri/sun/mon = weekly (see lib/calendar.mjs).

const HSR = { penaltyMin: 3, dwellMin: 2 };

// ---------------------------------------------------------------------------------------------
// 京津城际 Beijing South – Wuqing – Tianjin – Junliangcheng North – Tanggu – Binhai
// Targets: BJS->Tianjin nonstop 30 (W_JJ); BJS->Wuqing ~20, Wuqing->Tianjin ~10 (WAONEWS_2018);
// with the Wuqing stop 35 (2015 C-train 36, W_JJ); Tianjin->Binhai all stops 23 (ENORTH_2015; here 24);
// "58分钟到天津市滨海新区" (seed 002) -> BJS->Binhai 57 via Tianjin, Junliangcheng North, Tanggu.
// ~108.5 pairs/day in 2018 (WAONEWS_2018): here 96 weekday trains each way (estimate bands).
export const JINGJIN = {
  id: 'jingjin', agency: 'cr', type: 2, color: 'D7282F', textColor: 'FFFFFF',
  short: '京津城际', long: '京津城际铁路 北京南—天津—滨海', en: 'Beijing–Tianjin Intercity Railway (Beijing South–Tianjin–Binhai)', enShort: 'Jingjin ICR',
  stops: ['beijing_south_jingjin', 'wuqing', 'tianjin_platforms', 'junliangcheng_north', 'tanggu', 'binhai'],
  segMin: [17, 10, 5, 4, 2],
  ...HSR,
  dwellAt: { tianjin_platforms: 3 },
  patterns: {
    N: ['beijing_south_jingjin', 'tianjin_platforms'],
    W: ['beijing_south_jingjin', 'wuqing', 'tianjin_platforms'],
    B: ['beijing_south_jingjin', 'tianjin_platforms', 'junliangcheng_north', 'tanggu', 'binhai'],
    BW: 'all',
  },
  services: [
    ...[0, 1].map((dir) => ({
      service: 'wd', dir, offsetMin: dir * 3, anchor: dir === 0 ? 'beijing_south_jingjin' : 'tianjin_platforms',
      cycle: ['N', 'W', 'N', 'B', 'N', 'W', 'N', 'N', 'BW', 'W'],
      bands: [['06:00', '07:00', 15], ['07:00', '09:30', 8], ['09:30', '16:30', 12], ['16:30', '20:00', 8], ['20:00', '23:00', 15]],
    })),
    ...[0, 1].map((dir) => ({
      service: 'we', dir, offsetMin: 5 + dir * 3, anchor: dir === 0 ? 'beijing_south_jingjin' : 'tianjin_platforms',
      cycle: ['N', 'W', 'B', 'N', 'N', 'BW', 'W', 'N'],
      bands: [['06:00', '08:00', 15], ['08:00', '21:00', 10], ['21:00', '23:00', 15]],
    })),
  ],
};

// 京沪高铁 section Beijing South – Langfang – Tianjin South (through trains to Shanghai etc., cut to this section).
// Times: estimate (region facts: 21 + 19 min stopping); nonstop 36.
export const JINGHU = {
  id: 'jinghu_bjtj', agency: 'cr', type: 2, color: '8B1A1A', textColor: 'FFFFFF',
  short: '京沪高铁', long: '京沪高铁(北京南—廊坊—天津南区段)', en: 'Beijing–Shanghai HSR (Beijing South–Langfang–Tianjin South section)', enShort: 'Jinghu HSR',
  desc: '直通列车在本区段内的停站(示意); 终到站以外区段未收录',
  stops: ['beijing_south_jinghu', 'langfang', 'tianjin_south'],
  segMin: [18, 15],
  ...HSR,
  patterns: { D: ['beijing_south_jinghu', 'tianjin_south'], L: 'all', LO: ['beijing_south_jinghu', 'langfang'] },
  services: [
    ...[0, 1].map((dir) => ({
      service: 'wd', dir, offsetMin: 7 + dir * 4, cycle: ['D', 'L', 'D', 'LO'],
      bands: [['06:30', '07:30', 20], ['07:30', '20:00', 15], ['20:00', '22:00', 20]],
    })),
    ...[0, 1].map((dir) => ({
      service: 'we', dir, offsetMin: 7 + dir * 4, cycle: ['D', 'L', 'D', 'LO'],
      bands: [['06:30', '08:00', 20], ['08:00', '20:00', 15], ['20:00', '22:00', 20]],
    })),
  ],
};

// ---------------------------------------------------------------------------------------------
// 京雄城际 Beijing West – Beijing Daxing – Daxing Airport – Gu'an East – Bazhou North – Xiong'an
// Targets: BJW->Beijing Daxing ~20 (SENQ_DX2025); BJW->Daxing Airport nonstop 28 (ITW_JX2019);
// Daxing Airport->Xiong'an nonstop 19 (seed 003 "大兴机场至雄安新区间最快19分钟可达", INQ_JX);
// BJW->Xiong'an fastest 60 (seed 003 "北京西站至雄安新区间最快运行时间60分钟") — chosen over 50 (GT_JX, 2020).
// To keep both seed values true, every Beijing West–Xiong'an train makes two intermediate stops besides the
// airport (-> 60 min), and the 19-min nonstop hop is run by airport-origin shuttles (estimate).
// Xiong'an: 20 train pairs/day (seed 003) = 14 BJW + 3 airport shuttles + 3 Tianjin West through trains.
export const JINGXIONG = {
  id: 'jingxiong', agency: 'cr', type: 2, color: '0067B1', textColor: 'FFFFFF',
  short: '京雄城际', long: '京雄城际铁路 北京西—大兴机场—雄安', en: "Beijing–Xiong'an Intercity Railway", enShort: 'Jingxiong ICR',
  stops: ['beijing_west_jingxiong', 'beijing_daxing', 'daxing_airport_platforms', 'guan_east', 'bazhou_north', 'xiongan_platforms'],
  segMin: [17, 8, 5, 6, 5],
  ...HSR,
  dwellAt: { daxing_airport_platforms: 3 },
  patterns: {
    XA: ['beijing_west_jingxiong', 'beijing_daxing', 'daxing_airport_platforms', 'bazhou_north', 'xiongan_platforms'], // 60
    XB: ['beijing_west_jingxiong', 'daxing_airport_platforms', 'guan_east', 'bazhou_north', 'xiongan_platforms'], // 60
    XL: 'all', // 65
    AP: ['beijing_west_jingxiong', 'beijing_daxing', 'daxing_airport_platforms'], // 33
    AN: ['beijing_west_jingxiong', 'daxing_airport_platforms'], // 28
    SH: ['daxing_airport_platforms', 'xiongan_platforms'], // 19
  },
  patternLabels: { SH: '空铁联运' },
  services: [
    ...['wd', 'we'].flatMap((service) => [
      { service, dir: 0, deps: [['06:35', 'XB'], ['07:20', 'XA'], ['07:55', 'AN'], ['08:10', 'XB'], ['09:05', 'XL'], ['09:45', 'AP'], ['10:30', 'XB'], ['11:40', 'XA'], ['12:35', 'AN'], ['13:30', 'XL'], ['14:20', 'XB'], ['15:05', 'AP'], ['15:50', 'XA'], ['16:40', 'XB'], ['17:25', 'AP'], ['17:45', 'XL'], ['18:35', 'XB'], ['19:10', 'AN'], ['19:30', 'XA'], ['20:25', 'AP'], ['20:50', 'XL']] },
      { service, dir: 1, deps: [['06:40', 'XB'], ['07:15', 'AP'], ['07:30', 'XA'], ['08:05', 'AN'], ['08:25', 'XL'], ['09:20', 'XB'], ['10:40', 'XA'], ['11:30', 'AP'], ['12:20', 'XB'], ['13:35', 'XL'], ['14:25', 'AN'], ['15:15', 'XA'], ['16:10', 'XB'], ['16:55', 'AP'], ['17:40', 'XL'], ['18:30', 'XB'], ['19:00', 'AN'], ['19:45', 'XA'], ['20:30', 'AP'], ['21:20', 'XL'], ['21:50', 'XB']] },
      { service, dir: 0, deps: [['10:05', 'SH'], ['14:45', 'SH'], ['18:55', 'SH']] },
      { service, dir: 1, deps: [['09:35', 'SH'], ['13:05', 'SH'], ['17:15', 'SH']] },
    ]),
  ],
};

// 津兴城际 Tianjin West – Shengfang – Anci – Yongqing East – Gu'an East – Daxing Airport (– Beijing Daxing)
// Targets: first train G8842 Tianjin West 07:58 -> Daxing Airport 08:50, all stops 52 (CHINAORG_JXING);
// fastest 41 (CITS_JXING; here 42 with stops at Shengfang and Gu'an East); Beijing Daxing -> Tianjin West
// fastest 46 from 2025-04-18, 6 pairs Fri/Sun evening + 4 pairs Mon morning (SENQ_DX2025).
// Daily: 8 trains at opening, 18 planned Q2 2024, +10 in summer 2024 (CITS_JXING, PEOPLE_JXING2024) ->
// 13 pairs/day here (estimate).
export const JINXING = {
  id: 'jinxing', agency: 'cr', type: 2, color: '00A3A1', textColor: 'FFFFFF',
  short: '津兴城际', long: '津兴城际铁路 天津西—大兴机场(—北京大兴)', en: 'Tianjin–Daxing Airport Intercity Railway', enShort: 'Jinxing ICR',
  stops: ['tianjin_west_platforms', 'shengfang', 'anci', 'yongqing_east', 'guan_east', 'daxing_airport_platforms', 'beijing_daxing'],
  segMin: [9, 6, 5, 5, 4, 8],
  ...HSR,
  dwellAt: { daxing_airport_platforms: 3 },
  patterns: {
    J: ['tianjin_west_platforms', 'shengfang', 'anci', 'yongqing_east', 'guan_east', 'daxing_airport_platforms'], // 52
    JF: ['tianjin_west_platforms', 'shengfang', 'guan_east', 'daxing_airport_platforms'], // 42
    JM: ['tianjin_west_platforms', 'shengfang', 'anci', 'yongqing_east', 'daxing_airport_platforms'], // 47
    DX: ['tianjin_west_platforms', 'daxing_airport_platforms', 'beijing_daxing'], // 46
  },
  services: [
    ...['wd', 'we'].flatMap((service) => [
      { service, dir: 0, deps: [['07:58', 'J'], ['08:40', 'JF'], ['09:35', 'JM'], ['10:30', 'J'], ['11:25', 'JF'], ['12:20', 'J'], ['13:30', 'JM'], ['14:35', 'J'], ['15:30', 'JF'], ['16:25', 'J'], ['17:30', 'JM'], ['18:40', 'J'], ['20:00', 'JF']] },
      { service, dir: 1, deps: [['08:05', 'JF'], ['09:15', 'J'], ['10:20', 'JM'], ['11:15', 'J'], ['12:10', 'JF'], ['13:15', 'J'], ['14:20', 'JM'], ['15:20', 'J'], ['16:30', 'JF'], ['17:35', 'J'], ['18:45', 'JM'], ['19:50', 'J'], ['21:05', 'JF']] },
    ]),
    { service: 'fri', dir: 1, deps: [['17:40', 'DX'], ['18:10', 'DX'], ['18:40', 'DX'], ['19:10', 'DX'], ['19:40', 'DX'], ['20:20', 'DX']] },
    { service: 'sun', dir: 0, deps: [['17:20', 'DX'], ['17:50', 'DX'], ['18:20', 'DX'], ['18:50', 'DX'], ['19:30', 'DX'], ['20:10', 'DX']] },
    { service: 'sun', dir: 1, deps: [['17:40', 'DX'], ['18:10', 'DX'], ['18:40', 'DX'], ['19:10', 'DX'], ['19:40', 'DX'], ['20:20', 'DX']] },
    { service: 'fri', dir: 0, deps: [['17:20', 'DX'], ['17:50', 'DX'], ['18:20', 'DX'], ['18:50', 'DX'], ['19:30', 'DX'], ['20:10', 'DX']] },
    { service: 'mon', dir: 0, deps: [['06:20', 'DX'], ['06:50', 'DX'], ['07:20', 'DX'], ['07:50', 'DX']] },
    { service: 'mon', dir: 1, deps: [['06:30', 'DX'], ['07:00', 'DX'], ['07:30', 'DX'], ['08:00', 'DX']] },
  ],
};

// 津兴—京雄 through trains Tianjin West -> Xiong'an via Gu'an East (estimate).
// Target: seed 002 "天津至雄安新区的运行时间缩短至40分钟以内" -> nonstop 39 min; 3 pairs/day.
export const JINXIONG = {
  id: 'jinxiong', agency: 'cr', type: 2, color: '00A3A1', textColor: 'FFFFFF',
  short: '津雄跨线', long: '津兴城际—京雄城际跨线 天津西—雄安', en: "Tianjin West–Xiong'an through service (Jinxing + Jingxiong)", enShort: "Tianjin–Xiong'an",
  desc: '跨线列车(估算): 经津兴城际至固安东转京雄城际',
  stops: ['tianjin_west_platforms', 'shengfang', 'anci', 'yongqing_east', 'guan_east', 'bazhou_north', 'xiongan_platforms'],
  segMin: [9, 6, 5, 5, 6, 5],
  ...HSR,
  patterns: { N: ['tianjin_west_platforms', 'xiongan_platforms'], S: ['tianjin_west_platforms', 'shengfang', 'guan_east', 'bazhou_north', 'xiongan_platforms'] },
  services: ['wd', 'we'].flatMap((service) => [
    { service, dir: 0, deps: [['07:30', 'N'], ['12:50', 'S'], ['17:55', 'N']] },
    { service, dir: 1, deps: [['08:45', 'N'], ['14:10', 'S'], ['19:20', 'N']] },
  ]),
};

// ---------------------------------------------------------------------------------------------
// 京唐城际 / 京滨城际 via 北京通州站 (shared Tongzhou–Baodi section).
// Targets (2025-12-30 opening of Beijing Tongzhou, TJRB_TZ2025): Tongzhou->Baodi fastest 26 (here 27),
// Tongzhou->Tangshan fastest 55 (here 56; seed 003's projected 39 not used), Tongzhou->Beichen fastest 56
// (here 55). Seed 002 "从北京乘坐轨道交通, 29分钟到燕郊, 39分钟到大厂, 52分钟到香河, 51分钟到宝坻":
// written before Tongzhou opened, i.e. from Beijing station (北京站) -> here 29 / 37 / 47 / 49.
// Beijing station services: 5 pairs to Tangshan, 2 pairs to Beichen (JINBAO_JT2022); Tongzhou-origin
// services to Tangshan, Baodi and Beichen (SYXJ_TZ2025); counts of the latter are estimates.
const JT_STOPS = ['beijing_station_platforms', 'beijing_tongzhou_platforms', 'yanjiao_rail', 'dachang_rail', 'xianghe_rail', 'baodi_rail'];
export const JINGTANG = {
  id: 'jingtang', agency: 'cr', type: 2, color: 'E4007F', textColor: 'FFFFFF',
  short: '京唐城际', long: '京唐城际铁路 北京(北京站/北京通州)—唐山', en: 'Beijing–Tangshan Intercity Railway', enShort: 'Jingtang ICR',
  stops: [...JT_STOPS, 'yutian_south', 'tangshan_west', 'tangshan'],
  segMin: [17, 4, 3, 5, 7, 9, 5, 5],
  ...HSR,
  patterns: {
    T1: ['beijing_station_platforms', 'beijing_tongzhou_platforms', 'yanjiao_rail', 'baodi_rail', 'tangshan_west', 'tangshan'],
    T2: 'all',
    T3: ['beijing_tongzhou_platforms', 'yanjiao_rail', 'baodi_rail', 'tangshan_west', 'tangshan'],
    T4: ['beijing_tongzhou_platforms', 'yanjiao_rail', 'dachang_rail', 'xianghe_rail', 'baodi_rail'],
    T5: ['beijing_tongzhou_platforms', 'yanjiao_rail', 'dachang_rail', 'xianghe_rail', 'baodi_rail', 'yutian_south', 'tangshan_west', 'tangshan'],
  },
  services: [
    { service: 'wd', dir: 0, deps: [['06:45', 'T1'], ['07:05', 'T4'], ['07:40', 'T3'], ['08:25', 'T2'], ['09:10', 'T3'], ['10:00', 'T5'], ['11:05', 'T1'], ['12:20', 'T3'], ['13:40', 'T5'], ['14:50', 'T1'], ['15:45', 'T3'], ['16:50', 'T2'], ['17:35', 'T4'], ['18:05', 'T3'], ['18:40', 'T1'], ['19:30', 'T4'], ['20:20', 'T5'], ['21:20', 'T3']] },
    { service: 'wd', dir: 1, deps: [['06:05', 'T3'], ['06:30', 'T4'], ['06:55', 'T1'], ['07:20', 'T4'], ['07:45', 'T5'], ['08:30', 'T1'], ['09:40', 'T3'], ['11:00', 'T2'], ['12:15', 'T3'], ['13:35', 'T5'], ['14:40', 'T1'], ['15:50', 'T3'], ['17:00', 'T2'], ['18:10', 'T5'], ['19:15', 'T1'], ['20:10', 'T3'], ['21:00', 'T4']] },
    { service: 'we', dir: 0, deps: [['07:10', 'T1'], ['08:25', 'T2'], ['09:10', 'T3'], ['10:00', 'T5'], ['11:05', 'T1'], ['12:20', 'T3'], ['13:40', 'T5'], ['14:50', 'T1'], ['15:45', 'T3'], ['16:50', 'T2'], ['18:05', 'T3'], ['18:40', 'T1'], ['20:20', 'T5'], ['21:20', 'T3']] },
    { service: 'we', dir: 1, deps: [['06:55', 'T1'], ['07:45', 'T5'], ['08:30', 'T1'], ['09:40', 'T3'], ['11:00', 'T2'], ['12:15', 'T3'], ['13:35', 'T5'], ['14:40', 'T1'], ['15:50', 'T3'], ['17:00', 'T2'], ['18:10', 'T5'], ['19:15', 'T1'], ['20:10', 'T3']] },
  ],
};

// 京滨城际 (open section Baodi – Baodi South – Beichen; Beichen–Binhai West under construction, JINBIN_SOUTH2022).
export const JINGBIN = {
  id: 'jingbin', agency: 'cr', type: 2, color: 'F39800', textColor: 'FFFFFF',
  short: '京滨城际', long: '京滨城际铁路 北京(北京站/北京通州)—宝坻—北辰', en: 'Beijing–Binhai Intercity Railway (open section to Beichen)', enShort: 'Jingbin ICR',
  stops: [...JT_STOPS, 'baodi_south', 'beichen'],
  segMin: [17, 4, 3, 5, 7, 3, 15],
  ...HSR,
  patterns: {
    B1: ['beijing_station_platforms', 'beijing_tongzhou_platforms', 'yanjiao_rail', 'baodi_rail', 'baodi_south', 'beichen'],
    B2: ['beijing_tongzhou_platforms', 'yanjiao_rail', 'baodi_rail', 'baodi_south', 'beichen'],
    B3: ['beijing_tongzhou_platforms', 'yanjiao_rail', 'dachang_rail', 'xianghe_rail', 'baodi_rail', 'baodi_south', 'beichen'],
  },
  services: ['wd', 'we'].flatMap((service) => [
    { service, dir: 0, deps: [['07:55', 'B1'], ['10:35', 'B2'], ['13:05', 'B3'], ['16:15', 'B2'], ['19:05', 'B1']] },
    { service, dir: 1, deps: [['07:10', 'B2'], ['09:00', 'B1'], ['12:40', 'B3'], ['16:35', 'B1'], ['19:45', 'B2']] },
  ]),
};

// ---------------------------------------------------------------------------------------------
// 京张高铁 Beijing North – … – Zhangjiakou
// Targets: fastest Beijing->Zhangjiakou 47 (W_JZ; here 48 with the Qinghe stop); Qinghe->Badaling 19
// (CET_BDL; here 20 via Changping); Beijing North->Badaling ~35 (here 32); first train 06:40 (CET_BDL);
// 20 pairs/day at opening incl. Zhanghu trains (BAOTOU_JZ) -> 23 weekday / 26 weekend trains each way.
export const JINGZHANG = {
  id: 'jingzhang', agency: 'cr', type: 2, color: '00843D', textColor: 'FFFFFF',
  short: '京张高铁', long: '京张高铁 北京北—张家口', en: 'Beijing–Zhangjiakou High-Speed Railway', enShort: 'Jingzhang HSR',
  stops: ['beijing_north_platforms', 'qinghe', 'shahe', 'changping', 'badaling', 'donghuayuan_north', 'huailai', 'xiahuayuan_north', 'xuanhua_north', 'zhangjiakou'],
  segMin: [7, 3, 3, 6, 4, 4, 5, 4, 4],
  ...HSR,
  patterns: {
    Z1: ['beijing_north_platforms', 'qinghe', 'zhangjiakou'],
    Z2: ['beijing_north_platforms', 'qinghe', 'changping', 'badaling', 'donghuayuan_north', 'huailai', 'xiahuayuan_north', 'xuanhua_north', 'zhangjiakou'],
    Z3: ['beijing_north_platforms', 'qinghe', 'huailai', 'zhangjiakou'],
    Z4: ['beijing_north_platforms', 'qinghe', 'badaling', 'huailai', 'xuanhua_north', 'zhangjiakou'],
    Z5: 'all',
  },
  services: [
    ...[0, 1].map((dir) => ({ service: 'wd', dir, offsetMin: dir * 10, cycle: ['Z1', 'Z3', 'Z4', 'Z1', 'Z5', 'Z3', 'Z2'], bands: [['06:40', '21:50', 40]] })),
    ...[0, 1].map((dir) => ({ service: 'we', dir, offsetMin: dir * 10, cycle: ['Z1', 'Z4', 'Z2', 'Z3', 'Z5', 'Z4'], bands: [['06:40', '21:50', 35]] })),
  ],
};

// 京哈高铁京承段 Beijing Chaoyang – … – Chengde South
// Targets: Beijing–Chengde fastest 49 (CD_CHAOYANG2026; here 49 with the Miyun stop); downtown->Miyun
// "just over 20 minutes" (CHINAORG_JH2026; here 20). Frequency: hourly (estimate).
export const JINGCHENG = {
  id: 'jingcheng', agency: 'cr', type: 2, color: '6F2C91', textColor: 'FFFFFF',
  short: '京承高铁', long: '京哈高铁京承段 北京朝阳—承德南', en: 'Beijing–Harbin HSR, Beijing–Chengde section', enShort: 'Jingcheng HSR',
  stops: ['beijing_chaoyang_platforms', 'shunyi_west', 'huairou_south', 'miyun', 'xinglong_west', 'anjiang', 'chengde_south'],
  segMin: [7, 5, 5, 11, 8, 5],
  ...HSR,
  patterns: {
    C1: ['beijing_chaoyang_platforms', 'miyun', 'chengde_south'],
    C2: ['beijing_chaoyang_platforms', 'shunyi_west', 'huairou_south', 'miyun', 'xinglong_west', 'chengde_south'],
    C3: 'all',
    C5: ['beijing_chaoyang_platforms', 'huairou_south', 'miyun', 'chengde_south'],
  },
  services: [
    ...[0, 1].map((dir) => ({ service: 'wd', dir, offsetMin: dir * 15, cycle: ['C1', 'C2', 'C5', 'C3'], bands: [['06:30', '21:40', 60]] })),
    ...[0, 1].map((dir) => ({ service: 'we', dir, offsetMin: dir * 15, cycle: ['C2', 'C1', 'C3', 'C5'], bands: [['06:30', '21:40', 50]] })),
  ],
};

// 京广高铁京石段 Beijing West – Zhuozhou East – Gaobeidian East – Baoding East – Dingzhou East – Zhengding Airport – Shijiazhuang
// Targets: Shijiazhuang<->Beijing 1 h (seed 003 "石家庄到北京1小时通达", W_JS; here nonstop 64);
// Zhuozhou East->Beijing West commuter 06:23, 24 min (TJJOBS_ZZ; here 21); Zhengding Airport->Shijiazhuang
// < 15 (W_ZDA; here 11). Seed 002 mentions 京保/京涿 commuter trains -> peak commuter patterns K1/K2.
export const JINGSHI = {
  id: 'jingguang_bjsjz', agency: 'cr', type: 2, color: 'B5121B', textColor: 'FFFFFF',
  short: '京广高铁', long: '京广高铁(北京西—石家庄区段)', en: 'Beijing–Guangzhou HSR (Beijing West–Shijiazhuang section)', enShort: 'Jingguang HSR',
  desc: '直通列车在本区段内的停站(示意)',
  stops: ['beijing_west_jingguang', 'zhuozhou_east', 'gaobeidian_east', 'baoding_east', 'dingzhou_east', 'zhengding_airport_rail', 'shijiazhuang_platforms'],
  segMin: [18, 6, 9, 11, 9, 8],
  ...HSR,
  patterns: {
    S1: ['beijing_west_jingguang', 'shijiazhuang_platforms'],
    S2: ['beijing_west_jingguang', 'baoding_east', 'shijiazhuang_platforms'],
    S3: 'all',
    S4: ['beijing_west_jingguang', 'baoding_east', 'zhengding_airport_rail', 'shijiazhuang_platforms'],
    S5: ['beijing_west_jingguang', 'zhuozhou_east', 'baoding_east', 'shijiazhuang_platforms'],
    K1: ['beijing_west_jingguang', 'zhuozhou_east'],
    K2: ['beijing_west_jingguang', 'zhuozhou_east', 'gaobeidian_east', 'baoding_east'],
  },
  patternLabels: { K1: '京涿通勤', K2: '京保通勤' },
  services: [
    ...[0, 1].map((dir) => ({
      service: 'wd', dir, offsetMin: dir * 6, cycle: ['S2', 'S1', 'S5', 'S3', 'S2', 'S4', 'S1', 'S2'],
      bands: [['06:00', '07:00', 20], ['07:00', '10:00', 12], ['10:00', '17:00', 15], ['17:00', '20:00', 12], ['20:00', '22:00', 20]],
    })),
    { service: 'wd', dir: 1, deps: [['06:23', 'K1'], ['06:40', 'K2'], ['07:05', 'K1'], ['07:25', 'K2']] },
    { service: 'wd', dir: 0, deps: [['17:35', 'K2'], ['18:05', 'K1'], ['18:35', 'K2'], ['19:05', 'K1']] },
    ...[0, 1].map((dir) => ({
      service: 'we', dir, offsetMin: 4 + dir * 6, cycle: ['S2', 'S1', 'S5', 'S3', 'S4', 'S1'],
      bands: [['06:00', '08:00', 20], ['08:00', '20:00', 15], ['20:00', '22:00', 20]],
    })),
  ],
};

export const LINES = [JINGJIN, JINGHU, JINGXIONG, JINXING, JINXIONG, JINGTANG, JINGBIN, JINGZHANG, JINGCHENG, JINGSHI];

export function build(feed) {
  feed.addAgency({ id: 'cr', zh: '中国铁路(国铁集团)', en: 'China Railway', url: 'https://www.12306.cn', phone: '12306' });

  // Hubs: parent station (location_type 1) + platform groups. Offsets in metres [north, east] (estimate).
  feed.addHub({ id: 'beijing_south', children: [
    { id: 'beijing_south_jingjin', en: 'Jingjin ICR platforms', desc: '京津城际站台', offsetM: [0, 60] },
    { id: 'beijing_south_jinghu', en: 'Jinghu HSR platforms', desc: '京沪高铁站台', offsetM: [0, -60] },
  ] });
  feed.addHub({ id: 'beijing_west', children: [
    { id: 'beijing_west_jingxiong', en: 'Jingxiong ICR platforms (underground)', desc: '京雄城际站台(地下)', offsetM: [-60, 0] },
    { id: 'beijing_west_jingguang', en: 'Jingguang HSR platforms', desc: '京广高铁站台', offsetM: [60, 0] },
  ] });
  feed.addHub({ id: 'beijing_station', name: '北京站', en: 'Beijing Railway Station', children: [{ id: 'beijing_station_platforms', en: 'platforms' }] });
  feed.addHub({ id: 'beijing_tongzhou', name: '北京通州站', en: 'Beijing Tongzhou', children: [
    { id: 'beijing_tongzhou_platforms', en: 'Jingtang/Jingbin ICR platforms', desc: '京唐/京滨城际站台' },
  ] });
  feed.addHub({ id: 'beijing_north', children: [{ id: 'beijing_north_platforms', en: 'platforms' }] });
  feed.addHub({ id: 'beijing_chaoyang', children: [{ id: 'beijing_chaoyang_platforms', en: 'platforms' }] });
  feed.addHub({ id: 'tianjin', children: [{ id: 'tianjin_platforms', en: 'Jingjin ICR platforms', desc: '京津城际站台' }] });
  feed.addHub({ id: 'tianjin_west', children: [{ id: 'tianjin_west_platforms', en: 'Jinxing ICR platforms', desc: '津兴城际站台' }] });
  feed.addHub({ id: 'daxing_airport', place: 'daxing_airport_rail', name: '大兴机场站', en: 'Daxing Airport', children: [
    { id: 'daxing_airport_platforms', en: 'Jingxiong/Jinxing ICR platforms', desc: '京雄/津兴城际站台' },
  ] });
  feed.addHub({ id: 'xiongan', children: [{ id: 'xiongan_platforms', en: 'Jingxiong ICR platforms' }] });
  feed.addHub({ id: 'shijiazhuang', children: [{ id: 'shijiazhuang_platforms', en: 'HSR platforms' }] });

  for (const id of [
    'wuqing', 'junliangcheng_north', 'tanggu', 'binhai', 'langfang', 'tianjin_south',
    'beijing_daxing', 'guan_east', 'bazhou_north', 'shengfang', 'anci', 'yongqing_east',
    'yanjiao_rail', 'dachang_rail', 'xianghe_rail', 'baodi_rail', 'yutian_south', 'tangshan_west', 'tangshan', 'baodi_south', 'beichen',
    'qinghe', 'shahe', 'changping', 'badaling', 'donghuayuan_north', 'huailai', 'xiahuayuan_north', 'xuanhua_north', 'zhangjiakou',
    'shunyi_west', 'huairou_south', 'miyun', 'xinglong_west', 'anjiang', 'chengde_south',
    'zhuozhou_east', 'gaobeidian_east', 'baoding_east', 'dingzhou_east', 'zhengding_airport_rail',
  ]) feed.addStop({ id });

  for (const line of LINES) feed.addLine(line);

  // Interchanges inside this feed (estimate: 15 min between platform groups incl. ticket/security
  // re-check, 8–10 min for a same-platform-group change).
  feed.addTransfer('beijing_south_jingjin', 'beijing_south_jinghu', 900);
  feed.addTransfer('beijing_west_jingxiong', 'beijing_west_jingguang', 900);
  for (const s of ['daxing_airport_platforms', 'guan_east', 'xiongan_platforms', 'tianjin_west_platforms', 'beijing_tongzhou_platforms', 'baodi_rail', 'beijing_daxing']) {
    feed.addTransfer(s, s, s === 'daxing_airport_platforms' ? 600 : 480, false);
  }
}
