import type { ExchangeGuide } from './guide-types';

export const htxGuide: ExchangeGuide = {
  exchangeId: 'htx',
  lastChecked: '2026-12-01',
  sources: [
    'https://www.htx.com/en-us/apikey',
    'https://huobiapi.github.io/docs/spot/v1/en/',
    'https://www.huobi.com/support/en-us/detail/360000289821/',
    'https://www.huobi.com/support/en-us/detail/900001195006/',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → API Management',
      fr: 'Icône du profil → API Management',
    },
    steps: [
      {
        en: 'Open API Management (htx.com/en-us/apikey) and start a new key; give it a note you will recognise, for example “Keyport”.',
        fr: 'Ouvrez API Management (htx.com/en-us/apikey) et créez une nouvelle clé ; donnez-lui une note reconnaissable, par exemple « Keyport ».',
      },
      {
        en: 'Keep “Read-only”, tick “Trade” only if a bot should trade, and never tick “Withdraw”.',
        fr: 'Gardez « Read-only », cochez « Trade » seulement si un bot doit trader, et ne cochez jamais « Withdraw ».',
      },
      {
        en: 'Link the key to every address Keyport shows (see below), then confirm with the e-mail or SMS code and your 2FA.',
        fr: 'Liez la clé à chaque adresse affichée par Keyport (voir plus bas), puis confirmez avec le code reçu par e-mail ou SMS et votre 2FA.',
      },
      {
        en: 'Copy the Access Key and the Secret Key at once: HTX shows the secret only this one time. Keyport signs with HMAC-SHA256, HTX’s standard signature.',
        fr: 'Copiez tout de suite l’Access Key et la Secret Key : HTX n’affiche la clé secrète qu’une seule fois. Keyport signe en HMAC-SHA256, la signature standard de HTX.',
      },
    ],
  },
  permissions: [
    {
      name: 'Read-only',
      turn: 'on',
      why: {
        en: 'Lets Keyport read balances. Every HTX key has it.',
        fr: 'Permet à Keyport de lire les soldes. Toute clé HTX l’a.',
      },
    },
    {
      name: 'Trade',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Withdraw',
      turn: 'off',
      why: {
        en: 'Keyport never needs it and refuses keys that can withdraw. HTX does not report it to Keyport, so keeping it off is up to you.',
        fr: 'Keyport n’en a jamais besoin et refuse les clés qui peuvent retirer des fonds. HTX ne le signale pas à Keyport : c’est à vous de la laisser désactivée.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'HTX needs only the Access Key (Keyport’s API key field) and the Secret Key.',
      fr: 'HTX ne demande que l’Access Key (le champ « clé API » de Keyport) et la Secret Key.',
    },
  },
  ipWhitelist: {
    fieldName: 'Link IP Address',
    explanation: {
      en: 'Add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”, separated by commas (HTX accepts up to 20 addresses or ranges). HTX’s 90-day deactivation rule (see Expiry) does not apply to a linked key.',
      fr: 'Ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport », séparées par des virgules (HTX accepte jusqu’à 20 adresses ou plages). La règle de désactivation à 90 jours de HTX (voir Expiration) ne s’applique pas à une clé liée.',
    },
  },
  expiry: {
    en: 'HTX deactivates a key that is not linked to any IP address but can trade or withdraw after 90 days without use; each use extends it by 90 days, and Keyport’s regular checks use the key. Linking Keyport’s addresses avoids the rule altogether.',
    fr: 'HTX désactive une clé qui n’est liée à aucune adresse IP mais peut trader ou retirer au bout de 90 jours sans utilisation ; chaque utilisation la prolonge de 90 jours, et les vérifications régulières de Keyport utilisent la clé. Lier les adresses de Keyport évite complètement cette règle.',
  },
  futures: {
    en: 'HTX spot and derivatives (USDT-M and coin-M futures) share the same key: there is no separate futures permission, and “Trade” covers futures orders too. Open derivatives trading on your HTX account first, so the key has a futures account to read.',
    fr: 'Le spot et les dérivés de HTX (futures USDT-M et coin-M) partagent la même clé : il n’y a pas de permission futures à part, et « Trade » couvre aussi les ordres futures. Ouvrez d’abord le trading de dérivés sur votre compte HTX, pour que la clé ait un compte futures à lire.',
  },
  testnet: {
    available: false,
    url: null,
    explanation: {
      en: 'HTX offers no public testnet Keyport can use: connect live keys, with “Testnet / demo account” unticked.',
      fr: 'HTX ne propose pas de testnet public utilisable par Keyport : connectez des clés réelles, avec « Compte testnet / démo » décoché.',
    },
  },
  tradeCheck: {
    mode: 'unknown',
    endpoint: null,
    checksTradePermission: null,
    explanation: {
      en: 'Keyport has no permission check for HTX: loading balances proves the key can read, but whether “Trade” or “Withdraw” is on shows as unknown. HTX documents GET /v2/user/api-key, which lists a parent account’s keys and their permissions, but Keyport does not read it, and it knows of no HTX endpoint that validates an order without placing it. Check the key’s permissions yourself in API Management.',
      fr: 'Keyport n’a pas de vérification des permissions pour HTX : charger les soldes prouve que la clé peut lire, mais l’activation de « Trade » ou de « Withdraw » reste inconnue. HTX documente GET /v2/user/api-key, qui liste les clés d’un compte parent et leurs permissions, mais Keyport ne le lit pas, et il ne connaît aucun point d’accès HTX qui valide un ordre sans le passer. Vérifiez vous-même les permissions de la clé dans API Management.',
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
      en: 'If the key is linked to IP addresses, every Keyport address is on its list.',
      fr: 'Si la clé est liée à des adresses IP, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'The key is still active in API Management: a key with no linked IP that can trade is deactivated after 90 days without use.',
      fr: 'La clé est toujours active dans API Management : une clé sans IP liée qui peut trader est désactivée après 90 jours sans utilisation.',
    },
    {
      en: 'HTX is the former Huobi Global: keys made on huobi.com and htx.com are the same, but regional exchanges that once carried the Huobi name are separate.',
      fr: 'HTX est l’ancien Huobi Global : les clés créées sur huobi.com et htx.com sont les mêmes, mais les plateformes régionales qui ont porté le nom Huobi sont distinctes.',
    },
    {
      en: '“Testnet / demo account” is unticked: HTX has no testnet, so only live keys work.',
      fr: '« Compte testnet / démo » est décoché : HTX n’a pas de testnet, seules les clés réelles fonctionnent.',
    },
  ],
};
