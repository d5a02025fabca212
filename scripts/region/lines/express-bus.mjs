// Commuter custom express buses (通勤定制快巴 / 京津冀定制快巴) and two related cross-border bus lines.
//
// Network facts: seed 003 "京冀通勤定制快巴已累计开通运营6条主线、32条支线 … 平均通勤时间在60分钟之内";
// seed 002 "开通北京至天津、河北周边地区6条主线,共36条支线京津冀'定制快巴'" (36 includes the Tianjin
// lines; see PROVENANCE.md). No official list of the 6 main lines was found, so the six corridors below are
// the ones with public evidence; branch coverage is limited to branches with a named stop.
// Morning runs go into Beijing, evening runs go back, working days only (estimate: commuter product).
// In the morning, passengers board at the Hebei/Tianjin stops and alight in Beijing (pickup/drop-off flags).


function commuter({ id, short, long, en, color, from, to, runMin, amDeps, pmDeps, pmRunMin, desc, fare }) {
  return {
    id, agency: 'jjj_bus', type: 3, color, textColor: 'FFFFFF', short, long, en, desc, fare,
    stops: [from, to],
    segMin: [runMin],
    penaltyMin: 0,
    dwellMin: 0,
    patterns: { AM: 'all', PM: 'all' },
    // PM runs use the same stops reversed; PM running time may differ (evening congestion, estimate).
    services: [
      { service: 'wd', dir: 0, deps: amDeps.map((t) => [t, 'AM']) },
      { service: 'wd', dir: 1, deps: pmDeps.map((t) => [t, 'PM']), segMin: [pmRunMin ?? runMin] },
    ],
    pickupDropoff: (stop, seq, n) => (seq === 0 ? { pickup: 0, dropoff: 1 } : seq === n - 1 ? { pickup: 1, dropoff: 0 } : {}),
  };
}

export const BUS_LINES = [
  // 1. 燕郊(三河)—国贸 1线: first bus 06:10 from 星河园小区, at 国贸 07:00 (BL_BUS2022, BANGQIKE_BUS2022);
  //    launched 2022-07-25 with 2 Yanjiao lines, 12 buses. Peak every 15 min (estimate from 66 Beisan trips/day, SINA_BUS2023).
  commuter({
    id: 'kb_yanjiao_guomao', short: '定制快巴 燕郊1线', long: '燕郊星河园小区—国贸 通勤定制快巴', en: 'Commuter express bus Yanjiao (Xingheyuan)–Guomao',
    color: '1E8C45', from: 'yanjiao_xingheyuan', to: 'guomao', runMin: 50, pmRunMin: 55,
    amDeps: ['06:10', '06:25', '06:40', '06:55', '07:10', '07:25'], pmDeps: ['17:30', '17:50', '18:10', '18:30', '19:00', '19:30'],
    fare: { price: 20, prov: 'estimate' },
  }),
  // 1b. 燕郊 second launch line (BL_BUS2022: "2 Yanjiao lines"); origin stop placed at Yanjiao town centre (estimate).
  commuter({
    id: 'kb_yanjiao2_guomao', short: '定制快巴 燕郊2线', long: '燕郊(镇中心)—国贸 通勤定制快巴', en: 'Commuter express bus Yanjiao (town centre)–Guomao',
    color: '1E8C45', from: 'yanjiao_town', to: 'guomao', runMin: 52, pmRunMin: 57,
    amDeps: ['06:20', '06:50', '07:20'], pmDeps: ['17:40', '18:20', '19:00'],
    fare: { price: 20, prov: 'estimate' },
  }),
  // 2. 廊坊德容帝景—北京国贸 (seed 003 "每天清晨…从廊坊市区的德容帝景站准时出发，驶往北京国贸").
  //    Run 55 min (estimate, inside the seed's "平均通勤时间在60分钟之内"); first 06:20 (estimate).
  commuter({
    id: 'kb_langfang_guomao', short: '定制快巴 廊坊—国贸', long: '廊坊德容帝景—北京国贸 京津冀定制快巴', en: 'JJJ custom express bus Langfang Derong Dijing–Guomao',
    color: '0072BC', from: 'langfang_derong', to: 'guomao', runMin: 55, pmRunMin: 58,
    amDeps: ['06:20', '06:40', '07:00', '07:20'], pmDeps: ['17:30', '17:50', '18:10', '18:30', '19:00'],
    fare: { price: 25, prov: 'estimate' },
  }),
  // 3. 廊坊主城区—宋家庄 (SINA_BUS2023: opened 2023-09-22, ~1 h, bus seen at Songjiazhuang exit F 07:20).
  commuter({
    id: 'kb_langfang_songjiazhuang', short: '定制快巴 廊坊—宋家庄', long: '廊坊主城区—宋家庄 通勤定制快巴', en: 'Commuter express bus Langfang city–Songjiazhuang',
    color: '0072BC', from: 'langfang_city', to: 'songjiazhuang', runMin: 60, pmRunMin: 60,
    amDeps: ['06:00', '06:20', '06:40', '07:00'], pmDeps: ['17:30', '18:00', '18:30', '19:00'],
    fare: { price: 20, prov: 'estimate' },
  }),
  // 4. 固安—宋家庄 (SINA_BUS2023: Gu'an direction opened with the Langfang lines; destination assumed).
  commuter({
    id: 'kb_guan_songjiazhuang', short: '定制快巴 固安—宋家庄', long: '固安—宋家庄 通勤定制快巴', en: "Commuter express bus Gu'an–Songjiazhuang",
    color: '0072BC', from: 'guan_town', to: 'songjiazhuang', runMin: 60, pmRunMin: 60,
    amDeps: ['06:20', '06:40', '07:00'], pmDeps: ['17:30', '18:00', '18:30'],
    fare: { price: 20, prov: 'estimate' },
  }),
  // 5. 京津定制快巴 武清高村—国贸 (seed 002; GCHKKJ_WQ: 55 km, ~1 h, 4 departures each way per day).
  commuter({
    id: 'kb_wuqing_guomao', short: '京津定制快巴', long: '武清高村—北京国贸 京津定制快巴', en: 'Beijing–Tianjin custom express bus Wuqing Gaocun–Guomao',
    color: 'C1272D', from: 'wuqing_gaocun', to: 'guomao', runMin: 60, pmRunMin: 60,
    amDeps: ['06:00', '06:20', '06:40', '07:00'], pmDeps: ['17:30', '17:50', '18:10', '18:30'],
    fare: { price: 30, prov: 'estimate' },
  }),
  // 6. 大厂专1 孔雀城榕枫园—潞城 (GOODXF_DC2025: opened 2025-05-08, 18 trips/day, every 20 min in the peaks,
  //    flat fare; BIZDAO_DC2026: 12 stops). Run 25 min (estimate).
  commuter({
    id: 'kb_dachang_lucheng', short: '大厂专1', long: '大厂专1 孔雀城榕枫园—潞城地铁站', en: 'Dachang Zhuan 1 Kongquecheng Rongfengyuan–Lucheng (Line 6)',
    color: '7A4A9E', from: 'dachang_rongfengyuan', to: 'lucheng', runMin: 25, pmRunMin: 25,
    amDeps: ['06:00', '06:20', '06:40', '07:00', '07:20', '07:40', '08:00', '08:20', '08:40'],
    pmDeps: ['17:00', '17:20', '17:40', '18:00', '18:20', '18:40', '19:00', '19:20', '19:40'],
    fare: { price: 4, prov: 'estimate (sourced: flat fare, amount not found)' },
  }),
];

