/**
 * The ciphers of PSKC encryption (RFC 6030 §6.1, XML Encryption 1.0 §5.2 and §5.6): their names,
 * and why the others are refused (everything WebCrypto lacks, by name). The AES itself
 * (AES-128/192/256-CBC with the IV prepended to the cipher text, AES key wrap RFC 3394) is
 * WebCrypto's, in `_aes.ts`, which the encrypted backups share.
 * @module
 */
import { aesKey as aesKeyOf, type AesKey } from './_aes.ts';

export { cbcDecryptRaw, cbcEncrypt, kwUnwrap, unpad, type AesKey } from './_aes.ts';

/** What XML Encryption names a cipher by, and what this module does with it. */
export interface Cipher {
  readonly mode: 'cbc' | 'kw';
  /** The AES key length in bytes. */
  readonly keyBytes: 16 | 24 | 32;
  /** The name in messages: the URI's fragment. */
  readonly name: string;
}

const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';

/** The ciphers WebCrypto provides, by algorithm URI. */
export const CIPHERS: ReadonlyMap<string, Cipher> = /* @__PURE__ */ new Map([
  [`${XMLENC}aes128-cbc`, { mode: 'cbc', keyBytes: 16, name: 'aes128-cbc' }],
  [`${XMLENC}aes192-cbc`, { mode: 'cbc', keyBytes: 24, name: 'aes192-cbc' }],
  [`${XMLENC}aes256-cbc`, { mode: 'cbc', keyBytes: 32, name: 'aes256-cbc' }],
  [`${XMLENC}kw-aes128`, { mode: 'kw', keyBytes: 16, name: 'kw-aes128' }],
  [`${XMLENC}kw-aes192`, { mode: 'kw', keyBytes: 24, name: 'kw-aes192' }],
  [`${XMLENC}kw-aes256`, { mode: 'kw', keyBytes: 32, name: 'kw-aes256' }],
] as const);

/** Why a known cipher is refused: WebCrypto does not have it. */
export function refusedCipher(uri: string): string {
  const fragment = uri.slice(uri.lastIndexOf('#') + 1);
  if (/tripledes|3des/i.test(fragment)) return `${fragment} (Triple DES) is not available in WebCrypto`;
  if (/camellia/i.test(fragment)) return `${fragment} (Camellia) is not available in WebCrypto`;
  if (/^rsa/i.test(fragment))
    return `${fragment} (RSA key transport, RFC 6030 §6.3) is not supported: WebCrypto has no RSA PKCS #1 v1.5 decryption, and oathkit takes no private keys`;
  if (/-pad$/i.test(fragment)) return `${fragment} (AES key wrap with padding, RFC 5649) is not available in WebCrypto`;
  if (/gcm/i.test(fragment)) return `${fragment} is not a cipher RFC 6030 containers use`;
  return `the cipher ${JSON.stringify(uri.slice(0, 100))} is not one oathkit reads (AES-CBC and AES key wrap only)`;
}

/** An AES key for PSKC: WebCrypto missing or refusing its size is `PSKC_UNSUPPORTED`. */
export function aesKey(raw: Uint8Array): AesKey {
  return aesKeyOf(raw, 'PSKC_UNSUPPORTED');
}
