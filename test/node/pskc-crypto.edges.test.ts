// PSKC's ciphers (src/_pskc-crypto.ts) as decryptPskc and encryptPskc report them: why a cipher is
// refused (pskc.test.ts meets each kind once; mutation testing, slice `pskc-write`, found the
// edges of the names unpinned), and the code of a WebCrypto that refuses the AES key.
import { expect, test, vi } from 'vitest';
import { decryptPskc, encryptPskc } from '../../src/pskc.ts';
import { otpRejection } from './otp-error.ts';

const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';
/** A container of one HOTP key whose secret is 32 bytes encrypted with the cipher `uri`. */
const encryptedWith = (uri: string) =>
  `<?xml version="1.0"?><KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:xenc="${XMLENC}">` +
  `<KeyPackage><Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp"><Data><Secret><EncryptedValue>` +
  `<xenc:EncryptionMethod Algorithm="${uri}"/><xenc:CipherData><xenc:CipherValue>${Buffer.alloc(32, 1).toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
  `</EncryptedValue></Secret></Data></Key></KeyPackage></KeyContainer>`;

const refusedAs = async (uri: string) => {
  const e = await otpRejection(decryptPskc(encryptedWith(uri), { key: new Uint8Array(16) }));
  expect(e.code, uri.slice(0, 100)).toBe('PSKC_UNSUPPORTED');
  return e.message;
};
/** The message for a cipher oathkit knows nothing of. */
const UNKNOWN = 'AES-CBC and AES key wrap only';

test('RSA and RFC 5649 are said of names that start with rsa or end in -pad; a name merely containing them is unknown', async () => {
  expect(await refusedAs(`${XMLENC}rsa-oaep-mgf1p`)).toContain('RSA');
  expect(await refusedAs('http://www.w3.org/2009/xmlenc11#kw-aes-256-pad')).toContain('RFC 5649');
  for (const uri of ['urn:example:ciphers#ursa-major-cbc', 'urn:example:ciphers#kw-aes-pad-ext', 'urn:example:ciphers#aes128-cbc-padded']) {
    const message = await refusedAs(uri);
    expect(message, uri).toContain(UNKNOWN);
    expect(message, uri).not.toContain('RSA');
    expect(message, uri).not.toContain('RFC 5649');
  }
});

test('AES-GCM is known, and refused as a cipher RFC 6030 containers do not use', async () => {
  for (const uri of ['http://www.w3.org/2009/xmlenc11#aes128-gcm', 'http://www.w3.org/2009/xmlenc11#AES256-GCM']) {
    const message = await refusedAs(uri);
    expect(message, uri).toContain('RFC 6030');
    expect(message, uri).not.toContain(UNKNOWN);
  }
});

test("an unknown cipher's URI is quoted, cut to its first 100 characters", async () => {
  // Long, but within the reader's 4096 characters of an attribute.
  const uri = `urn:example:${'c'.repeat(1000)}`;
  const message = await refusedAs(uri);
  expect(message).toContain(UNKNOWN);
  expect(message).toContain(JSON.stringify(uri.slice(0, 100)));
  expect(message).not.toContain(uri.slice(0, 101));
});

test('a WebCrypto that refuses the AES key is PSKC_UNSUPPORTED, decrypting and encrypting', async () => {
  const refuse = () => vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(new DOMException('no such key size', 'NotSupportedError'));
  try {
    refuse();
    const decrypting = await otpRejection(decryptPskc(encryptedWith(`${XMLENC}aes128-cbc`), { key: new Uint8Array(16) }));
    expect(decrypting.code).toBe('PSKC_UNSUPPORTED');
    expect(decrypting.message).toContain('AES-CBC');
    const token = { kind: 'hotp' as const, key: new Uint8Array(20), counter: 0 };
    const encrypting = await otpRejection(encryptPskc([token], { key: new Uint8Array(24) }));
    expect(encrypting.code).toBe('PSKC_UNSUPPORTED');
    expect(encrypting.message).toContain('192-bit');
  } finally {
    vi.restoreAllMocks();
  }
});
