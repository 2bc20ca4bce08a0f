// The shared suite in Bun, on the package as Bun resolves it (exports map, ESM build).
import { test as bunTest } from 'bun:test';
import { defineSuite } from '../suite/oathkit.suite.js';
import { defineOcraSuite } from '../suite/ocra.suite.js';
import { defineCodecsSuite } from '../suite/codecs.suite.js';
import { defineActivationSuite } from '../suite/activation.suite.js';
import { defineStateSuite } from '../suite/state.suite.js';
import { defineRecoverySuite } from '../suite/recovery.suite.js';
import { definePskcSuite } from '../suite/pskc.suite.js';
import { defineBackupSuite } from '../suite/backup.suite.js';
import * as backup from 'oathkit/backup';
import { defineQrSuite } from '../suite/qr.suite.js';
import * as root from 'oathkit';
import * as hotp from 'oathkit/hotp';
import * as totp from 'oathkit/totp';
import * as encoding from 'oathkit/encoding';
import * as ocra from 'oathkit/ocra';
import * as uri from 'oathkit/uri';
import * as activation from 'oathkit/activation';
import * as state from 'oathkit/state';
import * as recovery from 'oathkit/recovery';
import * as pskc from 'oathkit/pskc';
import * as qr from 'oathkit/qr';

// Bun's default is 5 s a test; the encrypted-backup vectors derive keys with the apps' own
// parameters (Argon2id with 64 MiB takes seconds in JavaScript): two minutes, as elsewhere.
const test = (name, fn) => bunTest(name, fn, 120_000);

test('runs in Bun', () => {
  if (typeof Bun === 'undefined' || typeof Bun.version !== 'string') throw new Error('not Bun');
});

defineSuite({ test, runtime: 'bun', lib: { root, hotp, totp, encoding } });
defineOcraSuite({ test, runtime: 'bun', lib: { root, ocra } });
defineCodecsSuite({ test, runtime: 'bun', lib: { root, uri, activation, encoding } });
defineActivationSuite({ test, runtime: 'bun', lib: { root, activation } });
defineStateSuite({ test, runtime: 'bun', lib: { root, state } });
defineRecoverySuite({ test, runtime: 'bun', lib: { root, recovery } });
definePskcSuite({ test, runtime: 'bun', lib: { root, pskc } });
defineBackupSuite({ test, runtime: 'bun', lib: { root, backup } });
defineQrSuite({ test, runtime: 'bun', lib: { root, qr } });
