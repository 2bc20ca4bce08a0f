// The XML reader (src/_xml.ts) at the edges of what XML 1.0 (Fifth Edition) accepts: the Char
// production (§2.2) in text and through character references (§4.1), the five predefined entity
// references, line ends (§2.11), names, and namespace declarations and their scope (Namespaces in
// XML 1.0 §3); refusals carry the caller's code and a position, and name what is wrong.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { attrNames, parseXml, type XmlElement } from '../../src/_xml.ts';
import { OtpError } from '../../src/errors.ts';

const LIMITS = { maxLength: 1 << 16, maxDepth: 8, maxElements: 100, maxAttributes: 8, maxAttributeLength: 64, maxText: 256 };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

const parse = (xml: string): XmlElement => parseXml(xml, LIMITS, 'INVALID_PSKC', 'the doc');

/** The refusal's message (code INVALID_PSKC checked), or 'ok' when the document is read. */
function refusal(xml: string): string {
  try {
    parse(xml);
    return 'ok';
  } catch (e) {
    expect(e, xml).toBeInstanceOf(OtpError);
    expect((e as OtpError).code, xml).toBe('INVALID_PSKC');
    return (e as OtpError).message;
  }
}

/** XML 1.0 §2.2 Char, by code point. */
const isXmlChar = (cp: number): boolean =>
  cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

test('characters in the text: the Char production exactly, surrogates only as pairs', () => {
  const allowed = ['\t', '\n', ' ', '\u00e9', '\ud7ff', '\ue000', '\ufffd', '\u{10000}', '\u{10ffff}', '\ud800\udc00', '\udbff\udfff', '\ud800\udfff'];
  for (const c of allowed) expect(parse(`<r>${c}</r>`).text, JSON.stringify(c)).toBe(c);
  // Refused, with the offending unit's offset: <r>x is 4 characters, so column 5.
  const refused: [string, string][] = [
    ['\u0000', 'U+0000'],
    ['\u001f', 'U+001F'],
    // A control character does not pair with a low surrogate after it.
    ['\u0001\udc00', 'U+0001'],
    ['\ud800', 'U+D800'],
    ['\udbff', 'U+DBFF'],
    ['\ud800x', 'U+D800'],
    ['\ud800\ue000', 'U+D800'],
    ['\ud800\ud800', 'U+D800'],
    ['\udc00', 'U+DC00'],
    ['\udfff', 'U+DFFF'],
    ['\ufffe', 'U+FFFE'],
    ['\uffff', 'U+FFFF'],
  ];
  for (const [c, shown] of refused) {
    const message = refusal(`<r>x${c}</r>`);
    expect(message, JSON.stringify(c)).toContain(shown);
    expect(message, JSON.stringify(c)).toContain('column 5');
  }
});

test('characters in the text: any string of UTF-16 units is read back iff it is made of XML Chars', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 }), (units) => {
      // Markup characters are left out: only the Char check is under test here.
      const text = String.fromCharCode(...units.map((u) => (u === 0x3c || u === 0x26 || u === 0x3e || u === 0x0d ? 0x41 : u)));
      // A lone surrogate is a code point of its own here, in 0xD800–0xDFFF: no Char.
      const valid = [...text].every((c) => isXmlChar(c.codePointAt(0)!));
      const message = refusal(`<r>${text}</r>`);
      expect(message === 'ok', JSON.stringify(text)).toBe(valid);
      if (valid) expect(parse(`<r>${text}</r>`).text).toBe(text);
    }),
  );
});

