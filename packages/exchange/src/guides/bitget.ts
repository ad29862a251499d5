import type { ExchangeGuide } from './guide-types';

export const bitgetGuide: ExchangeGuide = {
  exchangeId: 'bitget',
  lastChecked: '2026-12-01',
  sources: [
    'https://www.bitget.com/support/articles/360038968251-API-Creation-Guide',
    'https://www.bitget.com/api-doc/common/intro',
    'https://www.bitget.com/api-doc/uta/guide',
    'https://www.bitget.com/api-doc/common/demotrading/restapi',
    'https://www.bitget.com/api-doc/spot/account/Get-Account-Info',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → API Key Management → Create API Key',
      fr: 'Icône du profil → API Key Management → Create API Key',
    },
    steps: [
      {
        en: 'Choose “System-generated API key” (an HMAC key): Keyport signs Bitget requests with HMAC-SHA256. The self-generated option is an RSA key pair you would have to make yourself.',
        fr: 'Choisissez « System-generated API key » (une clé HMAC) : Keyport signe les requêtes Bitget en HMAC-SHA256. L’option auto-générée est une paire de clés RSA que vous devriez créer vous-même.',
      },
      {
        en: 'Enter a note (for example “Keyport”) and a passphrase: a new password for this key only, to write down.',
        fr: 'Saisissez une note (par exemple « Keyport ») et une passphrase : un nouveau mot de passe propre à cette clé, à noter.',
      },
      {
        en: 'Choose “Read-only”, or “Read and write” with only the trading areas below for a bot, and link Keyport’s IP addresses.',
        fr: 'Choisissez « Read-only », ou « Read and write » avec seulement les domaines de trading ci-dessous pour un bot, et liez les adresses IP de Keyport.',
      },
      {
        en: 'Confirm with your e-mail, SMS and Google codes, then copy the API key and the Secret key at once together with the passphrase.',
        fr: 'Validez avec vos codes e-mail, SMS et Google, puis copiez tout de suite l’API key et la Secret key, avec la passphrase.',
      },
    ],
  },
  permissions: [
    {
      name: 'Read-only',
      turn: 'on',
      why: {
        en: 'All Keyport needs to read balances and the key’s own permissions. A key for a bot takes “Read and write” instead, which reads too.',
        fr: 'Tout ce dont Keyport a besoin pour lire les soldes et les permissions de la clé. Une clé pour un bot prend plutôt « Read and write », qui lit aussi.',
      },
    },
    {
      name: 'Spot',
      turn: 'optional',
      why: {
        en: 'In “Read and write”, only if a bot connected through Keyport should trade spot. Keyport itself never places an order.',
        fr: 'En « Read and write », seulement si un bot connecté via Keyport doit trader au comptant (spot). Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Futures Orders',
      turn: 'optional',
      why: {
        en: 'In “Read and write”, only for a bot that places futures orders (with “Futures Holdings”).',
        fr: 'En « Read and write », seulement pour un bot qui passe des ordres sur futures (avec « Futures Holdings »).',
      },
    },
    {
      name: 'Futures Holdings',
      turn: 'optional',
      why: {
        en: 'In “Read and write”, only for a bot that manages futures positions.',
        fr: 'En « Read and write », seulement pour un bot qui gère des positions sur futures.',
      },
    },
    {
      name: 'Margin',
      turn: 'optional',
      why: {
        en: 'In “Read and write”, only for a bot that trades on margin.',
        fr: 'En « Read and write », seulement pour un bot qui trade sur marge.',
      },
    },
    {
      name: 'Withdraw',
      turn: 'off',
      why: {
        en: 'Keyport refuses keys that can withdraw: a leaked key could empty the account.',
        fr: 'Keyport refuse les clés qui peuvent retirer des fonds : une clé divulguée pourrait vider le compte.',
      },
    },
    {
      name: 'Transfer',
      turn: 'off',
      why: {
        en: 'Moves funds between your Bitget accounts; not needed to watch them.',
        fr: 'Déplace des fonds entre vos comptes Bitget ; inutile pour les suivre.',
      },
    },
  ],
  extraField: {
    kind: 'passphrase',
    label: 'Passphrase',
    explanation: {
      en: 'The passphrase is the one you typed when you created this API key, not your Bitget login password and not your fund password. Bitget cannot recover it: if it is lost, make a new key.',
      fr: 'La passphrase est celle que vous avez saisie en créant cette clé API, ni le mot de passe de connexion Bitget, ni le mot de passe des fonds. Bitget ne peut pas la retrouver : si elle est perdue, créez une nouvelle clé.',
    },
  },
  ipWhitelist: {
    fieldName: 'Link IP address',
    explanation: {
      en: 'Add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”. A key that lists only some of them works from one Keyport server and fails from the next, so Keyport refuses it.',
      fr: 'Ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ». Une clé qui n’en liste qu’une partie fonctionne depuis un serveur Keyport et échoue depuis le suivant : Keyport la refuse.',
    },
  },
  expiry: {
    en: 'The Bitget API documentation we used states no fixed lifetime for API keys, so Keyport cannot warn ahead of time. It keeps checking the key and flags it as soon as Bitget refuses it; linking Keyport’s IP addresses is still the safest setting.',
    fr: 'La documentation API de Bitget consultée n’indique pas de durée de vie fixe pour les clés API : Keyport ne peut donc pas prévenir à l’avance. Il continue de vérifier la clé et la signale dès que Bitget la refuse ; lier les adresses IP de Keyport reste le réglage le plus sûr.',
  },
  futures: {
    en: 'USDT-M, USDC-M and Coin-M futures use the same key, with their own areas “Futures Orders” and “Futures Holdings”: tick them for Keyport to read futures, and in “Read and write” for a bot that trades them. A unified trading account (UTA) shows “Unified account trade” and “Unified account management” instead.',
    fr: 'Les futures USDT-M, USDC-M et Coin-M utilisent la même clé, avec leurs propres domaines « Futures Orders » et « Futures Holdings » : cochez-les pour que Keyport lise les futures, et en « Read and write » pour un bot qui les trade. Un compte de trading unifié (UTA) propose à la place « Unified account trade » et « Unified account management ».',
  },
  testnet: {
    available: true,
    url: 'https://www.bitget.com/',
    explanation: {
      en: 'Bitget’s testnet is Demo Trading on the live site: sign in, switch to Demo mode, then Personal Center → API Key Management → create a Demo API Key. It works only with “Testnet / demo account” ticked in Keyport (Keyport then sends Bitget’s paptrading header), and live keys only without it. Bitget requires identity verification (KYC) for demo API trading and supports it on main accounts only, not sub-accounts.',
      fr: 'Le testnet de Bitget, c’est le Demo Trading sur le site réel : connectez-vous, passez en mode démo, puis Personal Center → API Key Management → créez une Demo API Key. Elle ne fonctionne qu’avec « Compte testnet / démo » coché dans Keyport (Keyport envoie alors l’en-tête paptrading de Bitget), et les clés réelles seulement sans. Bitget exige une vérification d’identité (KYC) pour le trading démo par API et ne le permet que sur le compte principal, pas sur les sous-comptes.',
    },
  },
  tradeCheck: {
    mode: 'reported',
    endpoint: 'GET /api/v2/spot/account/info',
    checksTradePermission: null,
    explanation: {
      en: 'Keyport reads the key’s authorities from Bitget’s account information: each area (spot, margin, futures, wallet…) appears read-only or read-and-write, so Keyport sees whether the key may trade, transfer or withdraw without sending any order. A unified (UTA) account’s key does not get an answer from this endpoint, and the trade permission then stays unknown. We found no order-test endpoint in Bitget’s documentation.',
      fr: 'Keyport lit les droits (authorities) de la clé dans les informations de compte de Bitget : chaque domaine (spot, marge, futures, portefeuille…) y figure en lecture seule ou en lecture-écriture, et Keyport voit ainsi si la clé peut trader, transférer ou retirer sans envoyer le moindre ordre. La clé d’un compte unifié (UTA) n’obtient pas de réponse de ce point d’accès : la permission de trader reste alors inconnue. Nous n’avons trouvé aucun point d’accès de test d’ordre dans la documentation de Bitget.',
    },
  },
  checklist: [
    {
      en: 'The passphrase is the one chosen for this key, not your Bitget login password or fund password.',
      fr: 'La passphrase est celle choisie pour cette clé, pas le mot de passe de connexion Bitget ni celui des fonds.',
    },
    {
      en: 'API key and Secret key were copied whole, without spaces, and are not swapped.',
      fr: 'L’API key et la Secret key ont été copiées en entier, sans espaces, et ne sont pas inversées.',
    },
    {
      en: 'If the key is linked to IP addresses, every Keyport address is on its list.',
      fr: 'Si la clé est liée à des adresses IP, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'Demo API keys with “Testnet / demo account” ticked, live keys without; demo keys come from the main account only.',
      fr: 'Demo API keys avec « Compte testnet / démo » coché, clés réelles sans ; les clés démo ne viennent que du compte principal.',
    },
    {
      en: 'It is a “System-generated” (HMAC) key; a self-generated RSA key needs its private key instead of a secret.',
      fr: 'C’est une clé « System-generated » (HMAC) ; une clé RSA auto-générée demande sa clé privée au lieu d’un secret.',
    },
    {
      en: 'The key still exists in API Key Management and belongs to the account you expect: a sub-account key sees only that sub-account.',
      fr: 'La clé existe toujours dans API Key Management et appartient au compte attendu : la clé d’un sous-compte ne voit que ce sous-compte.',
    },
  ],
};
