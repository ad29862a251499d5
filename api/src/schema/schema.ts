import './error-types';
import '../modules/accounts/queries';
import '../modules/accounts/mutations';
import '../modules/exchanges/queries';
import '../modules/connections/queries';
import '../modules/connections/mutations';
import '../modules/connections/subscriptions';
import '../modules/portfolio/queries';
import '../modules/portfolio/subscriptions';
import '../modules/tokens/queries';
import '../modules/tokens/mutations';
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder';

/** The whole API schema; feature modules register themselves on import. */
export const schema = lexicographicSortSchema(builder.toSchema());
