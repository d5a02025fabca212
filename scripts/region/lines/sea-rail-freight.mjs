// Sea-rail freight: container shuttle trains to/from the Port of Tianjin and onward ocean sailings.
// Standard GTFS for the timetable (route_type 2 = rail, 4 = ship) plus extension files documented in
// data/gtfs/sea-rail-freight/README.md. Every figure is tagged with its source key or "estimate".
// Times are whole minutes from the first departure; multi-day trips use hours > 24 (e.g. 874:00:00).

const H = 60;
const D = 24 * 60;

// Ocean waypoints (estimate, for shapes only).
const WP = {
  bohai: [[38.98, 117.79], [38.6, 119.0], [38.1, 121.0]],
  toBusan: [[37.3, 123.5], [34.3, 125.5], [34.6, 128.0], [35.1, 129.04]],
  toSuez: [[31.0, 123.5], [22.0, 117.0], [10.0, 110.0], [1.3, 104.0], [5.8, 95.0], [6.0, 80.0], [12.5, 45.0], [12.6, 43.3], [27.5, 34.0], [29.9, 32.55], [31.3, 32.3]],
  toPiraeus: [[34.0, 27.0], [37.94, 23.6]],
  toValencia: [[37.0, 15.5], [38.0, 11.0], [38.5, 5.0], [39.44, -0.32]],
  toSines: [[36.8, -1.5], [35.95, -5.6], [36.5, -8.5], [37.93, -8.84]],
  toRotterdam: [[36.0, 14.0], [37.4, 11.0], [37.5, 2.0], [35.95, -5.6], [37.0, -9.8], [43.5, -9.8], [48.5, -5.5], [50.1, -1.0], [51.1, 1.6], [51.95, 4.05]],
};

function rail({ id, short, long, en, stops, minutes, deps, color, desc }) {
  return {
    id, agency: 'cr_freight', type: 2, color, textColor: 'FFFFFF', short, long, en, desc,
    stops, segMin: [minutes], penaltyMin: 0, dwellMin: 0, patterns: { A: 'all' },
    services: deps.map(([service, dir, times]) => ({ service, dir, deps: times.map((t) => [t, 'A']) })),
  };
}

