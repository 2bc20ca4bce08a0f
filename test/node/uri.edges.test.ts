// Boundaries of otpauth:// URIs that mutation testing (test/MUTATION.md) found unpinned: the scheme,
// a URI without '?' or '/', a fragment, empty and '='-less parameters, the names in the messages of
// malformed escapes and numbers, an `encoder` extra, and the length cap at exactly MAX_URI_LENGTH.
import { describe, expect, test } from 'vitest';
import { base32Decode } from '../../src/encoding.ts';
import { formatOtpauthUri, MAX_URI_LENGTH, parseOtpauthUri } from '../../src/uri.ts';
import { otpError } from './otp-error.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const KEY = base32Decode(SECRET);

describe('the shape of the URI', () => {
  test('only a URI whose first ten characters are otpauth:// (any case) is read', () => {
    expect(parseOtpauthUri(` OTPAUTH://TOTP/alice?secret=${SECRET} `).account).toBe('alice');
    // Each of these would read as a TOTP URI if only the characters after the tenth were looked at.
    for (const uri of [`otpauth:\\\\totp/alice?secret=${SECRET}`, `xtpauth://totp/alice?secret=${SECRET}`, `otpauth//:totp/alice?secret=${SECRET}`]) {
      const e = otpError(() => parseOtpauthUri(uri));
      expect(e.code).toBe('INVALID_URI');
      expect(e.message).toContain('otpauth://TYPE/LABEL?PARAMETERS');
    }
  });

  test("without '?' there are no parameters: the path runs to the end and a '&' in it is the label's", () => {
    for (const uri of ['otpauth://totp', 'otpauth://totp/alice', `otpauth://totp/alice&secret=${SECRET}`]) {
      const e = otpError(() => parseOtpauthUri(uri));
      expect(e.code).toBe('INVALID_URI');
      expect(e.message).toContain('no secret parameter');
    }
  });

  test("without '/' the whole path is the type and the label is empty", () => {
    const totp = parseOtpauthUri(`otpauth://totp?secret=${SECRET}`);
    expect(totp).toEqual({ kind: 'totp', key: KEY, algorithm: 'SHA1', digits: 6, period: 30, t0: 0 });
    expect(parseOtpauthUri(`otpauth://hotp?secret=${SECRET}&counter=5`)).toEqual({ kind: 'hotp', key: KEY, algorithm: 'SHA1', digits: 6, counter: 5 });
    expect(parseOtpauthUri(`otpauth://steam?secret=${SECRET}`).kind).toBe('steam');
    const e = otpError(() => parseOtpauthUri(`otpauth:///alice?secret=${SECRET}`));
    expect(e.code).toBe('INVALID_URI');
    expect(e.message).toContain('totp or hotp');
  });

  test('a fragment is dropped, and only the fragment: a URI without one is read to its last character', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET}`).key).toEqual(KEY);
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET}&digits=8`).digits).toBe(8);
    const withFragment = parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET}#&digits=8`);
    expect([withFragment.key, withFragment.digits]).toEqual([KEY, 6]);
    expect(otpError(() => parseOtpauthUri(`otpauth://totp/alice#?secret=${SECRET}`)).message).toContain('no secret parameter');
  });
});

