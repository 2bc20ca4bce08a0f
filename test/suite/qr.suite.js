// oathkit/qr, written once and run in every runtime: every symbol of vectors/qr.json (made by
// Debian's python3-qrcode from the unique shortest segmentation) module for module, the capacity
// limits of version 40 at each level, the refusals with their codes, and the shape of the SVG and
// terminal outputs.
//
// defineQrSuite({ test, runtime, lib: { root, qr } }) registers the tests; the last prints the
// counts that test/run-all.mjs requires:
//   oathkit-vectors runtime=<name> qr=N qr_limits=N qr_errors=N
import { eq, errorCode, members, nth, ok, throwsCode, wrong } from './assert.js';
import qrVectors from '../../vectors/qr.json' with { type: 'json' };

/**
 * Modules (1 dark) packed 8 to a byte, most significant first: the vector file's form (in base64).
 * @param {Uint8Array} modules
 */
function packed(modules) {
  const out = new Uint8Array(Math.ceil(modules.length / 8));
  modules.forEach((m, i) => (out[i >> 3] = /** @type {number} */ (out[i >> 3]) | (m << (7 - (i & 7)))));
  return out;
}

/** @param {import('./all.js').SuiteArgs} args */
export function defineQrSuite({ test, runtime, lib }) {
  const { root, qr } = lib;
  const { OtpError, base64Encode } = root;
  /** @param {Uint8Array} modules */
  const packedHex = (modules) => base64Encode(packed(modules));
  const { qrMatrix, qrSvg, qrText } = qr;
  /** @type {Record<string, number>} */
  const counts = {};
  /** @type {(name: string, n: number) => void} */
  const count = (name, n) => void (counts[name] = (counts[name] ?? 0) + n);
  /** The vector file (JSON: levels are plain strings). @type {{ vectors: any[]; limits: any[] }} */
  const { vectors, limits } = qrVectors;

  test('QR symbols of python-qrcode: module for module, same version, and the same version without a mask given', () => {
    for (const v of vectors) {
      const what = `${v.note} (${v.version}-${v.level}, mask ${v.mask})`;
      const m = qrMatrix(v.text, { level: v.level, mask: v.mask });
      eq([m.version, m.size, m.level, m.mask], [v.version, 4 * v.version + 17, v.level, v.mask], what);
      ok(m.modules instanceof Uint8Array && m.modules.length === m.size * m.size, `${what}: modules`);
      eq(packedHex(m.modules), v.modules, `${what}: modules`);
      eq(qrMatrix(v.text, { level: v.level }).version, v.version, `${what}: smallest version`);
    }
    count('qr', vectors.length);
  });

  test('QR activation strings and base32 secrets are alphanumeric segments, the typical tokens small versions', () => {
    const activations = vectors.filter((v) => v.note.startsWith('activation string'));
    eq(activations.length, 8, 'activation vectors: two strings at four levels');
    for (const v of activations) eq(v.segments, [['alphanumeric', v.text.length]], v.note);
    const totp = vectors.find((v) => v.note.startsWith('activation string: TOTP, 20-byte key, every default') && v.level === 'M');
    eq(totp?.version, 3, 'a default TOTP activation string at level M');
  });

  test('QR capacity of version 40 at each level: the longest digits, alphanumerics and bytes fit, one more is refused', () => {
    for (const l of limits) {
      /** @type {[string, string, number][]} */
      const kinds = [
        ['digits', '7', l.digits],
        ['alphanumeric', 'Z', l.alphanumeric],
        ['bytes', 'z', l.bytes],
      ];
      for (const [kind, unit, n] of kinds) {
        eq(qrMatrix(unit.repeat(n), { level: l.level, mask: 0 }).version, 40, `${kind} ${n} at ${l.level}`);
        const e = throwsCode(OtpError, () => qrMatrix(unit.repeat(n + 1), { level: l.level }), 'QR_TOO_LONG', `${kind} ${n + 1} at ${l.level}`);
        ok(
          e.message.includes(String(n + 1)) && e.message.includes(String(l.bits)),
          `${kind} at ${l.level}: the message gives the length and the capacity: ${e.message}`,
        );
        count('qr_limits', 2);
      }
    }
    // Far beyond any capacity: refused at once, with its length.
    const e = throwsCode(OtpError, () => qrMatrix('7'.repeat(1_000_000)), 'QR_TOO_LONG', 'a million digits');
    ok(e.message.includes('1000000'), e.message);
  });

  test('QR refusals: text, options, unknown keys; messages never print the text', () => {
    const secret = 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP';
    // Inputs of types the API does not take, on purpose: the runtime checks are what is tested.
    const { qrMatrix, qrSvg, qrText } = wrong(qr);
    const cases = [
      ['text not a string', () => qrMatrix(42), 'INVALID_QR_TEXT'],
      ['text undefined', () => qrSvg(undefined), 'INVALID_QR_TEXT'],
      ['text bytes', () => qrText(new Uint8Array(3)), 'INVALID_QR_TEXT'],
      ['lone high surrogate', () => qrMatrix(`${secret}\ud800`), 'INVALID_QR_TEXT'],
      ['lone low surrogate', () => qrMatrix(`\udc00${secret}`), 'INVALID_QR_TEXT'],
      ['swapped surrogates', () => qrMatrix('\udc00\ud800'), 'INVALID_QR_TEXT'],
      ['level lower case', () => qrMatrix(secret, { level: 'm' }), 'INVALID_OPTIONS'],
      ['level X', () => qrMatrix(secret, { level: 'X' }), 'INVALID_OPTIONS'],
      ['level LM', () => qrMatrix(secret, { level: 'LM' }), 'INVALID_OPTIONS'],
      ['level empty', () => qrMatrix(secret, { level: '' }), 'INVALID_OPTIONS'],
      ['level number', () => qrMatrix(secret, { level: 1 }), 'INVALID_OPTIONS'],
      ['level null', () => qrMatrix(secret, { level: null }), 'INVALID_OPTIONS'],
      ['minVersion 0', () => qrMatrix(secret, { minVersion: 0 }), 'INVALID_OPTIONS'],
      ['minVersion 41', () => qrMatrix(secret, { minVersion: 41 }), 'INVALID_OPTIONS'],
      ['minVersion 2.5', () => qrMatrix(secret, { minVersion: 2.5 }), 'INVALID_OPTIONS'],
      ['minVersion text', () => qrMatrix(secret, { minVersion: '3' }), 'INVALID_OPTIONS'],
      ['mask -1', () => qrMatrix(secret, { mask: -1 }), 'INVALID_OPTIONS'],
      ['mask 8', () => qrMatrix(secret, { mask: 8 }), 'INVALID_OPTIONS'],
      ['mask NaN', () => qrMatrix(secret, { mask: NaN }), 'INVALID_OPTIONS'],
      ['boost 1', () => qrMatrix(secret, { boost: 1 }), 'INVALID_OPTIONS'],
      ['boost "true"', () => qrMatrix(secret, { boost: 'true' }), 'INVALID_OPTIONS'],
      ['margin -1', () => qrSvg(secret, { margin: -1 }), 'INVALID_OPTIONS'],
      ['margin 65', () => qrText(secret, { margin: 65 }), 'INVALID_OPTIONS'],
      ['margin 1.5', () => qrText(secret, { margin: 1.5 }), 'INVALID_OPTIONS'],
      ['moduleSize 0', () => qrSvg(secret, { moduleSize: 0 }), 'INVALID_OPTIONS'],
      ['moduleSize 101', () => qrSvg(secret, { moduleSize: 101 }), 'INVALID_OPTIONS'],
      ['dark with a quote', () => qrSvg(secret, { dark: '#000" onload="x' }), 'INVALID_OPTIONS'],
      ['light with <', () => qrSvg(secret, { light: '<b>' }), 'INVALID_OPTIONS'],
      ['dark empty', () => qrSvg(secret, { dark: '' }), 'INVALID_OPTIONS'],
      ['dark too long', () => qrSvg(secret, { dark: 'a'.repeat(65) }), 'INVALID_OPTIONS'],
      ['dark not text', () => qrSvg(secret, { dark: 0 }), 'INVALID_OPTIONS'],
      ['title with a control character', () => qrSvg(secret, { title: 'a\u0001b' }), 'INVALID_OPTIONS'],
      ['title with U+FFFF', () => qrSvg(secret, { title: 'a\uffffb' }), 'INVALID_OPTIONS'],
      ['title with a lone surrogate', () => qrSvg(secret, { title: 'a\ud800b' }), 'INVALID_OPTIONS'],
      ['title too long', () => qrSvg(secret, { title: 't'.repeat(257) }), 'INVALID_OPTIONS'],
      ['title not text', () => qrSvg(secret, { title: 5 }), 'INVALID_OPTIONS'],
      ['invert "yes"', () => qrText(secret, { invert: 'yes' }), 'INVALID_OPTIONS'],
      ['options not an object', () => qrMatrix(secret, 'M'), 'INVALID_OPTIONS'],
      ['options null', () => qrSvg(secret, null), 'INVALID_OPTIONS'],
      ['unknown key', () => qrMatrix(secret, { levl: 'H' }), 'INVALID_OPTIONS'],
      ['an SVG key given to qrMatrix', () => qrMatrix(secret, { margin: 2 }), 'INVALID_OPTIONS'],
      ['an SVG key given to qrText', () => qrText(secret, { title: 'x' }), 'INVALID_OPTIONS'],
      ['a text key given to qrSvg', () => qrSvg(secret, { invert: true }), 'INVALID_OPTIONS'],
    ];
    for (const [what, fn, code] of /** @type {[string, () => unknown, string][]} */ (cases)) {
      const e = throwsCode(OtpError, fn, errorCode(code), what);
      ok(!e.message.includes('JBSWY3DPEHPK3PXP'), `${what}: the message must not print the text`);
    }
    ok(throwsCode(OtpError, () => qrMatrix(secret, { levl: 'H' }), 'INVALID_OPTIONS', 'hint').message.includes('"level"'), 'the nearest known key is named');
    count('qr_errors', cases.length);
  });

  test('QR options: minVersion, fixed masks, boost only where it costs no size', () => {
    const text = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
    const base = qrMatrix(text);
    eq([base.level, base.version], ['M', 4], 'default level M');
    eq(qrMatrix(text, { minVersion: 10 }).version, 10, 'minVersion raises the version');
    eq(qrMatrix(text, { minVersion: 2 }).version, 4, 'minVersion below what the text needs changes nothing');
    const masks = new Set();
    for (let mask = 0; mask < 8; mask++) {
      const m = qrMatrix(text, { mask });
      eq([m.mask, m.version], [mask, 4], `mask ${mask}`);
      masks.add(packedHex(m.modules));
    }
    eq(masks.size, 8, 'eight masks, eight symbols');
    ok(masks.has(packedHex(base.modules)), 'the chosen mask is one of them');
    const boosted = qrMatrix(text, { boost: true });
    eq(boosted.version, base.version, 'boost keeps the version');
    ok('LMQH'.indexOf(boosted.level) >= 1, 'boost never lowers the level');
    // The boosted level holds the text at this version, the next one would not.
    const next = 'LMQH'['LMQH'.indexOf(boosted.level) + 1];
    if (next)
      ok(
        qrMatrix(text, { level: /** @type {import('../../src/qr.ts').QrLevel} */ (next) }).version > base.version,
        `level ${next} would need a larger version`,
      );
    eq(qrMatrix('', {}).version, 1, 'the empty text is version 1');
  });

  test('QR SVG: one path, a viewBox, a title, nothing else; colours and sizes', () => {
    const text = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
    const svg = qrSvg(text);
    const m = qrMatrix(text);
    const w = m.size + 8;
    const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${w}" width="${4 * w}" height="${4 * w}">`;
    ok(
      svg.startsWith(`${head}<title>QR code</title><path fill="#fff" stroke="#000" shape-rendering="crispEdges" d="M-.5-.5h${w + 1}v${w + 1}h${-w - 1}z`),
      svg.slice(0, 260),
    );
    ok(svg.endsWith('"/></svg>'), 'ends with the path');
    eq(svg.match(/</g)?.length, 5, 'svg, title, /title, path, /svg');
    ok(/ d="[-\d.hvmMz ]+"/.test(svg), 'path data of moves and lines only');
    // The strokes cover exactly the dark modules: replay the path.
    const d = nth(/** @type {RegExpExecArray} */ (/ d="([^"]*)"/.exec(svg)), 1);
    const drawn = new Uint8Array(m.size * m.size);
    let x = -0.5;
    let y = -0.5;
    for (const [, op, a, b] of d.slice(d.indexOf('z') + 1).matchAll(/([mh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
      if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
      else {
        for (let i = 0; i < Number(a); i++) drawn[(y - 4.5) * m.size + x - 4 + i] = 1;
        x += Number(a);
      }
    }
    eq(packedHex(drawn), packedHex(m.modules), 'the strokes are the dark modules');
    const styled = qrSvg(text, { margin: 0, moduleSize: 10, dark: 'rgb(0 0 64)', light: 'transparent', title: 'ACME <sign-in> & "you"', level: 'H' });
    const h = qrMatrix(text, { level: 'H' }).size;
    ok(styled.includes(`viewBox="0 0 ${h} ${h}" width="${10 * h}" height="${10 * h}"`), 'margin 0, module size 10');
    ok(styled.includes('<title>ACME &lt;sign-in&gt; &amp; "you"</title>'), 'title escaped');
    ok(styled.includes('fill="transparent" stroke="rgb(0 0 64)"'), 'colours');
  });

  test('QR terminal text: half blocks, two rows a line, quiet zone, invert', () => {
    const text = '1CM1-8485-1MTH-9H68-SK8D-9P6W-W3JC-1H68-SK8D-9P6W-W3JC-0A9V-X';
    const m = qrMatrix(text);
    for (const margin of [0, 1, 2, 4]) {
      const w = m.size + 2 * margin;
      for (const invert of [false, true]) {
        const lines = qrText(text, { margin, invert }).split('\n');
        eq(lines.length, (w + 1) / 2, `margin ${margin}: lines`);
        const cells = lines.map((l) => [...l]);
        ok(
          cells.every((c) => c.length === w && c.every((ch) => ' ▀▄█'.includes(ch))),
          `margin ${margin}: width and glyphs`,
        );
        // Ink in the upper and lower half of each cell is a module (or quiet zone) of the bordered
        // square, dark by default and light with invert; nothing below the square.
        for (let y = 0; y < lines.length * 2; y++) {
          for (let x = 0; x < w; x++) {
            const ch = nth(nth(cells, y >> 1), x);
            const inked = y & 1 ? ch === '▄' || ch === '█' : ch === '▀' || ch === '█';
            const inside = x >= margin && y >= margin && x < w - margin && y < w - margin;
            const dark = inside && m.modules[(y - margin) * m.size + x - margin] === 1;
            eq(inked, y < w && dark !== invert, `margin ${margin} invert ${invert}: cell ${x},${y}`);
          }
        }
      }
    }
    eq(qrText(text), qrText(text, { margin: 4, invert: false }), 'defaults: margin 4, not inverted');
  });

  test('QR subpath oathkit/qr exports the functions of the root and the same OtpError', () => {
    for (const name of ['qrMatrix', 'qrSvg', 'qrText']) {
      eq(typeof members(qr)[name], 'function', name);
      eq(members(qr)[name], members(root)[name], `root.${name} is the same function`);
    }
    eq(qr.MAX_QR_TEXT, 7089, 'MAX_QR_TEXT');
    eq(qr.OtpError, OtpError, 'OtpError');
  });

  test('QR vector counts', () => {
    eq(counts, { qr: vectors.length, qr_limits: limits.length * 6, qr_errors: counts['qr_errors'] }, 'every QR vector ran exactly once');
    ok((counts.qr_errors ?? 0) >= 40, 'refusals checked');
    console.log(
      `oathkit-vectors runtime=${runtime} ${Object.entries(counts)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  });
}
