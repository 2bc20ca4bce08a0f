;; SHA-512 compression (FIPS 180-4 §6.4.2) in WebAssembly, for the HMAC kernel of
;; src/_kernel.ts: JavaScript has no fast 64-bit integers, WebAssembly does. The module owns one
;; page of memory: K (80 words) at 0, the schedule W (80 words) at 640; the caller (src/_sha512.ts)
;; places the state, the block and the output as it likes above 1280. 64-bit words are little-endian
;; in memory (WebAssembly's order); the JavaScript side swaps the 32-bit halves when it copies.
;; Built by scripts/build-wasm.mjs into src/_sha512-wasm.ts (CI checks the two agree).
(module
  (memory (export "memory") 1)
  (func (export "compress") (param $s i32) (param $b i32) (param $o i32)
    (local $t i32)
    (local $a i64) (local $bb i64) (local $c i64) (local $d i64)
    (local $e i64) (local $f i64) (local $g i64) (local $h i64)
    (local $t1 i64) (local $t2 i64) (local $x i64) (local $y i64)
    ;; W[0..15] = the block
    (loop $copy
      (i64.store offset=640 (local.get $t) (i64.load (i32.add (local.get $b) (local.get $t))))
      (local.set $t (i32.add (local.get $t) (i32.const 8)))
      (br_if $copy (i32.lt_u (local.get $t) (i32.const 128))))
    ;; W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for t = 16 … 79
    (loop $schedule
      (local.set $x (i64.load offset=640 (i32.sub (local.get $t) (i32.const 120))))
      (local.set $y (i64.load offset=640 (i32.sub (local.get $t) (i32.const 16))))
      (i64.store offset=640 (local.get $t)
        (i64.add
          (i64.add
            (i64.xor (i64.xor (i64.rotr (local.get $y) (i64.const 19)) (i64.rotr (local.get $y) (i64.const 61))) (i64.shr_u (local.get $y) (i64.const 6)))
            (i64.load offset=640 (i32.sub (local.get $t) (i32.const 56))))
          (i64.add
            (i64.xor (i64.xor (i64.rotr (local.get $x) (i64.const 1)) (i64.rotr (local.get $x) (i64.const 8))) (i64.shr_u (local.get $x) (i64.const 7)))
            (i64.load offset=640 (i32.sub (local.get $t) (i32.const 128))))))
      (local.set $t (i32.add (local.get $t) (i32.const 8)))
      (br_if $schedule (i32.lt_u (local.get $t) (i32.const 640))))
    (local.set $a (i64.load offset=0 (local.get $s)))
    (local.set $bb (i64.load offset=8 (local.get $s)))
    (local.set $c (i64.load offset=16 (local.get $s)))
    (local.set $d (i64.load offset=24 (local.get $s)))
    (local.set $e (i64.load offset=32 (local.get $s)))
    (local.set $f (i64.load offset=40 (local.get $s)))
    (local.set $g (i64.load offset=48 (local.get $s)))
    (local.set $h (i64.load offset=56 (local.get $s)))
    (local.set $t (i32.const 0))
    (loop $round
      ;; T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]
      (local.set $t1
        (i64.add
          (i64.add
            (i64.add (local.get $h) (i64.xor (i64.xor (i64.rotr (local.get $e) (i64.const 14)) (i64.rotr (local.get $e) (i64.const 18))) (i64.rotr (local.get $e) (i64.const 41))))
            (i64.xor (local.get $g) (i64.and (local.get $e) (i64.xor (local.get $f) (local.get $g)))))
          (i64.add (i64.load (local.get $t)) (i64.load offset=640 (local.get $t)))))
      ;; T2 = Σ0(a) + Maj(a, b, c)
      (local.set $t2
        (i64.add
          (i64.xor (i64.xor (i64.rotr (local.get $a) (i64.const 28)) (i64.rotr (local.get $a) (i64.const 34))) (i64.rotr (local.get $a) (i64.const 39)))
          (i64.xor (i64.and (local.get $a) (local.get $bb))
                   (i64.and (local.get $c) (i64.xor (local.get $a) (local.get $bb))))))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i64.add (local.get $d) (local.get $t1)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $bb))
      (local.set $bb (local.get $a))
      (local.set $a (i64.add (local.get $t1) (local.get $t2)))
      (local.set $t (i32.add (local.get $t) (i32.const 8)))
      (br_if $round (i32.lt_u (local.get $t) (i32.const 640))))
    (i64.store offset=0 (local.get $o) (i64.add (i64.load offset=0 (local.get $s)) (local.get $a)))
    (i64.store offset=8 (local.get $o) (i64.add (i64.load offset=8 (local.get $s)) (local.get $bb)))
    (i64.store offset=16 (local.get $o) (i64.add (i64.load offset=16 (local.get $s)) (local.get $c)))
    (i64.store offset=24 (local.get $o) (i64.add (i64.load offset=24 (local.get $s)) (local.get $d)))
    (i64.store offset=32 (local.get $o) (i64.add (i64.load offset=32 (local.get $s)) (local.get $e)))
    (i64.store offset=40 (local.get $o) (i64.add (i64.load offset=40 (local.get $s)) (local.get $f)))
    (i64.store offset=48 (local.get $o) (i64.add (i64.load offset=48 (local.get $s)) (local.get $g)))
    (i64.store offset=56 (local.get $o) (i64.add (i64.load offset=56 (local.get $s)) (local.get $h)))))
