// Thousands of generated malformed operations against /graphql over every transport (POST, GET, SSE and
// graphql-ws), property-based with fast-check: never a 5xx, an error without a stable code, a stack trace or a
// secret in an answer, nor an error logged; and the api keeps answering real requests. A failure prints its seed
// and the smallest batch fast-check shrank it to; FUZZ_SEED=<seed> replays it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiClient, CONNECT_MUTATION, CONNECTION_FIELDS, signedUpClient, waitForStatus } from './client';
import { type Stack, startStack } from './harness';
import { addBinanceAccount, type SimKeys } from './sim-accounts';

let stack: Stack;
let api: ApiClient;
let keys: SimKeys;
let connectionId: string;

beforeAll(async () => {
  stack = await startStack();
  api = await signedUpClient(stack.apiUrl);
  keys = addBinanceAccount(stack.sim);
  const { connectExchange } = await api.ok<{ connectExchange: { data: { id: string } } }>(CONNECT_MUTATION, {
    input: {
      exchangeId: 'binance',
      label: 'Fuzzed',
      credentials: { apiKey: keys.apiKey, secret: keys.secret },
    },
  });
  connectionId = connectExchange.data.id;
  await waitForStatus(api, connectionId, (s) => s === 'CONNECTED');
});
afterAll(async () => {
  await stack?.close();
});

// ---- what is sent ------------------------------------------------------------------------------------------

/** Real operations, some reading the connection (and so near its secret), none that would end the session. */
const BASES = [
  '{ viewer { id email } }',
  `{ exchangeConnections { ${CONNECTION_FIELDS} } }`,
  'query Q($id: ID!) { exchangeConnection(id: $id) { id label status keyHint } }',
  'mutation ($input: ConnectExchangeInput!) { connectExchange(input: $input) { __typename ... on Error { code message field } } }',
  'query ($q: Quote) { portfolio(quote: $q) { total } }',
  '{ exchanges { id name } }',
  '{ __schema { types { name fields { name } } } }',
  // never a valid subscription: a live one would stream forever
  'subscription { exchangeConnectionUpdated { nope } }',
] as const;
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '"',
  '"""',
  '#',
  '$',
  '@',
  '...',
  ':',
  '!',
  '=',
  '|',
  '\\',
  '\u0000',
];

const junk = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));

/** A real operation with a few characters deleted, inserted, duplicated or cut off. */
const corrupted = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('delete', 'insert', 'duplicate', 'truncate'),
        length: fc.integer({ min: 1, max: 30 }),
        token: fc.constantFrom(...TOKENS),
      }),
      // none at times: a real operation with bad variables
      { minLength: 0, maxLength: 4 },
    ),
  )
  .map(([base, edits]) =>
    edits.reduce<string>((text, { at, kind, length, token }) => {
      const i = at % (text.length + 1);
      if (kind === 'delete') return text.slice(0, i) + text.slice(i + length);
      if (kind === 'insert') return text.slice(0, i) + token.repeat(length % 4 || 1) + text.slice(i);
      if (kind === 'duplicate') return text.slice(0, i + length) + text.slice(i);
      return text.slice(0, i);
    }, base),
  );

/** Brackets nested a few thousand deep, closed or not: lists, input objects, selections, list types, directives. */
const nested = fc
  .tuple(fc.integer({ min: 20, max: 4_000 }), fc.boolean(), fc.integer({ min: 0, max: 5 }))
  .map(([depth, closed, shape]) => {
    const wrap = (open: string, inner: string, close: string) =>
      `${open.repeat(depth)}${inner}${closed ? close.repeat(depth) : ''}`;
    switch (shape) {
      case 0:
        return `{ exchange(id: ${wrap('[', '"binance"', ']')}) { id } }`;
      case 1:
        return `mutation { connectExchange(input: ${wrap('{a: ', '1', ' }')}) { __typename } }`;
      case 2:
        return `{ viewer ${wrap('{ id ', '', '}')} }`;
      case 3:
        return `query ($v: ${wrap('[', 'ID', ']')}) { __typename }`;
      case 4:
        return `{ __typename @include(if: ${wrap('[{a: ', 'true', '}]')}) }`;
      default:
        return `subscription { exchangeConnectionUpdated(x: ${wrap('[', '1', ']')}) { id } }`;
    }
  });