export const FREIGHT_LINES = [
  // Shijiazhuang International Dry Port <-> Tianjin Port (海铁联运班列).
  // 78 TEU (seed 003); 87 trains in 2023 (seed 003) -> 2 per week each way here (estimate, ~104/yr);
  // 18 h (estimate: Zhengding->Tianjin Port '港城班列' 16 h, DAGONG_GC2024, + ~60 km further south).
  rail({
    id: 'fr_sjz_tjp', short: '石家庄陆港—天津港', long: '石家庄国际陆港—天津港 海铁联运班列', en: 'Shijiazhuang Intl Dry Port–Tianjin Port sea-rail container train',
    color: '2E7D32', stops: ['sjz_dry_port', 'tianjin_port_rail'], minutes: 18 * H,
    deps: [['mon_thu', 0, ['16:00']], ['wed_sat', 1, ['14:00']]],
  }),
  // Zhengding freight yard -> Tianjin Port '港城班列' (coil steel), 16 h (DAGONG_GC2024). Weekly (estimate).
  rail({
    id: 'fr_zd_tjp', short: '正定—天津港 港城班列', long: '正定货场—天津港 港城班列', en: 'Zhengding freight yard–Tianjin Port port-city train',
    color: '558B2F', stops: ['zhengding_yard', 'tianjin_port_rail'], minutes: 16 * H,
    deps: [['tue', 0, ['08:00']]],
  }),
  // Tianjin Port -> Mafang (Pinggu) sea-rail train: 4.5 h (BT_PINGGU2020: trial 2020-12-28 arrived 10:32
  // after 4.5 h -> departs 06:00); '6 trains' opened (seed 002) -> weekly each way (estimate).
  rail({
    id: 'fr_tjp_mafang', short: '天津港—马坊', long: '天津港—平谷马坊 海铁联运班列', en: 'Tianjin Port–Mafang (Pinggu) sea-rail container train',
    color: '00695C', stops: ['tianjin_port_rail', 'mafang_hub'], minutes: 4.5 * H,
    deps: [['tue', 0, ['06:00']], ['thu', 1, ['08:00']]],
  }),
  // Tianjin Port (Xingang North) -> Dahongmen: 2 trains/week initially, first 2023-07-14 11:00
  // (CSOA_DHM2023, ANGDUAN_DHM2023); 6 h (estimate).
  rail({
    id: 'fr_tjp_dahongmen', short: '天津港—大红门', long: '天津港(新港北)—大红门 海铁联运班列', en: 'Tianjin Port (Xingang North)–Dahongmen sea-rail container train',
    color: '00838F', stops: ['tianjin_port_rail', 'dahongmen_yard'], minutes: 6 * H,
    deps: [['tue_fri', 0, ['11:00']], ['wed_sat', 1, ['09:00']]],
  }),
  // Ocean: Tianjin <-> Busan feeder, 60 h (estimate within 2–3 days, region facts), twice weekly (estimate).
  {
    id: 'sea_tjp_busan', agency: 'sea_lines', type: 4, color: '1565C0', textColor: 'FFFFFF',
    short: '中韩航线', long: '天津港—釜山 集装箱航线', en: 'Tianjin–Busan container service',
    stops: ['tianjin_port_beijiang', 'port_busan'], segMin: [60 * H], penaltyMin: 0, dwellMin: 0, patterns: { A: 'all' },
    shapePoints: [...WP.bohai, ...WP.toBusan],
    services: [{ service: 'tue_fri', dir: 0, deps: [['20:00', 'A']] }, { service: 'mon_thu', dir: 1, deps: [['18:00', 'A']] }],
  },
  // Ocean: Far East – Mediterranean loop via Suez, weekly: Piraeus day 30 (estimate 28–34),
  // Valencia day 34 (sourced 32–38, GUIGANG_ES), Sines day 38 (estimate 33–40; Sines Terminal XXI has a
  // Far-East loop calling Tianjin Xingang, PORTSEUROPE_SINES). Port stays 24 h / 18 h.
  {
    id: 'sea_tjp_med', agency: 'sea_lines', type: 4, color: '0D47A1', textColor: 'FFFFFF',
    short: '远东—地中海航线', long: '天津港—比雷埃夫斯—瓦伦西亚—锡尼什 集装箱航线(经苏伊士运河)', en: 'Tianjin–Piraeus–Valencia–Sines container service (via Suez)',
    stops: ['tianjin_port_beijiang', 'port_piraeus', 'port_valencia', 'port_sines'],
    segMin: [30 * D + 10 * H, 3 * D, 1 * D + 18 * H], penaltyMin: 0, dwellMin: 0,
    dwellAt: { port_piraeus: 24 * H, port_valencia: 18 * H },
    patterns: { A: 'all' },
    shapePoints: [...WP.bohai, ...WP.toSuez, ...WP.toPiraeus, ...WP.toValencia, ...WP.toSines],
    services: [{ service: 'sun', dir: 0, deps: [['22:00', 'A']] }, { service: 'fri', dir: 1, deps: [['12:00', 'A']] }],
  },
  // Ocean: Far East – North Europe via Suez, weekly, Rotterdam day 35 (estimate 32–38 via Suez; direct weekly
  // Tianjin–Algeciras–Rotterdam–Hamburg–Antwerp service with 24k-TEU ships, XINHUA_HMM2023).
  {
    id: 'sea_tjp_neu', agency: 'sea_lines', type: 4, color: '283593', textColor: 'FFFFFF',
    short: '远东—北欧航线', long: '天津港—鹿特丹 集装箱航线(经苏伊士运河)', en: 'Tianjin–Rotterdam container service (via Suez)',
    stops: ['tianjin_port_beijiang', 'port_rotterdam'], segMin: [35 * D], penaltyMin: 0, dwellMin: 0, patterns: { A: 'all' },
    shapePoints: [...WP.bohai, ...WP.toSuez, ...WP.toRotterdam],
    services: [{ service: 'wed', dir: 0, deps: [['20:00', 'A']] }, { service: 'sat', dir: 1, deps: [['16:00', 'A']] }],
  },
];

