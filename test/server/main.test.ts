/**
 * Feature under test: the real server process (`npm start` = dist/src/server/main.js) answers
 * requests that Node's HTTP parser refuses before the app sees them — raw UTF-8 bytes in the
 * request line instead of percent-encoding, a broken header — with the API's JSON error shape and
 * status 400, and keeps serving afterwards. Needs `npm run build` (part of `npm test`).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';

/** Send raw bytes, read the whole answer (the server closes the connection). */
function raw(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => s.end(bytes));
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('server process', () => {
  let srv: ServerProcess;
  let port = 0;

  beforeAll(async () => {
    srv = await startServer({ tmpPrefix: 'jjj-main-' });
    port = srv.port;
  }, 90_000);

  afterAll(() => srv?.stop(), 30_000);

  test('raw non-ASCII bytes in the URL and a broken header get a JSON 400; the server keeps serving', async () => {
    for (const req of [
      Buffer.from('GET /api/plan?from=燕郊&to=国贸&depart=2026-11-24T07:30 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'),
      Buffer.from('GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'latin1'),
    ]) {
      const answer = await raw(port, req);
      expect(answer.startsWith('HTTP/1.1 400 Bad Request\r\n'), answer).toBe(true);
      expect(answer).toMatch(/content-type: application\/json/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
    }
    const ok = await fetch(`http://127.0.0.1:${port}/api/plan?from=${encodeURIComponent('燕郊')}&to=${encodeURIComponent('国贸')}&depart=2026-11-24T07:30`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { itineraries: unknown[] }).itineraries.length).toBeGreaterThan(0);
  }, 30_000);
});
