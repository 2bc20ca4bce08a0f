// Boundaries of detectFormat's scanners (src/detect.ts) that mutation testing (test/MUTATION.md,
// slice `detect`) found unpinned: the character classes of activation strings, MobilePASS codes and
// bare base32 secrets, each checked against an independent list over every character to U+017F;
// where the PSKC root element may be and what of it is read (the first element only, its own start
// tag, within 64 KiB of declarations, comments and white space); and the JSON member-path scan
// (white space, escapes, the window's edge, the first value of a path, the depth and path-length
// limits, and what is read after a container passed over).
import { expect, test } from 'vitest';
import { detectFormat } from '../../src/index.ts';
import { SNIFF_JSON } from '../../src/detect.ts';

/** Every character from NUL to U+017F, and a few beyond. */
const CHARS = [...Array.from({ length: 0x180 }, (_, c) => String.fromCharCode(c)), '\u0131', '\u212a', '\uff10', '\u{1d7ce}'];
const SEPARATORS = '- \t\n\r';
const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Crockford's symbols and their readings (O, I, L): the digits and every ASCII letter but U. */
const CROCKFORD = new Set([...DIGITS, ...LETTERS.replace(/u/gi, '')]);
/** RFC 4648 base32, either case. */
const BASE32 = new Set([...LETTERS, ...'234567']);
const ALPHANUMERIC = new Set([...DIGITS, ...LETTERS]);

/** `text` with the character at `at` replaced by `ch`. */
const put = (text: string, at: number, ch: string) => text.slice(0, at) + ch + text.slice(at + 1);

