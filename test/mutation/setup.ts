// Under Stryker only (test/mutation/vitest.config.ts): these tests are skipped. Each asserts no more
// than "a result or an OtpError" over random input (fuzzing), a time ratio, or a detection rate
// measured over many trials. None pins a value a mutant could change that the other tests leave
// unpinned, and together they cost more than the rest of the suite; a timing failure under
// Stryker's instrumentation would be no evidence against a mutant either. npm test runs them all.
import { beforeEach } from 'vitest';

const SKIPPED = [
  /^fuzz /, // fuzz.test.ts, recovery.fuzz.test.ts: 100,000 inputs, a result or an OtpError
  /^verifiers never throw on any string token/,
  /^every parser answers random strings with a result or an OtpError/,
  /^the protobuf reader answers random and mutated payloads/,
  /^base32\/hex decoders throw only OtpError/,
  /^decryptPskc of mutated encrypted containers/,
  /^random text gives a Token or an OtpError, nothing else/,
  /^ocra\/verifyOcra throw only OtpError/,
  /^reading is linear in the number of keys/, // a time ratio
  /^exhaustive: every substitution and every neighbour swap/, // the suite's substitution vectors stay
  /^measured: /, // detection rates of the activation check over random trials
];

beforeEach((context) => {
  if (SKIPPED.some((re) => re.test(context.task.name))) context.skip();
});
