import { readFileSync } from 'node:fs';
// Operations too deep, too wide or too long are refused before they run, with a stable code and no hint of
// the limits or of the schema.
import { describe, expect, it } from 'vitest';
import { type ApiClient, CONNECTION_FIELDS } from './client';
import type { Stack } from './harness';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { worker: false });

async function post(query: string) {
  const response = await fetch(stack.apiUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${api.token}`,
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
      data?: unknown;
    },
  };
}

describe('query limits', () => {
  it.each([
    ['too deep', `{ viewer { ${'a { '.repeat(12)}id${' }'.repeat(12)} } }`],
    ['too many aliases', `{ ${Array.from({ length: 30 }, (_, i) => `v${i}: viewer { id }`).join(' ')} }`],
    ['too many directives', `{ viewer { id ${'@include(if: true) '.repeat(40)} } }`],
    ['too many tokens', `{ viewer { ${'id '.repeat(3000)} } }`],
  ])('refuses an operation %s with QUERY_TOO_COMPLEX, saying no limit', async (_what, query) => {
    const { status, body } = await post(query);
    expect(status).toBe(400);
    expect(body.errors?.some((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/limit of \d+|found \d+/i);
  });

  it('hides field suggestions that would map the schema', async () => {
    const { body } = await post('{ viewr { id } }');
    expect(JSON.stringify(body)).not.toMatch(/did you mean/i);
  });

  it('lets the dashboard’s largest operations through (its connection page, after an action)', async () => {
    // the dashboard's own fragment, read from its source: a limit the dashboard outgrows fails here first
    const source = readFileSync(
      new URL('../../web/src/components/connections/connection-detail.fragment.ts', import.meta.url),
      'utf8',
    );
    const fragment = /graphql\(`([\s\S]*?)`\)/.exec(source)?.[1] ?? '';
    expect(fragment).toContain('fragment ConnectionDetail');
    const replaceKeys = `mutation ReplaceKeys($id: ID!, $credentials: CredentialsInput!) {
      updateExchangeCredentials(id: $id, credentials: $credentials) {
        __typename
        ... on Error { code field message }
        ... on MutationUpdateExchangeCredentialsSuccess { data { ...ConnectionDetail } }
      }
    } ${fragment}`;
    const response = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
      body: JSON.stringify({
        query: replaceKeys,
        variables: { id: crypto.randomUUID(), credentials: { apiKey: 'a', secret: 'b' } },
      }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data?: { updateExchangeCredentials: { __typename: string } };
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateExchangeCredentials.__typename).toBe('NotFoundError');
    const detail = `{ exchangeConnections { ${CONNECTION_FIELDS} warnings { code detail message } } viewer { id email } }`;
    const { status, body: read } = await post(detail);
    expect([status, read.errors]).toEqual([200, undefined]);
  });

  it('refuses a body over 100 KiB with PAYLOAD_TOO_LARGE, and keeps answering', async () => {
    const huge = JSON.stringify({ query: '{ viewer { id } }', variables: { pad: 'x'.repeat(200_000) } });
    const response = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    expect((await post('{ viewer { id } }')).status).toBe(200);
  });
});
