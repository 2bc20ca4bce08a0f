/**
 * PSKC, the Portable Symmetric Key Container of RFC 6030: the XML files hardware-token vendors
 * ship seeds in. {@link readPskc} reads plain containers, {@link decryptPskc} encrypted ones
 * (pre-shared key §6.1, PBKDF2 password §6.2, with the §6.1.1 MAC checked), {@link writePskc} and
 * {@link encryptPskc} write them. Every `KeyPackage` becomes a `Token`, or is listed as skipped
 * with the reason.
 * @module
 */
import { detectFormat } from './detect.ts';
import type { Algorithm } from './_algorithm.ts';
import { encodeBase64 } from './_base64.ts';
import { isBytes, randomBytes } from './_bytes.ts';
import { hmac, pbkdf2Async } from './_pbkdf2.ts';
import { aesKey, cbcDecryptRaw, cbcEncrypt, CIPHERS, kwUnwrap, refusedCipher, unpad, type AesKey } from './_pskc-crypto.ts';
import {
  base64Of,
  buildTokens,
  childOf,
  DS_NS,
  PKCS5_NS,
  PSKC_NS,
  scanContainer,
  XENC11_NS,
  XENC_NS,
  xmlTrim,
  type PskcEntry,
  type PskcScan,
  type PskcValue,
  type Resolved,
} from './_pskc-read.ts';
import { containerXml, plainSecretXml, tokensToWrite } from './_pskc-write.ts';
import { utf8Encode } from './_utf8.ts';
import { checkedObject, describe, integerIn, kindOf } from './_validate.ts';
import { attr, escapeText, isXmlText, type XmlElement } from './_xml.ts';
import { OtpError } from './errors.ts';
import type { Token, TokenInput } from './token.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Token, TokenInput, TokenKind } from './token.ts';
export { MAX_PSKC_LENGTH, PSKC_EXTRAS } from './_pskc-read.ts';
export { MAX_PSKC_TOKENS } from './_pskc-write.ts';

/** A `KeyPackage` that gave no token. */
export interface PskcSkipped {
  /** Its position among the container's `KeyPackage`s, from 0. */
  index: number;
  /** Why, in words (never key material). */
  reason: string;
  /** Its `DeviceInfo/SerialNo`, when it has one. */
  serial?: string;
}

/** What a container holds. */
export interface PskcContents {
  /** One token per usable `KeyPackage`, in file order. */
  tokens: Token[];
  /** The `KeyPackage`s that gave no token, and why. */
  skipped: PskcSkipped[];
  /** The container's `Id`. */
  id?: string;
  /** Present when the container carries an XML signature, which oathkit does not check. */
  signed?: true;
}

/** The secret of an encrypted container: its password (§6.2) or its pre-shared AES key (§6.1). */
export type PskcSecret =
  | {
      /** The password (PBKDF2, RFC 6030 §6.2). */
      password: string;
    }
  | {
      /** The pre-shared AES key: 16, 24 or 32 bytes (RFC 6030 §6.1). */
      key: Uint8Array;
    };

/** Options of {@link readPskc}: none yet (an unknown key is refused). */
export type ReadPskcOptions = Record<string, never>;

/** Options of {@link decryptPskc}. */
export interface DecryptPskcOptions {
  /**
   * The most PBKDF2 iterations a container may ask for, 1 to 100,000,000 (default
   * {@link MAX_PBKDF2_ITERATIONS}); a file asking for more is refused before any work.
   */
  maxIterations?: number;
  /**
   * Accept AES-CBC values that carry no `<ValueMAC>` (default false). Without a MAC a wrong key
   * is caught only by the padding check (PKCS #7, at least 255 times in 256), so such a file is
   * refused unless this is set. privacyIDEA's exports, for one, carry no MACs.
   */
  allowMissingMac?: boolean;
}

/** Options of {@link writePskc}. */
export interface WritePskcOptions {
  /** The container's `Id` attribute. */
  id?: string;
}

/** Options of {@link encryptPskc}. */
export interface EncryptPskcOptions extends WritePskcOptions {
  /** PBKDF2 iterations for a password, 1,000 to {@link MAX_PBKDF2_ITERATIONS} (default 100,000). */
  iterations?: number;
  /** The key's name (`ds:KeyName`, or for a password `xenc11:MasterKeyName`). Default `Pre-shared-key` for a key, none for a password. */
  keyName?: string;
}

