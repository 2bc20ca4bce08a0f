// The shared suite on dist/ through `import`, resolved by the package's own exports map.
import { test } from 'node:test';
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

test('import resolves to the ESM build', async () => {
  const { fileURLToPath } = await import('node:url');
  const resolved = fileURLToPath(import.meta.resolve('oathkit'));
  if (!resolved.endsWith('dist/index.js')) throw new Error(`oathkit resolved to ${resolved}`);
});

defineSuite({ test, runtime: 'node-dist-esm', lib: { root, hotp, totp, encoding } });
defineOcraSuite({ test, runtime: 'node-dist-esm', lib: { root, ocra } });
defineCodecsSuite({ test, runtime: 'node-dist-esm', lib: { root, uri, activation, encoding } });
defineActivationSuite({ test, runtime: 'node-dist-esm', lib: { root, activation } });
defineStateSuite({ test, runtime: 'node-dist-esm', lib: { root, state } });
defineRecoverySuite({ test, runtime: 'node-dist-esm', lib: { root, recovery } });
definePskcSuite({ test, runtime: 'node-dist-esm', lib: { root, pskc } });
defineBackupSuite({ test, runtime: 'node-dist-esm', lib: { root, backup } });
defineQrSuite({ test, runtime: 'node-dist-esm', lib: { root, qr } });
