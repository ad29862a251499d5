import type { ExchangeGuide } from './guide-types';

export const bybitGuide: ExchangeGuide = {
  exchangeId: 'bybit',
  lastChecked: '2026-12-01',
  sources: [
    'https://bybit-exchange.github.io/docs/v5/guide',
    'https://bybit-exchange.github.io/docs/v5/user/apikey-info',
    'https://bybit-exchange.github.io/docs/v5/user/create-subuid-apikey',
    'https://bybit-exchange.github.io/docs/v5/demo',
    'https://www.bybit.com/en/help-center/article/How-to-Create-an-RSA-Key-on-Bybit',
    'https://testnet.bybit.com/',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → API → Create New Key',
      fr: 'Icône du profil → API → Create New Key',
    },
    steps: [
      {
        en: 'Choose “System-generated API Keys” (an HMAC key): Keyport signs Bybit requests with HMAC-SHA256. “Self-generated API Keys” are RSA key pairs you would have to make yourself.',
        fr: 'Choisissez « System-generated API Keys » (une clé HMAC) : Keyport signe les requêtes Bybit en HMAC-SHA256. Les « Self-generated API Keys » sont des paires de clés RSA que vous devriez créer vous-même.',
      },
      {
        en: 'Choose “API Transactions” (not a third-party application) and name the key, for example “Keyport”.',
        fr: 'Choisissez « API Transactions » (pas une application tierce) et nommez la clé, par exemple « Keyport ».',
      },
      {
        en: 'Pick “Read-Only”, or “Read-Write” with only the trading boxes below for a bot, and restrict the key to Keyport’s IP addresses.',
        fr: 'Choisissez « Read-Only », ou « Read-Write » avec seulement les cases de trading ci-dessous pour un bot, et limitez la clé aux adresses IP de Keyport.',
      },
      {
        en: 'Confirm with your security codes and copy the API Key and the Secret at once: Bybit shows the secret only this one time.',
        fr: 'Validez avec vos codes de sécurité et copiez tout de suite l’API Key et le Secret : Bybit n’affiche le secret qu’une seule fois.',
      },
    ],
  },
  permissions: [
    {
      name: 'Read-Only',
      turn: 'on',
      why: {
        en: 'All Keyport needs: every Bybit key reads balances and its own permissions. A key for a bot takes “Read-Write” instead, which reads too.',
        fr: 'Tout ce dont Keyport a besoin : toute clé Bybit lit les soldes et ses propres permissions. Une clé pour un bot prend plutôt « Read-Write », qui lit aussi.',
      },
    },
    {
      name: 'Orders',
      turn: 'optional',
      why: {
        en: 'Only on a “Read-Write” key whose bot trades derivatives (with “Positions”). Keyport itself never places an order.',
        fr: 'Seulement sur une clé « Read-Write » dont le bot trade des dérivés (avec « Positions »). Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Positions',
      turn: 'optional',
      why: {
        en: 'Only for a bot that manages derivatives positions; not needed to read them.',
        fr: 'Seulement pour un bot qui gère des positions sur dérivés ; inutile pour les lire.',
      },
    },
    {
      name: 'SPOT: Trade',
      turn: 'optional',
      why: {
        en: 'Only on a “Read-Write” key whose bot trades spot.',
        fr: 'Seulement sur une clé « Read-Write » dont le bot trade au comptant (spot).',
      },
    },
    {
      name: 'Withdrawal',
      turn: 'off',
      why: {
        en: 'Keyport refuses keys that can withdraw: a leaked key could empty the account.',
        fr: 'Keyport refuse les clés qui peuvent retirer des fonds : une clé divulguée pourrait vider le compte.',
      },
    },
    {
      name: 'Account Transfer',
      turn: 'off',
      why: {
        en: 'Moves funds between your Bybit accounts; not needed to watch them.',
        fr: 'Déplace des fonds entre vos comptes Bybit ; inutile pour les suivre.',
      },
    },
    {
      name: 'Subaccount Transfer',
      turn: 'off',
      why: {
        en: 'Moves funds between the main account and sub-accounts; not needed to watch them.',
        fr: 'Déplace des fonds entre le compte principal et les sous-comptes ; inutile pour les suivre.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'Bybit needs only the API Key and the Secret.',
      fr: 'Bybit ne demande que l’API Key et le Secret.',
    },
  },
  ipWhitelist: {
    fieldName: 'Only IPs with permissions granted are allowed to access the OpenAPI',
    explanation: {
      en: 'Select it and add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”. A key bound to no IP works, but Bybit makes it lapse after 90 days and Keyport warns about it.',
      fr: 'Cochez-la et ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ». Une clé liée à aucune IP fonctionne, mais Bybit la désactive au bout de 90 jours et Keyport le signale.',
    },
  },
  expiry: {
    en: 'A key bound to no IP address becomes invalid after 90 days, and 7 days after you change your Bybit password. A key bound to IP addresses does not expire. Bybit reports the date and Keyport reads it, so it warns before the key stops.',
    fr: 'Une clé liée à aucune adresse IP devient invalide au bout de 90 jours, et 7 jours après un changement de mot de passe Bybit. Une clé liée à des adresses IP n’expire pas. Bybit indique la date et Keyport la lit : il prévient avant l’arrêt de la clé.',
  },
  futures: {
    en: 'Bybit’s Unified Trading Account holds spot, perpetuals, futures and options together, and one key reads them all. A bot that trades derivatives needs a “Read-Write” key with “Orders” and “Positions”; there is no separate futures account to open for reading.',
    fr: 'Le Unified Trading Account de Bybit regroupe spot, perpétuels, futures et options, et une seule clé lit tout. Un bot qui trade des dérivés a besoin d’une clé « Read-Write » avec « Orders » et « Positions » ; aucun compte futures séparé n’est à ouvrir pour la lecture.',
  },
  testnet: {
    available: true,
    url: 'https://testnet.bybit.com/',
    explanation: {
      en: 'Bybit’s testnet is a separate site with its own account: sign up on testnet.bybit.com and make the key there. It works only with “Testnet / demo account” ticked in Keyport, and live keys only without it. Keys made in Bybit’s Demo Trading are a third environment that Keyport’s “Testnet / demo account” does not reach: use a testnet.bybit.com key.',
      fr: 'Le testnet de Bybit est un site séparé avec son propre compte : inscrivez-vous sur testnet.bybit.com et créez-y la clé. Elle ne fonctionne qu’avec « Compte testnet / démo » coché dans Keyport, et les clés réelles seulement sans. Les clés créées dans le Demo Trading de Bybit relèvent d’un troisième environnement que le « Compte testnet / démo » de Keyport n’atteint pas : utilisez une clé testnet.bybit.com.',
    },
  },
  tradeCheck: {
    mode: 'reported',
    endpoint: 'GET /v5/user/query-api',
    checksTradePermission: null,
    explanation: {
      en: 'Keyport reads the key’s own record, which any key may query: “readOnly” says whether it is Read-Write, and its permission groups (Spot, ContractTrade, Wallet…) show whether it may trade, transfer or withdraw. Nothing is traded. Bybit also has an order pre-check (/v5/order/pre-check) that computes the margin of an order before it is placed; its documentation does not say it checks the key’s trade permission, and Keyport does not call it.',
      fr: 'Keyport lit la fiche de la clé, que toute clé peut consulter : « readOnly » dit si elle est Read-Write, et ses groupes de permissions (Spot, ContractTrade, Wallet…) montrent si elle peut trader, transférer ou retirer. Rien n’est tradé. Bybit propose aussi une vérification préalable d’ordre (/v5/order/pre-check) qui calcule la marge d’un ordre avant son envoi ; sa documentation ne dit pas qu’elle vérifie la permission de trader de la clé, et Keyport ne l’appelle pas.',
    },
  },
  checklist: [
    {
      en: 'API Key and Secret were copied whole, without spaces, and are not swapped: the secret is the one shown only once.',
      fr: 'L’API Key et le Secret ont été copiés en entier, sans espaces, et ne sont pas inversés : le secret est celui affiché une seule fois.',
    },
    {
      en: 'It is a “System-generated” (HMAC) key; a self-generated RSA key needs its private key instead of a secret.',
      fr: 'C’est une clé « System-generated » (HMAC) ; une clé RSA auto-générée demande sa clé privée au lieu d’un secret.',
    },
    {
      en: 'If the key is bound to IPs, every Keyport address is on its list.',
      fr: 'Si la clé est liée à des IP, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'testnet.bybit.com keys with “Testnet / demo account” ticked, bybit.com keys without; Demo Trading keys work in neither.',
      fr: 'Clés testnet.bybit.com avec « Compte testnet / démo » coché, clés bybit.com sans ; les clés Demo Trading ne fonctionnent dans aucun des deux cas.',
    },
    {
      en: 'The key has not lapsed: without an IP binding it lasts 90 days, and 7 days after a password change.',
      fr: 'La clé n’a pas expiré : sans liaison IP, elle dure 90 jours, et 7 jours après un changement de mot de passe.',
    },
    {
      en: 'It is a bybit.com key: Bybit EU (bybit.eu) and Bybit Indonesia are separate entries in Keyport, and other regional Bybit sites have their own keys.',
      fr: 'C’est une clé bybit.com : Bybit EU (bybit.eu) et Bybit Indonesia sont des entrées distinctes dans Keyport, et les autres sites régionaux de Bybit ont leurs propres clés.',
    },
  ],
};
