// The PSKC reader's container and token steps (src/_pskc-read.ts: scanContainer, encryptionOf,
// encryptedValueOf, buildTokens), on containers written by hand. Mutation testing (test/MUTATION.md,
// slice `pskc-read`) found the vectors pass whatever these checks say: the RFC figures and
// python-pskc's files are well formed, and the suite compares skipped entries without their
// reasons. Here each refusal is met once, with its code and the element or attribute it names,
// and each field the reader copies is seen to arrive (trimmed, in its namespace, once).
import { describe, expect, test, vi } from 'vitest';
import { buildTokens, scanContainer } from '../../src/_pskc-read.ts';
import { OtpError } from '../../src/errors.ts';
import { decryptPskc, readPskc } from '../../src/pskc.ts';
import { otpError } from './otp-error.ts';

/**
 * A fault to raise inside the scan of a KeyPackage (from algorithmName, which a <Suite> naming a
 * hash reaches), to see that the reader does not report its own defects as skipped keys.
 */
const fault: { error: unknown } = { error: undefined };
vi.mock('../../src/_algorithm.ts', async (original) => {
  const real = await original<typeof import('../../src/_algorithm.ts')>();
  return {
    ...real,
    algorithmName: (...args: Parameters<typeof real.algorithmName>) => {
      if (fault.error !== undefined) throw fault.error;
      return real.algorithmName(...args);
    },
  };
});

const PSKC = 'urn:ietf:params:xml:ns:keyprov:pskc';
const NAMESPACES =
  'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"';
/** "12345678901234567890" in base64. */
const SECRET = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=';
const PLAIN_SECRET = `<Secret><PlainValue>${SECRET}</PlainValue></Secret>`;
const CIPHER = Buffer.alloc(32, 1).toString('base64');
const method = (algorithm = 'http://www.w3.org/2001/04/xmlenc#aes128-cbc') => `<xenc:EncryptionMethod Algorithm="${algorithm}"/>`;
const cipherData = (value = CIPHER) => `<xenc:CipherData><xenc:CipherValue>${value}</xenc:CipherValue></xenc:CipherData>`;
const ENCRYPTED_SECRET = `<Secret><EncryptedValue>${method()}${cipherData()}</EncryptedValue></Secret>`;

/** A container: `body` inside a PSKC 1.0 KeyContainer with `attributes`. */
const doc = (body: string, attributes = 'Version="1.0"') =>
  `<?xml version="1.0"?><KeyContainer ${attributes} xmlns="${PSKC}" ${NAMESPACES}>${body}</KeyContainer>`;
/** A KeyPackage of one key of `kind`: its device info, extra Key children, and Data children. */
const pkg = ({ device = '', key = '', data = PLAIN_SECRET, kind = 'hotp' } = {}) =>
  `<KeyPackage>${device === '' ? '' : `<DeviceInfo>${device}</DeviceInfo>`}<Key Id="1" Algorithm="${PSKC}:${kind}">${key}<Data>${data}</Data></Key></KeyPackage>`;

/** The message of the OtpError of `code` that `f` throws. */
const refusal = (code: string, f: () => unknown): string => {
  const e = otpError(f);
  expect(e.code).toBe(code);
  return e.message;
};
/** The one skipped entry's reason, when the container holds one package that is skipped. */
const skippedReason = (xml: string): string => {
  const { tokens, skipped } = readPskc(xml);
  expect(tokens).toEqual([]);
  expect(skipped).toHaveLength(1);
  return skipped[0]!.reason;
};

