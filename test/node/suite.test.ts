// The shared suite (test/suite/all.js) on the TypeScript sources, in Node under Vitest.
import { test } from 'vitest';
import { defineAll, loadLib } from '../suite/all.js';

defineAll({ test, runtime: 'node-src', lib: await loadLib((s) => import(`../../src/${s.name}.ts`)) });
