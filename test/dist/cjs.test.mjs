// The shared suite on dist/ through `require`, resolved by the package's own exports map: the CJS
// build, which itself requires the ESM-only @noble/hashes (Node >= 20.19).
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { defineSuite } from '../suite/oathkit.suite.js';
import { defineOcraSuite } from '../suite/ocra.suite.js';
import { defineCodecsSuite } from '../suite/codecs.suite.js';
import { defineActivationSuite } from '../suite/activation.suite.js';
import { defineStateSuite } from '../suite/state.suite.js';
import { defineRecoverySuite } from '../suite/recovery.suite.js';
import { definePskcSuite } from '../suite/pskc.suite.js';
import { defineBackupSuite } from '../suite/backup.suite.js';
import { defineQrSuite } from '../suite/qr.suite.js';

const require = createRequire(import.meta.url);
const root = require('oathkit');

test('require resolves to the CJS build', () => {
  const resolved = require.resolve('oathkit');
  if (!resolved.endsWith('dist/index.cjs')) throw new Error(`oathkit resolved to ${resolved}`);
});

defineSuite({
  test,
  runtime: 'node-dist-cjs',
  lib: { root, hotp: require('oathkit/hotp'), totp: require('oathkit/totp'), encoding: require('oathkit/encoding') },
});
defineOcraSuite({ test, runtime: 'node-dist-cjs', lib: { root, ocra: require('oathkit/ocra') } });

defineCodecsSuite({
  test,
  runtime: 'node-dist-cjs',
  lib: { root, uri: require('oathkit/uri'), activation: require('oathkit/activation'), encoding: require('oathkit/encoding') },
});
defineActivationSuite({ test, runtime: 'node-dist-cjs', lib: { root, activation: require('oathkit/activation') } });
defineStateSuite({ test, runtime: 'node-dist-cjs', lib: { root, state: require('oathkit/state') } });
defineRecoverySuite({ test, runtime: 'node-dist-cjs', lib: { root, recovery: require('oathkit/recovery') } });
definePskcSuite({ test, runtime: 'node-dist-cjs', lib: { root, pskc: require('oathkit/pskc') } });
defineBackupSuite({ test, runtime: 'node-dist-cjs', lib: { root, backup: require('oathkit/backup') } });
defineQrSuite({ test, runtime: 'node-dist-cjs', lib: { root, qr: require('oathkit/qr') } });
