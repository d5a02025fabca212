/**
 * Freight module tests, one feature each, on tiny synthetic networks:
 *   F01 cut-off: a box at the terminal one minute after the cut-off goes on the next departure
 *   F02 cut-off with a truck leg from a coordinate (the truck's arrival decides)
 *   F03 capacity: a shipment larger than one departure is split over the following departures
 *   F04 capacity: no further departure within the horizon → no rail option
 *   F05 minimum connection (transfers.txt between sibling terminals) missed by a minute
 *   F06 planFreight always adds the all-road option, marked, with differences to it
 *   F07 customs clearance hours add to the export gate-in lead
 */
import { describe, expect, test } from 'vitest';
import { searchFreight, type Chain, type SearchOptions } from '../../src/core/freight/search.js';
import { planFreight } from '../../src/core/freight/plan.js';
import type { FreightPlace } from '../../src/core/freight/places.js';
import { DAY0, buildNetwork, pointEnd, terminalEnd, type NetSpec } from './helpers.js';

const H = 3600;

/** Dry port A, rail terminal B and ship terminal C (B and C under one station), city X near A. */
function spec(over: Partial<NetSpec> = {}): NetSpec {
  return {
    terminals: [
      { id: 'A', lat: 38.0, lon: 115.0, rows: [{ flow: 'export', handlingMinutes: 240, minConnectionMinutes: 240, cutoffMinutes: 360, handlingCostCnyPerTeu: 350 }] },
      { id: 'B', lat: 39.0, lon: 117.7, parent: 'port', rows: [{ flow: 'sea_rail_transfer', handlingMinutes: 180, minConnectionMinutes: 180, cutoffMinutes: 240, handlingCostCnyPerTeu: 300 }] },
      { id: 'C', lat: 38.98, lon: 117.72, parent: 'port', rows: [{ flow: 'export', handlingMinutes: 120, minConnectionMinutes: 1440, cutoffMinutes: 1440, handlingCostCnyPerTeu: 550 }, { flow: 'import', handlingMinutes: 90, minConnectionMinutes: 90, handlingCostCnyPerTeu: 550 }] },
      { id: 'Z', lat: 10, lon: 110, road: false, rows: [{ flow: 'import', handlingMinutes: 600, minConnectionMinutes: 600, handlingCostCnyPerTeu: 900 }] },
    ],
    trips: [
      { route: 'rail', mode: 'RAIL', stops: ['A', 'B'], times: [[16 * H, 16 * H], [34 * H, 34 * H]], days: [0, 1, 3] },
      { route: 'ship', mode: 'SHIP', stops: ['C', 'Z'], times: [[22 * H, 22 * H], [200 * H, 200 * H]], days: [2, 6] },
    ],
    capacity: { rail: 50, ship: 1000 },
    tariffs: { 'rail|A|B': 2300, 'ship|C|Z': 9000 },
    transfers: [['B', 'C', 2, 86400]],
    roadNodes: [['X', 38.05, 115.05]],
    roadEdges: [['X', 'n_A', 8, 40], ['n_A', 'n_B', 420, 70], ['n_B', 'n_C', 4, 30]],
    ...over,
  };
}

const opts = (ready: number, teu = 1, over: Partial<SearchOptions> = {}): SearchOptions => ({
  ready, teu, tonnesPerTeu: 16, horizonSeconds: 30 * 86400, rail: true, ship: true, customs: 'direct_loading', ...over,
});

function railChain(chains: Chain[]): Extract<Chain['steps'][number], { kind: 'ride' }> {
  for (const c of chains) for (const s of c.steps) if (s.kind === 'ride' && s.pattern === 0) return s;
  throw new Error('no rail chain');
}