describe('the root element', () => {
  test('must be an RFC 6030 KeyContainer: the message says what was found, bounded', () => {
    const root = (xml: string) => refusal('INVALID_PSKC', () => readPskc(xml));
    // Another element in the PSKC namespace, or a KeyContainer elsewhere: named, not the pre-standard case.
    const other = root(`<Keys Version="1.0" xmlns="${PSKC}"/>`);
    expect(other).toContain('<Keys>');
    expect(other).toContain(`"${PSKC}"`);
    expect(other).not.toContain('pre-standard');
    const elsewhere = root('<KeyContainer Version="1.0" xmlns="urn:example:keys"/>');
    expect(elsewhere).toContain('"urn:example:keys"');
    expect(elsewhere).not.toContain('pre-standard');
    expect(root('<KeyContainer Version="1.0"/>')).toContain('no namespace');
    // A draft's namespace (keyprov, but not RFC 6030's) is told apart, for a KeyContainer only.
    const draft = root('<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc:1.0"/>');
    expect(draft).toContain('pre-standard');
    expect(draft).toContain('"urn:ietf:params:xml:ns:keyprov:pskc:1.0"');
    const draftOther = root('<Keys xmlns="urn:ietf:params:xml:ns:keyprov:pskc:1.0"/>');
    expect(draftOther).toContain('<Keys>');
    expect(draftOther).not.toContain('pre-standard');
    // Long names and namespaces are cut: 40 and 80 characters.
    const long = 'x'.repeat(300);
    expect(root(`<KeyContainer xmlns="urn:ietf:params:xml:ns:keyprov:${long}"/>`)).toContain(`"urn:ietf:params:xml:ns:keyprov:${'x'.repeat(49)}"`);
    expect(root(`<Keys xmlns="urn:${long}"/>`)).toContain(`"urn:${'x'.repeat(76)}"`);
    expect(root(`<K${'x'.repeat(200)} xmlns="${PSKC}"/>`)).toContain(`<K${'x'.repeat(39)}>`);
    // Not XML at all: the parser names the document.
    expect(root('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')).toContain('PSKC container');
  });

  test('Version 1.0 or 1, or none, is read; any other is refused by name, bounded', () => {
    for (const attributes of ['Version="1.0"', 'Version="1"', '']) expect(readPskc(doc(pkg(), attributes)).tokens).toHaveLength(1);
    const two = refusal('INVALID_PSKC', () => readPskc(doc(pkg(), 'Version="2.0"')));
    expect(two).toContain('Version');
    expect(two).toContain('"2.0"');
    expect(refusal('INVALID_PSKC', () => readPskc(doc(pkg(), `Version="${'9'.repeat(300)}"`)))).toContain(`"${'9'.repeat(20)}"`);
  });

  test('the container Id: Id, else id (RFC 6030 figure 8), and an empty one is none', () => {
    expect(readPskc(doc(pkg(), 'Version="1.0" Id="A1"')).id).toBe('A1');
    expect(readPskc(doc(pkg(), 'Version="1.0" id="b2"')).id).toBe('b2');
    expect(readPskc(doc(pkg(), 'Version="1.0" Id="A1" id="b2"')).id).toBe('A1');
    expect(readPskc(doc(pkg(), 'Version="1.0" Id=""'))).not.toHaveProperty('id');
    expect(readPskc(doc(pkg()))).not.toHaveProperty('id');
  });

  test('signed: a Signature in the PSKC or XML-DSig namespace, no other', () => {
    expect(readPskc(doc(`${pkg()}<ds:Signature/>`)).signed).toBe(true);
    expect(readPskc(doc(`${pkg()}<Signature/>`)).signed).toBe(true);
    expect(readPskc(doc(`${pkg()}<e:Signature xmlns:e="urn:example:sig"/>`))).not.toHaveProperty('signed');
    expect(readPskc(doc(pkg()))).not.toHaveProperty('signed');
  });
});

describe('elements RFC 6030 allows once', () => {
  test('twice in a KeyPackage: the package is skipped, naming the element and the count', () => {
    const reason = skippedReason(doc(pkg({ device: '<SerialNo>A</SerialNo></DeviceInfo><DeviceInfo><SerialNo>B</SerialNo>' })));
    expect(reason).toContain('<DeviceInfo>');
    expect(reason).toContain('2');
  });

  test('twice in the container: the whole container is refused, naming the element', () => {
    const keyName = '<EncryptionKey><ds:KeyName>K</ds:KeyName></EncryptionKey>';
    const cases: [string, string][] = [
      [`${keyName}${keyName}`, '<EncryptionKey>'],
      ['<MACMethod/><MACMethod/>', '<MACMethod>'],
      [`<MACMethod><MACKey>${method()}${cipherData()}</MACKey><MACKey/></MACMethod>`, '<MACKey>'],
    ];
    for (const [head, name] of cases) expect(refusal('INVALID_PSKC', () => readPskc(doc(`${head}${pkg()}`)))).toContain(name);
  });

  test('an element of the same name in another namespace is not one of them', () => {
    const device = '<SerialNo>S1</SerialNo><e:SerialNo xmlns:e="urn:example:other">S2</e:SerialNo>';
    expect(readPskc(doc(pkg({ device }))).tokens[0]!.serial).toBe('S1');
  });
});

