// Boundaries of the 2FAS reader and writer (src/_backup-2fas.ts) that mutation testing
// (test/MUTATION.md, slice `backup-apps`) found unpinned: what a file that is not a 2FAS backup is
// told, the schema versions read, `servicesEncrypted`, how a service finds its group, the defaults
// by kind, the field each refusal names, and the fields of a written file that only 2FAS reads
// (they do not come back through readBackup, so the round trips cannot see them).
import { describe, expect, test } from 'vitest';
import { MAX_BACKUP_ENTRIES, readBackup, writeBackup } from '../../src/backup.ts';
import { nameUuid } from '../../src/_backup-common.ts';
import { base32Decode, detectFormat, type TokenInput } from '../../src/index.ts';
import { SNIFF_JSON } from '../../src/detect.ts';
import { otpError } from './otp-error.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const KEY = base32Decode(SECRET);
const read = (file: unknown) => readBackup(JSON.stringify(file), { format: '2fas' });
/** A file of `services` (schema 4 unless `rest` says otherwise). */
const file = (services: unknown[], rest: Record<string, unknown> = {}) => ({ services, schemaVersion: 4, ...rest });
/** A TOTP service of ACME's whose `otp` fields are `otp`'s (over ACME's issuer and alice's account). */
const service = (otp: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  name: 'ACME',
  secret: SECRET,
  otp: { account: 'alice', issuer: 'ACME', ...otp },
  ...rest,
});

describe('reading 2FAS: the file', () => {
  test('not an object is INVALID_BACKUP naming 2FAS and what was expected', () => {
    for (const text of ['null', '[]', '"services"', '5']) {
      const e = otpError(() => readBackup(text, { format: '2fas' }));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message).toContain('2FAS');
      expect(e.message).toMatch(/object/);
    }
  });

  test('services not an array is INVALID_BACKUP naming 2FAS and services', () => {
    for (const rest of [{}, { services: {} }, { services: null }, { services: 'x' }]) {
      const e = otpError(() => read({ schemaVersion: 4, ...rest }));
      expect(e.code, JSON.stringify(rest)).toBe('INVALID_BACKUP');
      expect(e.message).toContain('2FAS');
      expect(e.message).toMatch(/services must be an array/);
    }
  });

  test('schemaVersion: absent or null is 1, 1 to 4 are read, a newer one is BACKUP_UNSUPPORTED, anything else INVALID_BACKUP', () => {
    for (const version of [undefined, null, 1, 2, 3, 4]) {
      expect(read({ services: [service()], schemaVersion: version }).tokens, String(version)).toHaveLength(1);
    }
    for (const version of [5, 99]) {
      const e = otpError(() => read(file([service()], { schemaVersion: version })));
      expect(e.code).toBe('BACKUP_UNSUPPORTED');
      expect(e.message).toContain('2FAS');
      expect(e.message).toContain(`schema version ${version}`);
    }
    for (const version of [0, -1, 1.5, '4', true, [4]]) {
      const e = otpError(() => read(file([service()], { schemaVersion: version })));
      expect(e.code, JSON.stringify(version)).toBe('INVALID_BACKUP');
      expect(e.message).toContain('2FAS');
      expect(e.message).toContain('schemaVersion must be 1 to 4');
    }
  });

  test('servicesEncrypted: any string is BACKUP_ENCRYPTED wherever the member sits, as detectFormat has it; null or another type is a plain file', () => {
    const late = (value: string) => `{"services":[],"schemaVersion":4,${' '.repeat(SNIFF_JSON)}"servicesEncrypted":${JSON.stringify(value)}}`;
    for (const value of ['a:b:c', '']) {
      // Past the detector's window only the reader sees the member; within it, the detector.
      expect(detectFormat(late(value))).toBe('2fas');
      for (const [text, options] of [
        [late(value), undefined],
        [late(value), { format: '2fas' } as const],
        [JSON.stringify(file([], { servicesEncrypted: value })), undefined],
      ] as const) {
        const e = otpError(() => readBackup(text, options));
        expect(e.code, JSON.stringify([value, text.length, options])).toBe('BACKUP_ENCRYPTED');
        expect(e.message).toContain('2FAS');
        expect(e.message).toContain('servicesEncrypted');
        expect(e.message).toContain('decryptBackup');
      }
    }
    for (const servicesEncrypted of [null, 5]) {
      expect(read(file([service()], { servicesEncrypted })).tokens, JSON.stringify(servicesEncrypted)).toHaveLength(1);
    }
  });

  test('groups: a service finds its group by its groupId; a group without a string id and name, or an id no group has, gives none', () => {
    const groups = [null, 5, 'x', { id: 7, name: 'Number' }, { id: 'n', name: 9 }, { name: 'No id' }, { id: 'w', name: 'Work' }];
    const services = [
      service({}, { groupId: 'w' }),
      service({}, { groupId: 'n' }),
      service({}, { groupId: '7' }),
      service({}, { groupId: 'nowhere' }),
      service(), // no groupId: the group without an id is not its group either
    ];
    const { tokens, skipped } = read(file(services, { groups }));
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => t.extras?.groups)).toEqual(['["Work"]', undefined, undefined, undefined, undefined]);
    // No groups member at all: a file of services alone.
    expect(read(file([service({}, { groupId: 'w' })])).tokens[0]!.extras).toBeUndefined();
  });
});

