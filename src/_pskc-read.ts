/**
 * Reading a PSKC container (RFC 6030 §4-§5) into tokens, in two steps: {@link scanContainer}
 * walks the XML once and collects, per `KeyPackage`, everything but the encrypted values (each is
 * kept as cipher text with its algorithm and MAC); {@link buildTokens} then turns each entry and
 * its values, decrypted or plain, into a `Token` or the reason it is skipped. Decryption, the only
 * asynchronous part, happens in between (src/pskc.ts).
 * @module
 */
import { algorithmName, type Algorithm } from './_algorithm.ts';
import { decodeBase64 } from './_base64.ts';
import { normalCounter } from './_counter.ts';
import { attr, attrNames, isXmlSpace, parseXml, type XmlElement, type XmlLimits } from './_xml.ts';
import { OtpError } from './errors.ts';
import { parseOcraSuite } from './ocra-suite.ts';
import { normalizeToken, type Token, type TokenInput, type TokenKind } from './token.ts';

/** The PSKC 1.0 namespace (RFC 6030 §4). */
export const PSKC_NS = 'urn:ietf:params:xml:ns:keyprov:pskc';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XENC_NS = 'http://www.w3.org/2001/04/xmlenc#';
export const XENC11_NS = 'http://www.w3.org/2009/xmlenc11#';
export const PKCS5_NS = 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#';

/** The longest container read, in characters: 16 MiB, about 15,000 keys. */
export const MAX_PSKC_LENGTH = 16 * 1024 * 1024;

/** The XML caps: PSKC nests 8 deep, uses short attributes and short text (a certificate at most). */
export const PSKC_LIMITS: XmlLimits = /* @__PURE__ */ Object.freeze({
  maxLength: MAX_PSKC_LENGTH,
  maxDepth: 32,
  maxElements: 500_000,
  maxAttributes: 64,
  maxAttributeLength: 4096,
  maxText: 1 << 20,
});

/** The algorithm URIs of the kinds oathkit reads (RFC 6030 §10.1, the profiles draft for TOTP and OCRA). */
const KINDS: Readonly<Record<string, TokenKind>> = /* @__PURE__ */ Object.freeze({ hotp: 'hotp', totp: 'totp', ocra: 'ocra' });
export const KIND_URI = (kind: 'hotp' | 'totp' | 'ocra'): string => `${PSKC_NS}:${kind}`;

/**
 * Everything a token's `extras` may carry from a PSKC container, by its path from the
 * `KeyPackage` element (`@` marks an attribute), in the order the writer emits them. The
 * values are the container's text, trimmed; encrypted integers come back as decimal text.
 */
export const PSKC_EXTRAS = /* @__PURE__ */ Object.freeze([
  'DeviceInfo/Manufacturer',
  'DeviceInfo/Model',
  'DeviceInfo/IssueNo',
  'DeviceInfo/DeviceBinding',
  'DeviceInfo/StartDate',
  'DeviceInfo/ExpiryDate',
  'DeviceInfo/UserId',
  'CryptoModuleInfo/Id',
  'Key/@Id',
  'Key/AlgorithmParameters/ChallengeFormat/@Encoding',
  'Key/AlgorithmParameters/ChallengeFormat/@Min',
  'Key/AlgorithmParameters/ChallengeFormat/@Max',
  'Key/AlgorithmParameters/ChallengeFormat/@CheckDigits',
  'Key/KeyProfileId',
  'Key/KeyReference',
  'Key/FriendlyName',
  'Key/Data/Counter',
  'Key/Data/Time',
  'Key/Data/TimeInterval',
  'Key/Data/TimeDrift',
  'Key/Policy/StartDate',
  'Key/Policy/ExpiryDate',
  'Key/Policy/PINPolicy/@PINKeyId',
  'Key/Policy/PINPolicy/@PINUsageMode',
  'Key/Policy/PINPolicy/@MaxFailedAttempts',
  'Key/Policy/PINPolicy/@MinLength',
  'Key/Policy/PINPolicy/@MaxLength',
  'Key/Policy/PINPolicy/@PINEncoding',
  'Key/Policy/KeyUsage',
  'Key/Policy/NumberOfTransactions',
] as const);

