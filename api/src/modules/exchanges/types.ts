import {
  ALL_CREDENTIAL_KEYS,
  type CatalogueExchange,
  type CredentialField,
  type CredentialKey,
} from '@keyport/exchange/catalogue';
import { exchangeSupport } from '@keyport/exchange/exchange-support';
import { builder } from '../../schema/builder';
import { describedValues } from '../../schema/enum-values';
import { ExchangeGuideRef, GuideLocaleEnum, localizedGuide } from './guide';
import { ExchangeSupportRef } from './support';

export const AccountTypeEnum = builder.enumType('AccountType', {
  description: 'A wallet of an exchange account.',
  values: {
    SPOT: { value: 'spot', description: 'The spot trading wallet.' },
    MARGIN: { value: 'margin', description: 'The margin trading wallet.' },
    SWAP: { value: 'swap', description: 'Perpetual futures.' },
    FUTURE: { value: 'future', description: 'Dated futures.' },
    OPTION: { value: 'option', description: 'The options trading wallet.' },
    FUNDING: {
      value: 'funding',
      description: 'The funding wallet, for deposits, withdrawals and transfers.',
    },
  } as const,
});

/** What each credential is, for the CredentialKey enum and the CredentialsInput fields alike. */
export const CREDENTIAL_DESCRIPTIONS: Record<CredentialKey, string> = {
  apiKey: 'The public part of the API key (on Coinbase, the CDP key name).',
  secret:
    'The API key’s secret, shown once by the exchange when the key is made (on Coinbase, the PEM private key).',
  password: 'The passphrase, for exchanges that ask for one (on NDAX, the account password).',
  uid: 'The account or client id the exchange signs requests with.',
  login: 'The username or email address the exchange account signs in with.',
  privateKey: 'The private key of the API key or trading wallet, as the exchange exported it.',
  walletAddress: 'The public address of the wallet the exchange account trades from.',
  accountId: 'The account id the exchange shows next to the API key.',
  token: 'An access token the exchange issued for API use.',
  twofa: 'The setup key of the authenticator app, used to make one-time codes.',
};

export const CredentialKeyEnum = builder.enumType('CredentialKey', {
  description: 'A credential field, named as in ccxt (`password` is what exchanges call the passphrase).',
  values: describedValues(ALL_CREDENTIAL_KEYS, CREDENTIAL_DESCRIPTIONS),
});

const CredentialFieldRef = builder.objectRef<CredentialField>('CredentialField').implement({
  description: 'One field of the credential form, with the name the exchange itself uses.',
  fields: (t) => ({
    key: t.expose('key', {
      type: CredentialKeyEnum,
      description: 'Which `CredentialsInput` field takes the value.',
    }),
    label: t.exposeString('label', {
      description: 'The field’s name as this exchange calls it ("Passphrase").',
    }),
    masked: t.exposeBoolean('secret', { description: 'Mask the input: the value is a secret.' }),
    multiline: t.exposeBoolean('multiline', {
      description: 'The value spans several lines (a PEM key): use a text area.',
    }),
    hint: t.exposeString('hint', { description: 'Where to find the value on the exchange, in a sentence.' }),
  }),
});

export const ExchangeRef = builder.objectRef<CatalogueExchange>('Exchange').implement({
  description: 'An exchange Keyport can connect to (every ccxt exchange).',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The ccxt id ("binance"), as `exchangeId` takes it: stable, lowercase.',
    }),
    name: t.exposeString('name', { description: 'The display name ("Binance").' }),
    popular: t.exposeBoolean('popular', { description: 'One of the widely used exchanges listed first.' }),
    requiredCredentials: t.field({
      type: [CredentialFieldRef],
      description: 'The credentials a connection to this exchange needs, in form order.',
      resolve: (exchange) => exchange.requiredCredentials,
    }),
    hasTestnet: t.exposeBoolean('hasTestnet', {
      description: 'The exchange has a testnet/demo environment: `sandbox: true` may be connected.',
    }),
    accountTypes: t.field({
      type: [AccountTypeEnum],
      description: 'The wallets a connection to this exchange may read.',
      resolve: (exchange) => exchange.accountTypes,
    }),
    website: t.exposeString('website', {
      nullable: true,
      description: 'The exchange’s home page URL; null when ccxt does not know it.',
    }),
    support: t.field({
      type: ExchangeSupportRef,
      description: 'What Keyport checks and shows on this exchange: read it before asking for a key.',
      resolve: (exchange) => exchangeSupport(exchange.id),
    }),
    guide: t.field({
      type: ExchangeGuideRef,
      nullable: true,
      description: 'How to make the right API key here; null for exchanges Keyport has no guide for yet.',
      args: {
        locale: t.arg({
          type: GuideLocaleEnum,
          required: false,
          defaultValue: 'en',
          description: 'The language of the texts.',
        }),
      },
      resolve: (exchange, { locale }) => localizedGuide(exchange.id, locale ?? 'en'),
    }),
  }),
});
