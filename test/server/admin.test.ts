/**
 * Feature under test: POST /api/admin/reload — off without JJJ_ADMIN_TOKEN, 401 without the right
 * bearer token, 200 swapping in the new network, 422 keeping the old one when the new feeds fail to
 * load, 409 while a reload runs (the old network serving meanwhile), and the swap being atomic for
 * requests: a request answers from the snapshot it captured when it started.
 */
import { describe, expect, test } from 'vitest';
import type { Loaded } from '../../src/app/load.js';
import { Network } from '../../src/core/network.js';
import { FeedError } from '../../src/feeds/report.js';
import { authorised } from '../../src/server/routes/admin.js';
import { createApp } from '../../src/server/app.js';
import { ServerState, type Snapshot } from '../../src/server/state.js';
import { fixtureInput, json, loaded, type ErrorJson } from './helpers.js';

const oldNet = () => new Network(fixtureInput({ first: '8:00', second: '9:00' }));
const newNet = () => new Network(fixtureInput({ first: '8:05', second: '9:05' }));
const TOKEN = 'correct horse battery staple';
const auth = { Authorization: `Bearer ${TOKEN}` };

/** A server whose loader answers whatever `setup.next` says, first with the old network. */
async function server(token: string | null = TOKEN) {
  const setup: { next: () => Promise<Loaded> } = { next: async () => loaded(oldNet()) };
  const state = new ServerState(() => setup.next());
  await state.load();
  const logs: string[] = [];
  const app = createApp(state, { adminToken: token, log: (l) => logs.push(l) });
  const firstDeparture = async () => {
    const res = await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:00');
    expect(res.status).toBe(200);
    return (await json<{ itineraries: { departure: string }[] }>(res)).itineraries[0].departure.slice(11, 16);
  };
  const reload = (headers: Record<string, string> = auth) => app.request('/api/admin/reload', { method: 'POST', headers });
  return { setup, state, app, logs, firstDeparture, reload };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

describe('admin routes', () => {
  test('off (404) without a token', async () => {
    const s = await server(null);
    const res = await s.reload();
    expect(res.status).toBe(404);
    expect((await json<ErrorJson>(res)).error.code).toBe('not_found');
    expect((await s.app.request('/api/admin/reload', { method: 'POST' })).status).toBe(404);
  });

  test('401 without the right bearer token, in constant time', async () => {
    const s = await server();
    for (const h of [{} as Record<string, string>, { Authorization: '' }, { Authorization: TOKEN }, { Authorization: `Basic ${TOKEN}` }, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: `Bearer ${TOKEN.slice(1)}` }, { Authorization: 'Bearer ' }]) {
      const res = await s.reload(h);
      expect(res.status, JSON.stringify(h)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect((await json<ErrorJson>(res)).error.code).toBe('unauthorized');
    }
    expect(s.state.snapshot()?.generation).toBe(1);
    expect(authorised(`bearer   ${TOKEN}`, TOKEN)).toBe(true);
    expect(authorised(undefined, '')).toBe(false);
  });

  test('200: the new network serves from then on', async () => {
    const s = await server();
    expect(await s.firstDeparture()).toBe('08:00');
    s.setup.next = async () => loaded(newNet());
    const res = await s.reload();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reloaded: true, generation: 2, reused: true, feeds: ['f'], timings: { importMs: 12, compileMs: 4 } });
    expect(await s.firstDeparture()).toBe('08:05');
    expect(await json(await s.app.request('/api/health'))).toMatchObject({ status: 'ok', generation: 2, lastError: null });
  });

  test('422: a failed reload reports why and keeps the old network serving', async () => {
    const s = await server();
    s.setup.next = async () => {
      throw new FeedError('metro', 'stops.txt', 'missing_file', 'required file is missing');
    };
    const res = await s.reload();
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: { code: 'reload_failed', message: 'feed "metro", stops.txt: required file is missing', field: null } });
    expect(await s.firstDeparture()).toBe('08:00');
    expect(await json(await s.app.request('/api/health'))).toMatchObject({ status: 'ok', generation: 1, lastError: 'feed "metro", stops.txt: required file is missing' });
    expect(s.logs.join('\n')).toContain('reload failed');
    // and a later reload can still succeed
    s.setup.next = async () => loaded(newNet());
    expect((await s.reload()).status).toBe(200);
    expect(await s.firstDeparture()).toBe('08:05');
  });

  test('409 while a reload runs; the old network serves until the new one is complete', async () => {
    const s = await server();
    const gate = deferred<Loaded>();
    s.setup.next = () => gate.promise;
    const first = s.reload();
    await new Promise((r) => setTimeout(r, 5));
    const second = await s.reload();
    expect(second.status).toBe(409);
    expect((await json<ErrorJson>(second)).error.code).toBe('reload_in_progress');
    expect(await s.firstDeparture()).toBe('08:00');
    expect(await json(await s.app.request('/api/health'))).toMatchObject({ status: 'ok', reloading: true });
    gate.resolve(loaded(newNet()));
    expect((await first).status).toBe(200);
    expect(await s.firstDeparture()).toBe('08:05');
  });

  test('atomic swap: a request answers from the snapshot it captured at its start', async () => {
    /** Swaps in the new network right after handing out the old snapshot, once. */
    class SwapDuringRequest extends ServerState {
      swapped = false;
      override snapshot(): Snapshot | null {
        const captured = super.snapshot();
        if (!this.swapped) {
          this.swapped = true;
          this.install(loaded(newNet()));
        }
        return captured;
      }
    }
    const state = new SwapDuringRequest(async () => loaded(oldNet()));
    await state.load();
    const app = createApp(state);
    const during = await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:00');
    expect(state.swapped).toBe(true);
    expect((await json<{ itineraries: { departure: string }[] }>(during)).itineraries[0].departure.slice(11, 16)).toBe('08:00');
    const after = await app.request('/api/plan?from=甲&to=丙&depart=2026-11-24T07:00');
    expect((await json<{ itineraries: { departure: string }[] }>(after)).itineraries[0].departure.slice(11, 16)).toBe('08:05');
    const health = await json<{ generation: number }>(await app.request('/api/health'));
    expect(health.generation).toBe(2);
  });

  test('a failed first load leaves the server answering 503, and a reload can recover', async () => {
    let fail = true;
    const state = new ServerState(async () => {
      if (fail) throw new Error('disk on fire');
      return loaded(oldNet());
    });
    await expect(state.load()).rejects.toThrow('disk on fire');
    const app = createApp(state, { adminToken: TOKEN, log: () => {} });
    expect((await app.request('/api/stops?q=a')).status).toBe(503);
    fail = false;
    expect((await app.request('/api/admin/reload', { method: 'POST', headers: auth })).status).toBe(200);
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