export const DEVICE_FIELDS = ['Manufacturer', 'SerialNo', 'Model', 'IssueNo', 'DeviceBinding', 'StartDate', 'ExpiryDate', 'UserId'] as const;
export const DATA_FIELDS = ['Secret', 'Counter', 'Time', 'TimeInterval', 'TimeDrift'] as const;
export const PIN_POLICY_ATTRIBUTES = ['PINKeyId', 'PINUsageMode', 'MaxFailedAttempts', 'MinLength', 'MaxLength', 'PINEncoding'] as const;
export const CHALLENGE_ATTRIBUTES = ['Encoding', 'Min', 'Max', 'CheckDigits'] as const;
const POLICY_ELEMENTS = ['StartDate', 'ExpiryDate', 'PINPolicy', 'KeyUsage', 'NumberOfTransactions'];

/** A value of `<Data>`: plain text, or cipher text still to decrypt (RFC 6030 §4.3.2, §6). */
export type PskcValue = { readonly plain: string } | { readonly cipher: Uint8Array; readonly algorithm: string; readonly mac: Uint8Array | undefined };

/** One `KeyPackage`, scanned. `problem` set: it is skipped with that reason. */
export interface PskcEntry {
  readonly index: number;
  serial?: string;
  problem?: string;
  kind?: TokenKind;
  suite?: string;
  algorithm?: Algorithm;
  digits?: number;
  issuer?: string;
  account?: string;
  keyReference?: string;
  extras: Map<string, string>;
  values: Map<(typeof DATA_FIELDS)[number], PskcValue>;
}

/** How the container's encryption key is made (RFC 6030 §6.1, §6.2, §6.3). */
export type PskcEncryption =
  | { readonly kind: 'none' }
  | { readonly kind: 'key'; readonly names: string[] }
  | { readonly kind: 'derived'; readonly names: string[]; readonly method: XmlElement }
  | { readonly kind: 'asymmetric' };

/** The container, scanned. */
export interface PskcScan {
  id?: string;
  signed: boolean;
  encryption: PskcEncryption;
  /** `<MACMethod>`: the algorithm URI and the encrypted MAC key, if one is given. */
  mac?: { algorithm: string | undefined; key?: PskcValue };
  /** True when any value is encrypted. */
  encrypted: boolean;
  entries: PskcEntry[];
}

/** The reason an entry is skipped: thrown inside the entry's scan, caught by the loop. */
function skip(reason: string): never {
  throw new OtpError('INVALID_PSKC', reason);
}

function bad(message: string): never {
  throw new OtpError('INVALID_PSKC', message);
}

/** The children of `el` named `name` in `ns`. */
export function childrenOf(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.name === name);
}

/** The one child `name` in `ns`, or undefined; two of them make `onTwo` decide. */
export function childOf(el: XmlElement, ns: string, name: string, onTwo: (message: string) => never = skip): XmlElement | undefined {
  const found = childrenOf(el, ns, name);
  if (found.length > 1) onTwo(`<${el.name}> has ${found.length} <${name}> elements; RFC 6030 allows one`);
  return found[0];
}

/**
 * XML white space only (not JavaScript's wider `trim`, which would eat U+00A0 in a name). By loops:
 * a regex `[ \t\r\n]+$` retries at every blank of a long run inside the text, quadratic in its
 * length (seconds for a 40,000-blank run in a 16 MiB container).
 */
