import { keyportApiUrl } from './api-url';

/** Why a request to the API gave no data; the page words each case differently. */
export type ApiFailure =
  | { kind: 'unreachable'; url: string; detail: string }
  | { kind: 'http'; url: string; status: number }
  | { kind: 'graphql'; url: string; message: string };

export type ApiResult<T> = { ok: true; data: T } | ({ ok: false } & ApiFailure);

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message?: unknown }>;
}

const TIMEOUT_MS = 3000;

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
    // undici puts the socket error (ECONNREFUSED, ENOTFOUND, …) in `cause`
    const cause = error.cause;
    if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string')
      return cause.code;
    return error.message;
  }
  return String(error);
}

/**
 * POSTs one GraphQL operation to the Keyport API from the server, never cached.
 * Every failure comes back as a value, so a page can render it instead of crashing.
 */
export async function queryApi<T>(query: string, variables?: Record<string, unknown>): Promise<ApiResult<T>> {
  const url = keyportApiUrl();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify(variables ? { query, variables } : { query }),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, kind: 'unreachable', url, detail: describe(error) };
  }

  let body: GraphQLResponse<T> | undefined;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    body = undefined;
  }
  const firstError = body?.errors?.[0]?.message;
  if (typeof firstError === 'string') return { ok: false, kind: 'graphql', url, message: firstError };
  if (!response.ok || body?.data == null) return { ok: false, kind: 'http', url, status: response.status };
  return { ok: true, data: body.data };
}
