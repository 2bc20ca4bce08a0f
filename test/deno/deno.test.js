// The shared suite in Deno, on the built ESM files (self-contained but for oathkit/backup's one
// runtime dependency, @noble/hashes, which Deno resolves from node_modules beside package.json).
import { defineSuite } from '../suite/oathkit.suite.js';
import { defineOcraSuite } from '../suite/ocra.suite.js';
import { defineCodecsSuite } from '../suite/codecs.suite.js';
import { defineActivationSuite } from '../suite/activation.suite.js';
import { defineStateSuite } from '../suite/state.suite.js';
import { defineRecoverySuite } from '../suite/recovery.suite.js';
import { definePskcSuite } from '../suite/pskc.suite.js';
import { defineBackupSuite } from '../suite/backup.suite.js';
import * as backup from '../../dist/backup.js';
import { defineQrSuite } from '../suite/qr.suite.js';
import * as root from '../../dist/index.js';
import * as hotp from '../../dist/hotp.js';
import * as totp from '../../dist/totp.js';
import * as encoding from '../../dist/encoding.js';
import * as ocra from '../../dist/ocra.js';
import * as uri from '../../dist/uri.js';
import * as activation from '../../dist/activation.js';
import * as state from '../../dist/state.js';
import * as recovery from '../../dist/recovery.js';
import * as pskc from '../../dist/pskc.js';
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
defineRecoverySuite({ test, runtime: 'deno', lib: { root, recovery } });
definePskcSuite({ test, runtime: 'deno', lib: { root, pskc } });
defineBackupSuite({ test, runtime: 'deno', lib: { root, backup } });
defineQrSuite({ test, runtime: 'deno', lib: { root, qr } });
