// Boundaries of src/activation.ts that mutation testing (test/MUTATION.md) found unpinned: the
// MobilePASS policy (its cap at exactly MAX_POLICY, a lone surrogate), the separators and case a
// MobilePASS code is read in and the symbol or group a message names; encodeMobilePass's length in
// its message; decodeActivation's answer to what is not one token (a list, an app's backup, plain
// or encrypted, a bare base32 secret, too few symbols) and to a text that is not a string.
import { describe, expect, test } from 'vitest';
import { decodeActivation, decodeMobilePass, encodeActivation, encodeMobilePass } from '../../src/activation.ts';
import { base32Decode } from '../../src/encoding.ts';
import { formatOtpauthUri } from '../../src/uri.ts';
import { otpError } from './otp-error.ts';

const CODE = 'XUU75-RROTT-Y5IP6-U3BMV';

describe('decodeMobilePass', () => {
  test('a policy of exactly 4096 characters is read (and changes the key); one more is INPUT_TOO_LONG, naming it', () => {
    const plain = decodeMobilePass(CODE).key;
    const atCap = decodeMobilePass(CODE, { policy: 'p'.repeat(4096) });
    expect(atCap.key).toHaveLength(32);
    expect(atCap.key).not.toEqual(plain);
    expect(atCap.key).not.toEqual(decodeMobilePass(CODE, { policy: 'p'.repeat(4095) }).key);
    const e = otpError(() => decodeMobilePass(CODE, { policy: 'p'.repeat(4097) }));
    expect(e.code).toBe('INPUT_TOO_LONG');
    expect(e.message).toContain('policy is 4097 characters');
    expect(e.message).toContain('4096');
  });

  test('a policy holding a lone surrogate is INVALID_OPTIONS naming the policy', () => {
    for (const policy of ['\ud800', 'ok\udfff']) {
      const e = otpError(() => decodeMobilePass(CODE, { policy }));
      expect(e.code).toBe('INVALID_OPTIONS');
      expect(e.message).toContain('policy');
      expect(e.message).toContain('lone surrogate');
    }
  });

  test('tabs and carriage returns are separators, like hyphens, spaces and line feeds', () => {
    const key = decodeMobilePass(CODE).key;
    for (const typed of ['XUU75\tRROTT\tY5IP6\tU3BMV', 'XUU75\r\nRROTT\rY5IP6\r\nU3BMV', '\tXUU75RROTTY5IP6U3BMV\r']) {
      expect(decodeMobilePass(typed).key).toEqual(key);
    }
  });

  test('every lower-case letter, a to z, reads as its capital; a character past z is refused', () => {
    // Two codes whose data symbols are A to Z and 2 to 7 in order.
    const codes = ['ABCDEFGHIJKLMNOP', 'QRSTUVWXYZ234567'].map((data) => encodeMobilePass(base32Decode(data)));
    expect(new Set(codes.join('').replace(/[^A-Z]/g, '')).size).toBe(26);
    for (const code of codes) expect(decodeMobilePass(code.toLowerCase())).toEqual(decodeMobilePass(code));
    // '{' … '~', 'ı' and an astral letter, each shifted down 32, are no symbol either.
    for (const c of ['{', '~', '\u0131', '\u{1d400}']) {
      const e = otpError(() => decodeMobilePass(`XUU75-RROT${c}-Y5IP6-U3BMV`));
      expect(e.code).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain('symbol 10 is not one');
    }
  });

  test('a character that is not a symbol is named by its place among the symbols, separators not counted', () => {
    for (const [code, at] of [
      ['!UU75-RROTT-Y5IP6-U3BMV', 1],
      ['XUU75-RR8TT-Y5IP6-U3BMV', 8],
      ['XUU75 RROTT Y5IP6 U3BM.', 20],
    ] as const) {
      const e = otpError(() => decodeMobilePass(code));
      expect(e.code).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain('A–Z and 2–7');
      expect(e.message).toContain(`symbol ${at} is not one`);
    }
  });

  test('a mistyped symbol is ACTIVATION_CHECKSUM naming its group, 1 to 4', () => {
    const groups = CODE.split('-');
    for (let g = 0; g < 4; g++) {
      const typo = groups.map((group, i) => (i === g ? (group[0] === 'A' ? 'B' : 'A') + group.slice(1) : group)).join('-');
      const e = otpError(() => decodeMobilePass(typo));
      expect(e.code).toBe('ACTIVATION_CHECKSUM');
      expect(e.message).toContain(`group ${g + 1} `);
    }
  });
});

