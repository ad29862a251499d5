// Rate limits in Redis: per signed-in user, per API token, per IP for the anonymous, and on failed sign-ins;
// a refusal is HTTP 429 with Retry-After and the stable code RATE_LIMITED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedUpClient } from './client';
import { type Stack, startStack } from './harness';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    limits: { perMinute: 6, anonymousPerMinute: 25, failuresPerEmail: 3, failuresPerIp: 1000 },
  });
});
afterAll(async () => {
  await stack?.close();
});

async function raw(token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(stack.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    errors?: { extensions?: { code?: string; retryAfter?: number } }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('request limits', () => {
  it('holds a signed-in user to the limit per minute with 429 and Retry-After; others go on', async () => {
    const heavy = await signedUpClient(stack.apiUrl);
    const other = await signedUpClient(stack.apiUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await raw(heavy.token, '{ viewer { id } }')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await raw(heavy.token, '{ viewer { id } }');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await raw(other.token, '{ viewer { id } }')).status).toBe(200);
  });

  it('counts an API token apart from its owner’s session', async () => {
    const owner = await signedUpClient(stack.apiUrl);
    const { createApiToken } = await owner.ok<{ createApiToken: { data: { token: string } } }>(
      'mutation { createApiToken(input: { name: "bot", scopes: [CONNECTIONS_READ] }) { ... on MutationCreateApiTokenSuccess { data { token } } } }',
    );
    const bot = new ApiClient(stack.apiUrl, createApiToken.data.token);
    for (let i = 0; i < 6; i++) await bot.request('{ exchangeConnections { id } }');
    expect((await raw(createApiToken.data.token, '{ exchangeConnections { id } }')).status).toBe(429);
    expect((await raw(owner.token, '{ viewer { id } }')).status).toBe(200);
  });

  it('makes an email wait after a few failed sign-ins, even with the right password then', async () => {
    const email = `guessed-${Date.now()}@example.test`;
    const SIGN_UP = 'mutation ($e: String!, $p: String!) { signUp(email: $e, password: $p) { __typename } }';
    const SIGN_IN =
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { code } } }';
    await raw(null, SIGN_UP, { e: email, p: 'correct horse battery staple' });
    const wrong = [];
    for (let i = 0; i < 3; i++) wrong.push((await raw(null, SIGN_IN, { e: email, p: `guess ${i}` })).body);
    expect(JSON.stringify(wrong)).toContain('INVALID_LOGIN');
    const blocked = await raw(null, SIGN_IN, { e: email, p: 'correct horse battery staple' });
    expect([blocked.status, blocked.body.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(60);
  });

  it('holds anonymous requests to the per-IP limit', async () => {
    let refused = 0;
    for (let i = 0; i < 30; i++)
      if ((await raw(null, '{ exchanges(search: "bin") { id } }')).status === 429) refused += 1;
    expect(refused).toBeGreaterThan(0);
  });
});
