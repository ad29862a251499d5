// The per-IP limits behind the dashboard: the api believes X-Forwarded-For only from its trusted hop
// (TRUST_PROXY, here 127.0.0.2 playing the web container), so two browsers behind it are counted apart,
// and a client that forges the header, directly or through the hop, is counted as itself.
import { request as httpRequest } from 'node:http';
import { ConfigError } from '@keyport/config/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config';
import { type Stack, startStack } from './harness';

const WEB_HOP = '127.0.0.2';
const SIGN_IN =
  'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { code } } }';
const ANONYMOUS = '{ exchanges(search: "bin") { id } }';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    trustProxy: WEB_HOP,
    limits: { anonymousPerMinute: 1000, failuresPerEmail: 1000, failuresPerIp: 3 },
  });
});
afterAll(async () => {
  await stack?.close();
});

interface Answer {
  status: number;
  code: string | undefined;
}

/** A POST over a socket bound to `from`, so the api's peer is that address. */
function post(
  from: string,
  forwardedFor: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  apiUrl = stack.apiUrl,
): Promise<Answer> {
  const body = JSON.stringify({ query, variables });
  const url = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(text) as {
            data?: { signIn?: { code?: string } };
            errors?: { extensions?: { code?: string } }[];
          };
          resolve({
            status: res.statusCode ?? 0,
            code: parsed.errors?.[0]?.extensions?.code ?? parsed.data?.signIn?.code,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let n = 0;
const wrongSignIn = (from: string, forwardedFor: string | null) => {
  n += 1;
  return post(from, forwardedFor, SIGN_IN, { e: `nobody-${n}@example.test`, p: 'wrong password' });
};

describe('client IP behind the dashboard', () => {
  it('counts two browsers behind the trusted web hop apart', async () => {
    const first: string[] = [];
    for (let i = 0; i < 4; i++) first.push(String((await wrongSignIn(WEB_HOP, '198.51.100.1')).code));
    expect(first).toEqual(['INVALID_LOGIN', 'INVALID_LOGIN', 'INVALID_LOGIN', 'RATE_LIMITED']);
    // the other browser, through the same hop, still gets to try
    expect((await wrongSignIn(WEB_HOP, '198.51.100.2')).code).toBe('INVALID_LOGIN');
    // and the hop's own address was never the one counted
    expect((await wrongSignIn(WEB_HOP, null)).code).toBe('INVALID_LOGIN');
  });

  it('ignores a forged X-Forwarded-For from a peer it does not trust', async () => {
    const answers: string[] = [];
    // a fresh forged address each time: were it believed, no address would ever reach the limit
    for (let i = 0; i < 4; i++) answers.push(String((await wrongSignIn('127.0.0.3', `203.0.113.${i}`)).code));
    expect(answers).toEqual(['INVALID_LOGIN', 'INVALID_LOGIN', 'INVALID_LOGIN', 'RATE_LIMITED']);
    // nor does it lock out the browser it named
    expect((await wrongSignIn(WEB_HOP, '203.0.113.0')).code).toBe('INVALID_LOGIN');
  });

  it('counts what the hop saw, not addresses the browser put before it', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 4; i++)
      answers.push(String((await wrongSignIn(WEB_HOP, `192.0.2.${i}, 198.51.100.7`)).code));
    expect(answers).toEqual(['INVALID_LOGIN', 'INVALID_LOGIN', 'INVALID_LOGIN', 'RATE_LIMITED']);
  });

  it('holds each browser behind the hop to its own anonymous limit', async () => {
    const limited = await startStack({
      worker: false,
      trustProxy: WEB_HOP,
      limits: { anonymousPerMinute: 3 },
    });
    try {
      const via = (forwardedFor: string, from = WEB_HOP) =>
        post(from, forwardedFor, ANONYMOUS, {}, limited.apiUrl).then((answer) => answer.status);
      const first: number[] = [];
      for (let i = 0; i < 4; i++) first.push(await via('198.51.100.1'));
      expect(first).toEqual([200, 200, 200, 429]);
      expect(await via('198.51.100.2')).toBe(200);
      // a forged header straight to the api counts against the sender's own address
      const forged: number[] = [];
      for (let i = 0; i < 4; i++) forged.push(await via(`198.51.100.${10 + i}`, '127.0.0.4'));
      expect(forged).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('takes TRUST_PROXY as addresses and CIDR ranges, and refuses the old flag or a bad entry at start', () => {
    const env = {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/keyport',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KEYRING_PUBLIC: 'k1:AAAA',
    };
    const trusted = loadApiConfig({ ...env, TRUST_PROXY: '172.30.0.0/24, 2001:db8::1' }).TRUST_PROXY;
    expect(['172.30.0.9', '172.30.1.9', '2001:db8::1', '2001:db8::2'].map((ip) => trusted?.has(ip))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(loadApiConfig(env).TRUST_PROXY).toBeUndefined();
    for (const bad of ['true', '172.30.0.0/33, web'])
      expect(() => loadApiConfig({ ...env, TRUST_PROXY: bad })).toThrow(ConfigError);
  });
});
