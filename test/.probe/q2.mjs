import { getQuickJS } from 'quickjs-emscripten';
import { bundleSuite } from '../runtimes/bundle.mjs';
import { PRELUDE } from '../runtimes/quickjs.mjs';
const code = await bundleSuite({ format: 'iife', glue: 'print("hi")', prelude: PRELUDE });
const QuickJS = await getQuickJS();
const vm = QuickJS.newContext();
const r = vm.evalCode(code, 'suite.js');
if (r.error) { const e = r.error; console.log(vm.getString(vm.getProp(e,'message')), vm.getString(vm.getProp(e,'stack'))); }
