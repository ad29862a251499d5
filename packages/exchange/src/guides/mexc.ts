import type { ExchangeGuide } from './guide-types';

export const mexcGuide: ExchangeGuide = {
  exchangeId: 'mexc',
  lastChecked: '2026-12-01',
  sources: [
    'https://mexcdevelop.github.io/apidocs/spot_v3_en/',
    'https://mexcdevelop.github.io/apidocs/spot_v3_en/#test-new-order',
    'https://mexcdevelop.github.io/apidocs/contract_v1_en/',
    'https://www.mexc.com/user/openapi',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → API Management',
      fr: 'Icône du profil → API Management',
    },
    steps: [
      {
        en: 'Open API Management (mexc.com/user/openapi) and create a new key with a note you will recognise, for example “Keyport”.',
        fr: 'Ouvrez API Management (mexc.com/user/openapi) et créez une nouvelle clé avec une note reconnaissable, par exemple « Keyport ».',
      },
      {
        en: 'Tick the permissions below. The form groups them by Spot and Futures; MEXC’s API documentation names them SPOT_ACCOUNT_READ, SPOT_DEAL_WRITE and so on.',
        fr: 'Cochez les permissions ci-dessous. Le formulaire les regroupe par Spot et Futures ; la documentation API de MEXC les nomme SPOT_ACCOUNT_READ, SPOT_DEAL_WRITE, etc.',
      },
      {
        en: 'Link the key to every address Keyport shows (see below), then confirm with your verification codes.',
        fr: 'Liez la clé à chaque adresse affichée par Keyport (voir plus bas), puis confirmez avec vos codes de vérification.',
      },
      {
        en: 'Copy the Access Key and the Secret Key at once: the secret is shown only this one time. Keyport signs with HMAC-SHA256, the only signature MEXC uses.',
        fr: 'Copiez tout de suite l’Access Key et la Secret Key : la clé secrète n’est affichée qu’une seule fois. Keyport signe en HMAC-SHA256, la seule signature utilisée par MEXC.',
      },
    ],
  },
  permissions: [
    {
      name: 'SPOT_ACCOUNT_READ',
      turn: 'on',
      why: {
        en: 'The Spot account read permission: lets Keyport read spot balances.',
        fr: 'La permission de lecture du compte Spot : permet à Keyport de lire les soldes spot.',
      },
    },
    {
      name: 'SPOT_DEAL_WRITE',
      turn: 'optional',
      why: {
        en: 'Spot trading, only if a bot connected through Keyport should trade (with SPOT_DEAL_READ so it can see its orders). Keyport itself never places an order.',
        fr: 'Le trading spot, seulement si un bot connecté via Keyport doit trader (avec SPOT_DEAL_READ pour qu’il voie ses ordres). Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'CONTRACT_ACCOUNT_READ',
      turn: 'optional',
      why: {
        en: 'The Futures account read permission: only to see futures balances and positions.',
        fr: 'La permission de lecture du compte Futures : seulement pour voir les soldes et positions futures.',
      },
    },
    {
      name: 'SPOT_WITHDRAW_WRITE',
      turn: 'off',
      why: {
        en: 'Withdrawals. Keyport never needs it and refuses keys that can withdraw; MEXC does not report it to Keyport, so keeping it off is up to you.',
        fr: 'Les retraits. Keyport n’en a jamais besoin et refuse les clés qui peuvent retirer des fonds ; MEXC ne le signale pas à Keyport : c’est à vous de la laisser désactivée.',
      },
    },
    {
      name: 'SPOT_TRANSFER_WRITE',
      turn: 'off',
      why: {
        en: 'Moves funds between spot, futures and sub-accounts; not needed to watch them.',
        fr: 'Déplace des fonds entre spot, futures et sous-comptes ; inutile pour les suivre.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'MEXC needs only the Access Key (Keyport’s API key field) and the Secret Key.',
      fr: 'MEXC ne demande que l’Access Key (le champ « clé API » de Keyport) et la Secret Key.',
    },
  },
  ipWhitelist: {
    fieldName: 'Link IP Address',
    explanation: {
      en: 'Add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”, separated by commas. Besides the security, a linked key escapes MEXC’s 90-day limit (see Expiry).',
      fr: 'Ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport », séparées par des virgules. En plus de la sécurité, une clé liée échappe à la limite de 90 jours de MEXC (voir Expiration).',
    },
  },
  expiry: {
    en: 'MEXC’s API FAQ: a key without a linked IP address is valid for 90 days and then expires automatically. Keyport flags it when it stops working; link Keyport’s addresses to avoid it, or paste a new key in place.',
    fr: 'FAQ API de MEXC : une clé sans adresse IP liée est valide 90 jours, puis expire automatiquement. Keyport le signale quand elle cesse de fonctionner ; liez les adresses de Keyport pour l’éviter, ou collez une nouvelle clé à sa place.',
  },
  futures: {
    en: 'MEXC futures use the same key with their own CONTRACT_… permissions: CONTRACT_ACCOUNT_READ lets Keyport read futures balances. MEXC has long kept futures order placing through the API closed to most accounts (the key form marks it as not supported), so a bot may only be able to trade spot.',
    fr: 'Les futures de MEXC utilisent la même clé avec leurs propres permissions CONTRACT_… : CONTRACT_ACCOUNT_READ permet à Keyport de lire les soldes futures. MEXC garde depuis longtemps le passage d’ordres futures par API fermé à la plupart des comptes (le formulaire de clé l’indique comme non pris en charge) : un bot ne pourra peut-être trader que le spot.',
  },
  testnet: {
    available: false,
    url: null,
    explanation: {
      en: 'MEXC has no testnet or demo API: connect live keys, with “Testnet / demo account” unticked.',
      fr: 'MEXC n’a ni testnet ni API de démo : connectez des clés réelles, avec « Compte testnet / démo » décoché.',
    },
  },
  tradeCheck: {
    mode: 'unknown',
    endpoint: null,
    checksTradePermission: null,
    explanation: {
      en: 'Keyport has no permission check for MEXC: loading balances proves the key can read, but trading and withdrawals show as unknown. MEXC does offer POST /api/v3/order/test, which validates an order without sending it to the matching engine, and its docs list it under SPOT_DEAL_WRITE, the trade permission; Keyport does not call it for MEXC.',
      fr: 'Keyport n’a pas de vérification des permissions pour MEXC : charger les soldes prouve que la clé peut lire, mais le trading et les retraits restent inconnus. MEXC propose bien POST /api/v3/order/test, qui valide un ordre sans l’envoyer au carnet d’ordres, et sa documentation le place sous SPOT_DEAL_WRITE, la permission de trading ; Keyport ne l’appelle pas pour MEXC.',
    },
  },
  checklist: [
    {
      en: 'The Access Key and the Secret Key were copied whole, without spaces before or after.',
      fr: 'L’Access Key et la Secret Key ont été copiées en entier, sans espace avant ni après.',
    },
    {
      en: 'They are not swapped: the Access Key goes in Keyport’s API key field, the Secret Key (shown only once) in the secret field.',
      fr: 'Elles ne sont pas inversées : l’Access Key va dans le champ « clé API » de Keyport, la Secret Key (affichée une seule fois) dans le champ du secret.',
    },
    {
      en: 'A key without a linked IP address has not passed its 90 days: after that MEXC expires it.',
      fr: 'Une clé sans adresse IP liée n’a pas dépassé ses 90 jours : passé ce délai, MEXC la fait expirer.',
    },
    {
      en: 'If the key is linked to IP addresses, every Keyport address is on its list.',
      fr: 'Si la clé est liée à des adresses IP, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'The key still exists in API Management and has SPOT_ACCOUNT_READ: without it Keyport cannot read balances.',
      fr: 'La clé existe toujours dans API Management et a SPOT_ACCOUNT_READ : sans elle, Keyport ne peut pas lire les soldes.',
    },
    {
      en: '“Testnet / demo account” is unticked: MEXC has no testnet, so only live keys work.',
      fr: '« Compte testnet / démo » est décoché : MEXC n’a pas de testnet, seules les clés réelles fonctionnent.',
    },
  ],
};