// Regular Beijing bus 822 燕郊—潞城 (QL_BUS2018: ~40 min; 6–30 min intervals, 822 cut to 4–5 min in the peak).
// Not a custom express bus; included because it is the everyday Yanjiao -> Line 6 link. Runs daily.
export const BUS_822 = {
  id: 'bus_822', agency: 'bj_bus', type: 3, color: '0050A0', textColor: 'FFFFFF',
  short: '822', long: '822路 燕郊—潞城地铁站', en: 'Bus 822 Yanjiao–Lucheng', desc: '普通跨省公交(非定制快巴)',
  stops: ['yanjiao_town', 'lucheng'],
  segMin: [40],
  penaltyMin: 0,
  dwellMin: 0,
  patterns: { A: 'all' },
  fare: { price: 4, prov: 'estimate (Beijing distance-based bus fare)' },
  services: [
    ...[0, 1].map((dir) => ({ service: 'wd', dir, offsetMin: dir * 2, pattern: 'A', bands: [['06:00', '07:00', 10], ['07:00', '09:00', 5], ['09:00', '17:00', 12], ['17:00', '19:00', 6], ['19:00', '20:00', 15]] })),
    ...[0, 1].map((dir) => ({ service: 'we', dir, offsetMin: dir * 2, pattern: 'A', bands: [['06:00', '20:00', 12]] })),
  ],
};

export function build(feed) {
  feed.addAgency({ id: 'jjj_bus', zh: '京津冀通勤定制快巴', en: 'Jing-Jin-Ji commuter custom express bus', url: 'https://jtw.beijing.gov.cn' });
  feed.addAgency({ id: 'bj_bus', zh: '北京公交集团', en: 'Beijing Public Transport', url: 'https://www.bjbus.com', phone: '96166' });
  for (const id of ['yanjiao_xingheyuan', 'guomao', 'langfang_derong', 'songjiazhuang', 'wuqing_gaocun', 'dachang_rongfengyuan', 'lucheng']) feed.addStop({ id });
  feed.addStop({ id: 'yanjiao_town', place: 'yanjiao', name: '燕郊(镇中心)', en: 'Yanjiao (town centre)' });
  feed.addStop({ id: 'langfang_city', place: 'langfang_city', name: '廊坊市区', en: 'Langfang city centre' });
  feed.addStop({ id: 'guan_town', place: 'guan', name: '固安县城', en: "Gu'an county town" });

  for (const line of BUS_LINES) feed.addLine(line);
  feed.addLine(BUS_822);

  // Fares (GTFS fare_attributes / fare_rules). All amounts are estimates except where noted; see PROVENANCE.md.
  const fares = [...BUS_LINES, BUS_822].map((l) => ({
    fare_id: `fare_${l.id}`, price: l.fare.price.toFixed(2), currency_type: 'CNY', payment_method: l.agency === 'jjj_bus' ? 1 : 0, transfers: 0, agency_id: l.agency,
  }));
  feed.addExtra('fare_attributes.txt', ['fare_id', 'price', 'currency_type', 'payment_method', 'transfers', 'agency_id'], fares);
  feed.addExtra('fare_rules.txt', ['fare_id', 'route_id'], [...BUS_LINES, BUS_822].map((l) => ({ fare_id: `fare_${l.id}`, route_id: l.id })));
}