/**
 * The default cap on PBKDF2 iterations when reading: 2,000,000, above every vendor default seen
 * (RFC 6030's example 1,000, python-pskc's 100,000, OWASP's 2023 advice of 1,300,000 for
 * HMAC-SHA1). Deriving 2,000,000 iterations takes seconds; raise it with `options.maxIterations`.
 */
export const MAX_PBKDF2_ITERATIONS = 2_000_000;

/** The iterations {@link encryptPskc} uses by default. */
export const PSKC_ITERATIONS = 100_000;

const READ_OPTIONS: readonly string[] = [];
const DECRYPT_OPTIONS = ['maxIterations', 'allowMissingMac'] as const;
const WRITE_OPTIONS = ['id'] as const;
const ENCRYPT_OPTIONS = ['id', 'iterations', 'keyName'] as const;

const DSIG_MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
/** The MAC algorithms of §6.1.1 by URI, all computed with oathkit's own HMAC. */
const MACS: Readonly<Record<string, Algorithm>> = /* @__PURE__ */ Object.freeze({
  [`${DS_NS}hmac-sha1`]: 'SHA1',
  [`${DSIG_MORE}hmac-sha224`]: 'SHA224',
  [`${DSIG_MORE}hmac-sha256`]: 'SHA256',
  [`${DSIG_MORE}hmac-sha384`]: 'SHA384',
  [`${DSIG_MORE}hmac-sha512`]: 'SHA512',
});
const PBKDF2_URIS = [`${PKCS5_NS}pbkdf2`, `${XENC11_NS}pbkdf2`];

/**
 * A quick look at whether `text` is a PSKC container: its first element is a `KeyContainer` whose
 * prefix (or default) is bound to the RFC 6030 namespace on that element (`detectFormat`'s test).
 * Nothing is parsed past the start tag; {@link readPskc} does the checking.
 * @param text - a file's text
 * @returns true when it looks like PSKC
 * @example
 * ```ts
 * import { isPskc } from 'oathkit/pskc';
 * isPskc('<?xml version="1.0"?>\n<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">'); // true
 * isPskc('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'); // false
 * ```
 */
export function isPskc(text: string): boolean {
  return detectFormat(text) === 'pskc';
}

/**
 * Reads a plain PSKC container (RFC 6030): each `KeyPackage` whose key is HOTP, TOTP or OCRA
 * becomes a {@link Token}; the others are listed in `skipped` with the reason. How the fields
 * map: `DeviceInfo/SerialNo` → `serial`; `Issuer` → `issuer` (no Issuer, no issuer: the
 * manufacturer goes to extras); the key's `UserId`, else the device's, else `FriendlyName` →
 * `account`; `ResponseFormat` → `digits` (decimal only); `Counter` → `counter`; `TimeInterval`
 * → `period`; `Suite` → the OCRA suite, or the HOTP/TOTP hash (`HMAC-SHA256`); everything else
 * a server needs (policy, dates, `Time`, `TimeDrift`, key and device ids) → `extras`, named as
 * listed in {@link PSKC_EXTRAS}. A key whose `Policy` holds an element oathkit does not know is
 * skipped (RFC 6030 §5). XML signatures are not checked (`signed` says one is present).
 * @param xml - the container's text (a byte-order mark may open it; read files as UTF-8)
 * @param options - none yet
 * @returns the tokens, the skipped entries and the container's `Id`
 * @throws OtpError `INVALID_PSKC` (not well-formed XML, a DOCTYPE or other refused construct, a
 *   cap exceeded, not an RFC 6030 `KeyContainer`), `INPUT_TOO_LONG` (over 16 MiB),
 *   `PSKC_ENCRYPTED` (a value is encrypted: use {@link decryptPskc}), `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { readPskc } from 'oathkit/pskc';
 * const { tokens } = readPskc(`<?xml version="1.0" encoding="UTF-8"?>
 * <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
 *   <KeyPackage>
 *     <DeviceInfo><Manufacturer>Acme</Manufacturer><SerialNo>987654321</SerialNo></DeviceInfo>
 *     <Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
 *       <AlgorithmParameters><ResponseFormat Length="8" Encoding="DECIMAL"/></AlgorithmParameters>
 *       <Data>
 *         <Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>
 *         <Counter><PlainValue>0</PlainValue></Counter>
 *       </Data>
 *     </Key>
 *   </KeyPackage>
 * </KeyContainer>`);
 * tokens[0].serial; // '987654321'
 * tokens[0].digits; // 8
 * tokens[0].extras; // { 'pskc.DeviceInfo/Manufacturer': 'Acme', 'pskc.Key/@Id': '1' }
 * ```
 */
