// One KeyPackage at a time through readPskc (and decryptPskc for encrypted integers): what
// src/_pskc-read.ts's scanPackage, policyOf and integerOf make of a Key's fields. Mutation testing
// (test/MUTATION.md, slice `pskc-read`) found most of the reasons an entry is skipped unreached or
// unasserted: here each malformed Key is skipped with a reason that names the field and the value
// at fault (quoted and cut, never echoed whole), and each accepted variant of a field is read.
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { decryptPskc, readPskc, type PskcContents } from '../../src/pskc.ts';

const PSKC = 'urn:ietf:params:xml:ns:keyprov:pskc';
/** A Data element: a plain Secret, then `fields`. */
const data = (fields = '') => `<Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>${fields}</Data>`;
const SECRET = data();
const OCRA_SUITE = 'OCRA-1:HOTP-SHA1-6:QN08';

/** A container of the given KeyPackages (as test/node/pskc.test.ts's `container`, with xenc declared). */
const doc = (packages: string) =>
  `<KeyContainer Version="1.0" xmlns="${PSKC}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">${packages}</KeyContainer>`;
/** One KeyPackage holding one Key of `kind`, its children `inner` (a plain Secret unless `inner` has Data). */
const key = (inner: string, kind = 'hotp', attrs = '') =>
  `<KeyPackage><Key Algorithm="${PSKC}:${kind}"${attrs}>${inner.includes('<Data') ? inner : inner + SECRET}</Key></KeyPackage>`;
const ocraKey = (inner: string) => key(`<AlgorithmParameters><Suite>${OCRA_SUITE}</Suite></AlgorithmParameters>${inner}`, 'ocra');
const policy = (inner: string, kind = 'hotp') => (kind === 'ocra' ? ocraKey(`<Policy>${inner}</Policy>`) : key(`<Policy>${inner}</Policy>`, kind));
const encryptedValue = (cipher: string) =>
  `<EncryptedValue><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><xenc:CipherData><xenc:CipherValue>${cipher}</xenc:CipherValue></xenc:CipherData></EncryptedValue>`;

/** The one reason the one KeyPackage of `packages` is skipped for. */
function skipReason(packages: string): string {
  const { tokens, skipped } = readPskc(doc(packages));
  expect(tokens).toEqual([]);
  expect(skipped).toHaveLength(1);
  return skipped[0]!.reason;
}
/** The one token the one KeyPackage of `packages` gives. */
function onlyToken(packages: string): PskcContents['tokens'][number] {
  const { tokens, skipped } = readPskc(doc(packages));
  expect(skipped).toEqual([]);
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
}

const LONG = 'Q'.repeat(250); // names are capped at 256 characters by the XML reader
const LONG_VALUE = 'Q'.repeat(3000); // attribute values at 4096

