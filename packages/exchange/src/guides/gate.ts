import type { ExchangeGuide } from './guide-types';

export const gateGuide: ExchangeGuide = {
  exchangeId: 'gate',
  lastChecked: '2026-12-01',
  sources: [
    'https://www.gate.com/docs/developers/apiv4/en/',
    'https://www.gate.com/docs/developers/apiv4/en/#retrieve-user-account-information',
    'https://www.gate.com/docs/developers/apiv4/en/#query-all-main-account-key-information',
    'https://www.gate.com/docs/developers/apiv4/en/#apiv4-permissions',
    'https://www.gate.com/help/guide/faq/17521/how-to-utilize-api',
  ],
  createKey: {
    menuPath: {
      en: 'Profile icon → API Management → Create API Key',
      fr: 'Icône du profil → API Management → Create API Key',
    },
    steps: [
      {
        en: 'Create an APIv4 key: Keyport signs Gate requests the APIv4 way (HMAC-SHA512). Gate’s older APIv2 keys are separate and do not work.',
        fr: 'Créez une clé APIv4 : Keyport signe les requêtes Gate selon APIv4 (HMAC-SHA512). Les anciennes clés APIv2 de Gate sont distinctes et ne fonctionnent pas.',
      },
      {
        en: 'Give the key a remark you will recognise (for example “Keyport”) and keep the live account type; choose “Testnet / demo account” only for a testnet key (see below).',
        fr: 'Donnez à la clé une remarque reconnaissable (par exemple « Keyport ») et gardez le type de compte réel ; ne choisissez « Compte testnet / démo » que pour une clé de test (voir plus bas).',
      },
      {
        en: 'Under “IP Permissions”, bind the key to Keyport’s addresses, then set each area to “Read Only” or “Read and Write” as described below.',
        fr: 'Sous « IP Permissions », liez la clé aux adresses de Keyport, puis réglez chaque domaine sur « Read Only » ou « Read and Write » comme indiqué ci-dessous.',
      },
      {
        en: 'Click “Submit”, accept the risk reminder, then confirm with your fund password and 2FA.',
        fr: 'Cliquez sur « Submit », acceptez l’avertissement sur les risques, puis confirmez avec votre mot de passe de fonds et la 2FA.',
      },
      {
        en: 'Copy the API Key and the Secret at once and keep the secret somewhere safe.',
        fr: 'Copiez tout de suite l’API Key et le Secret, et conservez le secret en lieu sûr.',
      },
    ],
  },
  permissions: [
    {
      name: 'Spot/Margin: Read Only',
      turn: 'on',
      why: {
        en: 'Lets Keyport read spot and margin balances. Reading is all Keyport needs.',
        fr: 'Permet à Keyport de lire les soldes spot et marge. La lecture suffit à Keyport.',
      },
    },
    {
      name: 'Spot/Margin: Read and Write',
      turn: 'optional',
      why: {
        en: 'Only if a bot connected through Keyport should trade spot or margin. Keyport itself never places an order.',
        fr: 'Seulement si un bot connecté via Keyport doit trader en spot ou sur marge. Keyport ne passe jamais d’ordre lui-même.',
      },
    },
    {
      name: 'Perpetual Futures',
      turn: 'optional',
      why: {
        en: '“Read Only” to see futures balances and positions (delivery contracts have their own area); “Read and Write” only if a bot trades them.',
        fr: '« Read Only » pour voir les soldes et positions futures (les contrats à livraison ont leur propre domaine) ; « Read and Write » seulement si un bot les trade.',
      },
    },
    {
      name: 'Wallet: Read and Write',
      turn: 'off',
      why: {
        en: 'Write access to the wallet moves funds between accounts; not needed to watch them.',
        fr: 'L’écriture sur le portefeuille déplace des fonds entre comptes ; inutile pour les suivre.',
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
  ],
  extraField: {
    kind: 'none',
    label: null,
    explanation: {
      en: 'Gate needs only the API Key and the Secret: there is no passphrase.',
      fr: 'Gate ne demande que l’API Key et le Secret : il n’y a pas de phrase secrète.',
    },
  },
  ipWhitelist: {
    fieldName: 'IP Permissions',
    explanation: {
      en: 'Choose to bind IP addresses and add every address Keyport shows under “Restrict the key to Keyport’s IP addresses”. An unbound key accepts requests from anywhere, but Gate keeps it valid for 90 days only.',
      fr: 'Choisissez de lier des adresses IP et ajoutez chaque adresse que Keyport affiche sous « Limitez la clé aux adresses IP de Keyport ». Une clé non liée accepte les requêtes de partout, mais Gate ne la garde valide que 90 jours.',
    },
  },
  expiry: {
    en: 'A key bound to IP addresses does not lapse. A key left unbound is valid for 90 days, then stops working: Keyport flags it, and you paste a new key in place (or bind the IPs before then).',
    fr: 'Une clé liée à des adresses IP n’expire pas. Une clé non liée est valide 90 jours, puis cesse de fonctionner : Keyport le signale, et vous collez une nouvelle clé à sa place (ou liez les IP avant l’échéance).',
  },
  futures: {
    en: 'One APIv4 key covers spot and futures: its permissions are set per area. Give “Perpetual Futures” (and “Delivery” if you hold delivery contracts) “Read Only” for Keyport to read them, or “Read and Write” for a bot. You can edit an existing key’s permissions in API Management.',
    fr: 'Une seule clé APIv4 couvre le spot et les futures : ses permissions se règlent par domaine. Mettez « Perpetual Futures » (et « Delivery » si vous détenez des contrats à livraison) sur « Read Only » pour que Keyport les lise, ou sur « Read and Write » pour un bot. Les permissions d’une clé existante se modifient dans API Management.',
  },
  testnet: {
    available: true,
    url: 'https://www.gate.com/docs/developers/apiv4/en/',
    explanation: {
      en: 'Gate’s TestNet is mainly for futures, with test funds. Testnet keys are made in API Management by choosing the “Testnet / demo account” account type; they work only with “Testnet / demo account” ticked in Keyport, and live keys only without it.',
      fr: 'Le TestNet de Gate sert surtout aux futures, avec des fonds de test. Les clés de test se créent dans API Management en choisissant le type de compte « Compte testnet / démo » ; elles ne fonctionnent qu’avec « Compte testnet / démo » coché dans Keyport, et les clés réelles seulement sans.',
    },
  },
  tradeCheck: {
    mode: 'reported',
    endpoint: 'GET /api/v4/account/detail + GET /api/v4/account/main_keys',
    checksTradePermission: null,
    explanation: {
      en: 'Keyport reads the key’s account details and the main account’s list of keys, where Gate reports each area of the key as read-only or read-write: “Read and Write” on Spot/Margin or futures means the key can trade. If Gate does not list the key (a sub-account key, for instance), its permissions show as unknown. Keyport knows of no Gate endpoint that validates an order without placing it, so it never sends one.',
      fr: 'Keyport lit les détails du compte de la clé et la liste des clés du compte principal, où Gate indique pour chaque domaine si la clé est en lecture seule ou en lecture-écriture : « Read and Write » sur Spot/Margin ou sur les futures signifie que la clé peut trader. Si Gate ne liste pas la clé (une clé de sous-compte, par exemple), ses permissions restent inconnues. Keyport ne connaît aucun point d’accès Gate qui valide un ordre sans le passer : il n’en envoie donc jamais.',
    },
  },
  checklist: [
    {
      en: 'The API Key and the Secret were copied whole, without spaces before or after.',
      fr: 'L’API Key et le Secret ont été copiés en entier, sans espace avant ni après.',
    },
    {
      en: 'Key and Secret are not swapped: the secret is the longer value shown with the key at creation.',
      fr: 'L’API Key et le Secret ne sont pas inversés : le secret est la valeur la plus longue, affichée avec la clé à sa création.',
    },
    {
      en: 'It is an APIv4 key, not an old APIv2 key: the two kinds are separate.',
      fr: 'C’est une clé APIv4, pas une ancienne clé APIv2 : les deux sortes sont distinctes.',
    },
    {
      en: 'If the key is bound to IP addresses, every Keyport address is on its list; if not, it may have passed its 90 days.',
      fr: 'Si la clé est liée à des adresses IP, chaque adresse de Keyport y figure ; sinon, elle a peut-être dépassé ses 90 jours.',
    },
    {
      en: 'Testnet keys with “Testnet / demo account” ticked, live keys without: each works only on its own platform.',
      fr: 'Clés de test avec « Compte testnet / démo » coché, clés réelles sans : chacune ne fonctionne que sur sa plateforme.',
    },
    {
      en: 'The key still exists in API Management and “Spot/Margin” is at least “Read Only”.',
      fr: 'La clé existe toujours dans API Management et « Spot/Margin » est au moins sur « Read Only ».',
    },
    {
      en: 'Gate.io and gate.com are the same exchange: keys made on either site are the same keys.',
      fr: 'Gate.io et gate.com sont la même plateforme : les clés créées sur l’un ou l’autre site sont les mêmes.',
    },
  ],
};
