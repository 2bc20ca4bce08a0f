// The shared suite in Deno, on the built ESM files (Deno resolves the bare @noble/@scure imports
// from node_modules because package.json is present).
import { defineSuite } from '../suite/oathkit.suite.js';
import { defineOcraSuite } from '../suite/ocra.suite.js';
import { defineCodecsSuite } from '../suite/codecs.suite.js';
import { defineActivationSuite } from '../suite/activation.suite.js';
import { defineStateSuite } from '../suite/state.suite.js';
import { defineQrSuite } from '../suite/qr.suite.js';
import * as root from '../../dist/index.js';
import * as hotp from '../../dist/hotp.js';
import * as totp from '../../dist/totp.js';
import * as encoding from '../../dist/encoding.js';
import * as ocra from '../../dist/ocra.js';
import * as uri from '../../dist/uri.js';
import * as activation from '../../dist/activation.js';
import * as state from '../../dist/state.js';
import * as qr from '../../dist/qr.js';

Deno.test('runs in Deno', () => {
  if (typeof Deno.version?.deno !== 'string') throw new Error('not Deno');
});

const test = (name, fn) => Deno.test(name, fn);
defineSuite({ test, runtime: 'deno', lib: { root, hotp, totp, encoding } });
defineOcraSuite({ test, runtime: 'deno', lib: { root, ocra } });
defineCodecsSuite({ test, runtime: 'deno', lib: { root, uri, activation, encoding } });
defineActivationSuite({ test, runtime: 'deno', lib: { root, activation } });
defineStateSuite({ test, runtime: 'deno', lib: { root, state } });
defineQrSuite({ test, runtime: 'deno', lib: { root, qr } });
