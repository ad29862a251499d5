import type { ExchangeGuide } from './guide-types';

export const bitfinexGuide: ExchangeGuide = {
  exchangeId: 'bitfinex',
  lastChecked: '2026-12-01',
  sources: [
    'https://support.bitfinex.com/hc/en-us/articles/115003363429-How-to-create-and-revoke-a-Bitfinex-API-Key',
    'https://docs.bitfinex.com/reference/key-permissions',
  ],
  createKey: {
    menuPath: {
      en: 'Account (profile icon) → API Keys → Create New Key',
      fr: 'Account (icône du profil) → API Keys → Create New Key',
    },
    steps: [
      {
        en: 'Open the API Keys page (setting.bitfinex.com/api) and choose the “Create New Key” tab. For a sub-account, make the key from within that sub-account.',
        fr: 'Ouvrez la page API Keys (setting.bitfinex.com/api) et choisissez l’onglet « Create New Key ». Pour un sous-compte, créez la clé depuis ce sous-compte.',
      },
      {
        en: 'Set the permissions below and add Keyport’s addresses under “IP Access restrictions”.',
        fr: 'Réglez les permissions ci-dessous et ajoutez les adresses de Keyport sous « IP Access restrictions ».',
      },
      {
        en: 'Label the key (for example “Keyport”), click “Generate API Key” and confirm with your 2FA code or security key.',
        fr: 'Nommez la clé (par exemple « Keyport »), cliquez sur « Generate API Key » et confirmez avec votre code 2FA ou votre clé de sécurité.',
      },
      {
        en: 'Open Bitfinex’s confirmation e-mail in the same browser and click its “Create API Key” button: the key exists only after that.',
        fr: 'Ouvrez l’e-mail de confirmation de Bitfinex dans le même navigateur et cliquez sur son bouton « Create API Key » : la clé n’existe qu’à partir de là.',
      },
      {
        en: 'Copy the API key and the API secret at once and keep the secret safe. Keyport signs with HMAC-SHA384, Bitfinex’s standard signature.',
        fr: 'Copiez tout de suite la clé API et le secret API, et gardez le secret en lieu sûr. Keyport signe en HMAC-SHA384, la signature standard de Bitfinex.',
      },
    ],
  },
  permissions: [
    {
      name: 'Wallets',
      turn: 'on',
      why: {
        en: 'Its read access lets Keyport see balances. Leave its other option, transferring between your wallets, off.',
        fr: 'Son accès en lecture permet à Keyport de voir les soldes. Laissez désactivée son autre option, le transfert entre vos portefeuilles.',
      },
    },
    {
      name: 'Orders',
      turn: 'optional',
      why: {
        en: 'Creating and cancelling orders, only if a bot connected through Keyport should trade. Keyport itself never places an order.',
        fr: 'Créer et annuler des ordres, seulement si un bot connecté via Keyport doit trader. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Margin Trading',
      turn: 'optional',
      why: {
        en: 'Margin and derivatives positions: to see them, or for a bot that trades them.',
        fr: 'Les positions sur marge et sur dérivés : pour les voir, ou pour un bot qui les trade.',
      },
    },
    {
      name: 'Margin Funding',
      turn: 'optional',
      why: {
        en: 'Funding offers and loans: only for a lending bot.',
        fr: 'Les offres et prêts de financement : seulement pour un bot de prêt.',
      },
    },
    {
      name: 'Withdrawals',
      turn: 'off',
      why: {
        en: 'Keyport never needs it and refuses keys that can withdraw. Keyport does not read Bitfinex permissions, so keeping it off is up to you.',
        fr: 'Keyport n’en a jamais besoin et refuse les clés qui peuvent retirer des fonds. Keyport ne lit pas les permissions Bitfinex : c’est à vous de la laisser désactivée.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'Bitfinex needs only the API key and the API secret.',
      fr: 'Bitfinex ne demande que la clé API et le secret API.',
    },
  },
  ipWhitelist: {
    fieldName: 'IP Access restrictions',
    explanation: {
      en: 'Add every address Keyport shows under “Restrict the key to Keyport’s IP addresses” (Bitfinex accepts up to 20 per key): the key then works only from those addresses.',
      fr: 'Ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport » (Bitfinex en accepte jusqu’à 20 par clé) : la clé ne fonctionne alors que depuis ces adresses.',
    },
  },
  expiry: {
    en: 'Bitfinex’s help pages describe no expiry or inactivity rule: a key stays usable until you revoke it on the API Keys page. If it stops working, Keyport flags it and you paste a new key in place.',
    fr: 'Les pages d’aide de Bitfinex ne décrivent aucune règle d’expiration ou d’inactivité : une clé reste utilisable jusqu’à ce que vous la révoquiez sur la page API Keys. Si elle cesse de fonctionner, Keyport le signale et vous collez une nouvelle clé à sa place.',
  },
  futures: {
    en: 'Bitfinex perpetual contracts use the same key and their own derivatives wallet. “Wallets” lets Keyport read it and “Margin Trading” shows the positions; a bot that trades them also needs “Orders”. Derivatives are not offered in every country.',
    fr: 'Les contrats perpétuels de Bitfinex utilisent la même clé et leur propre portefeuille de dérivés. « Wallets » permet à Keyport de le lire et « Margin Trading » montre les positions ; un bot qui les trade a aussi besoin de « Orders ». Les dérivés ne sont pas proposés dans tous les pays.',
  },
  testnet: {
    available: false,
    url: null,
    explanation: {
      en: 'Bitfinex has no separate testnet. Its paper-trading sub-account, with test pairs, runs on the live platform: make its key from within it like a live key and connect it with “Testnet / demo account” unticked.',
      fr: 'Bitfinex n’a pas de testnet séparé. Son sous-compte de paper trading, avec des paires de test, tourne sur la plateforme réelle : créez sa clé depuis ce sous-compte comme une clé réelle et connectez-la avec « Compte testnet / démo » décoché.',
    },
  },
  tradeCheck: {
    mode: 'unknown',
    endpoint: null,
    checksTradePermission: null,
    explanation: {
      en: 'Keyport has no permission check for Bitfinex: loading balances proves the key can read, but trading and withdrawals show as unknown. Bitfinex documents POST /v2/auth/r/permissions, which returns read and write access per scope (orders, wallets, withdraw…), but Keyport does not read it, and it knows of no Bitfinex endpoint that validates an order without placing it.',
      fr: 'Keyport n’a pas de vérification des permissions pour Bitfinex : charger les soldes prouve que la clé peut lire, mais le trading et les retraits restent inconnus. Bitfinex documente POST /v2/auth/r/permissions, qui renvoie la lecture et l’écriture par domaine (ordres, portefeuilles, retraits…), mais Keyport ne le lit pas, et il ne connaît aucun point d’accès Bitfinex qui valide un ordre sans le passer.',
    },
  },
  checklist: [
    {
      en: 'The API key and the API secret were copied whole, without spaces, and are not swapped.',
      fr: 'La clé API et le secret API ont été copiés en entier, sans espace, et ne sont pas inversés.',
    },
    {
      en: 'The key was confirmed from Bitfinex’s e-mail: until then it does not exist.',
      fr: 'La clé a été confirmée depuis l’e-mail de Bitfinex : avant cela, elle n’existe pas.',
    },
    {
      en: 'If “IP Access restrictions” is set, every Keyport address is on its list.',
      fr: 'Si « IP Access restrictions » est renseigné, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'The key is used by Keyport only: Bitfinex rejects a request whose nonce is lower than one already used with the key, which happens when another program shares it.',
      fr: 'La clé ne sert qu’à Keyport : Bitfinex rejette une requête dont le nonce est inférieur à un nonce déjà utilisé avec la clé, ce qui arrive quand un autre programme la partage.',
    },
    {
      en: 'The key belongs to the account you expect: main account, sub-account or paper-trading sub-account each have their own keys and balances.',
      fr: 'La clé appartient au compte attendu : compte principal, sous-compte ou sous-compte de paper trading ont chacun leurs clés et leurs soldes.',
    },
    {
      en: '“Testnet / demo account” is unticked: Bitfinex has no testnet, and even paper-trading keys use the live API.',
      fr: '« Compte testnet / démo » est décoché : Bitfinex n’a pas de testnet, et même les clés de paper trading utilisent l’API réelle.',
    },
    {
      en: 'The key has not been revoked and “Wallets” can read.',
      fr: 'La clé n’a pas été révoquée et « Wallets » a bien l’accès en lecture.',
    },
  ],
};