export function readPskc(xml: string, options?: ReadPskcOptions): PskcContents {
  checkedObject(options, READ_OPTIONS);
  const scan = scanContainer(xml);
  if (scan.encrypted) {
    throw new OtpError('PSKC_ENCRYPTED', `the PSKC container is encrypted (${describeEncryption(scan)}): read it with decryptPskc`);
  }
  return contents(
    scan,
    buildTokens(scan, (entry, field) => plainOf(entry.values.get(field))),
  );
}

function plainOf(v: PskcValue | undefined): Resolved | undefined {
  return v === undefined ? undefined : 'plain' in v ? { text: v.plain } : undefined;
}

function describeEncryption(scan: PskcScan): string {
  const e = scan.encryption;
  const named = (names: string[]): string => (names.length > 0 && names[0] !== '' ? ` named ${JSON.stringify(names[0]!.slice(0, 60))}` : '');
  if (e.kind === 'derived') return `with a password${named(e.names)}, through PBKDF2`;
  if (e.kind === 'key') return `with a pre-shared key${named(e.names)}`;
  if (e.kind === 'asymmetric') return 'for an RSA key, which oathkit does not read';
  return 'with a key the container does not name';
}

function contents(scan: PskcScan, built: Pick<PskcContents, 'tokens' | 'skipped'>): PskcContents {
  const out: PskcContents = { tokens: built.tokens, skipped: built.skipped };
  if (scan.id !== undefined) out.id = scan.id;
  if (scan.signed) out.signed = true;
  return out;
}

/** The secret argument, checked: a password as UTF-8 bytes, or a key of AES size. */
function secretOf(secret: PskcSecret): { password: Uint8Array } | { key: Uint8Array } {
  const usage = 'secret must be { password: string } or { key: Uint8Array } (a 16-, 24- or 32-byte AES key)';
  // Its kind, never its content: a password passed bare (decryptPskc(xml, 'hunter2')) is a string.
  if (secret === null || typeof secret !== 'object' || Array.isArray(secret)) throw new OtpError('PSKC_KEY', `${usage}, got ${kindOf(secret)}`);
  const s = checkedObject(secret as { password?: unknown; key?: unknown }, ['password', 'key'], 'secret', 'PSKC_KEY');
  if ((s.password === undefined) === (s.key === undefined)) throw new OtpError('PSKC_KEY', `${usage}: exactly one of them`);
  if (s.password !== undefined) {
    if (typeof s.password !== 'string' || s.password === '')
      throw new OtpError('PSKC_KEY', `secret.password must be a non-empty string, got ${kindOf(s.password)}`);
    const bytes = utf8Encode(s.password);
    if (bytes === undefined) throw new OtpError('PSKC_KEY', 'secret.password is not well-formed Unicode (it holds a lone surrogate)');
    return { password: bytes };
  }
  if (!isBytes(s.key) || (s.key.length !== 16 && s.key.length !== 24 && s.key.length !== 32)) {
    throw new OtpError(
      'PSKC_KEY',
      `secret.key must be a 16-, 24- or 32-byte Uint8Array (an AES key), got ${isBytes(s.key) ? `${s.key.length} bytes` : kindOf(s.key)}`,
    );
  }
  return { key: s.key };
}

/** Constant-time equality of two MACs (the length is public). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  // Stryker disable next-line EqualityOperator: the lengths are equal here, and past both ends undefined ^ undefined is 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * The PBKDF2 parameters (PKCS #5 v2.0 XML schema, as RFC 6030 §6.2 uses it), bounded before any
 * work: salt 1 to 1,024 bytes, iterations 1 to `maxIterations`, key length that of the cipher.
 */