describe('a KeyPackage is skipped, with a reason naming the field and the value at fault', () => {
  // [what, the KeyPackage, parts the reason holds, parts it must not hold]
  const cases: [string, string, string[], string[]?][] = [
    ['no Key', '<KeyPackage><DeviceInfo><SerialNo>1</SerialNo></DeviceInfo></KeyPackage>', ['no <Key>']],
    ['two Keys', `<KeyPackage><Key Algorithm="${PSKC}:hotp">${SECRET}</Key><Key Algorithm="${PSKC}:hotp">${SECRET}</Key></KeyPackage>`, ['2 <Key>']],
    ['no Data', `<KeyPackage><Key Algorithm="${PSKC}:hotp"/></KeyPackage>`, ['no <Secret>'], ['KeyReference']],
    [
      'no Data, a KeyReference',
      `<KeyPackage><Key Algorithm="${PSKC}:hotp"><KeyReference>master-7</KeyReference></Key></KeyPackage>`,
      ['no <Secret>', 'KeyReference'],
    ],
    [
      'a value both plain and encrypted',
      key(`<Data><Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue>${encryptedValue(randomBytes(32).toString('base64'))}</Secret></Data>`),
      ['<Secret>', 'PlainValue', 'EncryptedValue'],
    ],
    [
      'a ValueMAC not base64',
      key(`<Data><Secret>${encryptedValue(randomBytes(32).toString('base64'))}<ValueMAC>not*base64</ValueMAC></Secret></Data>`),
      ['ValueMAC', '<Secret>', 'base64'],
    ],
    ['no Algorithm', `<KeyPackage><Key>${SECRET}</Key></KeyPackage>`, ['Algorithm']],
    [
      'an algorithm of another namespace',
      `<KeyPackage><Key Algorithm="x${PSKC}:hotp">${SECRET}</Key></KeyPackage>`,
      [`"x${PSKC}:hotp"`, 'HOTP, TOTP or OCRA'],
      ['PIN'],
    ],
    ['an algorithm past a known one', `<KeyPackage><Key Algorithm="${PSKC}:hotpx">${SECRET}</Key></KeyPackage>`, [`"${PSKC}:hotpx"`, 'HOTP, TOTP or OCRA']],
    ['a PIN', `<KeyPackage><Key Algorithm="${PSKC}:pin">${SECRET}</Key></KeyPackage>`, ['PIN']],
    ['a long algorithm', `<KeyPackage><Key Algorithm="${LONG_VALUE}">${SECRET}</Key></KeyPackage>`, [LONG_VALUE.slice(0, 100)], [LONG_VALUE]],
    ['OCRA without parameters', key('', 'ocra'), ['OCRA', '<Suite>']],
    ['OCRA with a blank Suite', key('<AlgorithmParameters><Suite> </Suite></AlgorithmParameters>', 'ocra'), ['OCRA', '<Suite>']],
    ['OCRA with an empty Suite', key('<AlgorithmParameters><Suite/></AlgorithmParameters>', 'ocra'), ['OCRA', '<Suite>']],
    ['an unknown HOTP hash', key('<AlgorithmParameters><Suite>HMAC-MD5</Suite></AlgorithmParameters>'), ['"HMAC-MD5"', 'HOTP']],
    ['an unknown TOTP hash', key('<AlgorithmParameters><Suite>MD5</Suite></AlgorithmParameters>', 'totp'), ['"MD5"', 'TOTP']],
    ['an unknown hashalgo', key('<AlgorithmParameters><Suite hashalgo="md5"/></AlgorithmParameters>'), ['"md5"']],
    ['a hash after other text', key('<AlgorithmParameters><Suite>XHMAC-SHA256</Suite></AlgorithmParameters>'), ['"XHMAC-SHA256"']],
    ['a hash before other text', key('<AlgorithmParameters><Suite>SHA256X</Suite></AlgorithmParameters>'), ['"SHA256X"']],
    ['a long Suite', key(`<AlgorithmParameters><Suite>${LONG_VALUE}</Suite></AlgorithmParameters>`), [LONG_VALUE.slice(0, 40)], [LONG_VALUE.slice(0, 100)]],
    ['hexadecimal codes', key('<AlgorithmParameters><ResponseFormat Encoding="HEXADECIMAL" Length="6"/></AlgorithmParameters>'), ['HEXADECIMAL', 'decimal']],
    [
      'a long Encoding',
      key(`<AlgorithmParameters><ResponseFormat Encoding="${LONG_VALUE}"/></AlgorithmParameters>`),
      [LONG_VALUE.slice(0, 10)],
      [LONG_VALUE.slice(0, 40)],
    ],
    ['a Luhn check digit', key('<AlgorithmParameters><ResponseFormat Length="6" CheckDigits="true"/></AlgorithmParameters>'), ['CheckDigits']],
    ['a Luhn check digit (1)', key('<AlgorithmParameters><ResponseFormat Length="6" CheckDigits="1"/></AlgorithmParameters>'), ['CheckDigits']],
    ['a Length not a number', key('<AlgorithmParameters><ResponseFormat Length="abc"/></AlgorithmParameters>'), ['ResponseFormat Length', '"abc"']],
    ['a Length after other text', key('<AlgorithmParameters><ResponseFormat Length="x8"/></AlgorithmParameters>'), ['ResponseFormat Length', '"x8"']],
    ['a Length before other text', key('<AlgorithmParameters><ResponseFormat Length="8x"/></AlgorithmParameters>'), ['ResponseFormat Length', '"8x"']],
    ['a Length of 4 digits', key('<AlgorithmParameters><ResponseFormat Length="1234"/></AlgorithmParameters>'), ['ResponseFormat Length', '"1234"']],
    [
      'a long Length',
      key(`<AlgorithmParameters><ResponseFormat Length="${LONG_VALUE}"/></AlgorithmParameters>`),
      ['ResponseFormat Length', LONG_VALUE.slice(0, 10)],
      [LONG_VALUE.slice(0, 40)],
    ],
    ['an unknown policy element', policy('<Foo/>'), ['<Policy>', '<Foo>, ', '§5'], ['namespace']],
    [
      'a policy element of another namespace',
      policy('<x:StartDate xmlns:x="urn:other">2030-01-01T00:00:00Z</x:StartDate>'),
      ['<StartDate>', 'namespace', '"urn:other"'],
    ],
    ['a long policy element', policy(`<${LONG}/>`), [LONG.slice(0, 20)], [LONG]],
    ['a policy element of a long namespace', policy(`<x:Foo xmlns:x="${LONG_VALUE}"/>`), ['<Foo>', LONG_VALUE.slice(0, 40)], [LONG_VALUE.slice(0, 200)]],
    ['a PINPolicy with a child', policy('<PINPolicy MinLength="4"><Foo/></PINPolicy>'), ['<PINPolicy>', '<Foo>']],
    ['a PINPolicy with a long child', policy(`<PINPolicy><${LONG}/></PINPolicy>`), ['<PINPolicy>', LONG.slice(0, 20)], [LONG]],
    ['a PINPolicy attribute unknown', policy('<PINPolicy MinLength="4" Foo="1"/>'), ['<PINPolicy>', '"Foo"']],
    ['a PINPolicy attribute long', policy(`<PINPolicy ${LONG}="1"/>`), ['<PINPolicy>', LONG.slice(0, 20)], [LONG]],
    ['a KeyUsage not a name', policy('<KeyUsage>OTP</KeyUsage><KeyUsage>O T P</KeyUsage>'), ['<KeyUsage>']],
    ['a KeyUsage with a sign before', policy('<KeyUsage>OTP</KeyUsage><KeyUsage>!OTP</KeyUsage>'), ['<KeyUsage>']],
    ['a KeyUsage with a sign after', policy('<KeyUsage>OTP</KeyUsage><KeyUsage>OTP!</KeyUsage>'), ['<KeyUsage>']],
    ['HOTP allowed only CR', policy('<KeyUsage>CR</KeyUsage>'), ['CR', 'not OTP'], ['OTP or CR']],
    ['TOTP allowed neither', policy('<KeyUsage>Encrypt</KeyUsage><KeyUsage>Unlock</KeyUsage>', 'totp'), ['Encrypt, Unlock', 'not OTP'], ['CR']],
    ['OCRA allowed neither', policy('<KeyUsage>Encrypt</KeyUsage>', 'ocra'), ['Encrypt', 'OTP or CR']],
    ['a Counter not an integer', key(data(`<Counter><PlainValue>abc</PlainValue></Counter>`)), ['<Counter>', '"abc"']],
    ['a Counter after other text', key(data(`<Counter><PlainValue>x12</PlainValue></Counter>`)), ['<Counter>', '"x12"']],
    ['a Counter before other text', key(data(`<Counter><PlainValue>12x</PlainValue></Counter>`)), ['<Counter>', '"12x"']],
    ['a Time of 41 digits', key(data(`<Time><PlainValue>${'9'.repeat(41)}</PlainValue></Time>`), 'totp'), ['<Time>']],
    [
      'a long TimeDrift',
      key(data(`<TimeDrift><PlainValue>${LONG_VALUE}</PlainValue></TimeDrift>`), 'totp'),
      ['<TimeDrift>', LONG_VALUE.slice(0, 10)],
      [LONG_VALUE.slice(0, 40)],
    ],
  ];
  test.each(cases)('%s', (_, packages, parts, absent = []) => {
    const reason = skipReason(packages);
    for (const p of parts) expect(reason).toContain(p);
    for (const p of absent) expect(reason).not.toContain(p);
  });
});

