// CONNECTOR feed — a deliberately small, clearly labelled stand-in for the Beijing metro.
//
// The four main feeds end at rail terminals (北京南/北京西/北京站/北京北/北京朝阳) and at bus stops
// (宋家庄, 潞城) that are not in the CBD. This feed links each of them to the CBD (国贸) with one
// "equivalent metro" trip per departure: a single in-vehicle leg whose running time stands for the real
// metro ride including its interchange (e.g. 北京南站 -> 14号线 -> 1号线 -> 国贸). It is NOT a model of the
// Beijing subway network: stations in between are omitted. All times and headways are ESTIMATES
// (see PROVENANCE.md, "connector"). Entrances are placed 100–300 m from the rail/bus stop they serve so the
// engine's automatic cross-feed footpaths (<= 500 m) attach them.

const LINKS = [
  // [route id, from, to, minutes, short, long zh, long en, via]
  ['cx_bjs_guomao', 'cx_beijing_south', 'cx_guomao', 30, '地铁接驳', '北京南站—国贸(地铁14号线+1号线等效)', 'Beijing South–Guomao (metro L14+L1 equivalent)'],
  ['cx_bjw_guomao', 'cx_beijing_west', 'cx_guomao', 35, '地铁接驳', '北京西站—国贸(地铁9号线+1号线等效)', 'Beijing West–Guomao (metro L9+L1 equivalent)'],
  ['cx_bj_guomao', 'cx_beijing_station', 'cx_guomao', 15, '地铁接驳', '北京站—国贸(地铁2号线+1号线等效)', 'Beijing Railway Station–Guomao (metro L2+L1 equivalent)'],
  ['cx_bjn_guomao', 'cx_beijing_north', 'cx_guomao', 35, '地铁接驳', '西直门(北京北站)—国贸(地铁2号线+1号线等效)', 'Xizhimen (Beijing North)–Guomao (metro L2+L1 equivalent)'],
  ['cx_bjcy_guomao', 'cx_beijing_chaoyang', 'cx_guomao', 28, '地铁接驳', '北京朝阳站—国贸(地铁3号线+10号线等效)', 'Beijing Chaoyang–Guomao (metro L3+L10 equivalent)'],
  ['cx_jtxz_guomao', 'cx_jintaixizhao', 'cx_guomao', 2, '10号线', '金台夕照—国贸(地铁10号线区段)', 'Jintai Xizhao–Guomao (metro Line 10, one stop)'],
  ['cx_sjz_guomao', 'cx_songjiazhuang', 'cx_guomao', 22, '10号线', '宋家庄—国贸(地铁10号线区段)', 'Songjiazhuang–Guomao (metro Line 10 section)'],
  ['cx_lucheng_ddq', 'cx_lucheng', 'cx_dongdaqiao', 48, '6号线', '潞城—东大桥(地铁6号线区段)', 'Lucheng–Dongdaqiao (metro Line 6 section)'],
];

export const CONNECTOR_LINES = LINKS.map(([id, from, to, min, short, long, en]) => ({
  id, agency: 'cx_metro', type: 1, color: '5A5A5A', textColor: 'FFFFFF', short, long, en,
  desc: '等效接驳(估算), 非完整地铁网络; equivalent connector, estimate',
  stops: [from, to],
  segMin: [min],
  penaltyMin: 0,
  dwellMin: 0,
  patterns: { A: 'all' },
  // Frequency-based (frequencies.txt, exact_times=0): one template trip per direction and service day type.
  services: [0, 1].flatMap((dir) => [
    { service: 'wd', dir, pattern: 'A', freq: [['05:30', '07:00', 6], ['07:00', '09:30', 3], ['09:30', '17:00', 5], ['17:00', '19:30', 3], ['19:30', '23:00', 6]] },
    { service: 'we', dir, pattern: 'A', freq: [['05:30', '23:00', 5]] },
  ]),
}));

export function build(feed) {
  feed.addAgency({ id: 'cx_metro', zh: '北京地铁(接驳等效, 估算)', en: 'Beijing metro connector (equivalent, estimate)', url: 'https://www.bjsubway.com', phone: '96165' });
  const used = new Set(CONNECTOR_LINES.flatMap((l) => l.stops));
  for (const id of [...used].sort()) feed.addStop({ id });
  for (const l of CONNECTOR_LINES) feed.addLine(l);
  feed.addTransfer('cx_guomao', 'cx_guomao', 120, false);
}