/** Over the depth, alias, directive or token limits, without brackets nested deep. */
const overLimit = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 11, max: 600 }))
  .map(([kind, n]) => {
    if (kind === 0) return `{ viewer { ${'a { '.repeat(n % 30)}id${' }'.repeat(n % 30)} } }`;
    if (kind === 1) return `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    if (kind === 2) return `{ viewer { id ${'@include(if: true) '.repeat(n)} } }`;
    return `{ viewer { ${'id '.repeat(n * 5)} } }`;
  });

const document = fc.oneof(
  { arbitrary: corrupted, weight: 4 },
  { arbitrary: nested, weight: 3 },
  { arbitrary: overLimit, weight: 1 },
  { arbitrary: junk, weight: 2 },
);

const badInput = fc.record({
  exchangeId: fc.oneof(fc.string(), fc.integer(), fc.constant('binance')),
  label: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  credentials: fc.oneof(fc.jsonValue(), fc.constant({ apiKey: 'a' })),
});
const variables = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ id: fc.oneof(fc.uuid(), fc.constant('connection'), fc.jsonValue()) }),
  fc.record({ input: badInput }),
  fc.record({ q: fc.oneof(fc.constantFrom('EUR', 'USD', 'usd', ''), fc.jsonValue()) }),
  // bodies over the 100 KiB limit, or just under it
  fc.integer({ min: 50_000, max: 110_000 }).map((n) => ({ pad: 'x'.repeat(n) })),
);
const params = fc.record(
  {
    query: fc.oneof({ arbitrary: document, weight: 9 }, { arbitrary: fc.jsonValue(), weight: 1 }),
    variables,
    operationName: fc.oneof(fc.constant('Q'), fc.string({ maxLength: 10 }), fc.integer()),
    extensions: fc.jsonValue({ maxDepth: 3 }),
  },
  { requiredKeys: ['query'] },
);

/** What a GET parameter can say: JSON, JSON cut short, junk, or brackets nested thousands deep. */
const jsonText = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .tuple(fc.jsonValue(), fc.nat())
    .map(([value, cut]) => JSON.stringify(value).slice(0, cut % (JSON.stringify(value).length + 1))),
  junk,
  fc.integer({ min: 1, max: 2_500 }).map((depth) => '['.repeat(depth)),
);

const auth = fc.constantFrom('none', 'token', 'garbage', 'cookie');
const accept = fc.constantFrom(
  undefined,
  'application/json',
  'application/graphql-response+json',
  'text/event-stream',
  '*/*',
  'text/html',
  'application/json, text/event-stream',
  ';;garbage',
);
const post = fc.record({
  kind: fc.constant('post' as const),
  accept,
  auth,
  encoding: fc.constantFrom('json', 'json', 'json', 'raw', 'graphql', 'form', 'multipart', 'text', 'none'),
  params,
  raw: fc.oneof(junk, jsonText, fc.constantFrom('null', '42', '"x"', '[]', '[{"query":"{ __typename }"}]')),
});
function searchOf(s: { query?: string; variables?: string; extensions?: string; operationName?: string }) {
  const search = new URLSearchParams();
  for (const key of ['query', 'variables', 'extensions', 'operationName'] as const) {
    const value = s[key];
    if (value !== undefined) search.set(key, value);
  }
  return search.toString();
}
const get = fc
  .record({
    kind: fc.constant('get' as const),
    accept,
    auth,
    query: fc.oneof(
      document.filter((text) => text.length < 4_000),
      fc.constant(undefined),
    ),
    variables: fc.option(jsonText, { nil: undefined }),
    extensions: fc.option(jsonText, { nil: undefined }),
    operationName: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  })
  // past 16 KiB of headers Node refuses the request itself (431, no body) before the api sees it
  .filter((s) => searchOf(s).length < 12_000);
const otherMethod = fc.record({
  kind: fc.constant('method' as const),
  method: fc.constantFrom('PUT', 'PATCH', 'DELETE'),
  auth,
  params,
});
const frame = fc.oneof(
  { arbitrary: params.map((payload) => ({ kind: 'subscribe' as const, payload })), weight: 6 },
  {
    arbitrary: fc.oneof(
      junk,
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.constantFrom(
        '{"type":"subscribe"}',
        '{"type":"subscribe","id":1,"payload":{"query":"{ __typename }"}}',
        '{"type":"subscribe","id":"x","payload":"{ __typename }"}',
        '{"type":"connection_init"}',
        '{"type":"ping"}',
        '{"type":"complete","id":"nobody"}',
        '{"type":"next","id":"x","payload":{}}',
      ),
    ),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'repeat' as const }), weight: 1 },
);
const ws = fc.record({
  kind: fc.constant('ws' as const),
  auth,
  init: fc.oneof(fc.constant('usual'), fc.constant('none'), fc.jsonValue()),
  frames: fc.array(frame, { minLength: 1, maxLength: 4 }),
});
const shot = fc.oneof(
  { arbitrary: post, weight: 5 },
  { arbitrary: get, weight: 3 },
  { arbitrary: otherMethod, weight: 1 },
  { arbitrary: ws, weight: 2 },
);
type Shot = typeof shot extends fc.Arbitrary<infer T> ? T : never;

// ---- how it is sent ----------------------------------------------------------------------------------------

interface Answer {
  /** HTTP status, or the WebSocket's close code. */
  status: number;
  /** GraphQL error objects found in the answer. */
  errors: { message?: unknown; extensions?: { code?: unknown } }[];
  text: string;
}

function authHeaders(kind: string): Record<string, string> {
  if (kind === 'token') return { authorization: `Bearer ${api.token}` };
  if (kind === 'garbage') return { authorization: 'Bearer kp_not-a-token' };
  if (kind === 'cookie') return { cookie: `kp_session=${api.token}` };
  return {};
}

/** The GraphQL errors in a JSON body or the events of an SSE stream. */
function errorsIn(text: string): Answer['errors'] {
  const chunks = text.includes('event: ')
    ? [...text.matchAll(/^data: (.+)$/gm)].map((m) => m[1] ?? '')
    : [text];
  return chunks.flatMap((chunk) => {
    try {
      const parsed = JSON.parse(chunk) as { errors?: Answer['errors'] };
      return parsed.errors ?? [];
    } catch {
      return [];
    }
  });
}

function httpRequest(s: Exclude<Shot, { kind: 'ws' }>): { url: string; init: RequestInit } {
  const headers: Record<string, string> = authHeaders(s.auth);
  if (s.kind !== 'method' && s.accept) headers.accept = s.accept;
  if (s.kind === 'get') {
    return { url: `${stack.apiUrl}?${searchOf(s)}`, init: { method: 'GET', headers } };
  }
  if (s.kind === 'method') {
    headers['content-type'] = 'application/json';
    return { url: stack.apiUrl, init: { method: s.method, headers, body: JSON.stringify(s.params) } };
  }
  const query = typeof s.params.query === 'string' ? s.params.query : JSON.stringify(s.params.query);
  const bodies: Record<string, [string | undefined, BodyInit]> = {
    json: ['application/json', JSON.stringify(s.params)],
    raw: ['application/json', s.raw],
    graphql: ['application/graphql', query],
    form: [
      'application/x-www-form-urlencoded',
      new URLSearchParams({
        query,
        variables: JSON.stringify(s.params.variables ?? null).slice(0, 50),
      }).toString(),
    ],
    multipart: [
      'multipart/form-data; boundary=fuzz',
      `--fuzz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${s.raw}\r\n--fuzz--\r\n`,
    ],
    text: ['text/plain', JSON.stringify(s.params)],
    none: [undefined, JSON.stringify(s.params)],
  };
  const [type, body] = bodies[s.encoding] ?? bodies.json!;
  if (type) headers['content-type'] = type;
  return { url: stack.apiUrl, init: { method: 'POST', headers, body } };
}

async function sendHttp(s: Exclude<Shot, { kind: 'ws' }>): Promise<Answer> {
  const { url, init } = httpRequest(s);
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  let text = '';
  if (response.headers.get('content-type')?.includes('event-stream') && response.body) {
    // a stream ends after its error; read until it says so
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (value) text += decoder.decode(value, { stream: true });
      if (done || text.includes('event: complete')) break;
    }
    await reader.cancel();
  } else text = await response.text();
  return { status: response.status, errors: errorsIn(text), text };
}

/** One graphql-ws socket: init, the frames, then every answer until each subscription ended or the socket closed. */
function sendWs(s: Extract<Shot, { kind: 'ws' }>): Promise<Answer> {
  const socket = new WebSocket(stack.apiUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const texts: string[] = [];
  const errors: Answer['errors'] = [];
  const open = new Set<string>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no end to the socket in 15 s: ${texts.join('\n').slice(0, 500)}`));
    }, 15_000);
    const endIfDone = () => {
      if (open.size === 0 && socket.readyState === WebSocket.OPEN) socket.close(1000);
    };
    socket.on('open', () => {
      const payload =
        s.init === 'usual' ? authHeaders(s.auth) : s.init === 'none' ? undefined : (s.init ?? undefined);
      socket.send(JSON.stringify({ type: 'connection_init', payload }));
    });
    socket.on('message', (data) => {
      const text = data.toString();
      texts.push(text);
      let message: { type?: string; id?: string; payload?: unknown } = {};
      try {
        message = JSON.parse(text);
      } catch {}
      if (message.type === 'connection_ack') {
        for (const [i, f] of s.frames.entries()) {
          if (typeof f === 'string') {
            socket.send(f);
            continue;
          }
          const id = f.kind === 'repeat' ? `s${i - 1}` : `s${i}`;
          const payload = f.kind === 'repeat' ? { query: '{ __typename }' } : f.payload;
          open.add(id);
          socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
        }
        return endIfDone();
      }
      if (message.type === 'error' && Array.isArray(message.payload)) errors.push(...message.payload);
      if (message.type === 'next') {
        errors.push(
          ...(((message.payload as { errors?: Answer['errors'] })?.errors ?? []) as Answer['errors']),
        );
        // an answer came; a stream would go on: end it
        socket.send(JSON.stringify({ id: message.id, type: 'complete' }));
      }
      if (message.id && ['next', 'error', 'complete'].includes(message.type ?? '')) open.delete(message.id);
      endIfDone();
    });
    socket.on('error', (error) => texts.push(`socket error: ${error.message}`));
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      texts.push(`closed ${code} ${reason.toString()}`);
      resolve({ status: code, errors, text: texts.join('\n') });
    });
  });
}