test('encodeMobilePass names the length of entropy of the wrong size, and what it takes', () => {
  for (const n of [0, 9, 11, 20]) {
    const e = otpError(() => encodeMobilePass(new Uint8Array(n)));
    expect(e.code).toBe('INVALID_KEY');
    expect(e.message).toContain(`got ${n} bytes`);
    expect(e.message).toContain('10 bytes');
  }
});

describe('decodeActivation: what is not one token', () => {
  const key = new Uint8Array(20).fill(7);
  const uri = formatOtpauthUri({ kind: 'totp', key, account: 'alice' });

  test('a list of tokens is named, with the function that reads it', () => {
    const cases = [
      [
        'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC',
        'a Google Authenticator export',
        'parseMigrationUri (one QR code) or readBackup',
      ],
      [`${uri}\n${uri}`, 'a list of otpauth URIs', 'readBackup'],
      ['<KeyContainer xmlns="urn:ietf:params:xml:ns:keyprov:pskc" Version="1.0"/>', 'a PSKC key container', 'readPskc or decryptPskc'],
    ] as const;
    for (const [text, what, reader] of cases) {
      const e = otpError(() => decodeActivation(text));
      expect(e.code).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain(`this is ${what}, which holds a list of tokens`);
      expect(e.message).toContain(`read it with ${reader}`);
    }
  });

  test("an app's backup is named by its app; an encrypted one says so and points to decryptBackup", () => {
    const plain = otpError(() => decodeActivation('{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[]}}'));
    expect(plain.code).toBe('INVALID_ACTIVATION');
    expect(plain.message).toContain("an app's backup (aegis)");
    expect(plain.message).toContain('read it with readBackup');
    expect(plain.message).not.toContain('ncrypt');
    const encrypted = otpError(() => decodeActivation('{"services":[],"schemaVersion":4,"servicesEncrypted":"abc"}'));
    expect(encrypted.code).toBe('INVALID_ACTIVATION');
    expect(encrypted.message).toContain("an app's encrypted backup (2fas)");
    expect(encrypted.message).toContain('read it with decryptBackup and its password');
  });

  test('too few symbols: the count (1 symbol, n symbols) and the three forms it is not', () => {
    for (const [text, count] of [
      ['7', '1 symbol'],
      ['7XY', '3 symbols'],
      ['hello', '5 symbols'],
      ['10RK-4CSM-6MV3-EE1S-6', '17 symbols'],
    ] as const) {
      const e = otpError(() => decodeActivation(text));
      expect(e.code).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain(`the text (${count}) is not an otpauth:// URI`);
      expect(e.message).toContain('not an activation string (22 or more symbols');
      expect(e.message).toContain('not a MobilePASS code (20 symbols');
      // Only a bare base32 secret is told how to make a token of it: nothing follows here.
      expect(e.message).toMatch(/such as XUU75-RROTT-Y5IP6-U3BMV\)$/);
    }
  });

  test('a bare base32 secret is refused as one, with how to make a token of it; a long one fails the check and says so too', () => {
    const short = otpError(() => decodeActivation('JBSWY3DPEHPK3PXP'));
    expect(short.code).toBe('INVALID_ACTIVATION');
    expect(short.message).toContain('(16 symbols)');
    expect(short.message).toContain('bare base32 key');
    for (const e of [short, otpError(() => decodeActivation('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'))]) {
      expect(e.message).toContain('formatOtpauthUri, encodeActivation');
      expect(e.message).toContain('oathkit uri make --key KEY');
    }
    const long = otpError(() => decodeActivation('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    expect(long.code).toBe('ACTIVATION_CHECKSUM');
    expect(long.message).toContain('bare base32 secret');
    // A mistyped activation string is not told it may be a secret.
    const text = encodeActivation({ kind: 'totp', key });
    const typo = otpError(() => decodeActivation(`${text.slice(0, 5)}${text[5] === 'X' ? 'Y' : 'X'}${text.slice(6)}`));
    expect(typo.code).toBe('ACTIVATION_CHECKSUM');
    expect(typo.message).toContain('does not match its check');
    expect(typo.message).toMatch(/left out or added$/);
  });

  test('a text that is not a string is INVALID_ACTIVATION naming what it got', () => {
    for (const [value, kind] of [
      [42, 'got a number'],
      [null, 'got null'],
      [new Uint8Array(20), 'got a Uint8Array'],
    ] as const) {
      const e = otpError(() => decodeActivation(value as never));
      expect(e.code).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain('the activation text must be a string');
      expect(e.message).toContain(kind);
    }
  });

  test('a URI and an activation string still decode through the one entry point', () => {
    expect(decodeActivation(uri).key).toEqual(key);
    expect(decodeActivation(formatOtpauthUri({ kind: 'hotp', key, counter: 3 })).counter).toBe(3);
  });
});
