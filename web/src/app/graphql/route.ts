// Same-origin door to the API, so the session cookie stays HttpOnly and SameSite=Lax. A route handler
// rather than a rewrite: the target is read at request time and SSE streams pass through unbuffered.
import { keyportApiUrl } from '../../lib/api-url';
import { stampedClientAddress } from '../../server/client-address';

export const dynamic = 'force-dynamic';

const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'cookie', 'authorization', 'user-agent'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'retry-after'];

async function proxy(request: Request): Promise<Response> {
  const target = new URL(keyportApiUrl());
  target.search = new URL(request.url).search;
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  // the browser's own X-Forwarded-For is dropped: the api trusts this hop's word for who the client is
  const client = stampedClientAddress(request);
  if (client) headers.set('x-forwarded-for', client);
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      // read whole (a GraphQL body is small): the API wants its Content-Length to refuse oversized ones unread
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      signal: request.signal,
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      { errors: [{ message: 'The Keyport API is unreachable.', extensions: { code: 'API_UNREACHABLE' } }] },
      { status: 502 },
    );
  }
  const responseHeaders = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  if (responseHeaders.get('content-type')?.startsWith('text/event-stream')) {
    responseHeaders.set('cache-control', 'no-cache, no-transform');
    responseHeaders.set('x-accel-buffering', 'no');
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

export { proxy as GET, proxy as POST };
