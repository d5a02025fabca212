// @ts-check
/**
 * The HTTP API the page uses (same origin): /api/config, /api/network, /api/stops, /api/plan.
 */

/**
 * @typedef {{ tileUrl: string | null, tileAttribution: string | null, center: [number, number],
 *   zoom: number, timezone: string, defaultDate: string }} Config
 * @typedef {{ en?: string }} Names
 * @typedef {{ id: string, name: string, names?: Names, lat: number, lon: number, feed: string, modes: string[] }} Stop
 * @typedef {{ kind: 'route', feed: string, routeId: string, name: string, longName?: string | null,
 *   mode: string, color: string | null, names?: Names }} RouteProps
 * @typedef {{ kind: 'stop', id: string, name: string, names?: Names, feed: string, modes: string[] }} StopProps
 * @typedef {{ type: 'Feature', geometry: { type: string, coordinates: any }, properties: RouteProps | StopProps }} NetworkFeature
 * @typedef {{ type: 'FeatureCollection', features: NetworkFeature[] }} Network
 * @typedef {{ id: string | null, name: string, names?: Names, lat: number, lon: number }} PlaceOut
 * @typedef {PlaceOut & { arrival: string, departure: string }} StopCall
 * @typedef {{ mode: string, from: PlaceOut, to: PlaceOut, departure: string, arrival: string,
 *   durationSeconds: number, distanceMetres?: number, routeId?: string, routeName?: string,
 *   routeShortName?: string, routeLongName?: string, routeColor?: string | null, tripId?: string, headsign?: string,
 *   intermediateStops?: StopCall[], exactTimes?: boolean, headwaySeconds?: number,
 *   realtime?: boolean, delaySeconds?: number, scheduledDeparture?: string, scheduledArrival?: string,
 *   added?: boolean, alerts?: Alert[],
 *   geometry: { type: 'LineString', coordinates: [number, number][] } }} Leg
 * @typedef {{ departure: string, arrival: string, durationSeconds: number, transfers: number,
 *   walkSeconds: number, legs: Leg[] }} Itinerary
 * @typedef {{ itineraries: Itinerary[] }} PlanResult
 * @typedef {{ id: string, header: string, description: string, url: string | null, effect: string, cause: string,
 *   activePeriods: { start: string | null, end: string | null }[] }} Alert
 * @typedef {{ from: string, to: string, time: string, arriveBy: boolean, maxTransfers?: string, modes?: string, lang?: string }} PlanQuery
 */

/** An error answered by the API (`{ error: { code, message, field } }`) or a network failure. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   * @param {string | null} field
   * @param {number} status 0 when the server could not be reached
   */
  constructor(message, code, field, status) {
    super(message);
    this.code = code;
    this.field = field;
    this.status = status;
  }
}

/**
 * @template T
 * @param {string} url
 * @param {AbortSignal} [signal]
 * @returns {Promise<T>}
 */
export async function getJson(url, signal) {
  let res;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(String(err), 'unreachable', null, 0);
  }
  /** @type {any} */
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    // aborted while the body was read: the caller's abort, not an empty body
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    body = null;
  }
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(e?.message ?? `HTTP ${res.status}`, e?.code ?? 'http', e?.field ?? null, res.status);
  }
  return body;
}

/**
 * Fetch a resource that answers 503 while the server loads its network: retry until it is ready.
 * @template T
 * @param {string} url
 * @param {(waiting: boolean) => void} onWait called with true while retrying
 * @returns {Promise<T>}
 */
async function whenReady(url, onWait) {
  for (let delay = 500; ; delay = Math.min(delay * 1.5, 5000)) {
    try {
      const v = /** @type {T} */ (await getJson(url));
      onWait(false);
      return v;
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 503 && err.status !== 0)) throw err;
      onWait(true);
      await new Promise((ok) => setTimeout(ok, delay));
    }
  }
}

/**
 * @param {(waiting: boolean) => void} onWait
 * @returns {Promise<Config>}
 */
export function fetchConfig(onWait) {
  return whenReady('/api/config', onWait);
}

/**
 * @param {(waiting: boolean) => void} onWait
 * @returns {Promise<Network>}
 */
export function fetchNetwork(onWait) {
  return whenReady('/api/network', onWait);
}

/**
 * @param {string} q
 * @param {AbortSignal} signal
 * @returns {Promise<Stop[]>}
 */
export async function searchStops(q, signal) {
  const body = /** @type {{ stops: Stop[] }} */ (await getJson(`/api/stops?${new URLSearchParams({ q, limit: '10' })}`, signal));
  return body.stops ?? [];
}

/**
 * @param {PlanQuery} q
 * @param {AbortSignal} signal
 * @returns {Promise<PlanResult>}
 */
export function fetchPlan(q, signal) {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  p.set(q.arriveBy ? 'arrive' : 'depart', q.time);
  if (q.maxTransfers) p.set('maxTransfers', q.maxTransfers);
  if (q.modes) p.set('modes', q.modes);
  if (q.lang) p.set('lang', q.lang); // language of alert texts
  return getJson(`/api/plan?${p}`, signal);
}