// ---- extension tables ---------------------------------------------------------------------------------
// freight_services.txt: one row per route and direction.
export const SERVICES = [
  // route, dir, kind, capacity_teu, net_tonnes, distance_km, per_week, traction, kWh/train-km, fuel t/day, routing, sources
  ['fr_sjz_tjp', 0, 'sea_rail_train', 78, 1264, 400, 2, 'electric', 26, '', '', 'seed 003 (78 TEU; 110000 t / 87 trains = 1264 t); estimate (distance, frequency, energy)'],
  ['fr_sjz_tjp', 1, 'port_city_train', 82, 1330, 400, 2, 'electric', 27, '', '', 'AKC_SJZ2024 (82 TEU on 2024-04-20); estimate (rest)'],
  ['fr_zd_tjp', 0, 'port_city_train', 80, 1300, 370, 1, 'electric', 26, '', '', 'DAGONG_GC2024 (16 h); estimate (capacity, distance, energy)'],
  ['fr_tjp_mafang', 0, 'sea_rail_train', 50, 800, 200, 1, 'electric', 20, '', '', 'BJTITLE_PG2023 (25 x 40 ft = 50 TEU); BT_PINGGU2020 (4.5 h); estimate (rest)'],
  ['fr_tjp_mafang', 1, 'sea_rail_train', 50, 800, 200, 1, 'electric', 20, '', '', 'as direction 0; export direction assumed (estimate)'],
  ['fr_tjp_dahongmen', 0, 'sea_rail_train', 60, 960, 180, 2, 'electric', 24, '', '', 'CSOA_DHM2023 / ANGDUAN_DHM2023 (2 per week); estimate (capacity, distance, energy)'],
  ['fr_tjp_dahongmen', 1, 'sea_rail_train', 60, 960, 180, 2, 'electric', 24, '', '', 'as direction 0 (estimate)'],
  ['sea_tjp_busan', 0, 'feeder_ship', 1800, '', 1450, 2, 'marine_fuel', '', 30, 'yellow_sea', 'estimate (ship size, fuel, distance)'],
  ['sea_tjp_busan', 1, 'feeder_ship', 1800, '', 1450, 2, 'marine_fuel', '', 30, 'yellow_sea', 'estimate'],
  ['sea_tjp_med', 0, 'mainline_ship', 15000, '', 19500, 1, 'marine_fuel', '', 100, 'suez', 'GUIGANG_ES (Valencia 32-38 d); estimate (ship size, fuel, distance)'],
  ['sea_tjp_med', 1, 'mainline_ship', 15000, '', 19500, 1, 'marine_fuel', '', 100, 'suez', 'estimate'],
  ['sea_tjp_neu', 0, 'mainline_ship', 24000, '', 20000, 1, 'marine_fuel', '', 120, 'suez', 'XINHUA_HMM2023 (24k-TEU ships, weekly direct loop); estimate (fuel, distance)'],
  ['sea_tjp_neu', 1, 'mainline_ship', 24000, '', 20000, 1, 'marine_fuel', '', 120, 'suez', 'estimate'],
];

// freight_terminals.txt: one row per terminal stop and flow.
export const TERMINALS = [
  // stop, flow, kind, handling_min, min_connection_min, cutoff_min, customs_mode, customs_hours, cost_cny_per_teu, sources
  ['tianjin_port_beijiang', 'export', 'port_terminal', 120, 1440, 1440, 'direct_loading', '', 550, 'seed 002 抵港直装: export staging 1-2 days (was 5); lower bound used for cut-off; estimate (handling, cost)'],
  ['tianjin_port_beijiang', 'export_standard', 'port_terminal', 120, 7200, 7200, 'standard', '', 550, 'seed 002: 5 days before the 抵港直装 reform; estimate (handling, cost)'],
  ['tianjin_port_beijiang', 'import', 'port_terminal', 90, 90, '', 'ship_side_pickup', '', 550, 'seed 002 船边直提: import pick-up as little as 1.5 h (was 1-2 days); estimate (cost)'],
  ['tianjin_port_rail', 'sea_rail_transfer', 'rail_terminal', 180, 180, 240, 'port_rail_direct', '', 300, 'BLH_2025 港场直通 ~3 h (was 2-3 days); estimate (cut-off, cost)'],
  ['sjz_dry_port', 'export', 'dry_port', 240, 240, 360, 'inland_declaration', '', 350, 'estimate (dry port with customs supervision assumed)'],
  ['sjz_dry_port', 'import', 'dry_port', 240, 240, '', 'inland_declaration', '', 350, 'estimate'],
  ['zhengding_yard', 'export', 'rail_yard', 180, 180, 360, 'standard', '', 300, 'estimate'],
  ['mafang_hub', 'import', 'dry_port', 120, 120, '', 'inland_declaration', 29.31, 350, 'BT_PINGGU2020 (declaration at Mafang); seed 004 Beijing customs import clearance 29.31 h (Dec 2020); estimate (handling, cost)'],
  ['mafang_hub', 'export', 'dry_port', 120, 120, 240, 'inland_declaration', 1.44, 350, 'seed 004 Beijing customs export clearance 1.44 h (Dec 2020); estimate (handling, cut-off, cost)'],
  ['dahongmen_yard', 'domestic', 'rail_yard', 120, 120, 240, 'not_applicable', '', 300, 'CSOA_DHM2023 (domestic coastal boxes, final delivery by truck); estimate (times, cost)'],
  ['port_busan', 'import', 'port_terminal', 720, 720, 1440, 'standard', '', 900, 'estimate'],
  ['port_piraeus', 'import', 'port_terminal', 1440, 1440, 2880, 'standard', '', 1500, 'estimate'],
  ['port_valencia', 'import', 'port_terminal', 1440, 1440, 2880, 'standard', '', 1500, 'estimate'],
  ['port_sines', 'import', 'port_terminal', 1440, 1440, 2880, 'standard', '', 1500, 'estimate'],
  ['port_rotterdam', 'import', 'port_terminal', 1440, 1440, 2880, 'standard', '', 1700, 'estimate'],
];

