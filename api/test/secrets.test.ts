import { createRedis } from '@keyport/queue/redis';
import { openCredentials, VaultError } from '@keyport/vault/envelope';
import { parseKeyring } from '@keyport/vault/keyring';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  CONNECT_MUTATION,
  type ConnectionView,
  responseBodies,
  signedUpClient,
  waitForStatus,
} from './client';
import { REDIS_URL, type Stack, startStack } from './harness';
import { addBinanceAccount, addOkxAccount, type SimKeys } from './sim-accounts';

let stack: Stack;
let api: ApiClient;
let spy: Redis;
const published: string[] = [];
const secrets: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  api = await signedUpClient(stack.apiUrl);
  // everything said on Redis pub/sub under our prefix, to scan as well
  spy = createRedis(REDIS_URL, 'subscriber');
  await spy.psubscribe(`${stack.redisPrefix}:*`);
  spy.on('pmessage', (_pattern, channel, message) => published.push(channel, message));
});
afterAll(async () => {
  spy?.disconnect();
  await stack?.close();
});

function remember(keys: SimKeys): SimKeys {
  secrets.push(keys.apiKey, keys.secret, ...(keys.passphrase ? [keys.passphrase] : []));
  return keys;
}

async function connect(
  exchangeId: string,
  label: string,
  credentials: Record<string, string>,
): Promise<string> {
  const { connectExchange } = await api.ok<{ connectExchange: { data: ConnectionView } }>(CONNECT_MUTATION, {
    input: { exchangeId, label, credentials },
  });
  return connectExchange.data.id;
}

async function redisDump(redis: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const key of await redis.keys(`${prefix}:*`)) {
    out.push(key);
    const type = await redis.type(key);
    if (type === 'string') out.push((await redis.get(key)) ?? '');
    if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
    if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
    if (type === 'zset') out.push(JSON.stringify(await redis.zrange(key, 0, -1)));
    if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return out;
}

async function databaseDump(): Promise<string[]> {
  const sql = stack.db.orm.em.fork().getConnection();
  const tables = await sql.execute<{ tablename: string }[]>(
    `select tablename from pg_tables where schemaname = 'public'`,
  );
  const rows: string[] = [];
  for (const { tablename } of tables) {
    const dump = await sql.execute<{ row: string }[]>(
      `select row_to_json(t)::text as row from "${tablename}" t`,
    );
    rows.push(...dump.map((r) => r.row));
  }
  return rows;
}

