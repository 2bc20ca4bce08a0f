/**
 * Writing PSKC 1.0 containers (RFC 6030 §4, element order of its schema, §11): one `KeyPackage`
 * per token, its `extras` (see `PSKC_EXTRAS`) put back where they were read from. The encrypted
 * parts (§6) are made by the caller and handed in as finished XML.
 * @module
 */
import { encodeBase64 } from './_base64.ts';
import { CHALLENGE_ATTRIBUTES, DEVICE_FIELDS, KIND_URI, PIN_POLICY_ATTRIBUTES, PSKC_EXTRAS, PSKC_NS } from './_pskc-read.ts';
import { escapeAttribute, escapeText, isXmlText } from './_xml.ts';
import { OtpError } from './errors.ts';
import { normalizeToken, type Token, type TokenInput } from './token.ts';

/** The most tokens one container is written with (the reader's caps hold about 15,000). */
export const MAX_PSKC_TOKENS = 10_000;

/** Checks and normalizes the tokens a container is written from; refuses what PSKC cannot carry. */
export function tokensToWrite(tokens: TokenInput[]): Token[] {
  if (!Array.isArray(tokens)) throw new OtpError('INVALID_TOKEN', 'tokens must be an array of tokens');
  if (tokens.length > MAX_PSKC_TOKENS) {
    throw new OtpError('INPUT_TOO_LONG', `${tokens.length} tokens; at most ${MAX_PSKC_TOKENS} are written to one container`);
  }
  return tokens.map((input, i) => {
    const t = normalizeToken(input);
    const refuse = (why: string): never => {
      throw new OtpError(
        'PSKC_UNSUPPORTED',
        `tokens[${i}]${t.serial === undefined ? '' : ` (serial ${JSON.stringify(t.serial.slice(0, 40))})`} cannot be written as PSKC: ${why}`,
      );
    };
    if (t.kind === 'steam') refuse('PSKC has no Steam Guard algorithm');
    if (t.kind === 'totp' && t.t0 !== 0) refuse(`its t0 is ${t.t0}; PSKC has no field for T0 (its <Time> is not T0), so only t0 0 is written`);
    for (const [name, value] of [['issuer', t.issuer], ['account', t.account], ['serial', t.serial], ...Object.entries(t.extras ?? {})] as const) {
      if (value !== undefined && !isXmlText(value)) refuse(`${name} holds a character XML 1.0 cannot carry (a control character)`);
    }
    return t;
  });
}

/** Builds a container's text; `secretXml(i)` gives each token's `<Secret>` element, indented. */
export function containerXml(
  tokens: readonly Token[],
  options: { id?: string | undefined; head?: string; namespaces?: string },
  secretXml: (token: Token, i: number) => string,
): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const id = options.id === undefined ? '' : ` Id="${escapeAttribute(options.id)}"`;
  out.push(`<KeyContainer Version="1.0"${id} xmlns="${PSKC_NS}"${options.namespaces ?? ''}>`);
  if (options.head !== undefined) out.push(options.head);
  tokens.forEach((t, i) => out.push(packageXml(t, i, secretXml(t, i))));
  out.push('</KeyContainer>', '');
  return out.join('\n');
}

const el = (indent: string, name: string, text: string | undefined): string => (text === undefined ? '' : `${indent}<${name}>${escapeText(text)}</${name}>\n`);

const attrs = (pairs: [string, string | undefined][]): string => pairs.map(([n, v]) => (v === undefined ? '' : ` ${n}="${escapeAttribute(v)}"`)).join('');

function packageXml(t: Token, i: number, secret: string): string {
  const x = (name: (typeof PSKC_EXTRAS)[number]): string | undefined => t.extras?.[`pskc.${name}`];
  let s = '  <KeyPackage>\n';
  const device = DEVICE_FIELDS.map((f) => el('      ', f, f === 'SerialNo' ? t.serial : x(`DeviceInfo/${f}`))).join('');
  if (device !== '') s += `    <DeviceInfo>\n${device}    </DeviceInfo>\n`;
  const module = x('CryptoModuleInfo/Id');
  if (module !== undefined) s += `    <CryptoModuleInfo>\n${el('      ', 'Id', module)}    </CryptoModuleInfo>\n`;
  // RFC 6030 requires the Key's Id: the one read, else the serial, else the position.
  const keyId = x('Key/@Id') ?? t.serial ?? String(i + 1);
  s += `    <Key${attrs([
    ['Id', keyId],
    ['Algorithm', KIND_URI(t.kind as 'hotp' | 'totp' | 'ocra')],
  ])}>\n`;
  s += el('      ', 'Issuer', t.issuer);
  const suite = t.kind === 'ocra' ? t.suite : t.algorithm === 'SHA1' ? undefined : `HMAC-${t.algorithm}`;
  const challenge = attrs(CHALLENGE_ATTRIBUTES.map((a) => [a, x(`Key/AlgorithmParameters/ChallengeFormat/@${a}`)]));
  const response = t.digits > 0 ? `        <ResponseFormat Length="${t.digits}" Encoding="DECIMAL"/>\n` : '';
  const params = el('        ', 'Suite', suite) + (challenge === '' ? '' : `        <ChallengeFormat${challenge}/>\n`) + response;
  // Never empty: OCRA has its Suite, HOTP and TOTP a ResponseFormat (6 to 10 digits).
  s += `      <AlgorithmParameters>\n${params}      </AlgorithmParameters>\n`;
  s += el('      ', 'KeyProfileId', x('Key/KeyProfileId'));
  s += el('      ', 'KeyReference', x('Key/KeyReference'));
  s += el('      ', 'FriendlyName', x('Key/FriendlyName'));
  const plain = (name: string, value: string | undefined): string =>
    value === undefined ? '' : `        <${name}>\n          <PlainValue>${escapeText(value)}</PlainValue>\n        </${name}>\n`;
  s += '      <Data>\n' + secret;
  s += plain('Counter', t.counter !== undefined ? String(t.counter) : x('Key/Data/Counter'));
  s += plain('Time', x('Key/Data/Time'));
  s += plain('TimeInterval', t.period !== undefined ? String(t.period) : x('Key/Data/TimeInterval'));
  s += plain('TimeDrift', x('Key/Data/TimeDrift'));
  s += '      </Data>\n';
  s += el('      ', 'UserId', t.account);
  const pin = attrs(PIN_POLICY_ATTRIBUTES.map((a) => [a, x(`Key/Policy/PINPolicy/@${a}`)]));
  const usages =
    x('Key/Policy/KeyUsage')
      ?.split(' ')
      .filter((u) => u !== '') ?? [];
  const policy =
    el('        ', 'StartDate', x('Key/Policy/StartDate')) +
    el('        ', 'ExpiryDate', x('Key/Policy/ExpiryDate')) +
    (pin === '' ? '' : `        <PINPolicy${pin}/>\n`) +
    usages.map((u) => el('        ', 'KeyUsage', u)).join('') +
    el('        ', 'NumberOfTransactions', x('Key/Policy/NumberOfTransactions'));
  if (policy !== '') s += `      <Policy>\n${policy}      </Policy>\n`;
  return `${s}    </Key>\n  </KeyPackage>`;
}

/** A plain `<Secret>`: the key in base64. */
export function plainSecretXml(t: Token): string {
  return `        <Secret>\n          <PlainValue>${encodeBase64(t.key)}</PlainValue>\n        </Secret>\n`;
}
