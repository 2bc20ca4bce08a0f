import { build } from 'esbuild';
const concerns = {
  ocra: ['INVALID_OCRA_SUITE'], ocrainput: ['INVALID_OCRA_INPUT'],
  uri: ['INVALID_URI'],
  migration: ['INVALID_MIGRATION'],
  activation: ['ACTIVATION_CHECKSUM'],
  mobilepass: ['MobilePASS'],
  state: ['INVALID_STATE'],
  recovery: ['INVALID_RECOVERY_SET'],
  steam: ['23456789BCDFGHJKMNPQRTVWXY'],
  pskc: ['INVALID_PSKC'],
  webcrypto: ['unwrapKey'],
  wasm: ['0061736d'],
  counter: ['INVALID_COUNTER'],
  token: ['INVALID_TOKEN'],
};
for (const e of ['index','hotp','totp','ocra','encoding','uri','activation','state','recovery','pskc']) {
  const r = await build({ stdin: { contents: `export * from './dist/${e}.js';`, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  const code = r.outputFiles[0].text;
  const row = Object.entries(concerns).map(([c, ws]) => { const hits = ws.filter((w) => code.includes(w)); return hits.length === ws.length ? c : hits.length ? `${c}(partial:${hits})` : null; }).filter(Boolean);
  console.log(e.padEnd(11), row.join(' '));
}
