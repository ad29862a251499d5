// The /graphql route as the dashboard's server runs it (the peer stamped on each request, as web/server.ts
// does, then the real route handler), in front of the real api trusting only this hop: two browsers'
// sign-in limits are their own, and an X-Forwarded-For a browser forges is ignored.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@keyport/db/testing';
import { formatKeyring, generateMasterKey } from '@keyport/vault/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, stampClientAddress } from '../../server/client-address';
import { POST } from './route';

const SIGN_IN =
  'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on Error { code } } }';

let db: TestDatabase;
let api: ChildProcess;
let web: Server;
let webPort = 0;

/** The real api entry, trusting X-Forwarded-For from 127.0.0.1 only (where this test's route calls from). */
async function startApi(): Promise<string> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const entry = fileURLToPath(new URL('../../../../api/src/server.ts', import.meta.url));
  api = spawn(process.execPath, ['--import', tsx, entry], {
    env: {
      NODE_ENV: 'test',
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `kpw-${randomBytes(4).toString('hex')}`,
      KEYRING_PUBLIC: formatKeyring([generateMasterKey('w1')]).publicKeys,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      TRUST_PROXY: '127.0.0.1',
      SIGN_IN_FAILURES_PER_IP: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    api.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /api listening on (http:\/\/[^\s"]+)/.exec(output);
      if (listening?.[1]) resolve(listening[1]);
    });
    api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.once('exit', (code) => reject(new Error(`api exited (${code}):\n${output}`)));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.KEYPORT_API_URL = await startApi();
  web = createServer(async (req, res) => {
    stampClientAddress(req);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const response = await POST(
      new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webPort = (web.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  web?.close();
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    await exited;
  }
  await db?.drop();
}, 60_000);

let attempt = 0;
/** A wrong sign-in from a browser at `from`, sending these headers of its own. */
function wrongSignIn(from: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  attempt += 1;
  const body = JSON.stringify({
    query: SIGN_IN,
    variables: { e: `nobody-${attempt}@example.test`, p: 'wrong' },
  });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: webPort,
        path: '/graphql',
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
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
          resolve(parsed.errors?.[0]?.extensions?.code ?? parsed.data?.signIn?.code);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the /graphql route in front of the api', () => {
  it('gives each browser its own sign-in limit, whatever address it claims', async () => {
    const forged: (string | undefined)[] = [];
    // a new forged address each time, in both headers a browser might try: were either believed, it would
    // never reach its limit
    for (let i = 0; i < 3; i++)
      forged.push(
        await wrongSignIn('127.0.0.2', {
          'x-forwarded-for': `203.0.113.${i}`,
          [CLIENT_ADDRESS_HEADER]: `198.51.100.${i}`,
        }),
      );
    expect(forged).toEqual(['INVALID_LOGIN', 'INVALID_LOGIN', 'RATE_LIMITED']);
    // another browser behind the same route is not locked out by the first one's failures
    expect(await wrongSignIn('127.0.0.3')).toBe('INVALID_LOGIN');
    // nor by naming the first one's address
    expect(await wrongSignIn('127.0.0.4', { 'x-forwarded-for': '127.0.0.3' })).toBe('INVALID_LOGIN');
  }, 60_000);
});