test('activation strings: Crockford symbols only (any case, O, I and L, no U), and not all RFC 4648 base32', () => {
  const text = '10RK4CSM6MV3EE1S60RK4C'; // 22 symbols: the shortest activation string
  expect(detectFormat(text)).toBe('activation');
  for (const ch of CHARS) {
    if (SEPARATORS.includes(ch)) continue;
    expect(detectFormat(put(text, 5, ch)), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(CROCKFORD.has(ch) ? 'activation' : 'unknown');
  }
  // Only 0, 1, 8 and 9 are Crockford symbols that RFC 4648 lacks: with one of them it is an
  // activation string; with 2–7 instead, all 22 symbols are base32, a bare secret.
  for (const d of DIGITS) {
    expect(detectFormat(`ABCDEFGHJKMNPQRSTVWXY${d}`), d).toBe('0189'.includes(d) ? 'activation' : 'base32-secret');
  }
});

test('bare base32 secrets: RFC 4648 letters (any case) and 2–7 only', () => {
  const text = 'JBSWY3DPEHPK3PXP';
  expect(detectFormat(text)).toBe('base32-secret');
  for (const ch of CHARS) {
    // A separator leaves 15 symbols, one short of a secret.
    const expected = BASE32.has(ch) ? 'base32-secret' : 'unknown';
    expect(detectFormat(put(text, 8, ch)), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(expected);
  }
});

test('MobilePASS codes: 20 ASCII letters and digits', () => {
  const text = 'XUU75RROTTY5IP6U3BMV';
  expect(detectFormat(text)).toBe('mobilepass');
  for (const ch of CHARS) {
    if (SEPARATORS.includes(ch)) continue;
    expect(detectFormat(put(text, 10, ch)), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(ALPHANUMERIC.has(ch) ? 'mobilepass' : 'unknown');
  }
});

const NS = 'urn:ietf:params:xml:ns:keyprov:pskc';
const CONTAINER = `<KeyContainer Version="1.0" xmlns="${NS}"><KeyPackage/></KeyContainer>`;

test('PSKC: the first element is a KeyContainer whose own start tag binds its prefix to RFC 6030', () => {
  expect(detectFormat(`<?xml version="1.0"?>\n<!-- keys -->\n${CONTAINER}`)).toBe('pskc');
  // A prefix is escaped where it is looked for: its dot is a dot.
  expect(detectFormat(`<p.k:KeyContainer Version="1.0" xmlns:p.k="${NS}"/>`)).toBe('pskc');
  expect(detectFormat(`<p.k:KeyContainer Version="1.0" xmlns:pxk="${NS}"/>`)).toBe('unknown');
  // Not the first element: an envelope that declares the namespace.
  expect(detectFormat(`<e xmlns="${NS}"><KeyContainer Version="1.0"/></e>`)).toBe('unknown');
  expect(detectFormat(`<e:Envelope xmlns:e="${NS}"><e:KeyContainer Version="1.0"/></e:Envelope>`)).toBe('unknown');
  expect(detectFormat('<html><body>KeyContainer</body></html>')).toBe('unknown');
  // The namespace bound on a later element, not on the KeyContainer's start tag.
  expect(detectFormat(`<KeyContainer Version="1.0"><KeyPackage xmlns="${NS}"/></KeyContainer>`)).toBe('unknown');
  // A start tag cut short is read as far as it goes, up to 4096 characters.
  expect(detectFormat(`<KeyContainer Version="1.0" xmlns="${NS}"`)).toBe('pskc');
  expect(detectFormat(`<!-- a -->\n<KeyContainer${' '.repeat(4000)}xmlns="${NS}"`)).toBe('pskc');
  expect(detectFormat(`<!-- a -->\n<KeyContainer${' '.repeat(4100)}xmlns="${NS}"`)).toBe('unknown');
  // An unclosed comment or declaration hides everything after it.
  expect(detectFormat(`<!-- never closed ${CONTAINER}`)).toBe('unknown');
  expect(detectFormat(`<?xml version="1.0" ${CONTAINER}`)).toBe('unknown');
});

test('PSKC: declarations, comments and white space before the root are read through the first 64 KiB only', () => {
  const LIMIT = 65_536;
  // A comment whose end ('-->') starts at the limit is read past; one character later it is not.
  const comment = (at: number) => `<!--${'x'.repeat(at - 4)}-->${CONTAINER}`;
  expect(detectFormat(comment(LIMIT))).toBe('pskc');
  expect(detectFormat(comment(LIMIT + 1))).toBe('unknown');
  const declaration = (at: number) => `<?xml version="1.0"${' '.repeat(at - 19)}?>${CONTAINER}`;
  expect(detectFormat(declaration(LIMIT))).toBe('pskc');
  expect(detectFormat(declaration(LIMIT + 1))).toBe('unknown');
  // White space after a comment: the root may begin at the limit, not after it.
  const spaced = (at: number) => `<!---->${' '.repeat(at - 7)}${CONTAINER}`;
  expect(detectFormat(spaced(LIMIT))).toBe('pskc');
  expect(detectFormat(spaced(LIMIT + 1))).toBe('unknown');
  expect(detectFormat(spaced(LIMIT + 5000))).toBe('unknown');
});

test('JSON paths: white space of every kind between tokens, and escaped quotes inside strings', () => {
  for (const ws of [' ', '\n', '\r', '\t', '\r\n']) {
    expect(detectFormat(`{${ws}"shared_secret"${ws}:${ws}"x"${ws}}`), JSON.stringify(ws)).toBe('steam');
  }
  expect(detectFormat('{"note":"\\"","shared_secret":"x"}')).toBe('steam');
  expect(detectFormat('{"note":"a \\\\","shared_secret":"x"}')).toBe('steam'); // an escaped backslash ends no string
  expect(detectFormat('{"note":"\\",\\"shared_secret\\":1"}')).toBe('unknown'); // a name only inside a string
});

test("JSON paths: the window's last character is read, the next one is not", () => {
  // The value of shared_secret begins at `at`: a path is recorded with its value's first character.
  const text = (at: number) => `{"pad":"${'x'.repeat(at - 26)}","shared_secret":1}`;
  expect(text(100)[100]).toBe('1');
  expect(detectFormat(text(SNIFF_JSON - 1))).toBe('steam');
  expect(detectFormat(text(SNIFF_JSON))).toBe('unknown');
  // A text that ends after a name, without its value.
  expect(detectFormat('{"shared_secret"')).toBe('unknown');
  expect(detectFormat('{"shared_secret":')).toBe('unknown');
  // A bare word that runs past the window, to the end of the text: read to the window's edge only
  // (past it, nothing ends it but the text's end: the scan must stop at the window, or it never
  // would, since beyond the text no character is a delimiter).
  expect(detectFormat(`{"shared_secret":${'1'.repeat(SNIFF_JSON)}`)).toBe('steam');
  expect(detectFormat(`{"a":${'1'.repeat(SNIFF_JSON)}`)).toBe('unknown');
});

test('JSON paths: the first value of a path counts, not a later one', () => {
  expect(detectFormat('[{"secret":"A","label":"x"},{"secret":[1],"label":"y"}]')).toBe('andotp');
  expect(detectFormat('[{"secret":[1],"label":"y"},{"secret":"A","label":"x"}]')).toBe('unknown');
  expect(detectFormat('{"encrypted":"no","encrypted":true,"items":[]}')).toBe('unknown');
});

test("JSON paths: an array's elements are values, never member names", () => {
  // Proton: entries of objects with content, or none; an entries array of strings is not one.
  expect(detectFormat('{"version":1,"entries":[]}')).toBe('proton');
  expect(detectFormat('{"version":1,"entries":["x"]}')).toBe('unknown');
  expect(detectFormat('{"version":1,"entries":[{"content":{}},"x"]}')).toBe('proton');
  // Not JSON, read by form all the same: a value after a stray comma is still an element.
  expect(detectFormat('{"version":1,"entries":[,"x"]}')).toBe('unknown');
  // A bare word runs to the next delimiter, quotes and all: it names nothing.
  expect(detectFormat('{x"shared_secret":1}')).toBe('unknown');
  expect(detectFormat('{"a":1,x"shared_secret":1}')).toBe('unknown');
});

test('JSON paths: four containers deep are recorded, the fifth is counted, and what follows it is read', () => {
  // accounts.<id>.shared_secret: the id may hold `[]`, an array's element, in the Steam test.
  expect(detectFormat('{"accounts":{"X":[{"shared_secret":"a"}]}}')).toBe('steam');
  expect(detectFormat('{"accounts":{"X":[[{"shared_secret":"a"}]]}}')).toBe('unknown');
  // After a container past the depth closes, the next member is read at its own depth.
  expect(detectFormat('{"a":{"b":{"c":{"d":{}}}},"shared_secret":1}')).toBe('steam');
  expect(detectFormat('{"a":{"b":{"c":{"d":[[],{}]}}},"shared_secret":1}')).toBe('steam');
  // A name inside a container passed over names nothing, even where a value follows it.
  expect(detectFormat('{"accounts":{"X":[{"Z":{"shared_secret"}1}]}}')).toBe('unknown');
});

test('JSON paths: a member named "" is not the root, and its members are not the root\'s', () => {
  // Paths are names joined by dots, the root's ''; a member of the root named '' once took the
  // root's path, so that what it held read as the top of the file.
  expect(detectFormat('{"":{"shared_secret":"x"}}')).toBe('unknown');
  expect(detectFormat('{"":{"header":{},"db":{}}}')).toBe('unknown');
  expect(detectFormat('{"":{"a":1},"shared_secret":"x"}')).toBe('steam');
  // Not JSON, read by form all the same: a value without a name is not the root's either.
  expect(detectFormat('{{"shared_secret":"x"}}')).toBe('unknown');
  // Nor a comma after the root has closed, where no container is open to say what comes next.
  expect(detectFormat('{"a":1},')).toBe('unknown');
  expect(detectFormat('[1],')).toBe('unknown');
});

test('JSON paths: a path of 256 characters is recorded, a longer one passed over with what is inside it', () => {
  // accounts.<id>.shared_secret is 23 characters and the id.
  const steam = (id: number) => `{"accounts":{"${'7'.repeat(id)}":{"shared_secret":"x"}}}`;
  expect(detectFormat(steam(233))).toBe('steam');
  expect(detectFormat(steam(234))).toBe('unknown');
  // Passed over whole, array or object, and what follows it at the top is read.
  const long = 'x'.repeat(300);
  expect(detectFormat(`{"${long}":[[1],{"a":[]}],"shared_secret":1}`)).toBe('steam');
  expect(detectFormat(`{"${long}":{"a":[{}]},"shared_secret":1}`)).toBe('steam');
  // A member inside the long one is not a member of the top.
  expect(detectFormat(`{"${long}":{"a":{},"shared_secret":1}}`)).toBe('unknown');
  expect(detectFormat(`{"${long}":{"a":[],"shared_secret":1}}`)).toBe('unknown');
  // Nor are the elements of an array inside it the root array's.
  expect(detectFormat(`[{"${long}":[[],{"secret":"a","label":"b"}]}]`)).toBe('unknown');
  expect(detectFormat(`[{"${long}":[]},{"secret":"a","label":"b"}]`)).toBe('andotp');
});

test('Bitwarden CSV: login_totp is a column of the header row, first, last or between', () => {
  expect(detectFormat('login_totp,name\nJBSWY3DP,x')).toBe('bitwarden-csv');
  expect(detectFormat('name,login_totp\r\nx,JBSWY3DP')).toBe('bitwarden-csv');
  expect(detectFormat('name,login_totp,notes\nx,JBSWY3DP,')).toBe('bitwarden-csv');
  expect(detectFormat('xlogin_totp,name\nJBSWY3DP,x')).toBe('unknown');
  expect(detectFormat('name\nlogin_totp')).toBe('unknown'); // not in the header row
});
