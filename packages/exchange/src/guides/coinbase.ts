import type { ExchangeGuide } from './guide-types';

export const coinbaseGuide: ExchangeGuide = {
  exchangeId: 'coinbase',
  lastChecked: '2026-12-01',
  sources: [
    'https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/api-key-authentication',
    'https://docs.cdp.coinbase.com/coinbase-business/authentication-authorization/api-key-authentication',
    'https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization',
    'https://docs.cdp.coinbase.com/get-started/authentication/overview',
    'https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/guides/portfolios',
    'https://docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/sandbox',
    'https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions',
    'https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/preview-orders',
  ],
  createKey: {
    menuPath: {
      en: 'Coinbase Developer Platform (portal.cdp.coinbase.com) → API Keys → Secret API Keys → Create API key',
      fr: 'Coinbase Developer Platform (portal.cdp.coinbase.com) → API Keys → Secret API Keys → Create API key',
    },
    steps: [
      {
        en: 'Sign in to the Coinbase Developer Platform with your Coinbase account, open “Secret API Keys” under the “API Keys” tab and click “Create API key”.',
        fr: 'Connectez-vous au Coinbase Developer Platform avec votre compte Coinbase, ouvrez « Secret API Keys » sous l’onglet « API Keys » et cliquez sur « Create API key ».',
      },
      {
        en: 'Enter a nickname (for example “Keyport”), then expand “API restrictions” and “Advanced Settings”.',
        fr: 'Saisissez un surnom (par exemple « Keyport »), puis dépliez « API restrictions » et « Advanced Settings ».',
      },
      {
        en: 'In “Advanced Settings”, change the signature algorithm to “ECDSA”. Ed25519 is Coinbase’s default, but Coinbase says Ed25519 keys are not supported for its Coinbase App APIs, and Keyport connects Coinbase keys as ECDSA keys.',
        fr: 'Dans « Advanced Settings », passez l’algorithme de signature sur « ECDSA ». Ed25519 est le choix par défaut de Coinbase, mais Coinbase indique que les clés Ed25519 ne sont pas prises en charge pour ses API Coinbase App, et Keyport connecte les clés Coinbase en tant que clés ECDSA.',
      },
      {
        en: 'Choose the portfolio and the permissions below, and add Keyport’s addresses to the IP allowlist.',
        fr: 'Choisissez le portefeuille (portfolio) et les permissions ci-dessous, et ajoutez les adresses de Keyport à l’IP allowlist.',
      },
      {
        en: 'Click “Create API key” and copy the API key name and the private key at once (or use “Download API key”): keep the private key safe, as Coinbase does not show it again.',
        fr: 'Cliquez sur « Create API key » et copiez tout de suite le nom de la clé API et la clé privée (ou utilisez « Download API key ») : conservez la clé privée en lieu sûr, Coinbase ne l’affiche plus ensuite.',
      },
    ],
  },
  permissions: [
    {
      name: 'View',
      turn: 'on',
      why: {
        en: 'Lets Keyport read balances and the key’s own permissions without moving funds.',
        fr: 'Permet à Keyport de lire les soldes et les permissions de la clé sans déplacer de fonds.',
      },
    },
    {
      name: 'Trade',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should buy and sell. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit acheter et vendre. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Transfer',
      turn: 'off',
      why: {
        en: 'Sends funds on and off Coinbase: Keyport refuses such keys, since a leaked key could empty the account.',
        fr: 'Envoie des fonds vers et hors de Coinbase : Keyport refuse ces clés, car une clé divulguée pourrait vider le compte.',
      },
    },
  ],
  extraField: {
    kind: 'key-name-and-private-key',
    label: 'API key name + private key',
    explanation: {
      en: 'A Coinbase key has no short secret: paste its name, organizations/{org_id}/apiKeys/{key_id}, into Keyport’s “API key” field, and the whole PEM private key, from its BEGIN line to its END line with its line breaks, into “Private key (PEM)”. There is no passphrase: that belonged to the old Coinbase Pro keys.',
      fr: 'Une clé Coinbase n’a pas de secret court : collez son nom, organizations/{org_id}/apiKeys/{key_id}, dans le champ « Clé API » de Keyport, et la clé privée PEM entière, de sa ligne BEGIN jusqu’à sa ligne END avec ses retours à la ligne, dans le champ de la clé privée (PEM). Pas de passphrase : elle appartenait aux anciennes clés Coinbase Pro.',
    },
  },
  ipWhitelist: {
    fieldName: 'IP allowlist',
    explanation: {
      en: 'Under “API restrictions”, add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”. Coinbase recommends it without requiring it. Coinbase does not report the allowlist to Keyport, so check it yourself when a key is refused.',
      fr: 'Sous « API restrictions », ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ». Coinbase le recommande sans l’exiger. Coinbase ne communique pas cette liste à Keyport : vérifiez-la vous-même si une clé est refusée.',
    },
  },
  expiry: {
    en: 'The Coinbase documentation we used sets no automatic expiry for these keys: a key works until it is deleted or regenerated in the portal. Keyport keeps checking it and flags it as soon as Coinbase stops accepting it.',
    fr: 'La documentation Coinbase consultée ne prévoit pas d’expiration automatique de ces clés : une clé fonctionne jusqu’à sa suppression ou sa régénération dans le portail. Keyport continue de la vérifier et la signale dès que Coinbase ne l’accepte plus.',
  },
  futures: {
    en: 'US futures are traded from the same Advanced Trade account once futures trading is enabled on coinbase.com; “View” reads them and “Trade” lets a bot trade them. Each key sees only the portfolio it was made for, so create it for the portfolio that holds the futures. Coinbase International is a separate exchange in Keyport, with its own keys.',
    fr: 'Les futures américains se tradent depuis le même compte Advanced Trade une fois le trading de futures activé sur coinbase.com ; « View » les lit et « Trade » permet à un bot de les trader. Chaque clé ne voit que le portefeuille pour lequel elle a été créée : créez-la pour celui qui détient les futures. Coinbase International est une plateforme distincte dans Keyport, avec ses propres clés.',
  },
  testnet: {
    available: false,
    url: null,
    explanation: {
      en: 'Coinbase has no testnet for these keys: the Advanced Trade sandbox (api-sandbox.coinbase.com) only returns fixed, mocked answers without authentication, so no key and no balance can be checked there. Leave “Testnet / demo account” unticked; a key with “View” only is a harmless way to start.',
      fr: 'Coinbase n’a pas de testnet pour ces clés : le sandbox Advanced Trade (api-sandbox.coinbase.com) ne renvoie que des réponses fixes et simulées, sans authentification, donc aucune clé ni aucun solde n’y est vérifiable. Laissez « Compte testnet / démo » décoché ; une clé « View » seule est un point de départ sans risque.',
    },
  },
  tradeCheck: {
    mode: 'reported',
    endpoint: 'GET /api/v3/brokerage/key_permissions',
    checksTradePermission: null,
    explanation: {
      en: 'Keyport reads the key’s own permissions: can_view, can_trade and can_transfer, and the portfolio it is scoped to. A key with can_transfer is refused. Advanced Trade also has a Preview Order endpoint (POST /api/v3/brokerage/orders/preview) that returns an order’s cost without placing it; its documentation does not say it checks the key’s trade permission, and Keyport does not call it.',
      fr: 'Keyport lit les permissions de la clé : can_view, can_trade et can_transfer, ainsi que le portefeuille auquel elle est limitée. Une clé avec can_transfer est refusée. Advanced Trade propose aussi un aperçu d’ordre (POST /api/v3/brokerage/orders/preview) qui renvoie le coût d’un ordre sans le passer ; sa documentation ne dit pas qu’il vérifie la permission de trader de la clé, et Keyport ne l’appelle pas.',
    },
  },
  checklist: [
    {
      en: 'The “API key” field holds the full key name, organizations/…/apiKeys/…, not only its last part and not the public key.',
      fr: 'Le champ « Clé API » contient le nom complet de la clé, organizations/…/apiKeys/…, pas seulement sa dernière partie ni la clé publique.',
    },
    {
      en: 'The private key was pasted whole, with its BEGIN and END lines and real line breaks (not “\\n” typed as text).',
      fr: 'La clé privée a été collée en entier, avec ses lignes BEGIN et END et de vrais retours à la ligne (pas « \\n » écrit en texte).',
    },
    {
      en: 'It is an ECDSA key: a key made with Coinbase’s default Ed25519 algorithm must be replaced by a new ECDSA key.',
      fr: 'C’est une clé ECDSA : une clé créée avec l’algorithme Ed25519 proposé par défaut doit être remplacée par une nouvelle clé ECDSA.',
    },
    {
      en: 'It is a Secret API key from the Developer Platform: Coinbase Exchange and Coinbase International keys belong to their own entries in Keyport, and the Coinbase Wallet app has no API keys.',
      fr: 'C’est une Secret API key du Developer Platform : les clés Coinbase Exchange et Coinbase International relèvent de leurs propres entrées dans Keyport, et l’application Coinbase Wallet n’a pas de clés API.',
    },
    {
      en: 'If the key has an IP allowlist, every Keyport address is on it.',
      fr: 'Si la clé a une IP allowlist, chaque adresse de Keyport y figure.',
    },
    {
      en: 'The key still exists in the portal and was made for the portfolio whose balances you expect: a key sees only its own portfolio.',
      fr: 'La clé existe toujours dans le portail et a été créée pour le portefeuille dont vous attendez les soldes : une clé ne voit que son propre portefeuille.',
    },
  ],
};