describe('the accepted forms of each field', () => {
  test('every DeviceInfo field but SerialNo and UserId goes to extras; an empty attribute is no extra', () => {
    const t = onlyToken(
      `<KeyPackage><DeviceInfo><Manufacturer>M</Manufacturer><SerialNo>S</SerialNo><Model>Mo</Model><IssueNo>I</IssueNo><DeviceBinding>B</DeviceBinding><StartDate>2020-01-01T00:00:00Z</StartDate><ExpiryDate>2030-01-01T00:00:00Z</ExpiryDate><UserId>U</UserId></DeviceInfo>` +
        `<Key Algorithm="${PSKC}:hotp" Id=""><Issuer>Acme</Issuer>${SECRET}</Key></KeyPackage>`,
    );
    expect(t).toMatchObject({ serial: 'S', account: 'U', issuer: 'Acme' });
    expect(t.extras).toEqual({
      'pskc.DeviceInfo/Manufacturer': 'M',
      'pskc.DeviceInfo/Model': 'Mo',
      'pskc.DeviceInfo/IssueNo': 'I',
      'pskc.DeviceInfo/DeviceBinding': 'B',
      'pskc.DeviceInfo/StartDate': '2020-01-01T00:00:00Z',
      'pskc.DeviceInfo/ExpiryDate': '2030-01-01T00:00:00Z',
    });
  });

  test("the device's UserId names the account; the FriendlyName then goes to extras", () => {
    const t = onlyToken(
      `<KeyPackage><DeviceInfo><UserId>alice</UserId></DeviceInfo><Key Algorithm="${PSKC}:hotp"><FriendlyName>Work</FriendlyName>${SECRET}</Key></KeyPackage>`,
    );
    expect(t.account).toBe('alice');
    expect(t.extras).toEqual({ 'pskc.Key/FriendlyName': 'Work' });
  });

  test('a data field with neither a PlainValue nor an EncryptedValue is absent', () => {
    const t = onlyToken(key(data(`<Counter></Counter><Time/>`)));
    expect(t).toMatchObject({ kind: 'hotp', counter: 0 });
    expect(t.extras).toBeUndefined();
  });

  test('the hash of a Suite or a hashalgo attribute, in any case, with or without HMAC- and the hyphen; an empty Suite is SHA-1', () => {
    const hashOf = (params: string, kind = 'hotp') => onlyToken(key(`<AlgorithmParameters>${params}</AlgorithmParameters>`, kind)).algorithm;
    expect(hashOf('<Suite/>')).toBe('SHA1');
    expect(hashOf('<Suite> </Suite>', 'totp')).toBe('SHA1');
    expect(hashOf('<Suite>hmac-sha256</Suite>')).toBe('SHA256');
    expect(hashOf('<Suite>HMAC-SHA-512</Suite>', 'totp')).toBe('SHA512');
    expect(hashOf('<Suite>SHA384</Suite>')).toBe('SHA384');
    expect(hashOf('<Suite hashalgo="sha224"/>')).toBe('SHA224');
  });

  test('ResponseFormat: Encoding defaults to decimal, in any case; CheckDigits false or 0; Length optional', () => {
    const digitsOf = (attrs: string) => onlyToken(key(`<AlgorithmParameters><ResponseFormat ${attrs}/></AlgorithmParameters>`)).digits;
    expect(digitsOf('Length="8"')).toBe(8);
    expect(digitsOf('Encoding="decimal" Length="7" CheckDigits="false"')).toBe(7);
    expect(digitsOf('Encoding="DECIMAL" Length="8" CheckDigits="0"')).toBe(8);
    expect(digitsOf('Encoding="DECIMAL"')).toBe(6);
  });

  test('KeyUsage: OTP for every kind, CR for OCRA', () => {
    expect(onlyToken(policy('<KeyUsage>OTP</KeyUsage>')).extras).toEqual({ 'pskc.Key/Policy/KeyUsage': 'OTP' });
    expect(onlyToken(policy('<KeyUsage>CR</KeyUsage><KeyUsage>Unlock</KeyUsage>', 'ocra')).extras).toEqual({ 'pskc.Key/Policy/KeyUsage': 'CR Unlock' });
  });
});

