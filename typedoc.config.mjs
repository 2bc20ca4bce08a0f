// The API reference (`npm run docs`): TypeDoc over every public entry point, read from subpaths.json
// (the one list of subpaths: `index` is the package root, every other `oathkit/<name>` is built from
// src/<name>.ts), so that a new subpath is documented without a second list. Warnings are errors,
// and every export must have documentation: `npm test` builds it (into a temporary folder) and is
// red on any warning. The output, docs/api/, is git-ignored: it is generated, never committed.
import { readFileSync } from 'node:fs';

const { subpaths } = JSON.parse(readFileSync(new URL('./subpaths.json', import.meta.url), 'utf8'));
const entryPoints = subpaths.map(({ name }) => `src/${name}.ts`);

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'oathkit',
  entryPoints,
  tsconfig: 'tsconfig.json',
  out: 'docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
  // Types the public ones are built from, documented where they are used (their names show, and
  // each is a plain union or a field list spelt out in the referring type's documentation).
  intentionallyNotExported: ['PlainBackupFormat', 'EncryptedBackupName', 'OcraAlgorithm', 'Bound'],
  requiredToBeDocumented: ['Enum', 'EnumMember', 'Variable', 'Function', 'Class', 'Interface', 'Property', 'Method', 'Accessor', 'TypeAlias'],
  gitRevision: 'main',
  sourceLinkTemplate: undefined,
  disableSources: true,
  hideGenerator: true,
};
