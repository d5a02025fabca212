/**
 * Feature under test: the HTTP layer — /api/plan takes the CLI's parameters and answers its JSON;
 * bad input is a 400 naming the field; an unknown place is named; /api/health tells readiness.
 */
import { describe, expect, test } from 'vitest';
import { createApp, type NetworkHolder } from '../../src/server/app.js';
import { Network } from '../../src/core/network.js';
import { tiny } from '../core/helpers.js';

const net = new Network(
  tiny({
    stops: ['甲', '乙', '丙'],
    trips: [
      { id: 'R1', type: 2, times: '甲 8:00, 乙 8:10, 丙 8:20' },
      { id: 'R2', type: 2, times: '甲 9:00, 乙 9:10, 丙 9:20' },
    ],
  }),
);

function holder(n: Network | null): NetworkHolder {
  return { current: () => n, info: () => ({ feeds: ['f'], loadedAt: null, error: null }) };
}

describe('HTTP API', () => {
  const app = createApp(holder(net));

  test('GET /api/plan answers itineraries with ISO times and offsets', async () => {
    const res = await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:55');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { itineraries: { departure: string; arrival: string; legs: { mode: string; routeId: string }[] }[] };
    expect(body.itineraries).toHaveLength(1);
    expect(body.itineraries[0].departure).toBe('2026-11-24T08:00:00+08:00');
    expect(body.itineraries[0].arrival).toBe('2026-11-24T08:20:00+08:00');
    expect(body.itineraries[0].legs.map((l) => l.mode)).toEqual(['RAIL']);
  });

  test('arrive-by through the API', async () => {
    const res = await app.request('/api/plan?from=f:甲&to=f:丙&arrive=2026-11-24T09:15');
    const body = (await res.json()) as { itineraries: { departure: string }[] };
    expect(body.itineraries[0].departure).toBe('2026-11-24T08:00:00+08:00');
  });

  test('bad input → 400 naming the field, unknown stop → named', async () => {
    const cases: [string, string][] = [
      ['/api/plan?to=丙&depart=2026-11-24T08:00', 'from'],
      ['/api/plan?from=甲&to=丙', 'depart'],
      ['/api/plan?from=甲&to=丙&depart=yesterday', 'depart'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&maxTransfers=-1', 'maxTransfers'],
      ['/api/plan?from=甲&to=丙&depart=2026-11-24T08:00&modes=rocket', 'modes'],
      ['/api/plan?from=甲&to=Atlantis&depart=2026-11-24T08:00', 'to'],
    ];
    for (const [url, field] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { error: { field: string; message: string; code: string } };
      expect(body.error.field, url).toBe(field);
    }
    const res = await app.request('/api/plan?from=甲&to=Atlantis&depart=2026-11-24T08:00');
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Atlantis');
  });

  test('no journey is an empty list, not an error', async () => {
    const res = await app.request('/api/plan?from=丙&to=甲&depart=2026-11-24T08:00');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ itineraries: [] });
  });

  test('health: 503 while loading, 200 when a network is loaded', async () => {
    expect((await createApp(holder(null)).request('/api/health')).status).toBe(503);
    expect((await createApp(holder(null)).request('/api/plan?from=a&to=b&depart=2026-11-24T08:00')).status).toBe(503);
    const ok = await app.request('/api/health');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { status: string }).status).toBe('ok');
  });

  test('unknown routes are JSON 404s', async () => {
    const res = await app.request('/api/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
