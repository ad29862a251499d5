// Exchange.support: what Keyport checks and shows on an exchange, from the one capability matrix.
import type { ExchangeSupport } from '@keyport/exchange/exchange-support';
import { builder } from '../../schema/builder';

const IpRestrictionReadEnum = builder.enumType('IpRestrictionRead', {
  description: 'What Keyport learns of a key’s IP restriction on an exchange.',
  values: {
    ADDRESSES: { description: 'The allowed addresses: a whitelist missing Keyport’s is refused.' },
    FLAG: { description: 'Only whether the key is restricted, not to which addresses.' },
    UNKNOWN: { description: 'Nothing: the exchange does not report it.' },
  } as const,
});

const ProofLevelEnum = builder.enumType('SupportProofLevel', {
  description: 'How far Keyport’s support of an exchange is proven.',
  values: {
    SIM: {
      description:
        'End to end through the real worker against an emulator that checks signatures as the exchange does.',
    },
    OFFLINE: {
      description: 'The permission probe’s request and the documented answers are checked offline.',
    },
    UNTESTED: { description: 'Only through ccxt’s generic calls: no Keyport test reaches this exchange.' },
  } as const,
});

export const ExchangeSupportRef = builder.objectRef<ExchangeSupport>('ExchangeSupport').implement({
  description:
    'What Keyport checks on this exchange before it accepts a key, and what it shows after. Every claim the dashboard makes about an exchange comes from here.',
  fields: (t) => ({
    permissions: t.exposeBoolean('permissions', {
      description: 'Keyport reads the key’s rights from the exchange (`permissions` on a connection).',
    }),
    withdrawalRights: t.exposeBoolean('withdrawalRights', {
      description:
        'Keyport reads whether the key can withdraw, and refuses it if so. False: it cannot tell, and a connection carries the WITHDRAWAL_RIGHTS_UNKNOWN warning.',
    }),
    ipRestriction: t.expose('ipRestriction', {
      type: IpRestrictionReadEnum,
      description: 'What Keyport learns of the key’s IP restriction.',
    }),
    keyExpiry: t.exposeBoolean('keyExpiry', {
      description: 'The exchange reports when the key (or its trading right) lapses: warned 14 days ahead.',
    }),
    tradeCheck: t.exposeBoolean('tradeCheck', {
      description:
        'A connection made for trading is proved with an order the exchange checks and never executes.',
    }),
    prices: t.exposeBoolean('prices', {
      description: 'Holdings on this exchange are priced from its own tickers.',
    }),
    guide: t.exposeBoolean('guide', {
      description: 'Keyport has a step-by-step guide to this exchange’s keys (`guide`).',
    }),
    proof: t.expose('proof', { type: ProofLevelEnum, description: 'How far this support is proven.' }),
  }),
});
