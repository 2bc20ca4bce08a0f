// The house rules of src/, checked by dependency-cruiser (test/node/architecture.test.ts runs the
// check; `npm run depgraph` draws the graph into docs/depgraph.dot). ARCHITECTURE.md says why.
//
// Layers, bottom first: a module may import from its own layer or a lower one, never a higher one.
// Every module of src/ is in exactly one layer (a module in none is a violation: place it here).
/** @type {{ name: string, modules: string[], color: string }[]} */
const LAYERS = [
  {
    name: 'foundations',
    color: '#eeeeee',
    modules: [
      'errors',
      '_validate',
      '_bytes',
      '_utf8',
      '_algorithm',
      '_counter',
      'encoding',
      '_base64',
      '_crockford',
      '_bits',
      '_crc',
      '_protobuf',
      '_xml',
      '_json',
      '_label',
    ],
  },
  { name: 'hashes', color: '#f6d7c3', modules: ['_sha1', '_sha256', '_sha512', '_sha-wasm', '_hmac-sha256', '_aes'] },
  // wasm.ts: useWasmModule and wasmPath, the public face of _wasm.ts.
  { name: 'kernel', color: '#f3c1a0', modules: ['_kernel', '_wasm', '_pbkdf2', 'wasm'] },
  {
    name: 'otp',
    color: '#c9dff2',
    modules: ['_otp', '_time', '_ocra-data', 'hotp', 'totp', 'steam', 'ocra', 'ocra-suite', 'verifier'],
  },
  { name: 'model', color: '#cfeccf', modules: ['_token', 'token', 'detect', 'generate'] },
  {
    name: 'codecs and state',
    color: '#f2e6b0',
    modules: [
      'uri',
      'migration',
      'activation',
      '_activation-.*',
      'pskc',
      '_pskc-.*',
      'backup',
      'backup-plain',
      '_backup-.*',
      'qr',
      '_qr-.*',
      'state',
      '_state-.*',
      'recovery',
      '_recovery-.*',
      '_throttle',
    ],
  },
  { name: 'entries', color: '#dddddd', modules: ['index', 'cli', 'cli/.*'] },
];

/** The codecs (and state) whose underscore modules are theirs alone: `_<family>-*.ts`. */
const FAMILIES = ['activation', 'backup', 'pskc', 'qr', 'recovery', 'state'];

const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'];
// `/// <reference types="node" />` in the CLI and `import type` bring no code into a bundle.
const TYPES_ONLY = ['type-only', 'triple-slash-directive'];

const layerPath = (layer) => `^src/(${layer.modules.join('|')})\\.ts$`;
const anyLayer = LAYERS.map(layerPath);

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name.replaceAll(' ', '-')}`,
  comment: `${layer.name} imports only from its own layer or below (${
    LAYERS.slice(0, i)
      .map((l) => l.name)
      .join(', ') || 'nothing'
  })`,
  severity: 'error',
  from: { path: layerPath(layer) },
  to: { path: LAYERS.slice(i + 1).map(layerPath) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-foreign-internals',
      comment: "a codec's underscore modules (_<family>-*.ts) are imported only by that codec's own modules; others call its public functions",
      severity: 'error',
      from: { path: '^src/_?([a-z]+)' },
      to: { path: `^src/_(${FAMILIES.join('|')})-`, pathNot: '^src/_$1-' },
    },
    {
      name: 'no-node-builtins',
      comment: 'src/ runs in every runtime: Node built-ins only in the CLI',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli(\\.ts$|/)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-runtime-dependencies',
      comment: 'no runtime dependency but @noble/hashes (scrypt, Argon2id), and that only for the encrypted backups',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/_backup-crypto' },
      to: { dependencyTypes: NPM, dependencyTypesNot: TYPES_ONLY },
    },
    {
      name: 'only-noble',
      comment: 'the one runtime dependency is @noble/hashes',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: NPM, dependencyTypesNot: TYPES_ONLY, pathNot: '(^|/)node_modules/@noble/hashes/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'in-a-layer',
      comment: 'every module of src/ belongs to a layer of .dependency-cruiser.cjs (LAYERS)',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: anyLayer },
    },
    {
      name: 'in-a-layer-importer',
      comment: 'every module of src/ belongs to a layer of .dependency-cruiser.cjs (LAYERS)',
      severity: 'error',
      from: { path: '^src/', pathNot: anyLayer },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.wat$' },
    // Type-only imports count: the model's types belong to the model, not to a codec.
    tsPreCompilationDeps: true,
    reporterOptions: {
      dot: {
        collapsePattern: 'node_modules/(@[^/]+/[^/]+|[^/]+)',
        theme: {
          graph: { rankdir: 'TB', splines: 'true', label: 'oathkit src/: arrows point to what a module imports (down the layers)' },
          modules: LAYERS.map((layer) => ({
            criteria: { source: layerPath(layer) },
            attributes: { fillcolor: layer.color, style: 'filled' },
          })),
        },
      },
    },
  },
};
