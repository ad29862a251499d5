import { randomBytes } from 'node:crypto';
import { RateBudgetError } from '@keyport/exchange/request-throttle';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedNonceSequencer } from './shared-nonce-sequencer';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kpns-${randomBytes(4).toString('hex')}`;
// two connections stand for two worker processes
const redisA = new Redis(url);
const redisB = new Redis(url);
afterAll(async () => {
  const keys = await redisA.keys(`${prefix}:*`);
  if (keys.length > 0) await redisA.del(...keys);
  redisA.disconnect();
  redisB.disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('shared nonce sequencer', () => {
  it('lets one process at a time send with a key, each with a nonce above the last', async () => {
    const [a, b] = [redisA, redisB].map((redis) => new SharedNonceSequencer({ redis, prefix }));
    let inside = 0;
    let most = 0;
    const nonces: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const turn = await (i % 2 ? a : b)!.turn('kraken', 'key-1');
        inside += 1;
        most = Math.max(most, inside);
        nonces.push(turn.nonce);
        await sleep(1);
        inside -= 1;
        await turn.release();
      }),
    );
    expect(most).toBe(1);
    // handed out in the order the turns were taken: strictly increasing, never repeated
    for (let i = 1; i < nonces.length; i++) expect(nonces[i]).toBeGreaterThan(nonces[i - 1] as number);
    expect(Math.abs((nonces[0] as number) - Date.now())).toBeLessThan(5_000);
  });

  it('keeps other keys independent, and gives a dead holder’s key back after lockMs', async () => {
    const sequencer = new SharedNonceSequencer({ redis: redisA, prefix, lockMs: 200, maxWaitMs: 2_000 });
    // timed from before the dead holder took the key: its turn cannot have begun, nor so ended, any earlier
    const started = performance.now();
    const held = await sequencer.turn('kraken', 'key-2'); // never released: its worker died
    const other = await sequencer.turn('kraken', 'key-3');
    await other.release();
    const next = await sequencer.turn('kraken', 'key-2');
    expect(performance.now() - started).toBeGreaterThanOrEqual(200 - 1);
    expect(next.nonce).toBeGreaterThan(held.nonce);
    // the late release of the dead holder does not end the new holder's turn
    await held.release();
    const impatient = new SharedNonceSequencer({ redis: redisB, prefix, maxWaitMs: 100 });
    await expect(impatient.turn('kraken', 'key-2')).rejects.toBeInstanceOf(RateBudgetError);
    await next.release();
    await expect(impatient.turn('kraken', 'key-2')).resolves.toMatchObject({ nonce: expect.any(Number) });
  });
});
