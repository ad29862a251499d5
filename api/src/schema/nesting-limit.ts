// graphql-js parses lists, input objects, selection sets and list types by recursion: a few thousand nested
// brackets overflow the stack before the token limit has counted them. A linear scan of the raw document refuses
// such a document before the parser sees it (HTTP, SSE and graphql-ws all parse through this hook).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Deepest nesting of `{` and `[` in a document: a depth-10 selection with nested input objects stays far below. */
export const MAX_NESTING = 32;

const QUOTE = 0x22;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

/** Where the string starting at `start` (its opening quote) ends: one past its closing quote, or at the line end. */
function skipString(source: string, start: number): number {
  if (source.startsWith('"""', start)) {
    let i = start + 3;
    // a block string ends at the first """ not escaped as \"""
    while (i < source.length && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
    return i + 3;
  }
  let i = start + 1;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    // an unterminated string is a syntax error there: the parser stops at it
    if (c === LF || c === CR) return i;
    i += c === BACKSLASH ? 2 : 1;
  }
  return i;
}

/** The deepest `{`/`[` nesting of a GraphQL document outside strings and comments; it stops once past `limit`. */
export function nestingDepth(source: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(source, i);
      continue;
    }
    if (c === HASH) {
      while (i < source.length && source.charCodeAt(i) !== LF && source.charCodeAt(i) !== CR) i += 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) depth -= 1;
    i += 1;
  }
  return deepest;
}

/** Refuses a document nested deeper than `max` with QUERY_TOO_COMPLEX (HTTP 400), like the other limits. */
export function nestingLimit(max = MAX_NESTING): Plugin {
  return {
    onParse({ params }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      if (nestingDepth(source, max) <= max) return;
      // the same words as the other limits: which limit, and where it lies, is not told
      throw new GraphQLError('Syntax Error: Query validation error.', {
        extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
      });
    },
  };
}
