import ccxt, { type Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { type KeyPermissions, UNKNOWN_PERMISSIONS } from '../../permissions/key-permissions';
import { parseBitgetPermissions } from './bitget';
import { parseBybitPermissions } from './bybit';
import { parseCoinbasePermissions } from './coinbase';
import { parseGatePermissions } from './gate';
import { parseKrakenPermissions } from './kraken';
import { parseKucoinPermissions } from './kucoin';

const UNKNOWN = { accountUid: null, permissions: UNKNOWN_PERMISSIONS };
const matrix = (fields: Partial<KeyPermissions>): KeyPermissions => ({ ...UNKNOWN_PERMISSIONS, ...fields });

/** Bodies a probe may get back that describe nothing: every field must stay unknown, none invented false. */
const MALFORMED: unknown[] = [
  undefined,
  null,
  '',
  'oops',
  42,
  [],
  {},
  { code: '0', data: null },
  { data: [] },
];

describe('KuCoin GET /api/v1/user/api-key', () => {
  // Shape of the documented example (values made up); KuCoin masks the middle of whitelisted IPs.
  const documented = {
    code: '200000',
    data: {
      remark: 'keyport-test',
      apiKey: '64f0c0ffee00000000000001',
      apiVersion: 3,
      permission: 'General,Futures,Spot,Earn,InnerTransfer,Transfer,Margin',
      ipWhitelist: '198.**.10,198.**.11',
      createdAt: 1700000000000,
      uid: 123456789,
      isMaster: true,
    },
  };

  it('normalises the documented example (Transfer = withdrawal)', () => {
    expect(parseKucoinPermissions(documented)).toEqual({
      accountUid: '123456789',
      permissions: matrix({
        read: true,
        spotTrade: true,
        margin: true,
        futures: true,
        withdraw: true,
        internalTransfer: true,
        // masked addresses prove a whitelist but cannot be compared with our egress IPs
        ipRestricted: true,
        allowedIps: null,
        accountKind: 'master',
      }),
    });
  });

  it('reads a read-only sub-account key without a whitelist', () => {
    const body = {
      code: '200000',
      data: { permission: 'General', ipWhitelist: '', uid: 987, subName: 'bot1', isMaster: false },
    };
    expect(parseKucoinPermissions(body)).toEqual({
      accountUid: '987',
      permissions: matrix({
        read: true,
        spotTrade: false,
        margin: false,
        futures: false,
        withdraw: false,
        internalTransfer: false,
        ipRestricted: false,
        allowedIps: [],
        accountKind: 'sub',
      }),
    });
  });

  it('keeps unmasked whitelisted IPs and tolerates spaces', () => {
    const body = {
      code: '200000',
      data: { permission: 'General, Spot', ipWhitelist: '203.0.113.7, 203.0.113.8' },
    };
    const { permissions } = parseKucoinPermissions(body);
    expect(permissions.spotTrade).toBe(true);
    expect(permissions.withdraw).toBe(false);
    expect(permissions).toMatchObject({ ipRestricted: true, allowedIps: ['203.0.113.7', '203.0.113.8'] });
    // fields the body left out stay unknown
    expect(permissions).toMatchObject({ accountKind: null, expiresAt: null });
  });

  it('reads the newer names too: Withdrawal is withdrawal, FlexTransfers internal transfer', () => {
    const body = {
      code: '200000',
      data: { permission: 'General,Withdrawal,FlexTransfers', ipWhitelist: '' },
    };
    expect(parseKucoinPermissions(body).permissions).toMatchObject({
      read: true,
      spotTrade: false,
      withdraw: true,
      internalTransfer: true,
    });
  });

  it.each([...MALFORMED, { data: { permission: 42 } }, { data: { permission: '' } }])(
    'leaves %j unknown',
    (body) => {
      expect(parseKucoinPermissions(body)).toEqual(UNKNOWN);
    },
  );
});

describe('Coinbase GET /api/v3/brokerage/key_permissions', () => {
  const documented = {
    can_view: true,
    can_trade: true,
    can_transfer: false,
    portfolio_uuid: '00000000-0000-4000-8000-000000000001',
    portfolio_type: 'DEFAULT',
  };

  it('normalises the documented example, leaving what it does not report unknown', () => {
    expect(parseCoinbasePermissions(documented)).toEqual({
      accountUid: null,
      permissions: matrix({ read: true, spotTrade: true, withdraw: false, internalTransfer: false }),
    });
  });

  it('a transfer-enabled key can withdraw', () => {
    expect(parseCoinbasePermissions({ ...documented, can_transfer: true }).permissions.withdraw).toBe(true);
  });

  it('a view-only key cannot trade', () => {
    const { permissions } = parseCoinbasePermissions({ ...documented, can_trade: false });
    expect(permissions).toMatchObject({ read: true, spotTrade: false });
  });

  it('never claims an IP restriction it was not told about', () => {
    expect(parseCoinbasePermissions(documented).permissions).toMatchObject({
      ipRestricted: null,
      allowedIps: null,
    });
  });

  it.each([...MALFORMED, { can_view: 'yes', can_trade: 1 }])('leaves %j unknown', (body) => {
    expect(parseCoinbasePermissions(body)).toEqual(UNKNOWN);
  });
});

describe('Bitget GET /api/v2/spot/account/info', () => {
  const envelope = (data: Record<string, unknown>) => ({
    code: '00000',
    msg: 'success',
    requestTime: 1700000000000,
    data: {
      userId: '5550001',
      inviterId: '5550000',
      ips: '203.0.113.7',
      parentId: 5550001,
      traderType: 'not_trader',
      channelCode: 'abcd',
      channel: 'keyport',
      regisTime: '1700000000000',
      ...data,
    },
  });

  it('normalises the documented shape with the documented authority codes', () => {
    const body = envelope({ authorities: ['stor', 'stow', 'smor', 'coor', 'cpor', 'wtor'] });
    expect(parseBitgetPermissions(body)).toEqual({
      accountUid: '5550001',
      permissions: matrix({
        read: true,
        spotTrade: true,
        margin: false,
        futures: false,
        withdraw: false,
        internalTransfer: false,
        ipRestricted: true,
        allowedIps: ['203.0.113.7'],
        accountKind: 'master',
      }),
    });
  });

  it('a key with wallet withdrawal (wwow) can withdraw', () => {
    const body = envelope({ authorities: ['stor', 'wtow', 'wwow', 'coow'] });
    expect(parseBitgetPermissions(body).permissions).toMatchObject({
      withdraw: true,
      internalTransfer: true,
      futures: true,
    });
  });

  it('a read-only key cannot trade', () => {
    const { permissions } = parseBitgetPermissions(
      envelope({ authorities: ['stor', 'smor', 'coor', 'cpor'] }),
    );
    expect(permissions).toMatchObject({ read: true, spotTrade: false, futures: false, withdraw: false });
  });

  it('an empty ips string is an unrestricted key', () => {
    const { permissions } = parseBitgetPermissions(envelope({ authorities: ['stor'], ips: '' }));
    expect(permissions).toMatchObject({ ipRestricted: false, allowedIps: [] });
  });

  it('a parentId other than the userId is a sub-account', () => {
    const body = envelope({ authorities: ['stor'], userId: '5550002', parentId: 5550001 });
    expect(parseBitgetPermissions(body).permissions.accountKind).toBe('sub');
  });

  it('the legacy words of the doc example prove reading and nothing else', () => {
    const { permissions } = parseBitgetPermissions(envelope({ authorities: ['trade', 'readonly'] }));
    expect(permissions).toMatchObject({
      read: true,
      spotTrade: null,
      withdraw: null,
      internalTransfer: null,
    });
  });

  it.each([...MALFORMED, { code: '00000', data: { authorities: 'stor' } }, { data: { authorities: [] } }])(
    'leaves %j unknown',
    (body) => {
      expect(parseBitgetPermissions(body)).toEqual(UNKNOWN);
    },
  );
});

describe('Gate GET /account/detail + GET /account/main_keys', () => {
  const apiKey = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
  const detail = {
    user_id: 10000001,
    ip_whitelist: ['203.0.113.7'],
    currency_pairs: ['BTC_USDT'],
    key: { mode: 1 },
    tier: 2,
    copy_trading_role: 0,
  };
  const keyEntry = (key: string, perms: { name: string; read_only: boolean }[]) => ({
    state: 1,
    mode: 1,
    name: 'keyport-test',
    user_id: 10000001,
    perms,
    ip_whitelist: ['203.0.113.7'],
    currency_pairs: [],
    key,
    created_at: 1700000000,
    update_at: 1700000000,
    last_access: 1700000000,
  });
  // Documented shape: every key of the main account, each masked to its first characters.
  const mainKeys = (perms: { name: string; read_only: boolean }[]) => [
    keyEntry('ffff0000eeee*****', [{ name: 'spot', read_only: false }]),
    keyEntry(`${apiKey.slice(0, 12)}*****`, perms),
  ];
  const documentedPerms = [
    { name: 'account', read_only: false },
    { name: 'spot', read_only: false },
  ];

  it('normalises the documented examples, picking our key out of the masked list', () => {
    expect(parseGatePermissions(detail, mainKeys(documentedPerms), apiKey)).toEqual({
      accountUid: '10000001',
      permissions: matrix({
        read: true,
        spotTrade: true,
        // the doc's spot group is "spot/margin"
        margin: true,
        futures: false,
        // no withdrawal group among the documented perm names: not reported
        withdraw: null,
        internalTransfer: false,
        ipRestricted: true,
        allowedIps: ['203.0.113.7'],
        accountKind: null,
      }),
    });
  });

  it('a key listing a writable withdrawal group can withdraw; wallet alone is only transfers', () => {
    const withWithdraw = parseGatePermissions(
      detail,
      mainKeys([{ name: 'withdraw', read_only: false }]),
      apiKey,
    );
    expect(withWithdraw.permissions.withdraw).toBe(true);
    const walletOnly = parseGatePermissions(detail, mainKeys([{ name: 'wallet', read_only: false }]), apiKey);
    expect(walletOnly.permissions).toMatchObject({ withdraw: null, internalTransfer: true });
  });

  it('a read-only key cannot trade', () => {
    const perms = [
      { name: 'spot', read_only: true },
      { name: 'futures', read_only: true },
    ];
    expect(parseGatePermissions(detail, mainKeys(perms), apiKey).permissions).toMatchObject({
      read: true,
      spotTrade: false,
      margin: false,
      futures: false,
    });
  });

  it('an empty whitelist is an unrestricted key', () => {
    const { permissions } = parseGatePermissions(
      { ...detail, ip_whitelist: [] },
      mainKeys(documentedPerms),
      apiKey,
    );
    expect(permissions).toMatchObject({ ipRestricted: false, allowedIps: [] });
  });

  it('a key missing from (or ambiguous in) the list keeps only what detail reported', () => {
    const expected = {
      accountUid: '10000001',
      permissions: matrix({ ipRestricted: true, allowedIps: ['203.0.113.7'] }),
    };
    expect(
      parseGatePermissions(detail, mainKeys(documentedPerms), 'ffffffffffffffffffffffffffffffff'),
    ).toEqual(expected);
    const twice = [
      keyEntry(`${apiKey.slice(0, 12)}*****`, documentedPerms),
      keyEntry(`${apiKey.slice(0, 10)}***`, []),
    ];
    expect(parseGatePermissions(detail, twice, apiKey)).toEqual(expected);
    expect(parseGatePermissions(detail, mainKeys(documentedPerms), '')).toEqual(expected);
  });

  it.each(MALFORMED)('leaves %j unknown', (body) => {
    expect(parseGatePermissions(body, body, apiKey)).toEqual(UNKNOWN);
  });

  it('keeps what detail said when the key list was refused (no key list to match)', () => {
    expect(parseGatePermissions(detail, undefined, apiKey)).toEqual({
      accountUid: '10000001',
      permissions: matrix({ ipRestricted: true, allowedIps: ['203.0.113.7'] }),
    });
  });
});

describe('the implicit ccxt methods the probes call', () => {
  it.each([
    ['kucoin', 'privateGetUserApiKey'],
    ['coinbase', 'v3PrivateGetBrokerageKeyPermissions'],
    ['bitget', 'privateSpotGetV2SpotAccountInfo'],
    ['gate', 'privateAccountGetDetail'],
    ['gate', 'privateAccountGetMainKeys'],
    ['bybit', 'privateGetV5UserQueryApi'],
    ['binance', 'sapiGetAccountApiRestrictions'],
    ['okx', 'privateGetAccountConfig'],
    ['kraken', 'privatePostGetApiKeyInfo'],
  ])('%s has %s in the installed ccxt', (id, method) => {
    const Exchange = (ccxt as unknown as Record<string, new () => Exchange>)[id] as new () => Exchange;
    expect(typeof (new Exchange() as unknown as Record<string, unknown>)[method]).toBe('function');
  });
});

describe('the siblings ask their own host for the same documented endpoint', () => {
  // offline: ccxt signs the probe's request and the fetch is caught before anything leaves the machine
  it.each([
    [
      'binanceusdm',
      'sapiGetAccountApiRestrictions',
      'https://api.binance.com/sapi/v1/account/apiRestrictions',
    ],
    [
      'binancecoinm',
      'sapiGetAccountApiRestrictions',
      'https://api.binance.com/sapi/v1/account/apiRestrictions',
    ],
    ['okxus', 'privateGetAccountConfig', 'https://us.okx.com/api/v5/account/config'],
    ['myokx', 'privateGetAccountConfig', 'https://eea.okx.com/api/v5/account/config'],
    ['bybiteu', 'privateGetV5UserQueryApi', 'https://api.bybit.eu/v5/user/query-api'],
    ['bybitid', 'privateGetV5UserQueryApi', 'https://api.bybit.id/v5/user/query-api'],
    ['kucoinfutures', 'privateGetUserApiKey', 'https://api.kucoin.com/api/v1/user/api-key'],
    ['gateeu', 'privateAccountGetDetail', 'https://api.gateeu.com/api/v4/account/detail'],
    ['gateeu', 'privateAccountGetMainKeys', 'https://api.gateeu.com/api/v4/account/main_keys'],
  ])('%s %s → %s, signed', async (id, method, url) => {
    const Exchange = (ccxt as unknown as Record<string, new (config: object) => Exchange>)[id]!;
    const exchange = new Exchange({ apiKey: 'key', secret: 'c2VjcmV0', password: 'pass', uid: 'uid' });
    const sent: { url: string; headers: Record<string, string> }[] = [];
    exchange.fetch = async (target: string, _method: string, headers: Record<string, string>) => {
      sent.push({ url: target, headers: headers ?? {} });
      throw new Error('offline');
    };
    await expect(
      (exchange as unknown as Record<string, () => Promise<unknown>>)[method]!.call(exchange),
    ).rejects.toThrow('offline');
    expect(sent[0]?.url.split('?')[0]).toBe(url);
    // the key travels in a header or in the signed query, never missing
    const request = JSON.stringify(sent[0]);
    expect(request).toMatch(/key/);
    expect(request).toMatch(/sign|SIGN|signature|Signature/);
  });
});

describe('bybit /v5/user/query-api', () => {
  // shaped as Bybit's documented example (values invented)
  const body = (result: Record<string, unknown>) => ({
    retCode: 0,
    retMsg: '',
    result,
    retExtInfo: {},
    time: 1,
  });
  const key = {
    id: '13770661',
    note: 'keyport',
    apiKey: 'XXXXXX',
    readOnly: 0,
    secret: '',
    permissions: {
      ContractTrade: ['Order', 'Position'],
      Spot: ['SpotTrade'],
      Wallet: ['AccountTransfer'],
      Options: [],
    },
    ips: ['203.0.113.7'],
    type: 1,
    deadlineDay: -1,
    expiredAt: '',
    createdAt: '2026-10-16T02:24:40Z',
    uta: 1,
    userID: 24600000,
    isMaster: false,
  };

  it('reads the groups, the bound IPs and the owner', () => {
    expect(parseBybitPermissions(body(key))).toEqual({
      accountUid: '24600000',
      permissions: {
        read: true,
        spotTrade: true,
        margin: null,
        futures: true,
        withdraw: false,
        internalTransfer: true,
        ipRestricted: true,
        allowedIps: ['203.0.113.7'],
        expiresAt: null,
        accountKind: 'sub',
      },
    });
  });

  it('sees withdrawals, read-only keys and the lapse date of a key bound to no IP', () => {
    const withdraw = parseBybitPermissions(body({ ...key, permissions: { Wallet: ['Withdraw'] } }));
    expect(withdraw.permissions.withdraw).toBe(true);
    const readOnly = parseBybitPermissions(
      body({ ...key, readOnly: 1, ips: ['*'], expiredAt: '2027-02-16T00:00:00Z', deadlineDay: 77 }),
    );
    expect(readOnly.permissions).toMatchObject({
      spotTrade: false,
      futures: false,
      ipRestricted: false,
      allowedIps: [],
      expiresAt: '2027-02-16T00:00:00.000Z',
    });
  });

  it('says nothing it was not told: an empty or malformed answer is unknown, never false', () => {
    for (const response of [{}, null, body({}), { result: 'x' }])
      expect(parseBybitPermissions(response)).toEqual({ accountUid: null, permissions: UNKNOWN_PERMISSIONS });
    const noGroups = parseBybitPermissions(body({ userID: 1 }));
    expect([
      noGroups.permissions.withdraw,
      noGroups.permissions.spotTrade,
      noGroups.permissions.ipRestricted,
    ]).toEqual([null, null, null]);
  });
});

describe('kraken GET /0/private/GetApiKeyInfo', () => {
  const info = (result: Record<string, unknown>) => ({ error: [], result });
  it('reads the permission names, the allowlist and validUntil', () => {
    const probe = parseKrakenPermissions(
      info({
        apiKeyName: 'keyport',
        permissions: ['query-funds', 'query-open-trades', 'modify-trades', 'withdraw-funds'],
        ipAllowlist: ['203.0.113.7'],
        validUntil: '1798761600',
        nonceWindow: 0,
      }),
    );
    expect(probe).toEqual({
      accountUid: null,
      permissions: matrix({
        read: true,
        spotTrade: true,
        withdraw: true,
        ipRestricted: true,
        allowedIps: ['203.0.113.7'],
        expiresAt: '2027-01-01T00:00:00.000Z',
      }),
    });
    const readOnly = parseKrakenPermissions(
      info({ permissions: ['query-funds'], ipAllowlist: [], validUntil: '0' }),
    );
    expect(readOnly.permissions).toMatchObject({
      read: true,
      spotTrade: false,
      withdraw: false,
      ipRestricted: false,
      expiresAt: null,
    });
  });

  it.each(MALFORMED)('leaves %j unknown', (body) => {
    expect(parseKrakenPermissions(body)).toEqual(UNKNOWN);
  });
});