test('text is trimmed of XML white space at either end, and only there', () => {
  const device = '<SerialNo> \t\r\nS 1\n\t </SerialNo><UserId>  alice</UserId>';
  const [t] = readPskc(doc(pkg({ device, key: '<Issuer>ACME \r\n</Issuer>' }))).tokens;
  expect([t!.serial, t!.account, t!.issuer]).toEqual(['S 1', 'alice', 'ACME']);
  // All blank is empty, so absent.
  expect(readPskc(doc(pkg({ key: '<Issuer> \n </Issuer>' }))).tokens[0]).not.toHaveProperty('issuer');
});

describe('the encryption key, as the refusal of an encrypted container describes it', () => {
  const encrypted = (encryptionKey: string) =>
    refusal('PSKC_ENCRYPTED', () => readPskc(doc(`<EncryptionKey>${encryptionKey}</EncryptionKey>${pkg({ data: ENCRYPTED_SECRET })}`)));
  const PBKDF2 = '<xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2"/>';

  test('a derived key: a password, named by its MasterKeyName or CarriedKeyName', () => {
    const master = encrypted(`<xenc11:DerivedKey>${PBKDF2}<xenc11:MasterKeyName>Mk</xenc11:MasterKeyName></xenc11:DerivedKey>`);
    expect(master).toContain('password');
    expect(master).toContain('"Mk"');
    expect(encrypted(`<xenc11:DerivedKey>${PBKDF2}<xenc11:CarriedKeyName> Ck </xenc11:CarriedKeyName></xenc11:DerivedKey>`)).toContain('"Ck"');
    const missing = refusal('INVALID_PSKC', () => readPskc(doc(`<EncryptionKey><xenc11:DerivedKey/></EncryptionKey>${pkg()}`)));
    expect(missing).toContain('<KeyDerivationMethod>');
  });

  test('an RSA key (X509Data or KeyValue) or a pre-shared key named by its KeyName', () => {
    expect(encrypted('<ds:X509Data><ds:X509Certificate>AAAA</ds:X509Certificate></ds:X509Data>')).toContain('RSA');
    expect(encrypted('<ds:KeyValue><ds:RSAKeyValue/></ds:KeyValue>')).toContain('RSA');
    const named = encrypted('<ds:KeyName>Pre-shared 1</ds:KeyName>');
    expect(named).toContain('pre-shared key');
    expect(named).toContain('"Pre-shared 1"');
  });
});

test('an encrypted value missing a part: the container (a MACKey) or the package (a Secret) names it', () => {
  const parts: [string, string][] = [
    [cipherData(), '<xenc:EncryptionMethod>'],
    ['<xenc:EncryptionMethod/>' + cipherData(), '<xenc:EncryptionMethod>'],
    [method(), '<xenc:CipherData>'],
    [`${method()}<xenc:CipherData/>`, '<xenc:CipherValue>'],
    [`${method()}${cipherData('@@@@')}`, 'base64'],
  ];
  for (const [inner, part] of parts) {
    const mac = refusal('INVALID_PSKC', () =>
      readPskc(doc(`<MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"><MACKey>${inner}</MACKey></MACMethod>${pkg()}`)),
    );
    expect(mac).toContain(part);
    expect(mac).toContain('MACKey');
    const secret = skippedReason(doc(pkg({ data: `<Secret><EncryptedValue>${inner}</EncryptedValue></Secret>` })));
    expect(secret).toContain(part);
    expect(secret).toContain('<Secret>');
  }
  expect(refusal('INVALID_PSKC', () => readPskc(doc(`<MACMethod><MACKey>${method()}${cipherData('@@@@')}</MACKey></MACMethod>${pkg()}`)))).toContain(
    'CipherValue of the MACKey',
  );
});

