import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * "A connection changed" notices, worker → Redis pub/sub → every api instance → the owner's subscriptions.
 * Pub/sub is at-most-once and carries no data to trust: subscribers re-read the connection from the database.
 */
export const ConnectionUpdatedSchema = z
  .object({
    connectionId: z.uuid(),
    ownerId: z.uuid(),
    status: z.string(),
    step: z.string().nullable(),
    at: z.number(),
  })
  .strict();
export type ConnectionUpdated = z.infer<typeof ConnectionUpdatedSchema>;

/** One channel per owner, so an api instance only receives what its subscribers may see. */
export function connectionTopic(prefix: string, ownerId: string): string {
  return `${prefix}:connection-updated:${ownerId}`;
}

export async function publishConnectionUpdated(
  redis: Redis,
  prefix: string,
  event: ConnectionUpdated,
): Promise<void> {
  const payload = ConnectionUpdatedSchema.parse(event);
  // redis-event-target's wire format: channel = topic, message = JSON of the payload
  await redis.publish(connectionTopic(prefix, payload.ownerId), JSON.stringify(payload));
}

/** "Balances or prices of this owner changed": the api re-values their portfolio for live views. */
export function portfolioTopic(prefix: string, ownerId: string): string {
  return `${prefix}:portfolio-updated:${ownerId}`;
}

export const PortfolioUpdatedSchema = z.object({ ownerId: z.uuid(), at: z.number() }).strict();
export type PortfolioUpdated = z.infer<typeof PortfolioUpdatedSchema>;

export async function publishPortfolioUpdated(
  redis: Redis,
  prefix: string,
  event: PortfolioUpdated,
): Promise<void> {
  const payload = PortfolioUpdatedSchema.parse(event);
  await redis.publish(portfolioTopic(prefix, payload.ownerId), JSON.stringify(payload));
}

/** Many notices in one round trip (a refresh batch's accounts): one socket write, not one per account. */
export async function publishConnectionsUpdated(
  redis: Redis,
  prefix: string,
  events: readonly ConnectionUpdated[],
): Promise<void> {
  if (events.length === 0) return;
  const pipeline = redis.pipeline();
  for (const event of events) {
    const payload = ConnectionUpdatedSchema.parse(event);
    pipeline.publish(connectionTopic(prefix, payload.ownerId), JSON.stringify(payload));
  }
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}
