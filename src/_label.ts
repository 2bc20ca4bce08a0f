/**
 * What `otpauth://` URIs and the `otpauth-migration://` export share: the label grammar of Google's
 * Key Uri Format (`label = accountname / issuer (":" / "%3A") *"%20" accountname`), which the export
 * reuses for its `name` field.
 * @module
 */
import { OtpError } from './errors.ts';

/**
 * Splits a decoded label (or an export's `name`) into issuer and account. The issuer parameter, when
 * there is one, wins over the label prefix (Microsoft 365 writes its organisation's name as the
 * prefix and `issuer=Microsoft`); a label that begins with `issuer:` is split right after it even
 * when the issuer itself holds a colon. Otherwise the first colon separates, and spaces after it
 * are dropped (the grammar's `*"%20"`). An empty prefix (a leading colon) means "no issuer", and
 * then nothing is dropped: that is how an account holding a colon is written without an issuer.
 */
export function splitLabel(label: string, issuerParam: string | undefined): { issuer?: string; account: string } {
  const issuer = issuerParam === '' ? undefined : issuerParam;
  if (issuer !== undefined && label.startsWith(`${issuer}:`)) {
    return { issuer, account: dropSpaces(label.slice(issuer.length + 1)) };
  }
  const colon = label.indexOf(':');
  if (colon < 0) return issuer === undefined ? { account: label } : { issuer, account: label };
  if (colon === 0) return issuer === undefined ? { account: label.slice(1) } : { issuer, account: label.slice(1) };
  return { issuer: issuer ?? label.slice(0, colon), account: dropSpaces(label.slice(colon + 1)) };
}

function dropSpaces(s: string): string {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return s.slice(i);
}

/**
 * The label that {@link splitLabel} reads back as exactly `issuer` and `account`: `[prefix, account]`
 * where the prefix (the issuer, or '' for the leading-colon form) is written before a colon, or
 * `[undefined, account]` for a bare account.
 * @throws OtpError `INVALID_URI` for the one pair no label can carry: an account starting with a
 *   space together with an issuer that starts with a colon and collides with it
 */
export function joinLabel(issuer: string | undefined, account: string): [string | undefined, string] {
  const parts: [string | undefined, string] =
    issuer !== undefined && account.charCodeAt(0) !== 32 ? [issuer, account] : account.includes(':') ? ['', account] : [undefined, account];
  const label = parts[0] === undefined ? parts[1] : `${parts[0]}:${parts[1]}`;
  const back = splitLabel(label, issuer);
  if (
    back.account !== account ||
    // Stryker disable next-line ConditionalExpression: the issuer is passed to splitLabel as its parameter, which wins: it always reads back (tokens carry no empty issuer)
    back.issuer !== issuer
  ) {
    throw new OtpError(
      'INVALID_URI',
      'this account and issuer cannot be told apart in a label: an account that starts with a space needs an issuer that does not start with a colon',
    );
  }
  return parts;
}
