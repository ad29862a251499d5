// API tokens for third parties: made by a signed-in person, shown once, stored hashed, limited to their
// scopes, refused the moment they are revoked or expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, CONNECT_MUTATION, signedUpClient } from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount } from './sim-accounts';

let stack: Stack;
let owner: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  owner = await signedUpClient(stack.apiUrl);
});
afterAll(async () => {
  await stack?.close();
});

const CREATE = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    __typename
    ... on MutationCreateApiTokenSuccess { data { token apiToken { id name prefix scopes expiresAt lastUsedAt } } }
    ... on Error { code message field }
    ... on LimitReachedError { limit }
  }
}`;
type Created = {
  createApiToken: {
    __typename: string;
    data?: { token: string; apiToken: { id: string; name: string; prefix: string; scopes: string[] } };
    code?: string;
    field?: string;
    limit?: number;
  };
};

async function token(scopes: string[], extra: Record<string, unknown> = {}) {
  const { createApiToken } = await owner.ok<Created>(CREATE, { input: { name: 'script', scopes, ...extra } });
  if (!createApiToken.data) throw new Error(JSON.stringify(createApiToken));
  return { client: new ApiClient(stack.apiUrl, createApiToken.data.token), ...createApiToken.data };
}
const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
  result.errors?.[0]?.extensions?.code;
const CONNECTIONS = '{ exchangeConnections { id label } }';

describe('API tokens', () => {
  it('is shown once, prefixed kp_, listed without its secret, and stored only as a hash', async () => {
    const made = await token(['CONNECTIONS_READ', 'PORTFOLIO_READ']);
    expect(made.token).toMatch(/^kp_[A-Za-z0-9_-]{43}$/);
    expect(made.token.startsWith(made.apiToken.prefix)).toBe(true);
    expect(made.apiToken.prefix.length).toBeLessThan(12);
    const { apiTokens } = await owner.ok<{ apiTokens: { id: string; scopes: string[] }[] }>(
      '{ apiTokens { id name prefix scopes createdAt lastUsedAt expiresAt } }',
    );
    expect(apiTokens.find((t) => t.id === made.apiToken.id)?.scopes).toEqual([
      'CONNECTIONS_READ',
      'PORTFOLIO_READ',
    ]);
    expect(JSON.stringify(apiTokens)).not.toContain(made.token);
    const rows = await stack.db.orm.em.fork().getConnection().execute('select * from api_tokens');
    expect(JSON.stringify(rows)).not.toContain(made.token);
    expect(JSON.stringify(rows)).not.toContain(made.token.slice(12));
  });

  it('does what its scopes allow, and is refused the rest with FORBIDDEN', async () => {
    const reader = await token(['CONNECTIONS_READ']);
    expect((await reader.client.request(CONNECTIONS)).data).toEqual({ exchangeConnections: [] });
    expect(codeOf(await reader.client.request('{ portfolio { total } }'))).toBe('FORBIDDEN');
    const keys = addBinanceAccount(stack.sim);
    const input = {
      exchangeId: 'binance',
      label: 'By token',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    };
    const refused = await reader.client.request(CONNECT_MUTATION, { input });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect((await owner.ok<{ exchangeConnections: unknown[] }>(CONNECTIONS)).exchangeConnections).toEqual([]);

    const writer = await token(['CONNECTIONS_WRITE', 'CONNECTIONS_READ']);
    const made = await writer.client.ok<{ connectExchange: { __typename: string } }>(CONNECT_MUTATION, {
      input,
    });
    expect(made.connectExchange.__typename).toBe('MutationConnectExchangeSuccess');
    // the token acts for its owner: the connection is theirs
    expect(
      (await owner.ok<{ exchangeConnections: { label: string }[] }>(CONNECTIONS)).exchangeConnections,
    ).toEqual([expect.objectContaining({ label: 'By token' })]);
  });

  it('cannot make, list or revoke tokens, nor sign out a session', async () => {
    const full = await token(['CONNECTIONS_READ', 'CONNECTIONS_WRITE', 'PORTFOLIO_READ']);
    expect(
      codeOf(await full.client.request(CREATE, { input: { name: 'x', scopes: ['CONNECTIONS_READ'] } })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await full.client.request('{ apiTokens { id } }'))).toBe('FORBIDDEN');
    expect(codeOf(await full.client.request('mutation { signOut }'))).toBe('FORBIDDEN');
    expect((await owner.request('{ viewer { id } }')).data).toMatchObject({
      viewer: { id: expect.any(String) },
    });
  });

  it('is refused at once once revoked, and once expired', async () => {
    const revoked = await token(['CONNECTIONS_READ']);
    expect((await revoked.client.request(CONNECTIONS)).errors).toBeUndefined();
    const { revokeApiToken } = await owner.ok<{ revokeApiToken: { __typename: string } }>(
      'mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }',
      { id: revoked.apiToken.id },
    );
    expect(revokeApiToken.__typename).toBe('MutationRevokeApiTokenSuccess');
    expect(codeOf(await revoked.client.request(CONNECTIONS))).toBe('UNAUTHENTICATED');
    expect((await revoked.client.request('{ viewer { id } }')).data).toEqual({ viewer: null });

    // asked again and again across its expiry: served while it lives, refused from then on, never earlier
    const expiresAt = Date.now() + 2_000;
    const brief = await token(['CONNECTIONS_READ'], { expiresAt: new Date(expiresAt).toISOString() });
    const answers: { sentAt: number; answeredAt: number; code: unknown }[] = [];
    await expect
      .poll(
        async () => {
          const sentAt = Date.now();
          const code = codeOf(await brief.client.request(CONNECTIONS)) ?? 'OK';
          answers.push({ sentAt, answeredAt: Date.now(), code });
          return code;
        },
        { timeout: 10_000, interval: 50 },
      )
      .toBe('UNAUTHENTICATED');
    expect(answers.some((a) => a.code === 'OK')).toBe(true);
    for (const { sentAt, answeredAt, code } of answers) {
      if (answeredAt < expiresAt) expect(code).toBe('OK');
      if (sentAt >= expiresAt) expect(code).toBe('UNAUTHENTICATED');
      expect(['OK', 'UNAUTHENTICATED']).toContain(code);
    }
  });

  it('refuses bad input with typed errors, and another user’s token as missing', async () => {
    const noScope = await owner.ok<Created>(CREATE, { input: { name: 'none', scopes: [] } });
    expect(noScope.createApiToken).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scopes' });
    const past = await owner.ok<Created>(CREATE, {
      input: {
        name: 'old',
        scopes: ['CONNECTIONS_READ'],
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      },
    });
    expect(past.createApiToken).toMatchObject({ code: 'VALIDATION_FAILED', field: 'expiresAt' });
    const blank = await owner.ok<Created>(CREATE, { input: { name: '   ', scopes: ['CONNECTIONS_READ'] } });
    expect(blank.createApiToken).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    const bogus = await owner.request(CREATE, { input: { name: 'x', scopes: ['ADMIN'] } });
    expect(bogus.errors?.length).toBeGreaterThan(0);

    const mine = await token(['CONNECTIONS_READ']);
    const stranger = await signedUpClient(stack.apiUrl);
    const { revokeApiToken } = await stranger.ok<{ revokeApiToken: { __typename: string; code?: string } }>(
      'mutation ($id: ID!) { revokeApiToken(id: $id) { __typename ... on Error { code } } }',
      { id: mine.apiToken.id },
    );
    expect(revokeApiToken).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect((await mine.client.request(CONNECTIONS)).errors).toBeUndefined();
  });

  it('refuses a token beyond the per-user cap as LIMIT_REACHED, and makes one again after a revoke', async () => {
    const user = await signedUpClient(stack.apiUrl);
    const create = (name: string) =>
      user
        .ok<Created>(CREATE, { input: { name, scopes: ['CONNECTIONS_READ'] } })
        .then((r) => r.createApiToken);
    const made: string[] = [];
    for (let i = 0; i < 50; i++) {
      const created = await create(`tool ${i}`);
      if (!created.data) throw new Error(JSON.stringify(created));
      made.push(created.data.apiToken.id);
    }
    const refused = await create('one too many');
    expect(refused).toMatchObject({ __typename: 'LimitReachedError', code: 'LIMIT_REACHED', limit: 50 });
    expect(refused.field).toBeNull();
    const { apiTokens } = await user.ok<{ apiTokens: { name: string }[] }>('{ apiTokens { name } }');
    expect(apiTokens.map((t) => t.name)).not.toContain('one too many');

    await user.ok('mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: made[0] });
    expect((await create('one too many')).__typename).toBe('MutationCreateApiTokenSuccess');
  });

  it('works only from the addresses it is bound to, and refuses an address that is none', async () => {
    const here = await token(['CONNECTIONS_READ'], { allowedIps: ['127.0.0.1', '::1'] });
    expect((await here.client.request(CONNECTIONS)).errors).toBeUndefined();
    const elsewhere = await token(['CONNECTIONS_READ'], { allowedIps: ['203.0.113.9'] });
    expect(codeOf(await elsewhere.client.request(CONNECTIONS))).toBe('UNAUTHENTICATED');
    const { apiTokens } = await owner.ok<{ apiTokens: { id: string; allowedIps: string[] | null }[] }>(
      '{ apiTokens { id allowedIps } }',
    );
    expect(apiTokens.find((t) => t.id === elsewhere.apiToken.id)?.allowedIps).toEqual(['203.0.113.9']);
    const bad = await owner.ok<Created>(CREATE, {
      input: { name: 'bad', scopes: ['CONNECTIONS_READ'], allowedIps: ['not-an-ip'] },
    });
    expect(bad.createApiToken).toMatchObject({ code: 'VALIDATION_FAILED', field: 'allowedIps' });
  });
});
