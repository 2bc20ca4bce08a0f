// Every options and input object of every public function refuses a key it does not know, and
// names the key it was probably meant to be: a misspelt option is misuse, never silently ignored
// (hotp(key, 0, { digit: 8 }) once gave 6 digits). The list is checked against the package's
// exports, so a new function with an options object must be added here.
import { expect, test } from 'vitest';
import * as oathkit from '../../src/index.ts';
import * as backup from '../../src/backup.ts';

const key = new TextEncoder().encode('12345678901234567890');
const suite = 'OCRA-1:HOTP-SHA1-6:QN08';
// Made inside the tests that use them, not while the file is collected (under Stryker, code run
// then counts for every test: see test/MUTATION.md).
const verifier = () => oathkit.createVerifier(key);
const hotpState = () => oathkit.createTokenState('hotp');
const totpState = () => oathkit.createTokenState('totp');
const uri = 'otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ';
const recovery = () => oathkit.generateRecoveryCodes({ count: 1 }).set;

/** [function name, call with a misspelt key, expected code, the name the message must suggest]. */
const CASES: [string, () => unknown, string, string][] = [
  ['hotp', () => oathkit.hotp(key, 0, { digit: 8 } as never), 'INVALID_OPTIONS', 'digits'],
  ['verifyHotp', () => oathkit.verifyHotp('123456', key, 0, { windw: 2 } as never), 'INVALID_OPTIONS', 'window'],
  ['resyncHotp', () => oathkit.resyncHotp(['123456', '123456'], key, 0, { Window: 2 } as never), 'INVALID_OPTIONS', 'window'],
  ['totp', () => oathkit.totp(key, { peroid: 60 } as never), 'INVALID_OPTIONS', 'period'],
  ['verifyTotp', () => oathkit.verifyTotp('123456', key, { drfit: 1 } as never), 'INVALID_OPTIONS', 'drift'],
  ['timeStep', () => oathkit.timeStep({ now: 0, perod: 60 } as never), 'INVALID_OPTIONS', 'period'],
  ['secondsRemaining', () => oathkit.secondsRemaining({ T0: 5 } as never), 'INVALID_OPTIONS', 't0'],
  ['ocra', () => oathkit.ocra(suite, key, { challange: '12345678' } as never), 'INVALID_OCRA_INPUT', 'challenge'],
  ['verifyOcra', () => oathkit.verifyOcra('123456', suite, key, { challenge: '1' }, { counterWindw: 1 } as never), 'INVALID_OPTIONS', 'counterWindow'],
  ['createVerifier', () => oathkit.createVerifier(key, { algoritm: 'SHA1' } as never), 'INVALID_OPTIONS', 'algorithm'],
  ['createVerifier().verifyTotp', () => verifier().verifyTotp('123456', { windw: 1 } as never), 'INVALID_OPTIONS', 'window'],
  ['steamGuard', () => oathkit.steamGuard(key, { perod: 30 } as never), 'INVALID_OPTIONS', 'period'],
  ['verifySteamGuard', () => oathkit.verifySteamGuard('ABCDE', key, { afer: 1 } as never), 'INVALID_OPTIONS', 'after'],
  ['normalizeToken', () => oathkit.normalizeToken({ kind: 'totp', key, peroid: 60 } as never), 'INVALID_TOKEN', 'period'],
  ['formatOtpauthUri', () => oathkit.formatOtpauthUri({ kind: 'totp', key, acount: 'a' } as never), 'INVALID_TOKEN', 'account'],
  ['formatMigrationUri', () => oathkit.formatMigrationUri([{ kind: 'totp', key }], { batchID: 1 } as never), 'INVALID_OPTIONS', 'batchId'],
  ['formatMigrationUris', () => oathkit.formatMigrationUris([{ kind: 'totp', key }], { maxToken: 5 } as never), 'INVALID_OPTIONS', 'maxTokens'],
  ['encodeActivation', () => oathkit.encodeActivation({ kind: 'hotp', key, conter: 1 } as never), 'INVALID_TOKEN', 'counter'],
  ['decodeActivation', () => oathkit.decodeActivation('XUU75-RROTT-Y5IP6-U3BMV', { polcy: '' } as never), 'INVALID_OPTIONS', 'policy'],
  ['decodeMobilePass', () => oathkit.decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV', { Policy: '' } as never), 'INVALID_OPTIONS', 'policy'],
  ['createTokenState', () => oathkit.createTokenState('totp', { drfit: 1 } as never), 'INVALID_OPTIONS', 'drift'],
  ['authenticate', () => oathkit.authenticate(totpState(), '123456', key, { windw: 1 } as never), 'INVALID_OPTIONS', 'window'],
  ['authenticate policy', () => oathkit.authenticate(hotpState(), '123456', key, { policy: { maxFailure: 3 } } as never), 'INVALID_POLICY', 'maxFailures'],
  ['resynchronize', () => oathkit.resynchronize(hotpState(), ['123456', '123456'], key, { windw: 3 } as never), 'INVALID_OPTIONS', 'window'],
  ['generate', () => oathkit.generate({ kind: 'totp', key }, { nw: 0 } as never), 'INVALID_OPTIONS', 'now'],
  ['verify', () => oathkit.verify({ kind: 'hotp', key }, '123456', { windows: 1 } as never), 'INVALID_OPTIONS', 'window'],
  ['base32Encode', () => oathkit.base32Encode(key, { pading: true } as never), 'INVALID_OPTIONS', 'padding'],
  ['generateRecoveryCodes', () => oathkit.generateRecoveryCodes({ cont: 5 } as never), 'INVALID_OPTIONS', 'count'],
  ['regenerateRecoveryCodes', () => oathkit.regenerateRecoveryCodes(recovery(), { bit: 80 } as never), 'INVALID_OPTIONS', 'bits'],
  ['useRecoveryCode', () => oathkit.useRecoveryCode(recovery(), 'x', { nwo: 0 } as never), 'INVALID_OPTIONS', 'now'],
  ['guessingOdds', () => oathkit.guessingOdds({ kind: 'hotp', digit: 6 } as never), 'INVALID_POLICY', 'digits'],
  ['readPskc', () => oathkit.readPskc('<KeyContainer/>', { format: 'x' } as never), 'INVALID_OPTIONS', ''],
  ['writePskc', () => oathkit.writePskc([{ kind: 'totp', key }], { ID: 'x' } as never), 'INVALID_OPTIONS', 'id'],
  ['readBackup', () => oathkit.readBackup('[]', { fromat: 'andotp' } as never), 'INVALID_OPTIONS', 'format'],
  ['writeBackup', () => oathkit.writeBackup([{ kind: 'totp', key }], 'google', { maxToken: 5 } as never), 'INVALID_OPTIONS', 'maxTokens'],
  ['qrMatrix', () => oathkit.qrMatrix('x', { levl: 'M' } as never), 'INVALID_OPTIONS', 'level'],
  ['qrSvg', () => oathkit.qrSvg('x', { modulSize: 4 } as never), 'INVALID_OPTIONS', 'moduleSize'],
  ['qrText', () => oathkit.qrText('x', { invret: true } as never), 'INVALID_OPTIONS', 'invert'],
  // oathkit/backup's asynchronous pair: the Promise rejects.
  ['decryptBackup', () => backup.decryptBackup('[]', 'pw', { Format: 'andotp' } as never), 'INVALID_OPTIONS', 'format'],
  ['encryptBackup', () => backup.encryptBackup([{ kind: 'totp', key }], 'aegis', 'pw', { nw: 0 } as never), 'INVALID_OPTIONS', 'now'],
];

/** Exports that take no options or input object (text, bytes, a kind, a number). */
const NO_OBJECT = [
  'base32Decode',
  'base64Decode',
  'base64Encode',
  'hexDecode',
  'hexEncode',
  'generateKey',
  'parseOcraSuite',
  'parseOtpauthUri',
  'parseMigrationUri',
  'parseMigrationExport',
  'encodeMobilePass',
  'detectFormat',
  'OtpError',
  'remainingRecoveryCodes',
  'isPskc',
  'useWasmModule',
  'wasmPath',
];

test('every options and input object refuses an unknown key, naming the nearest known one', async () => {
  for (const [name, call, code, suggestion] of CASES) {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error, name).toBeInstanceOf(oathkit.OtpError);
    expect((error as oathkit.OtpError).code, name).toBe(code);
    if (suggestion === '') expect((error as Error).message, name).toMatch(/unknown key "format" \(known: none\)/);
    else expect((error as Error).message, name).toContain(`did you mean "${suggestion}"?`);
  }
});

test('the list above covers every exported function (of the root, and of oathkit/backup)', () => {
  const functions = Object.entries({ ...oathkit, ...backup })
    .filter(([, v]) => typeof v === 'function')
    .map(([k]) => k);
  const covered = new Set([...CASES.map(([name]) => name.split(/[ .(]/)[0]!), ...NO_OBJECT]);
  expect(functions.filter((f) => !covered.has(f))).toEqual([]);
});

test('known keys given as undefined are "absent", and an unrelated key gets no suggestion', () => {
  expect(oathkit.hotp(key, 0, { digits: undefined, algorithm: undefined })).toBe('755224');
  expect(() => oathkit.totp(key, { xyzzy: 1 } as never)).toThrow(/unknown key "xyzzy" \(known: now, period, t0, digits, algorithm\)$/);
  // Parsed options from JSON (own properties only; an inherited key is not the caller's).
  expect(oathkit.hotp(key, 0, Object.create({ digit: 8 }))).toBe('755224');
  expect(oathkit.parseOtpauthUri(uri).account).toBe('a');
});
