// The shared suite in Deno, on the built ESM files (Deno resolves the bare @noble/@scure imports
// from node_modules because package.json is present).
import { defineSuite } from '../suite/oathkit.suite.js';
import { defineCodecsSuite } from '../suite/codecs.suite.js';
import * as root from '../../dist/index.js';
import * as hotp from '../../dist/hotp.js';
import * as totp from '../../dist/totp.js';
import * as encoding from '../../dist/encoding.js';
import * as uri from '../../dist/uri.js';
import * as activation from '../../dist/activation.js';

Deno.test('runs in Deno', () => {
  if (typeof Deno.version?.deno !== 'string') throw new Error('not Deno');
});

defineSuite({ test: (name, fn) => Deno.test(name, fn), runtime: 'deno', lib: { root, hotp, totp, encoding } });
defineCodecsSuite({ test: (name, fn) => Deno.test(name, fn), runtime: 'deno', lib: { root, uri, activation, encoding } });
