// Written by scripts/subpaths.mjs from subpaths.json: do not edit.
/** Every public subpath's module, by name, as each runtime's shim loads it (test/suite/all.js). */
export interface Lib {
  root: typeof import('../../src/index.ts');
  hotp: typeof import('../../src/hotp.ts');
  totp: typeof import('../../src/totp.ts');
  ocra: typeof import('../../src/ocra.ts');
  encoding: typeof import('../../src/encoding.ts');
  uri: typeof import('../../src/uri.ts');
  activation: typeof import('../../src/activation.ts');
  state: typeof import('../../src/state.ts');
  recovery: typeof import('../../src/recovery.ts');
  pskc: typeof import('../../src/pskc.ts');
  backup: typeof import('../../src/backup.ts');
  qr: typeof import('../../src/qr.ts');
}
