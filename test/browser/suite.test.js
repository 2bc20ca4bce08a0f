// The shared suite (test/suite/all.js) in headless Chromium (Vitest browser mode), on the built ESM
// files that a browser bundle would take.
import { test } from 'vitest';
import { defineAll, loadLib } from '../suite/all.js';

test('runs in a browser, not in Node', () => {
  if (typeof navigator === 'undefined' || !/Chrome/.test(navigator.userAgent) || (typeof process !== 'undefined' && process.versions?.node)) {
    throw new Error(`not Chromium: ${typeof navigator === 'undefined' ? 'no navigator' : navigator.userAgent}`);
  }
});

defineAll({ test, runtime: 'chromium', lib: await loadLib((s) => import(`../../dist/${s.name}.js`)) });
