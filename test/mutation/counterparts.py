#!/usr/bin/env python3
# `python3 test/mutation/counterparts.py` (from the repository root; test/MUTATION.md): a
# "Stryker disable next-line ConditionalExpression" hides both replacements of a condition, `true` and
# `false`, and only one of them is the equivalent mutant. This applies the other one, one at a time,
# and checks that the quick tests fail (KILLED); the file is restored after each.
import os, signal, subprocess, sys, shutil, tempfile
import handlock
# The three paths of src/_wasm.ts, each compared with noble (wasm.test.ts's quick tests).
WASM = ['test/node/wasm.test.ts', '-t', 'Node has SIMD|SIMD is detected once|without SIMD|without WebAssembly']
KERNEL = ['test/node/kernel.test.ts', '-t', 'displace|every key length|a run of the most|simdHmacs']
CASES = [
 ('src/_algorithm.ts', 'value.length <= 7', 'false'),
 ('src/_counter.ts', "typeof counter === 'number' &&", "false &&"),
 ('src/_validate.ts', "if (value === null || typeof value !== 'object') return undefined;", "if (true) return undefined;"),
 ('src/_validate.ts', "typeof ms !== 'number' ||", "true ||"),
 ('src/generate.ts', "if (t.counter !== undefined) input.counter = t.counter;", "if (false) input.counter = t.counter;"),
 ('src/generate.ts', "if (o[name] !== undefined) input[name] = o[name];", "if (false) input[name] = o[name];"),
 ('src/hotp.ts', "wanted < 0 ? 0 : opts.window + 1", "true ? 0 : opts.window + 1"),
 ('src/hotp.ts', "first < 0 || second < 0 ? 0 : window + 2", "true ? 0 : window + 2"),
 ('src/hotp.ts', "      i <= window && code === first;", "      false && code === first;"),
 ('src/state.ts', "      high < 0\n", "      true\n"),
 ('src/_state-format.ts', "    value.length <= 20 &&\n", "    false &&\n"),
 ('src/steam.ts', "if (wanted < 0) return null;", "if (true) return null;"),
 ('src/totp.ts', "if (wanted < 0) return null;", "if (true) return null;"),
 ('src/_state-format.ts', "  if (typeof value !== 'number' || !Number.isInteger(value)", "  if (true || !Number.isInteger(value)"),
 ('src/_otp.ts', "if (typeof value === 'number' && Number.isInteger", "if (false && Number.isInteger"),
 ('src/ocra.ts', "return value < 0 ? null : value;", "return true ? null : value;", ['test/node/ocra.edges.test.ts']),
 ('src/_label.ts', "    back.account !== account ||\n", "    false ||\n", ['test/node/token.test.ts']),
 # decodeText: always the fallback is equivalent; never the fallback breaks a runtime without TextDecoder.
 ('src/_utf8.ts', "if (Decoder === undefined) {\n    const text", "if (false) {\n    const text", ['test/node/codecs.properties.test.ts', '-t', 'UTF-8']),
 # EqualityOperator marks hide both sides too: `>` / `<=` are the equivalent ones, `<` / `>=` break the codecs and random bytes.
 ('src/_bytes.ts', "while (held >= bits)", "while (held < bits)", ['test/node/encoding.edges.test.ts']),
 ('src/_bytes.ts', "for (let i = 0; i < n; i += 65_536)", "for (let i = 0; i >= n; i += 65_536)", ['test/node/encoding.edges.test.ts']),
 # export's lines(): true is equivalent (QR codes only for google and uris, whose files are text); false draws no code.
 ('src/cli/tokens.ts', "(typeof file === 'string' ? file.split", "(false ? file.split", ['test/node/cli.tokens.edges.test.ts']),
 # The kernel's cost choices (src/_kernel.ts): the other side of each breaks a path, seen by the
 # kernel tests that compare every path with noble.
 ('src/_kernel.ts', "if (digestWords === stateWords) return;", "if (true) return;", KERNEL),
 ('src/_kernel.ts', "if ((n & 3) !== 0) {", "if (false) {", KERNEL),
 ('src/_kernel.ts', "(j < n ? bytes[j]! : 0)", "(false ? bytes[j]! : 0)", KERNEL),
 ('src/_kernel.ts', "if (owner !== id) load();\n    if ((count & 3) === 1", "if (false) load();\n    if ((count & 3) === 1", KERNEL),
 ('src/_kernel.ts', "if (owner !== id) load();\n    // Stryker disable next-line EqualityOperator", "if (false) load();\n    // Stryker disable next-line EqualityOperator", KERNEL),
 ('src/_kernel.ts', "if ((count & 3) !== 1 || single == null) {", "if (false) {", KERNEL),
 ('src/_kernel.ts', "if ((count & 3) !== 1 || single == null) {", "if ((count & 3) !== 1 || false) {", KERNEL),
 ('src/_kernel.ts', "if (count > 1) scan(", "if (false) scan(", KERNEL),
 ('src/_kernel.ts', "if (!singleReady) {", "if (false) {", KERNEL),
 ('src/_kernel.ts', "const whole = algorithm === 'SHA1' ?", "const whole = true ?", KERNEL),
 ('src/_kernel.ts', "if (!keep || !ready) {", "if (false) {", KERNEL),
 ('src/_kernel.ts', "whole !== null\n      ? whole.run", "true\n      ? whole.run", KERNEL),
 # decodeMobilePass's loop over the 4 groups: `<=` (an empty fifth group passes its check) is the equivalent side.
 ('src/activation.ts', "for (let g = 0; g < 4; g++) {\n    const group", "for (let g = 0; g >= 4; g++) {\n    const group", ['test/node/activation.edges.test.ts']),
 # Recovery sets: parseThrottle's typeof (as _state-format's); canonicalCode's length and symbol checks only
 # spare the HMAC of a text that matches nothing, but refusing every text refuses every code; at v = n the
 # OTP odds' formula gives 1 too, but returning 1 below n is wrong.
 ('src/_throttle.ts', "    if (typeof value !== 'number' || !Number.isInteger(value) || value < min", "    if (true || !Number.isInteger(value) || value < min", ['test/node/recovery.edges.test.ts']),
 ('src/recovery.ts', "if (v < 0 || out.length === symbols) return null;", "if (true) return null;", ['test/node/recovery.properties.test.ts']),
 ('src/recovery.ts', "return out.length === symbols ? out : null;", "return false ? out : null;", ['test/node/recovery.properties.test.ts']),
 ('src/recovery.ts', "if (v >= n) return 1;", "if (v < n) return 1;", ['test/node/recovery.odds.test.ts']),
 # Crockford's table: one more pass (v = 32) writes only the space's entry; none reads no symbol at all.
 ('src/_crockford.ts', "for (let v = 0; v < 32; v++) {", "for (let v = 0; v >= 32; v++) {", ['test/node/crockford.edges.test.ts']),
 # matchIndex: one more byte compares undefined with undefined; none makes every hash match.
 ('src/_recovery-format.ts', "for (let j = 0; j < 32; j++) diff", "for (let j = 0; j >= 32; j++) diff", ['test/node/crockford.edges.test.ts']),
 # xmlTrim (_pskc-read.ts): past the text's end charCodeAt is NaN, so the guards' true and `<=`/`>=` sides are equivalent; no trimming is not.
 ('src/_pskc-read.ts', "while (start < end && isXmlSpace(s.charCodeAt(start))) start++;", "while (false) start++;", ['test/node/pskc.container.edges.test.ts']),
 ('src/_pskc-read.ts', "while (start < end && isXmlSpace(", "while (start >= end && isXmlSpace(", ['test/node/pskc.container.edges.test.ts']),
 ('src/_pskc-read.ts', "while (end > start && isXmlSpace(s.charCodeAt(end - 1))) end--;", "while (false) end--;", ['test/node/pskc.container.edges.test.ts']),
 ('src/_pskc-read.ts', "while (end > start && isXmlSpace(", "while (end <= start && isXmlSpace(", ['test/node/pskc.container.edges.test.ts']),
 # pbkdf2Async's subtle check: true is equivalent (subtle.importKey's TypeError is caught, the fallback runs); false never uses WebCrypto.
 ('src/_pbkdf2.ts', "    subtle !== undefined &&\n", "    false &&\n", ['test/node/pbkdf2.edges.test.ts']),
 # pbkdf2's XOR of U_j into T: one more byte writes past t's end; none leaves T = U_1.
 ('src/_pbkdf2.ts', "for (let k = 0; k < hLen; k++)", "for (let k = 0; k >= hLen; k++)", ['test/node/pbkdf2.edges.test.ts']),
 # The SHA message schedules: one round more writes past w's end (dropped); none leaves W[16…] unset.
 ('src/_sha1.ts', "for (let t = 16; t < 80; t++)", "for (let t = 16; t >= 80; t++)", KERNEL),
 ('src/_sha256.ts', "for (let t = 16; t < 64; t++)", "for (let t = 16; t >= 64; t++)", KERNEL),
 ('src/_sha512.ts', "for (let i = 32; i < 160; i += 2)", "for (let i = 32; i >= 160; i += 2)", KERNEL),
 # The CLI's one parser (src/cli/_args.ts): a map of no short options, and text() never a string.
 ('src/cli/_args.ts', "(o.short === undefined ? [] :", "(true ? [] :", ['test/node/cli.args.edges.test.ts', 'test/node/cli.commands.test.ts']),
 ('src/cli/_args.ts', "return typeof v === 'string' ? v : undefined;", "return false ? v : undefined;", ['test/node/cli.args.edges.test.ts']),
 # A Regex mark, not a condition, but it hides more than V8's equivalent cuts: a cut that leaves less
 # than the millisecond, or one that eats the time zone after it.
 ('src/cli/_args.ts', "v.replace(/(:\\d{2}\\.\\d{3})\\d+/, '$1')", "v.replace(/(:\\d{2}\\.\\d)\\d+/, '$1')", ['test/node/cli.args.edges.test.ts']),
 ('src/cli/_args.ts', "v.replace(/(:\\d{2}\\.\\d{3})\\d+/, '$1')", "v.replace(/(:\\d{2}\\.\\d{3})\\D+/, '$1')", ['test/node/cli.args.edges.test.ts']),
 # windowCodes (src/cli/_command.ts): `>=` at now − t0 = 2^53-1 never differs (a step's start less t0 is whole seconds); `<=` leaves out every step.
 ('src/cli/_command.ts', "if (start - BigInt(t0) * 1000n > BigInt(Number.MAX_SAFE_INTEGER)) continue;", "if (start - BigInt(t0) * 1000n <= BigInt(Number.MAX_SAFE_INTEGER)) continue;", ['test/node/cli.command.edges.test.ts']),
 # The CLI's text (src/cli/_text.ts): `<= 0x100` escapes the same characters, `>=` writes \\x as \\u;
 # one more pass of depthOf reads NaN, none counts no nesting; the OtpError guard: rethrowing every
 # error would drop the line's name.
 ('src/cli/_text.ts', "(c.charCodeAt(0) < 0x100 ?", "(c.charCodeAt(0) >= 0x100 ?", ['test/node/cli.text.edges.test.ts']),
 ('src/cli/_text.ts', "for (let i = 0; i < line.length; i++) {", "for (let i = 0; i >= line.length; i++) {", ['test/node/cli.text.edges.test.ts']),
 ('src/cli/_text.ts', "if (!(e instanceof OtpError)) throw e;", "if (true) throw e;", ['test/node/cli.text.edges.test.ts']),
 # The activation string's OCRA suite: always rethrowing lets parseOcraSuite's INVALID_OCRA_SUITE out instead of INVALID_ACTIVATION.
 ('src/_activation-suite.ts', "if (!(e instanceof OtpError)) throw e;", "if (true) throw e;", ['test/node/activation-body.edges.test.ts']),
 # src/_wasm.ts: the WebAssembly checks inside a try (true refuses every platform), re-instantiating a
 # provided module (false never instantiates it, so one that cannot run is not refused), the
 # JavaScript fallbacks of the compressions (false breaks the JavaScript path), and the loops whose one
 # pass more writes unread or later-written memory (none leaves the words unwritten).
 ('src/_wasm.ts', "  if (wasm === undefined) return false;\n  let names", "  if (true) return false;\n  let names", ['test/node/wasm-module.edges.test.ts']),
 ('src/_wasm.ts', "    // Stryker disable next-line ConditionalExpression: without WebAssembly, instantiate's wasm.Instance throws a TypeError (caught below: null all the same)\n    if (wasm === undefined) return null;\n    const exports = instantiate(", '    if (true) return null;\n    const exports = instantiate(', ['test/node/wasm.test.ts', '-t', 'Node has SIMD|SIMD is detected once|without SIMD|without WebAssembly']),
 ('src/_wasm.ts', "    // Stryker disable next-line ConditionalExpression: without WebAssembly, wasm.validate throws a TypeError (caught below: null all the same)\n    if (wasm === undefined) return null;", '    if (true) return null;', ['test/node/wasm.test.ts', '-t', 'Node has SIMD|SIMD is detected once|without SIMD|without WebAssembly']),
 ('src/_wasm.ts', "if (!scalar) scalar = loadScalar();", "if (false) scalar = loadScalar();", ['test/node/wasm-module.edges.test.ts']),
 ('src/_wasm.ts', "if (!simd) simd = loadSimd();", "if (false) simd = loadSimd();", ['test/node/wasm-module.edges.test.ts']),
 ('src/_wasm.ts', "if (x === null) return fallback(state, w, out, o);", "if (false) return fallback(state, w, out, o);", WASM),
 ('src/_wasm.ts', "if (x === null) return sha512Compress(state, w, out, o);", "if (false) return sha512Compress(state, w, out, o);", WASM),
 ('src/_wasm.ts', "return x === null ? null : x.otp;", "return false ? null : x.otp;", WASM),
 ('src/_wasm.ts', "for (let i = 0; i < bytes.length; i++)", "for (let i = 0; i >= bytes.length; i++)", WASM),
 ('src/_wasm.ts', "for (let i = 0; i < 160; i += 2) {", "for (let i = 0; i >= 160; i += 2) {", WASM),
 ('src/_wasm.ts', "for (let j = 0; j < 5; j++) {", "for (let j = 0; j >= 5; j++) {", WASM),
 # The backups' guards around codecs that throw OtpError only: true rethrows every refusal, false lets it through unnamed.
 ('src/_backup-uris.ts', "if (!(e instanceof OtpError)) throw e;\n        out.skipped.push({ index: index++", "if (true) throw e;\n        out.skipped.push({ index: index++", ['test/node/backup.edges.test.ts']),
 ('src/_backup-uris.ts', "if (!(e instanceof OtpError)) throw e;\n        out.skipped.push({ index, reason", "if (true) throw e;\n        out.skipped.push({ index, reason", ['test/node/backup.edges.test.ts']),
 ('src/_backup-uris.ts', "if (e instanceof OtpError) throw new OtpError(e.code, `${tokenName(t, i)}", "if (false) throw new OtpError(e.code, `${tokenName(t, i)}", ['test/node/backup.edges.test.ts']),
 ('src/backup-plain.ts', "if (e instanceof OtpError) invalid(format, e.message);", "if (false) invalid(format, e.message);", ['test/node/backup.edges.test.ts']),
 # src/_backup-common.ts: groupsExtra's cap (`>=` is the equivalent side: at the cap the JSON is longer still;
 # `<=` leaves every group out) and groupNames' fast path (false is equivalent; true loses every group).
 ('src/_backup-common.ts', "unique.length === 0 || length > MAX_EXTRA_TEXT ?", "unique.length === 0 || length <= MAX_EXTRA_TEXT ?", ['test/node/backup-common.edges.test.ts']),
 ('src/_backup-common.ts', "if (text === undefined) return [];", "if (true) return [];", ['test/node/backup-common.edges.test.ts']),
 ('src/_wasm.ts', "for (let j = 0; j < iv.length; j++)", "for (let j = 0; j >= iv.length; j++)", WASM),
 ('src/_wasm.ts', "for (let j = 0; j < 8; j++) {", "for (let j = 0; j >= 8; j++) {", WASM),
 ('src/_wasm.ts', "for (let i = 0; i < stateWords; i++) m[STATE", "for (let i = 0; i >= stateWords; i++) m[STATE", WASM),
 ('src/_wasm.ts', "for (let i = 0; i < 16; i++) m[BLOCK", "for (let i = 0; i >= 16; i++) m[BLOCK", WASM),
 ('src/_wasm.ts', "for (let i = 0; i < 16; i += 2) {\n    m[STATE", "for (let i = 0; i >= 16; i += 2) {\n    m[STATE", WASM),
 ('src/_wasm.ts', "for (let i = 0; i < 32; i += 2) {", "for (let i = 0; i >= 32; i += 2) {", WASM),
 # FreeOTP+'s secret bytes: typeof only narrows (false is equivalent), true refuses every byte. Proton's
 # skipped-entry name: true and || only trade the guard for collect's catch; false names no entry.
 ('src/_backup-freeotp.ts', "      typeof b !== 'number' ||\n      b < -128", "      true ||\n      b < -128", ['test/node/backup-freeotp.edges.test.ts']),
 ('src/_backup-proton.ts', "(entry) => (isJsonObject(entry) && isJsonObject(entry.content) ? displayName", "(entry) => (false ? displayName", ['test/node/backup-proton.edges.test.ts']),
 # detectFormat (src/detect.ts): pskcRoot's unclosed declaration or comment (true returns false whenever
 # there is one); jsonPaths' string and bare-word scans (`>=` scans neither, `text[j - 1]` looks one
 # character behind) and the path of a value in a container passed over (true makes every path the root's).
 ('src/detect.ts', "if (end === -1) return false;", "if (true) return false;", ['test/node/detect.scan.edges.test.ts']),
 ('src/detect.ts', "for (j++; j < end && text[j] !== '\"'; j++)", "for (j++; j >= end && text[j] !== '\"'; j++)", ['test/node/detect.scan.edges.test.ts']),
 ('src/detect.ts', "while (j + 1 < end && !/[\\s,\\]}]/.test(text[j + 1]!)) j++;", "while (j + 1 >= end && !/[\\s,\\]}]/.test(text[j + 1]!)) j++;", ['test/node/detect.scan.edges.test.ts']),
 ('src/detect.ts', "while (j + 1 < end && !/[\\s,\\]}]/.test(text[j + 1]!)) j++;", "while (j + 1 < end && !/[\\s,\\]}]/.test(text[j - 1]!)) j++;", ['test/node/detect.scan.edges.test.ts']),
 ('src/detect.ts', "const path = deeper > 0 ? '' : memberPath(top, name, open.length === 1);", "const path = true ? '' : memberPath(top, name, open.length === 1);", ['test/node/detect.scan.edges.test.ts']),
 # parseJson (src/_json.ts): past the text's end charCodeAt is NaN, so `<=` in ws() and `>` for the
 # unclosed string are equivalent; ws() skipping nothing, or every string refused as unclosed, is not.
 ('src/_json.ts', "    while (i < n) {", "    while (i >= n) {", ['test/node/json.edges.test.ts']),
 ('src/_json.ts', "if (i >= n) fail('a string is not closed'", "if (i < n) fail('a string is not closed'", ['test/node/json.edges.test.ts']),
 # 2FAS (src/_backup-2fas.ts): schemaVersion's typeof (Number.isInteger refuses every non-number; true
 # refuses every file), and the written icon's absence (parseJson(undefined) throws, caught; true drops every icon).
 ('src/_backup-2fas.ts', "    typeof version !== 'number' ||\n", "    true ||\n", ['test/node/backup-2fas.edges.test.ts']),
 ('src/_backup-2fas.ts', "iconJson = icon === undefined ? undefined", "iconJson = true ? undefined", ['test/node/backup-2fas.edges.test.ts']),
 # pskc.ts: sameBytes's loop past the end reads undefined ^ undefined (0), so `<=` is equivalent; a loop
 # that never runs (`>=`) accepts every MAC of the right length. openValue's no-<MACMethod> guard is
 # unreachable (decryptPskc has macOf throw first; the MAC key has no ValueMAC); throwing always is not.
 ('src/pskc.ts', "for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;", "for (let i = 0; i >= a.length; i++) diff |= a[i]! ^ b[i]!;", ['test/node/pskc.edges.test.ts']),
 ('src/pskc.ts', "if (mac === undefined) throw new OtpError('INVALID_PSKC'", "if (true) throw new OtpError('INVALID_PSKC'", ['test/node/pskc.edges.test.ts']),
 # src/_xml.ts: an element's attributes (a fresh empty list is equivalent; the shared frozen one for every
 # element refuses every attribute), and line ends in text (always normalizing an attribute's value, which
 # has no CR left, is equivalent; never normalizing leaves text's lone CR).
 ('src/_xml.ts', "const attrs = nRaw === declared.length ? NONE", "const attrs = true ? NONE", ['test/node/xml.wellformed.edges.test.ts']),
 ('src/_xml.ts', "if (!attribute) s = normalizeNewlines(s);", "if (false) s = normalizeNewlines(s);", ['test/node/xml.wellformed.edges.test.ts']),
 # _xml.ts (lines 1-269): an end tag's trailing blanks (the '/' at i + 1 stops the loop, so true, `>=` and
 # i - 2 are equivalent; a loop that never runs refuses `</r >`), and the raw attribute length bound (a cost
 # bound only; true or `<` refuses ordinary values).
 ('src/_xml.ts', "while (nameEnd > i + 2 && isXmlSpace", "while (false && isXmlSpace", ['test/node/xml.edges.test.ts']),
 ('src/_xml.ts', "while (nameEnd > i + 2 && isXmlSpace", "while (nameEnd < i + 2 && isXmlSpace", ['test/node/xml.edges.test.ts']),
 ('src/_xml.ts', "if (close - e - 1 > limits.maxAttributeLength * 12)", "if (true)", ['test/node/xml.edges.test.ts']),
 ('src/_xml.ts', "if (close - e - 1 > limits.maxAttributeLength * 12)", "if (close - e - 1 < limits.maxAttributeLength * 12)", ['test/node/xml.edges.test.ts']),
 # src/_backup-cipher.ts: hexBytes's loop (`<=` writes NaN past the typed array's end, dropped) and
 # topMembers's (`<=` is one pass past the closing brace's break, at NaN); `>=` runs neither loop.
 ('src/_backup-cipher.ts', "for (let i = 0; i < out.length; i++) out[i]", "for (let i = 0; i >= out.length; i++) out[i]", ['test/node/backup-cipher.edges.test.ts']),
 ('src/_backup-cipher.ts', "while (i < text.length) {", "while (i >= text.length) {", ['test/node/backup-cipher.edges.test.ts']),
 # src/_backup-crypto-common.ts: JSON.parse refuses undefined too, so parsing a text that is not UTF-8 is
 # equivalent; never parsing refuses every Aegis and 2FAS file, and every decrypted payload.
 ('src/_backup-crypto-common.ts', "const parsed = text === undefined ? undefined : parseJsonText(text);\n  if (parsed === undefined || !isRecord", "const parsed = true ? undefined : parseJsonText(text);\n  if (parsed === undefined || !isRecord", ['test/node/backup-crypto-common.edges.test.ts']),
 ('src/_backup-crypto-common.ts', "const parsed = text === undefined ? undefined : parseJsonText(text);\n  if (parsed === undefined) return undefined;", "const parsed = true ? undefined : parseJsonText(text);\n  if (parsed === undefined) return undefined;", ['test/node/backup-crypto-common.edges.test.ts']),
 # src/_qr-mask.ts: the masks' ArithmeticOperator marks hide every arithmetic mutant of their lines,
 # and only + to - keeps the parity; the penalty loop's EqualityOperator mark hides `>=` too.
 ('src/_qr-mask.ts', '(i, j) => (i + j) % 2,', '(i, j) => (i + j) * 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '((i >> 1) + ((j / 3) | 0)) % 2', '((i >> 1) + ((j * 3) | 0)) % 2', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '((i >> 1) + ((j / 3) | 0)) % 2', '((i >> 1) + ((j / 3) | 0)) * 2', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i / j) % 2) + ((i * j) % 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i * j) * 2) + ((i * j) % 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i * j) % 2) + ((i / j) % 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i * j) % 2) + ((i * j) * 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i * j) % 2) + ((i * j) % 3)) * 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i + j) * 2) + ((i * j) % 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i + j) % 2) + ((i / j) % 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i + j) % 2) + ((i * j) * 3)) % 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', '(i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2,', '(i, j) => (((i + j) % 2) + ((i * j) % 3)) * 2,', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 ('src/_qr-mask.ts', 'r < last - 2; r += 2', 'r >= last - 2; r += 2', ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4|mask penalty']),
 # src/_qr-rs.ts: a write past a typed array's end is dropped (`<=`); `>=` runs neither loop.
 ('src/_qr-rs.ts', "for (let j = 0; j < degree; j++) g[j]", "for (let j = 0; j >= degree; j++) g[j]", ['test/node/qr.cross.test.ts', '-t', 'arithmetic']),
 ('src/_qr-rs.ts', "for (let j = 0; j < degree; j++) r[j]", "for (let j = 0; j >= degree; j++) r[j]", ['test/node/qr.cross.test.ts', '-t', 'arithmetic']),
 # src/_qr-symbol.ts: one more pass of the timing, format and interleaving loops changes nothing (`<=`);
 # `>=` runs none of them. The alignment line's ArithmeticOperator mark hides its every arithmetic mutant:
 # only i - j keeps which are skipped; the others draw alignment patterns over the finders.
 ('src/_qr-symbol.ts', "for (let i = 0; i < size; i++) {\n    set(6, i", "for (let i = 0; i >= size; i++) {\n    set(6, i", ['test/node/qr-symbol.edges.test.ts', '-t', 'finders']),
 ('src/_qr-symbol.ts', "for (let i = 0; i < 15; i++) {", "for (let i = 0; i >= 15; i++) {", ['test/node/qr.properties.test.ts', '-t', 'structure']),
 ('src/_qr-symbol.ts', "for (let i = 0; i < shortData + ecc; i++)", "for (let i = 0; i >= shortData + ecc; i++)", ['test/node/qr.cross.test.ts', '-t', 'part 1 of 4']),
 ('src/_qr-symbol.ts', "if (i * j || (i + j) % (a - 1)) pattern", "if (i / j || (i + j) % (a - 1)) pattern", ['test/node/qr-symbol.edges.test.ts', '-t', 'finders']),
 ('src/_qr-symbol.ts', "if (i * j || (i + j) % (a - 1)) pattern", "if (i * j || (i + j) * (a - 1)) pattern", ['test/node/qr-symbol.edges.test.ts', '-t', 'finders']),
 ('src/_qr-symbol.ts', "if (i * j || (i + j) % (a - 1)) pattern", "if (i * j || (i + j) % (a + 1)) pattern", ['test/node/qr-symbol.edges.test.ts', '-t', 'finders']),
 # src/_qr-segments.ts: a pad byte past the array's end is dropped (`<=`); `>=` pads nothing.
 ('src/_qr-segments.ts', "i < capacity; i++, pad", "i >= capacity; i++, pad", ['test/node/qr-symbol.edges.test.ts', '-t', 'pad bytes']),
 # src/qr.ts: boost's `level < 3` (true and `<=` ask dataCapacity for a fifth level, NaN: no raise);
 # false and `>=` never raise. The drawing loops: one more row or column (`<=`) is past the square,
 # where no module is dark; `>=` draws nothing.
 ('src/qr.ts', "while (boost && level < 3 && bits", "while (boost && false && bits", ['test/node/qr.edges.test.ts']),
 ('src/qr.ts', "while (boost && level < 3 && bits", "while (boost && level >= 3 && bits", ['test/node/qr.edges.test.ts']),
 ('src/qr.ts', "for (let y = 0; y < w; y++) {", "for (let y = 0; y >= w; y++) {", ['test/node/qr.edges.test.ts']),
 ('src/qr.ts', "for (let x = 0; x < w; x++) {", "for (let x = 0; x >= w; x++) {", ['test/node/qr.edges.test.ts']),
 ('src/qr.ts', "for (let y = 0; y < w; y += 2) {", "for (let y = 0; y >= w; y += 2) {", ['test/node/qr.edges.test.ts']),
]
TESTS = ['test/node/suite.test.ts', 'test/node/otp.edges.test.ts', 'test/node/api.edges.test.ts', 'test/node/state.edges.test.ts', 'test/node/token.test.ts', 'test/node/hotp.scan.edges.test.ts']
handlock.take()
survived = 0
backup = tempfile.mkstemp(suffix='.ts')[1]
# `python3 test/mutation/counterparts.py _kernel`: only the cases whose file names contain the argument.
ONLY = sys.argv[1] if len(sys.argv) > 1 else ''
for path, old, new, *tests in CASES:
    if ONLY not in path:
        continue
    src = open(path).read()
    if src.count(old) != 1:
        print(path, repr(old), 'NOT FOUND: the source changed, update this case', flush=True)
        survived += 1
        continue
    shutil.copy(path, backup)
    try:
        open(path, 'w').write(src.replace(old, new))
        # A mutant that loops forever (Stryker counts it a timeout, detected) is stopped after two
        # minutes with its whole process group: a synchronous loop outlives Vitest's own timeouts.
        p = subprocess.Popen(['npx', 'vitest', 'run', '--project', 'node', *(tests[0] if tests else TESTS)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        try:
            out, code = p.communicate(timeout=120)[0], p.returncode
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            out, code = 'Tests: timed out after 120 s', 124
        fails = [l for l in out.splitlines() if 'Tests' in l]
        print(path, repr(new), 'KILLED' if code != 0 else 'SURVIVED', fails[-1] if fails else '', flush=True)
        survived += code == 0
    finally:
        shutil.copy(backup, path)
sys.exit(1 if survived else 0)
