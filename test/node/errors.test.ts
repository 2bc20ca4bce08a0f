// OtpError across copies of oathkit: the ESM build, the CJS build and the sources loaded side by
// side (each has its own class), and a copy in another realm (a `vm` context, as an iframe is):
// `instanceof OtpError` holds for an OtpError of any of them, `code`, `message`, `name` and `cause`
// come through, and nothing else is taken for one. npm test builds dist/ before this runs.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { expect, test } from 'vitest';
import * as src from '../../src/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Lib = typeof src;
const esm = (await import(pathToFileURL(join(root, 'dist', 'index.js')).href)) as Lib;
const cjs = createRequire(import.meta.url)(join(root, 'dist', 'index.cjs')) as Lib;

/** oathkit from the sources, evaluated in a new realm (its own Error, Object, Symbol.prototype). */
function otherRealm(): Lib {
  const { outputFiles } = buildSync({
    entryPoints: [join(root, 'src', 'index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'oathkit',
    write: false,
    logLevel: 'warning',
  });
  return runInNewContext(`${outputFiles[0]!.text}; oathkit`, {}) as Lib;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

test('an OtpError of the ESM build, the CJS build, the sources or another realm is an instance of every copy', () => {
  const realm = otherRealm();
  const copies = { esm, cjs, src, realm };
  expect(esm.OtpError).not.toBe(cjs.OtpError); // two classes, or this test proves nothing
  expect(Object.getPrototypeOf(thrown(() => realm.base32Decode('1')))).not.toBe(src.OtpError.prototype);
  for (const [from, lib] of Object.entries(copies)) {
    const e = thrown(() => lib.base32Decode('not base32!')) as src.OtpError;
    for (const [to, other] of Object.entries(copies)) {
      expect(e instanceof other.OtpError, `${from} error instanceof ${to} OtpError`).toBe(true);
    }
    expect(e.code).toBe('INVALID_BASE32');
    expect(e.name).toBe('OtpError');
    expect(e.message).toMatch(/position 11/);
    // Still an Error of its own realm, with its stack.
    expect(typeof e.stack).toBe('string');
  }
});

test('code and cause survive; the constructor of each copy makes errors every copy recognises', () => {
  const cause = new Error('the wrapped one');
  for (const lib of [esm, cjs, src]) {
    const e = new lib.OtpError('INVALID_STATE', 'state is corrupt', { cause });
    expect([e.code, e.message, e.cause]).toEqual(['INVALID_STATE', 'state is corrupt', cause]);
    expect(e instanceof src.OtpError && e instanceof esm.OtpError && e instanceof cjs.OtpError && e instanceof Error).toBe(true);
    expect(Object.keys(e).sort()).toEqual(['code', 'name']); // the brand is not enumerable
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'OtpError', code: 'INVALID_STATE' });
  }
});

test('nothing else is an OtpError: plain errors, look-alikes, primitives', () => {
  const lookalike = Object.assign(new Error('x'), { name: 'OtpError', code: 'INVALID_KEY' });
  for (const value of [new Error('x'), lookalike, { code: 'INVALID_KEY' }, null, undefined, 'OtpError', 42, Object.create(src.OtpError.prototype)]) {
    expect(value instanceof src.OtpError).toBe(false);
    expect(value instanceof cjs.OtpError).toBe(false);
  }
});

test('a subclass keeps the ordinary instanceof: its instances are OtpErrors, other OtpErrors are not its instances', () => {
  class Sub extends src.OtpError {}
  const sub = new Sub('INVALID_KEY', 'sub');
  const plain = new src.OtpError('INVALID_KEY', 'plain');
  expect([sub instanceof Sub, sub instanceof src.OtpError, sub instanceof cjs.OtpError]).toEqual([true, true, true]);
  expect(plain instanceof Sub).toBe(false);
});
