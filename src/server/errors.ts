/**
 * Error answers (`{"error":{"code","message","field"}}`), the request context every route sees,
 * and the validation hook that turns a zod failure into a 400 naming the first offending field.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Snapshot } from './state.js';

/** Per-request variables: the network snapshot captured once at the start of the request. */
export interface AppEnv {
  Variables: {
    /** The network this request is answered from (null while the first load runs). */
    snap: Snapshot | null;
  };
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'bad_parameter' }),
      message: z.string().openapi({ example: 'maxTransfers must be between 0 and 10, got 11' }),
      field: z.string().nullable().openapi({ example: 'maxTransfers', description: 'The parameter at fault, or null.' }),
    }),
  })
  .openapi('Error');

export type ApiError = z.infer<typeof ErrorSchema>;

export function errorBody(code: string, message: string, field: string | null = null): ApiError {
  return { error: { code, message, field } };
}

/** Answer an error. */
export function fail<S extends ContentfulStatusCode>(c: Context, status: S, code: string, message: string, field: string | null = null) {
  return c.json(errorBody(code, message, field), status);
}

/** The same as a standalone Response (middleware, exceptions). */
export function failResponse(status: number, code: string, message: string, field: string | null = null): Response {
  return new Response(JSON.stringify(errorBody(code, message, field)), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export const NOT_READY = 'the network is still loading (or failed to load: see /api/health)';

/** OpenAPI response entries for error statuses. */
export function errorResponses<const S extends number>(...entries: [S, string][]) {
  const out = {} as Record<S, { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } }>;
  for (const [status, description] of entries) out[status] = { description, content: { 'application/json': { schema: ErrorSchema } } };
  return out;
}

/** First issue of a failed validation → `bad_parameter` naming its field. */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError }, c: Context) {
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const head = issue?.path[0];
  const field = typeof head === 'string' ? head : head === undefined ? null : String(head);
  const message = issue === undefined ? 'invalid request' : field !== null && !issue.message.includes(field) ? `${field}: ${issue.message}` : issue.message;
  return c.json(errorBody('bad_parameter', message, field), 400);
}
