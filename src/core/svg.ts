/**
 * A map picture of isochrones over the network, as a standalone SVG a planner can paste into a
 * report. Projection and path strings from d3-geo.
 */
import { geoMercator, geoPath } from 'd3-geo';
import { tripLength, tripStops } from './stop-times.js';
import type { Network } from './network.js';
import type { IsochroneResult } from './isochrone-plan.js';
import { MODE_NAMES, modeOfRouteType } from './query.js';

const MODE_COLOURS: Record<string, string> = { rail: '#9b1c1c', subway: '#1d4ed8', bus: '#15803d', ferry: '#1e3a8a', tram: '#b45309' };
const BANDS = ['#fde68a', '#fdba74', '#fb923c', '#f97316', '#ea580c', '#c2410c', '#9a3412', '#7c2d12'];

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** One line per GTFS route: the stop sequence of its longest trip, as [lon, lat] pairs. */
export function routeLines(net: Network): { mode: string; color: string | null; coordinates: [number, number][] }[] {
  const longest = new Map<number, number>();
  for (let i = 0; i < net.input.trips.length; i++) {
    const r = net.input.trips.route(i);
    const cur = longest.get(r);
    if (cur === undefined || tripLength(net.input, cur) < tripLength(net.input, i)) longest.set(r, i);
  }
  return [...longest].map(([r, t]) => {
    const route = net.input.routes[r];
    return {
      mode: MODE_NAMES[modeOfRouteType(route.type)],
      color: route.color ? `#${route.color}` : null,
      coordinates: Array.from(tripStops(net.input, t), (s) => [net.input.stops[s].lon, net.input.stops[s].lat] as [number, number]),
    };
  });
}

export function isochroneSvg(net: Network, result: IsochroneResult, title: string, width = 1000, height = 800): string {
  const rings = result.features.filter((f) => f.properties.scenario === 'network' && f.properties.kind === 'isochrone');
  const percentile = rings[0]?.properties.percentile;
  const shown = rings.filter((f) => f.properties.percentile === percentile).sort((a, b) => b.properties.cutoffMinutes - a.properties.cutoffMinutes);
  const lost = result.features.filter((f) => f.properties.kind === 'lost' && f.properties.percentile === percentile);
  const extent = { type: 'FeatureCollection' as const, features: shown.length > 0 ? [shown[0]] : [] };
  const projection = geoMercator().fitExtent([[20, 60], [width - 20, height - 20]], extent.features.length > 0 ? (extent as never) : ({ type: 'Point', coordinates: [116.4, 39.9] } as never));
  const path = geoPath(projection);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif">`);
  out.push(`<rect width="100%" height="100%" fill="#f8fafc"/>`);
  shown.forEach((f, i) => {
    out.push(`<path d="${path(f.geometry as never) ?? ''}" fill="${BANDS[Math.min(BANDS.length - 1, shown.length - 1 - i)]}" fill-opacity="0.55" stroke="#9a3412" stroke-width="0.8"><title>${f.properties.cutoffMinutes} min, p${f.properties.percentile}, ${f.properties.areaKm2} km²</title></path>`);
  });
  for (const f of lost) out.push(`<path d="${path(f.geometry as never) ?? ''}" fill="none" stroke="#dc2626" stroke-width="1.2" stroke-dasharray="4 3"/>`);
  for (const l of routeLines(net)) {
    const d = path({ type: 'LineString', coordinates: l.coordinates } as never);
    if (d) out.push(`<path d="${d}" fill="none" stroke="${l.color ?? MODE_COLOURS[l.mode] ?? '#475569'}" stroke-width="1.6" stroke-opacity="0.85"/>`);
  }
  for (const s of result.stops) {
    const p = projection([s.lon, s.lat]);
    if (p) out.push(`<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="2.2" fill="#0f172a"><title>${esc(s.name)} ${JSON.stringify(s.minutes)}</title></circle>`);
  }
  out.push(`<text x="20" y="30" font-size="20" fill="#0f172a">${esc(title)}</text>`);
  const legend = shown.map((f) => `${f.properties.cutoffMinutes} min: ${f.properties.areaKm2} km²`).join('   ');
  out.push(`<text x="20" y="52" font-size="13" fill="#334155">${esc(legend)}${lost.length > 0 ? '   (dashed red: lost in the scenario)' : ''}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
