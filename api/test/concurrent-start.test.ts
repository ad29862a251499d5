// Two api and two worker processes started at the same instant on a fresh database all come up: one migrates,
// the others wait for it (before, two migrators collided on PostgreSQL's catalog and one process died).
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@keyport/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, spawnApi, stopApi } from './api-process';
import { ApiClient } from './client';
import { type Stack, startStack } from './harness';
import { spawnWorker, stopWorker, type WorkerProcess } from './worker-process';

const ROUNDS = 10;
let stack: Stack;

beforeAll(async () => {
  // the sim and keyring the workers use; its own database is not the one under test
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack?.close();
});

async function signsUp(api: ApiProcess): Promise<boolean> {
  const client = new ApiClient(api.url());
  const { data } = await client.request<{ signUp: { __typename: string } }>(
    'mutation ($email: String!) { signUp(email: $email, password: "a long passphrase") { __typename } }',
    { email: `start-${randomBytes(4).toString('hex')}@example.com` },
  );
  return data?.signUp.__typename === 'MutationSignUpSuccess';
}

describe('concurrent start-up on a fresh database', () => {
  it(`2 apis and 2 workers started at once come up, ${ROUNDS} times in a row`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const db = await createTestDatabase({ migrate: false });
      const env = {
        DATABASE_URL: db.databaseUrl,
        REDIS_PREFIX: `${stack.redisPrefix}-r${round}`,
        KEYRING_PUBLIC: stack.keyringEnv.publicKeys,
      };
      const apis = [spawnApi(env), spawnApi(env)];
      const workers: WorkerProcess[] = [spawnWorker(stack, env), spawnWorker(stack, env)];
      try {
        const started = await Promise.allSettled([...apis, ...workers].map((process) => process.ready));
        const failures = started.filter((result) => result.status === 'rejected');
        const served = failures.length === 0 && (await Promise.all(apis.map(signsUp))).every(Boolean);
        outcomes.push(served ? 'up' : failures.map((failure) => String(failure.reason)).join('\n'));
      } finally {
        await Promise.all([
          ...apis.map((api) => stopApi(api, 'SIGKILL')),
          ...workers.map((worker) => stopWorker(worker, 'SIGKILL')),
        ]);
        await db.drop();
      }
    }
    expect(outcomes).toHaveLength(ROUNDS);
    expect(outcomes.filter((outcome) => outcome !== 'up')).toEqual([]);
  }, 300_000);
});
