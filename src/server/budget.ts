/**
 * The per-request time budget (JJJ_REQUEST_BUDGET_MS, default 5000 ms), measured from the moment
 * the app starts handling a request until its handler has produced the answer:
 *
 * - Asynchronous work (file reads) is cut off when the budget runs out: hono's `timeout`
 *   middleware answers `503 {"error":{"code":"timeout"}}` at that moment.
 * - Synchronous work (a RAPTOR search, a departure board, a stop search) cannot be interrupted:
 *   the parameter bounds (LIMITS) keep it small, and if it nevertheless overran the budget its
 *   answer is replaced by the same 503 (and logged), so an overrun is never reported as a success.
 *
 * Admin reloads are not under the budget (an import may take minutes).
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { failResponse } from './errors.js';

export const DEFAULT_BUDGET_MS = 5000;

function timeoutResponse(ms: number): Response {
  return failResponse(503, 'timeout', `the request took longer than its time budget of ${ms} ms`);
}

/**
 * @param ms budget in milliseconds
 * @param clock monotonic milliseconds (performance.now; tests inject a fake)
 * @param log where overruns are reported server-side
 */
export function budget(ms: number, clock: () => number = () => performance.now(), log: (line: string) => void = console.error): MiddlewareHandler {
  const cutOff = timeout(ms, () => new HTTPException(503, { res: timeoutResponse(ms) }));
  return async (c, next) => {
    const start = clock();
    await cutOff(c, next);
    const took = clock() - start;
    if (took > ms) {
      log(`jjj-router: ${c.req.method} ${c.req.path} took ${Math.round(took)} ms, over the ${ms} ms budget`);
      c.res = undefined; // drop the late answer's headers (the setter would merge them)
      c.res = timeoutResponse(ms);
    }
  };
}