describe('secrets never leak', () => {
  it('a realistic session: connect, fail, retry, replace keys, delete', async () => {
    const good = remember(addBinanceAccount(stack.sim));
    const goodId = await connect('binance', 'Good', { apiKey: good.apiKey, secret: good.secret });

    const okx = remember(addOkxAccount(stack.sim));
    const okxId = await connect('okx', 'OKX', {
      apiKey: okx.apiKey,
      secret: okx.secret,
      password: okx.passphrase!,
    });

    const wrong = remember(addBinanceAccount(stack.sim));
    const wrongSecret = `${wrong.secret}-typo`;
    secrets.push(wrongSecret);
    const wrongId = await connect('binance', 'Wrong', { apiKey: wrong.apiKey, secret: wrongSecret });

    const limited = remember(addBinanceAccount(stack.sim));
    stack.sim.addFault({ kind: 'rate-limit', apiKey: limited.apiKey, retryAfterSeconds: 1, times: 1 });
    const limitedId = await connect('binance', 'Limited', { apiKey: limited.apiKey, secret: limited.secret });

    const unsafe = remember(addBinanceAccount(stack.sim, undefined, { read: true, withdraw: true }));
    const unsafeId = await connect('binance', 'Unsafe', { apiKey: unsafe.apiKey, secret: unsafe.secret });

    await waitForStatus(api, goodId, (s) => s === 'CONNECTED');
    await waitForStatus(api, okxId, (s) => s === 'CONNECTED');
    await waitForStatus(api, wrongId, (s) => s === 'INVALID_CREDENTIALS');
    await waitForStatus(api, limitedId, (s) => s === 'CONNECTED');
    await waitForStatus(api, unsafeId, (s) => s === 'UNSAFE_PERMISSIONS');

    const replacement = remember(addBinanceAccount(stack.sim));
    await api.ok(
      `mutation ($id: ID!, $c: CredentialsInput!) { updateExchangeCredentials(id: $id, credentials: $c) { __typename } }`,
      {
        id: wrongId,
        c: { apiKey: replacement.apiKey, secret: replacement.secret },
      },
    );
    await waitForStatus(api, wrongId, (s) => s === 'CONNECTED');
    // keys sent for a working connection are sealed aside until checked: one refused (erased), one swapped in
    const stagedTypo = `${replacement.secret}-staged-typo`;
    secrets.push(stagedTypo);
    const staged = remember(addBinanceAccount(stack.sim));
    for (const c of [
      { apiKey: replacement.apiKey, secret: stagedTypo },
      { apiKey: staged.apiKey, secret: staged.secret },
    ]) {
      await api.ok(
        `mutation ($id: ID!, $c: CredentialsInput!) { updateExchangeCredentials(id: $id, credentials: $c) { __typename } }`,
        { id: limitedId, c },
      );
      await expect
        .poll(async () => {
          const { exchangeConnection } = await api.ok<{
            exchangeConnection: { keyReplacement: { state: string } | null; credentialVersion: number };
          }>(
            'query ($id: ID!) { exchangeConnection(id: $id) { credentialVersion keyReplacement { state } } }',
            {
              id: limitedId,
            },
          );
          return exchangeConnection.keyReplacement?.state ?? `v${exchangeConnection.credentialVersion}`;
        })
        .not.toBe('CHECKING');
    }
    await api.ok(`mutation ($id: ID!) { deleteExchangeConnection(id: $id) { __typename } }`, { id: okxId });
    expect(secrets.length).toBeGreaterThanOrEqual(12);
  });

  it('appears in no API response, log line, Redis key, job, pub/sub message or database column', async () => {
    const haystacks: Record<string, string[]> = {
      'api responses': responseBodies,
      'log lines': stack.logLines,
      'redis keys and values (queues, jobs)': await redisDump(stack.redis, stack.redisPrefix),
      'pub/sub messages': published,
      'database rows': await databaseDump(),
    };
    // the scan must have something to look at, or it proves nothing
    for (const [where, texts] of Object.entries(haystacks)) expect(texts.length, where).toBeGreaterThan(0);
    expect(haystacks['database rows']!.some((row) => row.includes('"ciphertext"'))).toBe(true);
    const leaks = Object.entries(haystacks).flatMap(([where, texts]) =>
      secrets
        .filter((secret) => texts.some((text) => text.includes(secret)))
        .map((secret) => `${where}: ${secret.slice(0, 4)}…`),
    );
    expect(leaks).toEqual([]);
  });

  it('a ciphertext copied onto another row fails to decrypt, and the worker says so', async () => {
    const a = remember(addBinanceAccount(stack.sim));
    const b = remember(addBinanceAccount(stack.sim));
    const aId = await connect('binance', 'Copy source', { apiKey: a.apiKey, secret: a.secret });
    const bId = await connect('binance', 'Copy target', { apiKey: b.apiKey, secret: b.secret });
    await waitForStatus(api, aId, (s) => s === 'CONNECTED');
    await waitForStatus(api, bId, (s) => s === 'CONNECTED');

    const sql = stack.db.orm.em.fork().getConnection();
    await sql.execute(
      'update exchange_connections set credentials = (select credentials from exchange_connections where id = ?) where id = ?',
      [aId, bId],
    );
    const [row] = await sql.execute<{ credentials: Record<string, unknown>; owner_id: string }[]>(
      'select credentials, owner_id from exchange_connections where id = ?',
      [bId],
    );
    const keyring = parseKeyring(stack.keyringEnv);
    expect(() =>
      openCredentials(keyring, row!.credentials as never, {
        connectionId: bId,
        ownerId: row!.owner_id,
        version: 1,
      }),
    ).toThrow(VaultError);

    await api.ok(`mutation ($id: ID!) { verifyExchangeConnection(id: $id) { __typename } }`, { id: bId });
    const connection = await waitForStatus(api, bId, (s) => s === 'ERROR');
    expect(connection.statusReason?.code).toBe('CREDENTIALS_UNREADABLE');
  });
});
