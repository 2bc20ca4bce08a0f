/**
 * A small XML 1.0 reader (W3C XML 1.0 5th ed. §2, Namespaces in XML 1.0 3rd ed.) for the subset
 * key containers use: elements, attributes, namespaces under any prefix, character data, CDATA
 * sections, comments, character references and the five predefined entity references.
 *
 * Everything else a general parser would honour is refused, because each is an attack surface and
 * no key container needs it: a DOCTYPE (and with it every other entity, so no expansion and no
 * external reference is possible, ever), processing instructions other than the XML declaration.
 * Depth, attribute count and length, name length, text per element and element count are capped.
 * One pass, no backtracking: the time is linear in the length of the input.
 * @module
 */
import { OtpError, type OtpErrorCode } from './errors.ts';

/** An element with its namespace resolved. */
export interface XmlElement {
  /** The namespace URI, `''` for none. */
  readonly ns: string;
  /** The local name (without prefix). */
  readonly name: string;
  /**
   * The attributes (namespace declarations left out) as name, value, name, value…: the expanded
   * name is the local name for an unprefixed attribute (which is in no namespace), `{uri}local`
   * for a prefixed one. A flat list, not a Map: a container has hundreds of thousands of
   * elements with one or two attributes each. Read it with {@link attr}.
   */
  readonly attrs: readonly string[];
  readonly children: readonly XmlElement[];
  /** The character data directly inside (CDATA included, references replaced), untrimmed. */
  text: string;
  /** The offset of `<` in the input, for messages ({@link lineOf}). */
  readonly at: number;
}

/** The caps of one parse; every one is checked before the work it bounds. */
export interface XmlLimits {
  /** The longest input, in UTF-16 code units. */
  readonly maxLength: number;
  /** The deepest nesting of elements (the root is depth 1). */
  readonly maxDepth: number;
  /** The most elements in the document. */
  readonly maxElements: number;
  /** The most attributes (namespace declarations included) on one element. */
  readonly maxAttributes: number;
  /** The longest attribute value, after references are replaced. */
  readonly maxAttributeLength: number;
  /** The most character data directly inside one element. */
  readonly maxText: number;
}

/** Element and attribute names longer than this are refused (PSKC's longest is 22 characters). */
const MAX_NAME = 256;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NONE: readonly string[] = /* @__PURE__ */ Object.freeze([]);
/** Elements without children share this list; the first child replaces it. */
const NO_CHILDREN = /* @__PURE__ */ Object.freeze([]) as unknown as XmlElement[];

