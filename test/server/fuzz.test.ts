/**
 * Feature under test: no input makes the server answer 500 or crash. A seeded generator sends a few
 * thousand requests over every route — random, garbage, huge, unicode (lone surrogates, NUL,
 * controls), percent-encoded and mis-encoded values, missing and repeated parameters, odd methods,
 * oversized bodies, right and wrong admin tokens (reloads that succeed and fail, concurrently) —
 * and every answer must be one of the documented statuses, with a JSON `error.code` when it is not
 * a success; the server-side error handler must never be reached. Set JJJ_FUZZ_SEED / JJJ_FUZZ_N to
 * explore other sequences.
 */
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../src/core/isochrone.js';
import { createApp } from '../../src/server/app.js';
import { ServerState } from '../../src/server/state.js';
import { fixture, loaded, NOW } from './helpers.js';

const SEED = Number(process.env.JJJ_FUZZ_SEED ?? 20261124);
const N = Number(process.env.JJJ_FUZZ_N ?? 3000);
const ALLOWED = new Set([200, 400, 401, 404, 409, 413, 422, 503]);
const TOKEN = 'fuzz-token';

const prng = seededRandom;

function generator(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const chars = (alphabet: string[], n: number) => Array.from({ length: n }, () => pick(alphabet)).join('');
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  const unicode = ['甲', '乙', '站', '燕', '郊', '国', '贸', 'é', 'ß', '\u0301', '\u200b', '\u202e', '😀', '\ud83d', '\udc00', '\u0000', '\n', '\t', '\u007f', '\uffff', 'İ', 'ﬃ', '＊', '：'];
  const known = ['甲', '乙', '丙', '丁', '甲站', 'f:甲', 'f:JIA', 'JIA', 'Jia', 'jia station', 'f:', ':', 'f:f:甲', '39.9,116.4', '39.95 , 116.45', '91,200', '-90,-180', '0,0', '1e3,2', 'rail', 'rail,bus', 'RAIL, subway', ',', 'rocket'];
  const numbers = ['0', '1', '4', '10', '11', '24', '60', '120', '1440', '1441', '5000', '5001', '-1', '1e9', '0x10', '1.5', ' 3 ', '+4', '99999999999999999999', 'NaN', 'Infinity', '', '٣'];
  const time = () => {
    const y = pick(['0000', '0001', '1969', '1970', '2026', '2026', '2026', '2027', '9999', String(int(10000)).padStart(4, '0')]);
    const date = `${y}-${pad(int(14), 2)}-${pad(int(33), 2)}`;
    const clock = `${pad(int(26), 2)}:${pad(int(61), 2)}${rand() < 0.3 ? `:${pad(int(61), 2)}` : ''}`;
    const off = pick(['', '', 'Z', '+08:00', '-12:00', '+14:00', '+99:99', '+0800', '.123', '.5Z']);
    return pick([`${date}T${clock}${off}`, `2026-11-24T${clock}${off}`, `2026-11-24 ${clock}`, 'now', 'yesterday', date]);
  };
  const value = (): string => {
    switch (int(9)) {
      case 0:
        return pick(known);
      case 1:
        return pick(numbers);
      case 2:
        return time();
      case 3:
        return chars(ascii, int(30));
      case 4:
        return chars(unicode, 1 + int(12));
      case 5:
        return pick(['a', '甲', '%', '../']).repeat(1 + int(rand() < 0.5 ? 300 : 5000));
      case 6:
        return pick(['%', '%ZZ', '%E4', '%E4%B8', '%00', '%2e%2e', '%2F', '%25', '%C0%AF', '%FF%FE']);
      case 7:
        return `${pick(known)}${chars(unicode, int(3))}`;
      default:
        return '';
    }
  };
  /** Percent-encode, or sometimes not (raw garbage in the URL). */
  const enc = (v: string) => {
    if (rand() < 0.15) return v.replace(/[#?&\s]/g, '');
    try {
      return encodeURIComponent(v);
    } catch {
      return v.replace(/[\ud800-\udfff]/g, '%ED%A0%80'); // lone surrogate: send its (invalid) UTF-8
    }
  };
  const query = (names: string[]) => {
    const parts: string[] = [];
    for (const n of names) {
      if (rand() < 0.3) continue; // missing
      const times = rand() < 0.1 ? 2 + int(3) : 1; // repeated
      for (let i = 0; i < times; i++) parts.push(rand() < 0.05 ? enc(n) : `${enc(n)}=${enc(value())}`);
    }
    if (rand() < 0.1) parts.push(`${enc(value())}=${enc(value())}`);
    return parts.length > 0 ? `?${parts.join('&')}` : pick(['', '?', '?&&', '?=']);
  };
  const planParams = ['from', 'to', 'depart', 'arrive', 'maxTransfers', 'modes', 'maxWalk', 'transferSlack', 'maxHours'];
  const request = (): { method: string; path: string; headers: Record<string, string>; body?: string } => {
    const method = rand() < 0.85 ? 'GET' : pick(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
    const headers: Record<string, string> = {};
    const body = method !== 'GET' && method !== 'HEAD' && rand() < 0.5 ? 'x'.repeat(rand() < 0.2 ? 70_000 : int(100)) : undefined;
    let path: string;
    switch (int(12)) {
      case 0:
      case 1:
      case 2:
        path = `/api/plan${query(rand() < 0.7 ? planParams : [...planParams].sort(() => rand() - 0.5).slice(0, int(9)))}`;
        break;
      case 3:
        path = rand() < 0.5 ? `/api/stops${query(['q', 'limit'])}` : `/api/realtime/vehicles${query(['feed', 'bbox', 'route', 'format'])}`;
        break;
      case 4:
      case 5:
        path = `/api/stops/${enc(value()) || 'x'}${query(['time', 'windowMinutes', 'limit'])}`;
        break;
      case 6:
        path = `${pick(['/api/feeds', '/api/health', '/api/config', '/api/network', '/api/openapi.json', '/api/docs', '/'])}${query(['x'])}`;
        break;
      case 7: {
        path = '/api/admin/reload';
        const m = rand();
        if (m < 0.5) headers.authorization = pick([`Bearer ${TOKEN}`, `bearer ${TOKEN}`, 'Bearer', `Basic ${TOKEN}`, `Bearer ${value()}`.replace(/[^\x20-\x7e]/g, '')]);
        return { method: rand() < 0.8 ? 'POST' : method, path, headers, ...(body !== undefined ? { body } : {}) };
      }
      case 8:
        path = `${pick(['/web/', '/vendor/leaflet/', '/vendor/swagger-ui/'])}${pick(['', 'style.css', 'leaflet.css', 'index.html', '..', '../package.json', enc(value()), `${enc(value())}/${enc(value())}`])}`;
        break;
      default:
        path = `/${Array.from({ length: int(4) }, () => enc(value())).join('/')}${query(['q'])}`;
    }
    return { method, path, headers, ...(body !== undefined ? { body } : {}) };
  };
  return { request, int };
}

describe(`fuzz: ${N} seeded requests (seed ${SEED})`, () => {
  test('only documented statuses, JSON errors, never the internal error handler', async () => {
    const rand = prng(SEED);
    const gen = generator(rand);
    let loads = 0;
    const state = new ServerState(async () => {
      loads++;
      await new Promise((r) => setTimeout(r, gen.int(3)));
      if (loads > 1 && rand() < 0.4) throw new Error('feed "f", stops.txt: fuzzed failure');
      return loaded(fixture());
    });
    await state.load();
    const logs: string[] = [];
    const app = createApp(state, { adminToken: TOKEN, now: () => NOW, log: (l) => logs.push(l) });
    const first = new ServerState(() => new Promise(() => {})); // a first load that never ends
    void first.load();
    const loadingApp = createApp(first, { adminToken: TOKEN, log: (l) => logs.push(l) });

    const statuses = new Map<number, number>();
    const problems: string[] = [];
    for (let done = 0; done < N; ) {
      const batch = Array.from({ length: Math.min(25, N - done) }, () => gen.request());
      done += batch.length;
      await Promise.all(
        batch.map(async (r, i) => {
          let url: URL;
          try {
            url = new URL(r.path, 'http://localhost');
          } catch {
            return; // not a URL a client could send
          }
          const target = i === 0 ? loadingApp : app;
          const res = await target.request(url.pathname + url.search, { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const text = await res.text();
          const what = `${r.method} ${r.path.slice(0, 200)} → ${res.status}`;
          if (!ALLOWED.has(res.status)) problems.push(`${what}: ${text.slice(0, 300)}`);
          if (/\n\s+at /.test(text)) problems.push(`${what}: stack trace in the body`);
          if (res.status >= 400 && r.method !== 'HEAD') {
            type Body = { error?: { code?: unknown; message?: unknown; field?: unknown } } | null;
            let body: Body = null;
            try {
              body = JSON.parse(text) as Body;
            } catch {
              problems.push(`${what}: not JSON: ${text.slice(0, 200)}`);
            }
            const e = body?.error;
            if (typeof e?.code !== 'string' || typeof e.message !== 'string' || !(e.field === null || typeof e.field === 'string'))
              problems.push(`${what}: no {error:{code,message,field}}: ${text.slice(0, 200)}`);
          }
        }),
      );
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(logs.filter((l) => l.includes('internal error'))).toEqual([]);
    // the generator reaches the interesting answers
    for (const s of [200, 400, 401, 404, 409, 413, 422, 503]) expect(statuses.get(s) ?? 0, `status ${s} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    expect(loads).toBeGreaterThan(2);
    expect(state.snapshot()).not.toBeNull();
  }, 120_000);
});
