import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          // The differential, fuzz and exhaustive tests run millions of cases beside each other on
          // a 2-core machine: a minute each, rather than Vitest's 5 s, so load never fails them.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'chromium',
          include: ['test/browser/**/*.test.js'],
          // The encrypted-backup vectors derive keys with the apps' own parameters (Argon2id with
          // 64 MiB takes seconds in JavaScript): two minutes a test, as the other runtimes get.
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromium, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
