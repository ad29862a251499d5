// A request that is no GraphQL request (bad JSON in a body or a GET parameter, a media type we do not read, an
// Accept we cannot answer) is the client's fault: a 4xx with a GraphQL error body and a stable code, one log line
// at info, never a 500 logged with a stack.
import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

/** Codes of refusals that answer with their own HTTP status whatever the Accept (never the spec's legacy 200). */
const REFUSALS = new Set(['BAD_REQUEST', 'QUERY_TOO_COMPLEX']);

interface HttpExtension {
  status?: number;
  spec?: boolean;
  headers?: Record<string, string>;
}
type Extensions = { code?: unknown; http?: HttpExtension; originalError?: unknown } & Record<string, unknown>;

function refusal(status: number, message: string, code: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function badRequest(message: string, http?: HttpExtension): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_REQUEST', http: { ...http, spec: false, status: http?.status ?? 400 } },
  });
}

/** The same error with other extensions: errors may be frozen. */
function reissued(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  const { nodes, source, positions, path } = error;
  return new GraphQLError(error.message, { nodes, source, positions, path, extensions });
}

/** What a request parser threw, as the client's fault; a cancelled request stays what it is. */
function asClientFault(error: unknown): unknown {
  if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return error;
  if (error instanceof GraphQLError) {
    // yoga's own parse errors: keep the words, drop `originalError` (it quotes the body back)
    return badRequest(error.message, error.extensions.http as HttpExtension | undefined);
  }
  // JSON.parse of a GET (or form) `variables` / `extensions` parameter
  if (error instanceof SyntaxError)
    return badRequest('The variables and extensions parameters must be JSON.');
  return badRequest('The request body could not be read.');
}

/** Variables that do not fit their types (graphql-js and graphql-jit give them no code), on every transport. */
function withInputCodes(result: ExecutionResult): ExecutionResult | undefined {
  if (!result.errors || 'data' in result) return undefined;
  const uncoded = (error: GraphQLError) =>
    error.extensions?.code === undefined && error.message.startsWith('Variable "$');
  if (!result.errors.some(uncoded)) return undefined;
  const errors = result.errors.map((error) =>
    uncoded(error) ? reissued(error, { ...error.extensions, code: 'BAD_USER_INPUT' }) : error,
  );
  return { ...result, errors };
}

export function malformedRequests(logger: Logger): Plugin {
  let endpoint = '/graphql';
  const logRefusal = (request: Request, status: number, code: string) =>
    logger.info({ method: request.method, status, code }, 'request refused');
  return {
    onYogaInit({ yoga }) {
      endpoint = yoga.graphqlEndpoint;
    },
    onRequestParse({ request, url, requestParser, setRequestParser, endResponse }) {
      if (url.pathname !== endpoint) return;
      // yoga would answer 415 with no body; other methods are refused later (405)
      if (!requestParser) {
        if (request.method !== 'POST') return;
        logRefusal(request, 415, 'UNSUPPORTED_MEDIA_TYPE');
        return endResponse(
          refusal(415, 'Send the request body as application/json.', 'UNSUPPORTED_MEDIA_TYPE'),
        );
      }
      setRequestParser(async (parsed) => {
        try {
          return await requestParser(parsed);
        } catch (error) {
          throw asClientFault(error);
        }
      });
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const coded = isAsyncIterable(result) ? undefined : withInputCodes(result);
          if (coded) setResult(coded);
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          const coded = isAsyncIterable(result) ? undefined : withInputCodes(result);
          if (coded) setResult(coded);
        },
      };
    },
    onResultProcess({ request, result, setResult, resultProcessor, setResultProcessor }) {
      if (!resultProcessor) {
        // a subscription asked for as plain JSON is never read: end it rather than leave it listening
        if (isAsyncIterable(result)) void (result as AsyncGenerator).return?.(undefined);
        logRefusal(request, 406, 'NOT_ACCEPTABLE');
        return setResultProcessor(
          () =>
            refusal(
              406,
              'Accept application/graphql-response+json or application/json (text/event-stream for subscriptions).',
              'NOT_ACCEPTABLE',
            ),
          'application/json',
        );
      }
      // a request error has no data entry; an execution error (data null or partial) keeps its 200
      if (isAsyncIterable(result) || Array.isArray(result) || !result.errors || 'data' in result) return;
      const errors = result.errors.map((error) => {
        if (!(error instanceof GraphQLError)) return error;
        const { code, http, originalError, ...rest } = (error.extensions ?? {}) as Extensions;
        // a request error like a parse failure: 400, or 200 to an application/json client as GraphQL over HTTP asks
        if (code === 'BAD_USER_INPUT')
          return reissued(error, { ...rest, code, http: { spec: true, status: 400 } });
        if (typeof code !== 'string' || !REFUSALS.has(code)) return error;
        const status = http?.status ?? 400;
        logRefusal(request, status, code);
        // yoga marks some as "spec" errors, which an application/json answer turns into 200; originalError
        // (left out) quotes the body back
        return reissued(error, { ...rest, code, http: { ...http, spec: false, status } });
      });
      setResult({ ...result, errors });
    },
  };
}
