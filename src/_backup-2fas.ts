/**
 * 2FAS Authenticator's backup (`.2fas`, twofas/2fas-android `BackupContent`/`BackupService`):
 * `{ services, groups, updatedAt, schemaVersion (1…4), appVersionCode, appVersionName, appOrigin }`;
 * encrypted files carry `servicesEncrypted` (and a `reference` check field) instead of `services`.
 * A service: `name`, `secret` (base32), `updatedAt`, `otp` `{ link, label, account, issuer, digits,
 * period, algorithm, counter, tokenType (TOTP, HOTP, STEAM; absent before schema 3 = TOTP), source }`,
 * `order`, `icon`, `badge`, `groupId` (a `groups` entry `{ id, name, isExpanded, updatedAt }`).
 * `otp.counter` is the counter of the next code, as in the model (2FAS writes the same number into
 * its otpauth `link`).
 * @module
 */
import {
  bad,
  base32Secret,
  checkCommon,
  collect,
  displayName,
  extra,
  extrasOf,
  groupNames,
  groupsExtra,
  inRange,
  invalid,
  jsonText,
  nameUuid,
  objectEntry,
  optInt,
  optStr,
  counterOf,
  refuse,
  str,
  tokensToWrite,
  type BackupContents,
  type JsonOut,
} from './_backup-common.ts';
import { isJsonObject, parseJson, type JsonObject, type JsonValue } from './_json.ts';
import { base32Encode } from './encoding.ts';
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';
import type { AlgorithmInput, TokenInput } from './token.ts';

/** Reads a plain 2FAS backup. */
export function read2fas(json: JsonValue): BackupContents {
  if (!isJsonObject(json)) invalid('2fas', 'expected an object with services');
  const version = json.schemaVersion ?? 1;
  if (
    // Stryker disable next-line ConditionalExpression: Number.isInteger is false for every non-number
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1
  ) {
    invalid('2fas', `schemaVersion must be 1 to 4, got ${describe(version)}`);
  }
  if (version > 4) throw new OtpError('BACKUP_UNSUPPORTED', `2FAS file: schema version ${version} is newer than the versions 1 to 4 this release reads`);
  // Any string, as detectFormat has it (its window may end before the member: the answer must not
  // depend on where the member sits). 2FAS leaves the member out of plain files.
  if (typeof json.servicesEncrypted === 'string') {
    throw new OtpError('BACKUP_ENCRYPTED', 'the 2FAS backup is encrypted (servicesEncrypted): read it with decryptBackup and the password');
  }
  if (!Array.isArray(json.services)) invalid('2fas', 'services must be an array');
  // Group names by id. A service without a groupId looks up undefined, under which no group is kept.
  const groups = new Map<string | undefined, string>();
  // Stryker disable next-line ArrayDeclaration: an entry that is not an object is passed over below
  for (const g of Array.isArray(json.groups) ? json.groups : []) {
    if (isJsonObject(g) && typeof g.id === 'string' && typeof g.name === 'string') groups.set(g.id, g.name);
  }
  return collect(
    '2fas',
    json.services,
    (s) => readService(objectEntry(s), groups),
    (s) => (isJsonObject(s) ? (isJsonObject(s.otp) ? displayName(s.otp.issuer ?? s.name, s.otp.account) : displayName(s.name, undefined)) : undefined),
  );
}

const TYPES = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' } as const;