test('character references: the Char production exactly, decimal and hex, in text and attributes', () => {
  const boundaries = [0, 0x08, 0x09, 0x0a, 0x0b, 0x0d, 0x1f, 0x20, 0x7f, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x10ffff, 0x110000];
  for (const cp of boundaries) {
    const hex = cp.toString(16);
    for (const ref of [`&#${cp};`, `&#x${hex};`, `&#x${hex.toUpperCase()};`]) {
      for (const [xml, read] of [
        [`<r>a${ref}</r>`, (el: XmlElement) => el.text],
        [`<r v="a${ref}"/>`, (el: XmlElement) => el.attrs[1]],
      ] as const) {
        const message = refusal(xml);
        if (isXmlChar(cp)) {
          expect(message, xml).toBe('ok');
          expect(read(parse(xml)), xml).toBe(`a${String.fromCodePoint(cp)}`);
        } else {
          // The reference is named, and placed: its '&' is the 5th character of <r>a&… and the 8th of <r v="a&…
          expect(message, xml).toContain(`${ref} does not refer to a character XML allows`);
          expect(message, xml).toContain(xml.startsWith('<r>') ? 'column 5' : 'column 8');
        }
      }
    }
  }
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0x10ffff }), fc.boolean(), (cp, hex) => {
      const xml = `<r>${hex ? `&#x${cp.toString(16)};` : `&#${cp};`}</r>`;
      expect(refusal(xml) === 'ok', xml).toBe(isXmlChar(cp));
    }),
  );
});

test('character references: only the whole reference is a number (no trailing or embedded junk)', () => {
  // Each begins with what a looser pattern would read as an allowed character.
  for (const ref of ['#65x', '#9#9', '#x41g', '#xA#x41', '#x0000041', '#12345678', '#', '#x', '#-1', '# 9', '#x 9']) {
    expect(refusal(`<r>&${ref};</r>`), ref).toContain(`&${ref}; does not refer to a character XML allows`);
  }
  // Leading zeros within the digit caps are fine.
  expect(parse('<r>&#0000065;&#x000041;</r>').text).toBe('AA');
});

test('the five predefined entity references, and nothing else, each named in the refusal', () => {
  expect(parse('<r a="&lt;&gt;&amp;&apos;&quot;">&lt;&gt;&amp;&apos;&quot;</r>')).toMatchObject({ attrs: ['a', `<>&'"`], text: `<>&'"` });
  for (const name of ['foo', 'constructor', 'toString', '__proto__', 'LT', 'undefined']) {
    const message = refusal(`<r>x &${name}; and more</r>`);
    // The reference as written, no more and no less, and its position (the '&' is column 6).
    expect(message, name).toContain(`"&${name};":`);
    expect(message, name).toContain('column 6');
  }
  // A '&' with no ';' within 12 characters: the 12 characters from the '&' are shown.
  for (const [xml, shown] of [
    ['<r>x &abcdefghijklmnop</r>', '"&abcdefghijk"'],
    ['<r>x &ab</r>', '"&ab"'],
    ['<r>x & y;</r>', '"& y;"'],
    ['<r>x &</r>', '"&"'],
    ['<r>x &abcdefghijkl;</r>', '"&abcdefghijk"'],
  ]) {
    const message = refusal(xml!);
    expect(message, xml).toContain(`${shown}:`);
    expect(message, xml).toContain('column 6');
  }
  // The ';' twelve characters on is still found (a 12-character reference).
  expect(refusal('<r>x &abcdefghijk;</r>')).toContain('"&abcdefghijk;":');
});

test('line ends: CR LF and lone CR become LF in text and CDATA; spaces in attribute values', () => {
  expect(parse('<r>a\rb\r\nc\n\rd\r\re</r>').text).toBe('a\nb\nc\n\nd\n\ne');
  expect(parse('<r><![CDATA[a\rb\r\nc\r]]></r>').text).toBe('a\nb\nc\n');
  expect(parse('<r>&amp;\r&#13;x\r</r>').text).toBe('&\n\rx\n');
  expect(parse('<r a="a\rb\r\nc\td&#13;&#10;"/>').attrs).toEqual(['a', 'a b c d\r\n']);
});

test('names: the length cap exactly, a missing name, an invalid one shown cut', () => {
  expect(parse(`<${'r'.repeat(256)}/>`).name).toBe('r'.repeat(256));
  expect(refusal(`<${'r'.repeat(257)}/>`)).toContain('a name longer than 256 characters');
  expect(parse(`<r ${'a'.repeat(256)}="1"/>`).attrs).toEqual(['a'.repeat(256), '1']);
  expect(refusal(`<r ${'a'.repeat(257)}="1"/>`)).toContain('a name longer than 256 characters');
  for (const xml of ['< r/>', '<>', '<r =""/>']) expect(refusal(xml), xml).toContain('a name is missing');
  // An invalid name is quoted, its first 64 characters only.
  const bad = `1${'x'.repeat(100)}`;
  const message = refusal(`<${bad}/>`);
  expect(message).toContain(`${JSON.stringify(bad.slice(0, 64))} is not a valid name`);
  expect(message).not.toContain(bad.slice(0, 65));
});

