import {
  ALL_CREDENTIAL_KEYS,
  type CatalogueExchange,
  type CredentialField,
} from '@keyport/exchange/catalogue';
import { builder } from '../../schema/builder';

export const AccountTypeEnum = builder.enumType('AccountType', {
  description: 'A wallet of an exchange account.',
  values: {
    SPOT: { value: 'spot' },
    MARGIN: { value: 'margin' },
    SWAP: { value: 'swap', description: 'Perpetual futures.' },
    FUTURE: { value: 'future', description: 'Dated futures.' },
    OPTION: { value: 'option' },
    FUNDING: { value: 'funding' },
  } as const,
});

export const CredentialKeyEnum = builder.enumType('CredentialKey', {
  description: 'A credential field, named as in ccxt (`password` is what exchanges call the passphrase).',
  values: ALL_CREDENTIAL_KEYS,
});

const CredentialFieldRef = builder.objectRef<CredentialField>('CredentialField').implement({
  description: 'One field of the credential form, with the name the exchange itself uses.',
  fields: (t) => ({
    key: t.expose('key', { type: CredentialKeyEnum }),
    label: t.exposeString('label'),
    masked: t.exposeBoolean('secret', { description: 'Mask the input: the value is a secret.' }),
    multiline: t.exposeBoolean('multiline'),
    hint: t.exposeString('hint'),
  }),
});

export const ExchangeRef = builder.objectRef<CatalogueExchange>('Exchange').implement({
  description: 'An exchange Keyport can connect to (every ccxt exchange).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    popular: t.exposeBoolean('popular'),
    requiredCredentials: t.field({
      type: [CredentialFieldRef],
      resolve: (exchange) => exchange.requiredCredentials,
    }),
    hasTestnet: t.exposeBoolean('hasTestnet'),
    accountTypes: t.field({ type: [AccountTypeEnum], resolve: (exchange) => exchange.accountTypes }),
    website: t.exposeString('website', { nullable: true }),
  }),
});
