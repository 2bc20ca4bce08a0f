;; The SHA-1 and SHA-512 compression functions (FIPS 180-4 §6.1.2, §6.4.2) in
;; WebAssembly, for the HMAC kernel of src/_kernel.ts: JavaScript has no 64-bit integers, and its
;; 32-bit arithmetic pays for type checks WebAssembly does not have. One page of memory:
;;   0 … 640   SHA-512 K (80 64-bit words, written by src/_wasm.ts at load)
;;   640 … 1280  SHA-512 schedule W
;;   1792 … 2112 SHA-1 schedule W
;;   2200 … 2496 sha1Otp: inner and outer states, inner and outer blocks, digest
;;   4096 …      the caller's state, block and output (src/_wasm.ts)
;; 64-bit words are little-endian in memory; src/_wasm.ts swaps the 32-bit halves when it copies.
;; Each function is compress(statePtr, blockPtr, outPtr); outPtr may equal statePtr.
;; Built by scripts/build-wasm.mjs into src/_sha-wasm.ts (CI checks the two agree).
(module
  (memory (export "memory") 1)
  (func (export "sha512") (param $s i32) (param $b i32) (param $o i32)
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
    (i64.store offset=56 (local.get $o) (i64.add (i64.load offset=56 (local.get $s)) (local.get $h))))

  ;; SHA-1 (FIPS 180-4 §6.1.2): W at 1792 (80 32-bit words).
  (func $sha1 (export "sha1") (param $s i32) (param $b i32) (param $o i32)
    (local $t i32) (local $a i32) (local $bb i32) (local $c i32) (local $d i32) (local $e i32) (local $x i32)
    (loop $copy
      (i32.store offset=1792 (local.get $t) (i32.load (i32.add (local.get $b) (local.get $t))))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br_if $copy (i32.lt_u (local.get $t) (i32.const 64))))
    (loop $schedule
      (i32.store offset=1792 (local.get $t)
        (i32.rotl
          (i32.xor
            (i32.xor (i32.load offset=1780 (local.get $t)) (i32.load offset=1760 (local.get $t)))
            (i32.xor (i32.load offset=1736 (local.get $t)) (i32.load offset=1728 (local.get $t))))
          (i32.const 1)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br_if $schedule (i32.lt_u (local.get $t) (i32.const 320))))
    (local.set $a (i32.load offset=0 (local.get $s)))
    (local.set $bb (i32.load offset=4 (local.get $s)))
    (local.set $c (i32.load offset=8 (local.get $s)))
    (local.set $d (i32.load offset=12 (local.get $s)))
    (local.set $e (i32.load offset=16 (local.get $s)))
    (local.set $t (i32.const 0))
    (loop $p0
      (local.set $x (i32.add (i32.add (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.xor (local.get $d) (i32.and (local.get $bb) (i32.xor (local.get $c) (local.get $d)))))
                                      (i32.add (local.get $e) (i32.load offset=1792 (local.get $t))))
                             (i32.const 0x5a827999)))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $bb) (i32.const 30)))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br_if $p0 (i32.lt_u (local.get $t) (i32.const 80))))
    (loop $p1
      (local.set $x (i32.add (i32.add (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.xor (i32.xor (local.get $bb) (local.get $c)) (local.get $d)))
                                      (i32.add (local.get $e) (i32.load offset=1792 (local.get $t))))
                             (i32.const 0x6ed9eba1)))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $bb) (i32.const 30)))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br_if $p1 (i32.lt_u (local.get $t) (i32.const 160))))
    (loop $p2
      (local.set $x (i32.add (i32.add (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.or (i32.and (local.get $bb) (local.get $c)) (i32.and (local.get $d) (i32.or (local.get $bb) (local.get $c)))))
                                      (i32.add (local.get $e) (i32.load offset=1792 (local.get $t))))
                             (i32.const 0x8f1bbcdc)))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $bb) (i32.const 30)))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br_if $p2 (i32.lt_u (local.get $t) (i32.const 240))))
    (loop $p3
      (local.set $x (i32.add (i32.add (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.xor (i32.xor (local.get $bb) (local.get $c)) (local.get $d)))
                                      (i32.add (local.get $e) (i32.load offset=1792 (local.get $t))))
                             (i32.const 0xca62c1d6)))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $bb) (i32.const 30)))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br_if $p3 (i32.lt_u (local.get $t) (i32.const 320))))
    (i32.store offset=0 (local.get $o) (i32.add (i32.load offset=0 (local.get $s)) (local.get $a)))
    (i32.store offset=4 (local.get $o) (i32.add (i32.load offset=4 (local.get $s)) (local.get $bb)))
    (i32.store offset=8 (local.get $o) (i32.add (i32.load offset=8 (local.get $s)) (local.get $c)))
    (i32.store offset=12 (local.get $o) (i32.add (i32.load offset=12 (local.get $s)) (local.get $d)))
    (i32.store offset=16 (local.get $o) (i32.add (i32.load offset=16 (local.get $s)) (local.get $e))))
;; One HOTP candidate with SHA-1, whole (RFC 4226 §5.3 over RFC 2104's HMAC): the keyed inner
  ;; and outer states at 2200 and 2240, the inner block at 2304 and the outer block at 2368 with
  ;; their constant padding written once by src/_wasm.ts; this writes the counter, runs the two
  ;; compressions (the inner digest lands in the outer block) and returns the 31-bit dynamic
  ;; truncation of the digest (offset from the low nibble of its last byte, errata 6756).
  (func (export "sha1Otp") (param $hi i32) (param $lo i32) (result i32)
    (local $offset i32) (local $i i32) (local $shift i32)
    (i32.store (i32.const 2304) (local.get $hi))
    (i32.store (i32.const 2308) (local.get $lo))
    (call $sha1 (i32.const 2200) (i32.const 2304) (i32.const 2368))
    (call $sha1 (i32.const 2240) (i32.const 2368) (i32.const 2432))
    (local.set $offset (i32.and (i32.load (i32.const 2448)) (i32.const 15)))
    (local.set $i (i32.add (i32.const 2432) (i32.shl (i32.shr_u (local.get $offset) (i32.const 2)) (i32.const 2))))
    (local.set $shift (i32.shl (i32.and (local.get $offset) (i32.const 3)) (i32.const 3)))
    (i32.and
      (select
        (i32.load (local.get $i))
        (i32.or
          (i32.shl (i32.load (local.get $i)) (local.get $shift))
          (i32.shr_u (i32.load offset=4 (local.get $i)) (i32.sub (i32.const 32) (local.get $shift))))
        (i32.eqz (local.get $shift)))
      (i32.const 0x7fffffff)))
)
