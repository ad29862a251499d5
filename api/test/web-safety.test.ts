// Cookie-signed requests cannot be forged cross-site, and every answer carries the safety headers.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from './client';
import type { Stack } from './harness';
import { withStack } from './with-stack';

let stack: Stack;
let api: ApiClient;

withStack((started) => ({ stack, api } = started), { worker: false });

const SIGN_OUT = JSON.stringify({ query: 'mutation { signOut }' });

describe('web safety', () => {
  it('refuses a cookie-signed POST that is not JSON (what a cross-site form or text/plain fetch sends)', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await fetch(stack.apiUrl, {
        method: 'POST',
        headers: { 'content-type': type, cookie: `kp_session=${api.token}` },
        body: SIGN_OUT,
      });
      expect(response.status, type).toBe(403);
      expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'CSRF_REFUSED' } }] });
    }
    // the session survived: the forged sign-out never ran
    expect((await api.ok<{ viewer: { id: string } | null }>('{ viewer { id } }')).viewer).not.toBeNull();
    // the dashboard's own JSON requests with the cookie go through
    const json = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `kp_session=${api.token}` },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(json.status).toBe(200);
  });

  it('answers with nosniff, no framing, no referrer and no caching', async () => {
    const response = await fetch(stack.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(
      Object.fromEntries(
        ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cache-control'].map((h) => [
          h,
          response.headers.get(h),
        ]),
      ),
    ).toEqual({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });
});
