import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionTopic, publishConnectionUpdated } from './connection-events';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const publisher = new Redis(url);
const subscriber = new Redis(url);
const prefix = `kpe-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await subscriber.punsubscribe();
  subscriber.disconnect();
  publisher.disconnect();
});

describe('connection-updated events', () => {
  it('reach only the owner’s channel, as JSON the api can parse', async () => {
    const ownerId = randomUUID();
    const otherOwner = randomUUID();
    const received: [string, string][] = [];
    await subscriber.psubscribe(`${prefix}:*`);
    subscriber.on('pmessage', (_pattern, channel, message) => received.push([channel, message]));
    const event = {
      connectionId: randomUUID(),
      ownerId,
      status: 'VERIFYING',
      step: 'CHECKING_CREDENTIALS',
      at: Date.now(),
    };
    await publishConnectionUpdated(publisher, prefix, event);
    await expect.poll(() => received.length).toBeGreaterThan(0);
    expect(received).toEqual([[connectionTopic(prefix, ownerId), JSON.stringify(event)]]);
    expect(received.some(([channel]) => channel === connectionTopic(prefix, otherOwner))).toBe(false);
  });

  it('refuses an event with extra fields, so nothing but ids and a status is ever broadcast', async () => {
    const event = {
      connectionId: randomUUID(),
      ownerId: randomUUID(),
      status: 'CONNECTED',
      step: null,
      at: 1,
      secret: 'x',
    };
    await expect(publishConnectionUpdated(publisher, prefix, event as never)).rejects.toThrow();
  });
});
