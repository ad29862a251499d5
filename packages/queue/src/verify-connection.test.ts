import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from './redis';
import { createVerifyQueue, enqueueVerification, verifyJobId } from './verify-connection';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = `kpq-${randomBytes(4).toString('hex')}`;
const queue = createVerifyQueue(redis, prefix);

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
});

describe('verify-connection queue contract', () => {
  it('enqueues one job per connection and key version, however often it is asked', async () => {
    const payload = { connectionId: randomUUID(), credentialVersion: 1 };
    await enqueueVerification(queue, payload);
    await enqueueVerification(queue, payload);
    await enqueueVerification(queue, { ...payload, credentialVersion: 2 });
    // a check of staged replacement keys is its own job, one per staging
    await enqueueVerification(queue, { ...payload, stagedSerial: 1 });
    await enqueueVerification(queue, { ...payload, stagedSerial: 1 });
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((job) => job.id).sort()).toEqual(
      [
        verifyJobId(payload),
        verifyJobId({ ...payload, credentialVersion: 2 }),
        verifyJobId({ ...payload, stagedSerial: 1 }),
      ].sort(),
    );
  });

  it('refuses a payload carrying anything but ids, so no secret can reach Redis', async () => {
    const leaky = { connectionId: randomUUID(), credentialVersion: 1, secret: 'hunter2' } as never;
    await expect(enqueueVerification(queue, leaky)).rejects.toThrow();
    expect(JSON.stringify(await queue.getJobs(['waiting']))).not.toContain('hunter2');
  });

  it('uses job ids BullMQ accepts (no colon, not all digits)', () => {
    const id = verifyJobId({ connectionId: randomUUID(), credentialVersion: 12 });
    expect(id).not.toContain(':');
    expect(id).not.toMatch(/^\d+$/);
  });
});
