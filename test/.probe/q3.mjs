import { getQuickJS } from 'quickjs-emscripten';
const QuickJS = await getQuickJS();
const vm = QuickJS.newContext();
for (const src of ['String(BigInt.asUintN(64, BigInt(-1320898453)))', 'String(BigInt.asUintN(64, -5n))', 'String(BigInt.asUintN(64, -5n) >= 0x80n)', 'String(BigInt.asUintN(64, 5n))','String(BigInt.asUintN(32, -5n))','String(BigInt.asUintN(63, -5n))', 'String(BigInt.asIntN(64, 2n**64n-5n))', 'String((2n**64n - 5n) >= 128n)']) {
  const r = vm.evalCode(src); console.log(src, '=>', r.error ? vm.dump(r.error) : vm.dump(r.value));
}
