// The shared suite on the TypeScript sources, in Node under Vitest.
import { test } from 'vitest';
import { defineSuite } from '../suite/oathkit.suite.js';
import { defineOcraSuite } from '../suite/ocra.suite.js';
import { defineCodecsSuite } from '../suite/codecs.suite.js';
import { defineActivationSuite } from '../suite/activation.suite.js';
import { defineStateSuite } from '../suite/state.suite.js';
import { defineQrSuite } from '../suite/qr.suite.js';
import * as root from '../../src/index.ts';
import * as hotp from '../../src/hotp.ts';
import * as totp from '../../src/totp.ts';
import * as encoding from '../../src/encoding.ts';
import * as ocra from '../../src/ocra.ts';
import * as uri from '../../src/uri.ts';
import * as activation from '../../src/activation.ts';
import * as state from '../../src/state.ts';
import * as qr from '../../src/qr.ts';

defineSuite({ test, runtime: 'node-src', lib: { root, hotp, totp, encoding } });
defineOcraSuite({ test, runtime: 'node-src', lib: { root, ocra } });
defineCodecsSuite({ test, runtime: 'node-src', lib: { root, uri, activation, encoding } });
defineActivationSuite({ test, runtime: 'node-src', lib: { root, activation } });
defineStateSuite({ test, runtime: 'node-src', lib: { root, state } });
defineQrSuite({ test, runtime: 'node-src', lib: { root, qr } });
