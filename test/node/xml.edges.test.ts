// The XML reader (src/_xml.ts) at its edges, called directly with small caps: what XML 1.0 (Fifth
// Edition) accepts that the PSKC figures never show (white space around '=' in the declaration and in
// attributes, single quotes, the xml prefix), each cap exactly at and one past its bound, and what the
// refusals name (the kind of fault and its line and column). Mutation testing (test/MUTATION.md,
// slice `xml`) found these unpinned: the PSKC tests read well-formed containers and assert codes.
import { expect, test } from 'vitest';
import { OtpError, type OtpErrorCode } from '../../src/errors.ts';
import { attr, lineOf, parseXml, type XmlElement } from '../../src/_xml.ts';

const LIMITS = { maxLength: 1 << 20, maxDepth: 8, maxElements: 1000, maxAttributes: 4, maxAttributeLength: 64, maxText: 256 };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const parse = (xml: string): XmlElement => parseXml(xml, LIMITS, 'INVALID_PSKC', 'the doc');

/** The refusal of `xml`: its code and message ('' when it is read). */
function refusal(xml: unknown): { code: OtpErrorCode | 'ok'; message: string } {
  try {
    parseXml(xml as string, LIMITS, 'INVALID_PSKC', 'the doc');
    return { code: 'ok', message: '' };
  } catch (e) {
    if (!(e instanceof OtpError)) throw e;
    return { code: e.code, message: e.message };
  }
}

test('lineOf counts the line ends before the offset only', () => {
  expect(lineOf('ab\ncd', 1)).toBe('line 1, column 2');
  // The offset of a line end is still on that line.
  expect(lineOf('ab\ncd', 2)).toBe('line 1, column 3');
  expect(lineOf('ab\ncd', 3)).toBe('line 2, column 1');
  // A fault on line 1 of a document with more lines after it.
  expect(refusal('<r>&bad;</r>\n\n\n').message).toContain('line 1, column 4');
});

test('a non-string document is refused with the caller’s code', () => {
  const r = refusal(42);
  expect(r.code).toBe('INVALID_PSKC');
  expect(r.message).toContain('the doc must be a string');
});

test('the XML declaration: white space where XML 1.0 §2.8 allows it, and nothing else', () => {
  for (const decl of ['<?xml  version = "1.0"  encoding = \'UTF-8\'  standalone = "no" ?>', "<?xml\tversion='1.0'\nencoding=\"utf-8\"\r\nstandalone='yes'?>"]) {
    expect(parse(`${decl}<r/>`).name, decl).toBe('r');
  }
  for (const decl of ['<?xml x version="1.0"?>', '<?xml version="1.0" junk?>', '<?xml version="1.0"encoding="utf-8"?>']) {
    expect(refusal(`${decl}<r/>`).message, decl).toContain('must be version 1.0');
  }
  // Unclosed, or closed past 256 characters from its start (white space is allowed before '?>').
  expect(refusal('<?xml version="1.0"<r/>').message).toContain('not closed within 256 characters');
  for (const bom of ['', '\uFEFF']) {
    const at = (k: number) => `${bom}${'<?xml version="1.0"'.padEnd(k)}?><r/>`;
    expect(refusal(at(256)).code, 'the ?> at 256').toBe('ok');
    expect(refusal(at(257)).message, 'the ?> at 257').toContain('not closed within 256 characters');
  }
});

test('the xml prefix is bound without a declaration (Namespaces in XML §3)', () => {
  const r = parse('<r xml:lang="en"><xml:a/></r>');
  expect(attr(r, `{${XML_NS}}lang`)).toBe('en');
  expect(r.children[0]!.ns).toBe(XML_NS);
});

test('attributes: white space around =, both quotes, normalization, the length cap exactly', () => {
  const r = parse(`<r a = "1" b\t=\n'2' c="\t\n" d="${'x'.repeat(64)}"/>`);
  expect([attr(r, 'a'), attr(r, 'b'), attr(r, 'c'), attr(r, 'd')]).toEqual(['1', '2', '  ', 'x'.repeat(64)]);
  expect(refusal(`<r a="${'x'.repeat(65)}"/>`).message).toContain('longer than 64');
  // A raw value far past the cap is refused before it is decoded, with the same message.
  expect(refusal(`<r a="${'x'.repeat(1000)}"/>`).message).toContain('the value of a is longer than 64');
  // A reference's position in a value.
  expect(refusal('<r a="&x;"/>').message).toContain('line 1, column 7');
});

test('attributes: what is missing is named', () => {
  for (const xml of ['<r a/>', '<r a>', '<r a></r>', '<r a', `<r ${'a'.repeat(256)}`]) {
    expect(refusal(xml).message, xml).toMatch(/the attribute a+ has no value/);
  }
  expect(refusal('<r a="1').message).toContain('the value of a is not closed');
  for (const xml of ['<r', '<r ', '<r a="1"  ', `<${'r'.repeat(256)}`]) expect(refusal(xml).message, xml).toMatch(/the start tag <r+> is not closed/);
});

test('names: a whole name is checked, not a part of it', () => {
  for (const xml of ['<1r/>', '<r@/>', '<a:b:c/>', '<r -a="1"/>']) expect(refusal(xml).message, xml).toContain('is not a valid name');
});

test('end tags: unclosed, and long names cut in messages', () => {
  expect(refusal('<r></r').message).toContain('an end tag is not closed');
  expect(parse('<r></r \t\n>').name).toBe('r');
  const long = 'a'.repeat(100);
  for (const xml of [`</${long}>`, `<r></${long}>`]) {
    const m = refusal(xml).message;
    expect(m, xml).toContain(`</${'a'.repeat(64)}>`);
    expect(m, xml).not.toContain('a'.repeat(65));
  }
});

test('text: ]]> located, CDATA only inside the root, sections back to back', () => {
  expect(refusal('<r>ab]]></r>').message).toMatch(/line 1, column 6: ']]>' in text/);
  expect(refusal('<![CDATA[ ]]><r/>').message).toContain('a CDATA section outside the root element');
  expect(parse('<r><![CDATA[a]]><![CDATA[b]]></r>').text).toBe('ab');
});

test('comments: <!--> is no comment, and -- may not appear inside one (§2.5)', () => {
  for (const xml of ['<r><!--></r>', '<r><!---></r>']) expect(refusal(xml).message, xml).toContain('a comment is not closed');
  expect(parse('<r><!----><!-- a - b --></r>').name).toBe('r');
  for (const xml of ['<r><!-- a -- b --></r>', '<r><!-- a ---></r>']) expect(refusal(xml).message, xml).toContain("'--' inside a comment");
});

test('the caps, exactly at and one past', () => {
  expect(parse(`<r>${'x'.repeat(256)}</r>`).text).toHaveLength(256);
  expect(refusal(`<r>${'x'.repeat(257)}</r>`).message).toContain('more than 256 characters');
  expect(parse(`<r>${'<a/>'.repeat(999)}</r>`).children).toHaveLength(999);
  expect(refusal(`<r>${'<a/>'.repeat(1000)}</r>`).message).toContain('more than 1000 elements');
});