/** The value of the attribute `name` (expanded: `local` or `{uri}local`), or undefined. */
export function attr(el: XmlElement, name: string): string | undefined {
  const a = el.attrs;
  // Stryker disable next-line EqualityOperator: a[a.length] is undefined, never a name
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

/** The expanded names of an element's attributes. */
export function attrNames(el: XmlElement): string[] {
  return el.attrs.filter((_, i) => i % 2 === 0);
}
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The 1-based line and column of an offset, for messages (computed only when one is made). */
export function lineOf(text: string, at: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${at - start + 1}`;
}

/** XML 1.0 §2.3 white space (S): space, tab, line feed, carriage return. */
export const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * A name (NCName, optionally `prefix:local`): a letter, `_` or non-ASCII character first, then
 * those, digits, `-` and `.`. Non-ASCII is accepted as a whole (XML's name classes are wide);
 * what matters here is that nothing with markup characters slips through.
 */
const QNAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*)?$/;

/**
 * Parses a document into its root element.
 * @param input - the document as text (a leading byte-order mark, U+FEFF, is skipped)
 * @param limits - the caps
 * @param code - the error code of every refusal (the caller's format, e.g. `INVALID_PSKC`)
 * @param what - how messages name the document
 * @throws OtpError `INPUT_TOO_LONG` past `maxLength`; `code` for anything malformed, refused or over a cap
 */
export function parseXml(input: string, limits: XmlLimits, code: OtpErrorCode, what: string): XmlElement {
  if (typeof input !== 'string') throw new OtpError(code, `${what} must be a string`);
  if (input.length > limits.maxLength) {
    throw new OtpError('INPUT_TOO_LONG', `${what} is ${input.length} characters long; at most ${limits.maxLength} are read`);
  }
  const fail = (at: number, message: string): never => {
    throw new OtpError(code, `${what} is not well-formed XML of the kind read here: ${lineOf(input, at)}: ${message}`);
  };
  const bad = badChar(input);
  if (bad !== -1) fail(bad, `the character U+${input.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);

  const n = input.length;
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The XML declaration, only at the very start (§2.8).
  if (input.startsWith('<?xml', i) && isXmlSpace(input.charCodeAt(i + 5))) {
    const end = input.indexOf('?>', i);
    if (end === -1 || end - i > 256) fail(i, 'the XML declaration is not closed within 256 characters');
    const decl = input.slice(i + 5, end);
    if (!/^\s+version\s*=\s*(["'])1\.0\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(decl)) {
      fail(i, 'the XML declaration must be version 1.0 with at most encoding and standalone');
    }
    i = end + 2;
  }

  // Namespace URIs by number (0 is no namespace): each declared URI is hashed once, where it is
  // declared, and names compare by number after that. Comparing the URIs themselves (up to 4,096
  // characters) for every pair of attributes of every element, as `{uri}local` strings each
  // flattened to a copy, took 8.7 s on 4 MiB of short elements with 64 attributes each under one
  // long namespace, and ran out of memory at 16 MiB.
  const uris: string[] = ['', XML_NS];
  // Stryker disable next-line ArrayDeclaration: without the entries idOf numbers '' and XML_NS anew on first use, to the same URIs
  const uriIds = new Map<string, number>(uris.map((uri, id) => [uri, id]));
  const idOf = (uri: string): number => {
    let id = uriIds.get(uri);
    if (id === undefined) uriIds.set(uri, (id = uris.push(uri) - 1));
    return id;
  };
  // Namespace bindings in scope: prefix -> stack of URI numbers ('' is the default namespace).
  const bindings = new Map<string, number[]>([['xml', [1]]]);
  const lookup = (prefix: string, at: number): number => {
    const stack = bindings.get(prefix);
    const id = stack?.[stack.length - 1];
    if (id === undefined) {
      if (prefix === '') return 0;
      fail(at, `the prefix ${JSON.stringify(prefix)} is not bound to a namespace`);
    }
    return id!;
  };

  // The open elements, as parallel stacks (no object per element beyond the element itself).
  const stack: XmlElement[] = [];
  // Stryker disable next-line ArrayDeclaration: an entry at the bottom is never reached (the stack's emptiness is read from stack)
  const stackNames: string[] = [];
  // Stryker disable next-line ArrayDeclaration: an entry at the bottom is never reached (the stack's emptiness is read from stack)
  const stackDeclared: (readonly string[])[] = [];
  // Scratch lists of the start tag being read: qualified names, values, offsets.
  // Stryker disable next-line ArrayDeclaration: every entry is written before it is read
  const rawNames: string[] = [];
  // Stryker disable next-line ArrayDeclaration: every entry is written before it is read
  const rawValues: string[] = [];
  // Stryker disable next-line ArrayDeclaration: every entry is written before it is read
  const rawAt: number[] = [];
  let nRaw = 0;
  // The attributes kept so far on that tag, as (namespace number, local name): -1 for none.
  // Stryker disable next-line ArrayDeclaration: every entry is written before it is read
  const keptIds: number[] = [];
  // Stryker disable next-line ArrayDeclaration: every entry is written before it is read
  const keptLocals: string[] = [];
  let root: XmlElement | undefined;
  let elements = 0;

  const appendText = (text: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      for (let k = 0; k < text.length; k++) if (!isXmlSpace(text.charCodeAt(k))) fail(at, 'text outside the root element');
      return;
    }
    if (top.text.length + text.length > limits.maxText) {
      fail(at, `more than ${limits.maxText} characters of text in one element`);
    }
    top.text += text;
  };

  while (i < n) {
    const lt = input.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const raw = input.slice(i, textEnd);
      if (raw.includes(']]>')) fail(i + raw.indexOf(']]>'), "']]>' in text");
      appendText(decodeReferences(raw, i, fail), i);
      i = textEnd;
      continue;
    }
    // i === lt: markup.
    if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i + 4);
      if (end === -1) fail(i, 'a comment is not closed');
      // §2.5: '--' may not occur inside a comment, nor may one end with '-' ('--->').
      if (input.indexOf('--', i + 4) < end) fail(i, "'--' inside a comment");
      i = end + 3;
    } else if (input.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail(i, 'a CDATA section outside the root element');
      const end = input.indexOf(']]>', i + 9);
      if (end === -1) fail(i, 'a CDATA section is not closed');
      appendText(normalizeNewlines(input.slice(i + 9, end)), i);
      i = end + 3;
    } else if (input.startsWith('<!', i)) {
      const doctype = input.startsWith('<!DOCTYPE', i);
      fail(i, doctype ? 'a DOCTYPE is refused (no DTDs, no entities, no external references)' : 'a markup declaration is refused');
    } else if (input.startsWith('<?', i)) {
      fail(i, 'processing instructions are refused (only the XML declaration, at the very start, is read)');
    } else if (input.charCodeAt(i + 1) === 0x2f /* / */) {
      const end = input.indexOf('>', i + 2);
      if (end === -1) fail(i, 'an end tag is not closed');
      // Blanks before '>' are allowed (XML 1.0 §3.1); cut by a loop, as a /[ \t\r\n]+$/ would be
      // quadratic on a long run of them inside the tag.
      let nameEnd = end;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the '/' at i + 1 stops the loop anyway
      while (nameEnd > i + 2 && isXmlSpace(input.charCodeAt(nameEnd - 1))) nameEnd--;
      const qname = input.slice(i + 2, nameEnd);
      if (stack.length === 0) fail(i, `the end tag </${qname.slice(0, 64)}> closes nothing`);
      const openName = stackNames.pop()!;
      if (openName !== qname) fail(i, `the end tag </${qname.slice(0, 64)}> does not close <${openName}>`);
      stack.pop();
      for (const prefix of stackDeclared.pop()!) bindings.get(prefix)!.pop();
      i = end + 1;
    } else {
      if (root !== undefined && stack.length === 0) fail(i, 'a second root element');
      if (++elements > limits.maxElements) fail(i, `more than ${limits.maxElements} elements`);
      if (stack.length >= limits.maxDepth) fail(i, `elements nested deeper than ${limits.maxDepth}`);
      const start = i;
      i++;
      let j = i;
      while (j < n && !isXmlSpace(input.charCodeAt(j)) && input[j] !== '>' && input[j] !== '/') j++;
      const qname = name(input, i, j, fail);
      i = j;
      // Attributes: raw (qualified name, value) pairs first; prefixes resolve after every
      // declaration on this element is known (a declaration may follow its first use).
      nRaw = 0;
      let selfClosing = false;
      for (;;) {
        let k = i;
        // Past the end charCodeAt is NaN, which is no white space: the loop stops there.
        while (isXmlSpace(input.charCodeAt(k))) k++;
        if (k >= n) fail(start, `the start tag <${qname}> is not closed`);
        if (input[k] === '>') {
          i = k + 1;
          break;
        }
        if (input[k] === '/') {
          if (input[k + 1] !== '>') fail(k, `'/' inside the start tag <${qname}>`);
          selfClosing = true;
          i = k + 2;
          break;
        }
        if (k === i) fail(k, `attributes of <${qname}> must be separated by white space`);
        if (nRaw >= limits.maxAttributes) fail(start, `<${qname}> has more than ${limits.maxAttributes} attributes`);
        let e = k;
        while (e < n && !isXmlSpace(input.charCodeAt(e)) && input[e] !== '=' && input[e] !== '>' && input[e] !== '/') e++;
        const attr = name(input, k, e, fail);
        while (isXmlSpace(input.charCodeAt(e))) e++;
        if (input[e] !== '=') fail(e, `the attribute ${attr} has no value`);
        e++;
        while (isXmlSpace(input.charCodeAt(e))) e++;
        const quote = input[e];
        if (quote !== '"' && quote !== "'") fail(e, `the value of ${attr} must be quoted`);
        const close = input.indexOf(quote!, e + 1);
        if (close === -1) fail(e, `the value of ${attr} is not closed`);
        // References only shorten a value, so the raw length bounds the decoded one.
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a cost bound only: a reference is at most 10 characters, so a raw value past 12 times the cap decodes past it and is refused below, with the same message
        if (close - e - 1 > limits.maxAttributeLength * 12) fail(e, `the value of ${attr} is longer than ${limits.maxAttributeLength} characters`);
        const rawValue = input.slice(e + 1, close);
        if (rawValue.includes('<')) fail(e, `'<' in the value of ${attr}`);
        // Attribute-value normalization (§3.3.3): each white-space character becomes a space.
        const spaced = /[\t\n\r]/.test(rawValue) ? rawValue.replace(/\r\n|[\t\n\r]/g, ' ') : rawValue;
        // Stryker disable next-line BooleanLiteral: spaced has no CR left, so normalizing its line ends changes nothing
        const value = decodeReferences(spaced, e + 1, fail, true);
        if (value.length > limits.maxAttributeLength) fail(e, `the value of ${attr} is longer than ${limits.maxAttributeLength} characters`);
        rawNames[nRaw] = attr;
        rawValues[nRaw] = value;
        rawAt[nRaw++] = k;
        i = close + 1;
      }
      // Namespace declarations of this element.
      let declared = NONE;
      for (let a = 0; a < nRaw; a++) {
        const [attr, value, at] = [rawNames[a]!, rawValues[a]!, rawAt[a]!];
        const prefix = attr === 'xmlns' ? '' : attr.startsWith('xmlns:') ? attr.slice(6) : undefined;
        if (prefix === undefined) continue;
        if (prefix === 'xmlns') fail(at, 'the prefix xmlns cannot be declared');
        if ((prefix === 'xml') !== (value === XML_NS)) fail(at, 'the prefix xml is bound to its own namespace only');
        if (value === XMLNS_NS) fail(at, 'the xmlns namespace cannot be bound');
        if (prefix !== '' && value === '') fail(at, `the prefix ${prefix} cannot be undeclared in XML 1.0`);
        if (declared.includes(prefix)) fail(at, `the prefix ${JSON.stringify(prefix)} is declared twice on one element`);
        declared = [...declared, prefix];
        let bound = bindings.get(prefix);
        if (bound === undefined) bindings.set(prefix, (bound = []));
        bound.push(idOf(value));
      }
      // Most elements have no attributes: they share one empty list (the tree is read-only).
      // Stryker disable next-line ConditionalExpression: a fresh empty list reads the same; sharing one only saves memory
      const attrs = nRaw === declared.length ? NONE : ([] as string[]);
      let kept = 0;
      for (let a = 0; a < nRaw; a++) {
        const [qn, value, at] = [rawNames[a]!, rawValues[a]!, rawAt[a]!];
        if (qn === 'xmlns' || qn.startsWith('xmlns:')) continue;
        const colon = qn.indexOf(':');
        const id = colon === -1 ? -1 : lookup(qn.slice(0, colon), at);
        // No colon (-1): the whole name.
        const local = qn.slice(colon + 1);
        // A linear search over at most maxAttributes names: numbers and local names (which are in
        // the tag itself) are compared, never the namespace URIs.
        for (let j = 0; j < kept; j++) if (keptIds[j] === id && keptLocals[j] === local) fail(at, `the attribute ${qn} appears twice on <${qname}>`);
        keptIds[kept] = id;
        keptLocals[kept++] = local;
        (attrs as string[]).push(id === -1 ? qn : `{${uris[id]!}}${local}`, value);
      }
      const colon = qname.indexOf(':');
      const el: XmlElement = {
        ns: uris[lookup(colon === -1 ? '' : qname.slice(0, colon), start)]!,
        name: qname.slice(colon + 1), // the whole name when there is no colon (-1)
        attrs,
        children: NO_CHILDREN,
        text: '',
        at: start,
      };
      const parent = stack[stack.length - 1] as { children: XmlElement[] } | undefined;
      if (parent === undefined) root = el;
      else if (parent.children === NO_CHILDREN) parent.children = [el];
      else parent.children.push(el);
      if (selfClosing) {
        for (const prefix of declared) bindings.get(prefix)!.pop();
      } else {
        stack.push(el);
        stackNames.push(qname);
        stackDeclared.push(declared);
      }
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) fail(open.at, `the document ends inside <${stackNames[stackNames.length - 1]}>, which is never closed`);
  if (root === undefined) fail(n, 'no root element');
  return root!;
}