// freight_tariffs.txt: one row per route and origin-destination pair (20 ft container = 1 TEU).
export const TARIFFS = [
  // route, from, to, cny_per_teu, distance_km, sources
  ['fr_sjz_tjp', 'sjz_dry_port', 'tianjin_port_rail', 2300, 400, 'estimate: ~30% below trucking (AKC_SJZ2024, sourced ratio) with trucking ~3300 CNY per 20 ft (estimate)'],
  ['fr_sjz_tjp', 'tianjin_port_rail', 'sjz_dry_port', 2300, 400, 'estimate (as above)'],
  ['fr_zd_tjp', 'zhengding_yard', 'tianjin_port_rail', 2100, 370, 'estimate'],
  ['fr_tjp_mafang', 'tianjin_port_rail', 'mafang_hub', 1500, 200, 'estimate'],
  ['fr_tjp_mafang', 'mafang_hub', 'tianjin_port_rail', 1500, 200, 'estimate'],
  ['fr_tjp_dahongmen', 'tianjin_port_rail', 'dahongmen_yard', 1600, 180, 'estimate'],
  ['fr_tjp_dahongmen', 'dahongmen_yard', 'tianjin_port_rail', 1600, 180, 'estimate'],
  ['sea_tjp_busan', 'tianjin_port_beijiang', 'port_busan', 2100, 1450, 'estimate (~300 USD/TEU short-sea)'],
  ['sea_tjp_busan', 'port_busan', 'tianjin_port_beijiang', 2100, 1450, 'estimate'],
  ['sea_tjp_med', 'tianjin_port_beijiang', 'port_piraeus', 14000, 16500, 'estimate (~2000 USD/TEU Asia-Med; spot rates 2024-2026 ranged far wider)'],
  ['sea_tjp_med', 'tianjin_port_beijiang', 'port_valencia', 14500, 18400, 'estimate'],
  ['sea_tjp_med', 'tianjin_port_beijiang', 'port_sines', 15000, 19500, 'estimate'],
  ['sea_tjp_med', 'port_sines', 'tianjin_port_beijiang', 6000, 19500, 'estimate (westbound-to-Asia backhaul rates are lower)'],
  ['sea_tjp_neu', 'tianjin_port_beijiang', 'port_rotterdam', 13000, 20000, 'estimate (~1800 USD/TEU Asia-North Europe)'],
  ['sea_tjp_neu', 'port_rotterdam', 'tianjin_port_beijiang', 5500, 20000, 'estimate (backhaul)'],
];

