import type { ExchangeGuide } from './guide-types';

export const krakenGuide: ExchangeGuide = {
  exchangeId: 'kraken',
  lastChecked: '2026-12-01',
  sources: [
    'https://docs.kraken.com/api/docs/rest-api/add-order',
    'https://docs.kraken.com/api/docs/rest-api/get-api-key-info',
    'https://support.kraken.com/hc/en-us/articles/360000919966-How-to-create-an-API-key',
    'https://support.kraken.com/hc/en-us/articles/360000906023-What-is-a-nonce-',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → Settings → Connections & API → Create API key (Kraken Pro uses the same keys)',
      fr: 'Icône du profil → Settings → Connections & API → Create API key (Kraken Pro utilise les mêmes clés)',
    },
    steps: [
      {
        en: 'Name the key (for example “Keyport”) and tick only the permissions below.',
        fr: 'Nommez la clé (par exemple « Keyport ») et ne cochez que les permissions ci-dessous.',
      },
      {
        en: 'Leave “Nonce window” at 0 unless you know you need it: Keyport sends a strictly increasing nonce per key.',
        fr: 'Laissez « Nonce window » à 0 sauf besoin précis : Keyport envoie un nonce strictement croissant par clé.',
      },
      {
        en: 'Click “Generate key”, then copy the API key and the Private key: Kraken shows the private key only once.',
        fr: 'Cliquez sur « Generate key », puis copiez l’API key et la Private key : Kraken n’affiche la clé privée qu’une seule fois.',
      },
      {
        en: 'Use this key for Keyport only: two programs sharing one key send nonces out of order and Kraken refuses them.',
        fr: 'Réservez cette clé à Keyport : deux programmes qui partagent une clé envoient des nonces dans le désordre et Kraken les refuse.',
      },
    ],
  },
  permissions: [
    {
      name: 'Query Funds',
      turn: 'on',
      why: {
        en: 'Lets Keyport read balances.',
        fr: 'Permet à Keyport de lire les soldes.',
      },
    },
    {
      name: 'Query Open Orders & Trades',
      turn: 'optional',
      why: {
        en: 'Read-only; useful to tools that show your orders, not needed for balances.',
        fr: 'En lecture seule ; utile aux outils qui affichent vos ordres, inutile pour les soldes.',
      },
    },
    {
      name: 'Create & Modify Orders',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Withdraw Funds',
      turn: 'off',
      why: {
        en: 'Keyport refuses keys that can withdraw: a leaked key could empty the account.',
        fr: 'Keyport refuse les clés qui peuvent retirer des fonds : une clé divulguée pourrait vider le compte.',
      },
    },
    {
      name: 'Deposit Funds',
      turn: 'off',
      why: {
        en: 'Creates deposit addresses; not needed to watch an account.',
        fr: 'Crée des adresses de dépôt ; inutile pour suivre un compte.',
      },
    },
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'Kraken needs only the API key and the Private key (paste it in the Secret field: it is base64, often ending in “==”).',
      fr: 'Kraken ne demande que l’API key et la Private key (à coller dans le champ Secret : elle est en base64 et finit souvent par « == »).',
    },
  },
  ipWhitelist: {
    fieldName: 'IP address restriction',
    explanation: {
      en: 'Under the key’s advanced settings, add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”.',
      fr: 'Dans les réglages avancés de la clé, ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ».',
    },
  },
  expiry: {
    en: 'Keys do not expire unless you set “Key expiration” in the key’s advanced settings; Keyport reads that date and warns before it.',
    fr: 'Les clés n’expirent pas, sauf si vous réglez « Key expiration » dans les réglages avancés de la clé ; Keyport lit cette date et prévient avant.',
  },
  futures: {
    en: 'Kraken Futures is a separate platform with its own keys (futures.kraken.com → Settings → API Keys); a Kraken spot key does not read futures.',
    fr: 'Kraken Futures est une plateforme distincte avec ses propres clés (futures.kraken.com → Settings → API Keys) ; une clé Kraken spot ne lit pas les futures.',
  },
  testnet: {
    available: false,
    url: null,
    explanation: {
      en: 'Kraken has no spot testnet: connect live keys with “Testnet / demo account” unticked.',
      fr: 'Kraken n’a pas de testnet spot : connectez des clés réelles avec « Compte testnet / démo » décoché.',
    },
  },
  tradeCheck: {
    mode: 'verified',
    endpoint: 'POST /0/private/AddOrder (validate=true)',
    checksTradePermission: true,
    explanation: {
      en: 'For connections made for trading, Keyport sends a signed AddOrder with “validate” set: Kraken checks the key and the order and submits nothing. AddOrder requires the “Create & Modify Orders” permission, so a key without it is refused.',
      fr: 'Pour les connexions destinées au trading, Keyport envoie un AddOrder signé avec « validate » : Kraken vérifie la clé et l’ordre sans rien soumettre. AddOrder exige la permission « Create & Modify Orders » : une clé sans elle est refusée.',
    },
  },
  checklist: [
    {
      en: 'The Private key was copied whole, “==” at the end included, and pasted as the Secret.',
      fr: 'La Private key a été copiée en entier, « == » final compris, et collée comme Secret.',
    },
    {
      en: 'No other program uses this key (“Invalid nonce” means two senders, or a Nonce window too small).',
      fr: 'Aucun autre programme n’utilise cette clé (« Invalid nonce » signifie deux expéditeurs, ou une Nonce window trop petite).',
    },
    {
      en: '“Query Funds” is ticked; without it Kraken answers “Permission denied”.',
      fr: '« Query Funds » est cochée ; sans elle Kraken répond « Permission denied ».',
    },
    {
      en: 'If the key is restricted to IP addresses, every Keyport address is on its list.',
      fr: 'Si la clé est limitée à des adresses IP, chaque adresse de Keyport figure dans sa liste.',
    },
    {
      en: 'The key has not passed its “Key expiration” date and was not deleted.',
      fr: 'La clé n’a pas dépassé sa date « Key expiration » et n’a pas été supprimée.',
    },
    {
      en: 'It is a spot key from kraken.com, not a Kraken Futures key.',
      fr: 'C’est une clé spot de kraken.com, pas une clé Kraken Futures.',
    },
  ],
};