/** The qualified name in `input[from, to)`, checked. */
function name(input: string, from: number, to: number, fail: (at: number, message: string) => never): string {
  if (to - from > MAX_NAME) fail(from, `a name longer than ${MAX_NAME} characters`);
  const s = input.slice(from, to);
  if (!QNAME.test(s)) fail(from, s === '' ? 'a name is missing' : `${JSON.stringify(s.slice(0, 64))} is not a valid name`);
  return s;
}

/**
 * The offset of the first character XML 1.0 does not allow anywhere (§2.2), or -1: C0 controls
 * other than tab, line feed and carriage return, U+FFFE, U+FFFF and unpaired surrogates. One pass.
 */
function badChar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    } else if (c >= 0xe000 && c <= 0xfffd) continue;
    return i;
  }
  return -1;
}

/** Line ends as XML delivers them to applications (§2.11): CR LF and lone CR become LF. */
function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

const PREDEFINED: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  lt: '<',
  gt: '>',
  amp: '&',
  apos: "'",
  quot: '"',
});

/**
 * Replaces character references and the five predefined entity references (§4.1, §4.6); any
 * other entity reference is refused (there is no DTD to declare one). Linear: each `&` is looked
 * at once, and a reference is at most a few characters long.
 */
function decodeReferences(s: string, offset: number, fail: (at: number, message: string) => never, attribute = false): string {
  // An attribute value reaches here with its line ends already spaces (the caller's normalization).
  // Stryker disable next-line ConditionalExpression: an attribute value has no CR left to normalize
  if (!attribute) s = normalizeNewlines(s);
  let amp = s.indexOf('&');
  let out = '';
  let from = 0;
  while (amp !== -1) {
    // A reference is short: look for its ';' in the next few characters only.
    const near = s.slice(amp + 1, amp + 13).indexOf(';');
    const semi = near === -1 ? -1 : amp + 1 + near;
    const ref = semi === -1 ? undefined : s.slice(amp + 1, semi);
    let value: string | undefined;
    if (ref !== undefined && ref.startsWith('#')) {
      // Stryker disable next-line UnaryOperator: no match as +1 is refused the same way, U+0001 being no XML character
      const cp = /^#[0-9]{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : -1;
      const allowed =
        cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!allowed) fail(offset + amp, `&${ref}; does not refer to a character XML allows`);
      value = String.fromCodePoint(cp);
      // No ';' near (ref undefined) looks up 'undefined', which is no entity's name.
    } else if (Object.prototype.hasOwnProperty.call(PREDEFINED, String(ref))) {
      value = PREDEFINED[ref!];
    } else {
      const shown = ref === undefined ? s.slice(amp, amp + 12) : `&${ref};`;
      fail(offset + amp, `${JSON.stringify(shown)}: only character references and &lt; &gt; &amp; &apos; &quot; are read (no entities)`);
    }
    out += s.slice(from, amp) + value!;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/** Escapes text for character data: `&`, `<`, `>` (the last for `]]>`). */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escapes text for a double-quoted attribute value, white space kept as character references. */
export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** True when every character of `s` may appear in an XML 1.0 document (§2.2). */
export function isXmlText(s: string): boolean {
  return badChar(s) === -1;
}
