// Requests that are no GraphQL request, or nest brackets deeper than the parser can recurse, are the client's
// fault: a 4xx with a GraphQL error body and a stable code, one info line in the log, never a 500 with a stack.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from './client';
import type { Stack } from './harness';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { worker: false });

interface Answer {
  status: number;
  codes: string[];
  text: string;
}

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let codes: string[] = [];
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    codes = (body.errors ?? []).map((error) => error.extensions?.code ?? 'none');
  } catch {}
  return { status: response.status, codes, text };
}

const post = (query: string, accept = 'application/json', variables?: unknown) =>
  send(stack.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${api.token}` },
    body: JSON.stringify({ query, variables }),
  });
const get = (search: string) =>
  send(`${stack.apiUrl}?${search}`, { headers: { accept: 'application/json' } });
const q = encodeURIComponent('{ __typename }');

describe('malformed requests', () => {
  it.each([
    ['variables', `query=${q}&variables=notjson`],
    ['extensions', `query=${q}&extensions={`],
  ])(
    'answers a GET whose %s parameter is not JSON with 400 BAD_REQUEST, logged at info without a stack',
    async (_what, search) => {
      const before = stack.logLines.length;
      expect(await get(search)).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
      const lines = stack.logLines
        .slice(before)
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(lines.filter((line) => line.level >= 40)).toEqual([]);
      expect(lines.filter((line) => line.msg === 'request refused')).toHaveLength(1);
      expect(stack.logLines.slice(before).join('\n')).not.toContain('stack');
    },
  );

  it('answers a GET without a query, a batch, and a body that is not JSON with 400 BAD_REQUEST', async () => {
    expect(await get('')).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
    for (const body of ['[{"query":"{ __typename }"}]', '{"query":', '"x"']) {
      const answer = await send(stack.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      expect(answer).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
      // JSON.parse's message quotes the body back: it is not passed on
      expect(answer.text).not.toContain('is not valid JSON');
    }
  });

  it('answers a body it does not read with 415, a method other than GET or POST with 405', async () => {
    const text = await send(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    });
    expect(text).toMatchObject({ status: 415, codes: ['UNSUPPORTED_MEDIA_TYPE'] });
    expect(await send(stack.apiUrl, { method: 'DELETE' })).toMatchObject({
      status: 405,
      codes: ['BAD_REQUEST'],
    });
  });

  it('answers an Accept it cannot serve with 406 NOT_ACCEPTABLE, a subscription asked for as JSON too', async () => {
    expect(await post('{ __typename }', 'text/html')).toMatchObject({
      status: 406,
      codes: ['NOT_ACCEPTABLE'],
    });
    expect(await post('subscription { portfolioUpdated { total } }')).toMatchObject({
      status: 406,
      codes: ['NOT_ACCEPTABLE'],
    });
  });

  it('codes a variable that does not fit its type BAD_USER_INPUT: 400, or 200 to application/json', async () => {
    const query = 'query ($q: Quote) { portfolio(quote: $q) { total } }';
    expect(await post(query, 'application/graphql-response+json', { q: 42 })).toMatchObject({
      status: 400,
      codes: ['BAD_USER_INPUT'],
    });
    expect(await post(query, 'application/json', { q: 42 })).toMatchObject({
      status: 200,
      codes: ['BAD_USER_INPUT'],
    });
  });
});

describe('nesting', () => {
  const deep = 3_000;
  it.each([
    ['a list literal', `{ exchange(id: ${'['.repeat(deep)}"binance"${']'.repeat(deep)}) { id } }`],
    [
      'an input object',
      `mutation { connectExchange(input: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}) { __typename } }`,
    ],
    ['a list type', `query ($v: ${'['.repeat(deep)}ID${']'.repeat(deep)}) { __typename }`],
    ['a selection left open', `{ viewer ${'{ id '.repeat(deep)}`],
  ])(
    'refuses %s nested thousands deep with 400 QUERY_TOO_COMPLEX, whatever the Accept',
    async (_what, query) => {
      for (const accept of ['application/json', 'application/graphql-response+json', '*/*'])
        expect(await post(query, accept)).toMatchObject({ status: 400, codes: ['QUERY_TOO_COMPLEX'] });
    },
  );

  it('answers every limit with 400, the token limit (met while parsing) to application/json too', async () => {
    expect(await post(`{ viewer { ${'id '.repeat(3000)} } }`)).toMatchObject({
      status: 400,
      codes: ['QUERY_TOO_COMPLEX'],
    });
  });

  it('does not count brackets in strings, block strings or comments', async () => {
    const brackets = '['.repeat(200) + '{'.repeat(200);
    const query = `{ a: exchange(id: "${brackets}") { id } # ${brackets}\n b: exchange(id: """${brackets}""") { id } }`;
    const answer = await post(query, 'application/graphql-response+json');
    expect(answer).toMatchObject({ status: 200, codes: [] });
    expect(JSON.parse(answer.text)).toEqual({ data: { a: null, b: null } });
  });
});