describe('freight catalogue', () => {
  test('F01 cut-off missed by a minute → next departure', () => {
    const net = buildNetwork(spec());
    const A = terminalEnd(net, 'A');
    const B = terminalEnd(net, 'B');
    const lead = 6 * H; // max(240 min handling, 360 min cut-off)
    expect(net.gateInLead(A.terminals[0])).toBe(lead);
    const onTime = searchFreight(net, A, B, opts(DAY0 + 16 * H - lead));
    expect(railChain(onTime.chains).batch.depart).toBe(DAY0 + 16 * H);
    const late = searchFreight(net, A, B, opts(DAY0 + 16 * H - lead + 60));
    expect(railChain(late.chains).batch.depart).toBe(DAY0 + 86400 + 16 * H);
  });

  test('F02 cut-off decided by the truck arrival from a coordinate', () => {
    const net = buildNetwork(spec());
    const X = pointEnd(net, 38.05, 115.05);
    const B = terminalEnd(net, 'B');
    const leg = net.road.truckLeg(X.road!, net.terminals[B.terminals[0] - 1].road!)!;
    const latestReady = DAY0 + 16 * H - 6 * H - leg.seconds;
    expect(railChain(searchFreight(net, X, B, opts(latestReady)).chains).batch.depart).toBe(DAY0 + 16 * H);
    expect(railChain(searchFreight(net, X, B, opts(latestReady + 60)).chains).batch.depart).toBe(DAY0 + 86400 + 16 * H);
  });

  test('F03 78 TEU on 50-TEU trains: 50 + 28 on consecutive departures, arrival of the last box', () => {
    const net = buildNetwork(spec());
    const r = searchFreight(net, terminalEnd(net, 'A'), terminalEnd(net, 'B'), opts(DAY0, 78));
    const ride = railChain(r.chains);
    expect(ride.batch.teu).toEqual([50, 28]);
    expect(ride.batch.depart).toBe(DAY0 + 16 * H);
    expect(ride.batch.arrive).toBe(DAY0 + 86400 + 34 * H);
    // the tariff is per TEU whatever the split
    expect(ride.amount.costFen).toBe(78 * 2300 * 100);
    // 50 TEU fit one train
    expect(railChain(searchFreight(net, terminalEnd(net, 'A'), terminalEnd(net, 'B'), opts(DAY0, 50)).chains).batch.teu).toEqual([50]);
  });

  test('F04 split needs a departure beyond the horizon → no rail option', () => {
    const net = buildNetwork(spec());
    const r = searchFreight(net, terminalEnd(net, 'A'), terminalEnd(net, 'B'), opts(DAY0, 78, { horizonSeconds: 20 * H }));
    expect(r.chains.length).toBeGreaterThan(0); // trucks still go
    expect(r.chains.every((c) => c.steps.every((s) => s.kind !== 'ride'))).toBe(true);
  });

  test('F05 rail → ship minimum connection (transfers.txt between siblings) missed by a minute', () => {
    // the day-0 train reaches B at 21:59; the ship leaves sibling C at 22:00 on days 1, 2, 3
    const trips: NetSpec['trips'] = [
      { route: 'rail', mode: 'RAIL', stops: ['A', 'B'], times: [[0, 0], [22 * H - 60, 22 * H - 60]], days: [0] },
      { route: 'ship', mode: 'SHIP', stops: ['C', 'Z'], times: [[22 * H, 22 * H], [200 * H, 200 * H]], days: [1, 2, 3] },
    ];
    const shipDeparture = (minTransfer: number) => {
      const net = buildNetwork(spec({ trips, transfers: [['B', 'C', 2, minTransfer]] }));
      const r = searchFreight(net, terminalEnd(net, 'A'), terminalEnd(net, 'Z'), opts(DAY0 - 6 * H, 1, { horizonSeconds: 10 * 86400 }));
      const chain = r.chains.find((c) => c.steps.some((s) => s.kind === 'ride' && s.pattern === 0))!;
      const ship = chain.steps.find((s) => s.kind === 'ride' && s.pattern === 1) as Extract<Chain['steps'][number], { kind: 'ride' }>;
      return ship.batch.depart;
    };
    expect(shipDeparture(86400 + 60)).toBe(DAY0 + 86400 + 22 * H); // exactly on time
    expect(shipDeparture(86400 + 120)).toBe(DAY0 + 2 * 86400 + 22 * H); // one minute late → next day
  });

  test('F06 planFreight: the all-road option is always there and marked', () => {
    const net = buildNetwork(spec());
    const place = (id: string): FreightPlace => {
      const e = terminalEnd(net, id);
      const t = net.terminals[e.terminals[0]];
      return { ...e, text: id, id: t.id, name: t.name, lat: t.lat, lon: t.lon, kind: 'terminal' };
    };
    const res = planFreight(net, { from: place('A'), to: place('Z'), ready: DAY0, teu: 10 });
    const road = res.options.filter((o) => o.allRoad);
    expect(road).toHaveLength(1);
    expect(road[0].kind).toBe('all-road');
    expect(road[0].legs.map((l) => l.mode)).toEqual(['TRUCK', 'TERMINAL', 'SHIP', 'TERMINAL']);
    const sea = res.options.find((o) => o.kind === 'sea-rail')!;
    expect(sea.legs.map((l) => l.mode)).toEqual(['TERMINAL', 'RAIL', 'TERMINAL', 'TERMINAL', 'SHIP', 'TERMINAL']);
    expect(sea.vsAllRoad!.co2eKg).toBeLessThan(0);
    for (const o of res.options) {
      expect(o.durationHours).toBeCloseTo((Date.parse(o.arrival) / 1000 - DAY0) / 3600, 2);
      expect(o.costCny).toBeCloseTo(o.legs.reduce((a, l) => a + l.costCny, 0), 2);
    }
  });

  test('F07 customs clearance adds to the gate-in lead', () => {
    const s = spec();
    s.terminals[0].rows = [{ flow: 'export', handlingMinutes: 120, minConnectionMinutes: 120, cutoffMinutes: 240, customsClearanceHours: 1.5, handlingCostCnyPerTeu: 350 }];
    const net = buildNetwork(s);
    expect(net.gateInLead(terminalEnd(net, 'A').terminals[0])).toBe(4 * H + 1.5 * H);
  });
});