function deriveKey(method: XmlElement, password: Uint8Array, keyBytes: number | undefined, maxIterations: number): Promise<Uint8Array> {
  const algorithm = attr(method, 'Algorithm') ?? '';
  if (!PBKDF2_URIS.includes(algorithm)) {
    throw new OtpError('PSKC_UNSUPPORTED', `the key derivation ${JSON.stringify(algorithm.slice(0, 100))} is not PBKDF2, the one RFC 6030 §6.2 names`);
  }
  const bad = (message: string): never => {
    throw new OtpError('INVALID_PSKC', `the PBKDF2 parameters: ${message}`);
  };
  const params = childOf(method, PKCS5_NS, 'PBKDF2-params', bad) ?? childOf(method, XENC11_NS, 'PBKDF2-params', bad) ?? bad('<PBKDF2-params> is missing');
  // The parameters' children are unqualified in the RFC's figure 7; some writers qualify them,
  // and a document whose default namespace is PSKC's puts unprefixed ones in it.
  const param = (el: XmlElement, name: string): XmlElement | undefined => {
    const found = el.children.filter((c) => c.name === name && (c.ns === '' || c.ns === PKCS5_NS || c.ns === XENC11_NS || c.ns === PSKC_NS));
    if (found.length > 1) bad(`<${name}> appears twice`);
    return found[0];
  };
  const salt = param(params, 'Salt') ?? bad('<Salt> is missing');
  const specified = param(salt, 'Specified');
  if (specified === undefined) throw new OtpError('PSKC_UNSUPPORTED', 'the PBKDF2 salt is not <Specified> (an OtherSource salt is not read)');
  const saltBytes = base64Of(xmlTrim(specified.text), 'the PBKDF2 salt', bad);
  if (saltBytes.length < 1 || saltBytes.length > 1024) bad(`the salt is ${saltBytes.length} bytes; 1 to 1024 are read`);
  const count = xmlTrim(param(params, 'IterationCount')?.text ?? '');
  if (!/^[0-9]{1,12}$/.test(count) || Number(count) < 1) bad(`IterationCount must be a positive integer, got ${JSON.stringify(count.slice(0, 20))}`);
  const iterations = Number(count);
  if (iterations > maxIterations) {
    throw new OtpError(
      'PSKC_UNSUPPORTED',
      `the container asks for ${iterations} PBKDF2 iterations; at most ${maxIterations} are done (options.maxIterations raises the cap)`,
    );
  }
  const lengthText = param(params, 'KeyLength') === undefined ? undefined : xmlTrim(param(params, 'KeyLength')!.text);
  let length = keyBytes ?? 16;
  if (lengthText !== undefined) {
    if (!/^[0-9]{1,3}$/.test(lengthText)) bad(`KeyLength must be a number of bytes, got ${JSON.stringify(lengthText.slice(0, 20))}`);
    if (keyBytes !== undefined && Number(lengthText) !== keyBytes) bad(`KeyLength is ${lengthText} but the cipher takes a ${keyBytes}-byte key`);
    if (![16, 24, 32].includes(Number(lengthText))) bad(`KeyLength is ${lengthText}; an AES key is 16, 24 or 32 bytes`);
    length = Number(lengthText);
  }
  // The PRF's URI is its Algorithm attribute; python-pskc 1.2 writes it as the element's text.
  const prf = param(params, 'PRF');
  const prfUri = prf === undefined ? '' : (attr(prf, 'Algorithm') ?? xmlTrim(prf.text));
  const hash = prfUri === '' ? 'SHA1' : MACS[prfUri];
  if (hash === undefined) throw new OtpError('PSKC_UNSUPPORTED', `the PBKDF2 PRF ${JSON.stringify(prfUri.slice(0, 100))} is not HMAC-SHA1/224/256/384/512`);
  return pbkdf2Async(hash, password, saltBytes, iterations, length);
}

/**
 * Decrypts one value: checks its MAC first (HMAC over IV ‖ cipher text, RFC 6030 §6.1.1), then
 * decrypts. A MAC that does not verify, or (without a MAC) a value that does not decrypt, is a
 * wrong key. A value whose MAC verifies but which does not decrypt was written wrongly: that is
 * the entry's problem, returned as a string.
 */
