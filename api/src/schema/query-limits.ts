// Limits on what one operation may ask: depth, aliases, cost, tokens, directives. Far above what the
// dashboard sends, far below what would tie up the server; the numbers are not told to the client.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// cost: the dashboard's largest operation (a connection's page after an action) costs ~5,300
export const QUERY_LIMITS = { depth: 10, aliases: 15, cost: 20_000, tokens: 2000, directives: 20 } as const;

// armor answers 200 with no code; clients need a stable one, and a 400 like any invalid operation
const reject = [
  (_context: unknown, error: GraphQLError) => {
    Object.assign(error.extensions as object, { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } });
  },
];

export function queryLimits(): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.depth, exposeLimits: false, onReject: reject },
    maxAliases: { n: QUERY_LIMITS.aliases, exposeLimits: false, onReject: reject },
    costLimit: { maxCost: QUERY_LIMITS.cost, exposeLimits: false, onReject: reject },
    maxTokens: { n: QUERY_LIMITS.tokens, exposeLimits: false, onReject: reject },
    maxDirectives: { n: QUERY_LIMITS.directives, exposeLimits: false, onReject: reject },
    // "did you mean …" would map the schema for a prober
    blockFieldSuggestion: { enabled: true },
  }) as Plugin;
}
