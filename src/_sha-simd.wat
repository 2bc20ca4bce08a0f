;; Multi-buffer HOTP kernels in WebAssembly SIMD (v128): HMAC (RFC 2104) over 8-byte counters
;; (RFC 4226 §5.2) and the dynamic truncation (§5.4), for four candidates at a time with SHA-1
;; (FIPS 180-4 §6.1.2) and SHA-224/256 (§6.2.2, §6.3: 32-bit words, one candidate per i32x4
;; lane) and two at a time with SHA-384/512 (§6.4.2, §6.5: 64-bit words, one per i64x2 lane).
;; Every lane runs the same key; only the counter differs. A window scan therefore leaves
;; JavaScript once per call, and only the 31-bit truncated values come back.
;;
;; Kinds: 0 SHA-1, 1 SHA-224, 2 SHA-256, 3 SHA-384, 4 SHA-512. One page of memory:
;;      0 …  640  SHA-512 K (80 × i64), written by src/_wasm.ts at load
;;    640 …  896  SHA-256 K (64 × i32), written at load
;;    896 … 1536  the IV of each kind, splat across lanes (128 bytes each), written at load
;;   1536 … 2816  the message schedule W (80 × v128)
;;   2816 … 2944  the keyed inner state (HMAC's key ⊕ ipad compressed), splat across lanes
;;   2944 … 3072  the keyed outer state (key ⊕ opad)
;;   3072 … 3328  the inner block: the counters in its first words, then constant padding
;;   3328 … 3584  the outer block: the inner digests in its first words, then constant padding
;;   3584 … 3712  the outer digests (the HMACs; tests read them from here)
;;   3712 … 3840  the key (at most one block, already hashed if longer), zero between calls
;;   3840 … 3845  digest words per kind (data segment)
;;   4096 …       the truncated values, one i32 per candidate
;; A word of a lane-interleaved block is one v128: word j of lane k is at base + 16j + 4k (32-bit
;; kinds) or base + 16j + 8k (64-bit kinds). Words hold their numeric values (big-endian in the
;; hash, little-endian in memory), as src/_wasm.ts writes them.
;; Built by scripts/build-wasm.mjs into src/_sha-wasm.ts (CI checks the two agree).
(module
  (memory (export "memory") 1)
  (data (i32.const 3840) "\05\07\08\06\08")

  ;; SHA-1 on four lanes: compress(statePtr, blockPtr, outPtr); the out words may be a block's.
  (func $sha1 (param $s i32) (param $b i32) (param $o i32)
    (local $t i32) (local $a v128) (local $bb v128) (local $c v128) (local $d v128) (local $e v128) (local $x v128)
    (loop $copy
      (v128.store offset=1536 (local.get $t) (v128.load (i32.add (local.get $b) (local.get $t))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $copy (i32.lt_u (local.get $t) (i32.const 256))))
    ;; W[t] = ROTL1(W[t-3] ⊕ W[t-8] ⊕ W[t-14] ⊕ W[t-16]); $t counts bytes (16 a word). ROTL1(x) is
    ;; x + x + (the top bit), without shifts: JavaScriptCore compiles v128 shifts slowly.
    (loop $schedule
      (local.set $x
        (v128.xor
          (v128.xor (v128.load offset=1488 (local.get $t)) (v128.load offset=1408 (local.get $t)))
          (v128.xor (v128.load offset=1312 (local.get $t)) (v128.load offset=1280 (local.get $t)))))
      (v128.store offset=1536 (local.get $t)
        (i32x4.sub (i32x4.add (local.get $x) (local.get $x)) (i32x4.lt_s (local.get $x) (v128.const i64x2 0 0))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $schedule (i32.lt_u (local.get $t) (i32.const 1280))))
    (local.set $a (v128.load offset=0 (local.get $s)))
    (local.set $bb (v128.load offset=16 (local.get $s)))
    (local.set $c (v128.load offset=32 (local.get $s)))
    (local.set $d (v128.load offset=48 (local.get $s)))
    (local.set $e (v128.load offset=64 (local.get $s)))
    (local.set $t (i32.const 0))
    ;; Four loops of 20 rounds: T = ROTL5(a) + f(b, c, d) + e + K + W[t]. Ch and Maj are one
    ;; bitselect each: Ch(b, c, d) = b ? c : d; Maj(b, c, d) = (b ⊕ c) ? d : c.
    (loop $p0
      (local.set $x
        (i32x4.add
          (i32x4.add
            (v128.or (i32x4.shl (local.get $a) (i32.const 5)) (i32x4.shr_u (local.get $a) (i32.const 27)))
            (v128.bitselect (local.get $c) (local.get $d) (local.get $bb)))
          (i32x4.add
            (i32x4.add (local.get $e) (v128.load offset=1536 (local.get $t)))
            (v128.const i32x4 0x5a827999 0x5a827999 0x5a827999 0x5a827999))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (v128.or (i32x4.shl (local.get $bb) (i32.const 30)) (i32x4.shr_u (local.get $bb) (i32.const 2))))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $p0 (i32.lt_u (local.get $t) (i32.const 320))))
    (loop $p1
      (local.set $x
        (i32x4.add
          (i32x4.add
            (v128.or (i32x4.shl (local.get $a) (i32.const 5)) (i32x4.shr_u (local.get $a) (i32.const 27)))
            (v128.xor (v128.xor (local.get $bb) (local.get $c)) (local.get $d)))
          (i32x4.add
            (i32x4.add (local.get $e) (v128.load offset=1536 (local.get $t)))
            (v128.const i32x4 0x6ed9eba1 0x6ed9eba1 0x6ed9eba1 0x6ed9eba1))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (v128.or (i32x4.shl (local.get $bb) (i32.const 30)) (i32x4.shr_u (local.get $bb) (i32.const 2))))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $p1 (i32.lt_u (local.get $t) (i32.const 640))))
    (loop $p2
      (local.set $x
        (i32x4.add
          (i32x4.add
            (v128.or (i32x4.shl (local.get $a) (i32.const 5)) (i32x4.shr_u (local.get $a) (i32.const 27)))
            (v128.bitselect (local.get $d) (local.get $c) (v128.xor (local.get $bb) (local.get $c))))
          (i32x4.add
            (i32x4.add (local.get $e) (v128.load offset=1536 (local.get $t)))
            (v128.const i32x4 0x8f1bbcdc 0x8f1bbcdc 0x8f1bbcdc 0x8f1bbcdc))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (v128.or (i32x4.shl (local.get $bb) (i32.const 30)) (i32x4.shr_u (local.get $bb) (i32.const 2))))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $p2 (i32.lt_u (local.get $t) (i32.const 960))))
    (loop $p3
      (local.set $x
        (i32x4.add
          (i32x4.add
            (v128.or (i32x4.shl (local.get $a) (i32.const 5)) (i32x4.shr_u (local.get $a) (i32.const 27)))
            (v128.xor (v128.xor (local.get $bb) (local.get $c)) (local.get $d)))
          (i32x4.add
            (i32x4.add (local.get $e) (v128.load offset=1536 (local.get $t)))
            (v128.const i32x4 0xca62c1d6 0xca62c1d6 0xca62c1d6 0xca62c1d6))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (v128.or (i32x4.shl (local.get $bb) (i32.const 30)) (i32x4.shr_u (local.get $bb) (i32.const 2))))
      (local.set $bb (local.get $a))
      (local.set $a (local.get $x))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $p3 (i32.lt_u (local.get $t) (i32.const 1280))))
    (v128.store offset=0 (local.get $o) (i32x4.add (v128.load offset=0 (local.get $s)) (local.get $a)))
    (v128.store offset=16 (local.get $o) (i32x4.add (v128.load offset=16 (local.get $s)) (local.get $bb)))
    (v128.store offset=32 (local.get $o) (i32x4.add (v128.load offset=32 (local.get $s)) (local.get $c)))
    (v128.store offset=48 (local.get $o) (i32x4.add (v128.load offset=48 (local.get $s)) (local.get $d)))
    (v128.store offset=64 (local.get $o) (i32x4.add (v128.load offset=64 (local.get $s)) (local.get $e))))

  ;; SHA-256 on four lanes (SHA-224 is the same from its own IV).
  (func $sha256 (param $s i32) (param $b i32) (param $o i32)
    (local $t i32) (local $a v128) (local $bb v128) (local $c v128) (local $d v128)
    (local $e v128) (local $f v128) (local $g v128) (local $h v128) (local $x v128) (local $y v128)
    (loop $copy
      (v128.store offset=1536 (local.get $t) (v128.load (i32.add (local.get $b) (local.get $t))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $copy (i32.lt_u (local.get $t) (i32.const 256))))
    ;; W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16];
    ;; σ0 = ROTR7 ⊕ ROTR18 ⊕ SHR3, σ1 = ROTR17 ⊕ ROTR19 ⊕ SHR10 (a rotation is two shifts)
    (loop $schedule
      (local.set $x (v128.load offset=1296 (local.get $t)))
      (local.set $y (v128.load offset=1504 (local.get $t)))
      (v128.store offset=1536 (local.get $t)
        (i32x4.add
          (i32x4.add
            (v128.xor
              (v128.xor
                (v128.xor (i32x4.shr_u (local.get $y) (i32.const 17)) (i32x4.shl (local.get $y) (i32.const 15)))
                (v128.xor (i32x4.shr_u (local.get $y) (i32.const 19)) (i32x4.shl (local.get $y) (i32.const 13))))
              (i32x4.shr_u (local.get $y) (i32.const 10)))
            (v128.load offset=1424 (local.get $t)))
          (i32x4.add
            (v128.xor
              (v128.xor
                (v128.xor (i32x4.shr_u (local.get $x) (i32.const 7)) (i32x4.shl (local.get $x) (i32.const 25)))
                (v128.xor (i32x4.shr_u (local.get $x) (i32.const 18)) (i32x4.shl (local.get $x) (i32.const 14))))
              (i32x4.shr_u (local.get $x) (i32.const 3)))
            (v128.load offset=1280 (local.get $t)))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $schedule (i32.lt_u (local.get $t) (i32.const 1024))))
    (local.set $a (v128.load offset=0 (local.get $s)))
    (local.set $bb (v128.load offset=16 (local.get $s)))
    (local.set $c (v128.load offset=32 (local.get $s)))
    (local.set $d (v128.load offset=48 (local.get $s)))
    (local.set $e (v128.load offset=64 (local.get $s)))
    (local.set $f (v128.load offset=80 (local.get $s)))
    (local.set $g (v128.load offset=96 (local.get $s)))
    (local.set $h (v128.load offset=112 (local.get $s)))
    (local.set $t (i32.const 0))
    (loop $round
      ;; T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t], Σ1 = ROTR6 ⊕ ROTR11 ⊕ ROTR25
      (local.set $x
        (i32x4.add
          (i32x4.add
            (i32x4.add
              (local.get $h)
              (v128.xor
                (v128.xor
                  (v128.xor (i32x4.shr_u (local.get $e) (i32.const 6)) (i32x4.shl (local.get $e) (i32.const 26)))
                  (v128.xor (i32x4.shr_u (local.get $e) (i32.const 11)) (i32x4.shl (local.get $e) (i32.const 21))))
                (v128.xor (i32x4.shr_u (local.get $e) (i32.const 25)) (i32x4.shl (local.get $e) (i32.const 7)))))
            (v128.bitselect (local.get $f) (local.get $g) (local.get $e)))
          (i32x4.add
            (v128.load32_splat offset=640 (i32.shr_u (local.get $t) (i32.const 2)))
            (v128.load offset=1536 (local.get $t)))))
      ;; T2 = Σ0(a) + Maj(a, b, c), Σ0 = ROTR2 ⊕ ROTR13 ⊕ ROTR22
      (local.set $y
        (i32x4.add
          (v128.xor
            (v128.xor
              (v128.xor (i32x4.shr_u (local.get $a) (i32.const 2)) (i32x4.shl (local.get $a) (i32.const 30)))
              (v128.xor (i32x4.shr_u (local.get $a) (i32.const 13)) (i32x4.shl (local.get $a) (i32.const 19))))
            (v128.xor (i32x4.shr_u (local.get $a) (i32.const 22)) (i32x4.shl (local.get $a) (i32.const 10))))
          (v128.bitselect (local.get $c) (local.get $bb) (v128.xor (local.get $a) (local.get $bb)))))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i32x4.add (local.get $d) (local.get $x)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $bb))
      (local.set $bb (local.get $a))
      (local.set $a (i32x4.add (local.get $x) (local.get $y)))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $round (i32.lt_u (local.get $t) (i32.const 1024))))
    (v128.store offset=0 (local.get $o) (i32x4.add (v128.load offset=0 (local.get $s)) (local.get $a)))
    (v128.store offset=16 (local.get $o) (i32x4.add (v128.load offset=16 (local.get $s)) (local.get $bb)))
    (v128.store offset=32 (local.get $o) (i32x4.add (v128.load offset=32 (local.get $s)) (local.get $c)))
    (v128.store offset=48 (local.get $o) (i32x4.add (v128.load offset=48 (local.get $s)) (local.get $d)))
    (v128.store offset=64 (local.get $o) (i32x4.add (v128.load offset=64 (local.get $s)) (local.get $e)))
    (v128.store offset=80 (local.get $o) (i32x4.add (v128.load offset=80 (local.get $s)) (local.get $f)))
    (v128.store offset=96 (local.get $o) (i32x4.add (v128.load offset=96 (local.get $s)) (local.get $g)))
    (v128.store offset=112 (local.get $o) (i32x4.add (v128.load offset=112 (local.get $s)) (local.get $h))))

  ;; SHA-512 on two lanes (SHA-384 is the same from its own IV).
  (func $sha512 (param $s i32) (param $b i32) (param $o i32)
    (local $t i32) (local $a v128) (local $bb v128) (local $c v128) (local $d v128)
    (local $e v128) (local $f v128) (local $g v128) (local $h v128) (local $x v128) (local $y v128)
    (loop $copy
      (v128.store offset=1536 (local.get $t) (v128.load (i32.add (local.get $b) (local.get $t))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $copy (i32.lt_u (local.get $t) (i32.const 256))))
    ;; σ0 = ROTR1 ⊕ ROTR8 ⊕ SHR7, σ1 = ROTR19 ⊕ ROTR61 ⊕ SHR6
    (loop $schedule
      (local.set $x (v128.load offset=1296 (local.get $t)))
      (local.set $y (v128.load offset=1504 (local.get $t)))
      (v128.store offset=1536 (local.get $t)
        (i64x2.add
          (i64x2.add
            (v128.xor
              (v128.xor
                (v128.xor (i64x2.shr_u (local.get $y) (i32.const 19)) (i64x2.shl (local.get $y) (i32.const 45)))
                (v128.xor (i64x2.shr_u (local.get $y) (i32.const 61)) (i64x2.shl (local.get $y) (i32.const 3))))
              (i64x2.shr_u (local.get $y) (i32.const 6)))
            (v128.load offset=1424 (local.get $t)))
          (i64x2.add
            (v128.xor
              (v128.xor
                (v128.xor (i64x2.shr_u (local.get $x) (i32.const 1)) (i64x2.shl (local.get $x) (i32.const 63)))
                (v128.xor (i64x2.shr_u (local.get $x) (i32.const 8)) (i64x2.shl (local.get $x) (i32.const 56))))
              (i64x2.shr_u (local.get $x) (i32.const 7)))
            (v128.load offset=1280 (local.get $t)))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $schedule (i32.lt_u (local.get $t) (i32.const 1280))))
    (local.set $a (v128.load offset=0 (local.get $s)))
    (local.set $bb (v128.load offset=16 (local.get $s)))
    (local.set $c (v128.load offset=32 (local.get $s)))
    (local.set $d (v128.load offset=48 (local.get $s)))
    (local.set $e (v128.load offset=64 (local.get $s)))
    (local.set $f (v128.load offset=80 (local.get $s)))
    (local.set $g (v128.load offset=96 (local.get $s)))
    (local.set $h (v128.load offset=112 (local.get $s)))
    (local.set $t (i32.const 0))
    (loop $round
      ;; Σ1 = ROTR14 ⊕ ROTR18 ⊕ ROTR41
      (local.set $x
        (i64x2.add
          (i64x2.add
            (i64x2.add
              (local.get $h)
              (v128.xor
                (v128.xor
                  (v128.xor (i64x2.shr_u (local.get $e) (i32.const 14)) (i64x2.shl (local.get $e) (i32.const 50)))
                  (v128.xor (i64x2.shr_u (local.get $e) (i32.const 18)) (i64x2.shl (local.get $e) (i32.const 46))))
                (v128.xor (i64x2.shr_u (local.get $e) (i32.const 41)) (i64x2.shl (local.get $e) (i32.const 23)))))
            (v128.bitselect (local.get $f) (local.get $g) (local.get $e)))
          (i64x2.add
            (v128.load64_splat (i32.shr_u (local.get $t) (i32.const 1)))
            (v128.load offset=1536 (local.get $t)))))
      ;; Σ0 = ROTR28 ⊕ ROTR34 ⊕ ROTR39
      (local.set $y
        (i64x2.add
          (v128.xor
            (v128.xor
              (v128.xor (i64x2.shr_u (local.get $a) (i32.const 28)) (i64x2.shl (local.get $a) (i32.const 36)))
              (v128.xor (i64x2.shr_u (local.get $a) (i32.const 34)) (i64x2.shl (local.get $a) (i32.const 30))))
            (v128.xor (i64x2.shr_u (local.get $a) (i32.const 39)) (i64x2.shl (local.get $a) (i32.const 25))))
          (v128.bitselect (local.get $c) (local.get $bb) (v128.xor (local.get $a) (local.get $bb)))))
      (local.set $h (local.get $g))
      (local.set $g (local.get $f))
      (local.set $f (local.get $e))
      (local.set $e (i64x2.add (local.get $d) (local.get $x)))
      (local.set $d (local.get $c))
      (local.set $c (local.get $bb))
      (local.set $bb (local.get $a))
      (local.set $a (i64x2.add (local.get $x) (local.get $y)))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $round (i32.lt_u (local.get $t) (i32.const 1280))))
    (v128.store offset=0 (local.get $o) (i64x2.add (v128.load offset=0 (local.get $s)) (local.get $a)))
    (v128.store offset=16 (local.get $o) (i64x2.add (v128.load offset=16 (local.get $s)) (local.get $bb)))
    (v128.store offset=32 (local.get $o) (i64x2.add (v128.load offset=32 (local.get $s)) (local.get $c)))
    (v128.store offset=48 (local.get $o) (i64x2.add (v128.load offset=48 (local.get $s)) (local.get $d)))
    (v128.store offset=64 (local.get $o) (i64x2.add (v128.load offset=64 (local.get $s)) (local.get $e)))
    (v128.store offset=80 (local.get $o) (i64x2.add (v128.load offset=80 (local.get $s)) (local.get $f)))
    (v128.store offset=96 (local.get $o) (i64x2.add (v128.load offset=96 (local.get $s)) (local.get $g)))
    (v128.store offset=112 (local.get $o) (i64x2.add (v128.load offset=112 (local.get $s)) (local.get $h))))

  (func $compress (param $kind i32) (param $s i32) (param $b i32) (param $o i32)
    (if (i32.eqz (local.get $kind))
      (then (call $sha1 (local.get $s) (local.get $b) (local.get $o)))
      (else
        (if (i32.lt_u (local.get $kind) (i32.const 3))
          (then (call $sha256 (local.get $s) (local.get $b) (local.get $o)))
          (else (call $sha512 (local.get $s) (local.get $b) (local.get $o)))))))

  ;; The padding after the inner digest in the outer block (FIPS 180-4 §5.1): the 0x80 byte as the
  ;; word after the digest, then zero words up to the eighth. The inner compression wrote its
  ;; whole state there (eight words for SHA-224 and SHA-384, of which the digest is 7 or 6).
  (func $repad (param $kind i32)
    (local $j i32)
    (local.set $j (i32.shl (i32.load8_u offset=3840 (local.get $kind)) (i32.const 4)))
    (v128.store offset=3328 (local.get $j)
      (select
        (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)
        (v128.const i32x4 0 0x80000000 0 0x80000000)
        (i32.lt_u (local.get $kind) (i32.const 3))))
    (block $done
      (loop $zero
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br_if $done (i32.ge_u (local.get $j) (i32.const 128)))
        (v128.store offset=3328 (local.get $j) (v128.const i64x2 0 0))
        (br $zero))))

  ;; Writes both blocks' constant words for `kind`: zeros, the 0x80 byte after the counter and
  ;; after the inner digest, and the message lengths in bits counting the key block before each.
  (func $pad (export "pad") (param $kind i32)
    (local $t i32)
    (loop $zero
      (v128.store offset=3072 (local.get $t) (v128.const i64x2 0 0))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $t) (i32.const 512))))
    (call $repad (local.get $kind))
    (if (i32.lt_u (local.get $kind) (i32.const 3))
      (then
        (v128.store (i32.const 3104) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
        (v128.store (i32.const 3312) (v128.const i32x4 576 576 576 576))
        (v128.store (i32.const 3568)
          (i32x4.splat (i32.shl (i32.add (i32.const 64) (i32.shl (i32.load8_u offset=3840 (local.get $kind)) (i32.const 2))) (i32.const 3)))))
      (else
        (v128.store (i32.const 3088) (v128.const i32x4 0 0x80000000 0 0x80000000))
        (v128.store (i32.const 3312) (v128.const i64x2 1088 1088))
        (v128.store (i32.const 3568)
          (i64x2.splat (i64.extend_i32_u (i32.shl (i32.add (i32.const 128) (i32.shl (i32.load8_u offset=3840 (local.get $kind)) (i32.const 3))) (i32.const 3))))))))

  ;; HMAC's keyed states for the key at 3712 (zero-padded to a block): lane 0 compresses
  ;; key ⊕ ipad and lane 1 key ⊕ opad from the IV, in one call; each result is then splat across
  ;; the lanes of the inner and outer state. The key bytes are cleared, then the blocks padded.
  (func (export "key") (param $kind i32)
    (local $t i32)
    (if (i32.lt_u (local.get $kind) (i32.const 3))
      (then
        (loop $words
          (v128.store offset=3072 (i32.shl (local.get $t) (i32.const 2))
            (v128.xor
              (i8x16.swizzle (v128.load32_splat offset=3712 (local.get $t))
                (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12))
              (v128.const i32x4 0x36363636 0x5c5c5c5c 0x36363636 0x5c5c5c5c)))
          (local.set $t (i32.add (local.get $t) (i32.const 4)))
          (br_if $words (i32.lt_u (local.get $t) (i32.const 64))))
        (call $compress (local.get $kind) (i32.add (i32.const 896) (i32.shl (local.get $kind) (i32.const 7))) (i32.const 3072) (i32.const 3584))
        (local.set $t (i32.const 0))
        (loop $splat
          (v128.store offset=2816 (local.get $t) (v128.load32_splat offset=3584 (local.get $t)))
          (v128.store offset=2944 (local.get $t) (v128.load32_splat offset=3588 (local.get $t)))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $splat (i32.lt_u (local.get $t) (i32.const 128)))))
      (else
        (loop $words
          (v128.store offset=3072 (i32.shl (local.get $t) (i32.const 1))
            (v128.xor
              (i8x16.swizzle (v128.load64_splat offset=3712 (local.get $t))
                (v128.const i8x16 7 6 5 4 3 2 1 0 15 14 13 12 11 10 9 8))
              (v128.const i32x4 0x36363636 0x36363636 0x5c5c5c5c 0x5c5c5c5c)))
          (local.set $t (i32.add (local.get $t) (i32.const 8)))
          (br_if $words (i32.lt_u (local.get $t) (i32.const 128))))
        (call $compress (local.get $kind) (i32.add (i32.const 896) (i32.shl (local.get $kind) (i32.const 7))) (i32.const 3072) (i32.const 3584))
        (local.set $t (i32.const 0))
        (loop $splat
          (v128.store offset=2816 (local.get $t) (v128.load64_splat offset=3584 (local.get $t)))
          (v128.store offset=2944 (local.get $t) (v128.load64_splat offset=3592 (local.get $t)))
          (local.set $t (i32.add (local.get $t) (i32.const 16)))
          (br_if $splat (i32.lt_u (local.get $t) (i32.const 128))))))
    ;; Clear the key and the key blocks' message schedule (any 16 consecutive words of it give the
    ;; key back); the blocks themselves are rewritten by $pad.
    (local.set $t (i32.const 1536))
    (loop $clear
      (v128.store (local.get $t) (v128.const i64x2 0 0))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $clear (i32.lt_u (local.get $t) (i32.const 2816))))
    (local.set $t (i32.const 3712))
    (loop $clear
      (v128.store (local.get $t) (v128.const i64x2 0 0))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br_if $clear (i32.lt_u (local.get $t) (i32.const 3840))))
    (call $pad (local.get $kind)))

  ;; The truncated values of `count` consecutive counters from hi ‖ lo (RFC 4226 §5.3), written
  ;; from 4096 on, lanes at a time (so up to three values past `count` are written too). Per
  ;; lane: offset = low nibble of the digest's last byte (errata 6756); the 4 bytes from there,
  ;; read across word boundaries with two shifts (the second split in two so a shift of 0 works).
  (func (export "scan") (param $kind i32) (param $hi i32) (param $lo i32) (param $count i32)
    (local $n i32) (local $c i64) (local $last i32) (local $k i32) (local $p i32) (local $offset i32) (local $shift i32)
    (local.set $c (i64.or (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32)) (i64.extend_i32_u (local.get $lo))))
    (local.set $last (i32.shl (i32.sub (i32.load8_u offset=3840 (local.get $kind)) (i32.const 1)) (i32.const 4)))
    (loop $group
      (if (i32.lt_u (local.get $kind) (i32.const 3))
        (then
          ;; lo + lane, and hi + the carry out of it (lt_u gives -1 where the low word wrapped: subtract it)
          (v128.store (i32.const 3088)
            (i32x4.add (i32x4.splat (i32.wrap_i64 (local.get $c))) (v128.const i32x4 0 1 2 3)))
          (v128.store (i32.const 3072)
            (i32x4.sub (i32x4.splat (i32.wrap_i64 (i64.shr_u (local.get $c) (i64.const 32))))
              (i32x4.lt_u (v128.load (i32.const 3088)) (i32x4.splat (i32.wrap_i64 (local.get $c))))))
          (call $compress (local.get $kind) (i32.const 2816) (i32.const 3072) (i32.const 3328))
          (call $repad (local.get $kind))
          (call $compress (local.get $kind) (i32.const 2944) (i32.const 3328) (i32.const 3584))
          (local.set $k (i32.const 0))
          (loop $lane
            (local.set $p (i32.add (i32.const 3584) (local.get $k)))
            (local.set $offset (i32.and (i32.load offset=0 (i32.add (local.get $p) (local.get $last))) (i32.const 15)))
            (local.set $p (i32.add (local.get $p) (i32.shl (i32.shr_u (local.get $offset) (i32.const 2)) (i32.const 4))))
            (local.set $shift (i32.shl (i32.and (local.get $offset) (i32.const 3)) (i32.const 3)))
            (i32.store offset=4096 (i32.add (i32.shl (local.get $n) (i32.const 2)) (local.get $k))
              (i32.and
                (i32.or
                  (i32.shl (i32.load (local.get $p)) (local.get $shift))
                  (i32.shr_u (i32.shr_u (i32.load offset=16 (local.get $p)) (i32.const 1)) (i32.sub (i32.const 31) (local.get $shift))))
                (i32.const 0x7fffffff)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br_if $lane (i32.lt_u (local.get $k) (i32.const 16))))
          (local.set $n (i32.add (local.get $n) (i32.const 4)))
          (local.set $c (i64.add (local.get $c) (i64.const 4))))
        (else
          (v128.store (i32.const 3072) (i64x2.add (i64x2.splat (local.get $c)) (v128.const i64x2 0 1)))
          (call $sha512 (i32.const 2816) (i32.const 3072) (i32.const 3328))
          (call $repad (local.get $kind))
          (call $sha512 (i32.const 2944) (i32.const 3328) (i32.const 3584))
          (local.set $k (i32.const 0))
          (loop $lane
            (local.set $p (i32.add (i32.const 3584) (local.get $k)))
            (local.set $offset (i32.and (i32.load offset=0 (i32.add (local.get $p) (local.get $last))) (i32.const 15)))
            (local.set $p (i32.add (local.get $p) (i32.shl (i32.shr_u (local.get $offset) (i32.const 3)) (i32.const 4))))
            (local.set $shift (i32.shl (i32.and (local.get $offset) (i32.const 7)) (i32.const 3)))
            (i32.store offset=4096 (i32.add (i32.shl (local.get $n) (i32.const 2)) (i32.shr_u (local.get $k) (i32.const 1)))
              (i32.and
                (i32.wrap_i64
                  (i64.shr_u
                    (i64.or
                      (i64.shl (i64.load (local.get $p)) (i64.extend_i32_u (local.get $shift)))
                      (i64.shr_u (i64.shr_u (i64.load offset=16 (local.get $p)) (i64.const 1)) (i64.extend_i32_u (i32.sub (i32.const 63) (local.get $shift)))))
                    (i64.const 32)))
                (i32.const 0x7fffffff)))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br_if $lane (i32.lt_u (local.get $k) (i32.const 16))))
          (local.set $n (i32.add (local.get $n) (i32.const 2)))
          (local.set $c (i64.add (local.get $c) (i64.const 2)))))
      (br_if $group (i32.lt_u (local.get $n) (local.get $count)))))
)