async function openValue(
  key: AesKey,
  v: Extract<PskcValue, { cipher: Uint8Array }>,
  mac: { algorithm: Algorithm; key: Uint8Array } | undefined,
  what: string,
  allowMissingMac: boolean,
  lenient = false,
): Promise<Uint8Array | string> {
  const cipher = CIPHERS.get(v.algorithm)!;
  let verified = false;
  if (v.mac !== undefined) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable: decryptPskc gets mac from macOf, which throws without a <MACMethod>, and the MAC key has no ValueMAC
    if (mac === undefined) throw new OtpError('INVALID_PSKC', `${what} has a <ValueMAC> but the container has no <MACMethod>`);
    if (!sameBytes(hmac(mac.algorithm, mac.key, v.cipher), v.mac)) {
      throw new OtpError('PSKC_KEY', `the MAC of ${what} does not verify: a wrong key or password, or an altered file`);
    }
    verified = true;
  } else if (cipher.mode === 'cbc' && !allowMissingMac) {
    throw new OtpError(
      'PSKC_UNSUPPORTED',
      `${what} is AES-CBC encrypted without a <ValueMAC>, so a wrong key could not be told from the right one; pass { allowMissingMac: true } to rely on the padding check alone`,
    );
  }
  if (cipher.mode === 'kw') {
    const out = await kwUnwrap(key, v.cipher);
    if (out !== undefined) return out;
    if (v.cipher.length % 8 !== 0 || v.cipher.length < 24) return `${what} is not an AES key wrap (RFC 3394) output`;
    throw new OtpError('PSKC_KEY', `${what} does not unwrap (RFC 3394 integrity check): a wrong key or password, or an altered file`);
  }
  const padded = await cbcDecryptRaw(key, v.cipher);
  if (padded === undefined) return `${what} is ${v.cipher.length} bytes, not an IV and whole AES blocks`;
  // Checked by its MAC, the padding may be XML Encryption's (only the last byte defined);
  // unchecked, it must be exact PKCS #7, the one test of the key left.
  const plain = unpad(padded, !verified && !lenient);
  if (plain !== undefined) return plain;
  if (verified) return `${what} decrypts to bad padding although its MAC verifies: the file was written wrongly`;
  throw new OtpError('PSKC_KEY', `${what} does not decrypt (bad padding): a wrong key or password`);
}

/** The container's AES key: the key given, or the one PBKDF2 derives from the password. */
async function containerKey(
  scan: PskcScan,
  s: { password: Uint8Array } | { key: Uint8Array },
  keyBytes: number | undefined,
  maxIterations: number,
): Promise<Uint8Array> {
  let raw: Uint8Array;
  if ('password' in s) {
    if (scan.encryption.kind !== 'derived') {
      throw new OtpError('PSKC_KEY', `the container has no <DerivedKey>, so no password opens it: it is encrypted ${describeEncryption(scan)}; pass { key }`);
    }
    raw = await deriveKey(scan.encryption.method, s.password, keyBytes, maxIterations);
  } else {
    raw = s.key;
  }
  if (keyBytes !== undefined && raw.length !== keyBytes) {
    throw new OtpError('PSKC_KEY', `the container's values take a ${keyBytes}-byte AES key; the key given is ${raw.length} bytes`);
  }
  return raw;
}

/** The MAC algorithm and key of `<MACMethod>` (§6.1.1): the MAC key decrypted, or without one the encryption key. */
async function macOf(scan: PskcScan, key: AesKey, raw: Uint8Array): Promise<{ algorithm: Algorithm; key: Uint8Array }> {
  if (scan.mac === undefined) throw new OtpError('INVALID_PSKC', 'a value has a <ValueMAC> but the container has no <MACMethod>');
  const uri = scan.mac.algorithm ?? '';
  if (uri === '') throw new OtpError('INVALID_PSKC', 'the <MACMethod> the values refer to has no Algorithm');
  const algorithm = MACS[uri];
  if (algorithm === undefined)
    throw new OtpError('PSKC_UNSUPPORTED', `the MAC algorithm ${JSON.stringify(uri.slice(0, 100))} is not HMAC-SHA1/224/256/384/512`);
  const encrypted = scan.mac.key;
  // No <MACKey>: the encryption key MACs too (pre-RFC drafts, python-pskc's reading).
  if (encrypted === undefined || !('cipher' in encrypted)) return { algorithm, key: raw };
  // The MAC key has no MAC of its own: a wrong key shows when the value MACs fail.
  const opened = await openValue(key, encrypted, undefined, 'the MAC key', true, true).catch((e: unknown) => {
    throw e instanceof OtpError && e.code === 'PSKC_KEY' ? new OtpError('PSKC_KEY', 'the MAC key does not decrypt: a wrong key or password', { cause: e }) : e;
  });
  if (typeof opened === 'string') throw new OtpError('INVALID_PSKC', opened);
  return { algorithm, key: opened };
}

