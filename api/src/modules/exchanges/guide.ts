// Exchange guides in the API (`exchange(id) { guide(locale) }`): every text in the asked language, the
// exchange's own switch names as they are.
import type {
  ExchangeGuide,
  GuideLocale,
  GuideSection,
  PermissionSwitch,
  Text,
  TradeCheckMode,
} from '@keyport/exchange/guide-types';
import { findGuide } from '@keyport/exchange/guides';
import { builder } from '../../schema/builder';

/** A guide read in one language. */
interface LocalizedGuide {
  guide: ExchangeGuide;
  locale: GuideLocale;
}

const say = (text: Text, locale: GuideLocale) => text[locale];

export const GuideLocaleEnum = builder.enumType('GuideLocale', {
  description: 'A language Keyport writes its texts for people in (guides, status reasons, warnings).',
  values: {
    EN: { value: 'en', description: 'English.' },
    FR: { value: 'fr', description: 'French.' },
  } as const,
});

const SECTION_DESCRIPTIONS: Record<GuideSection, [name: string, description: string]> = {
  'create-key': ['CREATE_KEY', 'Where API management is and how to make the key.'],
  permissions: ['PERMISSIONS', 'Which permission switches to turn on and off.'],
  'extra-field': ['EXTRA_FIELD', 'What the extra field (passphrase, uid, memo, key name + PEM) is.'],
  'ip-whitelist': ['IP_WHITELIST', 'How to restrict the key to Keyport’s addresses.'],
  expiry: ['EXPIRY', 'When keys expire or lapse from inactivity.'],
  futures: ['FUTURES', 'How futures get enabled for the account and the key.'],
  testnet: ['TESTNET', 'Whether there is a testnet and where its keys are made.'],
  'trade-check': ['TRADE_CHECK', 'How Keyport checks that the key may trade.'],
  checklist: ['CHECKLIST', 'What to check when the exchange rejects the key.'],
};

export const GuideSectionEnum = builder.enumType('GuideSection', {
  description:
    'A part of an exchange guide; the dashboard’s guide page has an anchor for each (lower-case, dashed).',
  values: Object.fromEntries(
    Object.entries(SECTION_DESCRIPTIONS).map(([value, [name, description]]) => [
      name,
      { value, description },
    ]),
  ) as Record<string, { value: GuideSection; description: string }>,
});

export const TradeCheckModeEnum = builder.enumType('TradeCheckMode', {
  description: 'How Keyport knows whether a key may trade on an exchange.',
  values: {
    VERIFIED: {
      value: 'verified',
      description: 'By a signed order-validation request that executes nothing (e.g. Binance’s test order).',
    },
    REPORTED: { value: 'reported', description: 'As the exchange’s permission endpoint reports it.' },
    UNKNOWN: { value: 'unknown', description: 'The exchange offers Keyport neither: not known.' },
  } satisfies Record<string, { value: TradeCheckMode; description: string }>,
});

const PermissionTurnEnum = builder.enumType('PermissionTurn', {
  description: 'What to do with a permission switch.',
  values: {
    ON: { value: 'on', description: 'Turn it on: Keyport needs it.' },
    OFF: { value: 'off', description: 'Leave it off: Keyport refuses keys with it (withdrawals).' },
    OPTIONAL: { value: 'optional', description: 'Only for what you want to do (trading through a bot).' },
  } satisfies Record<string, { value: PermissionSwitch['turn']; description: string }>,
});

const GuidePermissionRef = builder
  .objectRef<{ permission: PermissionSwitch; locale: GuideLocale }>('GuidePermission')
  .implement({
    description: 'A permission switch of the exchange’s key form.',
    fields: (t) => ({
      name: t.string({
        description: 'The switch’s name exactly as the exchange shows it (never translated).',
        resolve: ({ permission }) => permission.name,
      }),
      turn: t.field({
        type: PermissionTurnEnum,
        description: 'On, off, or optional.',
        resolve: ({ permission }) => permission.turn,
      }),
      why: t.string({
        description: 'Why.',
        resolve: ({ permission, locale }) => say(permission.why, locale),
      }),
    }),
  });

