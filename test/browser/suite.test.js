// The shared suite in headless Chromium (Vitest browser mode), on the built ESM files that a
// browser bundle would take.
import { test } from 'vitest';
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

test('runs in a browser, not in Node', () => {
  if (typeof navigator === 'undefined' || !/Chrome/.test(navigator.userAgent) || typeof process !== 'undefined' && process.versions?.node) {
    throw new Error(`not Chromium: ${typeof navigator === 'undefined' ? 'no navigator' : navigator.userAgent}`);
  }
});

defineSuite({ test, runtime: 'chromium', lib: { root, hotp, totp, encoding } });
defineOcraSuite({ test, runtime: 'chromium', lib: { root, ocra } });
defineCodecsSuite({ test, runtime: 'chromium', lib: { root, uri, activation, encoding } });
defineActivationSuite({ test, runtime: 'chromium', lib: { root, activation } });
defineStateSuite({ test, runtime: 'chromium', lib: { root, state } });
defineRecoverySuite({ test, runtime: 'chromium', lib: { root, recovery } });
definePskcSuite({ test, runtime: 'chromium', lib: { root, pskc } });
defineBackupSuite({ test, runtime: 'chromium', lib: { root, backup } });
defineQrSuite({ test, runtime: 'chromium', lib: { root, qr } });
