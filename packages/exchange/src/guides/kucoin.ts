import type { ExchangeGuide } from './guide-types';

export const kucoinGuide: ExchangeGuide = {
  exchangeId: 'kucoin',
  lastChecked: '2026-12-01',
  sources: [
    'https://www.kucoin.com/support/360015102174',
    'https://www.kucoin.com/support/900006465403',
    'https://www.kucoin.com/docs-new',
    'https://www.kucoin.com/docs-new/rest/account-info/account-funding/get-apikey-info',
    'https://www.kucoin.com/docs-new/rest/spot-trading/orders/add-order-test',
  ],
  createKey: {
    menuPath: {
      en: 'Avatar → API Management → Create API',
      fr: 'Avatar → API Management → Create API',
    },
    steps: [
      {
        en: 'In the window that opens, choose “API Trading” (not “Link Third-Party Applications”).',
        fr: 'Dans la fenêtre qui s’ouvre, choisissez « API Trading » (pas « Link Third-Party Applications »).',
      },
      {
        en: 'Enter an API name (for example “Keyport”) and an API passphrase: a new password for this key only, to write down. KuCoin keys are signed with HMAC-SHA256, as Keyport does: there is no key type to choose.',
        fr: 'Saisissez un nom d’API (par exemple « Keyport ») et une API passphrase : un nouveau mot de passe propre à cette clé, à noter. Les clés KuCoin se signent en HMAC-SHA256, comme le fait Keyport : aucun type de clé à choisir.',
      },
      {
        en: 'Set the permissions below and the IP restriction with Keyport’s addresses.',
        fr: 'Réglez les permissions ci-dessous et la restriction d’IP avec les adresses de Keyport.',
      },
      {
        en: 'Pass the security check (trading password, e-mail code, Google code), then copy the Key and the Secret at once. KuCoin cannot recover the Key, Secret or passphrase later.',
        fr: 'Passez la vérification de sécurité (mot de passe de trading, code e-mail, code Google), puis copiez tout de suite la Key et le Secret. KuCoin ne peut plus retrouver la Key, le Secret ni la passphrase ensuite.',
      },
    ],
  },
  permissions: [
    {
      name: 'General',
      turn: 'on',
      why: {
        en: 'Read-only access to balances, statements and orders: all Keyport needs. Every KuCoin key has it.',
        fr: 'Accès en lecture seule aux soldes, relevés et ordres : tout ce dont Keyport a besoin. Toute clé KuCoin l’a.',
      },
    },
    {
      name: 'Spot',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade spot. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader au comptant (spot). Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Margin',
      turn: 'optional',
      why: {
        en: 'Only for a bot that trades on margin.',
        fr: 'Seulement pour un bot qui trade sur marge.',
      },
    },
    {
      name: 'Futures',
      turn: 'optional',
      why: {
        en: 'Only for a bot that trades futures; reading the futures account needs only “General”.',
        fr: 'Seulement pour un bot qui trade des futures ; lire le compte futures ne demande que « General ».',
      },
    },
    {
      name: 'Withdrawal',
      turn: 'off',
      why: {
        en: 'Keyport refuses keys that can withdraw: a leaked key could empty the account, and KuCoin lets an API transfer skip e-mail and Google verification.',
        fr: 'Keyport refuse les clés qui peuvent retirer des fonds : une clé divulguée pourrait vider le compte, et KuCoin laisse un transfert par API se passer des vérifications e-mail et Google.',
      },
    },
    {
      name: 'FlexTransfers',
      turn: 'off',
      why: {
        en: 'Moves funds between your KuCoin accounts; not needed to watch them.',
        fr: 'Déplace des fonds entre vos comptes KuCoin ; inutile pour les suivre.',
      },
    },
  ],
  extraField: {
    kind: 'passphrase',
    label: 'API passphrase',
    explanation: {
      en: 'The API passphrase is the one you typed when you created this key, not your KuCoin login password and not your trading password. KuCoin cannot recover it: if it is lost, make a new key.',
      fr: 'L’API passphrase est celle que vous avez saisie en créant cette clé, ni le mot de passe de connexion KuCoin, ni le mot de passe de trading. KuCoin ne peut pas la retrouver : si elle est perdue, créez une nouvelle clé.',
    },
  },
  ipWhitelist: {
    fieldName: 'IP Restriction',
    explanation: {
      en: 'Turn it on and add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”. KuCoin demands an IP restriction for some rights anyway, and deletes a trading key without one when it goes unused (see expiry).',
      fr: 'Activez-la et ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ». KuCoin exige de toute façon une restriction d’IP pour certains droits, et supprime une clé de trading qui n’en a pas quand elle reste inutilisée (voir l’expiration).',
    },
  },
  expiry: {
    en: 'A key with Spot, Margin or Futures trading and no linked IP address is deleted, or loses its trading rights, after 30 days without use. A key with only “General” does not expire, nor does one bound to IP addresses.',
    fr: 'Une clé avec le trading Spot, Margin ou Futures et sans adresse IP liée est supprimée, ou perd ses droits de trading, après 30 jours sans utilisation. Une clé avec « General » seul n’expire pas, pas plus qu’une clé liée à des adresses IP.',
  },
  futures: {
    en: 'One KuCoin key covers the spot, margin and futures accounts, and “General” is enough to read all of them. Tick “Futures” only for a bot that trades futures. Keyport also lists KuCoin’s futures account separately as “KuCoin Futures”.',
    fr: 'Une seule clé KuCoin couvre les comptes spot, marge et futures, et « General » suffit pour tous les lire. Cochez « Futures » seulement pour un bot qui trade des futures. Keyport liste aussi le compte futures de KuCoin à part, sous « KuCoin Futures ».',
  },
  testnet: {
    available: false,
    url: null,
    explanation: {
      en: 'KuCoin retired its sandbox, and ccxt, which Keyport uses, dropped it: there is no KuCoin testnet in Keyport. Leave “Testnet / demo account” unticked and use a live key; a “General”-only key is a harmless way to start.',
      fr: 'KuCoin a fermé son sandbox, et ccxt, qu’utilise Keyport, l’a retiré : il n’y a pas de testnet KuCoin dans Keyport. Laissez « Compte testnet / démo » décoché et utilisez une clé réelle ; une clé « General » seule est un point de départ sans risque.',
    },
  },
  tradeCheck: {
    mode: 'reported',
    endpoint: 'GET /api/v1/user/api-key',
    checksTradePermission: null,
    explanation: {
      en: 'Keyport reads KuCoin’s “Get API Key Info” for the key: its permission list (General, Spot, Margin, Futures…) says whether it may trade, and its IP whitelist which addresses may use it. KuCoin also has “Add Order Test” endpoints (POST /api/v1/hf/orders/test for spot) that take a real order’s request without sending it to the matching engine; KuCoin documents them for checking the signature and parameters, not the trade permission, and Keyport does not call them.',
      fr: 'Keyport lit l’« API Key Info » de la clé chez KuCoin : sa liste de permissions (General, Spot, Margin, Futures…) dit si elle peut trader, et sa liste d’IP quelles adresses peuvent l’utiliser. KuCoin propose aussi des points d’accès « Add Order Test » (POST /api/v1/hf/orders/test pour le spot) qui prennent la requête d’un vrai ordre sans l’envoyer au moteur d’appariement ; KuCoin les documente pour vérifier la signature et les paramètres, pas la permission de trader, et Keyport ne les appelle pas.',
    },
  },
  checklist: [
    {
      en: 'The passphrase is the API passphrase chosen for this key, not your login password or trading password.',
      fr: 'La passphrase est l’API passphrase choisie pour cette clé, pas le mot de passe de connexion ni celui de trading.',
    },
    {
      en: 'Key and Secret were copied whole, without spaces, and are not swapped.',
      fr: 'La Key et le Secret ont été copiés en entier, sans espaces, et ne sont pas inversés.',
    },
    {
      en: 'If the key has an IP restriction, every Keyport address is on it.',
      fr: 'Si la clé a une restriction d’IP, chaque adresse de Keyport y figure.',
    },
    {
      en: 'The key still exists in API Management: a trading key with no linked IP is deleted after 30 days without use.',
      fr: 'La clé existe toujours dans API Management : une clé de trading sans IP liée est supprimée après 30 jours sans utilisation.',
    },
    {
      en: '“Testnet / demo account” is unticked: KuCoin has no testnet any more.',
      fr: '« Compte testnet / démo » est décoché : KuCoin n’a plus de testnet.',
    },
    {
      en: 'It is a current key: KuCoin’s old version 1 keys no longer work and must be replaced by a new key.',
      fr: 'C’est une clé actuelle : les anciennes clés de version 1 de KuCoin ne fonctionnent plus et doivent être remplacées par une nouvelle clé.',
    },
  ],
};