export const ExchangeGuideRef = builder.objectRef<LocalizedGuide>('ExchangeGuide').implement({
  description:
    'How to make the right API key on this exchange, written from its public API documentation. Sections match `GuideSection`.',
  fields: (t) => ({
    locale: t.field({
      type: GuideLocaleEnum,
      description: 'The language of every text.',
      resolve: (g) => g.locale,
    }),
    lastChecked: t.string({
      description: 'When the guide was last checked against the exchange’s documentation (YYYY-MM-DD).',
      resolve: ({ guide }) => guide.lastChecked,
    }),
    sources: t.stringList({
      description: 'The documentation pages it was written from.',
      resolve: ({ guide }) => [...guide.sources],
    }),
    menuPath: t.string({
      description: 'CREATE_KEY: where API management is, by the exchange’s own menu labels.',
      resolve: ({ guide, locale }) => say(guide.createKey.menuPath, locale),
    }),
    steps: t.stringList({
      description: 'CREATE_KEY: the steps to make the key, in order.',
      resolve: ({ guide, locale }) => guide.createKey.steps.map((step) => say(step, locale)),
    }),
    permissions: t.field({
      type: [GuidePermissionRef],
      description: 'PERMISSIONS: each switch of the key form and what to do with it.',
      resolve: ({ guide, locale }) => guide.permissions.map((permission) => ({ permission, locale })),
    }),
    extraFieldLabel: t.string({
      nullable: true,
      description: 'EXTRA_FIELD: the exchange’s name for what it asks besides key and secret; null: nothing.',
      resolve: ({ guide }) => guide.extraField.label,
    }),
    extraField: t.string({
      description:
        'EXTRA_FIELD: what it is, and the usual confusion (a passphrase is not the account password).',
      resolve: ({ guide, locale }) => say(guide.extraField.explanation, locale),
    }),
    ipWhitelistField: t.string({
      description: 'IP_WHITELIST: the exchange’s name for the field.',
      resolve: ({ guide }) => guide.ipWhitelist.fieldName,
    }),
    ipWhitelist: t.string({
      description: 'IP_WHITELIST: what to put there.',
      resolve: ({ guide, locale }) => say(guide.ipWhitelist.explanation, locale),
    }),
    expiry: t.string({
      description: 'EXPIRY: the exchange’s key-expiry and inactivity rules.',
      resolve: ({ guide, locale }) => say(guide.expiry, locale),
    }),
    futures: t.string({
      description: 'FUTURES: how futures get enabled.',
      resolve: ({ guide, locale }) => say(guide.futures, locale),
    }),
    testnetAvailable: t.boolean({
      description: 'TESTNET: the exchange has a testnet or demo environment.',
      resolve: ({ guide }) => guide.testnet.available,
    }),
    testnetUrl: t.string({
      nullable: true,
      description: 'TESTNET: where its keys are made; null without a testnet.',
      resolve: ({ guide }) => guide.testnet.url,
    }),
    testnet: t.string({
      description: 'TESTNET: how testnet keys differ from live ones.',
      resolve: ({ guide, locale }) => say(guide.testnet.explanation, locale),
    }),
    tradeCheckMode: t.field({
      type: TradeCheckModeEnum,
      description: 'TRADE_CHECK: how Keyport knows whether a key may trade here.',
      resolve: ({ guide }) => guide.tradeCheck.mode,
    }),
    tradeCheckEndpoint: t.string({
      nullable: true,
      description: 'TRADE_CHECK: the endpoint Keyport calls for it ("POST /api/v3/order/test"); null: none.',
      resolve: ({ guide }) => guide.tradeCheck.endpoint,
    }),
    tradeCheckChecksPermission: t.boolean({
      nullable: true,
      description:
        'TRADE_CHECK: the exchange documents that this endpoint checks the key’s trade permission; null: a permission endpoint, or not documented.',
      resolve: ({ guide }) => guide.tradeCheck.checksTradePermission,
    }),
    tradeCheck: t.string({
      description: 'TRADE_CHECK: what Keyport does, in a few sentences.',
      resolve: ({ guide, locale }) => say(guide.tradeCheck.explanation, locale),
    }),
    checklist: t.stringList({
      description: 'CHECKLIST: what to check when the exchange rejects the key, most likely cause first.',
      resolve: ({ guide, locale }) => guide.checklist.map((item) => say(item, locale)),
    }),
  }),
});

/** The guide of an exchange in `locale`, or null when Keyport has none. */
export function localizedGuide(exchangeId: string, locale: GuideLocale): LocalizedGuide | null {
  const guide = findGuide(exchangeId);
  return guide ? { guide, locale } : null;
}
