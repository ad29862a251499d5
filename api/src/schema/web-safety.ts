// What a browser-facing API owes its users beyond GraphQL: no cross-site request riding on the session cookie,
// and headers that keep responses from being sniffed, framed, cached or referred onward.
import type { Plugin } from 'graphql-yoga';
import { SESSION_COOKIE } from '../modules/accounts/session-token';

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

function refusal(): Response {
  return new Response(
    JSON.stringify({
      errors: [
        {
          message: 'Requests signed in by cookie must be sent as application/json.',
          extensions: { code: 'CSRF_REFUSED' },
        },
      ],
    }),
    { status: 403, headers: { 'content-type': 'application/json' } },
  );
}

/**
 * A POST riding on the session cookie must be JSON: a cross-site form or `text/plain` fetch cannot send that
 * without a CORS preflight, which this API does not grant to other origins. Bearer requests carry no ambient
 * credential, and GET runs queries only (reads a foreign page cannot see).
 */
export function cookieCsrfGuard(): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST' || request.headers.has('authorization')) return;
      const cookie = request.headers.get('cookie') ?? '';
      if (!cookie.split(';').some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`))) return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!JSON_TYPES.includes(type)) endResponse(refusal());
    },
  };
}

/** Headers on every API response: not sniffed as something else, never framed, cached or referred onward. */
export function securityHeaders(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.set('x-content-type-options', 'nosniff');
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('referrer-policy', 'no-referrer');
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    },
  };
}
