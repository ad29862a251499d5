// Every event that crosses processes over Redis pub/sub, said once: topic name → schema → type. Publishers and
// subscribers (api, worker, bench) go through it, so an event is validated when sent and when received.
// Pub/sub is at-most-once and carries no data to trust: subscribers re-read what changed from the database.
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const TOPICS = {
  /** A connection changed (status, step, balances): its owner's live views re-read it. */
  'connection-updated': z
    .object({
      connectionId: z.uuid(),
      ownerId: z.uuid(),
      status: z.string(),
      step: z.string().nullable(),
      at: z.number(),
    })
    .strict(),
  /** An owner's balances or prices changed: their portfolio views value it again. */
  'portfolio-updated': z.object({ ownerId: z.uuid(), at: z.number() }).strict(),
  /** An API token was revoked: the subscriptions opened with it end, on every api instance. */
  'token-revoked': z.object({ tokenId: z.uuid(), at: z.number() }).strict(),
  /** A session was signed out: the subscriptions opened with it end, on every api instance. */
  'session-revoked': z.object({ sessionId: z.uuid(), at: z.number() }).strict(),
} as const;

export type Topic = keyof typeof TOPICS;
export type EventOf<T extends Topic> = z.infer<(typeof TOPICS)[T]>;

/** The field whose value names the channel: an api instance only receives what its subscribers may see. */
const ROUTED_BY = {
  'connection-updated': 'ownerId',
  'portfolio-updated': 'ownerId',
  'token-revoked': 'tokenId',
  'session-revoked': 'sessionId',
} as const satisfies { [T in Topic]: keyof EventOf<T> };

export function channelOf(prefix: string, topic: Topic, key: string): string {
  return `${prefix}:${topic}:${key}`;
}

/** The channel and message for an event, validated (throws on anything the schema does not allow). */
export function encodeEvent<T extends Topic>(
  prefix: string,
  topic: T,
  event: EventOf<T>,
): { channel: string; message: string } {
  const payload = TOPICS[topic].parse(event) as Record<string, unknown>;
  return {
    channel: channelOf(prefix, topic, String(payload[ROUTED_BY[topic]])),
    message: JSON.stringify(payload),
  };
}

/** A received payload as its topic's event, or null when it is not one (dropped, never trusted). */
export function decodeEvent<T extends Topic>(topic: T, payload: unknown): EventOf<T> | null {
  const parsed = TOPICS[topic].safeParse(payload);
  return parsed.success ? (parsed.data as EventOf<T>) : null;
}

/** The one way to say a connection changed, from what was stored (api and worker alike). */
export function connectionUpdated(
  connection: { id: string; owner: string; status: string; progressStep?: string | null },
  at = Date.now(),
): EventOf<'connection-updated'> {
  return {
    connectionId: connection.id,
    ownerId: connection.owner,
    status: connection.status,
    step: connection.progressStep ?? null,
    at,
  };
}

export function portfolioUpdated(ownerId: string, at = Date.now()): EventOf<'portfolio-updated'> {
  return { ownerId, at };
}

/** Publishes events of one topic, validated, in one round trip (a refresh batch's accounts: one socket write). */
export async function publishEvents<T extends Topic>(
  redis: Redis,
  prefix: string,
  topic: T,
  events: readonly EventOf<T>[],
): Promise<void> {
  if (events.length === 0) return;
  // redis-event-target's wire format: channel = topic, message = JSON of the payload
  const encoded = events.map((event) => encodeEvent(prefix, topic, event));
  if (encoded.length === 1) {
    const [{ channel, message }] = encoded as [{ channel: string; message: string }];
    await redis.publish(channel, message);
    return;
  }
  const pipeline = redis.pipeline();
  for (const { channel, message } of encoded) pipeline.publish(channel, message);
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}
