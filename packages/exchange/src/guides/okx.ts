import type { ExchangeGuide } from './guide-types';

export const okxGuide: ExchangeGuide = {
  exchangeId: 'okx',
  lastChecked: '2026-12-01',
  sources: [
    'https://www.okx.com/en-br/help/api-faq',
    'https://www.okx.com/en-eu/help/api-faq-eea',
    'https://www.okx.com/en-sg/okx-api',
    'https://www.okx.com/docs-v5/en/#overview-demo-trading-services',
    'https://www.okx.com/docs-v5/en/#overview-account-mode',
    'https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration',
  ],
  createKey: {
    menuPath: {
      en: 'Profile → API → Create API key',
      fr: 'Profil → API → Create API key',
    },
    steps: [
      {
        en: 'Sign in on the OKX site that holds your account: www.okx.com, my.okx.com (EEA) or app.okx.com (US). Each has its own keys, and Keyport lists them as “OKX”, “MyOKX (EEA)” and “OKX (US)”.',
        fr: 'Connectez-vous sur le site OKX de votre compte : www.okx.com, my.okx.com (EEE) ou app.okx.com (États-Unis). Chacun a ses propres clés, et Keyport les liste sous « OKX », « MyOKX (EEA) » et « OKX (US) ».',
      },
      {
        en: 'Name the key (for example “Keyport”), choose the account (main account or a sub-account) and, under “Used for”, API trading rather than a third-party app.',
        fr: 'Nommez la clé (par exemple « Keyport »), choisissez le compte (compte principal ou sous-compte) puis, sous « Used for », le trading par API plutôt qu’une application tierce.',
      },
      {
        en: 'Enter Keyport’s addresses in the IP address allowlist and set the permissions below. Keyport signs OKX requests with HMAC-SHA256, the standard OKX key: there is no key type to choose.',
        fr: 'Saisissez les adresses de Keyport dans la liste d’IP autorisées et réglez les permissions ci-dessous. Keyport signe les requêtes OKX en HMAC-SHA256, la clé OKX standard : aucun type de clé à choisir.',
      },
      {
        en: 'Choose a passphrase for this key only and write it down: OKX cannot show it again, and a lost passphrase means a new key.',
        fr: 'Choisissez une phrase secrète (passphrase) propre à cette clé et notez-la : OKX ne peut pas la réafficher, et une passphrase perdue impose une nouvelle clé.',
      },
      {
        en: 'Confirm with your security codes, then copy the API key and the Secret key into Keyport together with the passphrase.',
        fr: 'Validez avec vos codes de sécurité, puis copiez l’API key et la Secret key dans Keyport, avec la passphrase.',
      },
    ],
  },
  permissions: [
    {
      name: 'Read',
      turn: 'on',
      why: {
        en: 'Lets Keyport read balances and the key’s own permissions. Every OKX key has it.',
        fr: 'Permet à Keyport de lire les soldes et les permissions de la clé. Toute clé OKX l’a.',
      },
    },
    {
      name: 'Trade',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade; it covers spot, margin and derivatives alike. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader ; elle couvre aussi bien le spot que la marge et les dérivés. Keyport ne passe jamais d’ordre lui-même.',
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
  ],
  extraField: {
    kind: 'passphrase',
    label: 'Passphrase',
    explanation: {
      en: 'The passphrase is the one you typed when you created this API key, not your OKX login password and not your fund password. OKX cannot recover it: if it is lost, delete the key and make a new one.',
      fr: 'La passphrase est celle que vous avez saisie en créant cette clé API, ni le mot de passe de connexion OKX, ni le mot de passe des fonds. OKX ne peut pas la retrouver : si elle est perdue, supprimez la clé et créez-en une nouvelle.',
    },
  },
  ipWhitelist: {
    fieldName: 'IP address allowlist',
    explanation: {
      en: 'Add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”, separated by commas or spaces (OKX takes up to 20 per key). A key that lists only some of them works from one Keyport server and fails from the next, so Keyport refuses it.',
      fr: 'Ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport », séparées par des virgules ou des espaces (OKX en accepte jusqu’à 20 par clé). Une clé qui n’en liste qu’une partie fonctionne depuis un serveur Keyport et échoue depuis le suivant : Keyport la refuse.',
    },
  },
  expiry: {
    en: 'OKX deletes a key that can trade or withdraw and is linked to no IP address after 14 days without use. A key bound to IP addresses does not lapse this way, so bind the key to Keyport’s addresses rather than rely on activity.',
    fr: 'OKX supprime une clé qui peut trader ou retirer et n’est liée à aucune adresse IP après 14 jours sans utilisation. Une clé liée à des adresses IP n’expire pas ainsi : liez-la aux adresses de Keyport plutôt que de compter sur l’activité.',
  },
  futures: {
    en: 'OKX has one trading account for spot, margin, perpetual swaps, futures and options, and the same key reads all of it. To trade derivatives, change the account mode in OKX’s trading settings from “Spot mode” to one that allows them (such as “Futures mode”); a bot then needs “Trade”, nothing more.',
    fr: 'OKX a un seul compte de trading pour le spot, la marge, les swaps perpétuels, les futures et les options, et la même clé lit tout. Pour trader des dérivés, changez le mode de compte dans les réglages de trading d’OKX, de « Spot mode » vers un mode qui les permet (comme « Futures mode ») ; un bot n’a alors besoin que de « Trade ».',
  },
  testnet: {
    available: true,
    url: 'https://www.okx.com/',
    explanation: {
      en: 'OKX’s testnet is Demo Trading: on okx.com switch to Demo Trading, then create the key from the API page while in demo mode. Demo keys work only with “Testnet / demo account” ticked in Keyport (Keyport then adds OKX’s simulated-trading header), and live keys only without it.',
      fr: 'Le testnet d’OKX, c’est le Demo Trading : sur okx.com, passez en Demo Trading, puis créez la clé depuis la page API sans quitter le mode démo. Les clés démo ne fonctionnent qu’avec « Compte testnet / démo » coché dans Keyport (Keyport ajoute alors l’en-tête de trading simulé d’OKX), et les clés réelles seulement sans.',
    },
  },
  tradeCheck: {
    mode: 'reported',
    endpoint: 'GET /api/v5/account/config',
    checksTradePermission: null,
    explanation: {
      en: 'Keyport reads the key’s account configuration: its “perm” field lists read_only, trade and withdraw, so Keyport knows whether the key may trade (and refuses one that may withdraw) without sending any order. OKX also has an order precheck (POST /api/v5/trade/order-precheck) that estimates an order’s effect on the account; the documentation we read does not say it checks the key’s trade permission, and Keyport does not call it.',
      fr: 'Keyport lit la configuration du compte de la clé : son champ « perm » liste read_only, trade et withdraw, et Keyport sait ainsi si la clé peut trader (et refuse celle qui peut retirer) sans envoyer le moindre ordre. OKX propose aussi une vérification préalable d’ordre (POST /api/v5/trade/order-precheck) qui estime l’effet d’un ordre sur le compte ; la documentation consultée ne dit pas qu’elle vérifie la permission de trader de la clé, et Keyport ne l’appelle pas.',
    },
  },
  checklist: [
    {
      en: 'The passphrase is the one chosen for this key, not your OKX login password or fund password.',
      fr: 'La passphrase est celle choisie pour cette clé, pas le mot de passe de connexion OKX ni celui des fonds.',
    },
    {
      en: 'API key and Secret key were copied whole, without spaces, and are not swapped.',
      fr: 'L’API key et la Secret key ont été copiées en entier, sans espaces, et ne sont pas inversées.',
    },
    {
      en: 'The key comes from the site you picked in Keyport: www.okx.com is “OKX”, my.okx.com is “MyOKX (EEA)”, app.okx.com is “OKX (US)”.',
      fr: 'La clé vient du site choisi dans Keyport : www.okx.com correspond à « OKX », my.okx.com à « MyOKX (EEA) », app.okx.com à « OKX (US) ».',
    },
    {
      en: 'If the key has an IP address allowlist, every Keyport address is on it.',
      fr: 'Si la clé a une liste d’IP autorisées, chaque adresse de Keyport y figure.',
    },
    {
      en: 'Demo Trading keys with “Testnet / demo account” ticked, live keys without: each works only in its own environment.',
      fr: 'Clés Demo Trading avec « Compte testnet / démo » coché, clés réelles sans : chacune ne fonctionne que dans son environnement.',
    },
    {
      en: 'The key still exists on the API page: a trading key linked to no IP is deleted after 14 days without use.',
      fr: 'La clé existe toujours sur la page API : une clé de trading liée à aucune IP est supprimée après 14 jours sans utilisation.',
    },
  ],
};
