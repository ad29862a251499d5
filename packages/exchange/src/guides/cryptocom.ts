import type { ExchangeGuide } from './guide-types';

export const cryptocomGuide: ExchangeGuide = {
  exchangeId: 'cryptocom',
  lastChecked: '2026-12-01',
  sources: [
    'https://exchange-docs.crypto.com/exchange/v1/rest-ws/index.html',
    'https://help.crypto.com/en/articles/3511424-api-faq',
    'https://help.crypto.com/en/articles/3511439-how-to-set-up-your-crypto-com-exchange-2fa',
    'https://help.crypto.com/it/articles/9423762-programma-broker-connessione-ad-applicazioni-di-terze-parti',
  ],
  createKey: {
    menuPath: {
      en: 'Crypto.com Exchange (web) → Settings → API Keys → Create New API Key',
      fr: 'Crypto.com Exchange (site web) → Settings → API Keys → Create New API Key',
    },
    steps: [
      {
        en: 'Log in to the Crypto.com Exchange at crypto.com/exchange, not the Crypto.com App, and enable 2FA first: the Exchange requires it to manage API keys.',
        fr: 'Connectez-vous à Crypto.com Exchange sur crypto.com/exchange, et non à l’application Crypto.com, et activez d’abord la 2FA : l’Exchange l’exige pour gérer les clés API.',
      },
      {
        en: 'Under Settings → API Keys, select the account the key is for (main or sub-account) and create an ordinary key, not a “Third-party application connection”, which ties the key to a listed broker’s own addresses.',
        fr: 'Dans Settings → API Keys, sélectionnez le compte visé (principal ou sous-compte) et créez une clé ordinaire, pas une « Third-party application connection », qui lie la clé aux adresses d’un courtier référencé.',
      },
      {
        en: 'Label the key (for example “Keyport”) and confirm with your 2FA code. Copy the API Key and the Secret Key at once: the secret is shown only this one time.',
        fr: 'Nommez la clé (par exemple « Keyport ») et confirmez avec votre code 2FA. Copiez tout de suite l’API Key et la Secret Key : la clé secrète n’est affichée qu’une seule fois.',
      },
      {
        en: 'Click “Edit” on the new key: add Keyport’s addresses to the IP whitelist, tick “Enable Trading” only if a bot should trade, leave “Enable Withdrawal” unticked, and save with 2FA. Keyport signs with HMAC-SHA256, the Exchange’s standard signature.',
        fr: 'Cliquez sur « Edit » sur la nouvelle clé : ajoutez les adresses de Keyport à la liste blanche d’IP, cochez « Enable Trading » seulement si un bot doit trader, laissez « Enable Withdrawal » décoché, et enregistrez avec la 2FA. Keyport signe en HMAC-SHA256, la signature standard de l’Exchange.',
      },
    ],
  },
  permissions: [
    {
      name: 'Read',
      turn: 'on',
      why: {
        en: 'Every Crypto.com Exchange key can read from the start: it lets Keyport load balances. There is nothing to tick.',
        fr: 'Toute clé Crypto.com Exchange peut lire dès sa création : cela permet à Keyport de charger les soldes. Il n’y a rien à cocher.',
      },
    },
    {
      name: 'Enable Trading',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Enable Withdrawal',
      turn: 'off',
      why: {
        en: 'Keyport never needs it and refuses keys that can withdraw. Crypto.com does not report it to Keyport, so keeping it off is up to you.',
        fr: 'Keyport n’en a jamais besoin et refuse les clés qui peuvent retirer des fonds. Crypto.com ne le signale pas à Keyport : c’est à vous de la laisser décochée.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'Crypto.com Exchange needs only the API Key and the Secret Key.',
      fr: 'Crypto.com Exchange ne demande que l’API Key et la Secret Key.',
    },
  },
  ipWhitelist: {
    fieldName: 'IP Whitelist',
    explanation: {
      en: 'When editing the key, add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”: the key then works only from those addresses.',
      fr: 'En modifiant la clé, ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport » : la clé ne fonctionne alors que depuis ces adresses.',
    },
  },
  expiry: {
    en: 'Crypto.com’s API help pages describe no expiry rule: a key stays until you delete it under Settings → API Keys. If it stops working, Keyport flags it and you paste a new key in place.',
    fr: 'Les pages d’aide API de Crypto.com ne décrivent aucune règle d’expiration : une clé reste valable jusqu’à ce que vous la supprimiez dans Settings → API Keys. Si elle cesse de fonctionner, Keyport le signale et vous collez une nouvelle clé à sa place.',
  },
  futures: {
    en: 'The Exchange serves spot, margin and derivatives (perpetuals and futures) through one API, so the same key reads all of them. Derivatives must first be available and activated on your account, depending on your region; a bot trading them needs “Enable Trading”.',
    fr: 'L’Exchange sert le spot, la marge et les dérivés (perpétuels et futures) par une seule API : la même clé les lit tous. Les dérivés doivent d’abord être disponibles et activés sur votre compte, selon votre région ; un bot qui les trade a besoin de « Enable Trading ».',
  },
  testnet: {
    available: true,
    url: 'https://help.crypto.com/en/articles/3511424-api-faq',
    explanation: {
      en: 'Crypto.com has a UAT sandbox, but its API FAQ says access is by invitation only, for institutional accounts. UAT keys work only with “Testnet / demo account” ticked in Keyport, and live keys only without it.',
      fr: 'Crypto.com a un bac à sable UAT, mais sa FAQ API indique que l’accès se fait uniquement sur invitation, pour les comptes institutionnels. Les clés UAT ne fonctionnent qu’avec « Compte testnet / démo » coché dans Keyport, et les clés réelles seulement sans.',
    },
  },
  tradeCheck: {
    mode: 'unknown',
    endpoint: null,
    checksTradePermission: null,
    explanation: {
      en: 'Keyport has no permission check for Crypto.com: loading balances proves the key can read, but whether “Enable Trading” or “Enable Withdrawal” is ticked shows as unknown. Keyport knows of no Crypto.com Exchange endpoint that reports a key’s permissions or validates an order without placing it.',
      fr: 'Keyport n’a pas de vérification des permissions pour Crypto.com : charger les soldes prouve que la clé peut lire, mais le fait que « Enable Trading » ou « Enable Withdrawal » soit coché reste inconnu. Keyport ne connaît aucun point d’accès de Crypto.com Exchange qui indique les permissions d’une clé ou valide un ordre sans le passer.',
    },
  },
  checklist: [
    {
      en: 'The key comes from the Crypto.com Exchange website, not the Crypto.com App: the App has no API keys.',
      fr: 'La clé vient du site Crypto.com Exchange, pas de l’application Crypto.com : l’application n’a pas de clés API.',
    },
    {
      en: 'The API Key and the Secret Key were copied whole, without spaces, and are not swapped: the secret is the one shown only once, at creation.',
      fr: 'L’API Key et la Secret Key ont été copiées en entier, sans espace, et ne sont pas inversées : la clé secrète est celle affichée une seule fois, à la création.',
    },
    {
      en: 'If the key has an IP whitelist, every Keyport address is on it.',
      fr: 'Si la clé a une liste blanche d’IP, chaque adresse de Keyport y figure.',
    },
    {
      en: 'The key belongs to the account you expect: the main account and each sub-account have their own keys.',
      fr: 'La clé appartient au compte attendu : le compte principal et chaque sous-compte ont leurs propres clés.',
    },
    {
      en: 'It is an ordinary key, not a “Third-party application connection” bound to another broker’s addresses.',
      fr: 'C’est une clé ordinaire, pas une « Third-party application connection » liée aux adresses d’un autre courtier.',
    },
    {
      en: 'UAT keys with “Testnet / demo account” ticked, live keys without: each works only on its own platform.',
      fr: 'Clés UAT avec « Compte testnet / démo » coché, clés réelles sans : chacune ne fonctionne que sur sa plateforme.',
    },
    {
      en: 'The key still exists under Settings → API Keys.',
      fr: 'La clé existe toujours dans Settings → API Keys.',
    },
  ],
};