export function xmlTrim(s: string): string {
  let start = 0;
  let end = s.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end charCodeAt is NaN, no blank: the loop stops there anyway
  while (start < end && isXmlSpace(s.charCodeAt(start))) start++;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an all-blank text runs end below start, and slice(start, end) is '' all the same
  while (end > start && isXmlSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** The trimmed text of the one child `name`, or undefined when absent or empty. */
function textOf(el: XmlElement | undefined, ns: string, name: string, onTwo?: (message: string) => never): string | undefined {
  const c = el === undefined ? undefined : childOf(el, ns, name, onTwo);
  const t = c === undefined ? '' : xmlTrim(c.text);
  return t === '' ? undefined : t;
}

/** Base64 (xs:base64Binary) of a value, or the entry is skipped. */
export function base64Of(text: string, what: string, onBad: (message: string) => never = skip): Uint8Array {
  try {
    return decodeBase64(text);
  } catch {
    return onBad(`${what} is not base64`);
  }
}

/**
 * Parses and walks a container. Structure that makes the whole document unusable (not XML, not a
 * PSKC 1.0 `KeyContainer`) throws; a `KeyPackage` oathkit cannot use becomes an entry with a
 * `problem`, and the others are read on.
 * @throws OtpError `INVALID_PSKC`, `INPUT_TOO_LONG`
 */
export function scanContainer(xml: string): PskcScan {
  const root = parseXml(xml, PSKC_LIMITS, 'INVALID_PSKC', 'the PSKC container');
  if (root.name !== 'KeyContainer' || root.ns !== PSKC_NS) {
    const draft = root.name === 'KeyContainer' && /keyprov/.test(root.ns);
    bad(
      draft
        ? `the root element is a KeyContainer of the pre-standard namespace ${JSON.stringify(root.ns.slice(0, 80))}; oathkit reads RFC 6030 (${PSKC_NS}) only`
        : `the root element must be <KeyContainer> in the namespace ${PSKC_NS}, got <${root.name.slice(0, 40)}>${root.ns ? ` in ${JSON.stringify(root.ns.slice(0, 80))}` : ' in no namespace'}`,
    );
  }
  const version = attr(root, 'Version');
  if (version !== undefined && version !== '1.0' && version !== '1') {
    bad(`the KeyContainer's Version is ${JSON.stringify(version.slice(0, 20))}; oathkit reads PSKC 1.0`);
  }
  const scan: PskcScan = {
    signed: root.children.some((c) => c.name === 'Signature' && (c.ns === PSKC_NS || c.ns === DS_NS)),
    // Stryker disable next-line ObjectLiteral,StringLiteral: every reader of the encryption takes a kind it does not name for 'none'
    encryption: { kind: 'none' },
    encrypted: false,
    entries: [],
  };
  // RFC 6030 names it Id; its own figure 8 writes id. An empty one is no Id.
  const id = attr(root, 'Id') ?? attr(root, 'id');
  if (id) scan.id = id;
  const once = (message: string): never => bad(message);
  const encryptionKey = childOf(root, PSKC_NS, 'EncryptionKey', once);
  if (encryptionKey !== undefined) scan.encryption = encryptionOf(encryptionKey);
  const macMethod = childOf(root, PSKC_NS, 'MACMethod', once);
  if (macMethod !== undefined) {
    const macKey = childOf(macMethod, PSKC_NS, 'MACKey', once);
    scan.mac = { algorithm: attr(macMethod, 'Algorithm') };
    if (macKey !== undefined) scan.mac.key = encryptedValueOf(macKey, 'the MACKey', once);
  }
  let index = 0;
  for (const el of root.children) {
    // Only a KeyPackage in the PSKC namespace is a key package: any other element, whatever its
    // local name, is someone else's extension.
    if (el.ns !== PSKC_NS || el.name !== 'KeyPackage') continue;
    const entry: PskcEntry = { index: index++, extras: new Map(), values: new Map() };
    try {
      scanPackage(el, entry);
    } catch (e) {
      if (!(e instanceof OtpError) || e.code !== 'INVALID_PSKC') throw e;
      entry.problem = e.message;
    }
    for (const v of entry.values.values()) if ('cipher' in v) scan.encrypted = true;
    scan.entries.push(entry);
  }
  return scan;
}

function encryptionOf(el: XmlElement): PskcEncryption {
  const derived = childOf(el, XENC11_NS, 'DerivedKey', bad);
  if (derived !== undefined) {
    const method = childOf(derived, XENC11_NS, 'KeyDerivationMethod', bad) ?? bad('<DerivedKey> has no <KeyDerivationMethod>');
    const names = ['MasterKeyName', 'CarriedKeyName'].flatMap((n) => childrenOf(derived, XENC11_NS, n).map((c) => xmlTrim(c.text)));
    return { kind: 'derived', names, method };
  }
  if (childOf(el, DS_NS, 'X509Data', bad) !== undefined || childOf(el, DS_NS, 'KeyValue', bad) !== undefined) return { kind: 'asymmetric' };
  return { kind: 'key', names: childrenOf(el, DS_NS, 'KeyName').map((c) => xmlTrim(c.text)) };
}

/** An `<EncryptedValue>` (or `<MACKey>`, of the same shape): xenc:EncryptionMethod and xenc:CipherData. */
function encryptedValueOf(el: XmlElement, what: string, onBad: (message: string) => never): PskcValue {
  const method = childOf(el, XENC_NS, 'EncryptionMethod', onBad);
  const algorithm = (method === undefined ? undefined : attr(method, 'Algorithm')) ?? onBad(`${what} has no <xenc:EncryptionMethod> with an Algorithm`);
  const data = childOf(el, XENC_NS, 'CipherData', onBad) ?? onBad(`${what} has no <xenc:CipherData>`);
  const value = textOf(data, XENC_NS, 'CipherValue', onBad) ?? onBad(`${what} has no <xenc:CipherValue>`);
  return { cipher: base64Of(value, `the CipherValue of ${what}`, onBad), algorithm, mac: undefined };
}

function scanPackage(pkg: XmlElement, entry: PskcEntry): void {
  const device = childOf(pkg, PSKC_NS, 'DeviceInfo');
  const extra = (name: (typeof PSKC_EXTRAS)[number], value: string | undefined): void => {
    if (value !== undefined && value !== '') entry.extras.set(name, value);
  };
  entry.serial = textOf(device, PSKC_NS, 'SerialNo');
  // SerialNo is the token's serial and UserId its account (below): the other fields are extras.
  for (const field of ['Manufacturer', 'Model', 'IssueNo', 'DeviceBinding', 'StartDate', 'ExpiryDate'] as const) {
    extra(`DeviceInfo/${field}`, textOf(device, PSKC_NS, field));
  }
  extra('CryptoModuleInfo/Id', textOf(childOf(pkg, PSKC_NS, 'CryptoModuleInfo'), PSKC_NS, 'Id'));
  const keys = childrenOf(pkg, PSKC_NS, 'Key');
  if (keys.length !== 1) skip(keys.length === 0 ? 'the KeyPackage holds no <Key>' : `the KeyPackage holds ${keys.length} <Key> elements; RFC 6030 allows one`);
  const key = keys[0]!;
  extra('Key/@Id', attr(key, 'Id'));

  // Identity: RFC 6030 §4.3.1 UserId of the key, else of the device, else the friendly name.
  const keyUser = textOf(key, PSKC_NS, 'UserId');
  const deviceUser = textOf(device, PSKC_NS, 'UserId');
  const friendly = textOf(key, PSKC_NS, 'FriendlyName');
  entry.account = keyUser ?? deviceUser ?? friendly;
  if (keyUser !== undefined) extra('DeviceInfo/UserId', deviceUser);
  if (keyUser !== undefined || deviceUser !== undefined) extra('Key/FriendlyName', friendly);
  entry.issuer = textOf(key, PSKC_NS, 'Issuer');
  extra('Key/KeyProfileId', textOf(key, PSKC_NS, 'KeyProfileId'));
  const reference = textOf(key, PSKC_NS, 'KeyReference');
  extra('Key/KeyReference', reference);
  entry.keyReference = reference;

  // The data values, plain or encrypted (§4.3.2), each kept for later: decryption is async.
  const data = childOf(key, PSKC_NS, 'Data');
  for (const field of DATA_FIELDS) {
    const el = data === undefined ? undefined : childOf(data, PSKC_NS, field);
    if (el === undefined) continue;
    const plain = childOf(el, PSKC_NS, 'PlainValue');
    const encrypted = childOf(el, PSKC_NS, 'EncryptedValue');
    const mac = textOf(el, PSKC_NS, 'ValueMAC');
    if (plain !== undefined && encrypted !== undefined) skip(`<${field}> holds both a PlainValue and an EncryptedValue`);
    if (encrypted !== undefined) {
      const value = encryptedValueOf(encrypted, `<${field}>`, skip) as { cipher: Uint8Array; algorithm: string };
      entry.values.set(field, { ...value, mac: mac === undefined ? undefined : base64Of(mac, `the ValueMAC of <${field}>`) });
    } else if (plain !== undefined) {
      entry.values.set(field, { plain: xmlTrim(plain.text) });
    }
  }

  // What makes the codes (§4.3): the algorithm URI, the response format, the suite.
  const uri = attr(key, 'Algorithm') ?? skip('the <Key> has no Algorithm');
  const m = /^urn:ietf:params:xml:ns:keyprov:pskc[:#](hotp|totp|ocra)$/.exec(uri);
  const kind = m === null ? undefined : KINDS[m[1]!];
  if (kind === undefined) {
    skip(
      uri === `${PSKC_NS}:pin`
        ? 'the key is a PIN (urn:ietf:params:xml:ns:keyprov:pskc:pin), not an OTP key'
        : `the algorithm ${JSON.stringify(uri.slice(0, 120))} is not HOTP, TOTP or OCRA`,
    );
  }
  entry.kind = kind;
  const params = childOf(key, PSKC_NS, 'AlgorithmParameters');
  const suiteEl = params === undefined ? undefined : childOf(params, PSKC_NS, 'Suite');
  const suite = suiteEl === undefined ? undefined : xmlTrim(suiteEl.text);
  if (kind === 'ocra') {
    if (suite === undefined || suite === '') skip('the OCRA key has no <Suite>');
    entry.suite = suite!;
  } else if (suiteEl !== undefined) {
    // HOTP and TOTP name their hash in <Suite> ('HMAC-SHA256'), or as privacyIDEA writes it,
    // in a hashalgo attribute.
    const hash = suite || (attr(suiteEl, 'hashalgo') ?? '');
    const h = /^(?:HMAC-)?(SHA-?(?:1|224|256|384|512))$/i.exec(hash);
    if (h === null && hash !== '') skip(`the <Suite> ${JSON.stringify(hash.slice(0, 60))} names no hash oathkit knows for ${kind.toUpperCase()}`);
    // algorithmName takes any case.
    if (h !== null) entry.algorithm = algorithmName(h[1]!);
  }
  const response = params === undefined ? undefined : childOf(params, PSKC_NS, 'ResponseFormat');
  if (response !== undefined) {
    const encoding = attr(response, 'Encoding') ?? 'DECIMAL';
    if (encoding.toUpperCase() !== 'DECIMAL') skip(`the codes are ${encoding.slice(0, 20)}, not decimal digits`);
    const check = attr(response, 'CheckDigits');
    if (check !== undefined && check !== 'false' && check !== '0') {
      skip('the codes carry a Luhn check digit (ResponseFormat CheckDigits), which oathkit does not make');
    }
    const length = attr(response, 'Length');
    if (length !== undefined) {
      if (!/^[0-9]{1,3}$/.test(length)) skip(`the ResponseFormat Length ${JSON.stringify(length.slice(0, 20))} is not a number of digits`);
      entry.digits = Number(length);
    }
  }
  const challenge = params === undefined ? undefined : childOf(params, PSKC_NS, 'ChallengeFormat');
  if (challenge !== undefined) {
    for (const a of CHALLENGE_ATTRIBUTES) extra(`Key/AlgorithmParameters/ChallengeFormat/@${a}`, attr(challenge, a));
  }

  policyOf(key, kind, extra);
}

/**
 * `<Policy>` (RFC 6030 §5): its dates, PIN policy, usages and transaction count go to extras for
 * the server to apply. A policy element or PIN-policy attribute oathkit does not know makes the
 * key unusable (§5: "the key MUST NOT be used"), and so does a KeyUsage list without this use.
 */
function policyOf(key: XmlElement, kind: TokenKind, extra: (name: (typeof PSKC_EXTRAS)[number], value: string | undefined) => void): void {
  const policy = childOf(key, PSKC_NS, 'Policy');
  if (policy === undefined) return;
  for (const c of policy.children) {
    if (c.ns !== PSKC_NS || !POLICY_ELEMENTS.includes(c.name)) {
      skip(
        `its <Policy> holds <${c.name.slice(0, 40)}>${c.ns !== PSKC_NS ? ` (namespace ${JSON.stringify(c.ns.slice(0, 80))})` : ''}, which oathkit does not know: RFC 6030 §5 forbids using the key`,
      );
    }
  }
  extra('Key/Policy/StartDate', textOf(policy, PSKC_NS, 'StartDate'));
  extra('Key/Policy/ExpiryDate', textOf(policy, PSKC_NS, 'ExpiryDate'));
  extra('Key/Policy/NumberOfTransactions', textOf(policy, PSKC_NS, 'NumberOfTransactions'));
  const pin = childOf(policy, PSKC_NS, 'PINPolicy');
  if (pin !== undefined) {
    if (pin.children.length > 0)
      skip(`its <PINPolicy> holds <${pin.children[0]!.name.slice(0, 40)}>, which oathkit does not know: RFC 6030 §5 forbids using the key`);
    for (const name of attrNames(pin)) {
      if (!(PIN_POLICY_ATTRIBUTES as readonly string[]).includes(name)) {
        skip(`its <PINPolicy> has the attribute ${JSON.stringify(name.slice(0, 60))}, which oathkit does not know: RFC 6030 §5 forbids using the key`);
      }
    }
    for (const a of PIN_POLICY_ATTRIBUTES) extra(`Key/Policy/PINPolicy/@${a}`, attr(pin, a));
  }
  const usages = childrenOf(policy, PSKC_NS, 'KeyUsage').map((u) => xmlTrim(u.text));
  if (usages.length > 0) {
    if (usages.some((u) => !/^[A-Za-z]{1,32}$/.test(u))) skip('a <KeyUsage> is not a usage name');
    const allowed = usages.includes('OTP') || (kind === 'ocra' && usages.includes('CR'));
    if (!allowed) skip(`its policy allows only ${usages.join(', ')}: not ${kind === 'ocra' ? 'OTP or CR' : 'OTP'}`);
    extra('Key/Policy/KeyUsage', usages.join(' '));
  }
}

/** A decrypted or plain value, as `buildTokens` takes it. */
export type Resolved = { readonly text: string } | { readonly bytes: Uint8Array };

/** Text of an integer value: plain decimal (xs:long), or encrypted big-endian bytes of any length. */
function integerOf(v: Resolved, field: string): bigint {
  if ('bytes' in v) {
    if (v.bytes.length === 0 || v.bytes.length > 64) skip(`the decrypted <${field}> is ${v.bytes.length} bytes, not an integer`);
    let n = 0n;
    for (const b of v.bytes) n = (n << 8n) | BigInt(b);
    return n;
  }
  if (!/^[+-]?[0-9]{1,40}$/.test(v.text)) skip(`the <${field}> value ${JSON.stringify(v.text.slice(0, 24))} is not an integer`);
  return BigInt(v.text);
}

/**
 * Turns the scanned entries, their values resolved by `resolve` (the plain text, or the bytes a
 * decryption gave), into tokens and skipped entries.
 */
export function buildTokens(
  scan: PskcScan,
  resolve: (entry: PskcEntry, field: (typeof DATA_FIELDS)[number]) => Resolved | undefined,
): { tokens: Token[]; skipped: { index: number; reason: string; serial?: string }[] } {
  const tokens: Token[] = [];
  const skipped: { index: number; reason: string; serial?: string }[] = [];
  for (const entry of scan.entries) {
    try {
      if (entry.problem !== undefined) skip(entry.problem);
      tokens.push(tokenOf(entry, (field) => resolve(entry, field)));
    } catch (e) {
      if (!(e instanceof OtpError) || e.code === 'PSKC_KEY' || e.code === 'PSKC_UNSUPPORTED') throw e;
      skipped.push({ index: entry.index, reason: e.message, ...(entry.serial === undefined ? {} : { serial: entry.serial }) });
    }
  }
  return { tokens, skipped };
}

function tokenOf(entry: PskcEntry, value: (field: (typeof DATA_FIELDS)[number]) => Resolved | undefined): Token {
  const kind = entry.kind!;
  const secret = value('Secret');
  if (secret === undefined) {
    skip(entry.keyReference === undefined ? 'the key has no <Secret>' : 'the key has no <Secret>: it is derived from the master key its KeyReference names');
  }
  const key = 'bytes' in secret! ? secret.bytes : base64Of(secret!.text, 'the Secret');
  const extras = new Map(entry.extras);
  // normalizeToken takes an undefined field as absent, and empty extras as none.
  const input: TokenInput = { kind, key, algorithm: entry.algorithm, digits: entry.digits, issuer: entry.issuer, account: entry.account, serial: entry.serial };
  let usesCounter = kind === 'hotp';
  if (kind === 'ocra') {
    input.suite = entry.suite!;
    usesCounter = parseOcraSuite(entry.suite!).counter;
  }
  const counter = value('Counter');
  if (counter !== undefined) {
    const n = integerOf(counter, 'Counter');
    if (usesCounter) {
      if (n < 0n) skip('the <Counter> is negative');
      input.counter = normalCounter(n);
    } else extras.set('Key/Data/Counter', String(n));
  }
  const interval = value('TimeInterval');
  if (interval !== undefined) {
    const n = integerOf(interval, 'TimeInterval');
    if (kind === 'totp') {
      if (n < 1n || n > 2n ** 32n) skip(`the <TimeInterval> ${n} is not a period in seconds from 1 to 2^32`);
      input.period = Number(n);
    } else extras.set('Key/Data/TimeInterval', String(n));
  }
  // <Time> is the current time or the number of intervals passed (§4.3.2), not T0: kept as is.
  for (const field of ['Time', 'TimeDrift'] as const) {
    const v = value(field);
    if (v !== undefined) extras.set(`Key/Data/${field}`, String(integerOf(v, field)));
  }
  // Extras in the documented order, whatever order the file had.
  // Namespaced `pskc.<path>`: written back only by the PSKC writer (see the token model's extras).
  const ordered = PSKC_EXTRAS.filter((n) => extras.has(n)).map((n) => [`pskc.${n}`, extras.get(n)!] as const);
  input.extras = Object.fromEntries(ordered);
  return normalizeToken(input);
}
