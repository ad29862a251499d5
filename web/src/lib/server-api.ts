// GraphQL from server components: the browser's cookie is forwarded to the API, never handed to client code.
import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { cookies } from 'next/headers';
import { keyportApiUrl } from './api-url';

/** The API could not answer; the page shows the error boundary with a retry. */
export class ApiUnavailableError extends Error {
  constructor(detail: string) {
    super(`Keyport API unavailable: ${detail}`);
    this.name = 'ApiUnavailableError';
  }
}

const TIMEOUT_MS = 5000;

export async function serverQuery<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables?: Variables,
): Promise<Result> {
  const cookieHeader = (await cookies()).toString();
  let response: Response;
  try {
    response = await fetch(keyportApiUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiUnavailableError(error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json().catch(() => null)) as {
    data?: Result | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  if (!body?.data) {
    throw new ApiUnavailableError(body?.errors?.[0]?.message ?? `HTTP ${response.status}`);
  }
  return body.data;
}