describe('encrypted integers: 1 to 64 big-endian bytes', () => {
  const psk = randomBytes(16);
  const cbc = (plain: Uint8Array) => {
    const iv = randomBytes(16);
    const c = createCipheriv('aes-128-cbc', psk, iv);
    return Buffer.concat([iv, c.update(plain), c.final()]).toString('base64');
  };
  const read = (time: Uint8Array) =>
    decryptPskc(
      doc(
        key(data(`<Time>${encryptedValue(cbc(time))}</Time>`), 'totp').replace(
          '<KeyPackage>',
          '<EncryptionKey><ds:KeyName>k</ds:KeyName></EncryptionKey><KeyPackage>',
        ),
      ),
      { key: psk },
      { allowMissingMac: true },
    );

  test('1 and 64 bytes are read; 0 and 65 are skipped, saying how many bytes', async () => {
    expect((await read(Uint8Array.of(7))).tokens[0]!.extras).toEqual({ 'pskc.Key/Data/Time': '7' });
    const max = (await read(new Uint8Array(64).fill(255))).tokens[0]!.extras!['pskc.Key/Data/Time'];
    expect(max).toBe(String(2n ** 512n - 1n));
    for (const n of [0, 65]) {
      const { tokens, skipped } = await read(new Uint8Array(n).fill(1));
      expect(tokens).toEqual([]);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]!.reason).toContain('<Time>');
      expect(skipped[0]!.reason).toContain(`${n} bytes`);
    }
  });
});