describe('reading 2FAS: a service', () => {
  test('defaults by kind: STEAM has 5 digits, TOTP and HOTP 6; TOTP 30 s; HOTP counter 0; no tokenType is TOTP', () => {
    const { tokens, skipped } = read(
      file([
        service({ tokenType: 'STEAM' }),
        service({ tokenType: 'TOTP' }),
        service({}),
        service({ tokenType: 'HOTP' }),
        service({ tokenType: 'TOTP', period: 60, digits: 8 }),
      ]),
    );
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.digits, t.period, t.counter])).toEqual([
      ['steam', 5, 30, undefined],
      ['totp', 6, 30, undefined],
      ['totp', 6, 30, undefined],
      ['hotp', 6, undefined, 0],
      ['totp', 8, 60, undefined],
    ]);
  });

  test('issuer and account: the label stands for a missing account, the name for a missing issuer unless it repeats the account; empty ones are absent', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>][] = [
      // [otp, service fields, what the token has]
      [{ issuer: 'Iss', account: 'a' }, { name: 'Service' }, { issuer: 'Iss', account: 'a', extras: { '2fas.name': 'Service' } }],
      [{ issuer: undefined, account: 'a' }, { name: 'Service' }, { issuer: 'Service', account: 'a' }],
      [{ issuer: undefined, account: 'bob' }, { name: 'bob' }, { account: 'bob' }],
      [{ issuer: undefined, account: undefined, label: 'bob' }, { name: 'Service' }, { issuer: 'Service', account: 'bob' }],
      [{ issuer: '', account: 'bob' }, { name: '' }, { account: 'bob' }],
      [{ issuer: 'Iss', account: '' }, { name: 'Iss' }, { issuer: 'Iss' }],
      [{ issuer: null, account: null }, { name: null }, {}],
    ];
    for (const [otp, rest, want] of cases) {
      const { tokens, skipped } = read(file([service(otp, rest)]));
      expect(skipped, JSON.stringify([otp, rest])).toEqual([]);
      expect(tokens[0], JSON.stringify([otp, rest])).toStrictEqual({ kind: 'totp', key: KEY, algorithm: 'SHA1', digits: 6, period: 30, t0: 0, ...want });
    }
  });

  test("2FAS's own fields become its extras: the service name, icon, badge colour and serviceTypeID", () => {
    const icon = { selected: 'Label', label: { text: 'AC', backgroundColor: 'Orange' } };
    const one = read(file([service({ issuer: 'Iss' }, { name: 'Service', icon, badge: { color: 'Red' }, serviceTypeID: 'st-1' })])).tokens[0]!;
    expect(one.extras).toEqual({
      '2fas.name': 'Service',
      '2fas.icon': JSON.stringify(icon),
      '2fas.badge': 'Red',
      '2fas.serviceTypeID': 'st-1',
    });
    // A badge whose colour is not a string is left out; the token is read.
    for (const badge of [{ color: ['Red'] }, { color: 5 }, 'Red', null]) {
      const { tokens, skipped } = read(file([service({}, { badge })]));
      expect([skipped, tokens[0]!.extras], JSON.stringify(badge)).toEqual([[], undefined]);
    }
  });

  test('a service that cannot be read is skipped with the code and the field its reason names', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      // [service, code, the reason's start]
      [service({}, { otp: 5 }), 'INVALID_BACKUP', /^otp must be an object/],
      [service({ tokenType: 5 }), 'INVALID_BACKUP', /^otp\.tokenType must be a string/],
      [service({}, { secret: '' }), 'INVALID_KEY', /^secret is empty/],
      [service({ digits: 11 }), 'INVALID_DIGITS', /^otp\.digits must be from 1 to 10/],
      [service({ digits: 1.5 }), 'INVALID_BACKUP', /^otp\.digits must be an integer/],
      [service({ tokenType: 'HOTP', counter: -1 }), 'INVALID_COUNTER', /^otp\.counter must not be negative/],
      [service({ tokenType: 'HOTP', counter: 1.5 }), 'INVALID_BACKUP', /^otp\.counter must be an integer/],
      [service({ period: 0 }), 'INVALID_PERIOD', /^otp\.period must be from 1 to/],
      [service({ period: '30' }), 'INVALID_BACKUP', /^otp\.period must be an integer/],
      [service({ account: 5 }), 'INVALID_BACKUP', /^otp\.account must be a string/],
      [service({ account: undefined, label: 5 }), 'INVALID_BACKUP', /^otp\.label must be a string/],
      [service({ issuer: 5 }), 'INVALID_BACKUP', /^otp\.issuer must be a string/],
      [service({ tokenType: 'YAOTP' }), 'BACKUP_UNSUPPORTED', /^otp\.tokenType "YAOTP" is not a kind/],
    ];
    for (const [entry, code, reason] of cases) {
      const { tokens, skipped } = read(file([entry]));
      expect(tokens, JSON.stringify(entry)).toEqual([]);
      expect([skipped[0]!.code, skipped[0]!.reason], JSON.stringify(entry)).toEqual([code, expect.stringMatching(reason)]);
    }
    // An unknown tokenType is quoted up to 16 characters.
    const long = read(file([service({ tokenType: 'X'.repeat(40) })])).skipped[0]!.reason;
    expect(long).toContain(`"${'X'.repeat(16)}"`);
  });

  test('a skipped service is named by its otp issuer (else the service name) and account', () => {
    const broken = (otp: Record<string, unknown>) => service({ digits: 0, ...otp }, { name: 'Service' });
    const { skipped } = read(file([broken({ issuer: 'Iss', account: 'a' }), broken({ issuer: undefined, account: 'a' }), { name: 'Lone', otp: 5 }]));
    expect(skipped.map((s) => s.name)).toEqual(['Iss: a', 'Service: a', 'Lone']);
  });
});