export function build(feed) {
  feed.addAgency({ id: 'cr_freight', zh: '中国铁路 集装箱班列', en: 'China Railway container trains', url: 'https://www.95306.cn', phone: '95306' });
  feed.addAgency({ id: 'sea_lines', zh: '天津港集装箱航线(多船公司, 班期示意)', en: 'Tianjin Port container services (several carriers, indicative schedule)', url: 'https://jjj-router.example/sea-lines' });

  feed.addStop({ id: 'sjz_dry_port', place: 'shijiazhuang_dry_port', name: '石家庄国际陆港', en: 'Shijiazhuang International Dry Port' });
  feed.addStop({ id: 'zhengding_yard', place: 'zhengding_freight_yard', name: '正定货场', en: 'Zhengding freight yard' });
  feed.addStop({ id: 'tianjin_port', place: 'tianjin_port', name: '天津港', en: 'Port of Tianjin', loc: 1 });
  feed.addStop({ id: 'tianjin_port_rail', place: 'xingang_north_rail_ct', name: '天津港 新港北集装箱中心站', en: 'Port of Tianjin – Xingang North rail container centre', parent: 'tianjin_port' });
  feed.addStop({ id: 'tianjin_port_beijiang', place: 'tianjin_port_beijiang_ct', name: '天津港 北疆港区集装箱码头', en: 'Port of Tianjin – Beijiang container terminals', parent: 'tianjin_port' });
  feed.addStop({ id: 'mafang_hub', place: 'mafang_hub', name: '马坊物流枢纽(京平国际陆港)', en: 'Mafang logistics hub (Jingping international land port), Pinggu' });
  feed.addStop({ id: 'dahongmen_yard', place: 'dahongmen_yard', name: '大红门货场', en: 'Dahongmen freight yard' });
  for (const id of ['port_busan', 'port_piraeus', 'port_valencia', 'port_sines', 'port_rotterdam']) feed.addStop({ id, desc: 'overseas port (outside the region)' });

  for (const l of FREIGHT_LINES) feed.addLine(l);

  // Port interchange (minutes -> seconds): rail -> ship export needs the 抵港直装 staging (1 day, seed 002);
  // ship -> rail import 1.5 h 船边直提 (seed 002); rail -> rail through the port 3 h 港场直通 (BLH_2025).
  feed.addTransfer('tianjin_port_rail', 'tianjin_port_beijiang', 1440 * 60, false);
  feed.addTransfer('tianjin_port_beijiang', 'tianjin_port_rail', 90 * 60, false);
  feed.addTransfer('tianjin_port_rail', 'tianjin_port_rail', 180 * 60, false);

  feed.addExtra('freight_services.txt',
    ['route_id', 'direction_id', 'service_kind', 'capacity_teu', 'typical_net_tonnes', 'distance_km', 'departures_per_week', 'traction', 'energy_kwh_per_train_km', 'energy_kwh_per_teu_km', 'fuel_t_per_day', 'fuel_g_per_teu_km', 'routing', 'source'],
    SERVICES.map(([route_id, direction_id, service_kind, capacity_teu, typical_net_tonnes, distance_km, departures_per_week, traction, kwh, fuel, routing, source]) => ({
      route_id, direction_id, service_kind, capacity_teu, typical_net_tonnes, distance_km, departures_per_week, traction,
      energy_kwh_per_train_km: kwh,
      energy_kwh_per_teu_km: kwh === '' ? '' : (kwh / capacity_teu).toFixed(3),
      fuel_t_per_day: fuel,
      // g per TEU-km = daily fuel / (daily distance at 14 kn feeder, 16 kn mainline) / (capacity x 0.8 load factor)
      fuel_g_per_teu_km: fuel === '' ? '' : ((fuel * 1e6) / ((service_kind === 'feeder_ship' ? 14 : 16) * 1.852 * 24) / (capacity_teu * 0.8)).toFixed(1),
      routing, source,
    })));
  feed.addExtra('freight_terminals.txt',
    ['stop_id', 'flow', 'terminal_kind', 'handling_minutes', 'min_connection_minutes', 'cutoff_minutes_before_departure', 'customs_mode', 'customs_clearance_hours', 'handling_cost_cny_per_teu', 'source'],
    TERMINALS.map(([stop_id, flow, terminal_kind, handling_minutes, min_connection_minutes, cutoff, customs_mode, customs_clearance_hours, cost, source]) => ({
      stop_id, flow, terminal_kind, handling_minutes, min_connection_minutes, cutoff_minutes_before_departure: cutoff, customs_mode, customs_clearance_hours, handling_cost_cny_per_teu: cost, source,
    })));
  feed.addExtra('freight_tariffs.txt',
    ['tariff_id', 'route_id', 'from_stop_id', 'to_stop_id', 'container', 'tariff_cny_per_teu', 'tariff_cny_per_teu_km', 'distance_km', 'valid_from', 'valid_to', 'source'],
    TARIFFS.map(([route_id, from_stop_id, to_stop_id, cny, km, source]) => ({
      tariff_id: `${route_id}__${from_stop_id}__${to_stop_id}`, route_id, from_stop_id, to_stop_id, container: '20GP',
      tariff_cny_per_teu: cny, tariff_cny_per_teu_km: (cny / km).toFixed(2), distance_km: km, valid_from: '20261101', valid_to: '20271231', source,
    })));
}
