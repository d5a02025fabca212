/**
 * Zod (OpenAPI) schemas of the realtime answers: alerts on legs and stops, GET /api/realtime and
 * POST /api/admin/realtime/{feed}.
 */
import { z } from '@hono/zod-openapi';

export const AlertSchema = z
  .object({
    id: z.string().openapi({ description: '`feed:entity_id`' }),
    header: z.string(),
    description: z.string(),
    url: z.string().nullable(),
    effect: z.string().openapi({ example: 'SIGNIFICANT_DELAYS' }),
    cause: z.string().openapi({ example: 'TECHNICAL_PROBLEM' }),
    activePeriods: z.array(z.object({ start: z.string().nullable(), end: z.string().nullable() })).openapi({ description: 'ISO 8601 with offset; null = open. Empty = always active.' }),
  })
  .openapi('Alert', { description: 'A GTFS-Realtime service alert, texts in the language asked for (`lang`), else the first given.' });

export const LangParam = z
  .string()
  .max(35, { error: 'lang is longer than 35 characters' })
  .regex(/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/, { error: (iss) => `lang must be a language tag like en or zh-Hans, got "${String(iss.input)}"` })
  .optional()
  .openapi({ description: 'Preferred language of alert texts (BCP 47, e.g. `en`, `zh`); else the first translation.', example: 'en' });

const Reasons = z.record(z.string(), z.number());

export const RealtimeFeedStatus = z
  .object({
    feed: z.string(),
    source: z.enum(['url', 'push']),
    url: z.string().nullable(),
    intervalSeconds: z.number().nullable(),
    lastAttempt: z.string().nullable().openapi({ description: 'ISO 8601 with offset' }),
    lastSuccess: z.string().nullable(),
    lastError: z.string().nullable().openapi({ description: 'Why the last fetch or message failed; null after a success' }),
    lastErrorAt: z.string().nullable(),
    lastVia: z.enum(['url', 'push']).nullable(),
    consecutiveFailures: z.number(),
    nextAttempt: z.string().nullable(),
    messagesAccepted: z.number(),
    messagesRefused: z.number(),
    expiredAt: z.string().nullable().openapi({ description: 'When the last message in use expired (too old)' }),
    message: z
      .object({ timestamp: z.string().nullable().openapi({ description: 'FeedHeader timestamp' }), ageSeconds: z.number(), receivedAt: z.string().nullable(), bytes: z.number() })
      .nullable()
      .openapi({ description: 'The message in use, or null' }),
    entities: z
      .object({
        total: z.number(),
        tripUpdates: z.number(),
        alerts: z.number(),
        vehicles: z.number(),
        matched: z.number(),
        unmatched: z.number(),
        unmatchedReasons: Reasons,
        rejected: z.number().openapi({ description: 'Matched updates the overlay could not use' }),
        rejectedReasons: Reasons,
      })
      .nullable(),
  })
  .openapi('RealtimeFeedStatus');

export const RealtimeStatus = z
  .object({
    now: z.string(),
    maxAgeSeconds: z.number(),
    finishedGraceSeconds: z.number(),
    liveRuns: z.number().openapi({ description: 'Runs with live times in the overlay in use' }),
    hiddenRuns: z.number().openapi({ description: 'Static runs replaced or cancelled' }),
    alerts: z.number(),
    builtAt: z.string().nullable(),
    feeds: z.array(RealtimeFeedStatus),
  })
  .openapi('RealtimeStatus');

export const RealtimePushResult = z
  .object({
    accepted: z.literal(true),
    feed: z.string(),
    timestamp: z.string().nullable(),
    entities: z.object({ total: z.number(), tripUpdates: z.number(), alerts: z.number(), vehicles: z.number(), matched: z.number(), unmatched: z.number(), unmatchedReasons: Reasons }),
    liveRuns: z.number(),
  })
  .openapi('RealtimePushResult');
