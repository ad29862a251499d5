// A GraphQL request is a few kilobytes; a megabyte body is an attack or a bug, refused before it is read.
import type { Plugin } from 'graphql-yoga';

export const MAX_BODY_BYTES = 100 * 1024;

function refusal(status: number, message: string, code: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function bodyLimit(maxBytes = MAX_BODY_BYTES): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      // a body without a declared length could be any size: clients send one for a JSON body
      if (length === null)
        return endResponse(refusal(411, 'Send the request body with a Content-Length.', 'LENGTH_REQUIRED'));
      if (!/^\d+$/.test(length) || Number(length) > maxBytes)
        return endResponse(
          refusal(413, `The request body is over ${Math.round(maxBytes / 1024)} KiB.`, 'PAYLOAD_TOO_LARGE'),
        );
    },
  };
}
