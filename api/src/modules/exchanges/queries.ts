import { findExchange, listExchanges } from '@keyport/exchange/catalogue';
import { builder } from '../../schema/builder';
import { ExchangeRef } from './types';

builder.queryField('exchanges', (t) =>
  t.field({
    type: [ExchangeRef],
    description: 'Supported exchanges, popular first; `search` matches id or name.',
    args: {
      search: t.arg.string({
        required: false,
        description: 'Text to find in the id or name, ignoring case and accents; omitted: every exchange.',
      }),
    },
    resolve: (_root, { search }) => listExchanges(search?.slice(0, 64) ?? undefined),
  }),
);

builder.queryField('exchange', (t) =>
  t.field({
    type: ExchangeRef,
    nullable: true,
    description: 'One supported exchange; null when Keyport does not support that id.',
    args: { id: t.arg.id({ description: 'The ccxt id of the exchange ("binance").' }) },
    resolve: (_root, { id }) => findExchange(String(id)) ?? null,
  }),
);

builder.queryField('egressIps', (t) =>
  t.stringList({
    description:
      'The IP addresses Keyport calls exchanges from: put them on your API key’s IP whitelist. Empty when the operator has not published them.',
    resolve: (_root, _args, { deps }) => [...(deps.egressIps ?? [])],
  }),
);