/**
 * Reads an encrypted PSKC container (RFC 6030 §6): values encrypted with AES-128/192/256-CBC or AES
 * key wrap under a pre-shared key (§6.1) or a key derived from a password with PBKDF2 (§6.2),
 * each value's MAC (HMAC-SHA1/224/256/384/512, §6.1.1) checked before it is decrypted. Plain
 * containers are read too. Otherwise as {@link readPskc}.
 *
 * Refused by name (`PSKC_UNSUPPORTED`): Triple DES, Camellia, AES key wrap with padding and RSA
 * key transport (§6.3), which WebCrypto does not offer; PBKDF2 with more iterations than
 * `maxIterations`; AES-CBC values without a MAC unless `allowMissingMac`.
 * @param xml - the container's text
 * @param secret - `{ password }` for a PBKDF2 container, or `{ key }`: the 16/24/32-byte AES key
 *   (the pre-shared key, or the already derived key of a password container)
 * @param options - `maxIterations`, `allowMissingMac`
 * @returns a Promise of the tokens, the skipped entries and the container's `Id`
 * @throws OtpError (the Promise rejects) `PSKC_KEY` (a wrong key or password, a MAC that does not
 *   verify, a secret of the wrong form), `PSKC_UNSUPPORTED`, `INVALID_PSKC`, `INPUT_TOO_LONG`,
 *   `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { decryptPskc, encryptPskc } from 'oathkit/pskc';
 * const key = new Uint8Array(16).fill(7);
 * const xml = await encryptPskc([{ kind: 'hotp', key: new Uint8Array(20).fill(1), serial: 'A1' }], { key });
 * const { tokens } = await decryptPskc(xml, { key });
 * tokens[0].serial; // 'A1'
 * tokens[0].key; // Uint8Array [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
 * ```
 */
export async function decryptPskc(xml: string, secret: PskcSecret, options?: DecryptPskcOptions): Promise<PskcContents> {
  const o = checkedObject(options, DECRYPT_OPTIONS);
  const maxIterations = integerIn(o.maxIterations, MAX_PBKDF2_ITERATIONS, 1, 100_000_000, 'options.maxIterations', 'INVALID_OPTIONS');
  if (o.allowMissingMac !== undefined && typeof o.allowMissingMac !== 'boolean') {
    throw new OtpError('INVALID_OPTIONS', `options.allowMissingMac must be a boolean, got ${describe(o.allowMissingMac)}`);
  }
  const s = secretOf(secret);
  const scan = scanContainer(xml);
  if (!scan.encrypted) {
    // Nothing to decrypt, so nothing a MAC covers: a plain container reads as readPskc reads it.
    return contents(
      scan,
      buildTokens(scan, (entry, field) => plainOf(entry.values.get(field))),
    );
  }
  if (scan.encryption.kind === 'asymmetric') {
    throw new OtpError(
      'PSKC_UNSUPPORTED',
      'the container is encrypted for an RSA key (RFC 6030 §6.3): RSA key transport is not supported (WebCrypto has no RSA PKCS #1 v1.5 decryption)',
    );
  }
  // Every cipher the container uses must be one WebCrypto has, and all take the same key: the
  // MAC key's too, which macOf opens.
  const values: [PskcEntry, string, Extract<PskcValue, { cipher: Uint8Array }>][] = [];
  for (const entry of scan.entries) {
    if (entry.problem !== undefined) continue;
    for (const [field, v] of entry.values) if ('cipher' in v) values.push([entry, `the <${field}> of KeyPackage ${entry.index}`, v]);
  }
  const macKey = scan.mac?.key !== undefined && 'cipher' in scan.mac.key ? [scan.mac.key] : [];
  const sizes = new Set<number>();
  for (const v of [...macKey, ...values.map(([, , value]) => value)]) {
    const cipher = CIPHERS.get(v.algorithm);
    if (cipher === undefined) throw new OtpError('PSKC_UNSUPPORTED', refusedCipher(v.algorithm));
    sizes.add(cipher.keyBytes);
  }
  if (sizes.size > 1)
    throw new OtpError('INVALID_PSKC', `the container's values use ciphers of different key sizes (${[...sizes].join(', ')} bytes) under one key`);
  const keyBytes = sizes.values().next().value as number | undefined;

  const raw = await containerKey(scan, s, keyBytes, maxIterations);
  const key = aesKey(raw);
  // A <MACMethod> no value refers to is not used (python-pskc writes one, without an Algorithm,
  // beside key-wrapped values, whose integrity RFC 3394 checks).
  const mac = values.some(([, , v]) => v.mac !== undefined) ? await macOf(scan, key, raw) : undefined;
  const allowMissingMac = o.allowMissingMac === true;

  const opened = new Map<Extract<PskcValue, { cipher: Uint8Array }>, Uint8Array>();
  for (const [entry, what, v] of values) {
    if (entry.problem !== undefined) continue;
    const out = await openValue(key, v, mac, what, allowMissingMac);
    if (typeof out === 'string') entry.problem = out;
    else opened.set(v, out);
  }
  return contents(
    scan,
    buildTokens(scan, (entry, field) => {
      const v = entry.values.get(field);
      if (v === undefined) return undefined;
      return 'plain' in v ? { text: v.plain } : { bytes: opened.get(v)! };
    }),
  );
}