describe('writing 2FAS', () => {
  const now = 1_700_000_000_000;
  const parsed = (tokens: TokenInput[]) => JSON.parse(writeBackup(tokens, '2fas', { now })) as Record<string, any>;

  test("the file: schema 4 with 2FAS's app fields, one expanded group per name with a name-based id, services in order", () => {
    const out = parsed([
      { kind: 'totp', key: KEY, issuer: 'ACME', account: 'alice', extras: { groups: '["Work","Home"]' } },
      { kind: 'totp', key: KEY, account: 'bob', extras: { groups: '["Work"]' } },
      { kind: 'totp', key: KEY, account: 'carol' },
    ]);
    const { services, groups, ...rest } = out;
    expect(rest).toEqual({ updatedAt: now, schemaVersion: 4, appVersionCode: 0, appVersionName: '', appOrigin: 'android' });
    // One group each token may be in (2FAS has one): the first.
    expect(groups).toEqual([{ id: nameUuid('Work'), name: 'Work', isExpanded: true, updatedAt: now }]);
    expect(services.map((s: any) => [s.order, s.groupId, s.updatedAt])).toEqual([
      [{ position: 0 }, nameUuid('Work'), now],
      [{ position: 1 }, nameUuid('Work'), now],
      [{ position: 2 }, undefined, now],
    ]);
    expect('groupId' in services[2]).toBe(false);
    // No token in a group: no groups and no groupId.
    const none = parsed([{ kind: 'totp', key: KEY }]);
    expect([none.groups, 'groupId' in none.services[0]]).toEqual([[], false]);
  });

  test("each service's otp by kind: a period for TOTP and Steam, a counter for HOTP; the label is the account or empty; the source is Manual", () => {
    const [totp, hotp, steam] = parsed([
      { kind: 'totp', key: KEY, issuer: 'ACME', account: 'alice', period: 60 },
      { kind: 'hotp', key: KEY, counter: 7, algorithm: 'SHA256', digits: 8 },
      { kind: 'steam', key: KEY, issuer: 'Steam', account: 'dave' },
    ]).services;
    expect(totp.otp).toEqual({
      label: 'alice',
      account: 'alice',
      issuer: 'ACME',
      digits: 6,
      period: 60,
      algorithm: 'SHA1',
      tokenType: 'TOTP',
      source: 'Manual',
    });
    expect(hotp.otp).toEqual({ label: '', account: '', digits: 8, algorithm: 'SHA256', counter: 7, tokenType: 'HOTP', source: 'Manual' });
    expect(steam.otp).toEqual({
      label: 'dave',
      account: 'dave',
      issuer: 'Steam',
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
      tokenType: 'STEAM',
      source: 'Manual',
    });
    expect([totp.name, hotp.name, steam.name]).toEqual(['ACME', '', 'Steam']);
  });

  test("2FAS's extras are written where 2FAS keeps them and come back; an icon that is not a JSON object is left out", () => {
    const extras = { '2fas.name': 'Acme Inc', '2fas.badge': 'Red', '2fas.icon': '{"selected":"Label"}', '2fas.serviceTypeID': 'st-1' };
    const token: TokenInput = { kind: 'totp', key: KEY, issuer: 'ACME', account: 'alice', extras };
    const text = writeBackup([token], '2fas', { now });
    const [s] = (JSON.parse(text) as Record<string, any>).services;
    expect([s.name, s.badge, s.icon, s.serviceTypeID]).toEqual(['Acme Inc', { color: 'Red' }, { selected: 'Label' }, 'st-1']);
    expect(readBackup(text).tokens[0]!.extras).toEqual(extras);
    for (const icon of ['not JSON', '[1]', '"Label"']) {
      const [plain] = parsed([{ kind: 'totp', key: KEY, extras: { '2fas.icon': icon } }]).services;
      expect(['icon' in plain, 'badge' in plain], icon).toEqual([false, false]);
    }
  });

  test('counters: 2^31-1 is written, 2^31 is INVALID_COUNTER naming the token, the counter and 2FAS', () => {
    const top = 2 ** 31 - 1;
    expect(readBackup(writeBackup([{ kind: 'hotp', key: KEY, counter: top }], '2fas', { now })).tokens[0]!.counter).toBe(top);
    const e = otpError(() =>
      writeBackup(
        [
          { kind: 'totp', key: KEY },
          { kind: 'hotp', key: KEY, account: 'bob', counter: 2 ** 31 },
        ],
        '2fas',
        { now },
      ),
    );
    expect(e.code).toBe('INVALID_COUNTER');
    expect(e.message).toContain('tokens[1]');
    expect(e.message).toContain(String(2 ** 31));
    expect(e.message).toContain('2FAS');
  });

  test('what 2FAS cannot carry, and too many tokens, are refused naming 2FAS', () => {
    const ocra = otpError(() => writeBackup([{ kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }], '2fas', { now }));
    expect([ocra.code, ocra.message.includes('2FAS')]).toEqual(['BACKUP_UNSUPPORTED', true]);
    const many = otpError(() => writeBackup(Array<TokenInput>(MAX_BACKUP_ENTRIES + 1).fill({ kind: 'totp', key: KEY }), '2fas', { now }));
    expect(many.code).toBe('INPUT_TOO_LONG');
    expect(many.message).toContain('2FAS');
  });
});
