/**
 * Freight benchmark: seeded sea-rail vs all-road queries on the bundled region (origins among
 * terminals, road nodes and random coordinates; destinations among terminals, Tianjin port,
 * overseas ports, cities and coordinates; 1–150 TEU; ready times over two weeks). Each query is a
 * full planFreight (Pareto search + all-road search + JSON). Warm = truck legs cached from
 * earlier queries (a running server); cold = road caches cleared before every query.
 *
 *   npm run bench:freight
 */
import { join } from 'node:path';
import { PACKAGE_ROOT, bundledFeeds, loadNetwork } from '../src/app/load.js';
import { planFreight, type FreightQuery } from '../src/core/freight/plan.js';
import { resolveFreightPlace } from '../src/core/freight/places.js';
import { parseDateTime } from '../src/core/time.js';
import { loadFreight } from '../src/feeds/freight.js';
import { machine, measure, mulberry32, printRows, type Row } from './harness.js';

console.log(`# freight benchmarks — ${machine()} — ${new Date().toISOString()}`);
const t0 = performance.now();
const { network } = await loadNetwork({ progress: false });
const t1 = performance.now();
const { freight } = loadFreight(network.input, { feeds: bundledFeeds(), roadDir: join(PACKAGE_ROOT, 'data', 'road') });
const t2 = performance.now();
console.log(`network load ${(t1 - t0).toFixed(0)} ms, freight load + compile ${(t2 - t1).toFixed(1)} ms`);

const rnd = mulberry32(2026);
const origins = ['sjz_dry_port', 'mafang_hub', 'dahongmen_yard', 'zhengding_yard', 'tianjin_port_rail', '石家庄', 'Baoding', 'xiongan', 'tangshan', 'langfang', 'port_busan'];
const destinations = ['天津港', 'port_sines', 'port_valencia', 'port_rotterdam', 'port_busan', 'port_piraeus', 'mafang_hub', '北京', 'cangzhou', 'chengde'];
const coord = () => `${(37.8 + rnd() * 2.2).toFixed(3)},${(115.2 + rnd() * 2.6).toFixed(3)}`; // the North China Plain part of the region
const start = parseDateTime('2026-11-23T00:00', freight.zone)!;
const queries: FreightQuery[] = [];
while (queries.length < 200) {
  const a = rnd() < 0.25 ? coord() : origins[Math.floor(rnd() * origins.length)];
  const b = rnd() < 0.15 ? coord() : destinations[Math.floor(rnd() * destinations.length)];
  if (a === b) continue;
  let from, to;
  try {
    from = resolveFreightPlace(freight, a, 'from', network);
    to = resolveFreightPlace(freight, b, 'to', network);
  } catch {
    continue; // a coordinate with no road node within reach (hills west of the plain)
  }
  queries.push({ from, to, ready: start + Math.floor(rnd() * 14 * 96) * 900, teu: 1 + Math.floor(rnd() * 150) });
}
const answer = (q: FreightQuery) => planFreight(freight, q).options.flatMap((o) => [Date.parse(o.arrival) / 1000, Math.round(o.costCny * 100), Math.round(o.co2eKg * 10)]);
const rows: Row[] = [];
rows.push(await measure('bundled-region', 'freight plan (Pareto + all-road), warm road cache', queries, (q) => planFreight(freight, q), answer, 3000));
rows.push(
  await measure('bundled-region', 'freight plan, cold road cache', queries, (q) => {
    freight.road.clearCache();
    return planFreight(freight, q);
  }, answer, 3000),
);
console.log('');
printRows(rows);