/**
 * Writes tokens as a plain PSKC 1.0 container, one `KeyPackage` each, that {@link readPskc} and
 * python-pskc read back: `serial` → `DeviceInfo/SerialNo`, `issuer` → `Issuer`, `account` →
 * the key's `UserId`, the hash (other than SHA1) → `Suite` as `HMAC-SHA256`, and the PSKC
 * `extras` ({@link PSKC_EXTRAS}) back where they were read from; other extras have no place in
 * PSKC and are not written. The key's `Id` is its `pskc.Key/@Id` extra, else the serial, else its
 * position from 1 (RFC 6030 requires one). The keys are in the clear: see {@link encryptPskc}.
 * @param tokens - the tokens
 * @param options - `id`: the container's `Id`
 * @returns the container's text (UTF-8 XML)
 * @throws OtpError `PSKC_UNSUPPORTED` naming a token PSKC cannot carry (Steam Guard, TOTP with
 *   t0 ≠ 0, text with control characters), the codes of `normalizeToken`, `INPUT_TOO_LONG`
 *   (over 10,000 tokens), `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { readPskc, writePskc } from 'oathkit/pskc';
 * const key = new Uint8Array(20).fill(9);
 * const xml = writePskc([{ kind: 'totp', key, period: 60, serial: 'T-1', issuer: 'ACME' }]);
 * readPskc(xml).tokens[0].period; // 60
 * readPskc(xml).tokens[0].extras; // { 'pskc.Key/@Id': 'T-1' }
 * ```
 */
export function writePskc(tokens: TokenInput[], options?: WritePskcOptions): string {
  const o = checkedObject(options, WRITE_OPTIONS);
  const id = idOf(o.id);
  return containerXml(tokensToWrite(tokens), { id }, plainSecretXml);
}

function idOf(id: unknown): string | undefined {
  if (id === undefined) return undefined;
  if (typeof id !== 'string' || id === '' || id.length > 1024 || !isXmlText(id)) {
    throw new OtpError('INVALID_OPTIONS', `options.id must be a non-empty string of at most 1024 printable characters, got ${describe(id)}`);
  }
  return id;
}

const AES_CBC_URI: Readonly<Record<number, string>> = /* @__PURE__ */ Object.freeze({
  16: `${XENC_NS}aes128-cbc`,
  24: `${XENC_NS}aes192-cbc`,
  32: `${XENC_NS}aes256-cbc`,
});

/**
 * Writes tokens as an encrypted PSKC container (RFC 6030 §6): each key AES-CBC encrypted with a
 * fresh IV, and MACed with HMAC-SHA256 under a random MAC key that is itself encrypted (§6.1.1).
 * With `{ password }` the AES-256 key comes from PBKDF2-HMAC-SHA256 over a random 16-byte salt
 * (§6.2); with `{ key }` it is the 16-, 24- or 32-byte key given (AES-128/192/256; Chromium has
 * no AES-192). Counters and the other values stay plain, as in the RFC's examples.
 * @param tokens - the tokens
 * @param secret - `{ password }` or `{ key }`
 * @param options - `id`, `iterations` (default 100,000), `keyName`
 * @returns a Promise of the container's text
 * @throws OtpError (the Promise rejects) as {@link writePskc}, and `PSKC_KEY` for a secret of the
 *   wrong form, `PSKC_UNSUPPORTED` where WebCrypto is missing
 * @example
 * ```ts
 * import { decryptPskc, encryptPskc } from 'oathkit/pskc';
 * const xml = await encryptPskc([{ kind: 'totp', key: new Uint8Array(20).fill(3) }], { password: 'correct horse' }, { iterations: 1000 });
 * (await decryptPskc(xml, { password: 'correct horse' })).tokens.length; // 1
 * ```
 */