// ---- what must hold ----------------------------------------------------------------------------------------

const STACK_TRACE = /\bat [\w.<>]+ \(|\.ts:\d+:\d+|node_modules/;

function check(s: Shot, answer: Answer): void {
  const what = `${JSON.stringify(s).slice(0, 400)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  if (s.kind === 'ws') {
    // graphql-ws closes with 4500 on a server fault (1011 from ws itself); protocol faults are 44xx
    if (answer.status === 4500 || answer.status === 1011) throw new Error(`server fault: ${what}`);
  } else {
    if (answer.status >= 500) throw new Error(`server fault: ${what}`);
    // every refusal says why, in a GraphQL error body
    if (answer.status >= 400 && answer.errors.length === 0)
      throw new Error(`refusal without errors: ${what}`);
  }
  for (const error of answer.errors)
    if (typeof error.extensions?.code !== 'string') throw new Error(`error without a code: ${what}`);
  if (/INTERNAL_SERVER_ERROR|Unexpected error\./.test(answer.text)) throw new Error(`masked fault: ${what}`);
  if (STACK_TRACE.test(answer.text)) throw new Error(`stack trace: ${what}`);
  if (answer.text.includes(keys.secret) || answer.text.includes(keys.apiKey))
    throw new Error(`secret: ${what}`);
}

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const BATCH = 25;
const RUNS = 160;

describe('fuzzing /graphql', () => {
  it(`answers ${BATCH * RUNS} generated malformed operations over POST, GET, SSE and graphql-ws as client errors (seed ${SEED})`, async () => {
    const logsBefore = stack.logLines.length;
    const seen = { statuses: new Set<number>(), codes: new Set<string>(), sent: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(shot, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(
          batch.map(async (s) => {
            const answer = s.kind === 'ws' ? await sendWs(s) : await sendHttp(s);
            seen.sent += 1;
            seen.statuses.add(answer.status);
            for (const error of answer.errors) seen.codes.add(String(error.extensions?.code));
            check(s, answer);
          }),
        );
      }),
      // a slow run fails too (shrinking included), rather than running into the test's own timeout
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true },
    );
    // the fuzz reached what it is about: refusals of each kind, on both sides of the socket
    expect(seen.sent).toBeGreaterThanOrEqual(BATCH * RUNS);
    expect([...seen.statuses]).toEqual(expect.arrayContaining([200, 400, 405, 413, 415, 1000, 4400]));
    expect([...seen.codes]).toEqual(
      expect.arrayContaining(['QUERY_TOO_COMPLEX', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT']),
    );
    // client faults are logged below error, one line each, without a stack
    const apiLines = stack.logLines
      .slice(logsBefore)
      .map((line) => JSON.parse(line) as { name: string; level: number })
      .filter((line) => line.name === 'api');
    expect(apiLines.filter((line) => line.level >= 50)).toEqual([]);
    expect(apiLines.filter((line) => JSON.stringify(line).includes('stack'))).toEqual([]);
    expect(apiLines.some((line) => (line as { msg?: string }).msg === 'request refused')).toBe(true);
    // still answering real requests
    expect(await api.ok<{ viewer: { id: string } }>('{ viewer { id } }')).toMatchObject({
      viewer: { id: expect.any(String) },
    });
  }, 120_000);
});