test('names: prefixed and unprefixed names of elements and attributes are split at the colon', () => {
  const el = parse('<p:r xmlns:p="urn:p" a="1" p:b="2" xml:lang="en"><s/></p:r>');
  expect(el).toMatchObject({ ns: 'urn:p', name: 'r' });
  expect(el.attrs).toEqual(['a', '1', '{urn:p}b', '2', `{${XML_NS}}lang`, 'en']);
  expect(attrNames(el)).toEqual(['a', '{urn:p}b', `{${XML_NS}}lang`]);
  expect(el.children[0]).toMatchObject({ ns: '', name: 's', attrs: [] });
  // Declarations are not attributes: an element with only declarations has none.
  expect(parse('<r xmlns="urn:d" xmlns:p="urn:p"/>').attrs).toEqual([]);
  expect(parse('<r xmlns="urn:d" a="1"/>').attrs).toEqual(['a', '1']);
});

test('namespace declarations: the reserved namespaces and prefixes, and one declaration per prefix', () => {
  // xml may be declared, to its own namespace only; no other prefix may take that namespace.
  expect(parse(`<xml:r xmlns:xml="${XML_NS}"/>`).ns).toBe(XML_NS);
  for (const decl of [`xmlns:p="${XML_NS}"`, `xmlns="${XML_NS}"`, 'xmlns:xml="urn:x"']) {
    expect(refusal(`<r ${decl}/>`), decl).toContain('the prefix xml is bound to its own namespace only');
  }
  // The xmlns namespace may be bound to no prefix, the default one included.
  for (const decl of [`xmlns:p="${XMLNS_NS}"`, `xmlns="${XMLNS_NS}"`]) {
    expect(refusal(`<r ${decl}/>`), decl).toContain('the xmlns namespace cannot be bound');
  }
  // A prefix (or the default namespace) declared twice on one element, even to one URI.
  for (const [decls, prefix] of [
    ['xmlns:p="urn:a" xmlns:p="urn:b"', '"p"'],
    ['xmlns:p="urn:a" xmlns:q="urn:a" xmlns:p="urn:a"', '"p"'],
    ['xmlns="urn:a" xmlns="urn:b"', '""'],
  ]) {
    const xml = `<r ${decls}/>`;
    const message = refusal(xml);
    expect(message, decls).toContain(`the prefix ${prefix} is declared twice on one element`);
    // Placed at the second declaration (the last one in each).
    expect(message, decls).toContain(`column ${xml.lastIndexOf('xmlns') + 1}`);
  }
});

test('namespace declarations end with their element, every one of them, self-closing or not', () => {
  for (const open of ['<a xmlns:p="urn:p" xmlns:q="urn:q" xmlns:s="urn:s"/>', '<a xmlns:p="urn:p" xmlns:q="urn:q" xmlns:s="urn:s"></a>']) {
    for (const prefix of ['p', 'q', 's']) {
      expect(refusal(`<r>${open}<${prefix}:b/></r>`), `${open} ${prefix}`).toContain(`the prefix "${prefix}" is not bound to a namespace`);
    }
    // An outer binding of the same prefix comes back.
    const el = parse(`<r xmlns:p="urn:outer">${open}<p:b/></r>`);
    expect(el.children.map((c) => c.ns)).toEqual(['', 'urn:outer']);
    expect(parse(`<r xmlns="urn:outer"><a xmlns="urn:inner" xmlns:p="urn:p"/><b/></r>`).children.map((c) => c.ns)).toEqual(['urn:inner', 'urn:outer']);
  }
});

test('a document that ends inside an element names the innermost open one and where it began', () => {
  for (const [xml, name, column] of [
    ['<r><a><b/>', 'a', 4],
    ['<r>', 'r', 1],
    ['<r><p:a xmlns:p="urn:p">text', 'p:a', 4],
  ] as const) {
    const message = refusal(xml);
    expect(message, xml).toContain(`inside <${name}>, which is never closed`);
    expect(message, xml).toContain(`column ${column}`);
  }
});
