/**
 * Feature under test: reading the freight extension files and the road graph reports bad rows
 * with file, line and code (and skips them) instead of failing; a missing road graph is fatal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FreightLoadError, readFreightData, readRoad } from '../../src/feeds/freight.js';
import { FreightIssues } from '../../src/feeds/freight-csv.js';
import { buildNetwork } from './helpers.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'jjj-freight-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
  return d;
}

const net = buildNetwork({
  terminals: [{ id: 'A', lat: 39, lon: 116 }, { id: 'B', lat: 39.5, lon: 117 }],
  trips: [{ route: 'r', mode: 'RAIL', stops: ['A', 'B'], times: [[0, 0], [3600, 3600]], days: [0] }],
  roadEdges: [['n_A', 'n_B', 100, 70]],
});

describe('freight files: validation report', () => {
  test('extension files: bad rows reported with line and code, good rows kept', () => {
    const d = dir({
      'freight_services.txt': 'route_id,direction_id,capacity_teu,traction\nr,0,50,electric\nnope,0,50,electric\nr,0,60,electric\nr,1,-3,electric\n',
      'freight_terminals.txt':
        'stop_id,flow,handling_minutes,min_connection_minutes,cutoff_minutes_before_departure,handling_cost_cny_per_teu\nA,export,60,60,120,300\nA,teleport,60,60,,300\nX,export,60,60,,300\nB,import,abc,60,,300\nB,import,30,30,,\n',
      'freight_tariffs.txt': 'route_id,from_stop_id,to_stop_id,tariff_cny_per_teu\nr,A,B,2000\nr,A,Q,1000\n',
    });
    const issues = new FreightIssues();
    const data = readFreightData(net.input, 0, d, issues);
    expect(data.services).toHaveLength(1);
    expect(data.terminals).toHaveLength(1);
    expect(data.tariffs).toHaveLength(1);
    const got = issues.list().map((i) => `${i.file}:${i.line} ${i.code} ${i.severity}`).sort();
    expect(got).toEqual(
      [
        'freight_services.txt:3 unknown_route error',
        'freight_services.txt:4 duplicate_id error',
        'freight_services.txt:5 bad_value error',
        'freight_terminals.txt:3 bad_value error',
        'freight_terminals.txt:4 unknown_stop error',
        'freight_terminals.txt:6 missing_field error',
        'freight_tariffs.txt:3 unknown_stop error',
      ].sort(),
    );
    // bad_value on terminals aggregates two rows (flow, number)
    expect(issues.list().find((i) => i.file === 'freight_terminals.txt' && i.code === 'bad_value')!.count).toBe(2);
  });

  test('missing extension files are warnings; missing road graph is fatal', () => {
    const issues = new FreightIssues();
    const data = readFreightData(net.input, 0, dir({}), issues);
    expect(data.services).toEqual([]);
    expect(issues.list().map((i) => i.code)).toEqual(['missing_file', 'missing_file', 'missing_file']);
    expect(() => readRoad(dir({}), new FreightIssues())).toThrow(FreightLoadError);
  });

  test('road graph: unknown nodes, bad numbers, short edges, unknown stop links', () => {
    const d = dir({
      'nodes.csv': 'node_id,name_zh,name_en,lat,lon,kind,stop_id\na,甲,A,39,116,city,\nb,乙,B,39.5,116.5,city,\nc,丙,C,99,116,city,\nd,丁,D,39.2,116.2,spaceport,ghost\na,重复,dup,39,116,city,\n',
      'edges.csv': 'from_node,to_node,km,speed_kmh,road,oneway\na,b,80,70,G1,0\na,x,10,70,G1,0\na,d,1,70,G2,0\nb,d,40,500,G3,0\n',
    });
    const issues = new FreightIssues();
    const road = readRoad(d, issues, new Set(['A']));
    expect(road.nodes.map((n) => n.id)).toEqual(['a', 'b', 'd']);
    expect(road.edges).toHaveLength(2);
    const got = issues.list().map((i) => `${i.file.split('/').pop()}:${i.line} ${i.code}`).sort();
    expect(got).toEqual(
      ['nodes.csv:4 bad_value', 'nodes.csv:5 bad_value', 'nodes.csv:5 unknown_stop', 'nodes.csv:6 duplicate_id', 'edges.csv:3 unknown_node', 'edges.csv:4 short_edge', 'edges.csv:5 bad_value'].sort(),
    );
  });
});