export async function encryptPskc(tokens: TokenInput[], secret: PskcSecret, options?: EncryptPskcOptions): Promise<string> {
  const o = checkedObject(options, ENCRYPT_OPTIONS);
  const id = idOf(o.id);
  const iterations = integerIn(o.iterations, PSKC_ITERATIONS, 1000, MAX_PBKDF2_ITERATIONS, 'options.iterations', 'INVALID_OPTIONS');
  if (o.keyName !== undefined && (typeof o.keyName !== 'string' || o.keyName === '' || o.keyName.length > 256)) {
    throw new OtpError('INVALID_OPTIONS', `options.keyName must be a non-empty string of at most 256 characters, got ${describe(o.keyName)}`);
  }
  const list = tokensToWrite(tokens);
  const s = secretOf(secret);
  let raw: Uint8Array;
  let encryptionKey: string;
  let namespaces = ` xmlns:ds="${DS_NS}" xmlns:xenc="${XENC_NS}"`;
  if ('password' in s) {
    const salt = randomBytes(16);
    raw = await pbkdf2Async('SHA256', s.password, salt, iterations, 32);
    namespaces += ` xmlns:xenc11="${XENC11_NS}" xmlns:pkcs5="${PKCS5_NS}"`;
    const name = o.keyName === undefined ? '' : `\n      <xenc11:MasterKeyName>${escapeText(o.keyName)}</xenc11:MasterKeyName>`;
    // The PBKDF2 parameters' children are unqualified (PKCS #5's schema; RFC 6030 figure 7).
    encryptionKey = `  <EncryptionKey>
    <xenc11:DerivedKey>
      <xenc11:KeyDerivationMethod Algorithm="${PKCS5_NS}pbkdf2">
        <pkcs5:PBKDF2-params xmlns="">
          <Salt>
            <Specified>${encodeBase64(salt)}</Specified>
          </Salt>
          <IterationCount>${iterations}</IterationCount>
          <KeyLength>32</KeyLength>
          <PRF Algorithm="${DSIG_MORE}hmac-sha256"/>
        </pkcs5:PBKDF2-params>
      </xenc11:KeyDerivationMethod>${name}
    </xenc11:DerivedKey>
  </EncryptionKey>`;
  } else {
    raw = s.key;
    encryptionKey = `  <EncryptionKey>\n    <ds:KeyName>${escapeText(o.keyName ?? 'Pre-shared-key')}</ds:KeyName>\n  </EncryptionKey>`;
  }
  const key = aesKey(raw);
  const cipherUri = AES_CBC_URI[raw.length]!;
  const macKey = randomBytes(32);
  // xenc:EncryptionMethod and xenc:CipherData, the body of <MACKey> and of <EncryptedValue>.
  const encrypted = (value: Uint8Array, indent: string) =>
    `${indent}<xenc:EncryptionMethod Algorithm="${cipherUri}"/>\n${indent}<xenc:CipherData>\n` +
    `${indent}  <xenc:CipherValue>${encodeBase64(value)}</xenc:CipherValue>\n${indent}</xenc:CipherData>\n`;
  const head = `${encryptionKey}
  <MACMethod Algorithm="${DSIG_MORE}hmac-sha256">
    <MACKey>
${encrypted(await cbcEncrypt(key, macKey, randomBytes(16)), '      ')}    </MACKey>
  </MACMethod>`;
  const secrets: string[] = [];
  for (const t of list) {
    const value = await cbcEncrypt(key, t.key, randomBytes(16));
    const mac = encodeBase64(hmac('SHA256', macKey, value));
    secrets.push(
      `        <Secret>\n          <EncryptedValue>\n${encrypted(value, '            ')}          </EncryptedValue>\n          <ValueMAC>${mac}</ValueMAC>\n        </Secret>\n`,
    );
  }
  macKey.fill(0);
  return containerXml(list, { id, head, namespaces }, (_t: Token, i: number) => secrets[i]!);
}