describe('parameters', () => {
  test("empty parameters (a doubled or trailing '&') are skipped", () => {
    const token = parseOtpauthUri(`otpauth://totp/alice?&secret=${SECRET}&&issuer=ACME&`);
    expect(token.issuer).toBe('ACME');
    expect(token.extras).toBeUndefined();
  });

  test('a parameter without a name is INVALID_URI, its value (it may be the secret) not shown', () => {
    for (const part of ['=JBSWY3DPEHPK3PXQ', '=', '%3D']) {
      const uri = `otpauth://totp/alice?secret=${SECRET}&${part}`;
      if (part === '%3D') {
        expect(parseOtpauthUri(uri).extras).toEqual({ '=': '' }); // an encoded '=' is a name
        continue;
      }
      const e = otpError(() => parseOtpauthUri(uri));
      expect([e.code, e.message]).toEqual(['INVALID_URI', expect.stringContaining('a parameter has no name')]);
      expect(e.message).not.toContain('JBSWY3DPEHPK3PXQ');
    }
  });

  test("a parameter without '=' has an empty value, wherever it stands", () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET}&flag`).extras).toEqual({ flag: '' });
    expect(parseOtpauthUri(`otpauth://totp/alice?flag&secret=${SECRET}`).extras).toEqual({ flag: '' });
    const e = otpError(() => parseOtpauthUri('otpauth://totp/alice?secret'));
    expect(e.code).toBe('INVALID_URI');
    expect(e.message).toContain('secret parameter is empty');
  });

  test("'+' is a space in a parameter's name and value, a plus sign in the label", () => {
    const token = parseOtpauthUri(`otpauth://totp/a+b?secret=${SECRET}&my+note=c+d`);
    expect(token.account).toBe('a+b');
    expect(token.extras).toEqual({ 'my note': 'c d' });
  });

  test('a malformed percent-escape names where it is: the label, a parameter name, the parameter', () => {
    const cases: [string, string][] = [
      [`otpauth://totp/%zz?secret=${SECRET}`, 'the label'],
      [`otpauth://totp/alice?secret=${SECRET}&%zz=1`, 'a parameter name'],
      [`otpauth://totp/alice?secret=${SECRET}&digits=%zz`, 'the digits parameter'],
      [`otpauth://totp/alice?secret=${SECRET}&Issuer=%E0%A4`, 'the Issuer parameter'],
      [`otpauth://totp/alice?secret=${SECRET}&image=%zz`, 'a parameter'],
    ];
    for (const [uri, where] of cases) {
      const e = otpError(() => parseOtpauthUri(uri));
      expect(e.code).toBe('INVALID_URI');
      expect(e.message).toContain(`${where} has a malformed percent-escape`);
    }
  });

  test('digits, period and counter must be decimal integers: the parameter and its code are named', () => {
    // Each value (as written in the URI) holds a decimal number somewhere, or nothing at all.
    const bad = ['', 'x', '6x', 'x6', '%2B6', '+6', '-6', '6.0', '1e1', '0x6', '6%20'];
    const cases = [
      ['totp', 'digits', 'INVALID_DIGITS'],
      ['totp', 'period', 'INVALID_PERIOD'],
      ['hotp', 'counter', 'INVALID_COUNTER'],
    ] as const;
    for (const [type, name, code] of cases) {
      for (const value of bad) {
        const e = otpError(() => parseOtpauthUri(`otpauth://${type}/alice?secret=${SECRET}&${name}=${value}`));
        expect([value, e.code]).toEqual([value, code]);
        expect(e.message).toContain(`the ${name} parameter must be a decimal integer`);
      }
    }
  });
});

describe('writing', () => {
  test('an encoder extra is written unless it would make the token a Steam Guard one, or the token is one', () => {
    for (const kind of ['totp', 'hotp'] as const) {
      const uri = formatOtpauthUri({ kind, key: KEY, account: 'alice', extras: { encoder: 'other' } });
      expect(uri).toContain('&encoder=other');
      expect(parseOtpauthUri(uri).extras).toEqual({ encoder: 'other' });
    }
    const refused = [
      { kind: 'totp', key: KEY, extras: { encoder: 'Steam' } },
      { kind: 'steam', key: KEY, extras: { encoder: 'other' } },
    ] as const;
    for (const token of refused) {
      const e = otpError(() => formatOtpauthUri(token));
      expect(e.code).toBe('INVALID_URI');
      expect(e.message).toContain('"encoder"');
    }
  });

  test('a URI of exactly MAX_URI_LENGTH characters is written and read back; one more is refused', () => {
    // otpauth://totp/ (15) + account + ?secret= (8) + 16 base32 characters
    const account = (extra: number) => 'a'.repeat(MAX_URI_LENGTH - 39 + extra);
    const uri = formatOtpauthUri({ kind: 'totp', key: KEY, account: account(0) });
    expect(uri.length).toBe(MAX_URI_LENGTH);
    expect(parseOtpauthUri(uri).account).toBe(account(0));
    const e = otpError(() => formatOtpauthUri({ kind: 'totp', key: KEY, account: account(1) }));
    expect(e.code).toBe('INPUT_TOO_LONG');
    expect(e.message).toContain(`${MAX_URI_LENGTH + 1} characters`);
    expect(otpError(() => parseOtpauthUri(`${uri}x`)).code).toBe('INPUT_TOO_LONG');
  });
});
