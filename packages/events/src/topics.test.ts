import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { channelOf, connectionUpdated, decodeEvent, encodeEvent, publishEvents, TOPICS } from './topics';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const publisher = new Redis(url);
const subscriber = new Redis(url);
const prefix = `kpe-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  await subscriber.punsubscribe();
  subscriber.disconnect();
  publisher.disconnect();
});

describe('events across processes', () => {
  it('reach only the owner’s channel, as JSON the api can parse, one or many in a round trip', async () => {
    const ownerId = randomUUID();
    const otherOwner = randomUUID();
    const received: [string, string][] = [];
    // connected and past ioredis' ready check first: a pattern subscribed before it fails the check's INFO and
    // the connection is dropped and re-made, losing what was published meanwhile
    await subscriber.ping();
    subscriber.on('pmessage', (_pattern, channel, message) => received.push([channel, message]));
    await subscriber.psubscribe(`${prefix}:*`);
    const event = connectionUpdated({
      id: randomUUID(),
      owner: ownerId,
      status: 'VERIFYING',
      progressStep: 'QUEUED',
    });
    await publishEvents(publisher, prefix, 'connection-updated', [event]);
    await expect.poll(() => received.length).toBeGreaterThan(0);
    expect(received).toEqual([[channelOf(prefix, 'connection-updated', ownerId), JSON.stringify(event)]]);
    expect(received.some(([channel]) => channel.endsWith(otherOwner))).toBe(false);

    const batch = [randomUUID(), randomUUID()].map((owner) => ({ ownerId: owner, at: 1 }));
    await publishEvents(publisher, prefix, 'portfolio-updated', batch);
    await expect.poll(() => received.length).toBe(3);
    expect(received.slice(1).map(([channel]) => channel)).toEqual(
      batch.map((e) => channelOf(prefix, 'portfolio-updated', e.ownerId)),
    );
  });

  it('refuses to send an event with extra fields, so nothing but ids and a status is ever broadcast', () => {
    const event = {
      ...connectionUpdated({ id: randomUUID(), owner: randomUUID(), status: 'CONNECTED' }),
      secret: 'x',
    };
    expect(() => encodeEvent(prefix, 'connection-updated', event as never)).toThrow();
    expect(() => encodeEvent(prefix, 'token-revoked', { tokenId: 'not-an-id', at: 1 })).toThrow();
  });

  it('drops what arrives on a channel unless it is that topic’s event', () => {
    const ok = { sessionId: randomUUID(), at: 5 };
    expect(decodeEvent('session-revoked', ok)).toEqual(ok);
    expect(decodeEvent('session-revoked', { ...ok, extra: 1 })).toBeNull();
    expect(decodeEvent('portfolio-updated', ok)).toBeNull();
    expect(decodeEvent('connection-updated', 'oops')).toBeNull();
    expect(Object.keys(TOPICS).sort()).toEqual([
      'connection-updated',
      'portfolio-updated',
      'session-revoked',
      'token-revoked',
    ]);
  });
});