function readService(s: JsonObject, groups: Map<string | undefined, string>): TokenInput {
  const name = optStr(s, 'name');
  const otp = objectEntry(s.otp ?? Object.create(null), 'otp');
  const typeText = optStr(otp, 'tokenType', 'otp.tokenType') ?? 'TOTP';
  const kind = Object.prototype.hasOwnProperty.call(TYPES, typeText) ? TYPES[typeText as keyof typeof TYPES] : undefined;
  if (kind === undefined)
    bad(`otp.tokenType ${JSON.stringify(typeText.slice(0, 16))} is not a kind the token model has (TOTP, HOTP, STEAM)`, 'BACKUP_UNSUPPORTED');
  const token: TokenInput = {
    kind,
    key: base32Secret(str(s, 'secret'), 'secret'),
    algorithm: (optStr(otp, 'algorithm', 'otp.algorithm') ?? 'SHA1') as AlgorithmInput,
    digits: inRange(optInt(otp, 'digits', kind === 'steam' ? 5 : 6, 'otp.digits'), 1, 10, 'otp.digits', 'INVALID_DIGITS'),
  };
  if (kind === 'hotp') token.counter = counterOf(optInt(otp, 'counter', 0, 'otp.counter'), 'otp.counter');
  else token.period = inRange(optInt(otp, 'period', 30, 'otp.period'), 1, 2 ** 32, 'otp.period', 'INVALID_PERIOD');
  // 2FAS shows the service name; the issuer is the otpauth issuer, which may be absent: then the
  // name stands for it, unless it merely repeats the account (what 2FAS shows for an issuer-less token).
  // An empty or undefined issuer, account or extras is no field at all: collect's normalizeToken drops it.
  const account = optStr(otp, 'account', 'otp.account') ?? optStr(otp, 'label', 'otp.label');
  const issuer = optStr(otp, 'issuer', 'otp.issuer') || (name !== account ? name : undefined);
  token.issuer = issuer;
  token.account = account;
  const group = groups.get(optStr(s, 'groupId'));
  const badge = s.badge;
  token.extras = extrasOf([
    ['groups', groupsExtra(group === undefined ? [] : [group])],
    ['2fas.name', name !== (issuer ?? account) ? name : undefined],
    ['2fas.icon', isJsonObject(s.icon) ? jsonText(s.icon as JsonOut) : undefined],
    ['2fas.badge', isJsonObject(badge) && typeof badge.color === 'string' ? badge.color : undefined],
    ['2fas.serviceTypeID', optStr(s, 'serviceTypeID')],
  ]);
  return token;
}

/** The 2FAS counter is a 32-bit `Int`. */
const MAX_2FAS_COUNTER = 2 ** 31 - 1;

/**
 * Writes a plain 2FAS backup (schema version 4). Group ids are name-based uuids; `updatedAt` is
 * `now` in milliseconds. Refused: OCRA, `t0` ≠ 0, SHA-224/384, counters past 2^31-1 (2FAS keeps an
 * `Int`). A plain file has no `reference` field (2FAS writes it only into encrypted files, where it
 * checks the password).
 */
export function write2fas(input: readonly TokenInput[], now: number): string {
  const tokens = tokensToWrite(input, '2fas');
  const groups = new Map<string, string>();
  const services = tokens.map((t, i): JsonOut => {
    checkCommon(t, i, '2fas');
    if (t.counter !== undefined && BigInt(t.counter) > BigInt(MAX_2FAS_COUNTER)) refuse(t, i, '2fas', `counter ${t.counter} (above 2^31-1)`, 'INVALID_COUNTER');
    const [group] = groupNames(t);
    let groupId: string | undefined;
    if (group !== undefined) {
      groupId = nameUuid(group);
      groups.set(group, groupId);
    }
    const icon = extra(t, '2fas.icon');
    let iconJson: JsonOut;
    try {
      // Stryker disable next-line ConditionalExpression: parseJson(undefined) throws, and the catch leaves undefined all the same
      iconJson = icon === undefined ? undefined : (parseJson(icon) as JsonOut);
    } catch {
      // Not JSON: not ours to repair (2FAS picks a default icon); iconJson stays undefined.
    }
    const badge = extra(t, '2fas.badge');
    const otp: Record<string, JsonOut> = {
      label: t.account ?? '',
      account: t.account ?? '',
      issuer: t.issuer,
      digits: t.digits,
      period: t.kind === 'hotp' ? undefined : (t.period ?? 30),
      algorithm: t.algorithm,
      counter: t.kind === 'hotp' ? (t.counter ?? 0) : undefined,
      tokenType: t.kind.toUpperCase(),
      source: 'Manual',
    };
    return {
      name: extra(t, '2fas.name') ?? t.issuer ?? t.account ?? '',
      secret: base32Encode(t.key),
      updatedAt: now,
      serviceTypeID: extra(t, '2fas.serviceTypeID'),
      otp,
      order: { position: i },
      badge: badge === undefined ? undefined : { color: badge },
      icon: isJsonObject(iconJson as JsonValue) ? iconJson : undefined,
      groupId,
    };
  });
  const file: JsonOut = {
    services,
    groups: [...groups].map(([name, id]) => ({ id, name, isExpanded: true, updatedAt: now })),
    updatedAt: now,
    schemaVersion: 4,
    appVersionCode: 0,
    appVersionName: '',
    appOrigin: 'android',
  };
  return `${jsonText(file)}\n`;
}
