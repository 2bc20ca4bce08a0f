import { bundleSuite } from '../runtimes/bundle.mjs';
import { writeFileSync } from 'node:fs';
const code = await bundleSuite({ format: 'iife', glue: "runSuite({ runtime: 'probe', lib, print: (l) => console.log(l) });" });
writeFileSync('/tmp/rt/suite.iife.js', code);
console.log(code.length);
