import type { ExchangeGuide } from './guide-types';

export const binanceGuide: ExchangeGuide = {
  exchangeId: 'binance',
  lastChecked: '2026-12-01',
  sources: [
    'https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints',
    'https://developers.binance.com/docs/wallet/account/api-key-permission',
    'https://www.binance.com/en/support/faq/how-to-create-api-keys-on-binance-360002502072',
    'https://testnet.binance.vision/',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → Account → API Management → Create API',
      fr: 'Icône du profil → Account → API Management → Create API',
    },
    steps: [
      {
        en: 'Choose “System generated” (an HMAC key): Keyport signs requests with HMAC-SHA256.',
        fr: 'Choisissez « System generated » (une clé HMAC) : Keyport signe les requêtes en HMAC-SHA256.',
      },
      {
        en: 'Name the key (for example “Keyport”) and pass the security checks (2FA, e-mail).',
        fr: 'Nommez la clé (par exemple « Keyport ») et validez les contrôles de sécurité (2FA, e-mail).',
      },
      {
        en: 'Copy the API Key and the Secret Key at once: Binance shows the secret only this one time.',
        fr: 'Copiez tout de suite l’API Key et la Secret Key : Binance n’affiche la clé secrète qu’une seule fois.',
      },
      {
        en: 'Click “Edit restrictions” to set the permissions and the IP whitelist below, then save.',
        fr: 'Cliquez sur « Edit restrictions » pour régler les permissions et la liste d’IP ci-dessous, puis enregistrez.',
      },
    ],
  },
  permissions: [
    {
      name: 'Enable Reading',
      turn: 'on',
      why: {
        en: 'Lets Keyport read balances and the key’s own permissions. Always on for Binance keys.',
        fr: 'Permet à Keyport de lire les soldes et les permissions de la clé. Toujours active sur Binance.',
      },
    },
    {
      name: 'Enable Spot & Margin Trading',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Enable Futures',
      turn: 'optional',
      why: {
        en: 'Only to read or trade USDⓈ-M and COIN-M futures; it appears once a futures account is open.',
        fr: 'Seulement pour lire ou trader les futures USDⓈ-M et COIN-M ; l’option apparaît une fois le compte futures ouvert.',
      },
    },
    {
      name: 'Enable Withdrawals',
      turn: 'off',
      why: {
        en: 'Keyport refuses keys that can withdraw: a leaked key could empty the account.',
        fr: 'Keyport refuse les clés qui peuvent retirer des fonds : une clé divulguée pourrait vider le compte.',
      },
    },
    {
      name: 'Permits Universal Transfer',
      turn: 'off',
      why: {
        en: 'Moves funds between accounts and sub-accounts; not needed to watch them.',
        fr: 'Déplace des fonds entre comptes et sous-comptes ; inutile pour les suivre.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'Binance needs only the API Key and the Secret Key.',
      fr: 'Binance ne demande que l’API Key et la Secret Key.',
    },
  },
  ipWhitelist: {
    fieldName: 'Restrict access to trusted IPs only (Recommended)',
    explanation: {
      en: 'Select it and add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”. An unrestricted key works, but Binance limits what it may do and Keyport warns about it.',
      fr: 'Cochez-la et ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ». Une clé sans restriction fonctionne, mais Binance limite ce qu’elle peut faire et Keyport le signale.',
    },
  },
  expiry: {
    en: 'A key restricted to trusted IPs does not expire. On a key open to any IP, Binance ends the trading permission after a while (the date is shown on the key and read by Keyport).',
    fr: 'Une clé limitée à des IP de confiance n’expire pas. Sur une clé ouverte à toute IP, Binance retire la permission de trader au bout d’un certain temps (la date figure sur la clé et Keyport la lit).',
  },
  futures: {
    en: 'Open a futures account first (Derivatives → USDⓈ-M Futures, then the short quiz), then edit the key and tick “Enable Futures”. Keys made before the futures account opened must be edited afterwards.',
    fr: 'Ouvrez d’abord un compte futures (Dérivés → Futures USDⓈ-M, puis le court questionnaire), puis modifiez la clé et cochez « Enable Futures ». Une clé créée avant l’ouverture du compte futures doit être modifiée ensuite.',
  },
  testnet: {
    available: true,
    url: 'https://testnet.binance.vision/',
    explanation: {
      en: 'Spot testnet keys are made on testnet.binance.vision (sign in, then “Generate HMAC_SHA256 Key”); they work only with “Testnet / demo account” ticked in Keyport, and live keys only without it.',
      fr: 'Les clés du testnet spot se créent sur testnet.binance.vision (connexion, puis « Generate HMAC_SHA256 Key ») ; elles ne fonctionnent qu’avec « Compte testnet / démo » coché dans Keyport, et les clés réelles seulement sans.',
    },
  },
  tradeCheck: {
    mode: 'verified',
    endpoint: 'POST /api/v3/order/test',
    checksTradePermission: true,
    explanation: {
      en: 'For connections made for trading, Keyport sends a signed test order: Binance checks the key and the order but never sends it to the matching engine. It is a TRADE endpoint, so a key without “Enable Spot & Margin Trading” is refused.',
      fr: 'Pour les connexions destinées au trading, Keyport envoie un ordre de test signé : Binance vérifie la clé et l’ordre sans jamais le transmettre au carnet d’ordres. C’est un point d’accès TRADE : une clé sans « Enable Spot & Margin Trading » est refusée.',
    },
  },
  checklist: [
    {
      en: 'The API Key was copied whole (64 characters), without spaces before or after.',
      fr: 'L’API Key a été copiée en entier (64 caractères), sans espace avant ni après.',
    },
    {
      en: 'Key and Secret Key are not swapped: the secret is the one shown only once, at creation.',
      fr: 'L’API Key et la Secret Key ne sont pas inversées : la clé secrète est celle affichée une seule fois, à la création.',
    },
    {
      en: 'If the key is restricted to trusted IPs, every Keyport address is on its list.',
      fr: 'Si la clé est limitée à des IP de confiance, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'Testnet keys with “Testnet / demo account” ticked, live keys without: each works only on its own platform.',
      fr: 'Clés testnet avec « Compte testnet / démo » coché, clés réelles sans : chacune ne fonctionne que sur sa plateforme.',
    },
    {
      en: 'The key still exists and “Enable Reading” is on (API Management lists your keys).',
      fr: 'La clé existe toujours et « Enable Reading » est active (API Management liste vos clés).',
    },
    {
      en: 'It is a Binance.com key: Binance.US and Binance TR are other exchanges with their own keys.',
      fr: 'C’est une clé Binance.com : Binance.US et Binance TR sont d’autres plateformes, avec leurs propres clés.',
    },
  ],
};