describe('the token of a package', () => {
  test('no Secret: skipped, saying when a KeyReference names the master key it derives from', () => {
    const plain = skippedReason(doc(pkg({ data: '' })));
    expect(plain).toContain('<Secret>');
    expect(plain).not.toContain('KeyReference');
    expect(skippedReason(doc(pkg({ data: '', key: '<KeyReference>MK1</KeyReference>' })))).toContain('KeyReference');
  });

  test('a Secret that is not base64: skipped, naming the Secret', () => {
    const reason = skippedReason(doc(pkg({ data: '<Secret><PlainValue>@@@@</PlainValue></Secret>' })));
    expect(reason).toContain('Secret');
    expect(reason).toContain('base64');
  });

  test('Counter: an integer, not negative for a key that counts; kept in extras for one that does not', () => {
    const counter = (value: string, kind = 'hotp') => doc(pkg({ kind, data: `${PLAIN_SECRET}<Counter><PlainValue>${value}</PlainValue></Counter>` }));
    for (const value of ['x', '-1']) expect(skippedReason(counter(value))).toContain('<Counter>');
    expect(skippedReason(counter('-1'))).toContain('negative');
    expect(readPskc(counter('0')).tokens[0]!.counter).toBe(0);
    expect(readPskc(counter('-1', 'totp')).tokens[0]!.extras).toEqual({ 'pskc.Key/@Id': '1', 'pskc.Key/Data/Counter': '-1' });
  });

  test('TimeInterval: a TOTP period from 1 to 2^32 seconds, the message naming the element', () => {
    const interval = (value: string) => doc(pkg({ kind: 'totp', data: `${PLAIN_SECRET}<TimeInterval><PlainValue>${value}</PlainValue></TimeInterval>` }));
    for (const value of ['x', '0', '-5', String(2 ** 32 + 1)]) expect(skippedReason(interval(value)), value).toContain('<TimeInterval>');
    expect(readPskc(interval('1')).tokens[0]!.period).toBe(1);
    expect(readPskc(interval(String(2 ** 32))).tokens[0]!.period).toBe(2 ** 32);
  });

  test('fields the package does not give stay absent, not undefined', () => {
    const [t] = readPskc(doc(pkg())).tokens;
    expect(Object.keys(t!).sort()).toEqual(['algorithm', 'counter', 'digits', 'extras', 'key', 'kind']);
  });
});

describe('faults are not skipped keys', () => {
  test("buildTokens passes on the resolver's key errors and anything not an OtpError; skips the rest", () => {
    const scan = () => scanContainer(doc(pkg({ key: '<AlgorithmParameters><Suite>HMAC-SHA256</Suite></AlgorithmParameters>' })));
    const failing = (error: unknown) => () => {
      throw error;
    };
    for (const error of [new TypeError('a defect'), new OtpError('PSKC_KEY', 'a wrong key'), new OtpError('PSKC_UNSUPPORTED', 'a cipher')]) {
      expect(() => buildTokens(scan(), failing(error))).toThrow(error);
    }
    expect(buildTokens(scan(), failing(new OtpError('INVALID_PSKC', 'bad value'))).skipped).toStrictEqual([{ index: 0, reason: 'bad value' }]);
  });

  test('scanContainer passes on anything but INVALID_PSKC from inside a package', () => {
    const xml = doc(pkg({ key: '<AlgorithmParameters><Suite>HMAC-SHA256</Suite></AlgorithmParameters>' }));
    expect(readPskc(xml).tokens[0]!.algorithm).toBe('SHA256');
    try {
      for (const error of [new TypeError('a defect'), new OtpError('INVALID_ALGORITHM', 'a defect')]) {
        fault.error = error;
        expect(() => scanContainer(xml)).toThrow(error);
      }
      fault.error = new OtpError('INVALID_PSKC', 'refused');
      expect(scanContainer(xml).entries[0]!.problem).toBe('refused');
    } finally {
      fault.error = undefined;
    }
  });
});

test('decryptPskc reads a plain container as readPskc does, and refuses an RSA-encrypted one by name', async () => {
  expect(await decryptPskc(doc(pkg()), { key: new Uint8Array(16) })).toEqual(readPskc(doc(pkg())));
  const rsa = doc(`<EncryptionKey><ds:X509Data/></EncryptionKey>${pkg({ data: ENCRYPTED_SECRET })}`);
  const e = await decryptPskc(rsa, { key: new Uint8Array(16) }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(OtpError);
  expect((e as OtpError).code).toBe('PSKC_UNSUPPORTED');
  expect((e as OtpError).message).toContain('RSA');
});
